// Replays the shared fixture corpus (tests/fixtures/, see its README) through the BUILT package,
// as a user of `attesta` would: each answer must be the JSON in expected.json, errors included
// (as `{"error": err.details}`). The Rust core and the Python binding replay the same files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { Validator } from 'attesta';

const corpus = new URL('../../tests/fixtures/', import.meta.url);
const cases = readdirSync(corpus)
  .filter((name) => statSync(new URL(name, corpus)).isDirectory())
  .sort();

/** `reference_date` → `referenceDate`: the corpus writes the core's option names. */
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** The case's options (README step 1-2), as the package takes them. */
function options(dir) {
  const merged = { reference_date: '2026-01-01' };
  const file = new URL('options.json', dir);
  if (existsSync(file)) Object.assign(merged, JSON.parse(readFileSync(file, 'utf8')));
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [camel(k), v]));
}

/** What the package answers, in the form expected.json holds (README step 3-4). */
function answer(opts, input) {
  try {
    return new Validator(opts).validate(input);
  } catch (error) {
    assert.ok(error instanceof Error, 'thrown errors are Error objects');
    assert.equal(typeof error.code, 'string');
    assert.equal(error.code, error.details.kind, '.code is the details kind');
    assert.equal(error.message, error.details.message);
    return { error: error.details };
  }
}

test('the corpus is large enough to mean something', () => {
  assert.ok(cases.length >= 30, `only ${cases.length} cases in ${corpus.pathname}`);
});

for (const name of cases) {
  const dir = new URL(`${name}/`, corpus);
  test(`fixture ${name}`, () => {
    const input = readFileSync(new URL('input.json', dir)); // bytes, passed unchanged
    const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8'));
    const opts = options(dir);
    assert.deepStrictEqual(answer(opts, new Uint8Array(input)), expected);

    // The same record as a JS string gets the same answer (when its bytes are text at all).
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let decoded;
    try {
      decoded = text.decode(input);
    } catch {
      return; // not UTF-8: only bytes can carry it
    }
    assert.deepStrictEqual(answer(opts, decoded), expected, 'as a string');
  });
}
