//! `attesta case issue`: the documents a case has issued, as JSON and printable HTML, written
//! into a folder (all paths checked before the first is written, so a refusal writes nothing).

use std::io::Write as _;
use std::path::Path;

use attesta::documents::{render_html, Document, RenderOptions};
use attesta::framework::EscoTaxonomy;
use attesta::procedure::file::{self, CaseFileError};
use attesta::procedure::issue::label_esco;

use crate::case::{load, Loaded, TrustArgs, OK, REFUSED};
use crate::failure::Failure;

/// Where and how `case issue` writes the documents.
pub(crate) struct IssueTarget<'a> {
    pub(crate) out: &'a Path,
    pub(crate) redact: bool,
    /// Replace documents already in the folder.
    pub(crate) overwrite: bool,
    /// The ESCO taxonomy loaded (labels and version of the ESCO claims of the trasparenza).
    pub(crate) esco: Option<&'a EscoTaxonomy>,
}

pub(crate) fn issue(
    case: &Path,
    target: &IssueTarget<'_>,
    trust: &TrustArgs,
    loaded: Loaded,
) -> Result<u8, Failure> {
    let IssueTarget {
        out,
        redact,
        overwrite,
        esco,
    } = *target;
    let case = load(case, trust, loaded)?;
    let mut documents = case.documents();
    if let Some(esco) = esco {
        for document in &mut documents {
            if let Document::DocumentoTrasparenza(dt) = document {
                label_esco(dt, esco, "it");
            }
        }
    }
    if documents.is_empty() {
        eprintln!(
            "no document yet: the case is in phase {}",
            case.state().phase
        );
        return Ok(REFUSED);
    }
    std::fs::create_dir_all(out).map_err(|source| attesta::Error::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let mut options = RenderOptions::default().redact_personal_data(redact);
    // The person's language beside the Italian: `--lang`, else the case's session language.
    options.second_language = crate::lang::asked()
        .map(|l| l.locale().to_owned())
        .or_else(|| case.state().session_language().map(str::to_owned));
    let mut files = Vec::with_capacity(documents.len() * 2);
    for document in &documents {
        let base = out.join(format!(
            "{}-{}",
            document.document_type().as_str(),
            document.id()
        ));
        let mut text = serde_json::to_string_pretty(document)
            .map_err(|e| Failure::output(&std::io::Error::other(e)))?;
        text.push('\n');
        files.push((base.with_extension("json"), text));
        let html = render_html(document, &options)?;
        files.push((base.with_extension("html"), html));
    }
    // Every path is checked before the first is written, so a refusal writes nothing.
    for (path, _) in &files {
        file::check_document_path(path, overwrite).map_err(|e| match e {
            CaseFileError::Exists(_) => Failure::from(e).hint("pass --overwrite to replace it"),
            other => other.into(),
        })?;
    }
    for (path, text) in &files {
        file::write_document(path, text.as_bytes(), overwrite)?;
        let _ = writeln!(std::io::stdout().lock(), "{}", path.display());
    }
    Ok(OK)
}
