/**
 * A local package index holding this repository's pins and their (illustrative) release histories, so that
 * `pingate plan` can be tried on this checkout without reaching PyPI:
 *
 *   npm run local-index                       # or: npm run local-index -- --port 9000
 *   PIP_INDEX_URL=http://127.0.0.1:8765/pypi/ npm start
 *   PIP_INDEX_URL=http://127.0.0.1:8765/simple/ npm start -- --now 2026-11-21T10:00:00Z
 *
 * Serves PyPI's JSON API under /pypi/ and the Simple API under /simple/ on 127.0.0.1 until Ctrl-C.
 * The data is test/fixtures/index/repository-projects.ts. The fake index listens on a port of its own choosing, so
 * this script forwards the chosen port to it; file and metadata links in its pages name that other port.
 */
import { Agent, createServer, request } from 'node:http';
import { parseArgs } from 'node:util';
import { startIndexServer } from '../test/fakes/index-server/server.js';
import { repositoryProjects } from '../test/fixtures/index/repository-projects.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8765' },
    delay: { type: 'string', default: '0' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write(
    `--port must be a whole number from 1 to 65535, found ${JSON.stringify(values.port)}\n`,
  );
  process.exit(2);
}

const projects = repositoryProjects();
const index = await startIndexServer({ projects, delayMs: Number(values.delay) || 0, record: false });
const target = new URL(index.url);
const agent = new Agent({ keepAlive: true });
const front = createServer((incoming, outgoing) => {
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      path: incoming.url,
      method: incoming.method,
      headers: incoming.headers,
      agent,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', (error) => outgoing.writeHead(502).end(String(error)));
  incoming.pipe(upstream);
});
front.on('error', (error) => {
  process.stderr.write(`cannot listen on 127.0.0.1:${port}: ${error.message}; choose another with --port\n`);
  process.exit(1);
});
front.listen(port, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${port}`;
  process.stdout.write(
    `serving ${projects.length} projects on ${base}/pypi/ (JSON API) and ${base}/simple/ (Simple API)\n` +
      `try: PIP_INDEX_URL=${base}/pypi/ npm start\n`,
  );
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    front.close();
    front.closeAllConnections();
    agent.destroy();
    index.close().finally(() => process.exit(0));
  });
}
