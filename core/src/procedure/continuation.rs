//! Cases that last years: a person who comes back continues in a new case linked to the
//! earlier one (its case id and head: seq and hash of its last event). The new case takes the
//! earlier case's Documento di validazione, Certificato and credits (formal certificates among
//! them) as credits for the UCs its own target shares, so its coverage — and the dossier for
//! the titolare — covers the union. The earlier case, its documents and its log are never
//! changed: the link is by head, so a later change to the earlier log shows —
//! [`verify_prefix`](super::verify_prefix)`(earlier_events, &continuation.head)` holds as long as
//! the earlier log's prefix up to that head is the one the new case saw, even after the earlier
//! case went on (e.g. into certificazione).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::credit::{Credit, CreditKind};
use super::event::Head;
use super::issue::{certificato_id, validazione_id};
use super::machine::{invalid, Step};
use super::refusal::RefusalReason;
use super::state::{CaseState, Phase};
use super::target::Target;

/// The earlier case a case continues, recorded in its `open_case` event by the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Continuation {
    /// Id of the earlier case.
    pub case_id: String,
    /// Head of the earlier case's log when the new case was opened.
    pub head: Head,
    /// The credits taken from it (its attestations and its own credits, for the UCs of this
    /// case's target).
    pub credits: Vec<Credit>,
}

/// Whether a case in `phase` is over, so that the person may continue in a new case.
pub(crate) fn may_continue(phase: Phase) -> bool {
    matches!(
        phase,
        Phase::Validated
            | Phase::Certified
            | Phase::ClosedAfterTrasparenza
            | Phase::Withdrawn
            | Phase::Referred
    )
}

/// The continuation of `earlier` for a case on `target`.
pub(crate) fn continuation(earlier: &CaseState, target: &Target) -> Continuation {
    let on_target = |units: &[String]| -> Vec<String> {
        target
            .units
            .iter()
            .filter(|u| units.contains(&u.code))
            .map(|u| u.code.clone())
            .collect()
    };
    let ente_name = earlier.ente.name.clone();
    let mut credits: Vec<Credit> = Vec::new();
    let attestations = [
        (
            earlier.validazione.as_ref(),
            CreditKind::DocumentoValidazione,
            validazione_id(earlier),
        ),
        (
            earlier.certificato.as_ref(),
            CreditKind::Certificato,
            certificato_id(earlier),
        ),
    ];
    for (issued, kind, reference) in attestations {
        let Some(issued) = issued else { continue };
        credits.push(Credit {
            id: reference.clone(),
            kind,
            issuer: if kind == CreditKind::Certificato {
                earlier.ente.titolare.name.clone()
            } else {
                ente_name.clone()
            },
            issued_on: issued.stamp.at.get(..10).unwrap_or_default().to_owned(),
            reference,
            units: on_target(&issued.units),
        });
    }
    for credit in &earlier.credits {
        credits.push(Credit {
            units: on_target(&credit.units),
            ..credit.clone()
        });
    }
    let mut seen: Vec<String> = Vec::new();
    credits.retain(|c| {
        let keep = !c.units.is_empty() && !seen.contains(&c.id);
        seen.push(c.id.clone());
        keep
    });
    Continuation {
        case_id: earlier.case_id.clone(),
        head: earlier.head.clone(),
        credits,
    }
}

/// Records the continuation of the `open_case` event in the new case's state: the link is
/// checked and the credits are added as `add_credit` would.
pub(crate) fn take_over(
    s: &mut CaseState,
    step: &Step<'_>,
    earlier: &Continuation,
) -> Result<(), RefusalReason> {
    if earlier.case_id == s.case_id || !crate::formats::is_id(&earlier.case_id) {
        return Err(invalid("a case continues another case, by a valid id"));
    }
    for credit in &earlier.credits {
        super::valutazione::add_credit(s, step, credit)?;
    }
    Ok(())
}
