//! Conversions between Python values and JSON.
//!
//! A record given as a `dict` is written out as JSON text (what `json.dumps` would give) and
//! validated as text, so a dict, its JSON string and its bytes always get the same report; no
//! JSON tree is built in between, which keeps the dict path close to the text path in speed.
//! Values JSON cannot hold are refused with `TypeError`/`ValueError` whose messages name the
//! Python type only, never the value (records hold personal data).

use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyList, PyString};
use serde_json::Value;

use writer::JsonWriter;

mod writer;

/// The length of the JSON text of the last dict record written out.
static LAST_RECORD_LEN: AtomicUsize = AtomicUsize::new(0);

/// A record as the core takes it: JSON bytes, borrowed from a Python `str`/`bytes` when
/// possible.
pub(crate) enum RecordInput<'a> {
    /// Borrowed from an immutable Python object that outlives the validation.
    Borrowed(&'a [u8]),
    /// Written out from a `dict` (or copied from a mutable `bytearray`).
    Owned(Vec<u8>),
}

impl RecordInput<'_> {
    /// The JSON bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            RecordInput::Borrowed(bytes) => bytes,
            RecordInput::Owned(bytes) => bytes,
        }
    }

    /// The bytes, owned (for a value that must outlive the Python object's borrow).
    pub(crate) fn into_owned(self) -> Vec<u8> {
        match self {
            RecordInput::Borrowed(bytes) => bytes.to_vec(),
            RecordInput::Owned(bytes) => bytes,
        }
    }
}

/// Reads a record argument: `dict` (written out as JSON), `str` or `bytes`/`bytearray` (JSON
/// text). `max_depth` is the validator's depth limit: a dict nesting deeper is written out only
/// one level past it, so the core reports `too_deep` and a cyclic dict cannot loop forever.
pub(crate) fn record_input<'a>(
    record: &'a Bound<'_, PyAny>,
    max_depth: usize,
) -> PyResult<RecordInput<'a>> {
    if let Some(bytes) = immutable_bytes(record) {
        return bytes.map(RecordInput::Borrowed);
    }
    if let Ok(bytes) = record.cast::<PyByteArray>() {
        return Ok(RecordInput::Owned(bytes.to_vec()));
    }
    if record.cast::<PyDict>().is_ok() {
        // Sized as the last record was (a caller's records tend to be alike), bounded: a
        // buffer grown by doubling is copied at each step.
        let hint = LAST_RECORD_LEN.load(Ordering::Relaxed).clamp(4096, 1 << 20);
        let mut writer = JsonWriter {
            out: Vec::with_capacity(hint + hint / 8),
            max_depth,
            dates_as_text: false,
        };
        writer.write(record, 0)?;
        LAST_RECORD_LEN.store(writer.out.len(), Ordering::Relaxed);
        return Ok(RecordInput::Owned(writer.out));
    }
    Err(PyTypeError::new_err(format!(
        "a record is a dict, a JSON str or JSON bytes, not {}",
        type_name(record)
    )))
}

/// The JSON bytes of a record given as `str` or `bytes` (subclasses included), borrowed:
/// both are immutable, so the bytes stay as they are for as long as the object lives. `None`
/// for any other type.
pub(crate) fn immutable_bytes<'a>(record: &'a Bound<'_, PyAny>) -> Option<PyResult<&'a [u8]>> {
    if let Ok(text) = record.cast::<PyString>() {
        return Some(utf8(text).map(str::as_bytes));
    }
    if let Ok(bytes) = record.cast::<PyBytes>() {
        return Some(Ok(bytes.as_bytes()));
    }
    None
}

/// Writes an option value as JSON (`datetime.date` becomes `YYYY-MM-DD`).
pub(crate) fn option_json(value: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    let mut writer = JsonWriter {
        out: Vec::new(),
        max_depth: 8,
        dates_as_text: true,
    };
    writer.write(value, 0)?;
    Ok(writer.out)
}

/// The UTF-8 text of a Python `str`, refusing lone surrogates without quoting the text.
#[inline]
fn utf8<'a>(text: &'a Bound<'_, PyString>) -> PyResult<&'a str> {
    text.to_str().map_err(|_| {
        PyValueError::new_err("a string holds a lone surrogate, which JSON text cannot carry")
    })
}

/// The name of a value's type, for messages (never the value itself).
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "an unknown type".to_owned(), |name| name.to_string())
}

/// A JSON value as Python objects (dict, list, str, int, float, bool, None).
pub(crate) fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(number) => {
            if let Some(int) = number.as_i64() {
                int.into_pyobject(py)?.into_any()
            } else if let Some(int) = number.as_u64() {
                int.into_pyobject(py)?.into_any()
            } else {
                number
                    .as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
            }
        }
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Reads a value of the core's type `T` from a dict, a JSON str or JSON bytes: malformed
/// JSON is `malformed_json` (with its position), JSON of another shape `invalid_input` naming
/// `what` and the field at fault, never a value.
pub(crate) fn from_json_input<T: serde::de::DeserializeOwned>(
    value: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<T> {
    let input = record_input(value, attesta::DEFAULT_MAX_DEPTH)?;
    from_json_bytes(value.py(), input.bytes(), what)
}

/// Reads a value of the core's type `T` from JSON bytes, as [`from_json_input`] does.
pub(crate) fn from_json_bytes<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    bytes: &[u8],
    what: &str,
) -> PyResult<T> {
    serde_json::from_slice(bytes).map_err(|err| {
        let error = if err.is_syntax() || err.is_eof() {
            attesta::Error::MalformedJson {
                line: err.line(),
                column: err.column(),
                reason: attesta::text::describe_serde_error(&err.to_string()),
            }
        } else {
            attesta::Error::InvalidInput(format!(
                "not {what}: {}",
                attesta::text::describe_serde_error(&err.to_string())
            ))
        };
        crate::errors::attesta_error(py, &error)
    })
}

/// A value of the core as Python objects, through its JSON form (the shape of its schema).
pub(crate) fn to_py<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|_| PyValueError::new_err("a value could not be serialized"))?;
    value_to_py(py, &value)
}
