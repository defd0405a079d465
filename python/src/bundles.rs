//! `attesta.import_framework` and `attesta.bundle_info`: official source files imported into
//! an `.attb` bundle, as `attesta framework import` does (the same importers, modes and
//! report, schema `import-report`), and what a bundle holds (`attesta framework info`, schema
//! `bundle-info`).
//!
//! The bundle is written to a temporary file beside `out` and renamed over it, so a reader
//! never sees half a bundle and a failed import leaves no file behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use pyo3::prelude::*;

use attesta::bundle::{Bundle, BundleHeader, DEFAULT_MAX_BUNDLE_SIZE};
use attesta::import::{
    import_anpal_competences, import_calabria, import_cp2021, import_esco, import_rrfp_toscana,
    DirFiles, EscoImportOptions, ImportMode, ImportProblem, ImportReport,
};
use attesta::Error;

use crate::convert::to_py;
use crate::errors::attesta_error;

/// The importers, by the names of the CLI's `--kind` (`rrfp-toscana` also as `rrfp_toscana`).
const KINDS: &str = "esco, rrfp-toscana, calabria, cp2021 or anpal";

/// Imports the source files of `kind` in `folder` into the bundle `out`; returns the import
/// report (schema `import-report`): the bundle written and every problem met.
#[pyfunction]
#[pyo3(signature = (kind, folder, out, *, mode = "standard", source_version = None, languages = None))]
// pyo3 extracts owned values from Python arguments: a borrowed `&Path` cannot be extracted.
#[allow(clippy::needless_pass_by_value)]
pub(crate) fn import_framework<'py>(
    py: Python<'py>,
    kind: &str,
    folder: PathBuf,
    out: PathBuf,
    mode: &str,
    source_version: Option<String>,
    languages: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mode: ImportMode = serde_json::from_value(serde_json::Value::String(mode.to_owned()))
        .map_err(|_| {
            attesta_error(
                py,
                &Error::InvalidOptions("mode is 'standard', 'strict' or 'lenient'".to_owned()),
            )
        })?;
    let report = py
        .detach(|| {
            run(
                kind,
                &folder,
                &out,
                mode,
                source_version.as_deref(),
                languages,
            )
        })
        .map_err(|e| attesta_error(py, &e))?;
    to_py(py, &report)
}

/// What the bundle file at `path` holds (schema `bundle-info`), read within the bundle size
/// limit; raises `AttestaError` (kind `invalid_bundle`, `io`) when it cannot be read.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
pub(crate) fn bundle_info(py: Python<'_>, path: PathBuf) -> PyResult<Bound<'_, PyAny>> {
    let (header, bundle) = py
        .detach(|| Bundle::read_file(&path, DEFAULT_MAX_BUNDLE_SIZE))
        .map_err(|e| attesta_error(py, &e))?;
    to_py(py, &bundle.info(&header))
}

/// `esco-v1.1.1-en` → (`v1.1.1`, `en`), as the CLI guesses them.
fn esco_folder_name(dir: &Path) -> Option<(String, String)> {
    let name = dir.file_name()?.to_str()?;
    let (version, language) = name.strip_prefix("esco-")?.rsplit_once('-')?;
    Some((version.to_owned(), language.to_owned()))
}

/// Imports and writes the bundle.
fn run(
    kind: &str,
    folder: &Path,
    out: &Path,
    mode: ImportMode,
    source_version: Option<&str>,
    languages: Option<Vec<String>>,
) -> Result<ImportReport, Error> {
    if !folder.is_dir() {
        return Err(Error::InvalidInput(
            "the source of an import is a folder".to_owned(),
        ));
    }
    let source = DirFiles::new(folder);
    let version = || source_version.unwrap_or("unstated").to_owned();
    let (bundle, problems): (Bundle, Vec<ImportProblem>) = match kind {
        "esco" => {
            let guessed = esco_folder_name(folder);
            let version = source_version
                .map(str::to_owned)
                .or_else(|| guessed.as_ref().map(|g| g.0.clone()))
                .ok_or_else(|| {
                    Error::InvalidOptions(
                        "give the ESCO version with source_version (e.g. 'v1.1.1')".to_owned(),
                    )
                })?;
            let languages = match languages {
                Some(list) if !list.is_empty() => list,
                _ => vec![guessed.map_or_else(|| "en".to_owned(), |g| g.1)],
            };
            let imported = import_esco(&source, &EscoImportOptions { version, languages }, mode)?;
            (Bundle::Esco(imported.data), imported.problems)
        }
        "rrfp-toscana" | "rrfp_toscana" => {
            let imported = import_rrfp_toscana(&source, &version(), mode)?;
            (Bundle::Framework(imported.data), imported.problems)
        }
        "calabria" => {
            let imported = import_calabria(&source, &version(), mode)?;
            (Bundle::Framework(imported.data), imported.problems)
        }
        "cp2021" => {
            let imported = import_cp2021(&source, mode)?;
            (Bundle::Classification(imported.data), imported.problems)
        }
        "anpal" => {
            let imported = import_anpal_competences(&source, mode)?;
            (Bundle::Framework(imported.data), imported.problems)
        }
        _ => return Err(Error::InvalidOptions(format!("kind is one of {KINDS}"))),
    };
    let bytes = bundle.to_bytes()?;
    let (header, _) = BundleHeader::parse(&bytes)?;
    write_replacing(out, &bytes)?;
    Ok(ImportReport::new(bundle.info(&header), mode, problems))
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over `out`.
fn write_replacing(out: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: out.to_path_buf(),
        source,
    };
    let name = out
        .file_name()
        .ok_or_else(|| Error::InvalidInput("out is a file path, not a folder".to_owned()))?;
    let mut partial = name.to_os_string();
    partial.push(format!(".{}.partial", std::process::id()));
    let partial = out.with_file_name(partial);
    let written = std::fs::File::create(&partial)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&partial, out));
    if let Err(err) = written {
        // Best effort: the error reported is the write's, not the clean-up's.
        let _ = std::fs::remove_file(&partial);
        return Err(io(err));
    }
    Ok(())
}
