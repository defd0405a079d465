//! The configurable points of the procedure: everything DOMAIN.md marks [B] (background, not
//! confirmed in a legal text) is a field here, with Tuscan defaults chosen by the Attesta team.
//!
//! The configuration is stored in the `open_case` event, so replaying a case always applies
//! the rules it was run under.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::assessment::Method;

/// What happens when a configurable rule is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleMode {
    /// The action is refused.
    Refuse,
    /// The action goes through and the case records a finding.
    Finding,
}

/// How far the separation between identificazione (F1) and valutazione goes (terzietà,
/// art. 7 c. 1 f D.Lgs. 13/2013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Independence {
    /// An F1 operator of the case may sit on the assessment board, but never alone (a
    /// finding is recorded when they sit on it).
    NotSoleAssessor,
    /// The two phases need different people: an F1 operator of the case may not assess
    /// (Lazio's rule: "always two different operators").
    DifferentPeople,
}

/// The procedure's configurable rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProcedureConfig {
    /// Terzietà between F1 and assessors. Tuscany default: `not_sole_assessor` ([B]: the
    /// Tuscan text was not read; Lazio requires `different_people`).
    pub independence: Independence,
    /// Whether every assessment board needs an F3 esperto di settore. Default `true`: the
    /// Tuscan I&V team includes "esperti di settore" ([V] team, [B] that every board has one).
    pub require_f3: bool,
    /// Whether an F2 assessor must be listed in the regional register (Tuscany: elenco EVAC).
    /// Default `true`.
    pub require_register_listing: bool,
    /// Length of the EVAC update window in years. Default 5 (DGR 988/2019 as amended).
    pub evac_update_window_years: u16,
    /// What an overdue EVAC update does. Default `finding`: the register, not Attesta,
    /// decides who is struck off.
    pub evac_update_overdue: RuleMode,
    /// Evidence older than this many years (issue date vs. case date) is "outdated". Default
    /// 10 ([B]; rules of evidence call it *currency*).
    pub evidence_max_age_years: u16,
    /// Languages read without translation. Default `["it"]`.
    pub languages_without_translation: Vec<String>,
    /// Whether evidence with authenticity "plausible" (not verified at the source) can be
    /// accepted. Default `true` ([B]: evidence from abroad often cannot be verified).
    pub accept_plausible_evidence: bool,
    /// Methods that may prove a capacità. Default: esame documentale, prova prestazionale,
    /// osservazione in situazione ([B]: a skill is shown, not told).
    pub capacita_methods: Vec<Method>,
    /// Methods that may prove a conoscenza. Default: all four.
    pub conoscenza_methods: Vec<Method>,
}

impl Default for ProcedureConfig {
    fn default() -> Self {
        ProcedureConfig {
            independence: Independence::NotSoleAssessor,
            require_f3: true,
            require_register_listing: true,
            evac_update_window_years: 5,
            evac_update_overdue: RuleMode::Finding,
            evidence_max_age_years: 10,
            languages_without_translation: vec!["it".to_owned()],
            accept_plausible_evidence: true,
            capacita_methods: vec![
                Method::EsameDocumentale,
                Method::ProvaPrestazionale,
                Method::OsservazioneInSituazione,
            ],
            conoscenza_methods: vec![
                Method::EsameDocumentale,
                Method::ColloquioTecnico,
                Method::ProvaPrestazionale,
                Method::OsservazioneInSituazione,
            ],
        }
    }
}
