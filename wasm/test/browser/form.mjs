// The offline form in a real browser: headless Chromium (the Debian package, driven by
// playwright-core) loads target/web from a local server, an operator fills a record with a
// mistake, sees the finding next to the field, fixes it, sees the record valid, checks the
// coverage of the target figure and the printable document, and no request leaves the page
// after it has loaded. A screenshot is saved as target/web/form.png.
//
// Run by scripts/browser-test.sh (the `make test` stage "browser"), which builds target/web and
// sets ATTESTA_BROWSER_TEST=1; `node --test wasm/test/` also finds this file and then skips it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../tools/chromium.mjs';
import { serve } from '../../tools/web-serve.mjs';

const root = fileURLToPath(new URL('../../../target/web/', import.meta.url));
const enabled = process.env.ATTESTA_BROWSER_TEST === '1';
const skip = enabled ? false : 'the browser test runs in its own stage: scripts/browser-test.sh';

let server;
let origin;
let context;
let page;
let profile;
const requests = [];
let loaded = false;
const afterLoad = [];
const pageErrors = [];

before(async () => {
  if (!enabled) return;
  assert.ok(existsSync(join(root, 'index.html')), `${root} is not built (make web-build)`);
  assert.ok(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} is missing (scripts/browser-setup.sh)`);
  const { chromium } = await import('playwright-core');
  ({ server, url: origin } = await serve(root, 0));
  profile = mkdtempSync(join(tmpdir(), 'attesta-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (request) => {
    requests.push(request.url());
    if (loaded) afterLoad.push(`${request.method()} ${request.url()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(origin);
  await page.waitForSelector('#status[data-state="ready"], #status[data-state="failed"]', { timeout: 30_000 });
  loaded = true;
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Waits until the debounced check has run on what was just typed. */
const settled = () => page.waitForFunction(() => document.getElementById('validity').textContent !== '');

test('the form loads the package and the frameworks from its own server only', { skip }, async () => {
  assert.equal(await page.getAttribute('#status', 'data-state'), 'ready', await page.textContent('#status'));
  assert.ok(requests.length > 0);
  for (const url of requests) {
    assert.ok(url.startsWith(origin) || url.startsWith('data:'), `request outside the page's server: ${url}`);
  }
  // Both modules of the package, and the Fluent catalogues with Fluent's JS implementation.
  const paths = requests.map((url) => new URL(url, origin).pathname);
  for (const path of [
    '/pkg/attesta_wasm_bg.wasm',
    '/pkg/attesta_cases_bg.wasm',
    '/data/l10n/it/findings.ftl',
    '/data/l10n/en/findings.ftl',
    '/vendor/fluent-bundle/index.js',
  ]) {
    assert.ok(paths.includes(path), `${path} was not loaded`);
  }
  const esco = existsSync(join(root, 'data', 'esco.attb'));
  console.log(`browser: ${requests.length} requests at load (ESCO bundle ${esco ? 'loaded' : 'not built'})`);
  assert.equal(await page.isVisible('#notice'), !esco);
});

test('a mistake is shown next to its field, in Italian or English, and the fix clears it', { skip }, async () => {
  await page.fill('#f-recordId', 'rec-web-1');
  await page.fill('#f-person-id', 'p-web-1');
  await page.fill('#f-person-mother_tongues', 'ar');
  await page.click('[data-add="experiences"]');
  await page.selectOption('#f-experiences-0-where', 'abroad');
  await page.fill('#f-experiences-0-country', 'MA');
  await page.fill('#f-experiences-0-role', 'Carrellista');
  await page.fill('#f-experiences-0-start', '2019-03');
  await page.fill('#f-experiences-0-end', '2018');

  const finding = page.locator('#f-experiences-0-end-findings [data-code="experience.end_before_start"]');
  await finding.waitFor();
  assert.match(await finding.textContent(), /termina \(2018\) prima di iniziare \(2019-03\)/);
  assert.equal(await page.getAttribute('#f-experiences-0-end', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#f-experiences-0-end', 'aria-describedby'), 'f-experiences-0-end-findings');
  assert.equal(await page.getAttribute('#validity', 'data-valid'), 'false');

  await page.selectOption('#ui-lang', 'en');
  await page.waitForFunction(() => document.querySelector('#h-person').textContent === 'Person');
  assert.match(await finding.textContent(), /ends \(2018\) before it starts \(2019-03\)/);
  await page.selectOption('#ui-lang', 'it');

  await page.fill('#f-experiences-0-end', '2021-09');
  await page.waitForFunction(() => document.getElementById('validity').dataset.valid === 'true');
  assert.equal(await page.locator('#f-experiences-0-end-findings').count(), 0);
  assert.equal(await page.getAttribute('#f-experiences-0-end', 'aria-invalid'), null);
  await settled();
});

test('right-to-left names are laid out right to left', { skip }, async () => {
  await page.fill('#f-person-given_name', 'محمد');
  await page.fill('#f-person-family_name', 'Esempio');
  assert.equal(await page.$eval('#f-person-given_name', (e) => e.matches(':dir(rtl)')), true);
  assert.equal(await page.$eval('#f-person-family_name', (e) => e.matches(':dir(ltr)')), true);
});

test('every control has a label and the target is chosen with the keyboard', { skip }, async () => {
  const unlabelled = await page.$$eval('input, select, textarea', (controls) =>
    controls.filter((c) => c.labels === null || c.labels.length === 0).map((c) => c.id || c.outerHTML),
  );
  assert.deepEqual(unlabelled, []);

  await page.focus('#f-target');
  await page.keyboard.type('carrell');
  await page.waitForSelector('#target-options [role="option"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-unit-1955');
  assert.match(await page.textContent('#target-chosen'), /^450 — Addetto alla conduzione/);
});

test('the coverage shows the target figure UC by UC', { skip }, async () => {
  const row = (code) => page.locator(`#coverage-table tr[data-unit="${code}"]`);
  await row('1955').waitFor();
  assert.equal(await row('1955').getAttribute('data-status'), 'missing');

  await page.selectOption('#f-unit-1955-self_assessment', 'yes');
  await page.fill('#f-unit-1955-experiences', 'exp-1');
  await page.selectOption('#f-unit-1948-self_assessment', 'partially');
  await page.fill('#f-unit-1948-experiences', 'exp-1');
  await page.waitForFunction(() => document.querySelector('#coverage-table tr[data-unit="1948"]')?.dataset.status === 'partially_claimed');
  assert.equal(await row('1955').getAttribute('data-status'), 'claimed');
  assert.equal(await row('1954').getAttribute('data-status'), 'missing');
  assert.match(await page.textContent('#coverage-summary'), /4 UC: 1 dichiarate, 1 in parte, 2 mancanti/);
  // A claim that cites an experience the record lacks is reported on that claim's field.
  await page.fill('#f-unit-1955-experiences', 'exp-9');
  await page.locator('#f-unit-1955-experiences-findings [data-code="claim.unknown_reference"]').waitFor();
  await page.fill('#f-unit-1955-experiences', 'exp-1');
  await page.waitForFunction(() => document.getElementById('validity').dataset.valid === 'true');
});

test('ESCO concepts are found by the autocomplete and become claims', { skip }, async () => {
  const esco = existsSync(join(root, 'data', 'esco.attb'));
  await page.focus('#f-esco-search');
  await page.keyboard.type(esco ? 'forklift' : 'carrelli');
  await page.waitForSelector('#esco-options [role="option"][data-index]');
  const first = await page.textContent('#esco-options [role="option"][data-index="0"]');
  if (esco) assert.match(first, /forklift/i);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-esco-0');
  assert.equal(await page.inputValue('#f-esco-0-self_assessment'), 'yes');
  await page.fill('#f-esco-0-experiences', 'exp-1');
  await page.waitForFunction(() => document.getElementById('validity').dataset.valid === 'true');
  const claims = await page.evaluate(() => window.attestaForm.record.claims.map((c) => c.target.scheme));
  assert.deepEqual(claims, ['rrfp_toscana.unit', 'rrfp_toscana.unit', esco ? 'esco' : claims[2]]);
});

test('"Print" shows the Documento di trasparenza the core renders', { skip }, async () => {
  await page.fill('#f-ente-id', 'cpi-test');
  await page.fill('#f-ente-name', 'Centro per l\'impiego (test)');
  await page.fill('#f-ente-address', 'Livorno');
  await page.fill('#f-ente-reference', 'L.R. 32/2002');
  await page.fill('#f-ente-operator', 'op-web-1');
  for (const box of ['informed', 'requirements_met', 'domanda', 'adesione']) await page.check(`#f-ente-${box}`);
  await page.waitForFunction(() => window.attestaForm.state.ente.adesione === true);
  // The law's minimum content is checked before the document is issued: without a date of
  // birth the case refuses to close identificazione, and the form says why.
  await page.click('#print');
  await page.waitForSelector('#print-status[data-state="failed"]');
  assert.match(await page.textContent('#print-status'), /manca il campo 'birth_date'/);
  await page.fill('#f-person-birth_date', '1990-04-12');
  await page.waitForFunction(() => window.attestaForm.record.person.personal.birth_date === '1990-04-12');
  await page.click('#print');
  await page.waitForSelector('#document-view:not([hidden])');
  assert.equal(await page.getAttribute('#print-status', 'data-state'), 'ready', await page.textContent('#print-status'));
  const documentPage = page.frameLocator('#document-frame');
  const text = await documentPage.locator('body').textContent();
  assert.match(text, /Documento di supporto alla messa in trasparenza delle competenze/);
  assert.match(text, /Conduzione di carrelli, reach stacker e ralle/);
  assert.match(text, /Carrellista/);
  assert.match(text, /محمد/);
  // The same page as renderHtml of the package gives for the case's document (core HTML).
  const html = await page.$eval('#document-frame', (frame) => frame.srcdoc);
  assert.match(html, /^<!DOCTYPE html>/i);
  await page.click('#document-close');
});

test('a case is opened, recorded, closed and its events exported as JSON Lines', { skip }, async () => {
  await page.fill('#f-case-id', 'case-web-1');
  await page.click('#case-open');
  await page.waitForSelector('#case-summary');
  assert.equal(await page.getAttribute('#case-summary', 'data-phase'), 'identificazione', await page.textContent('#case-panel'));
  await page.click('#case-close');
  await page.waitForSelector('#case-summary[data-phase="closed_after_trasparenza"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#case-export')]);
  assert.equal(download.suggestedFilename(), 'case-web-1.jsonl');
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((e) => e.kind),
    ['open_case', 'sign_domanda', 'sign_adesione', 'add_experience', 'add_claim', 'add_claim', 'add_claim', 'close_identificazione'],
  );
  for (const [i, event] of lines.entries()) {
    assert.equal(event.seq, i);
    if (i > 0) assert.equal(event.prev_hash, lines[i - 1].hash);
  }
});

test('the form is kept across a reload', { skip }, async () => {
  loaded = false;
  await page.reload();
  await page.waitForSelector('#status[data-state="ready"]');
  loaded = true;
  assert.equal(await page.inputValue('#f-experiences-0-end'), '2021-09');
  assert.equal(await page.inputValue('#f-unit-1955-self_assessment'), 'yes');
  await page.waitForSelector('#case-summary[data-phase="closed_after_trasparenza"]');
  await page.waitForFunction(() => document.getElementById('validity').dataset.valid === 'true');
  await page.screenshot({ path: join(root, 'form.png'), fullPage: false });
  console.log(`browser: screenshot ${join(root, 'form.png')}`);
});

test("a case exported by the job centre is continued and only the new events are exported", { skip }, async () => {
  // The centre's case: the demo's first steps (data/demo/steps.tsv), made with the package.
  const { Case } = await import('../../pkg/cases-node.js');
  const demo = fileURLToPath(new URL('../../../data/demo/', import.meta.url));
  const steps = (await readFile(join(demo, 'steps.tsv'), 'utf8'))
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .slice(0, 5)
    .map((line) => line.split('\t'));
  let centre;
  for (const [file, actor, at] of steps) {
    const action = JSON.parse(await readFile(join(demo, file), 'utf8'));
    if (centre) centre.act(action, { actor, at });
    else centre = Case.open(action, { actor, at });
  }
  const centreHead = centre.head;
  const centreFile = join(profile, 'case-2025-0147.jsonl');
  await writeFile(centreFile, centre.toJsonl());

  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#case-forget');
  await page.waitForSelector('#case-file');
  await page.setInputFiles('#case-file', centreFile);
  await page.waitForSelector('#case-summary');
  assert.equal(await page.inputValue('#f-experiences-0-id'), 'exp-port');
  assert.match(await page.textContent('#target-chosen'), /^450 /);
  assert.match(await page.textContent('#case-summary'), /\(0 /);

  // The unit's operator must be one of the case's operators (the centre's EITC here).
  await page.fill('#f-ente-operator', 'op-eitc-01');
  await page.selectOption('#f-unit-1955-self_assessment', 'yes');
  await page.fill('#f-unit-1955-experiences', 'exp-port, exp-course');
  await page.waitForFunction(() => window.attestaForm.record.claims.length === 1);
  await page.click('#case-record');
  await page.waitForFunction(() => /\(1 /.test(document.getElementById('case-summary')?.textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#case-export')]);
  assert.equal(download.suggestedFilename(), 'case-2025-0147.new-events.jsonl');
  const exported = await readFile(await download.path(), 'utf8');
  const added = exported.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(added.map((e) => [e.seq, e.kind, e.actor]), [[centreHead.seq + 1, 'add_claim', 'op-eitc-01']]);
  assert.equal(added[0].prev_hash, centreHead.hash);
  // The centre's log with the unit's events appended replays: the chain continues.
  const appended = Case.fromEvents(`${centre.toJsonl()}${exported}`);
  assert.equal(appended.state.record.claims[0].id, 'cl-1955');
});

test('nothing was requested after the page had loaded, and nothing failed', { skip }, async () => {
  assert.deepEqual(afterLoad, []);
  assert.deepEqual(pageErrors, []);
});
