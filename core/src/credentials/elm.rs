//! European Learning Model v3 export: one European Digital Credential (JSON-LD, the EDC
//! application profile) with a `LearningAchievement` per validated UC (DOMAIN.md §5.5).
//!
//! Each achievement is specified by the UC as a partial `Qualification` with its `eqfLevel`
//! (`http://data.europa.eu/snb/eqf/N`), its identifiers (the regional UC and the Atlante ADA
//! codes) and, when the frameworks link it to ESCO, a learning outcome with the ESCO skills;
//! it is awarded by the ente titolato (Documento di validazione) or the ente titolare
//! (Certificato) on the document's date. Europass signs EDCs with an eIDAS seal, outside the
//! library; Attesta can add an `eddsa-jcs-2022` proof (the EDC context is not shipped, so
//! `eddsa-rdfc-2022` is refused).

use serde_json::{json, Map, Value};

use super::source::{node_urn, urn_part, Source, Unit};
use super::ExportOptions;
use crate::documents::Document;

/// The VC 1.1 context the EDC profile uses.
pub const CREDENTIALS_V1: &str = "https://www.w3.org/2018/credentials/v1";
/// The context of the EDC application profile of ELM v3.
pub const EDC_AP: &str = "http://data.europa.eu/snb/model/context/edc-ap";
const EQF_SCHEME: &str = "http://data.europa.eu/snb/eqf/25831c2";

fn it(text: &str) -> Value {
    json!({ "it": text })
}

fn awarding_body(source: &Source<'_>) -> Value {
    match source.document {
        Document::Certificato(_) => {
            let titolare = source.ente_titolare;
            let code = titolare.code.as_deref().unwrap_or(&titolare.name);
            json!({
                "id": format!("urn:attesta:body:{}", urn_part(code)),
                "type": "Organisation",
                "legalName": it(&titolare.name),
            })
        }
        _ => json!({
            "id": source.issuer_id,
            "type": "Organisation",
            "legalName": it(&source.ente_titolato.name),
        }),
    }
}

fn specification(unit: &Unit<'_>) -> Value {
    let competence = unit.competence;
    let mut identifiers = vec![json!({
        "type": "Identifier",
        "notation": competence.unit.code,
        "schemeName": competence.unit.scheme,
    })];
    identifiers.extend(
        competence
            .atlante_ada
            .iter()
            .map(|ada| json!({"type": "Identifier", "notation": ada, "schemeName": "atlante_ada"})),
    );
    let mut spec = Map::new();
    spec.insert("id".into(), node_urn(&unit.key).into());
    spec.insert("type".into(), "Qualification".into());
    spec.insert("title".into(), it(&unit.title()));
    if let Some(description) = &competence.description {
        spec.insert("description".into(), it(description));
    }
    spec.insert("isPartialQualification".into(), true.into());
    spec.insert("identifier".into(), Value::Array(identifiers));
    if let Some(level) = unit.eqf_level() {
        spec.insert(
            "eqfLevel".into(),
            json!({
                "id": super::source::eqf_uri(level),
                "type": "Concept",
                "inScheme": {"id": EQF_SCHEME, "type": "ConceptScheme"},
                "prefLabel": {"en": format!("Level {level}")},
            }),
        );
    }
    if !unit.esco.is_empty() {
        let skills: Vec<Value> = unit
            .esco
            .iter()
            .map(|uri| json!({"id": uri, "type": "Concept"}))
            .collect();
        spec.insert(
            "learningOutcome".into(),
            json!([{
                "id": format!("{}:learning-outcome", node_urn(&unit.key)),
                "type": "LearningOutcome",
                "title": it(&unit.title()),
                "relatedESCOSkill": skills,
            }]),
        );
    }
    Value::Object(spec)
}

/// The ELM v3 credential of a document.
pub(crate) fn credential(source: &Source<'_>, options: &ExportOptions) -> Value {
    let issued = source.issued_at();
    let body = awarding_body(source);
    let claims: Vec<Value> = source
        .units
        .iter()
        .map(|unit| {
            json!({
                "id": format!("{}:{}", source.credential_id("elm", None), urn_part(&unit.key)),
                "type": "LearningAchievement",
                "title": it(&unit.title()),
                "awardedBy": {
                    "id": format!("{}:awarding", source.credential_id("elm", None)),
                    "type": "AwardingProcess",
                    "awardingBody": [body],
                    "awardingDate": issued,
                },
                "specifiedBy": specification(unit),
            })
        })
        .collect();
    let mut subject = Map::new();
    let subject_id = options.subject_id.clone().or_else(|| {
        source
            .person
            .id
            .as_deref()
            .map(|id| format!("urn:attesta:person:{}", urn_part(id)))
    });
    if let Some(id) = subject_id {
        subject.insert("id".into(), id.into());
    }
    subject.insert("type".into(), "Person".into());
    if let Some(name) = source.full_name().filter(|_| options.include_personal_data) {
        subject.insert("fullName".into(), it(&name));
    }
    subject.insert("hasClaim".into(), Value::Array(claims));
    json!({
        "@context": [CREDENTIALS_V1, EDC_AP],
        "id": source.credential_id("elm", None),
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialSchema": [{
            "id": "http://data.europa.eu/snb/model/ap/edc-generic-full",
            "type": "ShaclValidator2017",
        }],
        "issuer": {
            "id": source.issuer_id,
            "type": "Organisation",
            "legalName": it(&source.ente_titolato.name),
        },
        "issuanceDate": issued,
        "validFrom": issued,
        "credentialSubject": subject,
    })
}
