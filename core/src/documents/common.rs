//! Blocks shared by the three legal documents: the person, the bodies, operators and
//! signatories, repertoire and qualification data, experiences and evidence.
//!
//! Field names follow the art. 6 D.Lgs. 13/2013 list so that a reader can tick the law's
//! elements off one by one. Elements the law requires are still `Option` or `Vec` where a
//! document made by another system may lack them: [`check_document`](super::check_document)
//! reports each absence as a finding with its path instead of refusing the whole document.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{
    EvidenceKind, Experience, ExperienceKind, FrameworkRef, LearningContext, Period, Person,
    PersonalData,
};
use crate::procedure::Role;

/// The person the document is about.
///
/// The dati anagrafici sit in their own block, [`PersonalData`], so a copy of a document can be
/// redacted by dropping `personal`; they are never quoted in findings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentPerson {
    /// Pseudonymous id of the person in the issuing system (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Dati anagrafici (art. 6 c. 1 a D.Lgs. 13/2013): names, birth date, codice fiscale,
    /// cittadinanza. Absent in a redacted copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalData>,
    /// Place of birth (municipality, or country for people born abroad). Personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
}

impl From<&Person> for DocumentPerson {
    fn from(person: &Person) -> Self {
        DocumentPerson {
            id: Some(person.id.clone()),
            personal: person.personal.clone(),
            birth_place: person.personal.as_ref().and_then(|p| p.birth_place.clone()),
        }
    }
}

/// How an ente titolato was entitled to deliver the services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorisationKind {
    /// *Autorizzazione* by the ente titolare.
    Autorizzazione,
    /// *Accreditamento* (e.g. of a training agency).
    Accreditamento,
    /// Entitled by law or regional act without an individual act (e.g. the Tuscan CPI).
    ExLege,
}

/// The legal reference of an authorisation or accreditation (art. 6 c. 1 b D.Lgs. 13/2013).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authorisation {
    /// Autorizzazione, accreditamento or ex lege.
    pub kind: AuthorisationKind,
    /// The act, as cited on paper, e.g. "DGR n. 988 del 29/07/2019" or "D.D. n. 1234/2020".
    pub reference: String,
    /// Date of the act, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<String>,
    /// Accreditation or register code, when the act gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The *ente titolato* as a document prints it: the body entitled by the titolare to deliver
/// the service (a CPI, an accredited agency). Every field but the name is optional here
/// because the document check reports what is missing; the case's own record, with the
/// authorisation required, is [`crate::procedure::EnteTitolato`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentEnteTitolato {
    /// Name, e.g. "Centro per l'Impiego di Firenze".
    pub name: String,
    /// Code of the body in the titolare's register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Address of the office that delivered the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Legal reference of the authorisation or accreditation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorisation: Option<Authorisation>,
}

/// An operator as a document prints them: who took part in the procedure, by name and role
/// title. (The case's own record of an operator, with codes and roles only, is
/// [`crate::procedure::Operator`].)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentOperator {
    /// Id of the operator, e.g. in the regional register of EVAC.
    pub id: String,
    /// Name as printed on the document (an official acting in that capacity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Role title as the region names it, e.g. "EITC", "EVAC", "Esperto di settore".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The functions exercised in this procedure (`f1`, `f2`, `f3`; `responsabile` and
    /// `titolare` for those who sign or act for the ente titolare).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Role>,
}

/// Who signs the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name as printed under the signature.
    pub name: String,
    /// Capacity, e.g. "Responsabile del servizio", "Dirigente del Settore".
    pub role: String,
    /// The body on whose behalf the signatory signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
}

/// The repertoire (*repertorio*) a competence belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Repertoire {
    /// Framework id used in scheme names, e.g. `rrfp_toscana`.
    pub id: String,
    /// Name, e.g. "Repertorio Regionale delle Figure Professionali (RRFP) – Regione Toscana".
    pub title: String,
    /// Version or date of the repertoire used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The ente titolare that publishes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
}

/// Where a value printed on a document comes from when it is not from the repertoire as
/// published: an overlay (*integrazione*) of the titolare. Values without such an entry are
/// the cited repertoire's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueSource {
    /// Which value: `atlante_ada`, `eqf_level`, `ateco` or `cp2021`.
    pub field: String,
    /// The value (a code or a level).
    pub value: String,
    /// Who supplied it, e.g. `integrazione cpi_livorno 2025-01`.
    pub basis: String,
}

/// A reference qualification (art. 6 c. 1 c D.Lgs. 13/2013): name, description, EQF level and,
/// where applicable, ATECO and CP ISTAT codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationInfo {
    /// The qualification in its repertoire, e.g. `rrfp_toscana.qualification` `413`.
    pub reference: FrameworkRef,
    /// Denominazione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Descrizione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// EQF level 1–8, printed as "Livello EQF N" (D.I. 8/1/2018 art. 3 c. 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 8))]
    pub eqf_level: Option<u8>,
    /// ATECO 2007 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ateco: Vec<String>,
    /// ISTAT CP2021 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cp2021: Vec<String>,
}

/// An experience of work or learning as a document states it: for non-formal and informal
/// learning the essential data of the experience, for formal learning those of the course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentExperience {
    /// Id, unique within the document; competences refer to it.
    pub id: String,
    /// Formale, non formale or informale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<LearningContext>,
    /// Work, volunteering, education, training or life.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExperienceKind>,
    /// When (partial dates allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[A-Z]{2}$"))]
    pub country: Option<String>,
    /// Town or locality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Employer, school, association (for formal learning: the institution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Job title or role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Tasks done, one per item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    /// For formal learning: the course or programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    /// For formal learning: the title obtained, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_obtained: Option<String>,
    /// For formal learning: the body that awarded the title, when not the `organisation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarding_body: Option<String>,
}

impl From<&Experience> for DocumentExperience {
    fn from(e: &Experience) -> Self {
        DocumentExperience {
            id: e.id.clone(),
            context: Some(e.context),
            kind: Some(e.kind),
            period: Some(e.period.clone()),
            country: e.country.clone(),
            place: e.place.clone(),
            organisation: e.organisation.clone(),
            role: e.role.clone(),
            tasks: e.tasks.clone(),
            course: e.course.clone(),
            title_obtained: e.title_obtained.clone(),
            awarding_body: e.awarding_body.clone(),
        }
    }
}

/// An evidence item listed in a document, linked to the competences it supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentEvidence {
    /// Id, unique within the document.
    pub id: String,
    /// What it is.
    pub kind: EvidenceKind,
    /// Short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Issuer (organisation); absent when self-issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Issue date (partial dates allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}(-\d{2}(-\d{2})?)?$"))]
    pub issue_date: Option<String>,
    /// Ids of the competences of this document it supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competences: Vec<String>,
    /// Ids of the experiences of this document it documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<String>,
}

/// Registration of the act in the titolare's information system (art. 6 D.Lgs. 13/2013: in the
/// format of the Libretto formativo del cittadino).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The information system, e.g. "IDOL – Libretto formativo del cittadino".
    pub system: String,
    /// Registration number or protocol.
    pub reference: String,
    /// Registration date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<String>,
}
