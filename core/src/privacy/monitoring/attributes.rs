//! The monitoring attributes integration projects report to their funder.
//!
//! They are kept apart from the competence record and the case log (a file of their own, one
//! object per case), all optional, and read only by the monitoring export. They are coarse on
//! purpose: an age band rather than a birth date, a country group rather than a nationality
//! (which is never asked), codes rather than free text, so nothing typed into them can name
//! a person.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The attributes of one case, as the project records them for monitoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringAttributes {
    /// The case these attributes belong to (joins them to the case file; never exported).
    pub case_id: String,
    /// Sex as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Age band at the opening of the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// A group of countries of origin, as the funder defines it (a code such as
    /// `africa_occidentale`); never the nationality itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[a-z][a-z0-9_]{0,39}$"))]
    pub country_group: Option<String>,
    /// Kind of residence permit or protection status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence_permit: Option<ResidencePermit>,
    /// The project that took the person in charge (a code, e.g. `fami_commit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[a-z][a-z0-9_]{0,39}$"))]
    pub project: Option<String>,
    /// The office or mobile unit that follows the case (a code, e.g. `cpi_prato` or
    /// `unita_mobile_2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[a-z][a-z0-9_]{0,39}$"))]
    pub office: Option<String>,
}

/// Sex as declared by the person.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Sex {
    Female,
    Male,
}

/// Age bands of the monitoring tables (years completed at the opening of the case).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum AgeBand {
    /// Under 18.
    #[serde(rename = "under_18")]
    Under18,
    /// 18 to 24.
    #[serde(rename = "18_24")]
    From18To24,
    /// 25 to 34.
    #[serde(rename = "25_34")]
    From25To34,
    /// 35 to 44.
    #[serde(rename = "35_44")]
    From35To44,
    /// 45 to 54.
    #[serde(rename = "45_54")]
    From45To54,
    /// 55 and over.
    #[serde(rename = "55_plus")]
    From55,
}

/// Kind of residence permit or protection status (*permesso di soggiorno*).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ResidencePermit {
    /// Refugee status or subsidiary protection.
    ProtezioneInternazionale,
    /// Protezione speciale.
    ProtezioneSpeciale,
    /// Temporary protection (e.g. people displaced from Ukraine).
    ProtezioneTemporanea,
    /// Asylum request pending.
    RichiestaAsilo,
    /// Work (employed or self-employed).
    Lavoro,
    /// Family reasons.
    Famiglia,
    /// Study.
    Studio,
    /// Waiting for employment (*attesa occupazione*).
    AttesaOccupazione,
    /// EU long-term residence permit.
    SoggiornantiLungoPeriodo,
    /// Any other kind.
    Altro,
}

/// The word of an enum value, as serialized.
pub(super) fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Checks the code-valued fields (they are exported as column names, so they must be codes).
pub(super) fn check(attributes: &MonitoringAttributes) -> Result<(), String> {
    let fields = [
        ("country_group", &attributes.country_group),
        ("project", &attributes.project),
        ("office", &attributes.office),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            let ok = v.len() <= 40
                && v.starts_with(|c: char| c.is_ascii_lowercase())
                && v.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !ok {
                // The value itself is not quoted: it may be something typed by mistake.
                return Err(format!(
                    "monitoring attribute {name} must be a code (a-z, 0-9, _; at most 40)"
                ));
            }
        }
    }
    Ok(())
}
