//! `redact` and `MonitoringReport` (`monitoring_export`): the core's `attesta::privacy`.

use attesta::model::CompetenceRecord;
use attesta::privacy::monitoring::{self, CaseFacts, MonitoringAttributes, MonitoringOptions};
use attesta::privacy::{PseudonymKey, RedactOptions};
use attesta::procedure::CaseState;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::cases::Case;
use crate::convert::{from_json_input, to_py, type_name};
use crate::errors::attesta_error;
use crate::validate::parse_options;

/// The record without direct identifiers (a dict, schema `redaction`: the record and the
/// JSON Pointers removed). `pseudonym_key` (bytes, at least 32) replaces the person id by a
/// keyed pseudonym; the keyword options are those of schema `redact-options`.
#[pyfunction]
#[pyo3(signature = (record, *, pseudonym_key = None, **options))]
pub(crate) fn redact<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    pseudonym_key: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options: RedactOptions = parse_options("redact", options)?;
    let record: CompetenceRecord = from_json_input(record, "a competence record")?;
    let key = match pseudonym_key {
        None => None,
        Some(key) => {
            let bytes = key.cast::<PyBytes>().map_err(|_| {
                PyTypeError::new_err(format!("pseudonym_key is bytes, not {}", type_name(key)))
            })?;
            Some(PseudonymKey::new(bytes.as_bytes()).map_err(|e| attesta_error(py, &e))?)
        }
    };
    let redaction = attesta::privacy::redact(&record, &options, key.as_ref());
    to_py(py, &redaction)
}

/// The funder's monitoring export: case counts with small cells hidden, and no identifier.
#[pyclass(module = "attesta._attesta", frozen)]
pub(crate) struct MonitoringReport {
    inner: monitoring::MonitoringReport,
}

#[pymethods]
impl MonitoringReport {
    /// The tables as a dict (schema `monitoring-report`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The tables as CSV (`dimension,breakdown,value,column,count,hidden`).
    fn to_csv(&self) -> PyResult<String> {
        let mut out = Vec::new();
        self.inner
            .write_csv(&mut out)
            .map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))?;
        String::from_utf8(out)
            .map_err(|_| pyo3::exceptions::PyValueError::new_err("the CSV is not UTF-8"))
    }

    /// The chart of cases per phase and outcome, SVG.
    fn to_svg(&self) -> String {
        self.inner.to_svg()
    }

    fn __repr__(&self) -> String {
        format!(
            "MonitoringReport(k={}, tables={})",
            self.inner.k,
            self.inner.tables.len()
        )
    }
}

/// Counts `cases` (`attesta.Case` objects, or case states as dicts / JSON, schema
/// `case-state`) for the funder, joined by case id with `attributes` (dicts, schema
/// `monitoring-attributes`); the keyword options are those of schema `monitoring-options`
/// (`k`, `breakdowns`).
#[pyfunction]
#[pyo3(signature = (cases, attributes = None, **options))]
pub(crate) fn monitoring_export(
    py: Python<'_>,
    cases: &Bound<'_, PyAny>,
    attributes: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<MonitoringReport> {
    let options: MonitoringOptions = parse_options("monitoring_export", options)?;
    let mut facts = Vec::new();
    for case in cases.try_iter()? {
        let case = case?;
        if let Ok(held) = case.cast::<Case>() {
            facts.push(CaseFacts::of(held.borrow().inner.state()));
        } else {
            let state: CaseState = from_json_input(&case, "a case state")?;
            facts.push(CaseFacts::of(&state));
        }
    }
    let mut entries: Vec<MonitoringAttributes> = Vec::new();
    if let Some(attributes) = attributes {
        for entry in attributes.try_iter()? {
            entries.push(from_json_input(&entry?, "monitoring attributes")?);
        }
    }
    let inner = py
        .detach(|| monitoring::export(&facts, &entries, &options))
        .map_err(|e| attesta_error(py, &e))?;
    Ok(MonitoringReport { inner })
}
