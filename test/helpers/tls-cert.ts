/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command (as on any machine with
 * Node's TLS), for the local HTTP/2 index of the tests and the benchmark. The client is told to trust it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsCert {
  key: string;
  cert: string;
}

let made: TlsCert | undefined;

/** One certificate per process (a P-256 key: openssl makes it in milliseconds). */
export function selfSignedCert(): TlsCert {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'pingate-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        '/CN=pingate test index',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-days',
        '2',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    made = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
