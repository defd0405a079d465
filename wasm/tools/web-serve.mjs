// A tiny static file server for the offline form (target/web): `make web` runs it and the
// browser test imports `serve`. Only GET/HEAD of files under the root, on 127.0.0.1 only (the
// form holds personal data: it must not be reachable from the network), with the MIME types a
// browser needs (application/wasm lets the module compile while it streams).
//
// Usage: node wasm/tools/web-serve.mjs ROOT [PORT]   (PORT 0 or absent: 8080; Ctrl-C stops)
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.attb': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  // Project Fluent catalogues (data/l10n/<lang>/*.ftl), read as text.
  '.ftl': 'text/plain; charset=utf-8',
};

/** The file a request path names under `root`, or null when it is outside it or not a file. */
function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = resolve(join(root, relative));
  // `..` segments are resolved first, so anything that escapes the root is refused here.
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves `root` on 127.0.0.1:`port` (0: a free port chosen by the system).
 * Resolves to `{ server, url }` once listening.
 */
export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(base, request.url ?? '/');
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      // The form is rebuilt by `make web`; a stale cached module would not match its glue.
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${bound}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, portText = '8080'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: web-serve.mjs ROOT [PORT]');
    process.exit(2);
  }
  const port = Number.parseInt(portText, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`web-serve: not a port number: ${portText}`);
    process.exit(2);
  }
  serve(root, port).then(
    ({ url }) => console.log(`web: the form is at ${url}  (Ctrl-C stops the server)`),
    (error) => {
      console.error(`web-serve: cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}`);
      process.exit(1);
    },
  );
}
