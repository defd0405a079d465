//! The Documento di trasparenza built from a case: it serves the person, not only the target
//! figure. It lists every experience and evidence item recorded with the person (those behind
//! no identified UC too), the languages with their CEFR levels, the ESCO skills and occupations
//! claimed, every qualification of reference that includes an identified UC (art. 5 D.Lgs.
//! 13/2013), and the referral when one was made alongside or after it.

use crate::documents::{
    AttestationStrength, DocumentEvidence, DocumentExperience, DocumentPerson, DocumentReferral,
    DocumentoTrasparenza, EscoClaim, EscoKind, IdentifiedCompetence, QualificationInfo,
    DOCUMENT_SCHEMA_VERSION,
};
use crate::framework::FrameworkSet;
use crate::model::SelfAssessment;

use super::issue::{
    atlante_ada, competence_id, day, ente_titolare, ente_titolato, operators, qualification,
    repertoire, trasparenza_id, unit_ref, value_sources,
};
use super::state::CaseState;

/// The Documento di trasparenza (parte prima), once identificazione is closed (or a referral
/// drew it up alongside).
pub fn documento_trasparenza(
    state: &CaseState,
    frameworks: &FrameworkSet,
) -> Option<DocumentoTrasparenza> {
    let trasparenza = state.trasparenza.as_ref()?;
    let target = qualification(state, frameworks);
    let mut competences = Vec::new();
    let mut evidence_links: Vec<(&String, String)> = Vec::new();
    let mut references: Vec<QualificationInfo> = target.iter().cloned().collect();
    for potential in &trasparenza.competences {
        let id = competence_id(&potential.unit);
        let self_assessment = state
            .record
            .claims
            .iter()
            .filter(|c| potential.claims.contains(&c.id))
            .map(|c| c.self_assessment)
            .min_by_key(|a| strength(*a));
        let qualifications = qualifications_of(state, frameworks, &potential.unit, target.as_ref());
        for q in &qualifications {
            if !references.iter().any(|r| r.reference == q.reference) {
                references.push(q.clone());
            }
        }
        competences.push(IdentifiedCompetence {
            id: id.clone(),
            unit: unit_ref(state, &potential.unit),
            title: Some(potential.title.clone()),
            repertoire: repertoire(state, frameworks),
            qualifications,
            atlante_ada: atlante_ada(state, frameworks, &potential.unit),
            sources: value_sources(state, frameworks, &potential.unit),
            experiences: potential.experiences.clone(),
            self_assessment,
        });
        evidence_links.extend(potential.evidence.iter().map(|e| (e, id.clone())));
    }
    // Every experience recorded with the person: the document is theirs, and an experience
    // behind no UC of this target may matter for another service or figure.
    let experiences = state
        .record
        .experiences
        .iter()
        .map(DocumentExperience::from)
        .collect();
    let evidence = state
        .record
        .evidence
        .iter()
        .map(|e| {
            let mut supported: Vec<String> = evidence_links
                .iter()
                .filter(|(id, _)| **id == e.id)
                .map(|(_, c)| c.clone())
                .collect();
            supported.dedup();
            DocumentEvidence {
                id: e.id.clone(),
                kind: e.kind,
                description: e.description.clone(),
                issuer: e.issuer.clone(),
                issue_date: e.issue_date.clone(),
                competences: supported,
                experiences: e.experiences.clone(),
            }
        })
        .collect();
    let referral = state
        .referral
        .as_ref()
        .map(|(stamp, referral)| DocumentReferral {
            reason: serde_json::to_value(referral.reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            to: referral.to.clone(),
            date: day(&stamp.at),
        });
    Some(DocumentoTrasparenza {
        schema_version: DOCUMENT_SCHEMA_VERSION.to_owned(),
        id: trasparenza_id(state),
        strength: AttestationStrength::PartePrima,
        person: DocumentPerson::from(&state.record.person),
        ente_titolare: Some(ente_titolare(state)),
        ente_titolato: Some(ente_titolato(state)),
        operators: operators(state, &state.f1_operators),
        competences,
        experiences,
        evidence,
        qualifications: references,
        mother_tongues: state.record.person.mother_tongues.clone(),
        languages: state.record.person.languages.clone(),
        esco: esco_claims(state),
        referral,
        issue_date: Some(day(&trasparenza.stamp.at)),
        issue_place: state.ente.address.clone(),
        // The Documento di adesione is not the declaration of truthfulness of the content;
        // Attesta has no event for that declaration, so it never claims it.
        person_declaration: false,
        case_id: Some(state.case_id.clone()),
        session: state.session.as_ref().map(|r| r.session.clone()),
    })
}

/// Weakest self-assessment first, so a UC shows the most cautious of its claims.
fn strength(assessment: SelfAssessment) -> u8 {
    match assessment {
        SelfAssessment::Yes => 0,
        SelfAssessment::Partially => 1,
        SelfAssessment::No => 2,
    }
}

/// The qualifications of the target's repertoire that include `unit`: the target first.
fn qualifications_of(
    state: &CaseState,
    frameworks: &FrameworkSet,
    unit: &str,
    target: Option<&QualificationInfo>,
) -> Vec<QualificationInfo> {
    let mut out: Vec<QualificationInfo> = target.into_iter().cloned().collect();
    let Some(framework) = frameworks.framework(&state.target.framework) else {
        return out;
    };
    let scheme = format!("{}.qualification", framework.id);
    for q in frameworks.qualifications_with_unit(&framework.id, unit) {
        if q.code == state.target.qualification {
            continue;
        }
        let mut reference = crate::model::FrameworkRef::new(scheme.clone(), q.code.clone());
        reference.version = Some(framework.version.clone());
        out.push(QualificationInfo {
            reference,
            title: Some(q.title.clone()),
            description: q.description.clone(),
            eqf_level: q.eqf_level,
            ateco: q.ateco.clone(),
            cp2021: q.cp2021.clone(),
        });
    }
    out
}

/// The ESCO skills and occupations claimed, in record order, with the version the claim
/// states. Labels are filled in by [`label_esco`] when an ESCO bundle is at hand.
fn esco_claims(state: &CaseState) -> Vec<EscoClaim> {
    state
        .record
        .claims
        .iter()
        .filter(|c| c.target.scheme == "esco")
        .map(|c| EscoClaim {
            reference: c.target.clone(),
            kind: EscoKind::of_uri(&c.target.code),
            label: None,
            label_lang: None,
            self_assessment: c.self_assessment,
        })
        .collect()
}

/// Fills in, from a loaded ESCO taxonomy, the preferred label of each ESCO claim with its
/// language — in `language` when the bundle has it, else along its fallback chain, else in the
/// bundle's first language (see [`crate::l10n::pick_label`]) — and the ESCO version where the
/// claim states none.
pub fn label_esco(
    document: &mut DocumentoTrasparenza,
    esco: &crate::framework::EscoTaxonomy,
    language: &str,
) {
    let languages: Vec<&str> = esco.languages().iter().map(String::as_str).collect();
    for claim in &mut document.esco {
        claim
            .reference
            .version
            .get_or_insert_with(|| esco.version().to_owned());
        let uri = claim.reference.code.as_str();
        let label = crate::l10n::pick_label(Some(language), &languages, |lang| match claim.kind {
            EscoKind::Skill => esco
                .skill(uri)
                .and_then(|s| s.labels_in(lang))
                .map(|l| l.preferred),
            EscoKind::Occupation => esco
                .occupation(uri)
                .and_then(|o| o.labels_in(lang))
                .map(|l| l.preferred),
            EscoKind::Other => None,
        });
        if let Some(label) = label {
            claim.label = Some(label.text.to_owned());
            claim.label_lang = Some(label.lang.to_owned());
        }
    }
}
