//! `attesta.Frameworks`: the frameworks validation, cases, search, gap analysis and matching
//! run on, built as the core's `framework::FrameworkSetBuilder` builds them (the built-in
//! sample, then each source: an `.attb` bundle, framework, overlay or titolare-profile JSON),
//! with lookup, search, gap analysis and occupation matching (`crate::matching`) over them.
//!
//! The sources are kept (paths as paths, other sources as bytes) so that a pickled
//! `Frameworks` is rebuilt from them on load: a worker process gets the same frameworks
//! without the set itself crossing the process boundary.

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use attesta::framework::{FrameworkSetBuilder, Frameworks as CoreFrameworks};
use attesta::gap::{analyze_gap, GapInput};
use attesta::model::{CompetenceRecord, FrameworkRef};
use attesta::search::lookup::lookup_node_in;
use attesta::search::{
    EscoLabelSelection, FrameworkLabels, SearchIndex, SearchIndexBuilder, SearchOptions,
};

use crate::convert::{from_json_input, to_py, type_name};
use crate::errors::attesta_error;
use crate::validate::parse_options;

/// One source of a `Frameworks`, as given (a dict is kept as its JSON text).
#[derive(Clone)]
enum Source {
    /// A file: a bundle (by its magic bytes) or JSON.
    Path(PathBuf),
    /// Bundle bytes or JSON text.
    Bytes(Vec<u8>),
}

/// The frameworks loaded together: the built-in sample (unless `builtin=False`) and the
/// sources given, in order.
#[pyclass(module = "attesta", frozen)]
pub(crate) struct Frameworks {
    pub(crate) inner: CoreFrameworks,
    sources: Vec<Source>,
    builtin: bool,
    /// The label index of search and lookup, built on first use (ESCO makes it large).
    index: OnceLock<SearchIndex>,
    /// The occupation matchers of `match`, built on first use per language.
    pub(crate) matchers: crate::matching::Matchers,
}

#[pymethods]
impl Frameworks {
    /// Builds the frameworks: the built-in sample (unless `builtin` is false), then each
    /// source — a path (`str`/`os.PathLike`), bundle or JSON `bytes`, or a framework, overlay
    /// or titolare-profile `dict` — in order; overlays are applied after every framework.
    #[new]
    #[pyo3(signature = (sources = None, *, builtin = true))]
    fn new(py: Python<'_>, sources: Option<&Bound<'_, PyAny>>, builtin: bool) -> PyResult<Self> {
        let mut read = Vec::new();
        if let Some(sources) = sources {
            if sources.is_instance_of::<PyString>() || sources.is_instance_of::<PyBytes>() {
                return Err(PyTypeError::new_err(
                    "sources is a list of paths, bytes or dicts, not a single str or bytes",
                ));
            }
            for source in sources.try_iter()? {
                read.push(source_of(&source?)?);
            }
        }
        let inner = py
            .detach(|| build(&read, builtin))
            .map_err(|e| attesta_error(py, &e))?;
        Ok(Frameworks {
            inner,
            sources: read,
            builtin,
            index: OnceLock::new(),
            matchers: crate::matching::Matchers::default(),
        })
    }

    /// The same as `Frameworks(sources, builtin=builtin)`, named as the Rust builder's
    /// `build`.
    #[staticmethod]
    #[pyo3(signature = (sources = None, *, builtin = true))]
    fn load(py: Python<'_>, sources: Option<&Bound<'_, PyAny>>, builtin: bool) -> PyResult<Self> {
        Self::new(py, sources, builtin)
    }

    /// The ids of the repertoires loaded (e.g. `rrfp_toscana`).
    fn ids(&self) -> Vec<String> {
        self.inner
            .set()
            .frameworks()
            .iter()
            .map(|f| f.id.clone())
            .collect()
    }

    /// The repertoire `id` as loaded (overlays applied), as a dict (schema `framework`): its
    /// qualifications and UCs for tables and reports. Raises `AttestaError` of kind
    /// `unknown_framework` when no repertoire of that id is loaded.
    fn framework<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let found = self
            .inner
            .set()
            .frameworks()
            .iter()
            .find(|f| f.id == id)
            .ok_or_else(|| attesta_error(py, &attesta::Error::UnknownFramework(id.to_owned())))?;
        to_py(py, found)
    }

    /// What the user should be told about the frameworks loaded (a framework replacing the
    /// built-in sample, an overlay applied), as English sentences.
    fn notices(&self) -> Vec<String> {
        self.inner
            .notices()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// A `Validator` over these frameworks; the keyword arguments are its options.
    #[pyo3(signature = (**options))]
    fn validator(
        slf: &Bound<'_, Self>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<crate::validate::Validator> {
        crate::validate::Validator::with_frameworks(slf, options)
    }

    /// What a node is: a qualification, a UC or a code (`"SCHEME:CODE"` or a dict with
    /// `scheme` and `code`), as a dict (schema `node-lookup`). With `locale` (a language tag
    /// such as `"ar"`), titles are picked in that language where a framework has it, else along
    /// its fallback chain; each says its language (`title_lang`).
    #[pyo3(signature = (reference, *, locale = None))]
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        reference: &Bound<'py, PyAny>,
        locale: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let node = reference_of(py, reference)?;
        let index = self.index(py)?;
        let found = py.detach(|| {
            lookup_node_in(
                self.inner.set(),
                &node,
                Some(index),
                self.inner.esco().map(AsRef::as_ref),
                locale,
            )
        });
        to_py(py, &found)
    }

    /// The nodes whose labels match `text`, best first, as dicts (schema `search-results`);
    /// the keyword arguments are the search options (schema `search-options`), `locale=`
    /// among them: each node searched and shown in that language, or a fallback it says.
    #[pyo3(signature = (text, *, locale = None, **options))]
    fn search<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        locale: Option<String>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut options: SearchOptions = parse_options("search", options)?;
        // A keyword of its own: the option names `parse_options` knows are those the core
        // serializes by default, and an unset locale is not serialized.
        options.locale = locale;
        let index = self.index(py)?;
        let hits = py
            .detach(|| index.search(text, &options))
            .map_err(|e| attesta_error(py, &e))?;
        to_py(py, &hits)
    }

    /// How far a competence record (dict, JSON str or bytes) is from the `target`
    /// qualification, UC by UC, with `validated` the UCs already validated or certified; a
    /// dict (schema `gap-report`). `locale` asks the labels in a language, as for `lookup`.
    #[pyo3(signature = (record, target, *, validated = None, locale = None))]
    fn gap<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        target: &Bound<'py, PyAny>,
        validated: Option<&Bound<'py, PyAny>>,
        locale: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let record: CompetenceRecord = from_json_input(record, "a competence record")?;
        let target = reference_of(py, target)?;
        let mut done = Vec::new();
        if let Some(validated) = validated {
            for item in validated.try_iter()? {
                done.push(reference_of(py, &item?)?);
            }
        }
        let input = GapInput::from_record(&record, target, done).with_locale(locale);
        let set = self.inner.set();
        let report = py
            .detach(|| {
                analyze_gap(set, &input).map(|report| match self.inner.esco() {
                    Some(esco) => report.with_esco(set, esco),
                    None => report,
                })
            })
            .map_err(|e| attesta_error(py, &e))?;
        to_py(py, &report)
    }

    /// The ESCO occupations a profile matches, best first, as a dict (schema
    /// `occupation-matches`, what `attesta match --json` prints). `profile` is a skill profile
    /// `{"id", "skills"}` or a competence record (its ESCO claims and, from `cefr_min_level`,
    /// its languages; validated first: `ValidationError` when invalid); `language` the label
    /// language (default the ESCO bundle's first); the other keyword arguments the options of
    /// schema `match-options` (`limit`, `min_score`, `explain`).
    #[pyo3(name = "match", signature = (profile, *, language = None, cefr_min_level = None, **options))]
    fn match_profile<'py>(
        &self,
        py: Python<'py>,
        profile: &Bound<'py, PyAny>,
        language: Option<&str>,
        cefr_min_level: Option<&str>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::matching::match_one(py, self, profile, language, cefr_min_level, options)
    }

    /// `match` over many profiles: a list of dicts (schema `occupation-matches`) in input
    /// order, matched with the GIL released.
    #[pyo3(signature = (profiles, *, language = None, cefr_min_level = None, **options))]
    fn match_many<'py>(
        &self,
        py: Python<'py>,
        profiles: &Bound<'py, PyAny>,
        language: Option<&str>,
        cefr_min_level: Option<&str>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::matching::match_many(py, self, profiles, language, cefr_min_level, options)
    }

    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        let sources = PyList::empty(py);
        for source in &self.sources {
            match source {
                Source::Path(path) => sources.append(path)?,
                Source::Bytes(bytes) => sources.append(PyBytes::new(py, bytes))?,
            }
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("builtin", self.builtin)?;
        Ok((PyTuple::new(py, [sources])?, kwargs))
    }

    fn __repr__(&self) -> String {
        format!("<Frameworks {}>", self.ids().join(", "))
    }
}

impl Frameworks {
    /// The label index, built on first use.
    fn index(&self, py: Python<'_>) -> PyResult<&SearchIndex> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let index = py
            .detach(|| {
                let mut builder = SearchIndexBuilder::new();
                // The same sources, with the same selections, as `attesta search`.
                if let Some(esco) = self.inner.esco() {
                    builder.add_esco(esco, &EscoLabelSelection::default());
                }
                for c in self.inner.classifications() {
                    builder.add_classification(c, "it", false);
                }
                for f in self.inner.set().frameworks() {
                    builder.add_framework(f, &FrameworkLabels::default());
                }
                builder.build()
            })
            .map_err(|e| attesta_error(py, &e))?;
        Ok(self.index.get_or_init(|| index))
    }
}

/// Reads one source argument.
fn source_of(source: &Bound<'_, PyAny>) -> PyResult<Source> {
    if let Ok(bytes) = source.cast::<PyBytes>() {
        return Ok(Source::Bytes(bytes.as_bytes().to_vec()));
    }
    if source.is_instance_of::<PyDict>() {
        let input = crate::convert::record_input(source, attesta::DEFAULT_MAX_DEPTH)?;
        return Ok(Source::Bytes(input.into_owned()));
    }
    source.extract::<PathBuf>().map(Source::Path).map_err(|_| {
        PyTypeError::new_err(format!(
            "a framework source is a path, bytes or a dict, not {}",
            type_name(source)
        ))
    })
}

/// Builds the frameworks from the sources, labelled by path or by position.
fn build(sources: &[Source], builtin: bool) -> Result<CoreFrameworks, attesta::Error> {
    let mut builder = if builtin {
        FrameworkSetBuilder::new()
    } else {
        FrameworkSetBuilder::empty()
    };
    for (i, source) in sources.iter().enumerate() {
        builder = match source {
            Source::Path(path) => builder.file(path)?,
            Source::Bytes(bytes) => {
                let label = format!("source {}", i + 1);
                if bytes.starts_with(&attesta::bundle::MAGIC) {
                    builder.bundle_bytes(label, bytes.clone())?
                } else {
                    let text = std::str::from_utf8(bytes).map_err(|_| {
                        attesta::Error::InvalidFramework(format!(
                            "{label}: neither an Attesta bundle nor UTF-8 JSON"
                        ))
                    })?;
                    builder.json(label, text)?
                }
            }
        };
    }
    Ok(builder.build()?)
}

/// A node reference: `"SCHEME:CODE"` or a dict `{"scheme", "code"}`.
pub(crate) fn reference_of(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<FrameworkRef> {
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_str()?;
        return text
            .split_once(':')
            .map(|(scheme, code)| FrameworkRef::new(scheme.trim(), code.trim()))
            .ok_or_else(|| {
                attesta_error(
                    py,
                    &attesta::Error::InvalidInput(
                        "a node reference is 'SCHEME:CODE', e.g. rrfp_toscana.unit:2263".to_owned(),
                    ),
                )
            });
    }
    if value.is_instance_of::<PyDict>() {
        return from_json_input(value, "a node reference {scheme, code}");
    }
    Err(PyTypeError::new_err(format!(
        "a node reference is 'SCHEME:CODE' or a dict, not {}",
        type_name(value)
    )))
}
