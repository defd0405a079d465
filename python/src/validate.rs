//! `attesta.Validator`: options checked once, then any number of records validated.
//!
//! Options are the core's `ValidationOptions`, taken as keyword arguments and decoded with
//! serde, so a new option of the core is accepted here without a change. A record is a dict,
//! a JSON str or JSON bytes; the GIL is released while the core validates it.

use std::path::PathBuf;

use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use serde_json::{Map, Value};

use attesta::{Error, ValidationOptions};

use crate::batch::ReportIterator;
use crate::convert::{option_json, record_input, type_name, value_to_py};
use crate::errors::{attesta_error, validation_error};
use crate::frameworks::Frameworks;
use crate::report::Report;

/// A reusable validator over the built-in frameworks, or over a `Frameworks` given as
/// `frameworks=` (kept, so that pickling rebuilds the validator over the same frameworks).
#[pyclass(module = "attesta", frozen)]
pub(crate) struct Validator {
    pub(crate) inner: attesta::Validator,
    frameworks: Option<Py<Frameworks>>,
}

#[pymethods]
impl Validator {
    /// Builds a validator; `frameworks` (a `Frameworks`, default the built-in sample) are
    /// the repertoires it checks claims against, the other keyword arguments the options of
    /// `data/schemas/validation-options.json`.
    #[new]
    #[pyo3(signature = (**options))]
    fn new(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let Some(options) = options else {
            return Self::build(py, None, None);
        };
        let options = options.copy()?;
        let frameworks = match options.get_item("frameworks")? {
            Some(value) if !value.is_none() => {
                let frameworks = value.cast::<Frameworks>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "frameworks is an attesta.Frameworks, not {}",
                        type_name(&value)
                    ))
                })?;
                Some(frameworks.clone().unbind())
            }
            _ => None,
        };
        options.del_item("frameworks").ok();
        Self::build(py, frameworks, Some(&options))
    }

    /// The frameworks given, or `None` for the built-in sample.
    #[getter]
    fn frameworks(&self, py: Python<'_>) -> Option<Py<Frameworks>> {
        self.frameworks.as_ref().map(|f| f.clone_ref(py))
    }

    /// The options in effect, as a dict (every option, defaults included).
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(self.inner.options())
            .map_err(|_| PyRuntimeError::new_err("options could not be serialized"))?;
        value_to_py(py, &value)
    }

    /// Validates one record (dict, JSON str or JSON bytes).
    fn validate(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<Report> {
        self.report(py, record)
    }

    /// Whether a record is valid (`False` also when it cannot be evaluated).
    fn is_valid(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<bool> {
        let input = record_input(record, self.inner.options().max_depth)?;
        let outcome = py.detach(|| self.inner.validate_slice(input.bytes()));
        Ok(outcome.is_ok_and(|report| report.valid))
    }

    /// Validates one record and returns its report when valid; raises `ValidationError`
    /// (carrying the report) when invalid.
    fn check(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<Report> {
        let report = self.report(py, record)?;
        if report.inner.valid {
            return Ok(report);
        }
        Err(validation_error(py, Bound::new(py, report)?.into_any()))
    }

    /// Validates the record in a file, read within `max_size`.
    // pyo3 extracts `str`/`os.PathLike` arguments as an owned `PathBuf`.
    #[allow(clippy::needless_pass_by_value)]
    fn validate_file(&self, py: Python<'_>, path: PathBuf) -> PyResult<Report> {
        let limit = self.inner.options().max_size;
        let outcome = py.detach(|| {
            attesta::io::read_file_limited(&path, limit)
                .and_then(|bytes| self.inner.validate_slice(&bytes))
        });
        outcome
            .map(|inner| Report { inner })
            .map_err(|e| attesta_error(py, &e))
    }

    /// Validates many records on all cores, yielding, in order, a `Report` or an
    /// `AttestaError` (not raised) for each.
    fn validate_many(&self, records: &Bound<'_, PyAny>) -> PyResult<ReportIterator> {
        ReportIterator::over_records(self.inner.clone(), records)
    }

    /// Validates a JSON Lines file, one record a line, streamed on all cores; yields as
    /// `validate_many` does.
    fn validate_jsonl(&self, path: PathBuf) -> PyResult<ReportIterator> {
        ReportIterator::over_jsonl(self.inner.clone(), path)
    }

    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyAny>)> {
        let options = self.options(py)?;
        if let Some(frameworks) = &self.frameworks {
            options.set_item("frameworks", frameworks.clone_ref(py))?;
        }
        Ok((PyTuple::empty(py), options))
    }

    fn __repr__(&self) -> String {
        let options = serde_json::to_string(self.inner.options()).unwrap_or_default();
        format!("<Validator {options}>")
    }
}

impl Validator {
    /// A validator over `frameworks` (`Frameworks.validator`).
    pub(crate) fn with_frameworks(
        frameworks: &Bound<'_, Frameworks>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        Self::build(frameworks.py(), Some(frameworks.clone().unbind()), options)
    }

    fn build(
        py: Python<'_>,
        frameworks: Option<Py<Frameworks>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options: ValidationOptions = parse_options("Validator", options)?;
        let built = match &frameworks {
            Some(f) => options.build_with(f.get().inner.set().clone()),
            None => options.build(),
        };
        built
            .map(|inner| Validator { inner, frameworks })
            .map_err(|e| attesta_error(py, &e))
    }

    fn report(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<Report> {
        let input = record_input(record, self.inner.options().max_depth)?;
        py.detach(|| self.inner.validate_slice(input.bytes()))
            .map(|inner| Report { inner })
            .map_err(|e| attesta_error(py, &e))
    }
}

/// The options of the keyword arguments: unknown names are a `TypeError` (as for any Python
/// function), values the core does not accept an `AttestaError` of kind `invalid_options`.
pub(crate) fn parse_options<T>(class: &str, options: Option<&Bound<'_, PyDict>>) -> PyResult<T>
where
    T: Default + serde::Serialize + serde::de::DeserializeOwned + schemars::JsonSchema,
{
    let Some(options) = options else {
        return Ok(T::default());
    };
    let py = options.py();
    // The known names are those the core serializes, and the properties of the options'
    // schema: a new option needs no change here, including one that is not serialized while
    // unset (an `Option` skipped when `None`). The schema is generated only for a name the
    // defaults lack, so a call with the usual options does not build it.
    let serialized = serde_json::to_value(T::default())
        .map_err(|_| PyRuntimeError::new_err("options could not be serialized"))?;
    let Value::Object(known) = serialized else {
        return Err(PyRuntimeError::new_err("options are not an object"));
    };
    let in_schema = |name: &str| {
        schemars::schema_for!(T)
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|properties| properties.contains_key(name))
    };
    let mut object = Map::new();
    for (key, value) in options.iter() {
        let name: String = key.extract()?;
        if !known.contains_key(&name) && !in_schema(&name) {
            return Err(PyTypeError::new_err(format!(
                "{class}() got an unexpected keyword argument '{name}'"
            )));
        }
        let text = option_json(&value)
            .map_err(|_| invalid_option(py, &name, &format!("not a {}", type_name(&value))))?;
        let value: Value =
            serde_json::from_slice(&text).map_err(|_| invalid_option(py, &name, "not JSON"))?;
        // Each option alone first, so the error names the option at fault.
        let single = Value::Object(Map::from_iter([(name.clone(), value.clone())]));
        if let Err(err) = serde_json::from_value::<T>(single) {
            return Err(invalid_option(py, &name, &expected(&err)));
        }
        object.insert(name, value);
    }
    serde_json::from_value(Value::Object(object))
        .map_err(|err| attesta_error(py, &Error::InvalidOptions(expected(&err))))
}

/// The `AttestaError` for an option whose value the core does not accept.
fn invalid_option(py: Python<'_>, name: &str, why: &str) -> PyErr {
    attesta_error(
        py,
        &Error::InvalidOptions(format!("option '{name}' is invalid: {why}")),
    )
}

/// What serde expected, without the value it found (which may be anything the caller passed).
fn expected(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let text = text
        .rfind(" at line ")
        .map_or(text.as_str(), |at| &text[..at]);
    match text.rfind("expected ") {
        Some(at) => text[at..].to_owned(),
        None => "a value of another type".to_owned(),
    }
}
