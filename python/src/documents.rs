//! `attesta.DocumentChecker` and `attesta.check_document`: the art. 6 check of a Documento di
//! trasparenza / di validazione / Certificato made by another system (core
//! `attesta::documents::DocumentChecker`), with the record validator's options.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use attesta::documents::DocumentChecker as CoreChecker;

use crate::convert::{record_input, value_to_py};
use crate::errors::attesta_error;
use crate::report::Report;
use crate::validate::parse_options;

/// A reusable checker of documents made elsewhere, over the built-in frameworks.
#[pyclass(module = "attesta", frozen)]
pub(crate) struct DocumentChecker {
    inner: CoreChecker,
    options: attesta::ValidationOptions,
}

#[pymethods]
impl DocumentChecker {
    /// Builds a checker; the keyword arguments are the validator's options.
    #[new]
    #[pyo3(signature = (**options))]
    fn new(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let options: attesta::ValidationOptions = parse_options("DocumentChecker", options)?;
        CoreChecker::new(options.clone())
            .map(|inner| DocumentChecker { inner, options })
            .map_err(|e| attesta_error(py, &e))
    }

    /// The options in effect, as a dict.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(&self.options).unwrap_or_default();
        value_to_py(py, &value)
    }

    /// Checks one document (dict, JSON str or JSON bytes) and returns its report.
    fn check(&self, py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<Report> {
        let input = record_input(document, self.options.max_depth)?;
        py.detach(|| {
            // A dict is written out as UTF-8; only bytes from the caller can fail here, and
            // they are malformed JSON as the command line reports them.
            std::str::from_utf8(input.bytes())
                .map_err(|_| attesta::Error::MalformedJson {
                    line: 1,
                    column: 1,
                    reason: "input is not UTF-8".to_owned(),
                })
                .and_then(|text| self.inner.check_str(text))
        })
        .map(|inner| Report { inner })
        .map_err(|e| attesta_error(py, &e))
    }

    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, pyo3::types::PyTuple>, Bound<'py, PyAny>)> {
        Ok((pyo3::types::PyTuple::empty(py), self.options(py)?))
    }
}
