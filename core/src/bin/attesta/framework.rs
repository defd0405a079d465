//! `attesta framework …`: import framework source files into a binary bundle (`.attb`) and
//! show what a bundle holds.
//!
//! ```text
//! attesta framework import --kind esco ../shared/data/esco-v1.1.1-en --out esco.attb
//! attesta framework import --kind calabria DIR --out calabria.attb [--json]
//! attesta framework info esco.attb [--json]
//! attesta framework bundle build …        (same as `import`)
//! ```
//!
//! Modes: by default, defects of the published files (warnings) are reported and the rest
//! loads, while a malformed row (error) stops the import; `--strict` stops at any problem;
//! `--lenient` loads through errors too. Exit codes follow the program's: 0 written without
//! problems, 1 written with problems (each printed as `file:line:column: severity: reason`),
//! 2 nothing written.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use attesta::bundle::{Bundle, BundleHeader, BundleInfo, DEFAULT_MAX_BUNDLE_SIZE};
use attesta::import::{
    import_anpal_competences, import_calabria, import_cp2021, import_esco, import_rrfp_toscana,
    DirFiles, EscoImportOptions, ImportMode, ImportProblem, ImportReport, ProblemSeverity,
};
use clap::{Args, Subcommand, ValueEnum};

/// `attesta framework` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum FrameworkCommand {
    /// Import a framework's source files (CSV) into a bundle file.
    Import(ImportArgs),
    /// Show the kind, version, counts and checksum of a bundle file.
    Info {
        /// The bundle (`.attb`).
        file: PathBuf,
        /// Print JSON instead of text (schema `bundle-info`).
        #[arg(long)]
        json: bool,
    },
    /// Search labels (the same as `attesta search`).
    Search(crate::search::Args),
    /// Look a node up by `SCHEME:CODE` (the same as `attesta search --lookup`).
    Lookup(crate::search::LookupArgs),
    /// Bundle commands.
    #[command(subcommand)]
    Bundle(BundleCommand),
}

/// `attesta framework bundle` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum BundleCommand {
    /// Build a bundle from source files (same as `attesta framework import`).
    Build(ImportArgs),
}

/// Which importer to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Kind {
    /// ESCO CSV package (`classification/`, `relations/`).
    Esco,
    /// Regione Toscana RRFP export (`rrfp_*.csv`).
    RrfpToscana,
    /// Regione Calabria repertoire (`regcal_*_rev2.csv`).
    Calabria,
    /// ISTAT CP2021, five level files.
    Cp2021,
    /// ANPAL competence dictionary (the SIL PLUS dump folder with `competenze/`).
    Anpal,
}

/// Arguments of `import` / `bundle build`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Source format.
    #[arg(long, value_enum)]
    kind: Kind,
    /// Folder with the source files.
    dir: PathBuf,
    /// Bundle file to write.
    #[arg(long)]
    out: PathBuf,
    /// Skip malformed rows too, and report them, instead of stopping at the first.
    #[arg(long, conflicts_with = "strict")]
    lenient: bool,
    /// Stop at the first problem, even a known defect of the published files (a warning).
    #[arg(long)]
    strict: bool,
    /// Version of the source (ESCO: guessed from a folder named `esco-<version>-<lang>`).
    #[arg(long)]
    source_version: Option<String>,
    /// ESCO label languages, the first defines the concepts (default: from the folder name,
    /// else `en`).
    #[arg(long = "language")]
    languages: Vec<String>,
    /// Print the report (bundle info and problems) as JSON (schema `import-report`).
    #[arg(long)]
    json: bool,
}

/// Runs a `framework` subcommand.
pub(crate) fn run(cmd: FrameworkCommand) -> ExitCode {
    match cmd {
        FrameworkCommand::Import(args) | FrameworkCommand::Bundle(BundleCommand::Build(args)) => {
            import(&args)
        }
        FrameworkCommand::Info { file, json } => info(&file, json),
        FrameworkCommand::Search(args) => crate::search::run(&args),
        FrameworkCommand::Lookup(args) => crate::search::run_lookup(args),
    }
}

/// `esco-v1.1.1-en` → (`v1.1.1`, `en`).
fn esco_folder_name(dir: &Path) -> Option<(String, String)> {
    let name = dir.file_name()?.to_str()?;
    let (version, language) = name.strip_prefix("esco-")?.rsplit_once('-')?;
    Some((version.to_owned(), language.to_owned()))
}

fn import(args: &ImportArgs) -> ExitCode {
    if !args.dir.is_dir() {
        eprintln!("attesta: {} is not a folder", args.dir.display());
        return ExitCode::from(2);
    }
    let source = DirFiles::new(&args.dir);
    let mode = mode_of(args);
    let unstated = || "unstated".to_owned();
    let started = Instant::now();
    let result = match args.kind {
        Kind::Esco => {
            let guessed = esco_folder_name(&args.dir);
            let Some(version) = args
                .source_version
                .clone()
                .or_else(|| guessed.as_ref().map(|g| g.0.clone()))
            else {
                eprintln!("attesta: give the ESCO version with --source-version (e.g. v1.1.1)");
                return ExitCode::from(2);
            };
            let languages = if args.languages.is_empty() {
                vec![guessed.map_or_else(|| "en".to_owned(), |g| g.1)]
            } else {
                args.languages.clone()
            };
            import_esco(&source, &EscoImportOptions { version, languages }, mode)
                .map(|i| (Bundle::Esco(i.data), i.problems))
        }
        Kind::RrfpToscana => {
            let version = args.source_version.clone().unwrap_or_else(unstated);
            import_rrfp_toscana(&source, &version, mode)
                .map(|i| (Bundle::Framework(i.data), i.problems))
        }
        Kind::Calabria => {
            let version = args.source_version.clone().unwrap_or_else(unstated);
            import_calabria(&source, &version, mode)
                .map(|i| (Bundle::Framework(i.data), i.problems))
        }
        Kind::Cp2021 => {
            import_cp2021(&source, mode).map(|i| (Bundle::Classification(i.data), i.problems))
        }
        Kind::Anpal => {
            import_anpal_competences(&source, mode).map(|i| (Bundle::Framework(i.data), i.problems))
        }
    };
    let imported_in = started.elapsed();
    let (bundle, problems) = match result {
        Ok(ok) => ok,
        Err(attesta::Error::Import(problem)) => {
            eprintln!("{problem}");
            let hint = if mode == ImportMode::Strict {
                "drop --strict to load through warnings"
            } else {
                "use --lenient to skip malformed rows"
            };
            eprintln!("attesta: import stopped at this problem ({hint}); nothing written");
            return ExitCode::from(2);
        }
        Err(err) => {
            eprintln!("attesta: {err}");
            return ExitCode::from(2);
        }
    };
    print_problems(&problems);
    let bytes = match bundle.to_bytes() {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("attesta: {err}");
            return ExitCode::from(2);
        }
    };
    if let Err(err) = std::fs::write(&args.out, &bytes) {
        eprintln!("attesta: {}: {err}", args.out.display());
        return ExitCode::from(2);
    }
    let Ok((header, _)) = BundleHeader::parse(&bytes) else {
        eprintln!("attesta: the written bundle does not read back");
        return ExitCode::from(2);
    };
    let clean = problems.is_empty();
    let summary = Summary {
        info: bundle.info(&header),
        mode,
        imported_in,
    };
    if !print_summary(args, summary, problems) {
        return ExitCode::from(2);
    }
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What an import wrote, for its summary.
struct Summary {
    info: BundleInfo,
    mode: ImportMode,
    imported_in: std::time::Duration,
}

/// Prints the summary of a written bundle: text, or the JSON [`ImportReport`] with `--json`.
/// `false` when the JSON cannot be made (said on standard error).
fn print_summary(args: &ImportArgs, summary: Summary, problems: Vec<ImportProblem>) -> bool {
    let Summary {
        info,
        mode,
        imported_in,
    } = summary;
    if args.json {
        let report = ImportReport::new(info, mode, problems);
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("attesta: {err}");
                return false;
            }
        }
    } else {
        println!(
            "{}: {} {} imported in {:.2?}, {} bytes",
            args.out.display(),
            info.kind,
            info.version,
            imported_in,
            info.bytes
        );
        for (name, count) in &info.counts {
            println!("  {name}: {count}");
        }
        println!("  problems: {}", problem_counts(&problems));
        println!("  checksum (xxh3-64): {}", info.checksum);
    }
    true
}

/// The mode the flags ask for: standard unless `--strict` or `--lenient`.
fn mode_of(args: &ImportArgs) -> ImportMode {
    if args.lenient {
        ImportMode::Lenient
    } else if args.strict {
        ImportMode::Strict
    } else {
        ImportMode::Standard
    }
}

/// `N (W warnings, E errors)`.
fn problem_counts(problems: &[ImportProblem]) -> String {
    let warnings = problems
        .iter()
        .filter(|p| p.severity == ProblemSeverity::Warning)
        .count();
    format!(
        "{} ({warnings} warnings, {} errors)",
        problems.len(),
        problems.len() - warnings
    )
}

fn print_problems(problems: &[ImportProblem]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}

fn info(file: &Path, json: bool) -> ExitCode {
    let started = Instant::now();
    // Header and size are checked before the body is read (a huge or fake file costs nothing).
    let loaded = Bundle::read_file(file, DEFAULT_MAX_BUNDLE_SIZE);
    let loaded_in = started.elapsed();
    let (header, bundle) = match loaded {
        Ok(ok) => ok,
        Err(err) => {
            crate::failure::Failure::about(file.display(), &err).report("attesta", json);
            return ExitCode::from(2);
        }
    };
    let info = bundle.info(&header);
    if json {
        match serde_json::to_string_pretty(&info) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                crate::failure::Failure::output(&std::io::Error::other(err))
                    .report("attesta", json);
                return ExitCode::from(2);
            }
        }
    } else {
        // The id, version and table names come from the file: shown through `Escaping`.
        let mut text = String::new();
        let _ = writeln!(text, "{}", file.display());
        let _ = writeln!(text, "  kind: {}", info.kind);
        let _ = writeln!(text, "  id: {}", info.id);
        let _ = writeln!(text, "  version: {}", info.version);
        let _ = writeln!(text, "  format version: {}", info.format_version);
        let _ = writeln!(text, "  bytes: {}", info.bytes);
        let _ = writeln!(text, "  checksum (xxh3-64): {}", info.checksum);
        let _ = writeln!(text, "  read and loaded in: {loaded_in:.2?}");
        for (name, count) in &info.counts {
            let _ = writeln!(text, "  {name}: {count}");
        }
        let mut out = crate::output::Escaping::new(std::io::stdout().lock(), true);
        if out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
