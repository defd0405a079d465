// The offline form: loads the package, the bundled Tuscan repertoire and (when `make web` could
// build it) the full ESCO bundle once, then re-validates the record on every change, in the
// browser, with no request to any server. The package's main module (`attesta`) validates,
// searches and shows coverage; its case module (`attesta/cases`, pkg/cases.js) is imported
// while the page loads, for the case panel and the printed document, with its own copy of the
// frameworks (a module's frameworks cannot be handed to the other). The form's state is kept in localStorage so a reload
// (or a dead battery on a mobile unit) loses nothing.
import * as attesta from './pkg/index.js';
import { autocomplete } from './autocomplete.js';
import { showCoverage } from './coverage.js';
import { showFindings, showValidity } from './findings.js';
import {
  renderEnte,
  renderEsco,
  renderEvidence,
  renderExperiences,
  renderLanguages,
  renderPerson,
  renderTarget,
  renderUnits,
} from './form.js';
import { language, loadCatalogues, setLanguage, t, translatePage } from './i18n.js';
import { buildRecord, emptyState, newItem, stateFromRecord } from './record.js';
import { setupDocuments } from './print.js';
import { setupCase } from './case.js';
import { startSearch } from './search.js';

const STORAGE = 'attesta.form.v1';
const DATA = new URL('data/', import.meta.url);
// Re-validation waits for a pause in typing; the check itself takes well under a millisecond
// for a record of this size, so the delay only spares re-rendering on every key.
const DEBOUNCE_MS = 150;

const app = {
  state: emptyState(),
  frameworks: null,
  // The case module (pkg/cases.js) and the same frameworks loaded into it, for Case.open.
  cases: null,
  caseFrameworks: null,
  validator: null,
  // Resolves to the label search (search.js) once its index is built.
  searcher: null,
  escoLoaded: false,
  targetLookup: null,
  record: null,
  report: null,
  // The case open on this device (case.js) and the head it was continued from.
  case: null,
  caseBase: null,
  renderCase: null,
};

function setStatus(key, values, state) {
  const status = document.getElementById('status');
  status.textContent = t(key, values);
  status.dataset.state = state;
}

async function bytes(name) {
  const response = await fetch(new URL(name, DATA));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Loads the frameworks (the bundled Tuscan repertoire and the ESCO bundle when built) into both
 * modules of the package, the case module being imported meanwhile.
 */
async function loadFrameworks() {
  const [cases, site] = await Promise.all([
    import('./pkg/cases.js'),
    fetch(new URL('site.json', DATA)).then((response) => response.json()),
  ]);
  const bundles = await Promise.all([...site.frameworks, ...(site.esco ? [site.esco] : [])].map(bytes));
  app.frameworks = attesta.loadFramework(bundles);
  app.cases = cases;
  app.caseFrameworks = cases.loadFramework(bundles);
  app.searcher = startSearch(app.frameworks, bundles);
  app.escoLoaded = Boolean(site.esco);
  if (site.note) {
    const notice = document.getElementById('notice');
    notice.dataset.note = site.note;
    notice.hidden = false;
  }
  // The reference date for the future-date checks: the operator's today.
  app.validator = app.frameworks.validator({ referenceDate: new Date().toISOString().slice(0, 10) });
}

function save() {
  try {
    localStorage.setItem(STORAGE, JSON.stringify({ lang: language(), state: app.state }));
  } catch {
    // Storage full or disabled: the form still works, it is just not kept.
  }
}

function restore() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE) ?? 'null');
    if (saved?.state) app.state = { ...emptyState(), ...saved.state };
    if (saved?.lang) setLanguage(saved.lang);
  } catch {
    localStorage.removeItem(STORAGE);
  }
}

/** Looks the target up (its UCs), or null. */
function lookupTarget() {
  const { target } = app.state;
  if (!target) return null;
  try {
    return app.frameworks.lookup({ scheme: target.scheme, code: target.code });
  } catch {
    return null;
  }
}

/** Builds the record, validates it and shows findings and coverage. */
function check() {
  const { record, fields } = buildRecord(app.state, app.targetLookup);
  app.record = record;
  try {
    app.report = app.validator.validate(record);
    showFindings(app.report, fields);
    showValidity(app.report);
  } catch (error) {
    app.report = null;
    showFindings(null, fields);
    showValidity(null, error.message);
  }
  showCoverage(app.frameworks, record, app.state.target);
  save();
}

let timer;
function scheduleCheck() {
  clearTimeout(timer);
  timer = setTimeout(check, DEBOUNCE_MS);
}

function renderAll() {
  translatePage();
  renderPerson(app.state);
  renderLanguages(app.state);
  renderExperiences(app.state);
  renderEvidence(app.state);
  renderTarget(app.state);
  renderUnits(app.state, app.targetLookup);
  renderEsco(app.state);
  renderEnte(app.state);
  document.getElementById('ui-lang').value = language();
  app.renderCase?.();
  const notice = document.getElementById('notice');
  if (!notice.hidden) notice.textContent = t('esco_missing', { reason: notice.dataset.note });
}

const RENDER_LIST = {
  languages: renderLanguages,
  experiences: renderExperiences,
  evidence: renderEvidence,
  esco: renderEsco,
};

/** Writes a control's value into the state at its `data-bind` key ("experiences.0.end"). */
function bind(control) {
  const keys = control.dataset.bind.split('.');
  let object = app.state;
  for (const key of keys.slice(0, -1)) {
    object[key] ??= {};
    object = object[key];
  }
  object[keys.at(-1)] = control.type === 'checkbox' ? control.checked : control.value;
  // Choosing "in Italy" disables the country field: the list is redrawn, focus kept.
  if (keys[0] === 'experiences' && keys.at(-1) === 'where') {
    renderExperiences(app.state);
    document.getElementById(control.id)?.focus();
  }
}

function wireForm() {
  const form = document.getElementById('record-form');
  const onEdit = (event) => {
    if (event.target.dataset?.bind) {
      bind(event.target);
      scheduleCheck();
    }
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('click', (event) => {
    const add = event.target.closest('[data-add]');
    const remove = event.target.closest('[data-remove]');
    if (add) {
      const list = add.dataset.add;
      app.state[list].push(newItem(app.state, list));
      RENDER_LIST[list](app.state);
      const index = app.state[list].length - 1;
      document.querySelector(`#f-${list}-${index} input, #f-${list}-${index} select`)?.focus();
      check();
    } else if (remove) {
      const [list, index] = remove.dataset.remove.split('.');
      app.state[list].splice(Number(index), 1);
      RENDER_LIST[list](app.state);
      // Focus goes where the next item would be made: the list's add button or the search.
      (document.querySelector(`[data-add="${list}"]`) ?? document.getElementById('f-esco-search')).focus();
      check();
    } else if (event.target.id === 'target-clear') {
      app.state.target = null;
      app.targetLookup = null;
      renderTarget(app.state);
      renderUnits(app.state, null);
      document.getElementById('f-target').focus();
      check();
    }
  });
  document.getElementById('ui-lang').addEventListener('change', (event) => {
    setLanguage(event.target.value);
    renderAll();
    check();
  });
}

function wireSearch() {
  const describe = (hit) => t(`node.${hit.node_type}`);
  autocomplete({
    input: document.getElementById('f-target'),
    listbox: document.getElementById('target-options'),
    empty: () => t('esco_none'),
    search: async (text) =>
      (await (await app.searcher).search(text, { limit: 10, nodeTypes: ['qualification'] })).map((hit) => ({
        label: `${hit.node.code} — ${hit.label}`,
        value: hit,
      })),
    onPick: (hit) => {
      app.state.target = { scheme: hit.node.scheme, code: hit.node.code, title: hit.label };
      app.targetLookup = lookupTarget();
      if (app.targetLookup) app.state.target.title = app.targetLookup.title;
      renderTarget(app.state);
      renderUnits(app.state, app.targetLookup);
      check();
    },
  });
  autocomplete({
    input: document.getElementById('f-esco-search'),
    listbox: document.getElementById('esco-options'),
    empty: () => t('esco_none'),
    // With the ESCO bundle, its skills and occupations; without it, whatever the built-in
    // frameworks hold (UCs, capacità, conoscenze).
    search: async (text) =>
      (await (await app.searcher).search(text, app.escoLoaded ? { limit: 10, schemes: ['esco'] } : { limit: 10 }))
        .filter((hit) => hit.node_type !== 'qualification')
        .map((hit) => ({ label: hit.label, detail: `(${describe(hit)})`, value: hit })),
    onPick: (hit) => {
      if (!app.state.esco.some((e) => e.scheme === hit.node.scheme && e.code === hit.node.code)) {
        app.state.esco.push({
          scheme: hit.node.scheme,
          code: hit.node.code,
          version: hit.node.version ?? undefined,
          label: hit.label,
          nodeType: hit.node_type,
          self_assessment: 'yes',
          experiences: '',
          evidence: '',
        });
      }
      renderEsco(app.state);
      check();
    },
  });
}

/** What a claimed node is called (for claims read back from a case). */
function labelOf(ref) {
  try {
    const found = app.frameworks.lookup({ scheme: ref.scheme, code: ref.code });
    return { label: found.title ?? found.label ?? ref.code, nodeType: found.node_type ?? found.kind ?? 'skill' };
  } catch {
    return { label: ref.code, nodeType: 'skill' };
  }
}

/** Fills the form with a continued case's record and target. */
function loadCase(kase) {
  const { state } = kase;
  const ref = state.target_ref;
  let lookup = null;
  try {
    lookup = app.frameworks.lookup({ scheme: ref.scheme, code: ref.code });
  } catch {
    // A target the loaded frameworks lack: the form shows no UCs for it.
  }
  const target = { scheme: ref.scheme, code: ref.code, title: lookup?.title ?? ref.code };
  app.state = stateFromRecord(state.record, target, lookup?.units ?? [], labelOf, app.state);
  app.targetLookup = lookup;
  renderAll();
  check();
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function main() {
  restore();
  setLanguage(language());
  translatePage();
  setStatus('loading', {}, 'loading');
  try {
    await Promise.all([loadFrameworks(), loadCatalogues(DATA)]);
  } catch (error) {
    setStatus('load_failed', { reason: error.message }, 'failed');
    return;
  }
  app.targetLookup = lookupTarget();
  renderAll();
  wireForm();
  wireSearch();
  document.getElementById('download-record').addEventListener('click', () => {
    download(`${app.record?.id || 'record'}.json`, 'application/json', `${JSON.stringify(app.record, null, 2)}\n`);
  });
  document.getElementById('reset-form').addEventListener('click', () => {
    if (!window.confirm(t('reset_confirm'))) return;
    // The entitled body and the operator stay: they are the device's, not the person's.
    app.state = { ...emptyState(), ente: app.state.ente };
    app.targetLookup = null;
    renderAll();
    check();
  });
  setupDocuments({ cases: app.cases, app });
  ({ render: app.renderCase } = setupCase({ cases: app.cases, app, download, onLoaded: loadCase }));
  check();
  // The form is usable now; "ready" waits for the search index (built in the worker).
  setStatus('indexing', {}, 'indexing');
  await app.searcher;
  const names = [...app.frameworks.ids(), ...(app.escoLoaded ? ['ESCO'] : [])].join(', ');
  setStatus('ready', { frameworks: names }, 'ready');
  // A hook for tests and for the operator's console: the form's live state, read-only use.
  window.attestaForm = app;
}

main();
