//! Errors as Python exceptions.
//!
//! "Cannot evaluate" becomes `attesta.AttestaError`, built from the core's `ErrorDetails`
//! serialized with serde, so every kind and every optional field the core adds reaches Python
//! without this file listing them. The exception classes are plain Python (`attesta/_errors.py`):
//! `ValidationError` must inherit from both `AttestaError` and `ValueError`, which a class
//! created from Rust cannot. The class is chosen from the details' `kind` in Python
//! (`RefusalError` for `refused`), so the refusal's fields are read from the same object.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::convert::value_to_py;

/// `attesta._errors._from_details`, looked up once: it picks the exception class of a kind
/// (`RefusalError` for `refused`, else `AttestaError`).
static FROM_DETAILS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// `attesta._errors.ValidationError`, looked up once.
static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The Python class `attesta._errors.<name>`.
fn error_class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
) -> PyResult<&'py Bound<'py, PyType>> {
    cell.import(py, "attesta._errors", name)
}

/// The `AttestaError` instance (or its subclass for the kind) for a core error (not raised).
pub(crate) fn attesta_error_object<'py>(
    py: Python<'py>,
    error: &attesta::Error,
) -> PyResult<Bound<'py, PyAny>> {
    let details = serde_json::to_value(error.details())
        .map_err(|_| PyRuntimeError::new_err("an error could not be serialized"))?;
    let details = value_to_py(py, &details)?;
    FROM_DETAILS
        .import(py, "attesta._errors", "_from_details")?
        .call1((details,))
}

/// The `AttestaError` to raise for a core error.
pub(crate) fn attesta_error(py: Python<'_>, error: &attesta::Error) -> PyErr {
    match attesta_error_object(py, error) {
        Ok(object) => PyErr::from_value(object),
        Err(err) => err,
    }
}

/// The `ValidationError` to raise for an invalid record's report.
pub(crate) fn validation_error(py: Python<'_>, report: Bound<'_, PyAny>) -> PyErr {
    match error_class(py, &VALIDATION_ERROR, "ValidationError").and_then(|c| c.call1((report,))) {
        Ok(object) => PyErr::from_value(object),
        Err(err) => err,
    }
}
