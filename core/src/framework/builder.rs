//! One way to build the frameworks a command or an API call uses: [`FrameworkSetBuilder`].
//!
//! It starts from the built-in sample (`attesta::builtin`), adds sources — bundle bytes
//! (`.attb`: a repertoire, ESCO or a classification), framework JSON, overlay JSON, a titolare
//! profile (the procedure rules new cases take; at most one, else the bundled Tuscan one), and with
//! feature `fs` files — each with a label (its path) for messages, and builds [`Frameworks`]:
//! the [`FrameworkSet`] that validation, cases, gap analysis, search and the document check
//! take, the ESCO taxonomy and classifications that search and matching use, and notices.
//!
//! - A loaded framework with the id of the built-in sample **replaces** it; the result carries
//!   a [`FrameworkNotice::ReplacesBundled`] saying so.
//! - Two user-supplied frameworks (or two ESCO releases, or two classifications of the same
//!   scheme) with the same id are [`FrameworkSetError::Duplicate`], naming both sources.
//! - Overlays are applied, in the order given, after all frameworks are loaded, whatever the
//!   order of the sources (see [`FrameworkOverlay`] for the conflict rules).

use std::sync::Arc;

use serde_json::Value;

use super::{
    Classification, EscoTaxonomy, Framework, FrameworkOverlay, FrameworkSet, OverlayError,
};
use crate::bundle::Bundle;
use crate::error::Error;
use crate::procedure::TitolareProfile;

/// The label of the built-in sample in messages.
pub const BUILTIN_LABEL: &str = "the built-in sample";

/// Why a set of frameworks cannot be built. Messages name the sources by their labels.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FrameworkSetError {
    /// Two user-supplied sources hold a framework (or ESCO, or classification) with one id.
    #[error("framework '{id}' is loaded twice: from {first} and from {second}")]
    Duplicate {
        /// The id (`esco` for ESCO, the scheme for a classification).
        id: String,
        /// The first source's label.
        first: String,
        /// The second source's label.
        second: String,
    },
    /// A source cannot be read or decoded.
    #[error("{label}: {error}")]
    Source {
        /// The source's label.
        label: String,
        /// What is wrong.
        error: Error,
    },
    /// An overlay names a framework that is not loaded.
    #[error("{label}: the overlay extends '{framework}', which is not loaded")]
    OverlayTarget {
        /// The overlay's label.
        label: String,
        /// The framework it names.
        framework: String,
    },
    /// An overlay cannot be applied.
    #[error("{label}: {error}")]
    Overlay {
        /// The overlay's label.
        label: String,
        /// What is wrong.
        error: OverlayError,
    },
}

/// Something the caller should tell the user about the frameworks loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameworkNotice {
    /// A loaded framework replaces the built-in sample with the same id.
    ReplacesBundled {
        /// The framework id.
        id: String,
        /// The label of the source that replaces it.
        source: String,
        /// The version of the loaded framework.
        version: String,
    },
    /// An overlay was applied.
    OverlayApplied {
        /// The overlay's label.
        source: String,
        /// The framework it extends.
        framework: String,
        /// The framework's version after the overlay.
        version: String,
    },
}

impl std::fmt::Display for FrameworkNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameworkNotice::ReplacesBundled {
                id,
                source,
                version,
            } => write!(
                f,
                "framework '{id}' from {source} (version '{version}') replaces {BUILTIN_LABEL}"
            ),
            FrameworkNotice::OverlayApplied {
                source,
                framework,
                version,
            } => write!(
                f,
                "overlay {source} applied to '{framework}' (now version '{version}')"
            ),
        }
    }
}

/// The frameworks a command or API call uses.
#[derive(Debug, Clone)]
pub struct Frameworks {
    set: Arc<FrameworkSet>,
    esco: Option<Arc<EscoTaxonomy>>,
    classifications: Vec<Arc<Classification>>,
    notices: Vec<FrameworkNotice>,
}

impl Frameworks {
    /// The repertoires (what validation, cases, gap analysis and the document check take).
    pub fn set(&self) -> &Arc<FrameworkSet> {
        &self.set
    }

    /// The ESCO release, when one was loaded.
    pub fn esco(&self) -> Option<&Arc<EscoTaxonomy>> {
        self.esco.as_ref()
    }

    /// The classifications loaded (e.g. ISTAT CP2021).
    pub fn classifications(&self) -> &[Arc<Classification>] {
        &self.classifications
    }

    /// What the user should be told (replacements of the built-in sample, overlays applied).
    pub fn notices(&self) -> &[FrameworkNotice] {
        &self.notices
    }
}

/// Builds [`Frameworks`] from the built-in sample and the sources added.
#[derive(Debug, Clone)]
pub struct FrameworkSetBuilder {
    start_from_builtin: bool,
    frameworks: Vec<(String, Framework)>,
    overlays: Vec<(String, FrameworkOverlay)>,
    esco: Option<(String, Arc<EscoTaxonomy>)>,
    classifications: Vec<(String, Arc<Classification>)>,
    /// The titolare profile (procedure rules), when one was added.
    profile: Option<(String, Arc<TitolareProfile>)>,
    /// The first duplicate id seen, with both labels (reported by `build`).
    duplicate: Option<(String, String, String)>,
}

impl Default for FrameworkSetBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameworkSetBuilder {
    /// A builder that starts from the built-in sample.
    pub fn new() -> Self {
        FrameworkSetBuilder {
            start_from_builtin: true,
            frameworks: Vec::new(),
            overlays: Vec::new(),
            esco: None,
            classifications: Vec::new(),
            profile: None,
            duplicate: None,
        }
    }

    /// A builder that starts from nothing (the built-in sample is not included).
    pub fn empty() -> Self {
        FrameworkSetBuilder {
            start_from_builtin: false,
            ..Self::new()
        }
    }

    /// Adds a framework; `label` names its source in messages.
    #[must_use]
    pub fn framework(mut self, label: impl Into<String>, framework: Framework) -> Self {
        let label = label.into();
        if let Some((first, _)) = self.frameworks.iter().find(|(_, f)| f.id == framework.id) {
            self.note_duplicate(&framework.id, first.clone(), label.clone());
        }
        self.frameworks.push((label, framework));
        self
    }

    /// Adds an overlay; overlays are applied in the order added, after every framework.
    #[must_use]
    pub fn overlay(mut self, label: impl Into<String>, overlay: FrameworkOverlay) -> Self {
        self.overlays.push((label.into(), overlay));
        self
    }

    /// Adds an ESCO release (search and matching use it).
    #[must_use]
    pub fn esco(mut self, label: impl Into<String>, esco: impl Into<Arc<EscoTaxonomy>>) -> Self {
        let label = label.into();
        if let Some((first, _)) = &self.esco {
            self.note_duplicate("esco", first.clone(), label.clone());
        }
        self.esco = Some((label, esco.into()));
        self
    }

    /// Adds a classification (e.g. ISTAT CP2021; search uses it).
    #[must_use]
    pub fn classification(
        mut self,
        label: impl Into<String>,
        classification: Classification,
    ) -> Self {
        let label = label.into();
        if let Some((first, _)) = self
            .classifications
            .iter()
            .find(|(_, c)| c.scheme == classification.scheme)
        {
            self.note_duplicate(&classification.scheme, first.clone(), label.clone());
        }
        self.classifications.push((label, Arc::new(classification)));
        self
    }

    /// Adds the titolare profile whose procedure rules new cases take (at most one; without
    /// it the built-in profile of Regione Toscana applies).
    #[must_use]
    pub fn profile(mut self, label: impl Into<String>, profile: TitolareProfile) -> Self {
        let label = label.into();
        if let Some((first, _)) = &self.profile {
            self.note_duplicate("titolare_profile", first.clone(), label.clone());
        }
        self.profile = Some((label, Arc::new(profile)));
        self
    }

    /// Adds a bundle (`.attb`) of any kind from its bytes.
    ///
    /// # Errors
    /// [`FrameworkSetError::Source`] when the bytes are not a usable bundle.
    pub fn bundle_bytes(
        self,
        label: impl Into<String>,
        bytes: Vec<u8>,
    ) -> Result<Self, FrameworkSetError> {
        let label = label.into();
        match Bundle::from_vec(bytes) {
            Ok(bundle) => Ok(self.bundle(label, bundle)),
            Err(error) => Err(FrameworkSetError::Source { label, error }),
        }
    }

    /// Adds a decoded bundle (a repertoire, ESCO or a classification).
    fn bundle(self, label: String, bundle: Bundle) -> Self {
        match bundle {
            Bundle::Framework(f) => self.framework(label, f),
            Bundle::Esco(e) => self.esco(label, e),
            Bundle::Classification(c) => self.classification(label, c),
        }
    }

    /// Adds a framework, an overlay or a titolare profile given as JSON
    /// (`data/schemas/framework.json`, `data/schemas/framework-overlay.json`,
    /// `data/schemas/titolare-profile.json`); an object with `extends` is an overlay, one with
    /// `procedure` a profile.
    ///
    /// # Errors
    /// [`FrameworkSetError::Source`] when the text is not one of the two documents.
    pub fn json(self, label: impl Into<String>, text: &str) -> Result<Self, FrameworkSetError> {
        let label = label.into();
        let fail = |error| FrameworkSetError::Source {
            label: label.clone(),
            error,
        };
        let value: Value = serde_json::from_str(text).map_err(|e| fail(Error::from_json(&e)))?;
        let Value::Object(object) = &value else {
            return Err(fail(Error::WrongTopLevelType {
                expected: "object",
                found: "another type",
            }));
        };
        if object.contains_key("procedure") {
            let profile = TitolareProfile::from_value(value).map_err(fail)?;
            Ok(self.profile(label, profile))
        } else if object.contains_key("extends") {
            let overlay: FrameworkOverlay = decode(value, "overlay").map_err(fail)?;
            Ok(self.overlay(label, overlay))
        } else {
            let framework: Framework = decode(value, "framework").map_err(fail)?;
            if framework.schema_version != "1" && !framework.schema_version.starts_with("1.") {
                return Err(fail(Error::UnsupportedSchemaVersion {
                    found: Some(framework.schema_version.chars().take(16).collect()),
                    supported: "1.x",
                }));
            }
            Ok(self.framework(label, framework))
        }
    }

    /// Adds a file: a bundle (recognised by its magic bytes) or framework/overlay/profile JSON; its
    /// path is its label.
    ///
    /// # Errors
    /// [`FrameworkSetError::Source`] when the file cannot be read or used.
    #[cfg(feature = "fs")]
    pub fn file(self, path: &std::path::Path) -> Result<Self, FrameworkSetError> {
        let label = path.display().to_string();
        let fail = |error| FrameworkSetError::Source {
            label: label.clone(),
            error,
        };
        if starts_with_magic(path).map_err(fail)? {
            // Header first: the declared length is checked against the file before the body
            // is read (see `Bundle::read_file`).
            let (_, bundle) =
                Bundle::read_file(path, crate::bundle::DEFAULT_MAX_BUNDLE_SIZE).map_err(fail)?;
            return Ok(self.bundle(label, bundle));
        }
        let bytes = crate::io::read_file_limited(path, MAX_JSON_SOURCE_BYTES).map_err(fail)?;
        match String::from_utf8(bytes) {
            Ok(text) => self.json(label, &text),
            Err(_) => Err(fail(Error::InvalidFramework(
                "neither an Attesta bundle nor UTF-8 JSON".to_owned(),
            ))),
        }
    }

    fn note_duplicate(&mut self, id: &str, first: String, second: String) {
        self.duplicate.get_or_insert((id.to_owned(), first, second));
    }

    /// Builds the frameworks: the built-in sample (unless replaced), the frameworks added,
    /// then the overlays.
    ///
    /// # Errors
    /// [`FrameworkSetError::Duplicate`] for two user-supplied sources with one id,
    /// [`FrameworkSetError::Overlay`]/[`FrameworkSetError::OverlayTarget`] for an overlay that
    /// cannot be applied, [`FrameworkSetError::Source`] for an inconsistent framework.
    pub fn build(self) -> Result<Frameworks, FrameworkSetError> {
        if let Some((id, first, second)) = self.duplicate {
            return Err(FrameworkSetError::Duplicate { id, first, second });
        }
        let mut notices = Vec::new();
        let mut all: Vec<(String, Framework)> = Vec::new();
        if self.start_from_builtin {
            // By id, so that the built-in sample is decoded only when one of its frameworks is
            // kept: a page loading the full Tuscan repertoire replaces it, and its first load
            // would otherwise decode the sample only to drop it.
            for id in crate::builtin::FRAMEWORK_IDS {
                if let Some((source, g)) = self.frameworks.iter().find(|(_, g)| g.id == *id) {
                    notices.push(FrameworkNotice::ReplacesBundled {
                        id: (*id).to_owned(),
                        source: source.clone(),
                        version: g.version.clone(),
                    });
                } else if let Some(f) = crate::builtin::frameworks()
                    .frameworks()
                    .iter()
                    .find(|f| f.id == *id)
                {
                    all.push((BUILTIN_LABEL.to_owned(), f.clone()));
                }
            }
        }
        all.extend(self.frameworks);
        for (label, overlay) in &self.overlays {
            let Some((_, target)) = all.iter_mut().find(|(_, f)| f.id == overlay.extends) else {
                return Err(FrameworkSetError::OverlayTarget {
                    label: label.clone(),
                    framework: overlay.extends.clone(),
                });
            };
            overlay
                .apply(target)
                .map_err(|error| FrameworkSetError::Overlay {
                    label: label.clone(),
                    error,
                })?;
            notices.push(FrameworkNotice::OverlayApplied {
                source: label.clone(),
                framework: target.id.clone(),
                version: target.version.clone(),
            });
        }
        let mut set = FrameworkSet::new();
        for (label, framework) in all {
            set.insert(framework)
                .map_err(|error| FrameworkSetError::Source { label, error })?;
        }
        if let Some((_, profile)) = self.profile {
            set.set_titolare_profile(profile);
        }
        Ok(Frameworks {
            set: Arc::new(set),
            esco: self.esco.map(|(_, e)| e),
            classifications: self.classifications.into_iter().map(|(_, c)| c).collect(),
            notices,
        })
    }
}

/// Decodes a framework or an overlay, naming the field that does not fit (never its value).
fn decode<T: serde::de::DeserializeOwned>(value: Value, what: &str) -> Result<T, Error> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        let reason = match message.split_once(':') {
            Some((head, _))
                if message.starts_with("invalid value") || message.starts_with("invalid type") =>
            {
                head.to_owned()
            }
            _ => message,
        };
        Error::InvalidFramework(format!("not a {what} document: at '{path}': {reason}"))
    })
}

/// The largest framework or overlay JSON file read (256 MiB; a whole regional repertoire is a
/// few MB). Bundles have their own limit, checked header first.
#[cfg(feature = "fs")]
const MAX_JSON_SOURCE_BYTES: usize = 256 << 20;

/// Whether the file at `path` starts with the bundle magic bytes (reads at most 8 bytes).
#[cfg(feature = "fs")]
fn starts_with_magic(path: &std::path::Path) -> Result<bool, Error> {
    use std::io::Read as _;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut prefix = Vec::with_capacity(crate::bundle::MAGIC.len());
    file.take(crate::bundle::MAGIC.len() as u64)
        .read_to_end(&mut prefix)
        .map_err(io)?;
    Ok(prefix == crate::bundle::MAGIC)
}
