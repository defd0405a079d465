//! The titolare profile: the procedure rules an ente pubblico titolare sets for its enti
//! titolati (independence, board composition, EVAC register rules, evidence thresholds),
//! loaded with the frameworks and recorded by every case it opens.
//!
//! A profile is JSON (`data/schemas/titolare-profile.json`) given like a framework source
//! (`FrameworkSetBuilder::json`/`file`, `--bundle` on the command line): an object with a
//! `procedure` member is a profile. Without one, the built-in profile of Regione Toscana
//! (`data/profiles/regione_toscana.json`, every rule with its source in DOMAIN.md) applies.
//! The case records the profile's id, version and checksum ([`ProfileStamp`]) and the rules
//! themselves in its `open_case` event, so a log replays under the rules it was run with
//! whatever profile is loaded later.

use std::sync::{Arc, OnceLock};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::config::ProcedureConfig;
use crate::error::Error;

/// The built-in profile's JSON text.
pub const REGIONE_TOSCANA_PROFILE: &str =
    include_str!("../../../data/profiles/regione_toscana.json");

/// One rule of a profile and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileSource {
    /// The settings concerned.
    pub rule: String,
    /// The act, page or note the setting follows, with its [V]/[B] status.
    pub source: String,
}

/// The procedure rules of an ente titolare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitolareProfile {
    /// Profile id, e.g. `regione_toscana`.
    pub id: String,
    /// Version of the profile (a new one for every change of a rule).
    pub version: String,
    /// Name of the ente titolare, as in the cases' `ente.titolare.name`.
    pub titolare: String,
    /// Where the rules come from.
    #[serde(default)]
    pub sources: Vec<ProfileSource>,
    /// The rules.
    pub procedure: ProcedureConfig,
}

/// Id, version and content checksum of the profile a case was opened under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileStamp {
    /// Profile id.
    pub id: String,
    /// Profile version.
    pub version: String,
    /// SHA-256 (64 lower-case hex digits) of the profile's canonical JSON.
    #[schemars(pattern(r"^[0-9a-f]{64}$"))]
    pub checksum: String,
}

impl TitolareProfile {
    /// Reads a profile from JSON text, naming the field that does not fit (never its value).
    ///
    /// # Errors
    /// [`Error::MalformedJson`] or [`Error::InvalidFramework`] ("not a titolare profile").
    pub fn from_json(text: &str) -> Result<TitolareProfile, Error> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::from_json(&e))?;
        Self::from_value(value)
    }

    /// Reads a profile from a JSON value (see [`from_json`](Self::from_json)).
    ///
    /// # Errors
    /// As [`from_json`](Self::from_json), and for an update window of 0 years or a
    /// malformed training deadline.
    pub fn from_value(value: serde_json::Value) -> Result<TitolareProfile, Error> {
        let profile: TitolareProfile = serde_path_to_error::deserialize(value).map_err(|err| {
            let path = err.path().to_string();
            let message = err.into_inner().to_string();
            let reason = match message.split_once(':') {
                Some((head, _))
                    if message.starts_with("invalid value")
                        || message.starts_with("invalid type") =>
                {
                    head.to_owned()
                }
                _ => message,
            };
            Error::InvalidFramework(format!("not a titolare profile: at '{path}': {reason}"))
        })?;
        let bad = |what: &str| Error::InvalidFramework(format!("titolare profile: {what}"));
        if !crate::formats::is_id(&profile.id) || profile.version.is_empty() {
            return Err(bad("'id' must be an id and 'version' non-empty"));
        }
        if profile.procedure.evac_update_window_years == 0 {
            return Err(bad("procedure.evac_update_window_years must be at least 1"));
        }
        if let Some(day) = &profile.procedure.evac_transition_training_deadline {
            if crate::formats::Date::parse(day).is_none() {
                return Err(bad(
                    "procedure.evac_transition_training_deadline must be YYYY-MM-DD",
                ));
            }
        }
        Ok(profile)
    }

    /// The profile's stamp: id, version and the SHA-256 of its canonical JSON (key order and
    /// spacing do not change it; any value does).
    pub fn stamp(&self) -> ProfileStamp {
        let canonical = serde_json::to_value(self)
            .ok()
            .and_then(|v| super::canonical::encode(&v).ok())
            .unwrap_or_default();
        ProfileStamp {
            id: self.id.clone(),
            version: self.version.clone(),
            checksum: super::sha256_hex(canonical.as_bytes()),
        }
    }
}

/// The built-in profile of Regione Toscana, loaded once and shared.
///
/// # Panics
/// Never in a released build: the bundled file is checked by this crate's tests.
pub fn regione_toscana() -> Arc<TitolareProfile> {
    static PROFILE: OnceLock<Arc<TitolareProfile>> = OnceLock::new();
    PROFILE
        .get_or_init(|| {
            Arc::new(
                TitolareProfile::from_json(REGIONE_TOSCANA_PROFILE)
                    .expect("built-in profile is valid"),
            )
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_profile_loads_and_its_stamp_follows_the_content() {
        let profile = regione_toscana();
        assert_eq!(profile.titolare, "Regione Toscana");
        assert_eq!(profile.procedure.min_board_size, 2);
        let stamp = profile.stamp();
        assert_eq!(stamp.checksum.len(), 64);
        let mut changed = (*profile).clone();
        changed.procedure.evidence_max_age_years += 1;
        assert_ne!(changed.stamp().checksum, stamp.checksum);
        assert_eq!(changed.stamp().version, stamp.version);
    }

    #[test]
    fn malformed_profiles_are_refused_without_values() {
        let err = TitolareProfile::from_json(
            r#"{"id": "x", "version": "1", "titolare": "T", "procedure": {"min_board_size": "SECRET"}}"#,
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("procedure.min_board_size"), "{text}");
        assert!(!text.contains("SECRET"), "{text}");
        let zero = TitolareProfile::from_json(
            r#"{"id": "x", "version": "1", "titolare": "T", "procedure": {"evac_update_window_years": 0}}"#,
        );
        assert!(zero.is_err());
    }
}
