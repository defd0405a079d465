//! The catalogue of finding codes.
//!
//! Every finding carries one of these codes. A code is a stable, dotted slug
//! (`area.what_is_wrong`): programs match on it, translators key messages by it, and it never
//! changes meaning once released. Each entry also fixes the default severity, a one-line meaning
//! (the generated table in `docs/finding-codes.md`) and the English message template; `{name}`
//! placeholders are filled from the finding's `context`.
//!
//! Templates never interpolate personal data: the rules only put codes, ids, field names and
//! non-personal values into a finding's context.

use crate::report::Severity;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $summary:literal, $template:literal; )*) => {
        /// A stable finding code. Serialized as its dotted slug.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The dotted slug, e.g. `experience.end_before_start`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity a finding with this code has unless options change it.
            pub const fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the code means (used for the documentation table).
            pub const fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The English message template, with `{name}` placeholders filled from context.
            pub const fn template(self) -> &'static str {
                match self { $(Code::$variant => $template,)* }
            }

            /// Looks a code up by its slug.
            pub fn from_slug(slug: &str) -> Option<Code> {
                match slug { $($code => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    /// A required field is absent.
    MissingField = "structure.missing_field", Error,
        "A required field is absent.",
        "Required field '{field}' is missing.";
    /// A field that the schema does not define (often a typo).
    UnknownField = "structure.unknown_field", Error,
        "A field that the schema does not define (often a misspelt name).",
        "Unknown field '{field}'; expected one of: {expected}.";
    /// A value of the wrong JSON type.
    InvalidType = "structure.invalid_type", Error,
        "A value has the wrong JSON type.",
        "Expected {expected}, found {found}.";
    /// A value outside the allowed set of a closed vocabulary.
    UnknownVariant = "structure.unknown_variant", Error,
        "A value is not one of the allowed words of a closed vocabulary.",
        "Value is not allowed here; expected one of: {expected}.";
    /// A key repeated in one object.
    DuplicateKey = "structure.duplicate_key", Error,
        "A key appears twice in the same JSON object; parsers keep only one value, so data would be lost.",
        "Key '{key}' appears more than once in this object; only one of its values would be kept.";
    /// A list item (or the person) over the configured size, not decoded.
    ItemTooLarge = "structure.item_too_large", Error,
        "A list item or the person is larger than the configured limit for one part (`max_item_size`), so it was not decoded and its content was not checked.",
        "This part is {size} bytes, over the limit of {limit} bytes for one part; its content was not checked.";
    /// The report was cut at the configured number of findings.
    FindingsOmitted = "report.findings_omitted", Info,
        "The report lists only the first findings, up to the configured limit (`max_findings`); this final finding says how many more were found and left out.",
        "{omitted} more findings were left out of this report (limit {limit}).";
    /// A value with the right type that cannot be accepted.
    InvalidValue = "structure.invalid_value", Error,
        "A value has the right JSON type but cannot be accepted (e.g. a negative count).",
        "Invalid value: expected {expected}.";
    /// Two items of the record share an id.
    DuplicateId = "record.duplicate_id", Error,
        "Two items of the record share the same id; references to it would be ambiguous.",
        "Id '{id}' is already used at {first}.";
    /// An id that is empty or has characters outside the allowed set.
    InvalidId = "record.invalid_id", Error,
        "An id is empty, too long, or has characters other than letters, digits, '-', '_', '.', ':'.",
        "Ids must be 1 to 128 characters of letters, digits, '-', '_', '.', ':'.";
    /// A date that is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real calendar date.
    InvalidDate = "format.invalid_date", Error,
        "A date is not YYYY, YYYY-MM or YYYY-MM-DD, or does not exist in the calendar.",
        "Not a valid date; use YYYY, YYYY-MM or YYYY-MM-DD.";
    /// A country code that is not ISO 3166-1 alpha-2.
    InvalidCountry = "format.invalid_country", Error,
        "A country is not an ISO 3166-1 alpha-2 code (e.g. IT, MA, NG).",
        "Not an ISO 3166-1 alpha-2 country code (upper case, e.g. 'IT').";
    /// A language code that is not ISO 639-1.
    InvalidLanguage = "format.invalid_language", Error,
        "A language is not an ISO 639-1 code (e.g. it, ar, ti).",
        "Not an ISO 639-1 language code (lower case, e.g. 'it').";
    /// A codice fiscale with the wrong shape.
    InvalidFiscalCode = "format.invalid_fiscal_code", Error,
        "A codice fiscale does not have the 16-character shape or its check character is wrong.",
        "The codice fiscale is not well formed.";
    /// A file hash that is not 64 hexadecimal characters.
    InvalidHash = "format.invalid_hash", Error,
        "A file reference's SHA-256 is not 64 lower-case hexadecimal characters.",
        "A SHA-256 digest is 64 lower-case hexadecimal characters.";
    /// A media type that is not type/subtype.
    InvalidMediaType = "format.invalid_media_type", Error,
        "A file reference's media type is not of the form type/subtype.",
        "Not a media type of the form type/subtype (e.g. 'application/pdf').";
    /// The same language appears twice in the person's languages.
    DuplicateLanguage = "person.duplicate_language", Warning,
        "A language is listed twice (as mother tongue and/or foreign language).",
        "Language '{language}' is listed more than once.";
    /// A birth date after the reference date.
    BirthDateInFuture = "person.birth_date_in_future", Error,
        "The birth date is after the reference date.",
        "The birth date is after the reference date {reference_date}.";
    /// A language entry without any CEFR level.
    LanguageWithoutLevel = "person.language_without_level", Warning,
        "A foreign language is listed without any CEFR level.",
        "Language '{language}' has no CEFR level for any dimension.";
    /// An experience ends before it starts.
    EndBeforeStart = "experience.end_before_start", Error,
        "An experience ends before it starts.",
        "The period ends ({end}) before it starts ({start}).";
    /// An experience starts after the reference date.
    ExperienceInFuture = "experience.future_date", Error,
        "An experience's start or end is after the reference date.",
        "Date {date} is after the reference date {reference_date}.";
    /// The learning context does not fit the kind of experience.
    ContextKindMismatch = "experience.context_kind_mismatch", Warning,
        "The learning context does not fit the kind of experience (e.g. formal learning recorded as work).",
        "An experience of kind '{kind}' is rarely '{context}' learning; check the context.";
    /// An experience with no task or role description.
    NoDescription = "experience.no_description", Info,
        "An experience has neither role nor tasks; an assessor will need them.",
        "The experience has no role and no tasks.";
    /// Formal learning without the data of its course.
    MissingCourseData = "experience.missing_course_data", Warning,
        "A formal-learning experience lacks the course name or the institution/awarding body; the documents must state them (art. 6 D.Lgs. 13/2013).",
        "Formal learning without '{field}': the documents cannot be issued until it is recorded.";
    /// A reference to an item id that the record does not contain.
    EvidenceUnknownReference = "evidence.unknown_reference", Error,
        "An evidence item refers to an experience or claim id that the record does not contain.",
        "No {target} with id '{id}' in this record.";
    /// An evidence date after the reference date.
    EvidenceInFuture = "evidence.future_date", Error,
        "An evidence item's issue date is after the reference date.",
        "Issue date {date} is after the reference date {reference_date}.";
    /// Evidence that supports nothing.
    EvidenceNotLinked = "evidence.not_linked", Warning,
        "An evidence item is linked to no experience and no claim, so it supports nothing.",
        "The evidence item is linked to no experience and no claim.";
    /// Self-issued evidence that names a third-party issuer.
    SelfIssuedWithIssuer = "evidence.self_issued_with_issuer", Warning,
        "An evidence item is marked self-issued but also names an issuer; one of the two is wrong.",
        "The evidence item is self-issued but names an issuer.";
    /// Foreign-language evidence without a translation.
    EvidenceForeignWithoutTranslation = "evidence.foreign_without_translation", Warning,
        "An evidence item is in a language the operators do not read without translation, and has none.",
        "Evidence '{evidence}' is in '{language}' and has no translation.";
    /// Evidence made by the person themself.
    EvidenceSelfIssued = "evidence.self_issued", Info,
        "An evidence item was made by the person themself; it needs corroboration by third-party evidence or a direct assessment.",
        "Evidence '{evidence}' is self-issued; corroborate it.";
    /// Evidence older than the currency threshold.
    EvidenceOutdated = "evidence.outdated", Warning,
        "An evidence item is older than the configured currency threshold, relative to the case date.",
        "Evidence '{evidence}' is {years} years old (limit {limit}).";
    /// Judged evidence pertinent to nothing of the target.
    EvidenceNotPertinent = "evidence.not_pertinent", Warning,
        "A judged evidence item is pertinent to no UC, capacità or conoscenza of the target qualification.",
        "Evidence '{evidence}' is pertinent to nothing in the target qualification.";
    /// Evidence of doubtful authenticity.
    EvidenceDoubtfulAuthenticity = "evidence.doubtful_authenticity", Warning,
        "An evidence item was judged of doubtful authenticity; it cannot support validation.",
        "Evidence '{evidence}' is of doubtful authenticity.";
    /// An assessment board without an F2 assessor.
    AssessmentNoF2Assessor = "assessment.no_f2_assessor", Error,
        "An assessment board has no F2 assessor (Tuscany: EVAC).",
        "The assessment board has no F2 assessor.";
    /// An assessment board without the F3 esperto di settore the configuration requires.
    AssessmentNoF3Expert = "assessment.no_f3_expert", Error,
        "The configuration requires an F3 esperto di settore on every assessment board and there is none.",
        "The assessment board has no F3 esperto di settore.";
    /// An F1 operator of the case on the assessment board (terzietà).
    AssessmentNotIndependent = "assessment.not_independent", Warning,
        "An operator who did the case's identificazione (F1) sits on its assessment board, alone or where the rules want different people (terzietà, art. 7 D.Lgs. 13/2013).",
        "Operator '{operator}' did the identificazione of this case and sits on the board (rule: {rule}).";
    /// A result recorded outside the assessment plan.
    AssessmentNotPlanned = "assessment.not_planned", Error,
        "A result is recorded without a plan, by an operator not on the board, or with a method not planned for the UC.",
        "Not planned: {what}.";
    /// An esame documentale result without accepted evidence.
    AssessmentDocumentaryWithoutEvidence = "assessment.documentary_without_evidence", Error,
        "An esame documentale result does not rest on accepted evidence pertinent to the item.",
        "Item '{item}' has an esame documentale result without accepted evidence pertinent to it.";
    /// A UC declared validated against the UC rule.
    AssessmentUnitRuleNotMet = "assessment.unit_rule_not_met", Error,
        "A UC is declared validated but not every capacità and conoscenza is covered by an accepted method, or one failed.",
        "UC '{unit}' cannot be validated: not covered [{missing}], failed [{failed}].";
    /// An EVAC's five-yearly update is overdue.
    RolesEvacUpdateOverdue = "roles.evac_update_overdue", Warning,
        "An assessor's five-yearly update of professional competences (Tuscan EVAC register) is overdue on the assessment date.",
        "Assessor '{operator}' has no update since {window_start}; the window closed on {window_end}.";
    /// An F2 assessor not listed in the regional register.
    RolesNotListed = "roles.not_listed", Error,
        "An F2 assessor is not listed in the regional register of assessors where the configuration requires it.",
        "Assessor '{operator}' is not listed in the regional register.";
    /// The assessment board has fewer distinct people than the titolare profile requires (Tuscany: an EVAC and an esperto di settore).
    AssessmentBoardTooSmall = "assessment.board_too_small", Error,
        "The assessment board has fewer distinct people than the titolare profile requires (Tuscany: an EVAC and an esperto di settore).",
        "The assessment board has {size} distinct people; the rules require {required}.";
    /// An esame documentale pass rests only on evidence made by the person themself.
    AssessmentDocumentarySelfIssuedOnly = "assessment.documentary_self_issued_only", Error,
        "An esame documentale pass rests only on evidence made by the person themself.",
        "Item '{item}' has an esame documentale pass resting only on self-issued evidence.";
    /// The accepted evidence does not cover every capacità and conoscenza of a UC for an esame documentale.
    EvidenceInsufficientForUnit = "evidence.insufficient_for_unit", Warning,
        "The accepted evidence does not cover every capacità and conoscenza of a UC for an esame documentale; the items listed need other evidence or another method.",
        "The evidence for UC '{unit}' is insufficient for an esame documentale: no support for [{items}].";
    /// A formal title is older than the currency threshold.
    EvidenceOldFormalTitle = "evidence.old_formal_title", Warning,
        "A formal title is older than the currency threshold; it still counts, the assessor should check the competence is current.",
        "Formal title '{evidence}' is {years} years old (threshold {limit}); it still counts.";
    /// The titolare profile loaded with the frameworks belongs to another ente titolare than the case's.
    ProcedureProfileOtherTitolare = "procedure.profile_other_titolare", Error,
        "The titolare profile loaded with the frameworks belongs to another ente titolare than the case's.",
        "The loaded titolare profile is not for the ente titolare of this case.";
    /// A valutazione with nothing validated is closed without saying whether the case ends after the trasparenza or returns to identificazione.
    ProcedureCloseNeedsDecision = "procedure.close_needs_decision", Error,
        "A valutazione with nothing validated is closed without saying whether the case ends after the trasparenza or returns to identificazione.",
        "Nothing is validated: say whether the case ends after the trasparenza or returns to identificazione.";
    /// An F2 assessor's register listing carries no entry id where the titolare profile requires it.
    RolesNoRegisterEntry = "roles.no_register_entry", Error,
        "An F2 assessor's register listing carries no entry id where the titolare profile requires it.",
        "Assessor '{operator}' has no register entry id.";
    /// An F2 assessor acts before the day of their entry in the regional register.
    RolesListedAfterAssessment = "roles.listed_after_assessment", Error,
        "An F2 assessor acts before the day of their entry in the regional register.",
        "Assessor '{operator}' was not yet listed on the assessment day.";
    /// An EVAC listed before 22-4-2022 assesses after the deadline for the compulsory FAD training without having completed it by then.
    RolesEvacTrainingMissing = "roles.evac_training_missing", Error,
        "An EVAC listed before 22-4-2022 assesses after the deadline for the compulsory FAD training without having completed it by then.",
        "Assessor '{operator}' did not complete the compulsory training by {deadline}.";
    /// An attestation is issued without an F2 assessor of the board taking part, where the titolare profile requires it.
    AttestationWithoutEvac = "attestation.without_evac", Error,
        "An attestation is issued without an F2 assessor of the board taking part, where the titolare profile requires it.",
        "No F2 assessor of the board takes part in the attestazione.";
    /// Certificazione is asked for before the Documento di validazione is issued, where the titolare certifies on the strength of it.
    CertificazioneNoValidazione = "certificazione.no_validazione", Error,
        "Certificazione is asked for before the Documento di validazione is issued, where the titolare certifies on the strength of it.",
        "Issue the Documento di validazione before asking the titolare for certificazione.";
    /// A Certificato is issued without the exam of a commission appointed by the ente titolare.
    CertificazioneNoCommissionExam = "certificazione.no_commission_exam", Error,
        "A Certificato is issued without the exam of a commission appointed by the ente titolare.",
        "No exam by a commission of the ente titolare is recorded.";
    /// A Certificato or a commission exam is recorded by someone who does not act for the ente titolare.
    CertificazioneNotTitolare = "certificazione.not_titolare", Error,
        "A Certificato or a commission exam is recorded by someone who does not act for the ente titolare (a job centre does not certify).",
        "'{operator}' does not act for the ente titolare.";
    /// An attestation asked for while no UC is validated.
    AttestationNothingValidated = "attestation.nothing_validated", Error,
        "An attestation is asked for while no UC of the target is validated.",
        "No UC of the target qualification is validated.";
    /// An attestation issued by someone not authorised.
    AttestationUnauthorisedIssuer = "attestation.unauthorised_issuer", Error,
        "The actor issuing an attestation is not an authorised responsabile of the ente titolato.",
        "Actor '{actor}' is not authorised to issue attestations.";
    /// A target outside the repertoires of the ente titolare.
    AttestationOutsideRepertoire = "attestation.outside_repertoire", Error,
        "The target qualification is not in a repertoire of the ente titolato's ente titolare (D.I. 5/1/2021 art. 3 c. 1).",
        "Repertoire '{framework}' is not one of the ente titolare's ({repertoires}).";
    /// A target qualification that leads to an attività riservata.
    QualificationReservedActivity = "qualification.reserved_activity", Warning,
        "The target qualification leads to an attività riservata (regulated profession) that validation alone cannot open (D.I. 30/6/2015 art. 2).",
        "Qualification '{qualification}' leads to a reserved activity; consider a referral.";
    /// Adesione without information or eligibility.
    ProcedureNotEligible = "procedure.not_eligible", Error,
        "The accoglienza did not inform the person or found the access requirements unmet; the person should be referred.",
        "The accoglienza found: {missing}.";
    /// Valutazione asked for with nothing to validate.
    ProcedureNothingToValidate = "procedure.nothing_to_validate", Error,
        "Identificazione is closed towards valutazione while no UC was identified as a potential object of validation.",
        "No UC of the target was identified as a potential object of validation.";
    /// A Documento di validazione asked for on a case where no assessment took place.
    ProcedureNoAssessmentDone = "procedure.no_assessment_done", Error,
        "A Documento di validazione is asked for on a case that stopped after the Documento di trasparenza (or was referred) without any assessment.",
        "No assessment was done in this case: it ended with the Documento di trasparenza.";
    /// The document an action would issue fails the art. 6 check.
    ProcedureDocumentNotLawful = "procedure.document_not_lawful", Error,
        "The document the action would issue lacks an element required by art. 6 D.Lgs. 13/2013 / D.I. 30/6/2015 art. 6; the refusal lists the findings of the document check.",
        "The {document_type} would fail the document check with {count} error(s).";
    /// A claim reference to an id that the record does not contain.
    ClaimUnknownReference = "claim.unknown_reference", Error,
        "A claim refers to an experience or evidence id that the record does not contain.",
        "No {target} with id '{id}' in this record.";
    /// A claim pointing at a framework that is not loaded.
    UnknownFramework = "claim.unknown_framework", Error,
        "A claim points at a scheme or framework that the validator does not know.",
        "No loaded framework provides scheme '{scheme}'.";
    /// A claim pointing at a code that its framework does not contain.
    UnknownFrameworkNode = "claim.unknown_framework_node", Error,
        "A claim points at a code that its framework does not contain.",
        "Framework '{framework}' has no {kind} with code '{code}'.";
    /// A claim whose framework version differs from the loaded one.
    FrameworkVersionMismatch = "claim.framework_version_mismatch", Warning,
        "A claim names a framework version other than the one loaded; codes may have changed.",
        "The claim names version '{claimed}' but version '{loaded}' is loaded.";
    /// A claim supported by no experience and no evidence.
    ClaimUnsupported = "claim.unsupported", Warning,
        "A claim is linked to no experience and no evidence.",
        "The claim is linked to no experience and no evidence.";
    /// A claim that the person assessed as 'no'.
    ClaimSelfAssessedNo = "claim.self_assessed_no", Info,
        "The person self-assessed the claimed competence as not held.",
        "The person self-assessed this competence as not held.";
    /// A reference whose scheme name is not known.
    UnknownScheme = "reference.unknown_scheme", Error,
        "A framework reference uses a scheme name that Attesta does not know.",
        "Unknown scheme '{scheme}'; expected one of: {expected}.";
    /// A code that does not have its scheme's shape.
    InvalidCode = "reference.invalid_code", Error,
        "A code does not have its scheme's shape (ADA.nn.nn.nn, ESCO URI, EQF 1-8, CP2021, ATECO).",
        "Not a valid {scheme} code; expected {expected}.";
    /// An old (alias) code was used where a current one exists.
    AliasCode = "reference.alias_code", Info,
        "A code is an old alias (e.g. an Atlante 'ex' code); the current code is given.",
        "'{code}' is an old code; the current code is '{current}'.";
    /// A document field that Attesta's document schema does not define.
    DocumentUnknownField = "document.unknown_field", Warning,
        "A document has a field Attesta's document schema does not define (other regions' systems add their own); it was not checked.",
        "Field '{field}' is not part of the document schema and was not checked.";
    /// A document without the person it is about.
    DocumentMissingPerson = "document.missing_person", Error,
        "A document does not identify the person it is about (art. 6 D.Lgs. 13/2013; D.I. 30/6/2015 art. 6 c. 1).",
        "The document has no person.";
    /// The person's dati anagrafici are absent or incomplete.
    DocumentMissingPersonalData = "document.missing_personal_data", Error,
        "The person's dati anagrafici (names, birth date) are absent or incomplete (art. 6 D.Lgs. 13/2013).",
        "The person's dati anagrafici lack '{field}'.";
    /// No ente pubblico titolare.
    DocumentMissingEnteTitolare = "document.missing_ente_titolare", Error,
        "A validation document or certificate does not name the ente pubblico titolare (art. 6 D.Lgs. 13/2013).",
        "The ente pubblico titolare is missing.";
    /// No ente titolato.
    DocumentMissingEnteTitolato = "document.missing_ente_titolato", Error,
        "A validation document or certificate does not name the ente titolato (art. 6 D.Lgs. 13/2013).",
        "The ente titolato is missing.";
    /// No legal reference of the ente titolato's authorisation or accreditation.
    DocumentMissingAuthorisation = "document.missing_authorisation", Error,
        "The ente titolato is named without the legal reference of its authorisation or accreditation (art. 6 D.Lgs. 13/2013).",
        "The legal reference of the ente titolato's authorisation or accreditation is missing.";
    /// A document that lists no competence.
    DocumentMissingCompetences = "document.missing_competences", Error,
        "A document lists no competence.",
        "The document lists no competence.";
    /// A competence without its denominazione.
    DocumentMissingCompetenceTitle = "document.missing_competence_title", Error,
        "A validated or certified competence has no denominazione (art. 6 D.Lgs. 13/2013).",
        "Competence '{competence}' has no denominazione.";
    /// A competence without its repertoire.
    DocumentMissingRepertoire = "document.missing_repertoire", Error,
        "A validated or certified competence does not name its repertorio (art. 6 D.Lgs. 13/2013).",
        "Competence '{competence}' does not name its repertorio.";
    /// A competence without a reference qualification.
    DocumentMissingQualification = "document.missing_qualification", Error,
        "A validated or certified competence names no reference qualification (art. 6 D.Lgs. 13/2013).",
        "Competence '{competence}' names no reference qualification.";
    /// A reference qualification without name or description.
    DocumentMissingQualificationData = "document.missing_qualification_data", Error,
        "A reference qualification lacks its name or description (art. 6 D.Lgs. 13/2013).",
        "The qualification lacks '{field}'.";
    /// A reference qualification without its EQF level.
    DocumentMissingEqfLevel = "document.missing_eqf_level", Error,
        "A reference qualification does not state its EQF level, to be printed as 'Livello EQF' (art. 6 D.Lgs. 13/2013; D.I. 8/1/2018 art. 3).",
        "The qualification does not state its EQF level.";
    /// A qualification's EQF level differs from the loaded repertoire.
    DocumentEqfLevelMismatch = "document.eqf_level_mismatch", Warning,
        "A qualification's EQF level differs from the level in the loaded repertoire.",
        "The document states EQF level {stated}; the repertoire gives {expected}.";
    /// A validated competence without Atlante ADA codes.
    DocumentMissingAdaCode = "document.missing_ada_code", Error,
        "A validated or certified competence does not cite its Atlante del Lavoro ADA codes (D.I. 30/6/2015 art. 6 c. 2).",
        "Competence '{competence}' cites no ADA code.";
    /// No learning context for a competence or an experience.
    DocumentMissingLearningContext = "document.missing_learning_context", Error,
        "A competence or experience does not say how it was learned (formale, non formale, informale) (art. 6 D.Lgs. 13/2013; D.I. 30/6/2015 art. 6 c. 1).",
        "It is not stated how this was learned (formale, non formale or informale).";
    /// Non-formal or informal learning without the essential data of the experience.
    DocumentMissingExperienceData = "document.missing_experience_data", Error,
        "Non-formal or informal learning is stated without the essential data of the experience (art. 6 D.Lgs. 13/2013).",
        "The essential data of the experience lack '{field}'.";
    /// Formal learning without the essential data of the course.
    DocumentMissingCourseData = "document.missing_course_data", Error,
        "Formal learning is stated without the essential data of the course (art. 6 D.Lgs. 13/2013).",
        "The essential data of the course lack '{field}'.";
    /// An assessment without its method.
    DocumentMissingAssessmentMethod = "document.missing_assessment_method", Error,
        "A competence's assessment does not state the method used (art. 6 D.Lgs. 13/2013).",
        "The assessment does not state its method.";
    /// Issue data (identifier, date, place) missing.
    DocumentMissingIssueData = "document.missing_issue_data", Error,
        "A validation document or certificate lacks its identifier, issue date or place of issue.",
        "The document lacks '{field}'.";
    /// No signatory.
    DocumentMissingSignatory = "document.missing_signatory", Error,
        "A validation document or certificate names no signatory.",
        "The document names no signatory.";
    /// No attestation strength stated.
    DocumentMissingStrength = "document.missing_strength", Error,
        "A document does not state its attestation strength (parte prima, seconda, terza; D.I. 30/6/2015 art. 2).",
        "The document does not state its attestation strength; at least {required} is required.";
    /// A strength below what the document type requires.
    DocumentStrengthTooLow = "document.strength_too_low", Error,
        "A document states an attestation strength below what its type requires (D.I. 30/6/2015 art. 5-6).",
        "A {document_type} must be at least {required}, not {found}.";
    /// A Documento di trasparenza claiming more than parte prima.
    DocumentStrengthTooHigh = "document.strength_too_high", Warning,
        "A Documento di trasparenza claims more than parte prima, which it cannot have (D.I. 30/6/2015 art. 6 c. 1).",
        "A {document_type} is {required}, not {found}.";
    /// A reference to an id that the document does not contain.
    DocumentUnknownReference = "document.unknown_reference", Error,
        "A document refers to an experience, competence or operator id that it does not contain.",
        "No {target} with id '{id}' in this document.";
    /// A validation document or certificate listing a competence assessed negatively.
    DocumentCompetenceNotValidated = "document.competence_not_validated", Error,
        "A validation document or certificate lists a competence whose assessment was negative.",
        "Competence '{competence}' was assessed negatively and cannot be attested.";
    /// A partial outcome without the capacità/conoscenze validated.
    DocumentPartialWithoutItems = "document.partial_without_items", Warning,
        "A competence was partially validated but the document does not list which capacità or conoscenze.",
        "Competence '{competence}' was partially validated; list the validated capacità/conoscenze.";
    /// A UC or qualification code that the loaded repertoire does not contain.
    DocumentUnknownFrameworkNode = "document.unknown_framework_node", Error,
        "A document cites a UC or qualification code that the loaded repertoire does not contain.",
        "Repertoire '{framework}' has no {kind} with code '{code}'.";
    /// A repertoire that is not loaded, so its codes were not checked.
    DocumentFrameworkNotLoaded = "document.framework_not_loaded", Warning,
        "A document cites a repertoire that is not loaded (e.g. another region's); its codes were only checked for shape. Load it with --bundle to check them.",
        "Repertoire '{framework}' is not loaded; its codes were not checked.";
    /// A field named in Italian, read as the schema's field (docs/document-check.md).
    DocumentMappedField = "document.mapped_field", Info,
        "A document made by another system names a field in Italian; it was read as the schema's field (the mapping is in docs/document-check.md).",
        "Field '{field}' was read as '{mapped_to}'.";
    /// A well-formed Atlante ADA code that no loaded framework refers to.
    DocumentUnknownAdaCode = "document.unknown_ada_code", Warning,
        "A document cites an Atlante del Lavoro ADA code that no loaded framework refers to (neither a UC's code, a link nor an old code); load the repertoire it comes from to check it.",
        "No loaded framework refers to ADA code '{code}'.";
    /// A recommended (not legally required) element is missing.
    DocumentRecommendedMissing = "document.recommended_missing", Info,
        "An element recommended by practice but not required by law is missing (e.g. the F1 operator on a Documento di trasparenza).",
        "The recommended element '{field}' is missing.";
    /// An attested competence without an assessment.
    AttestationNoAssessment = "attestation.no_assessment", Error,
        "A competence is attested (validated or certified) without any recorded assessment.",
        "Competence '{competence}' is attested without an assessment.";
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let slug = String::deserialize(deserializer)?;
        Code::from_slug(&slug)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown finding code '{slug}'")))
    }
}

impl schemars::JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FindingCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let slugs: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        schemars::json_schema!({
            "type": "string",
            "description": "Stable finding code (see docs/finding-codes.md).",
            "enum": slugs
        })
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Renders the Markdown table of all codes that `docs/finding-codes.md` holds.
pub fn markdown_table() -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# Finding codes\n\n\
         Generated from `core/src/codes.rs` by `make docs`; a test fails when this file drifts.\n\n\
         | code | default severity | meaning |\n|---|---|---|\n",
    );
    for code in Code::ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            code.as_str(),
            code.default_severity().as_str(),
            code.summary()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate slug {code}");
            assert_eq!(Code::from_slug(code.as_str()), Some(*code));
            let (area, name) = code.as_str().split_once('.').expect("dotted slug");
            assert!(!area.is_empty() && !name.is_empty());
        }
    }
}
