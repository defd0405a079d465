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

/**
 * A report's properties come in the order of the core's JSON (serde's field order, a finding's
 * `context` only when it has entries, its names sorted as in the core's map), so that
 * `JSON.stringify` of the object the package builds is that JSON.
 */
function assertCoreOrder(report) {
  if (report.error) return;
  assert.deepEqual(Object.keys(report), ['valid', 'findings']);
  assert.ok(Array.isArray(report.findings));
  for (const finding of report.findings) {
    assert.equal(Object.getPrototypeOf(finding), Object.prototype, 'a plain object');
    const keys = ['code', 'severity', 'path', 'message'];
    if (Object.hasOwn(finding, 'context')) keys.push('context');
    assert.deepEqual(Object.keys(finding), keys);
    if (finding.context) {
      assert.ok(Object.keys(finding.context).length > 0, 'an empty context is left out');
      assert.deepEqual(Object.keys(finding.context), Object.keys(finding.context).sort());
    }
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
    const report = answer(opts, new Uint8Array(input));
    assert.deepStrictEqual(report, expected);
    assertCoreOrder(report);

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
