// The browsers' entry point (index.js, the "default" export condition) in Node: it fetches the
// module next to itself (import.meta.url) with top-level await. Node's fetch cannot read file:
// URLs, so fetch is replaced by one that serves the package folder and records what was asked.
// Its own file so that node:test runs it in a fresh process (no module instantiated yet).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const requested = [];
globalThis.fetch = async (url) => {
  requested.push(String(url));
  return new Response(readFileSync(new URL(url)), {
    headers: { 'content-type': 'application/wasm' },
  });
};

const manifest = JSON.parse(readFileSync(new URL('../pkg/package.json', import.meta.url), 'utf8'));

test('package.json sends Node to node.js and everything else to index.js', () => {
  assert.equal(manifest.name, 'attesta');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], {
    types: './index.d.ts',
    node: './node.js',
    default: './index.js',
  });
});

test('index.js loads the module with one fetch and validates', async () => {
  const attesta = await import(new URL(`../pkg/${manifest.exports['.'].default}`, import.meta.url));
  assert.equal(requested.length, 1);
  assert.match(requested[0], /\/attesta_wasm_bg\.wasm$/);
  const report = attesta.validate('{"schema_version": "1.0", "id": "r", "person": {"id": "p"}}');
  assert.deepEqual(report, { valid: true, findings: [] });
  assert.equal(requested.length, 1, 'no request after load');
});
