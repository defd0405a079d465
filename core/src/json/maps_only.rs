//! A deserializer wrapper that decodes structs from JSON objects only, and optionally keeps the
//! JSON path of the value being decoded so that a failure can be located.
//!
//! serde's derived `Deserialize` for a struct also accepts a sequence of field values (formats
//! without field names need it), and `serde_json` uses that path for a JSON array: a record
//! with `"period": ["2019-03"]` would decode as if it said `{"start": "2019-03"}`, and the
//! findings would point at `/period/start`, which is not in the document (serde-rs/serde#1587).
//! [`maps_only`] forwards everything to the wrapped deserializer, except that a struct is asked
//! for as a map, so an array gets the ordinary "invalid type: sequence, expected struct …"
//! error. Every nested value goes through the wrapper too (maps, sequences, options, enums).
//!
//! [`deserialize_located`] is the same wrapper with a path kept along the way: the key or index
//! of each value is pushed as decoding enters it and popped when it decoded, so when decoding
//! fails the path left is the failing value's. It does what `serde_path_to_error` did over
//! [`maps_only`] in one layer instead of two (that crate's generic code was the largest single
//! item of the WebAssembly module's validation code), with the same path: a rejected key ends
//! the path, a missing field leaves the path of its object, enum variants add nothing.
//! Without tracking ([`maps_only`], the validation fast path), every step is an empty inline
//! function and costs nothing.

use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};

use crate::path::PathSegment;

use super::track::{NoTrack, PathTrack, Track};

/// Wraps `deserializer` so that structs are decoded from JSON objects only, without tracking a
/// path (see the module documentation).
pub(crate) fn maps_only<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> impl Deserializer<'de, Error = D::Error> {
    Only(deserializer, NoTrack)
}

/// Decodes a `T` from `deserializer` as [`maps_only`] does; on failure, also the path of the
/// value that failed, relative to where decoding started.
pub(crate) fn deserialize_located<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, (D::Error, Vec<PathSegment>)> {
    let path = PathTrack::default();
    T::deserialize(Only(deserializer, &path)).map_err(|error| (error, path.into_segments()))
}

/// The wrapper itself: a deserializer and the tracking.
struct Only<D, T>(D, T);

/// Wraps what a visitor receives, so that nested values are decoded by the wrapper too.
struct Wrap<V, T>(V, T);

/// A sequence's items, counted for their path.
struct Items<A, T> {
    seq: A,
    track: T,
    index: usize,
}

macro_rules! forward_deserialize {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.0.$method(Wrap(visitor, self.1))
        }
    )*};
}

/// The methods of `Deserializer` that take only a visitor.
macro_rules! visitor_methods {
    ($forward:ident) => {
        $forward!(
            deserialize_any,
            deserialize_bool,
            deserialize_i8,
            deserialize_i16,
            deserialize_i32,
            deserialize_i64,
            deserialize_i128,
            deserialize_u8,
            deserialize_u16,
            deserialize_u32,
            deserialize_u64,
            deserialize_u128,
            deserialize_f32,
            deserialize_f64,
            deserialize_char,
            deserialize_str,
            deserialize_string,
            deserialize_bytes,
            deserialize_byte_buf,
            deserialize_option,
            deserialize_unit,
            deserialize_seq,
            deserialize_map,
            deserialize_identifier,
            deserialize_ignored_any,
        );
    };
}

impl<'de, D: Deserializer<'de>, T: Track> Deserializer<'de> for Only<D, T> {
    type Error = D::Error;

    visitor_methods!(forward_deserialize);

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor, self.1))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0
            .deserialize_newtype_struct(name, Wrap(visitor, self.1))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor, self.1))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0
            .deserialize_tuple_struct(name, len, Wrap(visitor, self.1))
    }

    /// The point of the wrapper: a struct is read from a map, never from a sequence.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap(visitor, self.1))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0
            .deserialize_enum(name, variants, Wrap(visitor, self.1))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident: $ty:ty),* $(,)?) => {$(
        fn $method<E: serde::de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>, T: Track> Visitor<'de> for Wrap<V, T> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visit!(
        visit_bool: bool,
        visit_i8: i8,
        visit_i16: i16,
        visit_i32: i32,
        visit_i64: i64,
        visit_i128: i128,
        visit_u8: u8,
        visit_u16: u16,
        visit_u32: u32,
        visit_u64: u64,
        visit_u128: u128,
        visit_f32: f32,
        visit_f64: f64,
        visit_char: char,
        visit_bytes: &[u8],
        visit_borrowed_bytes: &'de [u8],
        visit_byte_buf: Vec<u8>,
    );

    // Strings may be map keys: the tracking keeps the one it expects.
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.1.string(v);
        self.0.visit_str(v)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.1.string(v);
        self.0.visit_borrowed_str(v)
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.1.string(&v);
        self.0.visit_string(v)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(Only(d, self.1))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(Only(d, self.1))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(Items {
            seq,
            track: self.1,
            index: 0,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Wrap(map, self.1))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(Wrap(data, self.1))
    }
}

impl<'de, S: DeserializeSeed<'de>, T: Track> DeserializeSeed<'de> for Wrap<S, T> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(Only(d, self.1))
    }
}

impl<'de, A: SeqAccess<'de>, T: Track> SeqAccess<'de> for Items<A, T> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.track.enter_item(self.index);
        let item = self.seq.next_element_seed(Wrap(seed, self.track))?;
        // Past the end too: the index pushed names no item.
        self.track.leave();
        self.index += 1;
        Ok(item)
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

impl<'de, A: MapAccess<'de>, T: Track> MapAccess<'de> for Wrap<A, T> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.1.expect_key();
        let key = self.0.next_key_seed(Wrap(seed, self.1));
        self.1.key_read(key.is_err());
        key
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let entered = self.1.enter_value();
        let value = self.0.next_value_seed(Wrap(seed, self.1))?;
        if entered {
            self.1.leave();
        }
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>, T: Track> EnumAccess<'de> for Wrap<A, T> {
    type Error = A::Error;
    type Variant = Wrap<A::Variant, T>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Wrap(seed, self.1))?;
        Ok((value, Wrap(variant, self.1)))
    }
}

impl<'de, A: VariantAccess<'de>, T: Track> VariantAccess<'de> for Wrap<A, T> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.0.newtype_variant_seed(Wrap(seed, self.1))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor, self.1))
    }

    /// A struct variant is a struct too; `VariantAccess` has no map form to ask for, so the
    /// visitor is told to expect fields by name (the formats this is used with pass a map).
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Wrap(visitor, self.1))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::{deserialize_located, maps_only};
    use crate::path::Path;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        a: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        inner: Option<Inner>,
        list: Vec<Inner>,
    }

    fn from_value(v: &serde_json::Value) -> Result<Outer, serde_json::Error> {
        Outer::deserialize(maps_only(v))
    }

    fn from_text(text: &str) -> Result<Outer, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let outer = Outer::deserialize(maps_only(&mut de))?;
        de.end().map(|()| outer)
    }

    #[test]
    fn objects_decode_and_arrays_in_place_of_structs_do_not() {
        let good = json!({"inner": {"a": "x"}, "list": [{"a": "y"}]});
        let expected = Outer {
            inner: Some(Inner { a: "x".into() }),
            list: vec![Inner { a: "y".into() }],
        };
        assert_eq!(from_value(&good).unwrap(), expected);
        assert_eq!(from_text(&good.to_string()).unwrap(), expected);
        // Plain serde_json accepts every one of these; the wrapper refuses them at any depth.
        for bad in [
            json!([{"a": "x"}, []]),
            json!({"inner": ["x"], "list": []}),
            json!({"inner": null, "list": [["y"]]}),
        ] {
            assert!(
                serde_json::from_value::<Outer>(bad.clone()).is_ok(),
                "{bad}"
            );
            let err = from_value(&bad).unwrap_err().to_string();
            assert!(err.contains("invalid type: sequence"), "{bad}: {err}");
            assert!(from_text(&bad.to_string()).is_err(), "{bad}");
        }
    }

    /// The JSON pointer and message of the first failure decoding `text`.
    fn located(text: &str) -> (String, String) {
        let mut de = serde_json::Deserializer::from_str(text);
        match deserialize_located::<Outer, _>(&mut de) {
            Ok(outer) => panic!("decoded: {outer:?}"),
            Err((error, segments)) => (
                Path::from_segments(segments).to_pointer(),
                error.to_string(),
            ),
        }
    }

    #[test]
    fn a_failure_is_located_at_the_value_that_failed() {
        let value = json!({"inner": null, "list": [{"a": "x"}, {"a": 5}]});
        let (error, segments) = deserialize_located::<Outer, _>(&value).unwrap_err();
        assert_eq!(Path::from_segments(segments).to_pointer(), "/list/1/a");
        assert!(error.to_string().starts_with("invalid type: integer"));
        // Values decoded before the failure leave nothing on the path.
        let (at, _) = located(r#"{"list": [{"a": "x"}, {"a": "y"}], "inner": {"a": 1}}"#);
        assert_eq!(at, "/inner/a");
        // A rejected key ends the path, even one named like its parent.
        let (at, error) = located(r#"{"inner": {"a": "x", "inner": 1}, "list": []}"#);
        assert_eq!(at, "/inner/inner");
        assert!(error.starts_with("unknown field `inner`"), "{error}");
        // A missing field leaves the path of its object.
        let (at, error) = located(r#"{"list": [{"a": "x"}, {}], "inner": null}"#);
        assert_eq!(at, "/list/1");
        assert!(error.starts_with("missing field `a`"), "{error}");
        // An array in place of a struct is refused where it is.
        let (at, error) = located(r#"{"inner": null, "list": [["x"]]}"#);
        assert_eq!(at, "/list/0");
        assert!(error.starts_with("invalid type: sequence"), "{error}");
        // A missing field of the top object: the empty path.
        let (at, error) = located(r#"{"inner": null}"#);
        assert_eq!(at, "");
        assert!(error.starts_with("missing field `list`"), "{error}");
    }
}
