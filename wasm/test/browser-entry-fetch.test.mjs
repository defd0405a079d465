// The browser entry (index.js) compiles the module it fetches itself, while it streams in, and
// falls back as the wasm-bindgen glue does: a server that does not say `application/wasm` gets
// the module compiled from its bytes, a failed download rejects the import with the glue's
// message. Its own file so that node:test runs it in a fresh process (no module instantiated
// yet); fetch is replaced by one that serves the package folder as each test says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const entry = new URL('../pkg/index.js', import.meta.url);
let serve = null;
globalThis.fetch = async (url) => serve(url);

test('a failed download rejects the import, naming the status', async () => {
  serve = async () =>
    new Response('not here', { status: 404, statusText: 'Not Found', headers: { 'content-type': 'text/plain' } });
  await assert.rejects(import(`${entry}?missing`), /failed to fetch Wasm: 404 Not Found/);
});

test('a module served without the WebAssembly type is compiled from its bytes', async () => {
  const requested = [];
  serve = async (url) => {
    requested.push(String(url));
    return new Response(readFileSync(new URL(url)), { headers: { 'content-type': 'application/octet-stream' } });
  };
  const attesta = await import(`${entry}?octet-stream`);
  assert.equal(requested.length, 1);
  assert.match(requested[0], /\/attesta_wasm_bg\.wasm$/);
  const report = attesta.validate('{"schema_version": "1.0", "id": "r", "person": {"id": "p"}}');
  assert.deepEqual(report, { valid: true, findings: [] });
  assert.equal(attesta.loadFramework([]).ids()[0], 'rrfp_toscana');
});
