//! The JSON writer of Python values: a `dict` record (or an option value) written out as the
//! compact JSON text `json.dumps` would give, for the core to validate as text.
//!
//! Speed matters here: `validate(dict)` writes the whole record on every call, and the text is
//! then validated in about the time Python takes to parse it, so the writer must cost a small
//! fraction of that. Values of the exact built-in types are recognised by their type pointer,
//! the most frequent first (one comparison each, where `isinstance` checks walk the type's
//! flags), strings are copied in one piece up to the first byte that needs an escape, and
//! numbers are formatted by `serde_json` (itoa/ryu) straight into the buffer. Subclasses (an
//! `IntEnum`, an `OrderedDict`, a `str` subclass...) take the general path, which gives them
//! the same text as their base type.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use super::{type_name, utf8};

/// Writes Python values as JSON text.
pub(super) struct JsonWriter {
    /// The text written so far.
    pub(super) out: Vec<u8>,
    /// Containers nested deeper than this are written empty (see [`JsonWriter::too_deep`]).
    pub(super) max_depth: usize,
    /// Whether a `datetime.date` is written as its `YYYY-MM-DD` text (options) or refused
    /// (records, whose dates are strings).
    pub(super) dates_as_text: bool,
}

impl JsonWriter {
    /// Writes `value`, nested in `depth` containers.
    pub(super) fn write(&mut self, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<()> {
        // Exact types by their type pointer, in the order a record holds them most: keys
        // aside, strings, then objects and arrays, then scalars.
        if let Ok(text) = value.cast_exact::<PyString>() {
            self.string(text)
        } else if let Ok(dict) = value.cast_exact::<PyDict>() {
            self.dict(dict, depth)
        } else if let Ok(list) = value.cast_exact::<PyList>() {
            self.sequence(list.iter(), depth)
        } else if let Ok(int) = value.cast_exact::<PyInt>() {
            self.int(int)
        } else if let Ok(flag) = value.cast_exact::<PyBool>() {
            self.bool(flag);
            Ok(())
        } else if value.is_none() {
            self.out.extend_from_slice(b"null");
            Ok(())
        } else if let Ok(float) = value.cast_exact::<PyFloat>() {
            self.float(float)
        } else {
            self.general(value, depth)
        }
    }

    /// Subclasses of the JSON types and every other type, by `isinstance` checks in the order
    /// the writer has always used (a `bool` is an `int`, so it is tested first).
    fn general(&mut self, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<()> {
        if let Ok(text) = value.cast::<PyString>() {
            self.string(text)
        } else if let Ok(flag) = value.cast::<PyBool>() {
            self.bool(flag);
            Ok(())
        } else if let Ok(int) = value.cast::<PyInt>() {
            self.int(int)
        } else if let Ok(float) = value.cast::<PyFloat>() {
            self.float(float)
        } else if let Ok(dict) = value.cast::<PyDict>() {
            self.dict(dict, depth)
        } else if let Ok(list) = value.cast::<PyList>() {
            self.sequence(list.iter(), depth)
        } else if let Ok(tuple) = value.cast::<PyTuple>() {
            self.sequence(tuple.iter(), depth)
        } else if let (true, Ok(date)) = (self.dates_as_text, value.cast::<PyDate>()) {
            let text: String = date.call_method0("isoformat")?.extract()?;
            self.escaped(text.as_bytes());
            Ok(())
        } else {
            Err(PyTypeError::new_err(format!(
                "JSON holds dict, list, tuple, str, int, float, bool and None, not {}",
                type_name(value)
            )))
        }
    }

    fn dict(&mut self, dict: &Bound<'_, PyDict>, depth: usize) -> PyResult<()> {
        if self.too_deep(depth, b"{}") {
            return Ok(());
        }
        self.out.push(b'{');
        let mut first = true;
        for (key, item) in dict.iter() {
            if !first {
                self.out.push(b',');
            }
            first = false;
            let key = match key.cast_exact::<PyString>() {
                Ok(key) => key,
                Err(_) => key.cast::<PyString>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "JSON object keys are str, not {}",
                        type_name(&key)
                    ))
                })?,
            };
            self.string(key)?;
            self.out.push(b':');
            self.write(&item, depth + 1)?;
        }
        self.out.push(b'}');
        Ok(())
    }

    /// A list or tuple as a JSON array. No Python code runs while it is written, so a list
    /// cannot change under the loop.
    fn sequence<'py>(
        &mut self,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
        depth: usize,
    ) -> PyResult<()> {
        if self.too_deep(depth, b"[]") {
            return Ok(());
        }
        self.out.push(b'[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            self.write(&item, depth + 1)?;
        }
        self.out.push(b']');
        Ok(())
    }

    /// At a container one level past the depth limit, writes it empty (still one level too
    /// deep, so the core refuses the input) instead of descending further: a cyclic dict
    /// ends here too.
    fn too_deep(&mut self, depth: usize, empty: &[u8]) -> bool {
        if depth >= self.max_depth {
            self.out.extend_from_slice(empty);
            return true;
        }
        false
    }

    fn bool(&mut self, flag: &Bound<'_, PyBool>) {
        let text: &[u8] = if flag.is_true() { b"true" } else { b"false" };
        self.out.extend_from_slice(text);
    }

    fn float(&mut self, float: &Bound<'_, PyFloat>) -> PyResult<()> {
        let value = float.value();
        if !value.is_finite() {
            return Err(PyValueError::new_err(
                "NaN and infinity are not JSON numbers",
            ));
        }
        // The shortest text that reads back as the same float (ryu); writing into a Vec
        // cannot fail.
        let _ = serde_json::to_writer(&mut self.out, &value);
        Ok(())
    }

    fn int(&mut self, int: &Bound<'_, PyInt>) -> PyResult<()> {
        if let Ok(small) = int.extract::<i64>() {
            let _ = serde_json::to_writer(&mut self.out, &small);
        } else if let Ok(large) = int.extract::<i128>() {
            let _ = serde_json::to_writer(&mut self.out, &large);
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

    /// A string, refusing lone surrogates without quoting the text. Most strings need no
    /// escape: that is checked a word at a time and they are copied in one piece.
    #[inline]
    fn string(&mut self, text: &Bound<'_, PyString>) -> PyResult<()> {
        let text = utf8(text)?.as_bytes();
        if needs_escape(text) {
            self.escaped(text);
        } else {
            self.out.reserve(text.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(text);
            self.out.push(b'"');
        }
        Ok(())
    }

    /// Writes UTF-8 `text` as a JSON string, escaped as `serde_json` escapes it.
    #[cold]
    fn escaped(&mut self, text: &[u8]) {
        self.out.reserve(text.len() + 2);
        self.out.push(b'"');
        let mut start = 0;
        for (i, &byte) in text.iter().enumerate() {
            let escape = ESCAPE[usize::from(byte)];
            if escape == 0 {
                continue;
            }
            self.out.extend_from_slice(&text[start..i]);
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.extend_from_slice(b"\\u00");
                self.out.push(HEX[usize::from(byte >> 4)]);
                self.out.push(HEX[usize::from(byte & 0xF)]);
            } else {
                self.out.push(b'\\');
                self.out.push(escape);
            }
            start = i + 1;
        }
        self.out.extend_from_slice(&text[start..]);
        self.out.push(b'"');
    }
}

/// Whether some byte of `text` needs an escape in a JSON string (a control character, `"` or
/// `\`), checked eight bytes at a time: a string of 8 bytes or more as its 8-byte words plus
/// its last 8 bytes (overlapping), one of 4 to 7 bytes as its first and last 4 bytes in one
/// word, a shorter one byte by byte.
#[inline]
fn needs_escape(text: &[u8]) -> bool {
    if let Some(last) = text.last_chunk::<8>() {
        let mut words = text.chunks_exact(8);
        return words.any(|word| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(word);
            escape_in(u64::from_le_bytes(bytes))
        }) || escape_in(u64::from_le_bytes(*last));
    }
    if let (Some(first), Some(last)) = (text.first_chunk::<4>(), text.last_chunk::<4>()) {
        let word =
            u64::from(u32::from_le_bytes(*first)) | (u64::from(u32::from_le_bytes(*last)) << 32);
        return escape_in(word);
    }
    text.iter().any(|&byte| ESCAPE[usize::from(byte)] != 0)
}

/// Whether one of the eight bytes of `word` needs an escape ("SWAR"): with `ONES` repeating
/// 0x01, `(w - n * ONES) & !w & HIGH` is not zero exactly when some byte of `w` is below `n`
/// (n <= 0x80), and the bytes equal to `c` are the zero bytes (below 1) of `w ^ (c * ONES)`.
#[inline]
fn escape_in(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, n: u64| word.wrapping_sub(n * ONES) & !word & HIGH;
    below(word, 0x20)
        | below(word ^ (u64::from(b'"') * ONES), 1)
        | below(word ^ (u64::from(b'\\') * ONES), 1)
        != 0
}

/// For each byte, 0 when it stands for itself in a JSON string, else the letter of its
/// escape (`u` for `\u00XX`): control characters, `"` and `\`.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut writer = JsonWriter {
            out: Vec::new(),
            max_depth: 8,
            dates_as_text: false,
        };
        writer.escaped(text.as_bytes());
        String::from_utf8(writer.out).unwrap_or_default()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for text in [
            "",
            "plain ascii",
            "àèìòù € 𝄞",
            "quote \" backslash \\ slash /",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}",
            "\"at the edges\\",
        ] {
            let expected = serde_json::to_string(text).unwrap_or_default();
            assert_eq!(escaped(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_byte_to_escape_is_seen_at_any_position_of_any_length() {
        for length in 0..40 {
            let plain: Vec<u8> = "aé€𝄞~ZÿA".bytes().cycle().take(length).collect();
            assert!(!needs_escape(&plain), "{length}");
            for at in 0..length {
                for special in [0x00, 0x1F, b'"', b'\\', b'\n'] {
                    let mut text = plain.clone();
                    text[at] = special;
                    assert!(needs_escape(&text), "{length} {at} {special}");
                }
            }
        }
    }
}
