//! The frameworks every command loads, the same way: the built-in sample, then the files of
//! the environment variable `ATTESTA_BUNDLES` (`:`-separated), then each `--bundle FILE`
//! (an `.attb` bundle of a repertoire, ESCO or a classification, framework/overlay JSON, or a
//! titolare profile JSON with the procedure rules new cases take).
//!
//! A framework with the built-in sample's id replaces it, which is said on standard error;
//! two user-supplied frameworks with one id are an error naming both files.

use crate::failure::Failure;
use std::path::PathBuf;

use attesta::framework::{FrameworkSetBuilder, Frameworks};

/// The environment variable with the default framework files, `:`-separated.
pub(crate) const ENV_BUNDLES: &str = "ATTESTA_BUNDLES";

/// The shared `--bundle` option.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct FrameworkArgs {
    /// Frameworks to load: `.attb` bundles (a repertoire, ESCO, CP2021), framework/overlay
    /// JSON, or a titolare profile JSON (repeatable; after the files of `ATTESTA_BUNDLES`). A
    /// repertoire with the built-in sample's id replaces it.
    #[arg(long = "bundle", value_name = "FILE", global = false)]
    pub(crate) bundles: Vec<PathBuf>,
}

impl FrameworkArgs {
    /// The files to load, in order: `ATTESTA_BUNDLES`, then `--bundle`.
    pub(crate) fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::env::var_os(ENV_BUNDLES)
            .map(|value| {
                std::env::split_paths(&value)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default();
        files.extend(self.bundles.iter().cloned());
        files
    }

    /// Loads the frameworks, printing the notices (replacements, overlays) on standard error.
    ///
    /// # Errors
    /// Why the frameworks cannot be loaded (the message names the file).
    pub(crate) fn load(&self) -> Result<Frameworks, Failure> {
        let mut builder = FrameworkSetBuilder::new();
        for path in self.files() {
            builder = builder.file(&path)?;
        }
        let frameworks = builder.build()?;
        for notice in frameworks.notices() {
            eprintln!("attesta: note: {notice}");
        }
        Ok(frameworks)
    }
}
