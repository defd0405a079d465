// Renders the form's fields from the state. Every control has a <label for>, text inputs have
// dir="auto" (an Arabic name or place is laid out right to left inside a left-to-right page),
// and `data-bind` says which state value it edits. Text typed by the operator only ever reaches
// the page as textContent or a value, never as markup.
import {
  AUTHENTICITY,
  CEFR_DIMENSIONS,
  CEFR_LEVELS,
  CONTEXTS,
  EVIDENCE_KINDS,
  EXPERIENCE_KINDS,
  SELF_ASSESSMENTS,
  TRANSLATIONS,
} from './record.js';
import { t } from './i18n.js';

/** Creates an element with attributes and children (strings become text nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) if (data !== undefined) element.dataset[key] = data;
    }
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return element;
}

const options = (values, prefix, current, empty) => [
  ...(empty === undefined ? [] : [h('option', { value: '', text: empty, selected: current === '' })]),
  ...values.map((value) =>
    h('option', { value, text: prefix ? t(`${prefix}.${value}`) : value, selected: value === current }),
  ),
];

/**
 * One labelled control. `kind`: text (default), textarea, select (with `choices`), checkbox.
 * `bind` is the state key ("experiences.0.start"); `id` the element id findings refer to.
 */
export function field({ id, label, bind, value, kind = 'text', choices, wide, disabled, inputmode }) {
  let control;
  if (kind === 'select') {
    control = h('select', { id, dataset: { bind } }, choices);
  } else if (kind === 'textarea') {
    control = h('textarea', { id, rows: 3, dir: 'auto', dataset: { bind } });
    control.value = value ?? '';
  } else if (kind === 'checkbox') {
    control = h('input', { id, type: 'checkbox', dataset: { bind } });
    control.checked = Boolean(value);
    return h('div', { class: 'field check' }, control, h('label', { for: id, text: label }));
  } else {
    control = h('input', { id, type: 'text', dir: 'auto', inputmode, dataset: { bind } });
    control.value = value ?? '';
  }
  if (disabled) control.disabled = true;
  return h('div', { class: wide ? 'field wide' : 'field' }, h('label', { for: id, text: label }), control);
}

const removeButton = (list, i, what) =>
  h('button', { type: 'button', class: 'remove', dataset: { remove: `${list}.${i}` }, 'aria-label': `${t('remove')}: ${what}`, text: t('remove') });

/** The person's fields (record id, pseudonymous id, mother tongues, personal data). */
export function renderPerson(state) {
  const person = document.getElementById('person-fields');
  person.replaceChildren(
    field({ id: 'f-recordId', label: t('record_id'), bind: 'recordId', value: state.recordId }),
    field({ id: 'f-person-id', label: t('person_id'), bind: 'person.id', value: state.person.id }),
    field({ id: 'f-person-mother_tongues', label: t('mother_tongues'), bind: 'person.mother_tongues', value: state.person.mother_tongues }),
  );
  document.getElementById('personal-fields').replaceChildren(
    ...['given_name', 'family_name', 'birth_date', 'birth_place', 'nationality', 'fiscal_code'].map((key) =>
      field({ id: `f-person-${key}`, label: t(key), bind: `person.${key}`, value: state.person[key] }),
    ),
  );
}

/** The languages with their CEFR self-assessment, one fieldset each. */
export function renderLanguages(state) {
  document.getElementById('languages').replaceChildren(
    ...state.languages.map((row, i) =>
      h(
        'fieldset',
        { id: `f-languages-${i}`, class: 'item' },
        h('legend', { text: `${t('language')} ${i + 1}` }),
        h(
          'div',
          { class: 'grid' },
          field({ id: `f-languages-${i}-language`, label: t('language_code'), bind: `languages.${i}.language`, value: row.language }),
          ...CEFR_DIMENSIONS.map((d) =>
            field({
              id: `f-languages-${i}-${d}`,
              label: t(`cefr.${d}`),
              bind: `languages.${i}.${d}`,
              kind: 'select',
              choices: options(CEFR_LEVELS, null, row[d], t('unknown')),
            }),
          ),
        ),
        removeButton('languages', i, `${t('language')} ${i + 1}`),
      ),
    ),
  );
}

/** The experiences, one fieldset each: context, kind, period, where, what was done. */
export function renderExperiences(state) {
  document.getElementById('experiences').replaceChildren(
    ...state.experiences.map((row, i) => {
      const id = (name) => `f-experiences-${i}-${name}`;
      const bind = (name) => `experiences.${i}.${name}`;
      const text = (name, extra = {}) => field({ id: id(name), label: t(name), bind: bind(name), value: row[name], ...extra });
      const title = `${t('experience')} ${i + 1}`;
      return h(
        'fieldset',
        { id: `f-experiences-${i}`, class: 'item' },
        h('legend', { text: title }),
        h(
          'div',
          { class: 'grid' },
          text('id'),
          field({ id: id('context'), label: t('context'), bind: bind('context'), kind: 'select', choices: options(CONTEXTS, 'context', row.context) }),
          field({ id: id('kind'), label: t('kind'), bind: bind('kind'), kind: 'select', choices: options(EXPERIENCE_KINDS, 'kind', row.kind) }),
          text('start'),
          text('end'),
          field({ id: id('where'), label: t('where'), bind: bind('where'), kind: 'select', choices: options(['it', 'abroad'], 'where', row.where) }),
          text('country', { disabled: row.where === 'it' }),
          text('place'),
          text('organisation'),
          text('role'),
          text('tasks', { kind: 'textarea', wide: true }),
          text('course'),
          text('title_obtained'),
          text('awarding_body'),
          text('hours_per_week', { inputmode: 'numeric' }),
          field({ id: id('paid'), label: t('paid'), bind: bind('paid'), kind: 'select', choices: options(['yes', 'no'], 'paid', row.paid, t('unknown')) }),
        ),
        removeButton('experiences', i, title),
      );
    }),
  );
}

/** The evidence items, one fieldset each. */
export function renderEvidence(state) {
  document.getElementById('evidence').replaceChildren(
    ...state.evidence.map((row, i) => {
      const id = (name) => `f-evidence-${i}-${name}`;
      const bind = (name) => `evidence.${i}.${name}`;
      const text = (name, label = t(name), extra = {}) => field({ id: id(name), label, bind: bind(name), value: row[name], ...extra });
      const select = (name, values, prefix) =>
        field({ id: id(name), label: t(name), bind: bind(name), kind: 'select', choices: options(values, prefix, row[name]) });
      const title = `${t('evidence_item')} ${i + 1}`;
      return h(
        'fieldset',
        { id: `f-evidence-${i}`, class: 'item' },
        h('legend', { text: title }),
        h(
          'div',
          { class: 'grid' },
          text('id'),
          field({ id: id('kind'), label: t('evidence_kind'), bind: bind('kind'), kind: 'select', choices: options(EVIDENCE_KINDS, 'evidence', row.kind) }),
          text('description', t('description'), { kind: 'textarea', wide: true }),
          text('issuer'),
          text('issue_date'),
          text('country'),
          text('language', t('doc_language')),
          select('translation', TRANSLATIONS, 'translation'),
          select('authenticity', AUTHENTICITY, 'authenticity'),
          field({ id: id('self_issued'), label: t('self_issued'), bind: bind('self_issued'), kind: 'checkbox', value: row.self_issued }),
          text('experiences', t('linked_experiences')),
          text('claims', t('linked_claims')),
        ),
        removeButton('evidence', i, title),
      );
    }),
  );
}

/** The self-assessment row of a claim (a UC of the target or an ESCO concept). */
function claimRow(rowId, bindBase, title, answer, extra) {
  return h(
    'div',
    { id: rowId, class: 'claim', role: 'group', 'aria-labelledby': `${rowId}-title` },
    h('p', { id: `${rowId}-title`, class: 'claim-title', dir: 'auto' }, title),
    h(
      'div',
      { class: 'grid' },
      field({
        id: `${rowId}-self_assessment`,
        label: t('self_assessment'),
        bind: `${bindBase}.self_assessment`,
        kind: 'select',
        choices: options(SELF_ASSESSMENTS, 'self_assessment', answer.self_assessment ?? '', extra ? undefined : t('self_assessment.none')),
      }),
      field({ id: `${rowId}-experiences`, label: t('linked_experiences'), bind: `${bindBase}.experiences`, value: answer.experiences }),
      field({ id: `${rowId}-evidence`, label: t('linked_evidence'), bind: `${bindBase}.evidence`, value: answer.evidence }),
    ),
    extra,
  );
}

/** The UCs of the target qualification (from its lookup), each with a self-assessment. */
export function renderUnits(state, lookup) {
  const container = document.getElementById('units');
  if (!lookup) {
    container.replaceChildren();
    return;
  }
  container.replaceChildren(
    ...lookup.units.map(({ unit, title }) =>
      claimRow(`f-unit-${unit.code}`, `units.${unit.code}`, [h('strong', { text: `UC ${unit.code}` }), ` ${title}`], state.units[unit.code] ?? {}),
    ),
  );
}

/** The ESCO concepts chosen with the autocomplete. */
export function renderEsco(state) {
  document.getElementById('esco').replaceChildren(
    ...state.esco.map((entry, i) =>
      claimRow(
        `f-esco-${i}`,
        `esco.${i}`,
        [h('strong', { text: entry.label }), ` (${t(`node.${entry.nodeType}`)})`],
        entry,
        removeButton('esco', i, entry.label),
      ),
    ),
  );
}

/** The entitled body, the operator and the accoglienza (needed by a case and its documents). */
export function renderEnte(state) {
  const { ente } = state;
  const text = (key, label) => field({ id: `f-ente-${key}`, label: t(label), bind: `ente.${key}`, value: ente[key] });
  const check = (key) => field({ id: `f-ente-${key}`, label: t(`accoglienza.${key}`), bind: `ente.${key}`, kind: 'checkbox', value: ente[key] });
  document.getElementById('ente-fields').replaceChildren(
    text('id', 'ente_id'),
    text('name', 'ente_name'),
    text('address', 'ente_address'),
    field({
      id: 'f-ente-authorisation',
      label: t('ente_authorisation'),
      bind: 'ente.authorisation',
      kind: 'select',
      choices: options(['ex_lege', 'accreditamento', 'autorizzazione'], 'authorisation', ente.authorisation),
    }),
    text('reference', 'ente_reference'),
    text('operator', 'operator_id'),
    check('informed'),
    check('requirements_met'),
    check('domanda'),
    check('adesione'),
  );
}

/** The chosen target qualification, with a button that clears it. */
export function renderTarget(state) {
  const chosen = document.getElementById('target-chosen');
  if (!state.target) {
    chosen.replaceChildren(h('span', { text: t('no_target') }));
    return;
  }
  chosen.replaceChildren(
    h('strong', { id: 'target-title', dir: 'auto', text: `${state.target.code} — ${state.target.title}` }),
    ' ',
    h('button', { type: 'button', id: 'target-clear', 'aria-label': `${t('remove')}: ${state.target.title}`, text: t('remove') }),
  );
}
