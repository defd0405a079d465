// The tools of the wasm benchmarks (wasm/bench/): the report must judge rows and write
// target/bench/results.json exactly as the Rust writer (bench/src/report.rs) does, since both
// write sections of one file that runs are compared with; and the static server of the browser
// benchmarks must serve its folders and nothing outside them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Report, Target, against, alone, percentile, ratio, single, stats, verdict } from '../bench/report.mjs';
import { serve } from '../bench/server.mjs';

test('stats give the median and the range, like report.rs', () => {
  assert.deepEqual(stats([3, 1, 2, 10]), { median: 2.5, min: 1, max: 10, rounds: 4 });
  assert.deepEqual(stats([5, 1, 3]), { median: 3, min: 1, max: 5, rounds: 3 });
  assert.equal(stats([]), null);
  assert.equal(stats([Number.NaN]), null);
});

test('percentiles are by nearest rank', () => {
  const values = Array.from({ length: 200 }, (_, i) => 200 - i); // 200..1, unsorted order
  assert.equal(percentile(values, 99), 198);
  assert.equal(percentile(values, 50), 100);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([], 99), null);
});

test('verdicts follow the target direction', () => {
  const s = single;
  // Ajv 10 µs, Attesta 20 µs: 0.5x, below a 1x target.
  assert.equal(verdict(against('v', s(20), 'Ajv', s(10), Target.fasterThan(1))), 'MISS');
  const fast = against('v', s(5), 'Ajv', s(10), Target.fasterThan(1));
  assert.equal(ratio(fast), 2);
  assert.equal(verdict(fast), 'PASS');
  assert.equal(verdict(against('v', s(5), 'Ajv', null, Target.fasterThan(1))), 'n/a');
  assert.equal(ratio(against('f', s(3), 'floor', s(1), Target.withinFloor(2))), 3);
  assert.equal(verdict(against('f', s(3), 'floor', s(1), Target.withinFloor(2))), 'MISS');
  assert.equal(verdict(alone('p99', s(4.9), Target.atMost(5))), 'PASS');
  assert.equal(verdict(alone('p99', s(5.1), Target.atMost(5))), 'MISS');
  assert.equal(verdict(alone('size', null, Target.atMost(5))), 'n/a');
  assert.equal(verdict(alone('x', s(1), Target.info)), '');
});

test('the section is merged into results.json beside the others, in report.rs shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attesta-bench-'));
  try {
    const path = join(dir, 'bench', 'results.json');
    const report = new Report('wasm');
    report.push(alone('size (bytes)', single(1000), Target.atMost(250_000)));
    report.notes.push('a note');
    report.mergeInto(path); // creates the folder
    const other = { machine: { cores: 2, cpu_model: 'x' }, rows: [], notes: [] };
    const first = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...first, validate: other }));
    report.mergeInto(path);
    const all = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(all.validate, other, 'the other sections are kept');
    assert.deepEqual(Object.keys(all.wasm), ['machine', 'rows', 'notes']);
    assert.ok(all.wasm.machine.cores >= 1 && typeof all.wasm.machine.cpu_model === 'string');
    assert.deepEqual(all.wasm.rows, [
      {
        name: 'size (bytes)',
        attesta: { median: 1000, min: 1000, max: 1000, rounds: 1 },
        reference_name: '',
        reference: null,
        ratio: null,
        target: '<= 250000',
        verdict: 'PASS',
      },
    ]);
    assert.match(report.table(), /size \(bytes\).*PASS/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** GET `path` sent as is (no URL normalisation, unlike fetch): the status and the body. */
function get(origin, path) {
  return new Promise((done, fail) => {
    const req = request(`${origin}/`, { path }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('the bench server serves its folders and nothing outside them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'attesta-serve-'));
  const served = join(dir, 'served');
  mkdirSync(served);
  writeFileSync(join(served, 'm.wasm'), 'x');
  writeFileSync(join(dir, 'secret.txt'), 'outside the served folder');
  const server = await serve({ '/b/': served });
  try {
    const ok = await get(server.origin, '/b/m.wasm');
    assert.equal(ok.status, 200);
    assert.equal(ok.body, 'x');
    assert.equal(ok.headers['content-type'], 'application/wasm');
    assert.equal(ok.headers['cross-origin-embedder-policy'], 'require-corp');
    for (const path of ['/b/../secret.txt', '/b/..%2fsecret.txt', '/b/%2e%2e/secret.txt', '/b/', '/secret.txt']) {
      assert.equal((await get(server.origin, path)).status, 404, path);
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
