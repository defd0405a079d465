//! What every export reads from a Documento di validazione or a Certificato: the issuing
//! body, the person, and the validated UCs with their references, so that the three formats
//! carry the same UC identifiers.

use std::fmt::Write as _;

use crate::documents::{
    AssessmentOutcome, AttestedCompetence, Document, DocumentEnteTitolato, DocumentPerson,
};
use crate::framework::FrameworkSet;
use crate::model::FrameworkRef;
use crate::procedure::EnteTitolare;

use super::{CredentialError, ExportOptions};

/// The document fields the exports need, borrowed.
pub(crate) struct Source<'a> {
    pub(crate) document: &'a Document,
    pub(crate) id: &'a str,
    pub(crate) case_id: Option<&'a str>,
    pub(crate) issue_date: &'a str,
    pub(crate) issue_place: &'a str,
    pub(crate) person: &'a DocumentPerson,
    pub(crate) ente_titolare: &'a EnteTitolare,
    pub(crate) ente_titolato: &'a DocumentEnteTitolato,
    pub(crate) units: Vec<Unit<'a>>,
    pub(crate) issuer_id: String,
}

/// A validated UC and its cross-walks.
pub(crate) struct Unit<'a> {
    pub(crate) competence: &'a AttestedCompetence,
    /// `scheme:code`, e.g. `rrfp_toscana.unit:1955`: the UC identifier of every format.
    pub(crate) key: String,
    /// ESCO concept URIs the frameworks link the UC to.
    pub(crate) esco: Vec<String>,
}

impl Unit<'_> {
    /// The EQF level of the UC's (first) reference qualification.
    pub(crate) fn eqf_level(&self) -> Option<u8> {
        self.competence
            .qualifications
            .iter()
            .find_map(|q| q.eqf_level)
    }

    /// The title, falling back to the UC code.
    pub(crate) fn title(&self) -> String {
        self.competence
            .title
            .clone()
            .unwrap_or_else(|| format!("UC {}", self.competence.unit.code))
    }
}

/// Whether a competence of the document counts as validated (positive outcome, or credited
/// from an earlier attestation); partial and negative outcomes are not exported.
fn validated(competence: &AttestedCompetence) -> bool {
    competence.credited_from.is_some()
        || competence
            .assessment
            .as_ref()
            .and_then(|a| a.outcome)
            .is_some_and(|o| o == AssessmentOutcome::Positive)
}

/// `scheme:code` of a reference.
pub(crate) fn reference_key(reference: &FrameworkRef) -> String {
    format!("{}:{}", reference.scheme, reference.code)
}

/// Percent-encodes what is not an unreserved URI character, so that ids built from case ids
/// and codes are valid URNs.
pub(crate) fn urn_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn esco_links(frameworks: Option<&FrameworkSet>, unit: &FrameworkRef) -> Vec<String> {
    let Some(set) = frameworks else {
        return Vec::new();
    };
    let mut uris: Vec<String> = set
        .frameworks()
        .iter()
        .flat_map(|f| &f.links)
        .filter(|l| l.from.scheme == unit.scheme && l.from.code == unit.code)
        .filter(|l| l.to.scheme == "esco")
        .map(|l| l.to.code.clone())
        .collect();
    uris.sort();
    uris.dedup();
    uris
}

impl<'a> Source<'a> {
    /// Reads a document for export.
    pub(crate) fn read(
        document: &'a Document,
        frameworks: Option<&FrameworkSet>,
        options: &ExportOptions,
    ) -> Result<Self, CredentialError> {
        let (competences, person, titolare, titolato, date, place, case_id) = match document {
            Document::DocumentoValidazione(d) => (
                &d.competences,
                &d.person,
                &d.ente_titolare,
                &d.ente_titolato,
                &d.issue_date,
                &d.issue_place,
                d.case_id.as_deref(),
            ),
            Document::Certificato(d) => (
                &d.competences,
                &d.person,
                &d.ente_titolare,
                &d.ente_titolato,
                &d.issue_date,
                &d.issue_place,
                d.case_id.as_deref(),
            ),
            Document::DocumentoTrasparenza(_) => {
                return Err(CredentialError::NotExportable(
                    "a Documento di trasparenza attests no validated competence; export a \
                     Documento di validazione or a Certificato"
                        .into(),
                ))
            }
        };
        let units: Vec<Unit<'a>> = competences
            .iter()
            .filter(|c| validated(c))
            .filter(|c| options.units.is_empty() || options.units.contains(&c.unit.code))
            .map(|c| Unit {
                competence: c,
                key: reference_key(&c.unit),
                esco: esco_links(frameworks, &c.unit),
            })
            .collect();
        if let Some(missing) = options
            .units
            .iter()
            .find(|code| !units.iter().any(|u| &u.competence.unit.code == *code))
        {
            let shown: String = missing.chars().take(40).collect();
            return Err(CredentialError::NotExportable(format!(
                "UC '{shown}' is not a validated competence of the document"
            )));
        }
        if units.is_empty() {
            return Err(CredentialError::NotExportable(
                "the document has no validated competence".into(),
            ));
        }
        let issuer_id = options.issuer_id.clone().unwrap_or_else(|| {
            let code = titolato.code.as_deref().unwrap_or(&titolato.name);
            format!("urn:attesta:issuer:{}", urn_part(code))
        });
        Ok(Source {
            document,
            id: document.id(),
            case_id,
            issue_date: date,
            issue_place: place,
            person,
            ente_titolare: titolare,
            ente_titolato: titolato,
            units,
            issuer_id,
        })
    }

    /// The date-time of issue (the document's date, midnight UTC): no clock is read.
    pub(crate) fn issued_at(&self) -> String {
        format!("{}T00:00:00Z", self.issue_date)
    }

    /// The id of the credential for one UC (or of the whole document with `None`), derived
    /// from the case (or document) id, so the same case always exports the same ids.
    pub(crate) fn credential_id(&self, format: &str, unit: Option<&Unit<'_>>) -> String {
        let base = urn_part(self.case_id.unwrap_or(self.id));
        match unit {
            Some(unit) => format!(
                "urn:attesta:credential:{base}:{format}:{}",
                urn_part(&unit.key)
            ),
            None => format!("urn:attesta:credential:{base}:{format}"),
        }
    }

    /// The person's full name, when the document carries it.
    pub(crate) fn full_name(&self) -> Option<String> {
        let personal = self.person.personal.as_ref()?;
        let parts: Vec<&str> = [&personal.given_name, &personal.family_name]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// The URN of a UC (or any framework node): `urn:attesta:node:<scheme>:<code>`.
pub(crate) fn node_urn(key: &str) -> String {
    format!("urn:attesta:node:{}", urn_part(key))
}

/// The URN of an Atlante del Lavoro ADA code (INAPP publishes no stable URI per ADA).
pub(crate) fn ada_urn(code: &str) -> String {
    format!("urn:attesta:node:atlante_ada:{}", urn_part(code))
}

/// The EQF level concept of EU Vocabularies.
pub(crate) fn eqf_uri(level: u8) -> String {
    format!("http://data.europa.eu/snb/eqf/{level}")
}
