//! Splitting a (cleaned) document into independently decoded parts, so one malformed block
//! yields one structural finding and the rules still run over everything else.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::documents::{
    AssessmentBoard, AttestationStrength, AttestedCompetence, DocumentEnteTitolato,
    DocumentEvidence, DocumentExperience, DocumentOperator, DocumentPerson, DocumentType,
    EnteTitolare, IdentifiedCompetence, Signatory,
};
use crate::json::decode;
use crate::path::Path;
use crate::report::Finding;

/// A top-level field: absent (or `null`), present but not decodable (already reported), or
/// decoded.
pub(super) enum Field<T> {
    Absent,
    Invalid,
    Present(T),
}

impl<T> Field<T> {
    pub(super) fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
}

/// The parts of any of the three documents. Competences of a Documento di trasparenza are
/// read into the attested shape with no assessment, so one set of rules reads all three.
pub(super) struct Parts {
    pub(super) doc_type: DocumentType,
    pub(super) id: Field<String>,
    pub(super) strength: Field<AttestationStrength>,
    pub(super) person: Field<DocumentPerson>,
    pub(super) ente_titolare: Field<EnteTitolare>,
    pub(super) ente_titolato: Field<DocumentEnteTitolato>,
    pub(super) operators: Vec<(usize, DocumentOperator)>,
    /// `None` when the list is absent.
    pub(super) competences: Option<Vec<(usize, AttestedCompetence)>>,
    /// Raw ids of all list items (also those that failed to decode), so references to them are
    /// not reported as dangling.
    pub(super) competence_ids: Vec<(usize, String)>,
    pub(super) experiences: Vec<(usize, DocumentExperience)>,
    pub(super) experience_ids: Vec<(usize, String)>,
    pub(super) evidence: Field<Vec<(usize, DocumentEvidence)>>,
    pub(super) operator_ids: Vec<(usize, String)>,
    pub(super) issue_date: Field<String>,
    pub(super) issue_place: Field<String>,
    pub(super) signatory: Field<Signatory>,
    pub(super) board: Field<AssessmentBoard>,
}

pub(super) fn decode_parts(
    object: &Map<String, Value>,
    doc_type: DocumentType,
    findings: &mut Vec<Finding>,
) -> Parts {
    let competences = if doc_type == DocumentType::DocumentoTrasparenza {
        list::<IdentifiedCompetence>(object, "competences", findings)
            .map(|items| items.into_iter().map(|(i, c)| (i, attested(c))).collect())
    } else {
        list::<AttestedCompetence>(object, "competences", findings)
    };
    Parts {
        doc_type,
        id: field(object, "id", findings),
        strength: field(object, "strength", findings),
        person: field(object, "person", findings),
        ente_titolare: field(object, "ente_titolare", findings),
        ente_titolato: field(object, "ente_titolato", findings),
        operators: list(object, "operators", findings).unwrap_or_default(),
        competences,
        competence_ids: raw_ids(object, "competences"),
        experiences: list(object, "experiences", findings).unwrap_or_default(),
        experience_ids: raw_ids(object, "experiences"),
        evidence: match list(object, "evidence", findings) {
            Some(items) => Field::Present(items),
            None if object.get("evidence").is_some_and(|v| !v.is_null()) => Field::Invalid,
            None => Field::Absent,
        },
        operator_ids: raw_ids(object, "operators"),
        issue_date: field(object, "issue_date", findings),
        issue_place: field(object, "issue_place", findings),
        signatory: field(object, "signatory", findings),
        board: field(object, "board", findings),
    }
}

fn field<T: DeserializeOwned>(
    object: &Map<String, Value>,
    name: &str,
    findings: &mut Vec<Finding>,
) -> Field<T> {
    match object.get(name) {
        None | Some(Value::Null) => Field::Absent,
        Some(value) => match decode::<T>(value, &Path::root().join(name), findings) {
            Some(decoded) => Field::Present(decoded),
            None => Field::Invalid,
        },
    }
}

/// Decodes each item of the list `name` on its own; `None` when the list is absent or is not
/// an array (the latter reported).
fn list<T: DeserializeOwned>(
    object: &Map<String, Value>,
    name: &str,
    findings: &mut Vec<Finding>,
) -> Option<Vec<(usize, T)>> {
    let path = Path::root().join(name);
    match object.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, raw)| decode::<T>(raw, &path.join(i), findings).map(|d| (i, d)))
                .collect(),
        ),
        Some(other) => {
            // Decoding a non-array as a list reports the type mismatch with the usual code.
            let _ = decode::<Vec<T>>(other, &path, findings);
            None
        }
    }
}

/// The `(index, id)` of every item of the list `name` that has a string id.
fn raw_ids(object: &Map<String, Value>, name: &str) -> Vec<(usize, String)> {
    object
        .get(name)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, item)| {
            item.get("id")
                .and_then(Value::as_str)
                .map(|id| (i, id.to_owned()))
        })
        .collect()
}

fn attested(c: IdentifiedCompetence) -> AttestedCompetence {
    AttestedCompetence {
        id: c.id,
        unit: c.unit,
        title: c.title,
        description: None,
        repertoire: c.repertoire,
        qualifications: c.qualifications,
        atlante_ada: c.atlante_ada,
        correlation_groups: Vec::new(),
        work_activities: Vec::new(),
        sources: c.sources,
        learning_contexts: Vec::new(),
        experiences: c.experiences,
        assessment: None,
        validated_items: Vec::new(),
        credited_from: None,
    }
}
