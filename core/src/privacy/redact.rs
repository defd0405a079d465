//! Redaction of a competence record: direct identifiers removed or replaced by a pseudonym.
//!
//! What the procedure needs stays: experiences, evidence, claims, languages. What identifies the
//! person directly goes: the whole [`PersonalData`] block (names, birth date and place, codice
//! fiscale, nationality). The pseudonymous person id is kept as it is, or replaced by a keyed
//! HMAC-SHA-256 pseudonym when the record leaves the job centre, so that two exports made with
//! the same key can be joined and nobody without the key can go back to the job centre's id.

use hmac::{Hmac, Mac};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::model::{CompetenceRecord, PersonalData};

/// The shortest pseudonym key accepted, in bytes (the HMAC-SHA-256 block of security).
const MIN_KEY_BYTES: usize = 32;

/// How to redact a record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedactOptions {
    /// Keep the year of birth (age bands need it); the rest of the personal block goes.
    #[serde(default)]
    pub keep_birth_year: bool,
    /// Also drop free texts written about the person (descriptions, notes, tasks, places,
    /// organisations, evidence issuers), which may name people; codes, dates, roles and levels
    /// stay.
    #[serde(default)]
    pub drop_free_text: bool,
}

/// A secret key for pseudonyms, held by the job centre and never written into a record.
#[derive(Clone)]
pub struct PseudonymKey(Hmac<Sha256>);

impl PseudonymKey {
    /// A key from its bytes (at least 32).
    ///
    /// # Errors
    /// [`crate::Error::InvalidOptions`] when the key is shorter than 32 bytes.
    pub fn new(bytes: &[u8]) -> Result<Self, crate::Error> {
        let short = || {
            crate::Error::InvalidOptions(format!(
                "a pseudonym key needs at least {MIN_KEY_BYTES} bytes, this one has {}",
                bytes.len()
            ))
        };
        if bytes.len() < MIN_KEY_BYTES {
            return Err(short());
        }
        Hmac::<Sha256>::new_from_slice(bytes)
            .map(Self)
            .map_err(|_| short())
    }

    /// The pseudonym of `id`: `ps-` and 32 hex characters of HMAC-SHA-256(key, id).
    #[must_use]
    pub fn pseudonym(&self, id: &str) -> String {
        use std::fmt::Write as _;
        let mut mac = self.0.clone();
        mac.update(id.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = String::with_capacity(35);
        out.push_str("ps-");
        for byte in &digest[..16] {
            let _ = write!(out, "{byte:02x}");
        }
        out
    }
}

impl std::fmt::Debug for PseudonymKey {
    // The key is a secret: never printed, not even in a debug trace.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PseudonymKey(..)")
    }
}

/// A redacted record and what was done to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Redaction {
    /// The record without direct identifiers.
    pub record: CompetenceRecord,
    /// JSON Pointers (into the original record) of the values removed, in document order.
    pub removed: Vec<String>,
    /// Whether the person id was replaced by a keyed pseudonym.
    pub pseudonymised: bool,
}

/// Redacts `record`: see the module documentation. With a `key`, the person id becomes its
/// keyed pseudonym.
#[must_use]
pub fn redact(
    record: &CompetenceRecord,
    options: &RedactOptions,
    key: Option<&PseudonymKey>,
) -> Redaction {
    let mut out = record.clone();
    let mut removed = Vec::new();
    if let Some(personal) = out.person.personal.take() {
        removed.extend(personal_paths(&personal));
        let year = personal
            .birth_date
            .as_deref()
            .filter(|_| options.keep_birth_year)
            .and_then(|d| d.get(..4))
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
        if let Some(year) = year {
            // The full date was listed as removed; only the year comes back.
            out.person.personal = Some(PersonalData {
                birth_date: Some(year.to_owned()),
                ..PersonalData::default()
            });
        }
    }
    if options.drop_free_text {
        drop_free_text(&mut out, &mut removed);
    }
    if let Some(key) = key {
        out.person.id = key.pseudonym(&record.person.id);
    }
    Redaction {
        record: out,
        removed,
        pseudonymised: key.is_some(),
    }
}

fn personal_paths(p: &PersonalData) -> Vec<String> {
    [
        ("given_name", p.given_name.is_some()),
        ("family_name", p.family_name.is_some()),
        ("birth_date", p.birth_date.is_some()),
        ("birth_place", p.birth_place.is_some()),
        ("fiscal_code", p.fiscal_code.is_some()),
        ("nationality", p.nationality.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| *present)
    .map(|(field, _)| format!("/person/personal/{field}"))
    .collect()
}

/// Takes `field` out when present and notes its path.
fn take(field: &mut Option<String>, path: String, removed: &mut Vec<String>) {
    if field.take().is_some() {
        removed.push(path);
    }
}

fn drop_free_text(record: &mut CompetenceRecord, removed: &mut Vec<String>) {
    for (i, e) in record.experiences.iter_mut().enumerate() {
        let at = |f: &str| format!("/experiences/{i}/{f}");
        take(&mut e.place, at("place"), removed);
        take(&mut e.organisation, at("organisation"), removed);
        if !e.tasks.is_empty() {
            e.tasks.clear();
            removed.push(at("tasks"));
        }
    }
    for (i, ev) in record.evidence.iter_mut().enumerate() {
        take(
            &mut ev.description,
            format!("/evidence/{i}/description"),
            removed,
        );
        take(&mut ev.issuer, format!("/evidence/{i}/issuer"), removed);
    }
    for (i, c) in record.claims.iter_mut().enumerate() {
        take(&mut c.notes, format!("/claims/{i}/notes"), removed);
    }
}
