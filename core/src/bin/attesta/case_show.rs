//! `attesta case show`: the state of a case, as text for people or as the `case-view` JSON.

use std::io::Write as _;
use std::path::Path;

use attesta::procedure::{allowed_in, CaseState, CaseView};

use crate::case::{load, Loaded, TrustArgs, OK};
use crate::failure::Failure;

pub(crate) fn show(
    case: &Path,
    json: bool,
    trust: &TrustArgs,
    loaded: Loaded,
) -> Result<u8, Failure> {
    let case = load(case, trust, loaded)?;
    let state = case.state();
    let written = if json {
        let view = CaseView::of(state);
        let text = serde_json::to_string_pretty(&view)
            .map_err(|e| Failure::output(&std::io::Error::other(e)))?;
        writeln!(std::io::stdout().lock(), "{text}")
    } else {
        let mut out = crate::output::Escaping::new(std::io::stdout().lock(), true);
        print_summary(&mut out, state).and_then(|()| out.flush())
    };
    match written {
        Ok(()) => Ok(OK),
        // The reader went away (`case show … | head`): nothing more to say.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(OK),
        Err(e) => Err(Failure::output(&e)),
    }
}

/// The text summary of `case show`; `out` escapes what comes from the log (ids, titles,
/// messages), so a case file cannot send control sequences to the terminal.
fn print_summary(out: &mut impl std::io::Write, state: &CaseState) -> std::io::Result<()> {
    writeln!(
        out,
        "case {}  ({} events)",
        state.case_id,
        state.head.seq + 1
    )?;
    writeln!(
        out,
        "target  {} {}: {}",
        state.target.framework, state.target.qualification, state.target.title
    )?;
    match crate::lang::asked() {
        Some(localizer) => writeln!(
            out,
            "phase   {} ({})",
            state.phase,
            localizer.phase(state.phase).text
        )?,
        None => writeln!(out, "phase   {}", state.phase)?,
    }
    for framework in &state.frameworks {
        writeln!(out, "runs on {framework}")?;
    }
    if let Some(profile) = &state.profile {
        writeln!(
            out,
            "rules   titolare profile {} version '{}' (checksum {})",
            profile.id,
            profile.version,
            profile.checksum.get(..12).unwrap_or_default()
        )?;
    }
    if let Some(earlier) = &state.continues {
        writeln!(
            out,
            "continues {} (head seq {} hash {})",
            earlier.case_id, earlier.head.seq, earlier.head.hash
        )?;
    }
    let allowed: Vec<&str> = allowed_in(Some(state.phase))
        .iter()
        .map(|a| a.as_str())
        .collect();
    writeln!(out, "next    {}", allowed.join(", "))?;
    writeln!(
        out,
        "head    seq {} hash {}",
        state.head.seq, state.head.hash
    )?;
    let checks = state.unit_checks();
    for unit in &state.target.units {
        let credited = state.credits.iter().any(|c| c.units.contains(&unit.code));
        let decision = state.decisions.get(&unit.code).map_or(
            if credited { "credited" } else { "undecided" },
            |d| match d.decision.outcome {
                attesta::procedure::UnitOutcome::Validated => "validated",
                attesta::procedure::UnitOutcome::NotValidated => "not validated",
            },
        );
        let check = &checks[&unit.code];
        writeln!(
            out,
            "UC {:<6} {:<13} covered {}/{}  {}",
            unit.code,
            decision,
            check.covered.len(),
            unit.capacita.len() + unit.conoscenze.len(),
            unit.title
        )?;
    }
    for finding in state
        .findings
        .iter()
        .chain(state.evidence_findings().iter())
    {
        writeln!(
            out,
            "{:<7} {}  {}  {}",
            finding.severity.as_str(),
            finding.code,
            finding.path,
            finding.message
        )?;
    }
    Ok(())
}
