//! `attesta match --esco ESCO.attb FILE…`: ESCO occupations ranked for each person's ESCO
//! skills, each with the essential skills matched and missing.
//!
//! ```text
//! attesta framework import --kind esco ../shared/data/esco-v1.1.1-en --out esco.attb
//! attesta match --esco esco.attb profile.json            # {"id", "skills": [URI, …]}
//! attesta match --esco esco.attb record.json             # a competence record: its esco claims
//! attesta match --esco esco.attb --jsonl profiles.jsonl  # one profile per line, streamed
//! ```
//!
//! A competence record contributes the skills of its claims with scheme `esco`, except those
//! the person self-assessed as not held, and the ESCO language skills of its mother tongues
//! and CEFR self-assessments (from `--cefr-min-level`, default A2; see
//! `attesta::matching::CefrCrosswalk`). Exit codes: 0 every profile matched something, 1 some
//! profile matched nothing, 2 bad arguments, an unreadable bundle or an unusable profile.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attesta::framework::EscoTaxonomy;
use attesta::matching::{
    CefrCrosswalk, MatchOptions, OccupationMatcher, ProfileMatches, SkillProfile,
};
use attesta::model::{CefrLevel, CompetenceRecord};
use attesta::{ErrorKind, DEFAULT_MAX_SIZE};
use serde_json::Value;

use crate::failure::Failure;
use crate::frameworks::FrameworkArgs;
use crate::Status;

/// Arguments of `attesta match`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Profiles: a JSON `{"id", "skills"}`, a JSON array of them, or a competence record
    /// (`-` for standard input). With `--jsonl`, one profile per line.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The ESCO bundle (`attesta framework import --kind esco … --out FILE`); the same as
    /// giving it with `--bundle`.
    #[arg(long, value_name = "FILE")]
    esco: Option<PathBuf>,
    #[command(flatten)]
    frameworks: FrameworkArgs,
    /// Read JSON Lines: one profile per line, results printed as each line is scored.
    #[arg(long)]
    jsonl: bool,
    /// Occupations per profile.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Leave out occupations scoring below this (0.0–1.0).
    #[arg(long, default_value_t = 0.0)]
    min_score: f64,
    /// Label language (one of the bundle's languages).
    #[arg(long, default_value = "en")]
    lang: String,
    /// Print one JSON object per profile (JSON Lines, schema `occupation-matches`) instead of
    /// a table.
    #[arg(long)]
    json: bool,
    /// The CEFR level (A1–C2) from which a record's language self-assessment counts as
    /// having the ESCO language skill of that dimension.
    #[arg(long, value_name = "LEVEL", default_value = "A2", value_parser = parse_cefr)]
    cefr_min_level: CefrLevel,
}

fn parse_cefr(text: &str) -> Result<CefrLevel, String> {
    serde_json::from_value(Value::String(text.to_ascii_uppercase()))
        .map_err(|_| "a CEFR level: A1, A2, B1, B2, C1 or C2".to_owned())
}

/// Runs `attesta match`.
pub(crate) fn run(args: &Args) -> ExitCode {
    match rank(args) {
        Ok(status) => ExitCode::from(status as u8),
        Err(failure) => {
            failure.report("attesta", args.json);
            ExitCode::from(Status::Failed as u8)
        }
    }
}

fn rank(args: &Args) -> Result<Status, Failure> {
    let mut sources = args.frameworks.clone();
    sources.bundles.extend(args.esco.iter().cloned());
    let frameworks = sources.load()?;
    let esco = frameworks.esco().ok_or_else(|| {
        Failure::options("no ESCO bundle loaded: give one with --esco FILE or --bundle FILE")
    })?;
    let matcher = OccupationMatcher::new(esco, &args.lang)?;
    let options = MatchOptions {
        limit: args.limit,
        min_score: args.min_score,
        explain: true,
    };
    let language = esco.language_index(&args.lang).unwrap_or(0);
    let crosswalk = CefrCrosswalk::new(esco).with_min_level(args.cefr_min_level);
    // Text output shows data of bundles and records: escaped (see `Escaping`).
    let mut out = crate::output::Escaping::new(io::stdout().lock(), !args.json);
    let mut status = Status::Valid;
    for file in &args.files {
        let profiles = read_profiles(file, args.jsonl, &crosswalk)?;
        for profile in profiles {
            let profile = profile?;
            let ranked = matcher.match_profile(&profile, &options)?;
            if ranked.matches.is_empty() {
                status = Status::Invalid;
            }
            let written = if args.json {
                serde_json::to_writer(&mut out, &ranked)
                    .map_err(io::Error::other)
                    .and_then(|()| writeln!(out))
            } else {
                print_table(&mut out, &ranked, esco, language)
            };
            match written {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(status),
                Err(e) => return Err(Failure::output(&e)),
            }
        }
    }
    Ok(status)
}

type Profiles = Box<dyn Iterator<Item = Result<SkillProfile, Failure>>>;

/// The profiles of one input, read lazily for JSON Lines so large batches stream. A JSON file,
/// and each line of JSON Lines, is refused past [`DEFAULT_MAX_SIZE`] bytes before it is kept
/// whole (the batch as a whole is streamed, so it has no limit).
fn read_profiles(path: &Path, jsonl: bool, crosswalk: &CefrCrosswalk) -> Result<Profiles, Failure> {
    let name = path.display().to_string();
    if !jsonl {
        let bytes =
            crate::input::read(path, DEFAULT_MAX_SIZE).map_err(|e| Failure::about(&name, &e))?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| malformed(&name, &e))?;
        drop(bytes);
        let profiles = profiles_of(value, &name, crosswalk)?;
        return Ok(Box::new(profiles.into_iter().map(Ok)));
    }
    let lines =
        crate::input::lines(path, DEFAULT_MAX_SIZE).map_err(|e| Failure::about(&name, &e))?;
    // The iterator outlives this call: it holds its own copy (a few dozen entries).
    let crosswalk = crosswalk.clone();
    Ok(Box::new(lines.filter_map(move |(number, line)| {
        let line = match line {
            Ok(line) => line,
            Err(attesta::Error::TooLarge { limit, .. }) => {
                return Some(Err(Failure::new(
                    ErrorKind::TooLarge,
                    format!("{name}:{number}: line over the limit of {limit} bytes"),
                )))
            }
            Err(e) => return Some(Err(Failure::about(&name, &e))),
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(
            serde_json::from_slice::<Value>(&line)
                .map_err(|e| malformed(&format!("{name}:{number}"), &e))
                .and_then(|v| profiles_of(v, &name, &crosswalk).and_then(single(&name, number))),
        )
    })))
}

fn single(
    name: &str,
    line: usize,
) -> impl FnOnce(Vec<SkillProfile>) -> Result<SkillProfile, Failure> + '_ {
    move |mut profiles| match profiles.len() {
        1 => Ok(profiles.remove(0)),
        _ => Err(Failure::input(format!(
            "{name}:{line}: one profile per line"
        ))),
    }
}

/// The JSON parse error as Attesta reports it (line and column, never a quote of the input).
fn malformed(context: &str, e: &serde_json::Error) -> Failure {
    Failure::new(
        ErrorKind::MalformedJson,
        format!(
            "{context}: malformed JSON at line {}, column {}",
            e.line(),
            e.column()
        ),
    )
    .at(e.line(), e.column().max(1))
}

/// Profiles from a JSON value: a profile, an array of profiles, or a competence record.
fn profiles_of(
    value: Value,
    name: &str,
    crosswalk: &CefrCrosswalk,
) -> Result<Vec<SkillProfile>, Failure> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                serde_json::from_value(item).map_err(|_| Failure::input(format!("{name}: item {i} is not a profile {{\"id\", \"skills\"}}")))
            })
            .collect(),
        Value::Object(ref object) if object.contains_key("schema_version") => {
            let report = attesta::validate(&value.to_string()).map_err(|e| Failure::from(e).context(name))?;
            if !report.valid {
                return Err(Failure::input(format!("{name}: the record is not valid; run `attesta validate {name}`")));
            }
            let record: CompetenceRecord =
                serde_json::from_value(value).map_err(|_| Failure::input(format!("{name}: not a competence record")))?;
            Ok(vec![crosswalk.profile_of(&record)])
        }
        other => serde_json::from_value(other)
            .map(|p| vec![p])
            .map_err(|_| Failure::input(format!("{name}: not a profile {{\"id\", \"skills\"}}, an array of them, or a competence record"))),
    }
}

fn print_table(
    out: &mut impl Write,
    m: &ProfileMatches,
    esco: &EscoTaxonomy,
    language: usize,
) -> io::Result<()> {
    writeln!(out, "profile {}: {} occupations", m.id, m.matches.len())?;
    if !m.unknown_skills.is_empty() {
        writeln!(
            out,
            "  ({} skills not in this ESCO version were ignored)",
            m.unknown_skills.len()
        )?;
    }
    let skill_label = |uri: &str| {
        esco.skill(uri)
            .and_then(|s| s.labels(language))
            .map_or_else(|| uri.to_owned(), |l| l.preferred.to_owned())
    };
    for hit in &m.matches {
        writeln!(
            out,
            "  {:.3}  {}  (essential {}/{}, optional {}/{})",
            hit.score,
            hit.label.as_deref().unwrap_or(&hit.occupation.code),
            hit.essential_matched,
            hit.essential_total,
            hit.optional_matched,
            hit.optional_total
        )?;
        match &hit.regulated_profession {
            Some(r) if r.regulated == Some(true) => writeln!(
                out,
                "         regulated profession (ESCO): access needs a title, not only validated competences"
            )?,
            Some(r) if r.is_notable() => {
                writeln!(out, "         regulated profession note (ESCO): {}", r.note)?;
            }
            _ => {}
        }
        let missing: Vec<String> = hit
            .missing_essential
            .iter()
            .take(5)
            .map(|u| skill_label(u))
            .collect();
        if !missing.is_empty() {
            let more = hit.missing_essential.len().saturating_sub(missing.len());
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            writeln!(out, "         to learn: {}{tail}", missing.join("; "))?;
        }
    }
    Ok(())
}
