// A record given as a JS string reaches the core as the UTF-8 bytes of that string: the package
// encodes it with TextEncoder.encodeInto into a scratch buffer it keeps between calls
// (wasm/src/input.rs), so text, bytes and reuse must all give the answers of the bytes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { thrown } from './thrown.mjs';
import { Validator } from 'attesta';

const fixture = (name) =>
  readFileSync(new URL(`../../tests/fixtures/${name}/input.json`, import.meta.url), 'utf8');
const validator = new Validator({ referenceDate: '2026-01-01' });
const bytesOf = (text) => new TextEncoder().encode(text);

test('non-ASCII text gets the report of its UTF-8 bytes', () => {
  // Arabic, accents and a character outside the BMP (a surrogate pair in JS) in the person's
  // name, and a finding further on, whose path must still be found after the multi-byte text.
  const record = JSON.parse(fixture('experience-end-before-start'));
  record.person.personal = { ...record.person.personal, given_name: 'مريم Zoë 𝒜' };
  const text = JSON.stringify(record, null, 2);
  const report = validator.validate(text);
  assert.equal(report.valid, false);
  assert.deepEqual(report, validator.validate(bytesOf(text)));
  assert.deepEqual(report, validator.validate(record));
});

test('a lone surrogate becomes U+FFFD, as TextEncoder writes it', () => {
  const text = '{"schema_version": "1.0", "id": "r\uD800", "person": {"id": "p"}}';
  assert.deepEqual(validator.validate(text), validator.validate(bytesOf(text)));
});

test('the size limit counts UTF-8 bytes of a string, not its UTF-16 units', () => {
  const text = '{"schema_version": "1.0", "id": "èèèè", "person": {"id": "p"}}';
  const size = bytesOf(text).length;
  assert.ok(size > text.length);
  // At the limit: evaluated (a report, whatever it says), not refused.
  assert.deepEqual(new Validator({ maxSize: size }).validate(text), validator.validate(text));
  const over = thrown(() => new Validator({ maxSize: size - 1 }).validate(text));
  assert.ok(over instanceof RangeError);
  assert.equal(over.code, 'too_large');
  assert.match(over.message, new RegExp(`input is ${size} bytes, over the limit of ${size - 1} bytes`));
});

test('a short string after a long one is read alone (the scratch buffer is reused)', () => {
  const long = fixture('valid-rich');
  const short = '{"schema_version": "1.0", "id": "r", "person": {"id": "p"}}';
  const shortReport = validator.validate(short);
  assert.deepEqual(shortReport, { valid: true, findings: [] });
  assert.equal(validator.validate(long).valid, true);
  assert.deepEqual(validator.validate(short), shortReport);
  // A truncated copy of the long record must not be completed by bytes left in the buffer.
  const cut = long.slice(0, long.length / 2);
  const error = thrown(() => validator.validate(cut));
  assert.equal(error.code, 'malformed_json');
  assert.deepEqual(thrown(() => validator.validate(bytesOf(cut))).details, error.details);
});
