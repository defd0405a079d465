//! Options: a camelCase JS object mapped onto one of the core's options types
//! (`ValidationOptions`, `SearchOptions`).
//!
//! The mapping is generic: the option names are the fields the core serializes for the type's
//! default, in camelCase (`max_size` is `maxSize`), so an option the core adds is accepted
//! without a change here. An unknown name (including the `snake_case` spelling
//! of a known one) is a `TypeError` naming it; a value of the wrong type a `TypeError`, one out
//! of range (a negative size) a `RangeError`. Both carry the core's `invalid_options` kind.
//! Messages name the option and the type expected, never the value given.

use js_sys::{Array, JsString, Object, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{self, Class};

/// The longest option name quoted in a message (a longer one is cut).
const MAX_NAME_CHARS: usize = 64;

/// The options given as a JS value (`undefined` or `null`: the defaults).
///
/// # Errors
/// A JS `TypeError`/`RangeError` with kind `invalid_options` for a value that is not an
/// object, an unknown option or an option value the core does not accept. Options that are
/// well-typed but inconsistent are the core's to refuse, when the validator is built.
pub(crate) fn from_js<T>(value: &JsValue) -> Result<T, JsValue>
where
    T: Serialize + DeserializeOwned + Default,
{
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || value.is_function() || Array::is_array(value) {
        return Err(invalid(Class::Type, "options must be an object".to_owned()));
    }
    let known = known_names::<T>();
    let mut fields = Map::new();
    for key in Object::keys(value.unchecked_ref::<Object>()) {
        let name = key.as_string().unwrap_or_default();
        let field = snake_case(&name);
        if camel_case(&field) != name || !known.contains(&field) {
            let names: Vec<String> = known.iter().map(|f| camel_case(f)).collect();
            return Err(invalid(
                Class::Type,
                format!(
                    "unknown option '{}'; the options are: {}",
                    cut(&name),
                    names.join(", ")
                ),
            ));
        }
        let member = Reflect::get(value, &key)?;
        // `undefined` is how JS says "not given": the default applies.
        if member.is_undefined() {
            continue;
        }
        fields.insert(field, json_value(&member, &name)?);
    }
    let Some(first) = fields
        .iter()
        .find_map(|(field, value)| refusal::<T>(field, value))
    else {
        // Every field is accepted on its own, and fields are independent, so the whole is too.
        return serde_json::from_value(Value::Object(fields))
            .map_err(|_| error::internal("the options could not be decoded"));
    };
    Err(first)
}

/// The error for an option value the core's type refuses, or `None` when it accepts it.
///
/// Each field is tried alone over the defaults, which names the field without
/// `serde_path_to_error` (whose generic code would be linked once more, about 40 KiB).
fn refusal<T: Serialize + DeserializeOwned + Default>(
    field: &str,
    value: &Value,
) -> Option<JsValue> {
    let Ok(Value::Object(mut alone)) = serde_json::to_value(T::default()) else {
        return None;
    };
    alone.insert(field.to_owned(), value.clone());
    let message = serde_json::from_value::<T>(Value::Object(alone))
        .err()?
        .to_string();
    // serde says "invalid type: <what was found>, expected <what the field takes>" (or
    // "invalid value: ..."): only the expectation, which comes from the type, is kept.
    let class = if message.starts_with("invalid value") {
        Class::Range
    } else {
        Class::Type
    };
    let expected = match message.rfind(", expected ") {
        Some(at) => plain_expectation(&message[at + ", expected ".len()..]),
        None => "a value of another type",
    };
    Some(invalid(
        class,
        format!("option '{}': expected {expected}", camel_case(field)),
    ))
}

/// The option value as JSON, through `JSON.stringify` (the same rules as a record object).
fn json_value(member: &JsValue, name: &str) -> Result<Value, JsValue> {
    JSON::stringify(member)
        .ok()
        .and_then(|text| text.dyn_into::<JsString>().ok())
        .and_then(|text| serde_json::from_str(&String::from(text)).ok())
        .ok_or_else(|| {
            invalid(
                Class::Type,
                format!("option '{}' is not a JSON value", cut(name)),
            )
        })
}

/// serde's expectation in JS words: Rust's integer type names mean nothing to a JS caller.
fn plain_expectation(expected: &str) -> &str {
    match expected {
        "usize" | "u8" | "u16" | "u32" | "u64" | "u128" => "a whole number, 0 or more",
        "isize" | "i8" | "i16" | "i32" | "i64" | "i128" => "a whole number",
        "f32" | "f64" => "a number",
        other => other,
    }
}

/// The `snake_case` names of the options of `T`, as its deserializer lists them.
///
/// The options types refuse unknown fields, and serde's refusal names every field the type
/// takes ("unknown field `x`, expected one of `a`, `b`"): unlike the serialized default, that
/// includes the fields a default leaves out (`None` options skipped when serializing).
fn known_names<T: DeserializeOwned>() -> Vec<String> {
    let probe = serde_json::json!({ "\u{0}": null });
    let Err(refusal) = serde_json::from_value::<T>(probe) else {
        return Vec::new();
    };
    let message = refusal.to_string();
    let Some(at) = message.find(", expected ") else {
        return Vec::new();
    };
    message[at..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// A binding-side options error, with the core's `invalid_options` kind.
fn invalid(class: Class, message: String) -> JsValue {
    error::to_js_as(class, &attesta::Error::InvalidOptions(message))
}

/// `maxSize` → `max_size`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `max_size` → `maxSize`.
fn camel_case(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut upper = false;
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A name cut to [`MAX_NAME_CHARS`] characters for a message.
fn cut(name: &str) -> String {
    match name.char_indices().nth(MAX_NAME_CHARS) {
        Some((at, _)) => format!("{}…", &name[..at]),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_both_ways() {
        assert_eq!(snake_case("maxItemSize"), "max_item_size");
        assert_eq!(camel_case("max_item_size"), "maxItemSize");
        assert_eq!(camel_case("strict"), "strict");
        // The snake_case spelling is not a camelCase name, so it is refused as unknown.
        assert_ne!(camel_case(&snake_case("max_size")), "max_size");
    }

    #[test]
    fn every_core_option_has_a_name() {
        let names = known_names::<attesta::ValidationOptions>();
        assert!(names.contains(&"max_size".to_owned()));
        assert!(names.contains(&"reference_date".to_owned()));
        // A field the default does not serialize (`None`, skipped) is an option all the same.
        let search = known_names::<attesta::search::SearchOptions>();
        assert!(search.contains(&"query_language".to_owned()), "{search:?}");
        assert!(search.contains(&"limit".to_owned()));
    }

    #[test]
    fn long_names_are_cut() {
        let long = "x".repeat(200);
        assert_eq!(cut(&long).chars().count(), MAX_NAME_CHARS + 1);
        assert_eq!(cut("strict"), "strict");
    }
}
