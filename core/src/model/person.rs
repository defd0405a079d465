//! The person whose competences are made visible.
//!
//! The person is known by a pseudonymous `id`. Personal data (name, birth date, codice fiscale,
//! nationality) sits apart in [`PersonalData`] so a whole record can be redacted by dropping one
//! field, and so the validator knows never to quote it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The person: a pseudonymous id, optional personal data, and languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Pseudonymous identifier, stable within the system that made the record.
    pub id: String,
    /// Personal data; absent in pseudonymised records. Never quoted in messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalData>,
    /// Mother tongue(s), ISO 639-1 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mother_tongues: Vec<String>,
    /// Other languages with a CEFR self-assessment per dimension.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageSkill>,
}

/// Personal data ("dati anagrafici"), kept apart so it can be redacted as a block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonalData {
    /// Given name(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Birth date, `YYYY-MM-DD` (or `YYYY` / `YYYY-MM` when only that is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}(-\d{2}(-\d{2})?)?$"))]
    pub birth_date: Option<String>,
    /// Place of birth: municipality, or the country for people born abroad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    /// Codice fiscale (16 characters, or the 11-digit temporary code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^([A-Z0-9]{16}|[0-9]{11})$"))]
    pub fiscal_code: Option<String>,
    /// Nationality (cittadinanza), ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[A-Z]{2}$"))]
    pub nationality: Option<String>,
}

/// A CEFR level (Common European Framework of Reference for Languages).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[allow(missing_docs)]
pub enum CefrLevel {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

/// A language other than the mother tongue, self-assessed on the five CEFR dimensions of the
/// Europass grid (ascolto, lettura, interazione, produzione orale, produzione scritta).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageSkill {
    /// ISO 639-1 code.
    #[schemars(pattern(r"^[a-z]{2}$"))]
    pub language: String,
    /// Ascolto.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listening: Option<CefrLevel>,
    /// Lettura.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<CefrLevel>,
    /// Interazione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken_interaction: Option<CefrLevel>,
    /// Produzione orale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken_production: Option<CefrLevel>,
    /// Produzione scritta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writing: Option<CefrLevel>,
}

impl LanguageSkill {
    /// The levels given, in the grid's order.
    pub fn levels(&self) -> impl Iterator<Item = CefrLevel> + '_ {
        [
            self.listening,
            self.reading,
            self.spoken_interaction,
            self.spoken_production,
            self.writing,
        ]
        .into_iter()
        .flatten()
    }
}
