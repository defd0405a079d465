//! `attesta gap RECORD --target SCHEME:CODE`: how far a competence record is from a target
//! qualification, UC by UC (validated / claimed / partially claimed / missing), with the
//! capacità and conoscenze still to cover.
//!
//! ```text
//! attesta gap data/examples/record.json --target rrfp_toscana.qualification:413
//! attesta gap record.json --target rrfp_toscana.qualification:450 \
//!     --validated rrfp_toscana.unit:1948 --json
//! ```
//!
//! With the global `--lang LOCALE`, the report's labels are asked in that language: the
//! repertoire's titles are Italian and ESCO's labels fall back along the locale's chain; text
//! output marks a label in another language (`[it]`), JSON carries `locale` and each
//! `title_lang` / `label_lang`.
//!
//! Exit codes: 0 nothing missing, 1 something to cover, 2 the record or target cannot be used.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use attesta::gap::{analyze_gap, GapInput, GapReport, UnitStatus};
use attesta::l10n::is_fallback;
use attesta::model::FrameworkRef;

use crate::failure::Failure;
use crate::frameworks::FrameworkArgs;
use crate::Status;

/// Arguments of `attesta gap`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The competence record (JSON; `-` for standard input).
    record: PathBuf,
    /// The target qualification, `SCHEME:CODE` (e.g. `rrfp_toscana.qualification:413`).
    #[arg(long, value_name = "SCHEME:CODE")]
    target: String,
    /// UCs already validated or certified, `SCHEME:CODE` (repeatable).
    #[arg(long, value_name = "SCHEME:CODE")]
    validated: Vec<String>,
    #[command(flatten)]
    frameworks: FrameworkArgs,
    /// Print the report as JSON (schema `gap-report`).
    #[arg(long)]
    json: bool,
}

/// Runs `attesta gap`.
pub(crate) fn run(args: &Args) -> ExitCode {
    match gap(args) {
        Ok(status) => ExitCode::from(status as u8),
        Err(failure) => {
            failure.report("attesta", args.json);
            ExitCode::from(Status::Failed as u8)
        }
    }
}

fn parse_ref(spec: &str) -> Result<FrameworkRef, Failure> {
    spec.split_once(':')
        .map(|(scheme, code)| FrameworkRef::new(scheme.trim(), code.trim()))
        .ok_or_else(|| Failure::options(format!("'{spec}' is not SCHEME:CODE")))
}

fn gap(args: &Args) -> Result<Status, Failure> {
    let record = crate::input::read_record(&args.record)?;
    let frameworks = args.frameworks.load()?;
    let set = frameworks.set();
    let validated = args
        .validated
        .iter()
        .map(|s| parse_ref(s))
        .collect::<Result<Vec<_>, _>>()?;
    let locale = crate::lang::asked().map(|l| l.locale().to_owned());
    let input =
        GapInput::from_record(&record, parse_ref(&args.target)?, validated).with_locale(locale);
    let mut report = analyze_gap(set, &input)?;
    // An ESCO bundle gives the regulated-profession notes of the occupations the target
    // links to.
    if let Some(esco) = frameworks.esco() {
        report = report.with_esco(set, esco);
    }
    // Text output shows data of bundles and records: escaped (see `Escaping`).
    let mut out = crate::output::Escaping::new(io::stdout().lock(), !args.json);
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        print_report(&mut out, &report)
    };
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(Failure::output(&e));
        }
    }
    let complete = report.summary.missing == 0 && report.summary.partially_claimed == 0;
    Ok(if complete {
        Status::Valid
    } else {
        Status::Invalid
    })
}

fn print_report(out: &mut impl Write, report: &GapReport) -> io::Result<()> {
    let locale = report.locale.as_deref();
    let mark = |lang: &str| crate::search::marker(is_fallback(locale, lang), lang);
    let level = report
        .eqf_level
        .map_or_else(String::new, |l| format!(", EQF {l}"));
    writeln!(
        out,
        "{}{} ({}{level})",
        report.title,
        mark(&report.title_lang),
        report.target
    )?;
    for u in &report.units {
        let status = match u.status {
            UnitStatus::Validated => "validated",
            UnitStatus::Claimed => "claimed",
            UnitStatus::PartiallyClaimed => "partial",
            UnitStatus::Missing => "missing",
        };
        let evidence = if u.has_evidence { " [evidence]" } else { "" };
        writeln!(
            out,
            "  {status:<10} UC {:<6} {}{}{evidence}",
            u.unit.code,
            u.title,
            mark(&u.title_lang)
        )?;
        if let Some(left) = &u.to_cover {
            for item in &left.capacita {
                writeln!(out, "             capacità   {} {}", item.code, item.text)?;
            }
            for item in &left.conoscenze {
                writeln!(out, "             conoscenza {} {}", item.code, item.text)?;
            }
        }
    }
    let s = report.summary;
    writeln!(
        out,
        "{} UC: {} validated, {} claimed, {} partial, {} missing",
        s.units, s.validated, s.claimed, s.partially_claimed, s.missing
    )?;
    for o in &report.esco_occupations {
        let note = match &o.regulated_profession {
            Some(r) if r.regulated == Some(true) => {
                " — regulated profession (ESCO): access needs a title, not only validated competences".to_owned()
            }
            Some(r) if r.is_notable() => format!(" — regulated profession note (ESCO): {}", r.note),
            _ => String::new(),
        };
        writeln!(
            out,
            "ESCO occupation: {}{}{note}",
            o.label,
            mark(&o.label_lang)
        )?;
    }
    if !report.other_claims.is_empty() {
        writeln!(
            out,
            "claims not about this target: {}",
            report.other_claims.join(", ")
        )?;
    }
    Ok(())
}
