//! The configurable points of the procedure: everything DOMAIN.md marks [B] (background, not
//! confirmed in a legal text) is a field here, with Tuscan defaults chosen by the Attesta team.
//!
//! The configuration comes from the titolare profile loaded with the frameworks (see
//! [`TitolareProfile`](super::TitolareProfile)); the engine stores it in the `open_case` event,
//! so replaying a case always applies the rules it was run under. The [`Default`] is the rule
//! set of logs written before profiles existed (they stored no or a partial configuration), so
//! every field added later defaults to the earlier behaviour; the bundled Tuscan profile sets
//! the stricter values.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::assessment::AssessmentMethod;

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

/// From when the currency (attualità) of evidence is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CurrencyFrom {
    /// The document's issue date (the rule of logs written before profiles).
    IssueDate,
    /// The end of the experiences the evidence documents (an ongoing experience is current);
    /// the issue date only for evidence linked to no dated experience. An assessor asks how
    /// long ago the person last did the work, not when the paper was printed.
    ExperienceEnd,
}

/// The procedure's configurable rules.
// Each flag is one independent yes/no rule a titolare sets in its profile file; an enum or a
// state machine would not describe them better.
#[allow(clippy::struct_excessive_bools)]
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
    pub capacita_methods: Vec<AssessmentMethod>,
    /// Methods that may prove a conoscenza. Default: all four.
    pub conoscenza_methods: Vec<AssessmentMethod>,
    /// Fewest distinct people on an assessment board. Default 1; Tuscany 2 (EVAC + esperto
    /// di settore).
    pub min_board_size: u8,
    /// Whether an F2 assessor of the board must take part in the attestazione (named in the
    /// issuing action's `participants`, or issuing it). Default `false`; Tuscany `true`
    /// (DGR 988/2019 par. D.2: the EVAC covers "valutazione e attestazione").
    pub evac_in_attestazione: bool,
    /// Whether an F2 assessor's register listing must carry its entry id. Default `false`.
    pub require_register_entry: bool,
    /// For EVAC listed before [`EVAC_AVVISO_DATE`](super::EVAC_AVVISO_DATE): the day by which
    /// the compulsory FAD training had to be completed (Tuscany: 8 learning objects by
    /// `2024-12-31`, D.D. 4972/2024). From the day after, such an EVAC assesses only with a
    /// completion date on or before it. Absent: not checked (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub evac_transition_training_deadline: Option<String>,
    /// From when currency is measured. Default `issue_date`; Tuscany `experience_end`.
    pub evidence_currency_from: CurrencyFrom,
    /// Whether an old formal title (diploma, course certificate) stops counting. Default
    /// `true`; Tuscany `false`: an old date is a warning, never a silent exclusion.
    pub formal_titles_expire: bool,
    /// Whether self-issued evidence alone may support an esame documentale pass. Default
    /// `true`; Tuscany `false`.
    pub self_issued_alone_passes: bool,
    /// Whether an esame documentale pass needs evidence judged pertinent to the item itself
    /// (pertinence to the whole UC does not cover each of its items). Default `false`;
    /// Tuscany `true`.
    pub documentary_needs_item_pertinence: bool,
    /// Whether closing a valutazione with nothing validated needs an explicit decision
    /// (`close_valutazione` with `decision`) instead of ending the case. Default `false`;
    /// Tuscany `true`.
    pub close_without_validation_needs_decision: bool,
    /// Whether the Certificato is the titolare's act: issued only by an actor with role
    /// `titolare`, after the exam of the commission it appointed, for the UCs it passed.
    /// Default `false` (the responsabile issued it for the validated UCs); Tuscany `true`.
    pub certificato_by_titolare: bool,
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
                AssessmentMethod::EsameDocumentale,
                AssessmentMethod::ProvaPrestazionale,
                AssessmentMethod::OsservazioneInSituazione,
            ],
            conoscenza_methods: vec![
                AssessmentMethod::EsameDocumentale,
                AssessmentMethod::ColloquioTecnico,
                AssessmentMethod::ProvaPrestazionale,
                AssessmentMethod::OsservazioneInSituazione,
            ],
            min_board_size: 1,
            evac_in_attestazione: false,
            require_register_entry: false,
            evac_transition_training_deadline: None,
            evidence_currency_from: CurrencyFrom::IssueDate,
            formal_titles_expire: true,
            self_issued_alone_passes: true,
            documentary_needs_item_pertinence: false,
            close_without_validation_needs_decision: false,
            certificato_by_titolare: false,
        }
    }
}
