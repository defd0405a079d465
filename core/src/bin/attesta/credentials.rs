//! `attesta export`, `attesta sign`, `attesta verify`: portable credentials of a validated case.
//!
//! ```text
//! attesta export CASE --format ob3|elm|libretto [--uc CODE]… [--issuer ID] [--subject ID] [--no-personal-data] [--key PUB.pem] [--out FILE]
//! attesta sign CREDENTIAL --key KEYFILE [--suite eddsa-rdfc-2022|eddsa-jcs-2022] [--verification-method URL] [--created DATETIME] [--out FILE]
//! attesta verify CREDENTIAL [--key KEYFILE] [--json]
//! ```
//!
//! `export` reads a case log (as `attesta case issue` does; `--key` is the case's trusted key)
//! or, for a `.json` file, a document, and prints one JSON document per line: an OB3 credential
//! per validated UC, or one ELM credential, or one Libretto record (schema `libretto-record`).
//! `sign` prints the credential with its proof; `verify` says whether the proof holds (schema
//! `credential-verification` with `--json`). Key files: Multikey or JWK JSON, a multibase
//! string, or PEM. Exit codes: 0 done (verified), 1 not verified or nothing to export,
//! 2 could not run.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attesta::credentials::{
    export_credentials, sign_credential, verify_credential, CredentialKey, Cryptosuite,
    ExportFormat, ExportOptions, ProofOptions,
};
use attesta::documents::Document;
use attesta::procedure::file::{self, CaseFileError};
use attesta::ErrorKind;
use clap::{Args, ValueEnum};
use serde_json::Value;

use crate::case::{self, TrustArgs};
use crate::failure::Failure;
use crate::frameworks::FrameworkArgs;
use crate::input;

/// The largest credential or document read (16 MiB).
const MAX_INPUT: usize = 16 << 20;
/// The largest key file read.
const MAX_KEY: usize = 64 << 10;

/// `--format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    /// Open Badges 3.0, one credential per validated UC.
    Ob3,
    /// European Learning Model v3 (Europass EDC), one credential.
    Elm,
    /// The Libretto formativo record for a job-centre information system.
    Libretto,
}

/// `attesta export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The case log (JSON Lines), or a document (`.json`: a Documento di validazione or
    /// Certificato).
    case: PathBuf,
    /// The format.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Only this UC (its code, e.g. 1955); repeatable. Default: every validated UC.
    #[arg(long = "uc", value_name = "CODE")]
    units: Vec<String>,
    /// The issuer's id (URL or DID); a verifier elsewhere checks it against the signing key's
    /// controller.
    #[arg(long)]
    issuer: Option<String>,
    /// The credential subject's id (e.g. the person's wallet DID).
    #[arg(long)]
    subject: Option<String>,
    /// Leave out the person's name and dati anagrafici (for anything shared beyond the
    /// person and the job centre).
    #[arg(long)]
    no_personal_data: bool,
    #[command(flatten)]
    output: OutArgs,
    #[command(flatten)]
    trust: TrustArgs,
    #[command(flatten)]
    frameworks: FrameworkArgs,
}

/// `attesta sign`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The credential (JSON; `-`: standard input).
    credential: PathBuf,
    /// The Ed25519 secret key: Multikey or JWK JSON, a multibase string, or PKCS#8 PEM.
    #[arg(long, value_name = "KEYFILE")]
    key: PathBuf,
    /// The cryptosuite.
    #[arg(long, default_value = "eddsa-rdfc-2022", value_parser = ["eddsa-rdfc-2022", "eddsa-jcs-2022"])]
    suite: String,
    /// The verification method to name (default: the key's did:key).
    #[arg(long, value_name = "URL")]
    verification_method: Option<String>,
    /// The proof's `created` (`YYYY-MM-DDThh:mm:ssZ`); default: now.
    #[arg(long, value_name = "DATETIME")]
    created: Option<String>,
    #[command(flatten)]
    output: OutArgs,
}

/// Where `export` and `sign` write (credentials hold personal data: written atomically,
/// never through a symlink, like the case's documents).
#[derive(Debug, Args)]
pub(crate) struct OutArgs {
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the `--out` file when it exists (by default that is an error).
    #[arg(long, requires = "out")]
    overwrite: bool,
}

impl OutArgs {
    fn write(&self, text: &str) -> Result<(), Failure> {
        match &self.out {
            Some(path) => {
                file::write_document(path, text.as_bytes(), self.overwrite).map_err(|e| match e {
                    CaseFileError::Exists(_) => {
                        Failure::from(e).hint("pass --overwrite to replace it")
                    }
                    other => other.into(),
                })
            }
            None => match std::io::stdout().lock().write_all(text.as_bytes()) {
                // The reader went away (`attesta export … | head`): not worth a message.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::output(&e)),
                _ => Ok(()),
            },
        }
    }
}

/// `attesta verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The signed credential (JSON; `-`: standard input).
    credential: PathBuf,
    /// The issuer's public (or secret) key to trust; without it, a did:key verification method
    /// is read for the key (integrity only: anyone can make a did:key).
    #[arg(long, value_name = "KEYFILE")]
    key: Option<PathBuf>,
    /// Print the outcome as JSON (schema `credential-verification`).
    #[arg(long)]
    json: bool,
}

fn read_json(path: &Path) -> Result<Value, Failure> {
    let bytes = input::read(path, MAX_INPUT).map_err(|e| Failure::about(path.display(), &e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        // Only the position: serde_json's messages may quote the input.
        Failure::new(
            ErrorKind::MalformedJson,
            format!(
                "{}: malformed JSON at line {}, column {}",
                path.display(),
                e.line(),
                e.column().max(1)
            ),
        )
        .at(e.line(), e.column().max(1))
    })
}

fn read_key(path: &Path) -> Result<CredentialKey, Failure> {
    let bytes = input::read(path, MAX_KEY).map_err(|e| Failure::about(path.display(), &e))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Failure::new(ErrorKind::InvalidKey, "the key file is not UTF-8"))?;
    CredentialKey::from_text(text)
        .map_err(|e| Failure::from(attesta::Error::from(e)).context(path.display()))
}

fn documents(
    args: &ExportArgs,
) -> Result<(Vec<Document>, attesta::framework::Frameworks), Failure> {
    let frameworks = args.frameworks.load()?;
    if args.case.extension().is_some_and(|e| e == "json") {
        let value = read_json(&args.case)?;
        let document: Document = serde_json::from_value(value).map_err(|_| {
            Failure::input(format!(
                "{}: not a Documento di validazione or Certificato (attesta document check says why)",
                args.case.display()
            ))
        })?;
        return Ok((vec![document], frameworks));
    }
    let loaded = (frameworks.set(), case::policy(false));
    let case = case::load(&args.case, &args.trust, loaded)?;
    Ok((case.documents(), frameworks))
}

fn export(args: &ExportArgs) -> Result<u8, Failure> {
    let (documents, frameworks) = documents(args)?;
    // A document file is exported as it is (a Documento di trasparenza is refused with the
    // reason); of a case, the latest attestation: a Certificato over the Documento di
    // validazione it followed.
    let from_file = args.case.extension().is_some_and(|e| e == "json");
    let Some(document) = documents
        .iter()
        .rev()
        .find(|d| from_file || !matches!(d, Document::DocumentoTrasparenza(_)))
    else {
        eprintln!("attesta export: no Documento di validazione or Certificato in the case yet");
        return Ok(1);
    };
    let options = ExportOptions {
        format: match args.format {
            FormatArg::Ob3 => ExportFormat::Ob3,
            FormatArg::Elm => ExportFormat::Elm,
            FormatArg::Libretto => ExportFormat::Libretto,
        },
        units: args.units.clone(),
        issuer_id: args.issuer.clone(),
        subject_id: args.subject.clone(),
        include_personal_data: !args.no_personal_data,
    };
    let exported = export_credentials(document, Some(frameworks.set()), &options)
        .map_err(attesta::Error::from)?;
    let mut text = String::new();
    for credential in exported {
        text.push_str(&serde_json::to_string(&credential).map_err(|e| Failure::output(&e.into()))?);
        text.push('\n');
    }
    args.output.write(&text)?;
    Ok(0)
}

/// Now, `YYYY-MM-DDThh:mm:ssZ` (the library reads no clock; the program supplies it).
fn now() -> Option<String> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let date = crate::clock::civil_from_days(seconds / 86_400)?;
    let time = seconds % 86_400;
    Some(format!(
        "{date}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time / 60 % 60,
        time % 60
    ))
}

fn sign(args: &SignArgs) -> Result<u8, Failure> {
    let credential = read_json(&args.credential)?;
    let key = read_key(&args.key)?;
    let options = ProofOptions {
        cryptosuite: Cryptosuite::from_name(&args.suite).map_err(attesta::Error::from)?,
        verification_method: args.verification_method.clone(),
        created: args.created.clone().or_else(now),
    };
    let signed = sign_credential(&credential, &key, &options)
        .map_err(|e| Failure::from(attesta::Error::from(e)).context(args.credential.display()))?;
    let mut text = serde_json::to_string_pretty(&signed).map_err(|e| Failure::output(&e.into()))?;
    text.push('\n');
    args.output.write(&text)?;
    Ok(0)
}

fn verify(args: &VerifyArgs) -> Result<u8, Failure> {
    let credential = read_json(&args.credential)?;
    let key = args.key.as_deref().map(read_key).transpose()?;
    let outcome = verify_credential(&credential, key.as_ref())
        .map_err(|e| Failure::from(attesta::Error::from(e)).context(args.credential.display()))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let text =
            serde_json::to_string_pretty(&outcome).map_err(|e| Failure::output(&e.into()))?;
        writeln!(out, "{text}").map_err(|e| Failure::output(&e))?;
    } else if outcome.verified {
        let suite = outcome.cryptosuite.map_or("", Cryptosuite::as_str);
        let source = match outcome.key_source.as_deref() {
            Some("supplied") => "the key given",
            _ => "the did:key it names (integrity only)",
        };
        writeln!(out, "verified: {suite} proof by {source}").map_err(|e| Failure::output(&e))?;
    } else if let Some(problem) = &outcome.problem {
        writeln!(out, "NOT verified: {} ({})", problem.message, problem.code)
            .map_err(|e| Failure::output(&e))?;
    }
    Ok(u8::from(!outcome.verified))
}

fn finish(program: &str, json: bool, result: Result<u8, Failure>) -> ExitCode {
    ExitCode::from(result.unwrap_or_else(|failure| {
        failure.report(program, json);
        2
    }))
}

/// Runs `attesta export`.
pub(crate) fn run_export(args: &ExportArgs) -> ExitCode {
    finish("attesta export", false, export(args))
}

/// Runs `attesta sign`.
pub(crate) fn run_sign(args: &SignArgs) -> ExitCode {
    finish("attesta sign", false, sign(args))
}

/// Runs `attesta verify`.
pub(crate) fn run_verify(args: &VerifyArgs) -> ExitCode {
    finish("attesta verify", args.json, verify(args))
}
