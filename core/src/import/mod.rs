//! Importers: the published source files of frameworks → Attesta's framework types.
//!
//! | importer | source | result |
//! |---|---|---|
//! | [`esco::import_esco`] | ESCO CSV package (`classification/skills_<lang>.csv`, `relations/…`) | [`EscoTaxonomy`](crate::framework::EscoTaxonomy) |
//! | [`rrfp_toscana::import_rrfp_toscana`] | Regione Toscana RRFP export (`rrfp_*.csv`) | [`Framework`](crate::framework::Framework) |
//! | [`calabria::import_calabria`] | Calabria repertoire (`regcal_*_rev2.csv`) | [`Framework`](crate::framework::Framework) |
//! | [`cp2021::import_cp2021`] | ISTAT CP2021, five level files | [`Classification`](crate::framework::Classification) |
//! | [`anpal::import_anpal_competences`] | ANPAL competence dictionary (`competenze/DEC_*.csv` of the SIL PLUS dump) | [`Framework`](crate::framework::Framework) |
//!
//! Importers read through an [`ImportSource`] (named files as byte readers), never from paths,
//! so they are testable with in-memory files ([`MemoryFiles`]); [`DirFiles`] reads a folder
//! (feature `fs`).
//!
//! Bad input never panics and no row is ever dropped silently: each problem is an
//! [`ImportProblem`] `{file, line, column, severity, reason}`. Problems have two severities:
//!
//! - a [`ProblemSeverity::Warning`] is a defect that exists in the files *as published* and
//!   that the importer can handle without guessing: a relation to a concept the package does not
//!   define (ESCO), an EQF level `0` (Calabria), a row whose competence is absent. The value or
//!   row is left out, and the problem says so;
//! - a [`ProblemSeverity::Error`] is a genuinely malformed row: a broken CSV field, a missing
//!   column, a code that is not a code.
//!
//! Three modes ([`ImportMode`]): `Strict` stops at the first problem of any severity;
//! `Standard` (the default) loads through warnings and stops at the first error; `Lenient`
//! loads through both. A stop is [`Error::Import`]; otherwise every problem met comes back with
//! the data ([`Imported`]), so the official files import as published in `Standard` mode.
//!
//! The importers need the `import` feature (it is off in WASM: browsers load finished bundles,
//! see [`crate::bundle`]); [`ImportProblem`] and [`ProblemSeverity`] are in every build, as
//! [`Error::Import`](crate::Error::Import) wraps them.

// Only the problem types are in every build (the error catalogue wraps them); everything
// else is the importers, feature `import`.
#[cfg(feature = "import")]
pub mod anpal;
#[cfg(feature = "import")]
pub mod calabria;
#[cfg(feature = "import")]
pub mod cp2021;
#[cfg(feature = "import")]
mod csv_fast;
#[cfg(feature = "import")]
mod csv_table;
#[cfg(feature = "import")]
pub mod esco;
#[cfg(feature = "import")]
mod esco_links;
#[cfg(feature = "import")]
mod esco_relations;
mod problem;
#[cfg(feature = "import")]
pub mod rrfp_toscana;

#[cfg(feature = "import")]
use std::collections::BTreeMap;
#[cfg(feature = "import")]
use std::io::Read;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::bundle::BundleInfo;
#[cfg(feature = "import")]
use crate::error::{Error, Result};

#[cfg(feature = "import")]
pub use anpal::import_anpal_competences;
#[cfg(feature = "import")]
pub use calabria::import_calabria;
#[cfg(feature = "import")]
pub use cp2021::import_cp2021;
#[cfg(feature = "import")]
pub use esco::{import_esco, EscoImportOptions};
pub use problem::{ImportProblem, ProblemSeverity};
#[cfg(feature = "import")]
pub use rrfp_toscana::import_rrfp_toscana;

/// How an importer treats problems in the source files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Stop at the first problem, warning or error, with [`Error::Import`].
    Strict,
    /// Load through warnings (defects of the published files, each reported); stop at the
    /// first error (a malformed row) with [`Error::Import`].
    #[default]
    Standard,
    /// Skip what is bad, warnings and errors alike, load the rest, return every problem with
    /// the data.
    Lenient,
}

#[cfg(feature = "import")]
/// Imported data with the problems met on the way (always empty in strict mode; only
/// warnings in standard mode).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported<T> {
    /// The data.
    pub data: T,
    /// The problems, in the order met.
    pub problems: Vec<ImportProblem>,
}

#[cfg(feature = "import")]
impl<T> Imported<T> {
    /// The number of problems of `severity`.
    pub fn count(&self, severity: ProblemSeverity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// The report of one importer run that wrote a bundle (`attesta framework import --json`,
/// schema `import-report`): what the bundle holds and every problem met on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportReport {
    /// The bundle written.
    pub bundle: BundleInfo,
    /// How the importer treated problems.
    pub mode: ImportMode,
    /// How many problems are warnings (defects of the published files, left out).
    pub warnings: usize,
    /// How many problems are errors (malformed rows, skipped in lenient mode).
    pub errors: usize,
    /// The problems, in the order met.
    pub problems: Vec<ImportProblem>,
}

impl ImportReport {
    /// The report of a run in `mode` that wrote `bundle` and met `problems`.
    pub fn new(bundle: BundleInfo, mode: ImportMode, problems: Vec<ImportProblem>) -> Self {
        let warnings = problems
            .iter()
            .filter(|p| p.severity == ProblemSeverity::Warning)
            .count();
        ImportReport {
            bundle,
            mode,
            warnings,
            errors: problems.len() - warnings,
            problems,
        }
    }
}

#[cfg(feature = "import")]
/// A set of named source files. `Sync`: an importer may read several files at once (the
/// ESCO importer, with feature `parallel`, reads the relation files in a second thread).
pub trait ImportSource: Sync {
    /// Opens the file `name` (a relative path with `/`, e.g. `relations/skillSkillRelations.csv`).
    ///
    /// # Errors
    /// When the file exists but cannot be opened. A missing file is `Ok(None)`.
    fn open(&self, name: &str) -> std::io::Result<Option<Box<dyn Read + '_>>>;

    /// The bytes of the file `name` when the source already holds them in memory (then the
    /// importers parse them in place, copying nothing). `None`, the default, makes the importers
    /// read [`ImportSource::open`] in chunks of a few hundred kilobytes: memory stays small
    /// whatever the file's size, and each chunk is parsed while it is still in the cache.
    fn held(&self, name: &str) -> Option<&[u8]> {
        let _ = name;
        None
    }
}

#[cfg(feature = "import")]
/// Source files held in memory: for tests, and for callers that already have the bytes.
#[derive(Debug, Clone, Default)]
pub struct MemoryFiles {
    files: BTreeMap<String, Vec<u8>>,
}

#[cfg(feature = "import")]
impl MemoryFiles {
    /// No files.
    pub fn new() -> Self {
        MemoryFiles::default()
    }

    /// Adds (or replaces) a file.
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(name.into(), bytes.into());
        self
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(name.into(), bytes.into());
    }

    /// Every file under `root`, recursively, named by its path relative to `root` with `/`
    /// separators (as [`DirFiles`] names them), so an import from memory sees the same names as
    /// one from the folder (feature `fs`).
    ///
    /// # Errors
    /// The first IO error met while listing or reading.
    #[cfg(feature = "fs")]
    pub fn from_dir(root: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let root = root.as_ref();
        let mut files = MemoryFiles::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let name = relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(name, std::fs::read(&path)?);
            }
        }
        Ok(files)
    }

    /// The names of the files held, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The total size of the files held, in bytes.
    pub fn total_len(&self) -> u64 {
        self.files.values().map(|bytes| bytes.len() as u64).sum()
    }
}

#[cfg(feature = "import")]
impl ImportSource for MemoryFiles {
    fn open(&self, name: &str) -> std::io::Result<Option<Box<dyn Read + '_>>> {
        Ok(self
            .files
            .get(name)
            .map(|bytes| Box::new(bytes.as_slice()) as Box<dyn Read + '_>))
    }

    fn held(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }
}

/// Source files in a folder (feature `fs`).
#[cfg(all(feature = "import", feature = "fs"))]
#[derive(Debug, Clone)]
pub struct DirFiles {
    root: std::path::PathBuf,
}

#[cfg(all(feature = "import", feature = "fs"))]
impl DirFiles {
    /// The files under `root`.
    pub fn new(root: impl Into<std::path::PathBuf>) -> Self {
        DirFiles { root: root.into() }
    }
}

#[cfg(all(feature = "import", feature = "fs"))]
impl ImportSource for DirFiles {
    fn open(&self, name: &str) -> std::io::Result<Option<Box<dyn Read + '_>>> {
        match std::fs::File::open(self.root.join(name)) {
            Ok(file) => Ok(Some(Box::new(file))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(feature = "import")]
/// Collects problems according to the mode.
#[derive(Debug)]
pub(crate) struct Problems {
    mode: ImportMode,
    list: Vec<ImportProblem>,
}

#[cfg(feature = "import")]
impl Problems {
    pub(crate) fn new(mode: ImportMode) -> Self {
        Problems {
            mode,
            list: Vec::new(),
        }
    }

    /// Records a problem; returns it as the error that stops the import when the mode does not
    /// load through problems of its severity.
    pub(crate) fn report(&mut self, problem: ImportProblem) -> Result<()> {
        match (self.mode, problem.severity) {
            (ImportMode::Strict, _) | (ImportMode::Standard, ProblemSeverity::Error) => {
                Err(Error::Import(problem))
            }
            _ => {
                self.list.push(problem);
                Ok(())
            }
        }
    }

    /// Reports a warning: a defect of the published files that the importer handles.
    pub(crate) fn warn(
        &mut self,
        file: &str,
        line: u64,
        column: Option<u64>,
        reason: impl Into<String>,
    ) -> Result<()> {
        self.problem(
            file,
            (line, column),
            ProblemSeverity::Warning,
            reason.into(),
        )
    }

    /// Reports an error: a malformed row or file.
    pub(crate) fn at(
        &mut self,
        file: &str,
        line: u64,
        column: Option<u64>,
        reason: impl Into<String>,
    ) -> Result<()> {
        self.problem(file, (line, column), ProblemSeverity::Error, reason.into())
    }

    fn problem(
        &mut self,
        file: &str,
        (line, column): (u64, Option<u64>),
        severity: ProblemSeverity,
        reason: String,
    ) -> Result<()> {
        self.report(ImportProblem {
            file: file.to_owned(),
            line,
            column,
            severity,
            reason,
        })
    }

    pub(crate) fn finish<T>(self, data: T) -> Imported<T> {
        Imported {
            data,
            problems: self.list,
        }
    }
}

#[cfg(all(test, feature = "import", feature = "fs"))]
mod tests {
    use super::{ImportSource, MemoryFiles};

    /// A folder read into memory names its files as a `DirFiles` import would: relative, with
    /// `/` separators, nested folders included.
    #[test]
    fn memory_files_from_dir_uses_relative_slash_names() {
        let root = std::env::temp_dir().join(format!("attesta-from-dir-{}", std::process::id()));
        std::fs::create_dir_all(root.join("classification")).unwrap();
        std::fs::write(root.join("classification/skills_en.csv"), b"a,b\n").unwrap();
        std::fs::write(root.join("PROVENANCE.md"), b"# source\n").unwrap();
        let files = MemoryFiles::from_dir(&root).unwrap();
        std::fs::remove_dir_all(&root).unwrap();

        let names: Vec<&str> = files.names().collect();
        assert_eq!(names, ["PROVENANCE.md", "classification/skills_en.csv"]);
        assert_eq!(files.total_len(), 13);
        let bytes = files.held("classification/skills_en.csv");
        assert_eq!(bytes, Some(&b"a,b\n"[..]));
    }

    #[test]
    fn memory_files_from_missing_dir_is_an_io_error() {
        let missing = std::env::temp_dir().join("attesta-no-such-folder-for-from-dir");
        let err = MemoryFiles::from_dir(missing).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    }
}
