// A static file server on 127.0.0.1 for the browser benchmarks: URL prefixes mapped onto folders,
// nothing else reachable (paths are resolved and must stay inside their folder). It sends the
// COOP/COEP headers that make the page cross-origin isolated, so performance.now() in the page
// is precise to microseconds instead of the 100 µs a plain page gets.
//
// It runs in a worker thread of its own and answers each request with the whole file at once,
// read synchronously (the bench's files are in the page cache): the server is the fixture, not
// what is measured. On the main thread it shared the event loop with the driver (playwright-core
// reading the browser's protocol messages) and streamed files through libuv's thread pool, a
// hop per 64 KB chunk; on the shared 2-core machine the slow cold-start pages were pages where
// it answered a 1.6 KB file in 100-230 ms instead of 2 (timestamps taken on both sides; see
// wasm/README.md, "Cold start"). A static server in front of real users (a web server reading
// from the page cache, in a process of its own) does not wait like that.
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

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

/** The worker: serves `mounts` on a free port and posts the port to the main thread. */
function runServer(mounts) {
  const server = createServer((req, res) => {
    let body = null;
    try {
      const file = fileFor(mounts, new URL(req.url ?? '/', 'http://localhost').pathname);
      body = file && { type: TYPES[extname(file)] ?? 'application/octet-stream', bytes: readFileSync(file) };
    } catch {
      // A malformed escape or a file that went away: not found, like a path outside the folders.
    }
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': body.type,
      'content-length': body.bytes.length,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    res.end(body.bytes);
  });
  server.once('error', (error) => parentPort.postMessage({ error: error.message }));
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
}

if (!isMainThread && workerData?.attestaBenchServer) runServer(workerData.mounts);

/** Starts the server on a free port; resolves to { origin, close() }. */
export function serve(mounts) {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { attestaBenchServer: true, mounts },
  });
  return new Promise((done, fail) => {
    worker.once('error', fail);
    worker.once('message', ({ port, error }) => {
      if (error) {
        worker.terminate();
        fail(new Error(`bench server: ${error}`));
        return;
      }
      done({
        origin: `http://127.0.0.1:${port}`,
        close: () => worker.terminate().then(() => undefined),
      });
    });
  });
}
