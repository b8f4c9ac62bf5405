/**
 * The fake index as a process of its own (for the benchmark and end-to-end tests), so its CPU is not counted
 * against pingate: `node --import tsx test/fakes/index-server/main.ts --count 1000 --seed 1 --delay 50`.
 * `--tls-key FILE --tls-cert FILE`: HTTPS with HTTP/2 and HTTP/1.1 offered by ALPN, as PyPI does.
 * Prints one JSON line `{"url": …, "simpleUrl": …}` on stdout once listening; stops on SIGTERM or SIGINT.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateProjects } from './generate.js';
import { startIndexServer } from './server.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    delay: { type: 'string', default: '50' },
    'tls-key': { type: 'string' },
    'tls-cert': { type: 'string' },
  },
});
const keyFile = values['tls-key'];
const certFile = values['tls-cert'];

const server = await startIndexServer({
  projects: generateProjects(Number(values.count), Number(values.seed)),
  delayMs: Number(values.delay),
  record: false,
  ...(keyFile && certFile
    ? { tls: { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') } }
    : {}),
});
process.stdout.write(`${JSON.stringify({ url: server.url, simpleUrl: server.simpleUrl })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close().finally(() => process.exit(0));
  });
}
