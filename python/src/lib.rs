//! Python bindings of Attesta (module `attesta._attesta`).
//!
//! A thin translation layer: it converts arguments and results and holds no logic. The Python
//! package `attesta` (python/attesta/) re-exports these classes and adds the module-level
//! functions over a default validator. Split by concern: [`convert`] (Python values ↔ JSON),
//! [`errors`] (exceptions), [`report`] (`Report`, `Finding`), [`validate`] (`Validator`),
//! [`batch`] (`validate_many`, `validate_jsonl`), [`documents`] (`DocumentChecker`),
//! [`frameworks`] (`Frameworks`: lookup, search, gap analysis), [`matching`]
//! (`Frameworks.match`), [`bundles`] (`import_framework`, `bundle_info`), [`cases`] (`Case`,
//! `verify`, `render_html`), [`privacy`] (`redact`, `monitoring_export`), [`credentials`]
//! (`export_credential`, `sign_credential`, `verify_credential`).

mod batch;
mod bundles;
mod cases;
mod convert;
mod credentials;
mod documents;
mod errors;
mod frameworks;
mod matching;
mod privacy;
mod report;
mod validate;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// The JSON Schema called `name` (one of `SCHEMA_NAMES`), as a dict.
#[pyfunction]
fn schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let schema = attesta::schema::schema(name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown schema '{name}'; attesta.SCHEMA_NAMES lists the schemas"
        ))
    })?;
    convert::value_to_py(py, schema.as_value())
}

/// The `attesta._attesta` extension module.
#[pymodule]
fn _attesta(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", attesta::VERSION)?;
    m.add(
        "SCHEMA_NAMES",
        PyTuple::new(m.py(), attesta::schema::NAMES)?,
    )?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_class::<validate::Validator>()?;
    m.add_class::<documents::DocumentChecker>()?;
    m.add_class::<report::Report>()?;
    m.add_class::<report::Finding>()?;
    m.add_class::<batch::ReportIterator>()?;
    m.add_class::<frameworks::Frameworks>()?;
    m.add_class::<cases::Case>()?;
    m.add_function(wrap_pyfunction!(cases::verify, m)?)?;
    m.add_function(wrap_pyfunction!(cases::render_html, m)?)?;
    m.add_function(wrap_pyfunction!(bundles::import_framework, m)?)?;
    m.add_function(wrap_pyfunction!(bundles::bundle_info, m)?)?;
    m.add_class::<privacy::MonitoringReport>()?;
    m.add_function(wrap_pyfunction!(privacy::redact, m)?)?;
    m.add_function(wrap_pyfunction!(privacy::monitoring_export, m)?)?;
    m.add_function(wrap_pyfunction!(credentials::export_credential, m)?)?;
    m.add_function(wrap_pyfunction!(credentials::sign_credential, m)?)?;
    m.add_function(wrap_pyfunction!(credentials::verify_credential, m)?)?;
    Ok(())
}
