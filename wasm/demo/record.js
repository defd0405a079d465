// The form's state and the competence record built from it (schema competence-record).
//
// The state holds what the operator typed, as text; `buildRecord` turns it into the record and,
// for every JSON pointer it writes, remembers the id of the form element that holds the value.
// A finding's `path` is such a pointer, so the form can show it next to the field that caused
// it even when the record's list positions differ from the form's (claims are made only for the
// UCs that have a self-assessment).

export const CEFR_DIMENSIONS = [
  'listening',
  'reading',
  'spoken_interaction',
  'spoken_production',
  'writing',
];
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
export const CONTEXTS = ['formale', 'non_formale', 'informale'];
export const EXPERIENCE_KINDS = ['work', 'volunteering', 'education', 'training', 'life'];
export const EVIDENCE_KINDS = [
  'diploma',
  'course_certificate',
  'payslip',
  'contract',
  'employer_statement',
  'self_declaration',
  'product',
  'reference_letter',
  'other',
];
export const TRANSLATIONS = ['not_needed', 'missing', 'informal', 'certified'];
export const AUTHENTICITY = ['not_checked', 'verified', 'plausible', 'doubtful'];
export const SELF_ASSESSMENTS = ['yes', 'partially', 'no'];

/** A fresh, empty form. */
export function emptyState() {
  return {
    recordId: '',
    person: {
      id: '',
      given_name: '',
      family_name: '',
      birth_date: '',
      birth_place: '',
      nationality: '',
      fiscal_code: '',
      mother_tongues: '',
    },
    languages: [],
    experiences: [],
    evidence: [],
    // The target qualification: { scheme, code, title }, or null.
    target: null,
    // UC code -> { self_assessment, experiences, evidence } (texts).
    units: {},
    // Claims picked with the autocomplete (ESCO concepts; other framework nodes when the ESCO
    // bundle is not there): { scheme, code, label, nodeType, self_assessment, experiences,
    // evidence }.
    esco: [],
    // The entitled body, its operator and what accoglienza recorded (for the case and the
    // Documento di trasparenza; not part of the record).
    ente: {
      id: '',
      name: '',
      address: '',
      authorisation: 'ex_lege',
      reference: '',
      operator: '',
      informed: false,
      requirements_met: false,
      domanda: false,
      adesione: false,
    },
  };
}

/** A new list item for `list`, numbered after the existing ones. */
export function newItem(state, list) {
  const next = (prefix) => {
    const used = new Set(state[list].map((item) => item.id));
    let n = state[list].length + 1;
    while (used.has(`${prefix}-${n}`)) n += 1;
    return `${prefix}-${n}`;
  };
  switch (list) {
    case 'languages':
      return { language: '', ...Object.fromEntries(CEFR_DIMENSIONS.map((d) => [d, ''])) };
    case 'experiences':
      return {
        id: next('exp'),
        context: 'informale',
        kind: 'work',
        start: '',
        end: '',
        where: 'it',
        country: '',
        place: '',
        organisation: '',
        role: '',
        tasks: '',
        course: '',
        title_obtained: '',
        awarding_body: '',
        hours_per_week: '',
        paid: '',
      };
    case 'evidence':
      return {
        id: next('ev'),
        kind: 'self_declaration',
        description: '',
        issuer: '',
        issue_date: '',
        country: '',
        language: '',
        translation: 'not_needed',
        authenticity: 'not_checked',
        self_issued: false,
        experiences: '',
        claims: '',
      };
    default:
      throw new RangeError(`no list ${list}`);
  }
}

const trimmed = (text) => (typeof text === 'string' ? text.trim() : '');
const commaList = (text) => trimmed(text).split(',').map((s) => s.trim()).filter(Boolean);
const lineList = (text) => trimmed(text).split('\n').map((s) => s.trim()).filter(Boolean);

/** The claim id the form gives a UC's claim (evidence items refer to it). */
export const unitClaimId = (code) => `cl-${code}`;

/**
 * The record of `state` and where each of its values comes from.
 *
 * `target` is the lookup of the target qualification (`{ units: [{ unit, title }] }`) or null.
 * Returns `{ record, fields }`: `fields` maps JSON pointers to form element ids.
 */
export function buildRecord(state, target) {
  const fields = new Map();
  // Optional values are left out when empty (an empty text is not "unknown" to the core, it is
  // a wrong value); the pointer is still mapped so a finding about it lands on its field.
  const put = (object, key, value, pointer, id) => {
    fields.set(pointer, id);
    const empty = value === '' || value === undefined || (Array.isArray(value) && value.length === 0);
    if (!empty) object[key] = value;
  };

  const record = { schema_version: '1.0', id: trimmed(state.recordId) };
  fields.set('/id', 'f-recordId');

  const person = { id: trimmed(state.person.id) };
  fields.set('/person', 'f-person-id');
  fields.set('/person/id', 'f-person-id');
  const personal = {};
  for (const key of ['given_name', 'family_name', 'birth_date', 'birth_place', 'nationality', 'fiscal_code']) {
    put(personal, key, trimmed(state.person[key]), `/person/personal/${key}`, `f-person-${key}`);
  }
  fields.set('/person/personal', 'f-personal');
  if (Object.keys(personal).length > 0) person.personal = personal;
  put(person, 'mother_tongues', commaList(state.person.mother_tongues), '/person/mother_tongues', 'f-person-mother_tongues');

  const languages = state.languages.map((row, i) => {
    const base = `/person/languages/${i}`;
    fields.set(base, `f-languages-${i}`);
    const skill = { language: trimmed(row.language) };
    fields.set(`${base}/language`, `f-languages-${i}-language`);
    for (const dimension of CEFR_DIMENSIONS) {
      put(skill, dimension, row[dimension], `${base}/${dimension}`, `f-languages-${i}-${dimension}`);
    }
    return skill;
  });
  fields.set('/person/languages', 'h-languages');
  if (languages.length > 0) person.languages = languages;
  record.person = person;

  record.experiences = state.experiences.map((row, i) => {
    const base = `/experiences/${i}`;
    const id = (name) => `f-experiences-${i}-${name}`;
    fields.set(base, `f-experiences-${i}`);
    const experience = { id: trimmed(row.id), context: row.context, kind: row.kind };
    fields.set(`${base}/id`, id('id'));
    fields.set(`${base}/context`, id('context'));
    fields.set(`${base}/kind`, id('kind'));
    const period = { start: trimmed(row.start) };
    fields.set(`${base}/period`, id('start'));
    fields.set(`${base}/period/start`, id('start'));
    put(period, 'end', trimmed(row.end), `${base}/period/end`, id('end'));
    experience.period = period;
    const country = row.where === 'it' ? 'IT' : trimmed(row.country);
    put(experience, 'country', country, `${base}/country`, row.where === 'it' ? id('where') : id('country'));
    for (const key of ['place', 'organisation', 'role', 'course', 'title_obtained', 'awarding_body']) {
      put(experience, key, trimmed(row[key]), `${base}/${key}`, id(key));
    }
    put(experience, 'tasks', lineList(row.tasks), `${base}/tasks`, id('tasks'));
    const hours = trimmed(row.hours_per_week);
    // A number that does not parse is passed on as text so the core reports it.
    put(experience, 'hours_per_week', hours === '' ? '' : Number.isNaN(Number(hours)) ? hours : Number(hours), `${base}/hours_per_week`, id('hours_per_week'));
    put(experience, 'paid', row.paid === '' ? '' : row.paid === 'yes', `${base}/paid`, id('paid'));
    return experience;
  });
  fields.set('/experiences', 'h-experiences');

  record.evidence = state.evidence.map((row, i) => {
    const base = `/evidence/${i}`;
    const id = (name) => `f-evidence-${i}-${name}`;
    fields.set(base, `f-evidence-${i}`);
    const item = { id: trimmed(row.id), kind: row.kind };
    fields.set(`${base}/id`, id('id'));
    fields.set(`${base}/kind`, id('kind'));
    for (const key of ['description', 'issuer', 'issue_date', 'country', 'language']) {
      put(item, key, trimmed(row[key]), `${base}/${key}`, id(key));
    }
    put(item, 'translation', row.translation, `${base}/translation`, id('translation'));
    put(item, 'authenticity', row.authenticity, `${base}/authenticity`, id('authenticity'));
    if (row.self_issued) item.self_issued = true;
    fields.set(`${base}/self_issued`, id('self_issued'));
    put(item, 'experiences', commaList(row.experiences), `${base}/experiences`, id('experiences'));
    put(item, 'claims', commaList(row.claims), `${base}/claims`, id('claims'));
    return item;
  });
  fields.set('/evidence', 'h-evidence');

  const claims = [];
  const claim = (rowId, target, answer) => {
    const base = `/claims/${claims.length}`;
    fields.set(base, `${rowId}`);
    fields.set(`${base}/id`, `${rowId}`);
    fields.set(`${base}/target`, `${rowId}`);
    fields.set(`${base}/self_assessment`, `${rowId}-self_assessment`);
    const made = { id: answer.id, target, self_assessment: answer.self_assessment };
    put(made, 'experiences', commaList(answer.experiences), `${base}/experiences`, `${rowId}-experiences`);
    put(made, 'evidence', commaList(answer.evidence), `${base}/evidence`, `${rowId}-evidence`);
    claims.push(made);
  };
  for (const { unit } of target?.units ?? []) {
    const answer = state.units[unit.code];
    if (answer?.self_assessment) {
      claim(`f-unit-${unit.code}`, { scheme: unit.scheme, code: unit.code }, { ...answer, id: answer.id || unitClaimId(unit.code) });
    }
  }
  state.esco.forEach((entry, i) => {
    claim(`f-esco-${i}`, entry.version ? { scheme: entry.scheme, code: entry.code, version: entry.version } : { scheme: entry.scheme, code: entry.code }, { ...entry, id: entry.id || `cl-esco-${i + 1}` });
  });
  fields.set('/claims', 'h-target');
  record.claims = claims;
  return { record, fields };
}

const joined = (list, separator = ', ') => (Array.isArray(list) ? list.join(separator) : '');
const text = (value) => (value === null || value === undefined ? '' : String(value));

/**
 * The form state of a competence record (a case's record when a case is continued): the
 * inverse of `buildRecord`. `target` is the case's target ({scheme, code, title}) or null;
 * `labelOf(ref)` names a claimed node that is not a UC of the target. The entitled body's
 * fields of `previous` are kept.
 */
export function stateFromRecord(record, target, targetUnits, labelOf, previous) {
  const state = emptyState();
  state.ente = { ...state.ente, ...previous.ente };
  state.recordId = text(record.id);
  const person = record.person ?? {};
  state.person.id = text(person.id);
  for (const key of ['given_name', 'family_name', 'birth_date', 'birth_place', 'nationality', 'fiscal_code']) {
    state.person[key] = text(person.personal?.[key]);
  }
  state.person.mother_tongues = joined(person.mother_tongues);
  state.languages = (person.languages ?? []).map((skill) => ({
    language: text(skill.language),
    ...Object.fromEntries(CEFR_DIMENSIONS.map((d) => [d, text(skill[d])])),
  }));
  state.experiences = (record.experiences ?? []).map((e) => ({
    ...newItem(state, 'experiences'),
    ...Object.fromEntries(['id', 'context', 'kind', 'place', 'organisation', 'role', 'course', 'title_obtained', 'awarding_body'].map((k) => [k, text(e[k])])),
    start: text(e.period?.start),
    end: text(e.period?.end),
    where: e.country === 'IT' ? 'it' : 'abroad',
    country: e.country === 'IT' ? '' : text(e.country),
    tasks: joined(e.tasks, '\n'),
    hours_per_week: text(e.hours_per_week),
    paid: e.paid === true ? 'yes' : e.paid === false ? 'no' : '',
  }));
  state.evidence = (record.evidence ?? []).map((e) => ({
    ...newItem(state, 'evidence'),
    ...Object.fromEntries(['id', 'kind', 'description', 'issuer', 'issue_date', 'country', 'language', 'translation', 'authenticity'].map((k) => [k, text(e[k])])),
    self_issued: Boolean(e.self_issued),
    experiences: joined(e.experiences),
    claims: joined(e.claims),
  }));
  state.target = target;
  const units = new Set(targetUnits.map(({ unit }) => `${unit.scheme}:${unit.code}`));
  for (const claim of record.claims ?? []) {
    const answer = {
      id: claim.id,
      self_assessment: claim.self_assessment,
      experiences: joined(claim.experiences),
      evidence: joined(claim.evidence),
    };
    if (units.has(`${claim.target.scheme}:${claim.target.code}`)) {
      state.units[claim.target.code] = answer;
    } else {
      const { label, nodeType } = labelOf(claim.target);
      state.esco.push({ ...answer, scheme: claim.target.scheme, code: claim.target.code, version: claim.target.version ?? undefined, label, nodeType });
    }
  }
  return state;
}

/**
 * The form element for a finding's path: the element of the longest mapped prefix of the
 * pointer (a finding about `/experiences/0/tasks/2` lands on the tasks field), or null when
 * nothing but the root matches.
 */
export function fieldFor(fields, path) {
  let pointer = path;
  while (pointer !== '') {
    const id = fields.get(pointer);
    if (id) return id;
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
  }
  return null;
}
