// The form's own words in Italian and English, and the finding messages in the chosen language.
// Findings are localized from their stable `code` and `context` with the project's Fluent
// catalogues (data/l10n/<lang>/findings.ftl, copied next to the page by `make web`) through
// Fluent's own JavaScript implementation, @fluent/bundle (vendored next to the page by
// `make web`), as the core renders them with the Rust `fluent-bundle`: the same messages, the
// same arguments, the same CLDR plural rules. A message missing in Italian falls back to English,
// and the English `message` of the report is the last resort.
import { FluentBundle, FluentNumber, FluentResource } from './vendor/fluent-bundle/index.js';

const UI = {
  it: {
    title: 'Attesta — registro delle competenze',
    language: 'Lingua',
    person: 'Persona',
    personal: 'Dati anagrafici (facoltativi)',
    record_id: 'Identificativo del registro',
    person_id: 'Identificativo pseudonimo della persona',
    given_name: 'Nome',
    family_name: 'Cognome',
    birth_date: 'Data di nascita (AAAA-MM-GG)',
    birth_place: 'Luogo di nascita',
    nationality: 'Cittadinanza (ISO, es. SN)',
    fiscal_code: 'Codice fiscale',
    mother_tongues: 'Lingue madri (codici ISO 639-1, separati da virgole)',
    languages: 'Lingue (QCER)',
    add_language: 'Aggiungi lingua',
    language_code: 'Lingua (ISO 639-1, es. fr)',
    'cefr.listening': 'Ascolto',
    'cefr.reading': 'Lettura',
    'cefr.spoken_interaction': 'Interazione orale',
    'cefr.spoken_production': 'Produzione orale',
    'cefr.writing': 'Scrittura',
    experiences: 'Esperienze',
    experience: 'Esperienza',
    add_experience: 'Aggiungi esperienza',
    id: 'Identificativo',
    context: 'Contesto di apprendimento',
    'context.formale': 'Formale',
    'context.non_formale': 'Non formale',
    'context.informale': 'Informale',
    kind: 'Tipo',
    'kind.work': 'Lavoro',
    'kind.volunteering': 'Volontariato',
    'kind.education': 'Istruzione',
    'kind.training': 'Formazione',
    'kind.life': 'Vita quotidiana',
    start: 'Inizio (AAAA, AAAA-MM o AAAA-MM-GG)',
    end: 'Fine (vuoto se in corso)',
    where: 'Dove',
    'where.it': 'In Italia',
    'where.abroad': "All'estero",
    country: 'Paese (ISO, es. MA)',
    place: 'Luogo',
    organisation: 'Organizzazione',
    role: 'Ruolo',
    tasks: 'Attività svolte (una per riga)',
    course: 'Corso',
    title_obtained: 'Titolo conseguito',
    awarding_body: 'Ente che rilascia il titolo',
    hours_per_week: 'Ore settimanali',
    paid: 'Retribuita',
    'paid.yes': 'Sì',
    'paid.no': 'No',
    unknown: '—',
    evidence: 'Evidenze',
    evidence_item: 'Evidenza',
    add_evidence: 'Aggiungi evidenza',
    evidence_kind: 'Tipo di evidenza',
    'evidence.diploma': 'Diploma',
    'evidence.course_certificate': 'Attestato di corso',
    'evidence.payslip': 'Busta paga',
    'evidence.contract': 'Contratto',
    'evidence.employer_statement': 'Dichiarazione del datore di lavoro',
    'evidence.self_declaration': 'Autodichiarazione',
    'evidence.product': 'Prodotto (foto, video, lavori)',
    'evidence.reference_letter': 'Lettera di referenze',
    'evidence.other': 'Altro',
    description: 'Descrizione',
    issuer: 'Emittente',
    issue_date: 'Data di rilascio',
    doc_language: 'Lingua del documento (ISO 639-1)',
    translation: 'Traduzione',
    'translation.not_needed': 'Non necessaria',
    'translation.missing': 'Mancante',
    'translation.informal': 'Informale',
    'translation.certified': 'Giurata o asseverata',
    authenticity: 'Autenticità',
    'authenticity.not_checked': 'Non verificata',
    'authenticity.verified': 'Verificata',
    'authenticity.plausible': 'Plausibile',
    'authenticity.doubtful': 'Dubbia',
    self_issued: 'Autoprodotta dalla persona',
    linked_experiences: 'Esperienze collegate (id, separati da virgole)',
    linked_claims: 'Competenze collegate (id, separati da virgole)',
    linked_evidence: 'Evidenze a supporto (id, separati da virgole)',
    remove: 'Rimuovi',
    target: 'Figura di riferimento e competenze',
    target_figure: 'Figura professionale (cerca nel Repertorio della Regione Toscana)',
    no_target: 'Nessuna figura scelta.',
    self_assessment: 'Autovalutazione',
    'self_assessment.none': '— non dichiarata —',
    'self_assessment.yes': 'Sì',
    'self_assessment.partially': 'In parte',
    'self_assessment.no': 'No',
    esco_claims: 'Abilità e occupazioni ESCO',
    esco_search: 'Cerca in ESCO (abilità, occupazioni)',
    esco_none: 'Nessun risultato',
    'node.skill': 'abilità',
    'node.knowledge': 'conoscenza',
    'node.occupation': 'occupazione',
    'node.qualification': 'figura',
    'node.unit': 'UC',
    'node.group': 'gruppo',
    'node.capacita': 'capacità',
    'node.conoscenza': 'conoscenza',
    ente: 'Ente titolato e operatore',
    ente_id: "Codice dell'ente",
    ente_name: "Denominazione dell'ente titolato",
    ente_address: 'Sede',
    ente_reference: 'Riferimento normativo del titolo (es. L.R. 32/2002)',
    operator_id: "Identificativo dell'operatore (EITC)",
    check: 'Controllo',
    coverage: 'Copertura della figura',
    actions: 'Documento e caso',
    print: 'Stampa Documento di trasparenza',
    print_now: 'Stampa',
    close: 'Chiudi',
    document: 'Documento di trasparenza',
    download_record: 'Scarica il registro (JSON)',
    reset_form: 'Svuota il modulo',
    reset_confirm: 'Svuotare il modulo? I dati della persona vengono tolti da questo dispositivo (il caso aperto resta).',
    loading: 'Caricamento…',
    indexing: 'Modulo pronto; preparazione della ricerca…',
    ready: 'Pronto: {frameworks}. Nessuna connessione necessaria.',
    load_failed: 'Caricamento non riuscito: {reason}',
    valid: 'Registro valido',
    valid_warnings: 'Registro valido (avvisi: {count})',
    invalid: 'Registro non valido (errori: {count})',
    cannot_check: 'Il registro non può essere controllato: {reason}',
    unmapped: 'Segnalazioni generali',
    go_to_field: 'vai al campo',
    'severity.error': 'Errore',
    'severity.warning': 'Avviso',
    'severity.info': 'Nota',
    no_figure: 'Scegli una figura per vedere la copertura UC per UC.',
    coverage_unavailable: 'Copertura non calcolabile: {reason}',
    coverage_summary: '{units} UC: {claimed} dichiarate, {partially} in parte, {missing} mancanti, {validated} validate',
    'status.validated': 'validata',
    'status.claimed': 'dichiarata',
    'status.partially_claimed': 'dichiarata in parte',
    'status.missing': 'mancante',
    to_cover: 'Da coprire',
    coverage_status: 'Stato',
    has_evidence: 'con evidenze',
    no_evidence: 'senza evidenze',
    esco_missing: 'Bundle ESCO completo non disponibile: la ricerca usa solo i repertori integrati ({reason}).',
    print_unavailable: 'La stampa richiede la Case API del pacchetto (non presente in questa build).',
    print_failed: 'Documento non rilasciato: {reason}',
    print_ready: 'Documento di trasparenza pronto.',
    ente_authorisation: 'Titolo a operare',
    'authorisation.ex_lege': 'Per legge',
    'authorisation.accreditamento': 'Accreditamento',
    'authorisation.autorizzazione': 'Autorizzazione',
    'accoglienza.informed': 'La persona è stata informata sul servizio',
    'accoglienza.requirements_met': 'Requisiti di accesso verificati',
    'accoglienza.domanda': 'Domanda firmata dalla persona',
    'accoglienza.adesione': 'Documento di adesione firmato',
    case: 'Caso',
    case_id: 'Numero del caso',
    case_open: 'Apri il caso',
    case_continue: 'Continua un caso (file .jsonl del centro per l\'impiego)',
    case_record: 'Registra il modulo nel caso',
    case_close: 'Chiudi identificazione (Documento di trasparenza)',
    case_export: 'Esporta i nuovi eventi (.jsonl)',
    case_forget: 'Togli il caso da questo dispositivo',
    case_forget_confirm: 'Togliere il caso da questo dispositivo? Esporta prima i nuovi eventi.',
    case_none: 'Nessun caso aperto su questo dispositivo.',
    case_summary: 'Caso {case_id}: fase {phase}, {events} eventi ({new} nuovi da esportare).',
    case_recorded: 'Registrati {count} passi.',
    case_nothing: 'Niente da registrare: il caso è allineato al modulo.',
    case_kept: 'Restano nel caso (non si cancellano eventi): {ids}.',
    case_refused: 'Azione rifiutata: {reason}',
    case_failed: 'Il caso non può essere letto: {reason}',
    case_continued: 'Caso continuato dall\'evento {seq} del centro.',
    print_preview: 'Anteprima: il documento non è registrato in un caso.',
  },
  en: {
    title: 'Attesta — competence record',
    language: 'Language',
    person: 'Person',
    personal: 'Personal data (optional)',
    record_id: 'Record id',
    person_id: "Person's pseudonymous id",
    given_name: 'Given name',
    family_name: 'Family name',
    birth_date: 'Date of birth (YYYY-MM-DD)',
    birth_place: 'Place of birth',
    nationality: 'Nationality (ISO, e.g. SN)',
    fiscal_code: 'Codice fiscale',
    mother_tongues: 'Mother tongues (ISO 639-1 codes, comma-separated)',
    languages: 'Languages (CEFR)',
    add_language: 'Add a language',
    language_code: 'Language (ISO 639-1, e.g. fr)',
    'cefr.listening': 'Listening',
    'cefr.reading': 'Reading',
    'cefr.spoken_interaction': 'Spoken interaction',
    'cefr.spoken_production': 'Spoken production',
    'cefr.writing': 'Writing',
    experiences: 'Experiences',
    experience: 'Experience',
    add_experience: 'Add an experience',
    id: 'Id',
    context: 'Learning context',
    'context.formale': 'Formal',
    'context.non_formale': 'Non-formal',
    'context.informale': 'Informal',
    kind: 'Kind',
    'kind.work': 'Work',
    'kind.volunteering': 'Volunteering',
    'kind.education': 'Education',
    'kind.training': 'Training',
    'kind.life': 'Daily life',
    start: 'Start (YYYY, YYYY-MM or YYYY-MM-DD)',
    end: 'End (empty while ongoing)',
    where: 'Where',
    'where.it': 'In Italy',
    'where.abroad': 'Abroad',
    country: 'Country (ISO, e.g. MA)',
    place: 'Place',
    organisation: 'Organisation',
    role: 'Role',
    tasks: 'Tasks (one per line)',
    course: 'Course',
    title_obtained: 'Title obtained',
    awarding_body: 'Awarding body',
    hours_per_week: 'Hours per week',
    paid: 'Paid',
    'paid.yes': 'Yes',
    'paid.no': 'No',
    unknown: '—',
    evidence: 'Evidence',
    evidence_item: 'Evidence item',
    add_evidence: 'Add evidence',
    evidence_kind: 'Kind of evidence',
    'evidence.diploma': 'Diploma',
    'evidence.course_certificate': 'Course certificate',
    'evidence.payslip': 'Payslip',
    'evidence.contract': 'Contract',
    'evidence.employer_statement': 'Employer statement',
    'evidence.self_declaration': 'Self-declaration',
    'evidence.product': 'Product (photos, videos, work)',
    'evidence.reference_letter': 'Reference letter',
    'evidence.other': 'Other',
    description: 'Description',
    issuer: 'Issuer',
    issue_date: 'Issue date',
    doc_language: 'Language of the document (ISO 639-1)',
    translation: 'Translation',
    'translation.not_needed': 'Not needed',
    'translation.missing': 'Missing',
    'translation.informal': 'Informal',
    'translation.certified': 'Sworn or certified',
    authenticity: 'Authenticity',
    'authenticity.not_checked': 'Not checked',
    'authenticity.verified': 'Verified',
    'authenticity.plausible': 'Plausible',
    'authenticity.doubtful': 'Doubtful',
    self_issued: 'Made by the person',
    linked_experiences: 'Linked experiences (ids, comma-separated)',
    linked_claims: 'Linked claims (ids, comma-separated)',
    linked_evidence: 'Supporting evidence (ids, comma-separated)',
    remove: 'Remove',
    target: 'Target figure and competences',
    target_figure: 'Qualification (search the Tuscan regional repertoire)',
    no_target: 'No qualification chosen.',
    self_assessment: 'Self-assessment',
    'self_assessment.none': '— not stated —',
    'self_assessment.yes': 'Yes',
    'self_assessment.partially': 'Partly',
    'self_assessment.no': 'No',
    esco_claims: 'ESCO skills and occupations',
    esco_search: 'Search ESCO (skills, occupations)',
    esco_none: 'No match',
    'node.skill': 'skill',
    'node.knowledge': 'knowledge',
    'node.occupation': 'occupation',
    'node.qualification': 'qualification',
    'node.unit': 'UC',
    'node.group': 'group',
    'node.capacita': 'capacità',
    'node.conoscenza': 'conoscenza',
    ente: 'Entitled body and operator',
    ente_id: 'Body code',
    ente_name: 'Name of the entitled body',
    ente_address: 'Address',
    ente_reference: 'Legal basis of the entitlement (e.g. L.R. 32/2002)',
    operator_id: "Operator's id (EITC)",
    check: 'Check',
    coverage: 'Coverage of the figure',
    actions: 'Document and case',
    print: 'Print the transparency document',
    print_now: 'Print',
    close: 'Close',
    document: 'Transparency document',
    download_record: 'Download the record (JSON)',
    reset_form: 'Clear the form',
    reset_confirm: "Clear the form? The person's data is removed from this device (the open case stays).",
    loading: 'Loading…',
    indexing: 'Form ready; preparing the search…',
    ready: 'Ready: {frameworks}. No connection needed.',
    load_failed: 'Loading failed: {reason}',
    valid: 'Record valid',
    valid_warnings: 'Record valid (warnings: {count})',
    invalid: 'Record invalid (errors: {count})',
    cannot_check: 'The record cannot be checked: {reason}',
    unmapped: 'General findings',
    go_to_field: 'go to the field',
    'severity.error': 'Error',
    'severity.warning': 'Warning',
    'severity.info': 'Note',
    no_figure: 'Choose a qualification to see its coverage UC by UC.',
    coverage_unavailable: 'Coverage cannot be computed: {reason}',
    coverage_summary: '{units} UCs: {claimed} claimed, {partially} partly, {missing} missing, {validated} validated',
    'status.validated': 'validated',
    'status.claimed': 'claimed',
    'status.partially_claimed': 'partly claimed',
    'status.missing': 'missing',
    to_cover: 'To cover',
    coverage_status: 'Status',
    has_evidence: 'with evidence',
    no_evidence: 'no evidence',
    esco_missing: 'Full ESCO bundle not available: the search covers the built-in frameworks only ({reason}).',
    print_unavailable: "Printing needs the package's Case API (not in this build).",
    print_failed: 'Document not issued: {reason}',
    print_ready: 'Transparency document ready.',
    ente_authorisation: 'Entitlement',
    'authorisation.ex_lege': 'By law',
    'authorisation.accreditamento': 'Accreditation',
    'authorisation.autorizzazione': 'Authorisation',
    'accoglienza.informed': 'The person was informed about the service',
    'accoglienza.requirements_met': 'Access requirements checked',
    'accoglienza.domanda': 'Application signed by the person',
    'accoglienza.adesione': 'Documento di adesione signed',
    case: 'Case',
    case_id: 'Case number',
    case_open: 'Open the case',
    case_continue: "Continue a case (the job centre's .jsonl file)",
    case_record: 'Record the form in the case',
    case_close: 'Close identificazione (transparency document)',
    case_export: 'Export the new events (.jsonl)',
    case_forget: 'Remove the case from this device',
    case_forget_confirm: 'Remove the case from this device? Export the new events first.',
    case_none: 'No case open on this device.',
    case_summary: 'Case {case_id}: phase {phase}, {events} events ({new} new to export).',
    case_recorded: 'Recorded {count} steps.',
    case_nothing: 'Nothing to record: the case matches the form.',
    case_kept: 'Kept in the case (events are never deleted): {ids}.',
    case_refused: 'Action refused: {reason}',
    case_failed: 'The case cannot be read: {reason}',
    case_continued: "Case continued from the centre's event {seq}.",
    print_preview: 'Preview: the document is not recorded in a case.',
  },
};

/** The languages of the interface. */
export const LANGUAGES = Object.keys(UI);

let current = 'it';
/** The finding catalogues loaded, one FluentBundle per language. */
const bundles = {};
/** Where a missing finding message is looked for next (the core's `fallback_chain`). */
const FALLBACK = { it: ['it', 'en'], en: ['en', 'it'] };

/** Sets the interface language (`it` or `en`); anything else keeps the current one. */
export function setLanguage(lang) {
  if (LANGUAGES.includes(lang)) current = lang;
  document.documentElement.lang = current;
  return current;
}

/** The current interface language. */
export function language() {
  return current;
}

/** Fills `{name}` placeholders from `values` (arrays are joined with ", " as the core does). */
export function fill(template, values = {}) {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name) => {
    if (!(name in values)) return whole;
    const value = values[name];
    if (Array.isArray(value)) return value.join(', ');
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** The interface text for `key` in the current language, placeholders filled. */
export function t(key, values) {
  const text = UI[current][key] ?? UI.en[key] ?? key;
  return values ? fill(text, values) : text;
}

/**
 * Loads the finding-message catalogues next to the page (`l10n/<lang>/findings.ftl` under
 * `base`). A missing catalogue is not an error: the findings then keep the report's English
 * message.
 */
export async function loadCatalogues(base) {
  await Promise.all(
    LANGUAGES.map(async (lang) => {
      try {
        const response = await fetch(new URL(`l10n/${lang}/findings.ftl`, base));
        if (!response.ok) return;
        // Isolation marks only matter in right-to-left text (the core sets them for ar, fa...);
        // here they would add invisible characters around every argument.
        const bundle = new FluentBundle(lang, { useIsolating: false });
        // A syntax error keeps the messages that parsed, as in the core; `cargo test` checks
        // that the shipped files have none.
        bundle.addResource(new FluentResource(await response.text()));
        bundles[lang] = bundle;
      } catch {
        // Offline and not built: English messages from the report are used.
      }
    }),
  );
}

/** A finding's context value as a Fluent argument, as the core passes it (`fluent_args`). */
function argument(value) {
  // Whole numbers stay numbers so plural selectors apply CLDR rules; written without grouping,
  // as the core writes them (1234, not 1.234).
  if (typeof value === 'number' && Number.isInteger(value)) {
    return new FluentNumber(value, { useGrouping: false });
  }
  return plain(value);
}

/** A value as text: strings as they are, lists joined with ", ", anything else as JSON. */
function plain(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plain).join(', ');
  return JSON.stringify(value);
}

/** A finding's message in the current language, from its code and context. */
export function findingMessage(finding) {
  // Fluent ids have no dots: `experience.end_before_start` is `experience-end_before_start`.
  const id = finding.code.replaceAll('.', '-');
  const args = Object.fromEntries(
    Object.entries(finding.context ?? {}).map(([name, value]) => [name, argument(value)]),
  );
  for (const lang of FALLBACK[current] ?? [current]) {
    const message = bundles[lang]?.getMessage(id);
    if (message?.value) {
      const errors = [];
      const text = bundles[lang].formatPattern(message.value, args, errors);
      // A message whose arguments do not fit is not shown half filled: the next language is.
      if (errors.length === 0) return text;
    }
  }
  return finding.message;
}

/** Translates every `[data-i18n]` element under `root`. */
export function translatePage(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  document.title = t('title');
}
