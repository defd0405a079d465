// Frameworks from bundle bytes through the built package: loadFramework and the validators it
// makes. The bundle used is the committed data/frameworks/rrfp_toscana.attb (the built-in
// sample), so a validator over it must answer the whole fixture corpus exactly as the default.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { thrown } from './thrown.mjs';
import { Frameworks, Validator, loadFramework } from 'attesta';

const bundle = readFileSync(new URL('../../data/frameworks/rrfp_toscana.attb', import.meta.url));


test('a bundle loads from a Uint8Array or an ArrayBuffer, replacing the built-in sample', () => {
  for (const bytes of [new Uint8Array(bundle), bundle.buffer.slice(bundle.byteOffset, bundle.byteOffset + bundle.length), [bundle]]) {
    const frameworks = loadFramework(bytes);
    assert.ok(frameworks instanceof Frameworks);
    assert.deepEqual(frameworks.ids(), ['rrfp_toscana']);
    const notices = frameworks.notices();
    assert.equal(notices.length, 1);
    assert.match(notices[0], /rrfp_toscana/);
  }
});

test('a validator over the loaded bundle answers the fixture corpus as the default one', () => {
  const corpus = new URL('../../tests/fixtures/', import.meta.url);
  const frameworks = loadFramework(bundle);
  const answer = (make, input) => {
    try {
      return make().validate(input);
    } catch (error) {
      return { error: error.details };
    }
  };
  let compared = 0;
  for (const name of readdirSync(corpus).filter((n) => statSync(new URL(n, corpus)).isDirectory())) {
    const dir = new URL(`${name}/`, corpus);
    const options = { referenceDate: '2026-01-01' };
    const file = new URL('options.json', dir);
    if (existsSync(file)) {
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
        options[k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = v;
      }
    }
    const input = readFileSync(new URL('input.json', dir));
    const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8'));
    assert.deepStrictEqual(answer(() => frameworks.validator(options), input), expected, name);
    assert.deepStrictEqual(answer(() => new Validator(options), input), expected, name);
    compared++;
  }
  assert.ok(compared >= 30);
});

test('bytes that are not a bundle are invalid_bundle errors', () => {
  for (const bytes of [new Uint8Array([1, 2, 3]), bundle.subarray(0, 100), new Uint8Array(0)]) {
    const error = thrown(() => loadFramework(bytes));
    assert.ok(error instanceof Error);
    assert.equal(error.code, 'invalid_bundle');
    assert.equal(error.details.kind, 'invalid_bundle');
  }
  const corrupted = new Uint8Array(bundle);
  corrupted[corrupted.length - 10] ^= 0xff;
  assert.equal(thrown(() => loadFramework(corrupted)).code, 'invalid_bundle');
});

test('the same framework twice is refused', () => {
  const error = thrown(() => loadFramework([bundle, bundle]));
  assert.ok(error instanceof Error);
  assert.equal(error.code, 'invalid_framework');
  assert.match(error.message, /rrfp_toscana/);
});

test('anything but bytes is a TypeError', () => {
  for (const value of ['rrfp_toscana.attb', 42, undefined, {}, [bundle, 'x']]) {
    const error = thrown(() => loadFramework(value));
    assert.ok(error instanceof TypeError, String(error));
    assert.equal(error.code, 'wrong_top_level_type');
  }
});

test('validator options are checked as for new Validator', () => {
  const error = thrown(() => loadFramework(bundle).validator({ maxSizee: 1 }));
  assert.ok(error instanceof TypeError);
  assert.equal(error.code, 'invalid_options');
});
