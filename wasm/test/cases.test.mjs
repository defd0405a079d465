// Cases through the BUILT package's case module, `attesta/cases`: the case corpus of
// tests/cases/ replayed (verification, state, documents and rendered pages identical to the
// expected files, as tests/cases/README.md says; the Rust core and the Python binding replay
// the same files), the demo case run step by step as data/demo/run-case.sh runs it (the same
// signed log, byte for byte), refusals thrown with their details, the events a mobile unit made
// offline exported after a head, and the split from the main module.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as main from 'attesta';
import { Case, Frameworks, isAttestaError, loadFramework, renderHtml, verify } from 'attesta/cases';
import { thrown } from './thrown.mjs';

const root = new URL('../../', import.meta.url);
const corpus = new URL('tests/cases/', root);
const demo = new URL('data/demo/', root);
const cases = readdirSync(corpus)
  .filter((name) => existsSync(new URL(`${name}/events.jsonl`, corpus)))
  .sort();
const json = (url) => JSON.parse(readFileSync(url, 'utf8'));

/** The answer of tests/cases/README.md step 2, from `verify`. */
function verification(dir, events) {
  const headFile = new URL('events.jsonl.head', dir);
  const head = existsSync(headFile) ? json(headFile) : null;
  const optionsFile = new URL('options.json', dir);
  const key = existsSync(optionsFile)
    ? readFileSync(new URL(json(optionsFile).trusted_key, dir), 'utf8')
    : null;
  try {
    verify(events, { head, trustedKey: key });
  } catch (error) {
    assert.ok(isAttestaError(error), `${error}`);
    assert.equal(error.code, 'log_integrity');
    return { ok: false, error: error.details.integrity };
  }
  const lines = new TextDecoder().decode(events).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const signed = lines.some((e) => e.signature);
  return {
    ok: true,
    events: lines.length,
    head: { seq: lines.at(-1).seq, hash: lines.at(-1).hash },
    signatures: key !== null ? 'trusted' : signed ? 'unchecked' : 'unsigned',
    // verify() checked the head's signature with the trusted key: its key_id is the key's.
    key_id: key !== null && head !== null ? head.key_id : null,
  };
}

test('the corpus holds the documented cases', () => {
  assert.ok(cases.includes('demo-450') && cases.includes('before-recorded-frameworks'), `${cases}`);
});

for (const name of cases) {
  const dir = new URL(`${name}/`, corpus);
  test(`case ${name} replays as expected`, () => {
    const events = new Uint8Array(readFileSync(new URL('events.jsonl', dir)));
    const want = json(new URL('expected/verify.json', dir));
    assert.deepStrictEqual(verification(dir, events), want);
    if (!want.ok) return;
    const replayed = Case.fromEvents(events);
    const state = json(new URL('expected/state.json', dir));
    assert.deepStrictEqual(replayed.state, state);
    // The same log as text, and as a list of event objects, replays to the same case.
    assert.deepStrictEqual(Case.fromEvents(new TextDecoder().decode(events)).state, state);
    assert.deepStrictEqual(Case.fromEvents(replayed.events()).state, state);
    assert.equal(replayed.toJsonl(), new TextDecoder().decode(events));

    const folder = new URL('expected/documents/', dir);
    const listed = existsSync(folder) ? readdirSync(folder).sort() : [];
    const issued = new Map();
    for (const document of replayed.documents()) {
      const base = `${document.document_type}-${document.id}`;
      issued.set(`${base}.json`, document);
      issued.set(`${base}.html`, renderHtml(document));
    }
    assert.deepStrictEqual([...issued.keys()].sort(), listed);
    for (const [file, value] of issued) {
      const expected = readFileSync(new URL(file, folder), 'utf8');
      if (file.endsWith('.json')) assert.deepStrictEqual(value, JSON.parse(expected), file);
      else assert.equal(value, expected, file);
    }
  });
}

/** The demo's steps (action, actor, at), as data/demo/run-case.sh reads them. */
function demoSteps() {
  return readFileSync(new URL('steps.tsv', demo), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [file, actor, at] = line.split('\t');
      return [json(new URL(file, demo)), { actor, at }];
    });
}

describe('the demo case run in the package', () => {
  const steps = demoSteps();
  const key = readFileSync(new URL('keys/demo-ente.pem', demo), 'utf8');

  test('writes the corpus log and signed head byte for byte', () => {
    const [[first, who], ...rest] = steps;
    const kase = Case.open(first, who);
    let head = kase.signPending(key);
    for (const [action, by] of rest) {
      const event = kase.act(action, by);
      assert.equal(event.kind, action.kind);
      head = kase.signPending(key);
    }
    assert.equal(kase.toJsonl(), readFileSync(new URL('demo-450/events.jsonl', corpus), 'utf8'));
    assert.deepStrictEqual(head, json(new URL('demo-450/events.jsonl.head', corpus)));
    assert.equal(kase.state.phase, 'validated');
    const view = kase.view();
    assert.deepStrictEqual(view.state, kase.state);
    assert.ok(view.allowed_actions.length > 0 && 'coverage' in view && 'unit_checks' in view);
  });

  test('a case opened over loaded frameworks is the same case', () => {
    const [[first, who]] = steps;
    const over = Case.open(first, { ...who, frameworks: loadFramework([]) });
    assert.equal(over.toJsonl(), Case.open(first, who).toJsonl());
  });

  test('a refusal is thrown with its details and leaves the case unchanged', () => {
    const [[first, who]] = steps;
    const kase = Case.open(first, who);
    const plan = { kind: 'plan_assessment', payload: { assessors: ['op-eitc-01'], methods: {} } };
    const error = thrown(() => kase.act(plan, { actor: 'op-eitc-01', at: '2025-09-01T09:00:00Z' }));
    assert.ok(error instanceof Error && isAttestaError(error));
    assert.equal(error.code, 'refused');
    assert.equal(error.details.refusal.action, 'plan_assessment');
    assert.equal(error.details.refusal.reason.kind, 'wrong_phase');
    assert.ok(error.details.refusal.allowed.includes('withdraw'));
    assert.equal(kase.events().length, 1);
    kase.act({ kind: 'withdraw' }, { actor: kase.state.record.person.id, at: '2025-09-01T09:05:00Z' });
    assert.equal(kase.state.phase, 'withdrawn');
  });

  test('actions and options that are not what they should be are typed errors', () => {
    const [[first, who]] = steps;
    const kase = Case.open(first, who);
    const at = { actor: 'op-eitc-01', at: '2025-09-01T09:05:00Z' };
    assert.equal(thrown(() => kase.act({ kind: 'no_such_action' }, at)).code, 'invalid_action');
    assert.equal(thrown(() => kase.act('{not json', at)).code, 'malformed_json');
    assert.ok(thrown(() => kase.act(42, at)) instanceof TypeError);
    const missing = thrown(() => kase.act({ kind: 'withdraw' }, { actor: 'p' }));
    assert.ok(missing instanceof TypeError && missing.code === 'invalid_options');
    assert.match(missing.message, /'at'/);
    const unknown = thrown(() => kase.act({ kind: 'withdraw' }, { ...at, when: 1 }));
    assert.ok(unknown instanceof TypeError && unknown.code === 'invalid_options');
    const notFrameworks = thrown(() => Case.open(first, { ...who, frameworks: {} }));
    assert.ok(notFrameworks instanceof TypeError && notFrameworks.code === 'invalid_options');
    // The main module's frameworks are in the other module's memory: refused, with the reason.
    const mainFrameworks = thrown(() => Case.open(first, { ...who, frameworks: main.loadFramework([]) }));
    assert.ok(mainFrameworks instanceof TypeError && mainFrameworks.code === 'invalid_options');
    assert.match(mainFrameworks.message, /loadFramework of 'attesta\/cases'/);
    assert.equal(thrown(() => Case.fromEvents(kase.events(), { frameworkz: 1 })).code, 'invalid_options');
    assert.equal(kase.events().length, 1);
  });
});

describe('a case carried offline', () => {
  const log = readFileSync(new URL('demo-450/events.jsonl', corpus), 'utf8');
  const lines = log.split('\n').filter(Boolean);

  test('exports only the events made after the head it was taken at', () => {
    // The unit takes the case after 10 events and makes the rest offline.
    const taken = Case.fromEvents(`${lines.slice(0, 10).join('\n')}\n`);
    const head = taken.head;
    assert.deepStrictEqual(head, { seq: 9, hash: JSON.parse(lines[9]).hash });
    const full = Case.fromEvents(log);
    const since = full.eventsSince(head);
    assert.equal(since.length, lines.length - 10);
    assert.equal(since[0].prev_hash, head.hash);
    assert.equal(full.toJsonl(head), `${lines.slice(10).join('\n')}\n`);
    assert.deepStrictEqual(full.eventsSince(full.head), []);
    const other = thrown(() => full.eventsSince({ seq: 9, hash: '0'.repeat(64) }));
    assert.equal(other.code, 'invalid_input');
  });

  test('appends what another unit made, and names both branches of a fork', () => {
    const key = readFileSync(new URL('keys/demo-ente.pub.pem', demo), 'utf8');
    const signing = readFileSync(new URL('keys/demo-ente.pem', demo), 'utf8');
    const taken = `${lines.slice(0, 10).join('\n')}\n`;
    const central = Case.fromEvents(taken);
    const head = central.head;
    const exported = Case.fromEvents(log).toJsonl(head);
    assert.equal(thrown(() => central.append(exported)).code, 'invalid_options', 'a signed case needs the key');
    assert.equal(central.append(exported, { trustedKey: key }).length, lines.length - 10);
    assert.equal(central.toJsonl(), log);
    assert.deepStrictEqual(central.append(exported, { trustedKey: key }), [], 'nothing new');

    const other = Case.fromEvents(taken);
    other.act({ kind: 'withdraw' }, { actor: 'p-7f3a9c21', at: '2025-12-01T09:00:00Z' });
    other.signPending(signing);
    const error = thrown(() => central.append(other.eventsSince(head), { trustedKey: key }));
    assert.ok(isAttestaError(error));
    assert.equal(error.code, 'fork');
    assert.deepStrictEqual(error.details.fork.base, head);
    assert.equal(error.details.fork.central.hash, JSON.parse(lines[10]).hash);
    assert.equal(error.details.fork.unit.hash, other.events()[10].hash);
    assert.equal(central.toJsonl(), log, 'never merged');
  });

  test('verify names the first bad event of a tampered log', () => {
    const events = lines.map((l) => JSON.parse(l));
    events[3].at = '2025-09-01T09:21:00Z';
    const error = thrown(() => verify(events));
    assert.equal(error.code, 'log_integrity');
    assert.equal(error.details.integrity.index, 3);
    assert.equal(thrown(() => Case.fromEvents(events)).code, 'log_integrity');
    assert.equal(thrown(() => Case.fromEvents([])).code, 'empty_log');
    const head = json(new URL('demo-450/events.jsonl.head', corpus));
    verify(`${lines.slice(0, -1).join('\n')}\n`);
    const cut = thrown(() => verify(`${lines.slice(0, -1).join('\n')}\n`, { head }));
    assert.equal(cut.code, 'log_integrity');
  });

  test('renderHtml takes the render options in camelCase', () => {
    const [document] = Case.fromEvents(log).documents();
    const plain = renderHtml(document);
    assert.notEqual(renderHtml(document, { redactPersonalData: true }), plain);
    assert.equal(renderHtml(JSON.stringify(document)), plain);
    assert.equal(thrown(() => renderHtml(document, { secondLanguage: 'xx' })).code, 'invalid_options');
    assert.ok(thrown(() => renderHtml(document, { colour: 'red' })) instanceof TypeError);
    assert.equal(thrown(() => renderHtml({ not: 'a document' })).code, 'invalid_input');
  });
});

describe('two modules: attesta and attesta/cases', () => {
  test('the main entry has no case API; the case entry has it and its own frameworks', () => {
    for (const name of ['Case', 'verify', 'renderHtml']) {
      assert.equal(name in main, false, `attesta exports ${name}`);
    }
    const frameworks = loadFramework([]);
    assert.ok(frameworks instanceof Frameworks);
    assert.ok(!(frameworks instanceof main.Frameworks));
    assert.deepEqual(frameworks.ids(), main.loadFramework([]).ids());
    assert.equal(frameworks.search('menu semplici', { limit: 1 })[0].node.code, '1696');
  });
});
