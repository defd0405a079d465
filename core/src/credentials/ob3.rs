//! Open Badges 3.0 export: one `OpenBadgeCredential` (W3C VC 2.0) per validated UC.
//!
//! The `Achievement` is the UC (`achievementType: Competency`, id
//! `urn:attesta:node:<scheme>:<code>`), aligned to the regional UC, each Atlante ADA code, each
//! ESCO skill the frameworks link the UC to, and the EQF level (DOMAIN.md §5.6). The criteria
//! say (in Italian, like the document) how it was assessed and by which act. The subject is identified by the person's name
//! (an `IdentityObject`, when the document carries it and the options allow) and by the
//! options' `subject_id`.

use serde_json::{json, Map, Value};

use super::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3};
use super::source::{ada_urn, eqf_uri, node_urn, Source, Unit};
use super::ExportOptions;
use crate::documents::Document;

fn alignment(name: &str, url: &str, code: &str, framework: &str, kind: &str) -> Value {
    json!({
        "type": ["Alignment"],
        "targetName": name,
        "targetUrl": url,
        "targetCode": code,
        "targetFramework": framework,
        "targetType": kind,
    })
}

fn alignments(unit: &Unit<'_>) -> Vec<Value> {
    let competence = unit.competence;
    let repertoire = competence
        .repertoire
        .as_ref()
        .map_or_else(|| competence.unit.scheme.clone(), |r| r.title.clone());
    let mut out = vec![alignment(
        &unit.title(),
        &node_urn(&unit.key),
        &competence.unit.code,
        &repertoire,
        "ceasn:Competency",
    )];
    for ada in &competence.atlante_ada {
        out.push(alignment(
            ada,
            &ada_urn(ada),
            ada,
            "Atlante del Lavoro e delle Qualificazioni (INAPP)",
            "ext:AtlanteADA",
        ));
    }
    for uri in &unit.esco {
        out.push(alignment(uri, uri, uri, "ESCO", "ceasn:Competency"));
    }
    if let Some(level) = unit.eqf_level() {
        out.push(alignment(
            &format!("EQF level {level}"),
            &eqf_uri(level),
            &level.to_string(),
            "European Qualifications Framework",
            "ext:EQFLevel",
        ));
    }
    out
}

fn criteria(source: &Source<'_>, unit: &Unit<'_>) -> String {
    let act = match source.document {
        Document::Certificato(_) => "Certificato di competenze",
        _ => "Documento di validazione",
    };
    let strength = source.document.strength().as_str();
    let mut text = format!(
        "Competenza validata ai sensi del D.Lgs. 13/2013, attestata nel {act} {} ({strength}) del {}",
        source.id, source.issue_date
    );
    if let Some(assessment) = &unit.competence.assessment {
        let methods: Vec<&str> = assessment.methods.iter().map(|m| m.as_str()).collect();
        if !methods.is_empty() {
            text.push_str("; valutata con: ");
            text.push_str(&methods.join(", "));
        }
    }
    if let Some(earlier) = &unit.competence.credited_from {
        text.push_str("; riconosciuta da ");
        text.push_str(&earlier.document);
    }
    text.push('.');
    text
}

/// The Open Badges 3.0 credentials of a document, one per exported UC.
pub(crate) fn credentials(source: &Source<'_>, options: &ExportOptions) -> Vec<Value> {
    source
        .units
        .iter()
        .map(|unit| {
            let title = unit.title();
            let mut achievement = Map::new();
            achievement.insert("id".into(), node_urn(&unit.key).into());
            achievement.insert("type".into(), json!(["Achievement"]));
            achievement.insert("achievementType".into(), "Competency".into());
            achievement.insert("name".into(), title.clone().into());
            let description = unit.competence.description.clone().unwrap_or(title.clone());
            achievement.insert("description".into(), description.into());
            achievement.insert(
                "criteria".into(),
                json!({"narrative": criteria(source, unit)}),
            );
            achievement.insert("humanCode".into(), unit.competence.unit.code.clone().into());
            achievement.insert("inLanguage".into(), "it".into());
            achievement.insert("alignment".into(), Value::Array(alignments(unit)));
            let mut subject = Map::new();
            if let Some(id) = &options.subject_id {
                subject.insert("id".into(), id.clone().into());
            }
            subject.insert("type".into(), json!(["AchievementSubject"]));
            if let Some(name) = source.full_name().filter(|_| options.include_personal_data) {
                subject.insert(
                    "identifier".into(),
                    json!([{
                        "type": "IdentityObject",
                        "identityHash": name,
                        "identityType": "name",
                        "hashed": false,
                    }]),
                );
            }
            subject.insert("achievement".into(), Value::Object(achievement));
            json!({
                "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
                "id": source.credential_id("ob3", Some(unit)),
                "type": ["VerifiableCredential", "OpenBadgeCredential"],
                "name": title,
                "issuer": {
                    "id": source.issuer_id,
                    "type": ["Profile"],
                    "name": source.ente_titolato.name,
                },
                "validFrom": source.issued_at(),
                "credentialSubject": subject,
            })
        })
        .collect()
}
