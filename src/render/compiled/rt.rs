//! What the generated template code calls: Tera's meaning of printing, truth, equality and the
//! supported filters, for the Rust values of the views (strings, numbers, booleans, options,
//! lists), so that the generator needs no knowledge of the views' types. Each function is what
//! Tera does with the value the view serialises to (see `tera::renderer::processor`).

use crate::i18n::Strings;
use crate::render::escape;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A value as Tera sees it once serialised: null, a boolean, an integer or a string.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
}

/// A value a template prints, tests or compares: strings, numbers, booleans and options of them.
pub trait Value {
    fn scalar(&self) -> Scalar<'_>;
}

impl Value for str {
    fn scalar(&self) -> Scalar<'_> {
        Scalar::Str(self)
    }
}

impl Value for String {
    fn scalar(&self) -> Scalar<'_> {
        Scalar::Str(self)
    }
}

impl Value for Cow<'_, str> {
    fn scalar(&self) -> Scalar<'_> {
        Scalar::Str(self)
    }
}

impl Value for bool {
    fn scalar(&self) -> Scalar<'_> {
        Scalar::Bool(*self)
    }
}

macro_rules! int_values {
    ($($t:ty),*) => {$(
        impl Value for $t {
            fn scalar(&self) -> Scalar<'_> {
                Scalar::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_values!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

impl<T: Value> Value for Option<T> {
    fn scalar(&self) -> Scalar<'_> {
        self.as_ref().map_or(Scalar::Null, Value::scalar)
    }
}

impl<T: Value + ?Sized> Value for &T {
    fn scalar(&self) -> Scalar<'_> {
        (**self).scalar()
    }
}

/// `{{ x }}`: strings escaped, numbers and booleans as Tera writes them, nothing for null.
pub fn put<T: Value + ?Sized>(out: &mut String, x: &T) {
    match x.scalar() {
        Scalar::Str(s) => escape::into(out, s),
        other => put_raw_scalar(out, other),
    }
}

/// `{{ x | safe }}`.
pub fn put_raw<T: Value + ?Sized>(out: &mut String, x: &T) {
    match x.scalar() {
        Scalar::Str(s) => out.push_str(s),
        other => put_raw_scalar(out, other),
    }
}

fn put_raw_scalar(out: &mut String, x: Scalar<'_>) {
    match x {
        Scalar::Null => {}
        Scalar::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Scalar::Int(n) => out.push_str(&n.to_string()),
        Scalar::Str(s) => out.push_str(s),
    }
}

/// What `{% if x %}` finds true: a non-empty string or list, a non-zero number, `true`, a
/// present option of such a value.
pub trait Truthy {
    fn truthy(&self) -> bool;
}

impl<T: Value + ?Sized> Truthy for T {
    fn truthy(&self) -> bool {
        match self.scalar() {
            Scalar::Null => false,
            Scalar::Bool(b) => b,
            Scalar::Int(n) => n != 0,
            Scalar::Str(s) => !s.is_empty(),
        }
    }
}

// Lists and maps: true when they have items.
impl<T> Truthy for [T] {
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
}

impl<T> Truthy for Vec<T> {
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
}

impl<T, const N: usize> Truthy for [T; N] {
    fn truthy(&self) -> bool {
        N > 0
    }
}

impl<V> Truthy for BTreeMap<String, V> {
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
}

impl Truthy for Strings {
    fn truthy(&self) -> bool {
        self.iter().next().is_some()
    }
}

/// `{% if x %}`.
pub fn truthy<T: Truthy + ?Sized>(x: &T) -> bool {
    x.truthy()
}

/// An object (a struct of the view) that may be absent: `{% if x %}` and its fields inside.
pub trait Object {
    type Inner;
    fn object(&self) -> Option<&Self::Inner>;
}

impl<T> Object for Option<T> {
    type Inner = T;
    fn object(&self) -> Option<&T> {
        self.as_ref()
    }
}

impl<T: Object + ?Sized> Object for &T {
    type Inner = T::Inner;
    fn object(&self) -> Option<&T::Inner> {
        (**self).object()
    }
}

pub fn object<T: Object + ?Sized>(x: &T) -> Option<&T::Inner> {
    x.object()
}

/// `a == b`: numbers equal only to numbers; otherwise same kind and same value.
pub fn eq<A: Value + ?Sized, B: Value + ?Sized>(a: &A, b: &B) -> bool {
    a.scalar() == b.scalar()
}

/// A number in `<`, `>`, `<=` and `>=` (which Tera compares as floating point).
pub fn num<T: Value + ?Sized>(x: &T) -> f64 {
    match x.scalar() {
        Scalar::Int(n) => n as f64,
        // Tera stops with "Comparison to NaN"; the generator only compares numbers.
        _ => f64::NAN,
    }
}

/// A value as text (filters and tests that take strings); numbers and booleans as printed.
pub fn text<T: Value + ?Sized>(x: &T) -> Cow<'_, str> {
    match x.scalar() {
        Scalar::Str(s) => Cow::Borrowed(s),
        other => {
            let mut s = String::new();
            put_raw_scalar(&mut s, other);
            Cow::Owned(s)
        }
    }
}

/// `default(value=…)`: the value, or the default where it is null.
pub struct Or<'a, A: ?Sized, B: ?Sized>(&'a A, &'a B);

impl<A: Value + ?Sized, B: Value + ?Sized> Value for Or<'_, A, B> {
    fn scalar(&self) -> Scalar<'_> {
        match self.0.scalar() {
            Scalar::Null => self.1.scalar(),
            s => s,
        }
    }
}

pub fn or<'a, A: Value + ?Sized, B: Value + ?Sized>(x: &'a A, default: &'a B) -> Or<'a, A, B> {
    Or(x, default)
}

/// A value as Tera escapes it inside an expression: the value of `default` where the result is
/// printed (and escaped once more) or compared.
pub enum Escaped<'a> {
    Str(String),
    Other(Scalar<'a>),
}

impl Value for Escaped<'_> {
    fn scalar(&self) -> Scalar<'_> {
        match self {
            Escaped::Str(s) => Scalar::Str(s),
            Escaped::Other(x) => *x,
        }
    }
}

pub fn escaped<T: Value + ?Sized>(x: &T) -> Escaped<'_> {
    match x.scalar() {
        Scalar::Str(s) => Escaped::Str(escape::html(s)),
        other => Escaped::Other(other),
    }
}

/// `length`: items of a list, characters of a string.
pub trait Length {
    fn length(&self) -> usize;
}

impl<T> Length for [T] {
    fn length(&self) -> usize {
        self.len()
    }
}

impl<T> Length for Vec<T> {
    fn length(&self) -> usize {
        self.len()
    }
}

impl Length for str {
    fn length(&self) -> usize {
        self.chars().count()
    }
}

impl Length for String {
    fn length(&self) -> usize {
        self.chars().count()
    }
}

impl<T: Length + ?Sized> Length for &T {
    fn length(&self) -> usize {
        (**self).length()
    }
}

pub fn length<T: Length + ?Sized>(x: &T) -> usize {
    x.length()
}

/// `join(sep=…)`: the items as printed, between separators (in which Tera turns the two
/// characters `\n` and `\t` into a line break and a tab).
pub fn join<T: Value>(items: &[T], sep: &str) -> String {
    let sep: Cow<'_, str> = if sep.contains('\\') {
        Cow::Owned(sep.replace("\\n", "\n").replace("\\t", "\t"))
    } else {
        Cow::Borrowed(sep)
    };
    let sep = sep.as_ref();
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        put_raw(&mut out, x);
    }
    out
}

/// Item `i` of a list (`list.1` in a path), absent past its end.
pub fn at<T>(items: &[T], i: usize) -> Option<&T> {
    items.get(i)
}

/// `{% for k, v in map %}`: the entries in key order (Tera's maps are sorted).
pub trait Pairs {
    type Item: ?Sized;
    fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &Self::Item)> + '_>;
}

impl Pairs for Strings {
    type Item = str;
    fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &str)> + '_> {
        Box::new(self.iter())
    }
}

impl<V> Pairs for BTreeMap<String, V> {
    type Item = V;
    fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &V)> + '_> {
        Box::new(self.iter().map(|(k, v)| (k.as_str(), v)))
    }
}

impl<T: Pairs + ?Sized> Pairs for &T {
    type Item = T::Item;
    fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &T::Item)> + '_> {
        (**self).pairs()
    }
}

pub fn pairs<T: Pairs + ?Sized>(x: &T) -> Box<dyn Iterator<Item = (&str, &T::Item)> + '_> {
    x.pairs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_truth_and_compares_as_tera_does() {
        let mut out = String::new();
        put(&mut out, &Some("a&b".to_string()));
        put(&mut out, &None::<String>);
        put(&mut out, &3usize);
        put(&mut out, &true);
        put_raw(&mut out, "<b>");
        assert_eq!(out, "a&amp;b3true<b>");
        assert!(!truthy(&Some(String::new())));
        assert!(truthy(&Some("x")));
        assert!(!truthy(&0usize));
        assert!(eq(&Some("x".to_string()), "x"));
        assert!(!eq(&1usize, "1"));
        assert!(eq(&None::<String>, &None::<&str>));
        assert_eq!(length("é€"), 2);
        assert_eq!(join(&["a", "b"], ", "), "a, b");
        assert_eq!(join(&["a", "b"], "\\n\\t"), "a\n\tb");
        assert_eq!(text(&or(&None::<String>, "d")), "d");
    }
}
