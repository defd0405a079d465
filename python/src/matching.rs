//! `Frameworks.match` and `Frameworks.match_many`: the ESCO occupations a person's skills fit,
//! ranked by the core's `matching::OccupationMatcher`, as the JSON `attesta match --json`
//! prints (schema `occupation-matches`).
//!
//! A profile is a skill profile (`{"id", "skills"}`, schema `skill-profile`) or a competence
//! record, which contributes, as in the CLI, the ESCO skills of its claims and the ESCO language
//! skills of its languages from `cefr_min_level` (`matching::CefrCrosswalk`). A record is
//! validated first against the same frameworks: an invalid one raises `ValidationError`,
//! because matching on claims the validator rejects would rank occupations on wrong data.

use std::sync::{Arc, Mutex, PoisonError};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use attesta::framework::EscoTaxonomy;
use attesta::matching::{CefrCrosswalk, MatchOptions, OccupationMatcher, SkillProfile};
use attesta::model::{CefrLevel, CompetenceRecord};
use attesta::{Error, ValidationOptions};

use crate::convert::{from_json_bytes, record_input, to_py};
use crate::errors::{attesta_error, validation_error};
use crate::frameworks::Frameworks;
use crate::report::Report;
use crate::validate::parse_options;

/// The matchers built so far, one per label language: building one scans every
/// occupation-skill relation of ESCO, so it is done once per `Frameworks` and language.
#[derive(Default)]
pub(crate) struct Matchers(Mutex<Vec<(String, Arc<OccupationMatcher>)>>);

impl Matchers {
    /// The matcher with labels in `language`, built on first use.
    fn get(&self, esco: &EscoTaxonomy, language: &str) -> Result<Arc<OccupationMatcher>, Error> {
        // A poisoned lock only means another thread panicked while building: the list itself
        // is still consistent (entries are pushed whole).
        let mut built = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, matcher)) = built.iter().find(|(lang, _)| lang == language) {
            return Ok(Arc::clone(matcher));
        }
        let matcher = Arc::new(OccupationMatcher::new(esco, language)?);
        built.push((language.to_owned(), Arc::clone(&matcher)));
        Ok(matcher)
    }
}

/// What every match call needs: the matcher, the options and the crosswalk of records'
/// languages.
struct Setup {
    matcher: Arc<OccupationMatcher>,
    options: MatchOptions,
    crosswalk: CefrCrosswalk,
}

/// Reads the arguments common to `match` and `match_many`.
fn setup(
    py: Python<'_>,
    frameworks: &Frameworks,
    language: Option<&str>,
    cefr_min_level: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Setup> {
    let options: MatchOptions = parse_options("match", options)?;
    let esco = frameworks.inner.esco().ok_or_else(|| {
        attesta_error(
            py,
            &Error::InvalidOptions(
                "no ESCO bundle loaded: give one among the sources of Frameworks".to_owned(),
            ),
        )
    })?;
    // Default: the language that defines the concepts (the first the bundle was imported with).
    let language = language
        .or_else(|| esco.languages().first().map(String::as_str))
        .unwrap_or("en");
    let level = match cefr_min_level {
        None => CefrLevel::A2,
        Some(text) => {
            serde_json::from_value(Value::String(text.to_ascii_uppercase())).map_err(|_| {
                attesta_error(
                    py,
                    &Error::InvalidOptions(
                        "cefr_min_level is a CEFR level: A1, A2, B1, B2, C1 or C2".to_owned(),
                    ),
                )
            })?
        }
    };
    let matcher = py
        .detach(|| frameworks.matchers.get(esco, language))
        .map_err(|e| attesta_error(py, &e))?;
    Ok(Setup {
        matcher,
        options,
        crosswalk: CefrCrosswalk::new(esco).with_min_level(level),
    })
}

/// The skill profile of one argument: a profile, or a competence record (validated first).
fn profile_of(
    py: Python<'_>,
    frameworks: &Frameworks,
    crosswalk: &CefrCrosswalk,
    value: &Bound<'_, PyAny>,
) -> PyResult<SkillProfile> {
    let input = record_input(value, attesta::DEFAULT_MAX_DEPTH)?;
    let bytes = input.bytes();
    let json: Value = from_json_bytes(py, bytes, "a skill profile")?;
    let is_record = json
        .as_object()
        .is_some_and(|o| o.contains_key("schema_version"));
    if !is_record {
        return serde_json::from_value(json).map_err(|_| {
            attesta_error(
                py,
                &Error::InvalidInput(
                    "not a skill profile {\"id\", \"skills\"} nor a competence record".to_owned(),
                ),
            )
        });
    }
    let validator = ValidationOptions::default()
        .build_with(frameworks.inner.set().clone())
        .map_err(|e| attesta_error(py, &e))?;
    let report = py
        .detach(|| validator.validate_slice(bytes))
        .map_err(|e| attesta_error(py, &e))?;
    if !report.valid {
        let report = Bound::new(py, Report { inner: report })?;
        return Err(validation_error(py, report.into_any()));
    }
    let record: CompetenceRecord = serde_json::from_value(json).map_err(|_| {
        attesta_error(
            py,
            &Error::InvalidInput("not a competence record".to_owned()),
        )
    })?;
    Ok(crosswalk.profile_of(&record))
}

/// `Frameworks.match`: the occupations one profile matches, best first.
pub(crate) fn match_one<'py>(
    py: Python<'py>,
    frameworks: &Frameworks,
    profile: &Bound<'py, PyAny>,
    language: Option<&str>,
    cefr_min_level: Option<&str>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let setup = setup(py, frameworks, language, cefr_min_level, options)?;
    let profile = profile_of(py, frameworks, &setup.crosswalk, profile)?;
    let matcher = &setup.matcher;
    let ranked = py
        .detach(|| matcher.match_profile(&profile, &setup.options))
        .map_err(|e| attesta_error(py, &e))?;
    to_py(py, &ranked)
}

/// `Frameworks.match_many`: the matches of every profile, in order. The profiles are read
/// first (each is a Python object), then matched together with the GIL released.
pub(crate) fn match_many<'py>(
    py: Python<'py>,
    frameworks: &Frameworks,
    profiles: &Bound<'py, PyAny>,
    language: Option<&str>,
    cefr_min_level: Option<&str>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let setup = setup(py, frameworks, language, cefr_min_level, options)?;
    let mut read = Vec::new();
    for profile in profiles.try_iter()? {
        read.push(profile_of(py, frameworks, &setup.crosswalk, &profile?)?);
    }
    let matcher = &setup.matcher;
    let mut results = Vec::with_capacity(read.len());
    py.detach(|| matcher.match_batch(read, &setup.options, |m| results.push(m)))
        .map_err(|e| attesta_error(py, &e))?;
    let list = PyList::empty(py);
    for ranked in &results {
        list.append(to_py(py, ranked)?)?;
    }
    Ok(list)
}
