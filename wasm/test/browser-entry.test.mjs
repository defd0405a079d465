// The browsers' entry points (index.js, cases.js and credentials.js, the "default" export
// conditions) in Node: each fetches its module next to itself (import.meta.url) with top-level
// await, the case module only when `attesta/cases` is imported, the credential module only when
// `attesta/credentials` is. Node's fetch cannot read file:
// URLs, so fetch is replaced by one that serves the package folder and records what was asked.
// Its own file so that node:test runs it in a fresh process (no module instantiated yet).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
  assert.deepEqual(manifest.exports['./cases'], {
    types: './cases.d.ts',
    node: './cases-node.js',
    default: './cases.js',
  });
  assert.deepEqual(manifest.exports['./credentials'], {
    types: './credentials.d.ts',
    node: './credentials-node.js',
    default: './credentials.js',
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

test('cases.js fetches the case module only when imported, once', async () => {
  assert.equal(requested.filter((url) => /attesta_cases_bg\.wasm$/.test(url)).length, 0);
  const cases = await import(new URL(`../pkg/${manifest.exports['./cases'].default}`, import.meta.url));
  assert.deepEqual(
    requested.map((url) => url.replace(/^.*\//, '')),
    ['attesta_wasm_bg.wasm', 'attesta_cases_bg.wasm'],
  );
  const open = JSON.parse(readFileSync(new URL('../../data/demo/case-450/00-open-case.json', import.meta.url), 'utf8'));
  const kase = cases.Case.open(open, { actor: 'op-eitc-01', at: '2025-09-01T08:30:00Z' });
  assert.equal(kase.events().length, 1);
  assert.equal(requested.length, 2, 'no request after load');
});

test('credentials.js fetches the credential module only when imported, once', async () => {
  assert.equal(requested.filter((url) => /attesta_credentials_bg\.wasm$/.test(url)).length, 0);
  const before = requested.length;
  const credentials = await import(
    new URL(`../pkg/${manifest.exports['./credentials'].default}`, import.meta.url)
  );
  assert.deepEqual(
    requested.slice(before).map((url) => url.replace(/^.*\//, '')),
    ['attesta_credentials_bg.wasm'],
  );
  // Signing and verifying canonicalize JSON-LD, which names blank nodes with the browser's
  // crypto.getRandomValues: it must work from this entry too.
  const key = new Uint8Array(32).fill(7);
  const credential = JSON.parse(
    readFileSync(new URL('../../tests/credentials/vc-di-eddsa/unsigned.json', import.meta.url), 'utf8'),
  );
  const signed = credentials.signCredential(credential, key);
  assert.equal(credentials.verifyCredential(signed, key).verified, true);
  assert.equal(requested.length, before + 1, 'no request after load');
});

test('index.js exports what node.js does, its schemas loaded beside the module', async () => {
  const browser = await import(new URL(`../pkg/${manifest.exports['.'].default}`, import.meta.url));
  const node = await import(new URL(`../pkg/${manifest.exports['.'].node}`, import.meta.url));
  assert.deepEqual(Object.keys(browser).sort(), Object.keys(node).sort());
  assert.deepEqual(browser.schemaNames(), node.schemaNames());
  assert.ok(browser.schemaNames().includes('report'));
  assert.deepEqual(browser.schema('report'), node.schema('report'));
  assert.equal(browser.schema('no-such-schema'), undefined);
  assert.throws(() => browser.schema(7), { name: 'TypeError', code: 'wrong_top_level_type' });
  // The schemas are a module import, not a fetch: still the two modules' requests only.
  assert.equal(requested.filter((url) => !/_bg\.wasm$/.test(url)).length, 0);
});

test('cases.js and credentials.js export what their Node entries do', async () => {
  for (const entry of ['./cases', './credentials']) {
    const { default: browserFile, node: nodeFile } = manifest.exports[entry];
    const browser = await import(new URL(`../pkg/${browserFile}`, import.meta.url));
    const node = await import(new URL(`../pkg/${nodeFile}`, import.meta.url));
    assert.deepEqual(Object.keys(browser).sort(), Object.keys(node).sort(), entry);
    for (const name of Object.keys(node)) {
      assert.equal(typeof browser[name], typeof node[name], `${entry}: ${name}`);
      assert.notEqual(browser[name], undefined, `${entry}: ${name}`);
    }
  }
});

test("Node's speed-built module answers as the browsers' size-built one", async () => {
  // node.js loads attesta_wasm_node_bg.wasm (opt-level 3, scripts/wasm-node.sh), index.js the
  // size-built attesta_wasm_bg.wasm: two modules, so two Validator classes, and the same
  // answers, thrown errors included, over the fixture corpus and the bench's kind of record.
  assert.ok(manifest.files.includes('attesta_wasm_node_bg.wasm'));
  assert.ok(manifest.files.includes('attesta_wasm_node.js'));
  const browser = await import(new URL(`../pkg/${manifest.exports['.'].default}`, import.meta.url));
  const node = await import(new URL(`../pkg/${manifest.exports['.'].node}`, import.meta.url));
  assert.notEqual(browser.Validator, node.Validator);
  const answer = (entry, options, input) => {
    try {
      return new entry.Validator(options).validate(input);
    } catch (error) {
      return { thrown: error.constructor.name, code: error.code, details: error.details };
    }
  };
  const corpus = new URL('../../tests/fixtures/', import.meta.url);
  const names = readdirSync(corpus).filter((name) => statSync(new URL(name, corpus)).isDirectory());
  assert.ok(names.length >= 30);
  for (const name of names) {
    const input = new Uint8Array(readFileSync(new URL(`${name}/input.json`, corpus)));
    const options = { referenceDate: '2026-01-01' };
    assert.deepStrictEqual(answer(node, options, input), answer(browser, options, input), name);
  }
  assert.equal(requested.filter((url) => /attesta_wasm_node_bg\.wasm$/.test(url)).length, 0,
    'browsers never fetch the Node module');
});
