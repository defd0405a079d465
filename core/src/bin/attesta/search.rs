//! `attesta search QUERY…`: label search over the built-in framework and any bundles given, and
//! `attesta search --lookup SCHEME:CODE`: a figure's UCs/ADA/EQF level, a UC's capacità and
//! conoscenze, or what an (old) code stands for.
//!
//! ```text
//! attesta search carrelista
//! attesta search --bundle esco.attb --bundle cp2021.attb --type occupation --limit 5 forklif
//! attesta search --lookup rrfp_toscana.qualification:450
//! attesta search --lookup atlante_ada:ADA.13.128.385 --json
//! ```
//!
//! With the global `--lang LOCALE`, labels are searched and titles shown in that language
//! where a framework has it, else along its fallback chain (see `attesta::l10n::pick_label`):
//! text output marks a label in another language with it (`[it]`), JSON carries `language` /
//! `title_lang` and, for hits, `fallback`.
//!
//! Exit codes: 0 found something, 1 nothing found, 2 bad arguments or unreadable bundle.

use std::io::{self, Write};
use std::process::ExitCode;

use attesta::framework::{EscoTaxonomy, FrameworkSet};
use attesta::l10n::is_fallback;
use attesta::model::FrameworkRef;
use attesta::search::lookup::lookup_node_in;
use attesta::search::{
    EscoLabelSelection, FrameworkLabels, NodeType, SearchIndex, SearchIndexBuilder, SearchOptions,
};

use crate::failure::Failure;
use crate::frameworks::FrameworkArgs;
use crate::Status;

/// Arguments of `attesta search`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["query", "lookup"])))]
pub(crate) struct Args {
    /// Words to search for (case, accents, typos and word endings do not matter).
    query: Vec<String>,
    /// Look up a node instead: `SCHEME:CODE`, e.g. `rrfp_toscana.qualification:450`,
    /// `rrfp_toscana.unit:2263`, `atlante_ada:ADA.13.128.385`, `cp2021:7.4.4.4.0`.
    #[arg(long, value_name = "SCHEME:CODE")]
    lookup: Option<String>,
    #[command(flatten)]
    frameworks: FrameworkArgs,
    /// At most this many results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Only these schemes (a framework id such as `rrfp_toscana` selects all its schemes).
    #[arg(long = "scheme")]
    schemes: Vec<String>,
    /// Only these node types (`qualification`, `unit`, `occupation`, `skill`, …).
    #[arg(long = "type", value_parser = parse_node_type)]
    node_types: Vec<NodeType>,
    /// Only labels in these languages (`it`, `en`); not the global `--lang`, which picks the
    /// language labels are searched and shown in, with fallbacks.
    #[arg(long = "label-lang")]
    languages: Vec<String>,
    /// Print JSON instead of a table (schema `search-results`; `node-lookup` with `--lookup`).
    #[arg(long)]
    json: bool,
}

/// Arguments of `attesta framework lookup SCHEME:CODE` (the same as `attesta search --lookup`).
#[derive(Debug, clap::Args)]
pub(crate) struct LookupArgs {
    /// The node, `SCHEME:CODE`, e.g. `rrfp_toscana.qualification:450`,
    /// `atlante_ada:ADA.13.128.385`.
    #[arg(value_name = "SCHEME:CODE")]
    reference: String,
    #[command(flatten)]
    frameworks: FrameworkArgs,
    /// Print JSON (schema `node-lookup`).
    #[arg(long)]
    json: bool,
}

/// Runs `attesta framework lookup`.
pub(crate) fn run_lookup(args: LookupArgs) -> ExitCode {
    run(&Args {
        query: Vec::new(),
        lookup: Some(args.reference),
        frameworks: args.frameworks,
        limit: 10,
        schemes: Vec::new(),
        node_types: Vec::new(),
        languages: Vec::new(),
        json: args.json,
    })
}

fn parse_node_type(text: &str) -> Result<NodeType, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| format!("unknown node type '{text}'"))
}

/// Runs `attesta search`.
pub(crate) fn run(args: &Args) -> ExitCode {
    match search(args) {
        Ok(status) => ExitCode::from(status as u8),
        Err(failure) => {
            failure.report("attesta", args.json);
            ExitCode::from(Status::Failed as u8)
        }
    }
}

fn search(args: &Args) -> Result<Status, Failure> {
    let frameworks = args.frameworks.load()?;
    let set = frameworks.set();
    let mut builder = SearchIndexBuilder::new();
    if let Some(esco) = frameworks.esco() {
        builder.add_esco(esco, &EscoLabelSelection::default());
    }
    for c in frameworks.classifications() {
        builder.add_classification(c, "it", false);
    }
    for f in set.frameworks() {
        builder.add_framework(f, &FrameworkLabels::default());
    }
    let index = builder.build()?;
    // Text output shows data of bundles and records: escaped (see `Escaping`).
    let mut out = crate::output::Escaping::new(io::stdout().lock(), !args.json);
    let written = match &args.lookup {
        Some(spec) => {
            // Kept for lookups: an ESCO occupation's regulated-profession note is not a label.
            let esco = frameworks.esco().map(AsRef::as_ref);
            lookup(set, &index, esco, spec, args.json, &mut out)
        }
        None => query(&index, args, &mut out),
    };
    match written {
        Ok(found) => Ok(if found {
            Status::Valid
        } else {
            Status::Invalid
        }),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Status::Valid),
        Err(e) => Err(Failure::output(&e)),
    }
}

fn query(index: &SearchIndex, args: &Args, out: &mut impl Write) -> io::Result<bool> {
    let options = SearchOptions {
        limit: args.limit,
        schemes: args.schemes.clone(),
        node_types: args.node_types.clone(),
        languages: args.languages.clone(),
        locale: locale(),
        ..SearchOptions::default()
    };
    let hits = match index.search(&args.query.join(" "), &options) {
        Ok(hits) => hits,
        Err(e) => {
            Failure::from(e).report("attesta", args.json);
            return Ok(false);
        }
    };
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &hits).map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        for h in &hits {
            let code = h.node.code.rsplit('/').next().unwrap_or(&h.node.code);
            writeln!(
                out,
                "{:.3}  {:<28} {:<12} {}{}",
                h.score,
                h.node.scheme,
                code,
                h.label,
                marker(h.fallback, &h.language)
            )?;
        }
        if hits.is_empty() {
            writeln!(out, "no match")?;
        }
    }
    Ok(!hits.is_empty())
}

fn lookup(
    set: &FrameworkSet,
    index: &SearchIndex,
    esco: Option<&EscoTaxonomy>,
    spec: &str,
    json: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    let Some((scheme, code)) = spec.split_once(':') else {
        Failure::options("--lookup wants SCHEME:CODE, e.g. rrfp_toscana.unit:2263")
            .report("attesta", json);
        return Ok(false);
    };
    let node = FrameworkRef::new(scheme, code.trim());
    let locale = locale();
    let found = lookup_node_in(set, &node, Some(index), esco, locale.as_deref());
    let value = serde_json::to_value(&found).map_err(io::Error::other)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        print_value(out, &value, 0, locale.as_deref())?;
    }
    Ok(true)
}

/// The locale of the global `--lang`, when given.
fn locale() -> Option<String> {
    crate::lang::asked().map(|l| l.locale().to_owned())
}

/// What follows a label in text output: ` [xx]` when it is in a language other than the one
/// asked (a fallback), else nothing.
pub(crate) fn marker(fallback: bool, lang: &str) -> String {
    if fallback {
        format!(" [{lang}]")
    } else {
        String::new()
    }
}

/// A plain, indented rendering of a lookup document for the terminal: a title whose language
/// (the sibling `<key>_lang`) is a fallback for `locale` is marked with it.
fn print_value(
    out: &mut impl Write,
    value: &serde_json::Value,
    depth: usize,
    locale: Option<&str>,
) -> io::Result<()> {
    use serde_json::Value;
    let pad = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match v {
                    Value::Object(_) | Value::Array(_) => {
                        writeln!(out, "{pad}{key}:")?;
                        print_value(out, v, depth + 1, locale)?;
                    }
                    other => {
                        let lang = map.get(&format!("{key}_lang")).and_then(Value::as_str);
                        let mark = lang.map_or_else(String::new, |lang| {
                            marker(is_fallback(locale, lang), lang)
                        });
                        writeln!(out, "{pad}{key}: {}{mark}", scalar(other))?;
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        writeln!(out, "{pad}-")?;
                        print_value(out, item, depth + 1, locale)?;
                    }
                    other => writeln!(out, "{pad}- {}", scalar(other))?,
                }
            }
        }
        other => writeln!(out, "{pad}{}", scalar(other))?,
    }
    Ok(())
}

fn scalar(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
