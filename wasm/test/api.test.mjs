// The package's API as a JavaScript user meets it: argument forms, options, thrown errors,
// schemas and version. Runs against the built package (wasm/pkg, resolved as `attesta`).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { thrown } from './thrown.mjs';
import {
  Validator,
  isAttestaError,
  isValid,
  schema,
  schemaNames,
  validate,
  version,
} from 'attesta';

const fixture = (name) =>
  readFileSync(new URL(`../../tests/fixtures/${name}/input.json`, import.meta.url), 'utf8');
const VALID = fixture('valid-rich');
const END_BEFORE_START = fixture('experience-end-before-start');
const FUTURE = fixture('experience-future-date');


describe('validate', () => {
  test('returns the report as a plain object in the core JSON key order', () => {
    const report = validate(END_BEFORE_START);
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
    assert.deepEqual(Object.keys(report), ['valid', 'findings']);
    assert.equal(report.valid, false);
    assert.deepEqual(Object.keys(report.findings[0]), [
      'code',
      'severity',
      'path',
      'message',
      'context',
    ]);
    assert.equal(report.findings[0].code, 'experience.end_before_start');
    assert.equal(report.findings[0].path, '/experiences/0/period/end');
  });

  test('an object, its JSON text, its bytes and an ArrayBuffer give one answer', () => {
    const expected = validate(END_BEFORE_START);
    const bytes = new TextEncoder().encode(END_BEFORE_START);
    assert.deepStrictEqual(validate(JSON.parse(END_BEFORE_START)), expected);
    assert.deepStrictEqual(validate(bytes), expected);
    assert.deepStrictEqual(validate(bytes.buffer), expected);
    assert.deepStrictEqual(validate(Buffer.from(END_BEFORE_START)), expected);
  });

  test('a valid record is valid', () => {
    assert.deepStrictEqual(validate(VALID), { valid: true, findings: [] });
    assert.equal(isValid(VALID), true);
    assert.equal(isValid(END_BEFORE_START), false);
  });

  test('without a reference date the future-date checks are skipped', () => {
    const codes = (r) => r.findings.map((f) => f.code);
    assert.ok(!codes(validate(FUTURE)).includes('experience.future_date'));
    const dated = new Validator({ referenceDate: '2026-01-01' });
    assert.ok(codes(dated.validate(FUTURE)).includes('experience.future_date'));
  });
});

describe('errors', () => {
  test('malformed JSON is an Error with code, line and column', () => {
    const error = thrown(() => validate('{"schema_version": "1.0",\n  "id": }'));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'Error');
    assert.equal(error.code, 'malformed_json');
    assert.equal(error.details.kind, 'malformed_json');
    assert.equal(error.details.line, 2);
    assert.equal(typeof error.details.column, 'number');
    assert.equal(error.message, error.details.message);
    assert.ok(isAttestaError(error));
    assert.ok(!isAttestaError(new Error('other')));
  });

  for (const [label, value] of [
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
    ['a boolean', true],
    ['an array', [{}]],
    ['a function', () => ({})],
    ['a BigInt', 10n],
    ['an Int16Array', new Int16Array(4)],
    ['a cycle', (() => { const o = {}; o.self = o; return o; })()],
  ]) {
    test(`${label} is not a record: TypeError wrong_top_level_type`, () => {
      for (const call of [() => validate(value), () => isValid(value), () => new Validator().validate(value)]) {
        const error = thrown(call);
        assert.ok(error instanceof TypeError, `${label}: ${error}`);
        assert.equal(error.code, 'wrong_top_level_type');
        assert.equal(error.details.kind, 'wrong_top_level_type');
      }
    });
  }

  test('JSON text of another type is a TypeError too; isValid says false', () => {
    const error = thrown(() => validate('[1, 2]'));
    assert.ok(error instanceof TypeError);
    assert.equal(error.code, 'wrong_top_level_type');
    assert.equal(isValid('[1, 2]'), false);
    assert.equal(isValid('{'), false);
  });

  test('an input over the size limit is a RangeError, measured exactly, before copying', () => {
    const small = new Validator({ maxSize: 100 });
    const bytes = thrown(() => small.validate(new Uint8Array(101)));
    assert.ok(bytes instanceof RangeError);
    assert.equal(bytes.code, 'too_large');
    assert.match(bytes.message, /input is 101 bytes, over the limit of 100 bytes/);
    // 1 + 4 bytes per emoji; the emoji straddle the measuring slices of 65536 code units.
    const text = `x${'\u{1F600}'.repeat(40000)}`;
    const string = thrown(() => small.validate(text));
    assert.ok(string instanceof RangeError);
    assert.match(string.message, /input is 160001 bytes, over the limit of 100 bytes/);
    assert.equal(small.isValid(text), false, 'isValid: cannot evaluate is false');
  });

  test('too deep is a RangeError', () => {
    const deep = `{"a":${'['.repeat(200)}${']'.repeat(200)}}`;
    const error = thrown(() => validate(deep));
    assert.ok(error instanceof RangeError);
    assert.equal(error.code, 'too_deep');
  });

  test('messages never quote the input', () => {
    const secret = 'Mario Rossi RSSMRA80A01H501U';
    for (const call of [
      () => validate(`{"person": {"personal": {"name": "${secret}"`),
      () => validate(`{"id": "${secret}" "x": 1}`),
      () => validate(`["${secret}"]`),
      () => new Validator({ referenceDate: secret }),
      () => new Validator({ strict: secret }),
      () => new Validator({ maxSize: secret }),
    ]) {
      const error = thrown(call);
      assert.ok(!error.message.includes('Mario'), error.message);
      assert.ok(!JSON.stringify(error.details).includes('Mario'), error.message);
    }
  });
});

describe('Validator options', () => {
  test('camelCase options reach the core', () => {
    const strict = new Validator({ strict: true, referenceDate: '2026-01-01' });
    const warning = fixture('strict-warning-makes-invalid');
    assert.equal(new Validator().validate(warning).valid, true);
    assert.equal(strict.validate(warning).valid, false);
    const few = new Validator({ maxFindings: 1 }).validate(END_BEFORE_START);
    assert.equal(few.findings.at(-1).code, 'report.findings_omitted');
  });

  test('undefined, null, {} and undefined members mean the defaults', () => {
    const expected = validate(END_BEFORE_START);
    for (const options of [undefined, null, {}, { strict: undefined, referenceDate: null }]) {
      assert.deepStrictEqual(new Validator(options).validate(END_BEFORE_START), expected);
    }
  });

  for (const name of ['maxSizee', 'max_size', 'reference_date', 'Strict', 'frameworks']) {
    test(`unknown option ${name} is a TypeError naming it`, () => {
      const error = thrown(() => new Validator({ [name]: 1 }));
      assert.ok(error instanceof TypeError);
      assert.equal(error.code, 'invalid_options');
      assert.ok(error.message.includes(`'${name}'`), error.message);
      assert.ok(error.message.includes('maxSize'), 'lists the known names');
    });
  }

  test('option values of the wrong type are TypeErrors, out of range RangeErrors', () => {
    for (const [options, Class] of [
      [{ strict: 'yes' }, TypeError],
      [{ maxSize: '10' }, TypeError],
      [{ maxSize: 1.5 }, TypeError],
      [{ referenceDate: 20260101 }, TypeError],
      [{ maxSize: -1 }, RangeError],
      ['strict', TypeError],
      [[{ strict: true }], TypeError],
    ]) {
      const error = thrown(() => new Validator(options));
      assert.ok(error instanceof Class, `${JSON.stringify(options)}: ${error}`);
      assert.equal(error.code, 'invalid_options');
    }
  });

  test('values the core refuses are its invalid_options errors', () => {
    for (const options of [{ maxDepth: 500 }, { maxSize: 0 }, { referenceDate: '01/01/2026' }]) {
      const error = thrown(() => new Validator(options));
      assert.ok(error instanceof Error);
      assert.equal(error.code, 'invalid_options');
    }
  });
});

describe('schemas and version', () => {
  const committed = new URL('../../data/schemas/', import.meta.url);
  const files = readdirSync(committed).filter((f) => f.endsWith('.json'));

  test('schemaNames lists every committed schema', () => {
    assert.deepEqual(
      [...schemaNames()].sort(),
      files.map((f) => f.replace(/\.json$/, '')).sort(),
    );
  });

  test('schema(name) is the committed schema', () => {
    for (const file of files) {
      const expected = JSON.parse(readFileSync(new URL(file, committed), 'utf8'));
      assert.deepStrictEqual(schema(file.replace(/\.json$/, '')), expected, file);
    }
    assert.equal(schema('no-such-schema'), undefined);
    const error = thrown(() => schema(7));
    assert.ok(error instanceof TypeError);
    assert.equal(error.code, 'wrong_top_level_type');
    assert.equal(error.details.kind, 'wrong_top_level_type');
    assert.notEqual(schema('report'), schema('report'), 'each call returns its own object');
  });

  test('version is the package version', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../pkg/package.json', import.meta.url), 'utf8'),
    );
    assert.equal(version(), manifest.version);
    assert.match(version(), /^\d+\.\d+\.\d+/);
  });
});
