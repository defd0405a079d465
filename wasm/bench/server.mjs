// A static file server on 127.0.0.1 for the browser benchmarks: URL prefixes mapped onto folders,
// nothing else reachable (paths are resolved and must stay inside their folder). It sends the
// COOP/COEP headers that make the page cross-origin isolated, so performance.now() in the page
// is precise to microseconds instead of the 100 µs a plain page gets.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  // instantiateStreaming needs this exact type.
  '.wasm': 'application/wasm',
};

/** The file `urlPath` names under `mounts` ({'/pkg/': '/abs/dir', ...}), or null. */
function fileFor(mounts, urlPath) {
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (!urlPath.startsWith(prefix)) continue;
    const root = resolve(dir);
    const file = resolve(root, `.${sep}${decodeURIComponent(urlPath.slice(prefix.length))}`);
    if (file !== root && !file.startsWith(root + sep)) return null;
    try {
      return statSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Starts the server on a free port; resolves to { origin, close() }. */
export function serve(mounts) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = fileFor(mounts, path);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      done({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((closed) => server.close(closed)),
      });
    });
  });
}
