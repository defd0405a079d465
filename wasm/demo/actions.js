// The case actions (schema case-action) that record the form in an IVC case: open_case with
// the person, the signatures of accoglienza, then the identificazione steps — add or update
// each experience, evidence item and claim whose content differs from the case's record. The
// case engine checks every action (phase, role, rules); nothing here decides what is allowed.

/** The Tuscan repertoire's ente titolare: the figures of the form are Regione Toscana's. */
const TITOLARE = { name: 'Regione Toscana', repertoires: ['rrfp_toscana'] };

/** The open_case action of the form's person, target, ente and operator. */
export function openCaseAction(state, record, caseId) {
  const { ente } = state;
  const enteTitolato = {
    id: ente.id.trim(),
    name: ente.name.trim(),
    authorisation: { kind: ente.authorisation || 'ex_lege', reference: ente.reference.trim() },
    titolare: TITOLARE,
  };
  if (ente.address.trim()) enteTitolato.address = ente.address.trim();
  return {
    kind: 'open_case',
    payload: {
      case_id: caseId,
      // The person only: experiences, evidence and claims are identificazione steps.
      record: { schema_version: record.schema_version, id: record.id, person: record.person },
      target: state.target ? { scheme: state.target.scheme, code: state.target.code } : null,
      ente: enteTitolato,
      operators: [{ id: ente.operator.trim(), roles: ['f1'], label: 'EITC' }],
      eligibility: { informed: Boolean(ente.informed), requirements_met: Boolean(ente.requirements_met) },
    },
  };
}

/**
 * The accoglienza signatures the operator has recorded, as `[action, actor]` pairs: the
 * domanda is the person's act, the Documento di adesione the operator's.
 */
export function accoglienzaActions(state, record) {
  const steps = [];
  if (state.ente.domanda) steps.push([{ kind: 'sign_domanda', payload: {} }, record.person.id]);
  if (state.ente.adesione) steps.push([{ kind: 'sign_adesione', payload: {} }, state.ente.operator.trim()]);
  return steps;
}

/** A value without the empty parts serde fills in (null, [], false), keys sorted. */
function normal(value) {
  if (Array.isArray(value)) return value.map(normal);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v === null || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = normal(v);
  }
  return out;
}

const same = (a, b) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

/**
 * The identificazione actions that bring the case's record (`caseRecord`, from its state) to
 * the form's `record`: add what is new, update what changed, in the order the procedure
 * needs: experiences, then evidence, then the claims that cite them; an evidence item that
 * names claims the case does not have yet is added without them and updated after the claims.
 * Items removed from the form stay in the case: a case log is corrected by new events, never
 * by deletion.
 */
export function identificazioneActions(caseRecord, record) {
  const actions = [];
  const existing = (list) => new Map((caseRecord?.[list] ?? []).map((item) => [item.id, item]));
  const sync = (list, noun, item) => {
    const before = existing(list).get(item.id);
    if (!before) actions.push({ kind: `add_${noun}`, payload: item });
    else if (!same(before, item)) actions.push({ kind: `update_${noun}`, payload: item });
  };
  for (const item of record.experiences ?? []) sync('experiences', 'experience', item);
  const knownClaims = new Set((caseRecord?.claims ?? []).map((claim) => claim.id));
  const later = [];
  for (const item of record.evidence ?? []) {
    const citesNew = (item.claims ?? []).some((id) => !knownClaims.has(id));
    if (!citesNew) {
      sync('evidence', 'evidence', item);
    } else {
      const before = existing('evidence').get(item.id);
      if (!before) {
        const { claims, ...first } = item;
        const known = claims.filter((id) => knownClaims.has(id));
        actions.push({ kind: 'add_evidence', payload: known.length > 0 ? { ...first, claims: known } : first });
      }
      later.push(item);
    }
  }
  for (const item of record.claims ?? []) sync('claims', 'claim', item);
  for (const item of later) actions.push({ kind: 'update_evidence', payload: item });
  return actions;
}

/** The ids the case has that the form no longer has (kept in the case; shown to the operator). */
export function keptInCase(caseRecord, record) {
  const kept = [];
  for (const list of ['experiences', 'evidence', 'claims']) {
    const now = new Set((record[list] ?? []).map((item) => item.id));
    for (const item of caseRecord?.[list] ?? []) if (!now.has(item.id)) kept.push(item.id);
  }
  return kept;
}

/** An ISO instant not before the case's last event (the engine refuses time going back). */
export function nowAfter(lastAt) {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return lastAt && lastAt > now ? lastAt : now;
}
