//! Conversions between Python values and JSON.
//!
//! A record given as a `dict` is written out as JSON text (what `json.dumps` would give) and
//! validated as text, so a dict, its JSON string and its bytes always get the same report; no
//! JSON tree is built in between, which keeps the dict path close to the text path in speed.
//! Values JSON cannot hold are refused with `TypeError`/`ValueError` whose messages name the
//! Python type only, never the value (records hold personal data).

use std::io::Write as _;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use serde_json::Value;

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

    /// The bytes, owned (for a batch, whose inputs outlive the Python objects' borrow).
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
    if let Ok(text) = record.cast::<PyString>() {
        return Ok(RecordInput::Borrowed(utf8(text)?.as_bytes()));
    }
    if let Ok(bytes) = record.cast::<PyBytes>() {
        return Ok(RecordInput::Borrowed(bytes.as_bytes()));
    }
    if let Ok(bytes) = record.cast::<PyByteArray>() {
        return Ok(RecordInput::Owned(bytes.to_vec()));
    }
    if record.cast::<PyDict>().is_ok() {
        let mut writer = JsonWriter {
            out: Vec::with_capacity(4096),
            max_depth,
            dates_as_text: false,
        };
        writer.write(record, 0)?;
        return Ok(RecordInput::Owned(writer.out));
    }
    Err(PyTypeError::new_err(format!(
        "a record is a dict, a JSON str or JSON bytes, not {}",
        type_name(record)
    )))
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

/// Writes Python values as JSON text.
struct JsonWriter {
    out: Vec<u8>,
    max_depth: usize,
    dates_as_text: bool,
}

impl JsonWriter {
    /// Writes `value`, nested in `depth` containers.
    fn write(&mut self, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<()> {
        if value.is_none() {
            self.out.extend_from_slice(b"null");
        } else if let Ok(text) = value.cast::<PyString>() {
            self.string(utf8(text)?);
        } else if let Ok(flag) = value.cast::<PyBool>() {
            let text: &[u8] = if flag.is_true() { b"true" } else { b"false" };
            self.out.extend_from_slice(text);
        } else if let Ok(int) = value.cast::<PyInt>() {
            self.int(int)?;
        } else if let Ok(float) = value.cast::<PyFloat>() {
            let number = serde_json::Number::from_f64(float.value())
                .ok_or_else(|| PyValueError::new_err("NaN and infinity are not JSON numbers"))?;
            self.out.extend_from_slice(number.to_string().as_bytes());
        } else if let Ok(dict) = value.cast::<PyDict>() {
            if self.too_deep(depth, b"{}") {
                return Ok(());
            }
            self.out.push(b'{');
            for (i, (key, item)) in dict.iter().enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                let key = key.cast::<PyString>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "JSON object keys are str, not {}",
                        type_name(&key)
                    ))
                })?;
                self.string(utf8(key)?);
                self.out.push(b':');
                self.write(&item, depth + 1)?;
            }
            self.out.push(b'}');
        } else if let Ok(list) = value.cast::<PyList>() {
            if self.too_deep(depth, b"[]") {
                return Ok(());
            }
            self.out.push(b'[');
            // By index, not an iterator: a list cannot change under us (no Python code runs
            // here), and indexing avoids pyo3's iterator bookkeeping.
            for i in 0..list.len() {
                if i > 0 {
                    self.out.push(b',');
                }
                self.write(&list.get_item(i)?, depth + 1)?;
            }
            self.out.push(b']');
        } else if let Ok(tuple) = value.cast::<PyTuple>() {
            if self.too_deep(depth, b"[]") {
                return Ok(());
            }
            self.out.push(b'[');
            for (i, item) in tuple.iter().enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                self.write(&item, depth + 1)?;
            }
            self.out.push(b']');
        } else if let (true, Ok(date)) = (self.dates_as_text, value.cast::<PyDate>()) {
            let text: String = date.call_method0("isoformat")?.extract()?;
            self.string(&text);
        } else {
            return Err(PyTypeError::new_err(format!(
                "JSON holds dict, list, tuple, str, int, float, bool and None, not {}",
                type_name(value)
            )));
        }
        Ok(())
    }

    /// At a container one level past the depth limit, writes it empty (still one level too
    /// deep, so the core refuses the input) instead of descending further.
    fn too_deep(&mut self, depth: usize, empty: &[u8]) -> bool {
        if depth >= self.max_depth {
            self.out.extend_from_slice(empty);
            return true;
        }
        false
    }

    fn string(&mut self, text: &str) {
        // Writing JSON into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.out, text);
    }

    fn int(&mut self, int: &Bound<'_, PyInt>) -> PyResult<()> {
        if let Ok(small) = int.extract::<i64>() {
            let _ = write!(self.out, "{small}");
        } else if let Ok(large) = int.extract::<i128>() {
            let _ = write!(self.out, "{large}");
        } else {
            // Larger than any JSON parser keeps exactly; written as `json.dumps` writes it.
            let text = int
                .py()
                .get_type::<PyInt>()
                .call_method1("__repr__", (int,))?;
            self.out
                .extend_from_slice(text.cast::<PyString>()?.to_str()?.as_bytes());
        }
        Ok(())
    }
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
