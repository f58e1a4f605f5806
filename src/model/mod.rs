//! The typed site: courses, notices, pages and shared data, after loading and validation.
//!
//! The model knows nothing of templates or files on disk; it only holds what the content says,
//! in types that make wrong states hard to write (enums, chrono dates, resolved ids).

pub mod application;
pub mod config;
pub mod course;
pub mod data;
pub mod files;
pub mod repeat;
pub mod revisions;
pub mod site;
pub mod text;
pub mod theme;
pub mod when;

pub use application::*;
pub use config::{SiteConfig, DEFAULT_SOON_DAYS};
pub use course::*;
pub use data::Data;
pub use files::{Asset, ContentFile, Kind};
pub use repeat::{Meeting, Repeat};
pub use revisions::{Revision, Revisions};
pub use site::*;
pub use text::{pick, Texts};
pub use theme::{Theme, UiString};
pub use when::When;

use std::collections::BTreeMap;

/// A BCP 47 language code as written in `site.toml` (e.g. `fr`, `pt-BR`).
pub type Lang = String;

/// Text given once, or once per language (`{ en = "…", fr = "…" }`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Localized {
    Plain(String),
    PerLang(BTreeMap<String, String>),
}

impl Localized {
    /// The text for a page in `lang`, picked as every text is ([`pick`]: `lang`, else the
    /// site's language order `order`, else any); empty only for an empty table.
    pub fn get<'a>(&'a self, lang: &str, order: &[Lang]) -> &'a str {
        match self {
            Localized::Plain(s) => s,
            Localized::PerLang(m) => pick(m, lang, order).map_or("", |(_, t)| t.as_str()),
        }
    }

    /// [`Localized::get`] with the language of the text picked: `None` for text given once
    /// (whose language the note does not state) or found in `lang` itself.
    pub fn get_in<'a>(&'a self, lang: &str, order: &[Lang]) -> (&'a str, Option<&'a str>) {
        match self {
            Localized::Plain(s) => (s, None),
            Localized::PerLang(m) => match pick(m, lang, order) {
                Some((l, t)) => (t.as_str(), (l.as_str() != lang).then_some(l.as_str())),
                None => ("", None),
            },
        }
    }

    pub fn has(&self, lang: &str) -> bool {
        match self {
            Localized::Plain(_) => true,
            Localized::PerLang(m) => m.contains_key(lang),
        }
    }
}

/// Where a value came from: a content file (index into [`Site::files`]) and a byte range of its
/// text, so that later rules can point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: usize,
    pub span: std::ops::Range<usize>,
}

/// A value with its origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// An old address of a text (`aliases`), redirected to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// As written: `/en/courses/old-name/`.
    pub path: String,
    /// Where it is written. Located when the site is assembled: a build lets go of the sources
    /// before it plans its outputs, and an alias that takes another source's address is
    /// reported there.
    pub at: crate::diag::Spot,
}
