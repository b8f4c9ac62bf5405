/** A PEP 503 Simple API on 127.0.0.1 serving a test universe as installable wheels, for pip's `--index-url`. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizeName } from '../../src/versioning/normalize.js';
import { buildWheel, wheelFilename } from '../fakes/index-server/wheel.js';
import type { Universe } from '../resolver/universe.js';

export interface SimpleIndex {
  url: string;
  /** Serve another universe from now on. */
  serve(universe: Universe): void;
  close(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startSimpleIndex(): Promise<SimpleIndex> {
  let projects = new Map<string, { name: string; universe: Universe[string] }>();
  const wheels = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const wheel = path.startsWith('/files/') ? wheels.get(path.slice(7)) : undefined;
    if (wheel) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': wheel.length });
      res.end(wheel);
      return;
    }
    const m = /^\/simple\/([^/]+)\/?$/.exec(path);
    const project = m ? projects.get(normalizeName(m[1]!)) : undefined;
    if (!project) {
      res.writeHead(404).end('not found');
      return;
    }
    const links = Object.entries(project.universe).map(([version, r]) => {
      const filename = wheelFilename({ name: project.name, version });
      const attrs = [
        `href="/files/${filename}"`,
        ...(r.requiresPython ? [`data-requires-python="${escapeHtml(r.requiresPython)}"`] : []),
        ...(r.yanked ? ['data-yanked=""'] : []),
      ];
      return `<a ${attrs.join(' ')}>${filename}</a><br/>`;
    });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!DOCTYPE html><html><body>\n${links.join('\n')}\n</body></html>\n`);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    serve(universe) {
      projects = new Map();
      wheels.clear();
      for (const [name, releases] of Object.entries(universe)) {
        projects.set(normalizeName(name), { name, universe: releases });
        for (const [version, r] of Object.entries(releases)) {
          const spec = {
            name,
            version,
            requiresDist: r.requires ?? [],
            ...(r.requiresPython ? { requiresPython: r.requiresPython } : {}),
          };
          wheels.set(wheelFilename(spec), buildWheel(spec));
        }
      }
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
