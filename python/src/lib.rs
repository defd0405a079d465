//! Python bindings of Attesta (module `attesta._attesta`).
//!
//! A thin translation layer: it converts arguments and results and holds no logic. The full
//! API arrives with the Python-bindings issue; today it exposes the version.

use pyo3::prelude::*;

/// The `attesta._attesta` extension module.
#[pymodule]
fn _attesta(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", attesta::VERSION)?;
    Ok(())
}
