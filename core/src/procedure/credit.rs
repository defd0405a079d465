//! Credits: earlier attestations that already cover some UCs of the target (D.I. 5/1/2021
//! art. 3 c. 2: validated or certified competences may count as credits). A credit is
//! recorded, never re-issued: the earlier documents stay as they were. [`Coverage`] combines
//! both views, and the new Documento di validazione covers the union (issue 11): the UCs
//! validated here and, marked `credited_from`, those credited by an earlier Documento di
//! validazione or Certificato, so the person holds one document.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::issue::{
    atlante_ada, competence_id, qualification, repertoire, unit_ref, value_sources,
};
use super::state::CaseState;
use crate::documents::{AttestationStrength, AttestedCompetence, CreditedFrom};
use crate::framework::FrameworkSet;

/// What the earlier attestation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CreditKind {
    /// A Documento di validazione issued by an earlier case.
    DocumentoValidazione,
    /// A Certificato (parte terza).
    Certificato,
    /// A course certificate (e.g. a Tuscan certificato di competenze or attestato) covering
    /// the UCs.
    CourseCertificate,
}

/// Payload of `add_credit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// Id, unique within the case.
    pub id: String,
    /// Kind of attestation.
    pub kind: CreditKind,
    /// Issuing body.
    pub issuer: String,
    /// Issue date, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub issued_on: String,
    /// Reference (protocol number, document id).
    pub reference: String,
    /// UC codes of the target it covers.
    pub units: Vec<String>,
}

/// The coverage of the target's UCs: by this case and by credits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// UCs validated in this case.
    pub validated_here: Vec<String>,
    /// UCs covered by credits, with the credit ids.
    pub credited: Vec<(String, Vec<String>)>,
    /// UCs covered by neither.
    pub uncovered: Vec<String>,
    /// Whether every UC of the target is covered one way or the other.
    pub complete: bool,
}

/// The competences a Documento di validazione lists besides the UCs validated in this case
/// (`validated`): each UC of the target an earlier Documento di validazione or Certificato
/// credits, citing the first such credit (in the order the credits were recorded). Course
/// certificates are not IVC attestations and stay credits only.
pub(super) fn credited_competences(
    state: &CaseState,
    frameworks: &FrameworkSet,
    validated: &[String],
) -> Vec<AttestedCompetence> {
    state
        .target
        .units
        .iter()
        .filter(|unit| !validated.contains(&unit.code))
        .filter_map(|unit| {
            let (credit, strength) = state.credits.iter().find_map(|c| {
                let strength = match c.kind {
                    CreditKind::DocumentoValidazione => AttestationStrength::ParteSeconda,
                    CreditKind::Certificato => AttestationStrength::ParteTerza,
                    CreditKind::CourseCertificate => return None,
                };
                c.units.contains(&unit.code).then_some((c, strength))
            })?;
            Some(AttestedCompetence {
                id: competence_id(&unit.code),
                unit: unit_ref(state, &unit.code),
                title: Some(unit.title.clone()),
                description: None,
                repertoire: repertoire(state, frameworks),
                qualifications: qualification(state, frameworks).into_iter().collect(),
                atlante_ada: atlante_ada(state, frameworks, &unit.code),
                correlation_groups: Vec::new(),
                work_activities: Vec::new(),
                sources: value_sources(state, frameworks, &unit.code),
                learning_contexts: Vec::new(),
                experiences: Vec::new(),
                // Assessed in the earlier procedure: its document holds the assessment.
                assessment: None,
                validated_items: Vec::new(),
                credited_from: Some(CreditedFrom {
                    document: credit.reference.clone(),
                    strength,
                    issuer: credit.issuer.clone(),
                    issued_on: credit.issued_on.clone(),
                }),
            })
        })
        .collect()
}
