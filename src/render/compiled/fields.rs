//! Some fields of a view as Tera's JSON values: the top-level fields whose names are asked for,
//! each serialised as `Context::from_serialize` would serialise it inside the whole view, and
//! nothing else (a page's view is mostly what its own blocks read; a site's own `base.html`
//! reads a few fields: [`super::blocks`]).

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt;

/// The fields of `view` (a struct) named in `wanted`, by their serialised names. An error when
/// the view is not a struct or a field does not serialise.
pub fn select<T: Serialize>(
    view: &T,
    wanted: &BTreeSet<String>,
) -> Result<Map<String, Value>, Error> {
    view.serialize(Select {
        wanted,
        out: Map::new(),
    })
}

/// Why fields could not be selected.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Error(msg.to_string())
    }
}

struct Select<'w> {
    wanted: &'w BTreeSet<String>,
    out: Map<String, Value>,
}

fn not_a_struct<T>() -> Result<T, Error> {
    Err(Error("the view is not a struct".to_string()))
}

impl SerializeStruct for Select<'_> {
    type Ok = Map<String, Value>;
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if self.wanted.contains(key) {
            let v = serde_json::to_value(value).map_err(|e| Error(e.to_string()))?;
            self.out.insert(key.to_string(), v);
        }
        Ok(())
    }

    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.out)
    }
}

/// Everything but a struct is refused (views are structs).
macro_rules! refuse {
    ($($name:ident($($t:ty),*)),* $(,)?) => {$(
        fn $name(self $(, _: $t)*) -> Result<Self::Ok, Error> {
            not_a_struct()
        }
    )*};
}

impl Serializer for Select<'_> {
    type Ok = Map<String, Value>;
    type Error = Error;
    type SerializeSeq = Impossible<Self::Ok, Error>;
    type SerializeTuple = Impossible<Self::Ok, Error>;
    type SerializeTupleStruct = Impossible<Self::Ok, Error>;
    type SerializeTupleVariant = Impossible<Self::Ok, Error>;
    type SerializeMap = Impossible<Self::Ok, Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<Self::Ok, Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<Self::Ok, Error> {
        not_a_struct()
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Error> {
        not_a_struct()
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Error> {
        not_a_struct()
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        not_a_struct()
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        not_a_struct()
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        not_a_struct()
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        not_a_struct()
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        not_a_struct()
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        not_a_struct()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct View {
        common: Inner,
        #[serde(rename = "t")]
        strings: Vec<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        absent: Option<u8>,
        big: Vec<u32>,
    }

    #[derive(Serialize)]
    struct Inner {
        lang: &'static str,
        n: Option<u8>,
    }

    #[test]
    fn selects_the_fields_asked_for_as_the_whole_view_has_them() {
        let view = View {
            common: Inner {
                lang: "fr",
                n: None,
            },
            strings: vec!["a", "b"],
            absent: None,
            big: (0..1000).collect(),
        };
        let wanted: BTreeSet<String> = ["common", "t", "absent", "nope"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let got = select(&view, &wanted).unwrap();
        let whole = serde_json::to_value(&view).unwrap();
        assert_eq!(got.keys().collect::<Vec<_>>(), ["common", "t"]);
        for (k, v) in &got {
            assert_eq!(Some(v), whole.get(k), "{k}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_struct() {
        assert!(select(&vec![1, 2], &BTreeSet::new()).is_err());
        assert!(select(&"x", &BTreeSet::new()).is_err());
    }
}
