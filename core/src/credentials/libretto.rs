//! The plain JSON record a job-centre information system registers (art. 6 D.Lgs. 13/2013:
//! "in the format of the Libretto formativo del cittadino"): the act, the person's dati
//! anagrafici, the bodies, and one entry per validated UC with the same identifier the
//! Open Badges and ELM exports use (`rrfp_toscana.unit:1955`).
//!
//! The national Libretto (D.M. 10/10/2005) has sections for personal data, experiences,
//! training and *competenze acquisite*; the field names here are Attesta's, in English, and
//! the record is meant to be mapped onto a regional system's import (IDOL, SIL) [B].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[cfg(feature = "credentials")]
use super::{source::Source, ExportOptions};
use crate::documents::{
    AssessmentMethod, AssessmentOutcome, AttestationStrength, DocumentExperience, DocumentType,
    Registration,
};
use crate::model::{FrameworkRef, LearningContext, PersonalData};

/// The version of [`LibrettoRecord`] this build writes.
pub const LIBRETTO_SCHEMA_VERSION: &str = "1.0";

/// One registration of an act in the Libretto formativo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibrettoRecord {
    /// `"1.0"`.
    pub schema_version: String,
    /// The act registered.
    pub act: LibrettoAct,
    /// The person: pseudonymous id, and the dati anagrafici unless the options leave them out.
    pub person: LibrettoPerson,
    /// The ente pubblico titolare.
    pub ente_titolare: String,
    /// The ente titolato: name and register code.
    pub ente_titolato: LibrettoBody,
    /// The validated or certified UCs (*competenze acquisite*).
    pub competences: Vec<LibrettoCompetence>,
    /// The experiences the competences were learned in (sections *esperienze* and
    /// *formazione*).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<DocumentExperience>,
}

/// The act: which document, its strength, when and where, and its registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibrettoAct {
    /// Documento di validazione or Certificato.
    pub document_type: DocumentType,
    /// The document's id.
    pub document_id: String,
    /// Parte seconda or parte terza.
    pub strength: AttestationStrength,
    /// Issue date, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub issue_date: String,
    /// Place of issue.
    pub issue_place: String,
    /// The case (procedure) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// The registration the document already carries, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
}

/// The person in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibrettoPerson {
    /// Pseudonymous id in the issuing system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Dati anagrafici (names, birth date and place, codice fiscale, cittadinanza).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalData>,
}

/// A body by name and code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibrettoBody {
    /// Name.
    pub name: String,
    /// Register code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One validated UC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibrettoCompetence {
    /// `scheme:code` of the UC: the identifier shared with the OB3 and ELM exports.
    pub unit_key: String,
    /// The UC reference.
    pub unit: FrameworkRef,
    /// Denominazione.
    pub title: String,
    /// The reference qualification (first listed), e.g. `rrfp_toscana.qualification` `450`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<FrameworkRef>,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification_title: Option<String>,
    /// EQF level of the reference qualification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 8))]
    pub eqf_level: Option<u8>,
    /// Atlante del Lavoro ADA codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlante_ada: Vec<String>,
    /// ESCO skill URIs the frameworks link the UC to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco: Vec<String>,
    /// ISTAT CP2021 codes of the reference qualification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cp2021: Vec<String>,
    /// Learning contexts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_contexts: Vec<LearningContext>,
    /// Assessment methods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessment_methods: Vec<AssessmentMethod>,
    /// Date of the assessment decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub assessment_date: Option<String>,
    /// `positive`; absent for a UC credited from an earlier act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<AssessmentOutcome>,
    /// The earlier document a credited UC comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credited_from: Option<String>,
}

/// The Libretto record of a document.
#[cfg(feature = "credentials")]
pub(crate) fn record(source: &Source<'_>, options: &ExportOptions) -> LibrettoRecord {
    let (registration, experiences) = match source.document {
        crate::documents::Document::DocumentoValidazione(d) => (&d.registration, &d.experiences),
        crate::documents::Document::Certificato(d) => (&d.registration, &d.experiences),
        crate::documents::Document::DocumentoTrasparenza(_) => (&None, &Vec::new()),
    };
    let competences = source
        .units
        .iter()
        .map(|unit| {
            let c = unit.competence;
            let qualification = c.qualifications.first();
            LibrettoCompetence {
                unit_key: unit.key.clone(),
                unit: c.unit.clone(),
                title: unit.title(),
                qualification: qualification.map(|q| q.reference.clone()),
                qualification_title: qualification.and_then(|q| q.title.clone()),
                eqf_level: unit.eqf_level(),
                atlante_ada: c.atlante_ada.clone(),
                esco: unit.esco.clone(),
                cp2021: qualification.map(|q| q.cp2021.clone()).unwrap_or_default(),
                learning_contexts: c.learning_contexts.clone(),
                assessment_methods: c
                    .assessment
                    .as_ref()
                    .map(|a| a.methods.clone())
                    .unwrap_or_default(),
                assessment_date: c.assessment.as_ref().and_then(|a| a.date.clone()),
                outcome: c.assessment.as_ref().and_then(|a| a.outcome),
                credited_from: c.credited_from.as_ref().map(|f| f.document.clone()),
            }
        })
        .collect();
    LibrettoRecord {
        schema_version: LIBRETTO_SCHEMA_VERSION.to_owned(),
        act: LibrettoAct {
            document_type: source.document.document_type(),
            document_id: source.id.to_owned(),
            strength: source.document.strength(),
            issue_date: source.issue_date.to_owned(),
            issue_place: source.issue_place.to_owned(),
            case_id: source.case_id.map(str::to_owned),
            registration: registration.clone(),
        },
        person: LibrettoPerson {
            id: source.person.id.clone(),
            personal: source
                .person
                .personal
                .clone()
                .filter(|_| options.include_personal_data),
        },
        ente_titolare: source.ente_titolare.name.clone(),
        ente_titolato: LibrettoBody {
            name: source.ente_titolato.name.clone(),
            code: source.ente_titolato.code.clone(),
        },
        competences,
        experiences: experiences.clone(),
    }
}
