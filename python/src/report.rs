//! `attesta.Report` and `attesta.Finding`: the core's report, read from Python.
//!
//! Both wrap the core's values unchanged; the Python views (lists, dicts) are built when asked
//! for, so validating many records costs no Python objects for findings nobody reads.
//! `to_dict()`/`to_json()` give exactly the core's JSON (`data/schemas/report.json`).

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

use attesta::{Code, PathSegment};

use crate::convert::value_to_py;

/// The outcome of validating one record.
#[pyclass(module = "attesta", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct Report {
    pub(crate) inner: attesta::Report,
}

#[pymethods]
impl Report {
    /// Whether no finding makes the record invalid.
    #[getter]
    fn valid(&self) -> bool {
        self.inner.valid
    }

    /// Every finding, ordered by path, then code.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.inner
            .findings
            .iter()
            .map(|f| Finding { inner: f.clone() })
            .collect()
    }

    /// How many findings were left out of `findings` by `max_findings` (0 when none).
    #[getter]
    fn findings_omitted(&self) -> u64 {
        self.inner
            .with_code(Code::FindingsOmitted)
            .find_map(|f| f.context.get("omitted").and_then(serde_json::Value::as_u64))
            .unwrap_or(0)
    }

    /// The report as the core serializes it: `{"valid": ..., "findings": [...]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The report as JSON text (compact, or indented by `indent` spaces).
    #[pyo3(signature = (*, indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(&self.inner, indent)
    }

    /// The findings with their messages in `locale` (`"it"`, `"ar"`, `"ti"`, …), each with the
    /// `locale` it actually came from (a fallback when the language lacks the code): a dict
    /// shaped as `data/schemas/localized-report.json`. The report itself does not change.
    fn localized<'py>(&self, py: Python<'py>, locale: &str) -> PyResult<Bound<'py, PyAny>> {
        let localizer = attesta::l10n::Localizer::new(locale)
            .map_err(|e| crate::errors::attesta_error(py, &e))?;
        to_py(py, &localizer.report(&self.inner))
    }

    /// A report from its JSON text (the inverse of `to_json`).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        serde_json::from_str(text)
            .map(|inner| Report { inner })
            .map_err(|_| PyValueError::new_err("the text is not a report's JSON"))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (to_json(&slf.get().inner, None)?,)))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Report valid={} findings={}>",
            if self.inner.valid { "True" } else { "False" },
            self.inner.findings.len()
        )
    }
}

/// One thing found wrong (or worth noting) in a record.
#[pyclass(module = "attesta", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct Finding {
    inner: attesta::Finding,
}

#[pymethods]
impl Finding {
    /// Stable code, e.g. `experience.end_before_start`.
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }

    /// `"error"`, `"warning"` or `"info"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }

    /// Where, as a list of object keys (str) and array indices (int).
    #[getter]
    fn path<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for segment in self.inner.path.segments() {
            match segment {
                PathSegment::Key(key) => list.append(key)?,
                PathSegment::Index(index) => list.append(index)?,
            }
        }
        Ok(list)
    }

    /// Where, as a JSON Pointer (`/experiences/0/period/end`).
    #[getter]
    fn pointer(&self) -> String {
        self.inner.path.to_pointer()
    }

    /// English message.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// Named values the message is rendered from (never personal data).
    #[getter]
    fn context<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (key, value) in &self.inner.context {
            dict.set_item(key, value_to_py(py, value)?)?;
        }
        Ok(dict)
    }

    /// The finding as the core serializes it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Finding {} {} at {}>",
            self.inner.severity.as_str(),
            self.inner.code.as_str(),
            self.inner.path.to_pointer()
        )
    }
}

/// A serializable core value as Python objects.
fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|_| PyRuntimeError::new_err("a report could not be serialized"))?;
    value_to_py(py, &value)
}

/// A serializable core value as JSON text.
pub(crate) fn to_json<T: Serialize>(value: &T, indent: Option<usize>) -> PyResult<String> {
    let failed = |_| PyRuntimeError::new_err("a report could not be serialized");
    let Some(indent) = indent else {
        return serde_json::to_string(value).map_err(failed);
    };
    let spaces = vec![b' '; indent.min(16)];
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(&spaces);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer).map_err(failed)?;
    String::from_utf8(out).map_err(|_| PyRuntimeError::new_err("a report could not be serialized"))
}
