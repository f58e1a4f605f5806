//! Front matter of notices and plain pages.

use super::fields::{Fields, Sp};
use super::shared::contact_refs;
use crate::diag::Diagnostics;
use crate::model::{Contact, Ref, When};
use toml::Spanned;

#[derive(Debug, Default)]
pub struct NoticeFile {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub date: Option<Sp<When>>,
    pub expires: Option<Sp<When>>,
    pub kind: Option<Sp<String>>,
    pub draft: Option<bool>,
    pub related_courses: Option<Sp<Vec<Sp<String>>>>,
    pub contacts: Option<Sp<Vec<Sp<Ref<Contact>>>>>,
    pub aliases: Vec<Sp<String>>,
    pub keys: Vec<String>,
}

pub fn notice(f: Fields<'_, '_>, d: &mut Diagnostics) -> NoticeFile {
    let mut f = f.with_schema(crate::schema::NOTICE);
    let n = NoticeFile {
        keys: f.keys(),
        title: f.nonblank(d, "title").map(Spanned::into_inner),
        summary: f.string(d, "summary").map(Spanned::into_inner),
        date: f.when(d, "date"),
        expires: f.when(d, "expires"),
        kind: f.string(d, "kind"),
        draft: f.boolean(d, "draft").map(Spanned::into_inner),
        related_courses: f
            .string_list(d, "related_courses")
            .map(|v| Spanned::new(f.value_span("related_courses").unwrap_or(0..0), v)),
        contacts: contact_refs(&mut f, d),
        aliases: f.string_list(d, "aliases").unwrap_or_default(),
    };
    f.finish(d);
    n
}

#[derive(Debug, Default)]
pub struct PageFile {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub draft: Option<bool>,
    pub weight: Option<i64>,
    pub menu: Option<bool>,
    pub aliases: Vec<Sp<String>>,
    pub keys: Vec<String>,
}

pub fn page(f: Fields<'_, '_>, d: &mut Diagnostics) -> PageFile {
    let mut f = f.with_schema(crate::schema::PAGE);
    let p = PageFile {
        keys: f.keys(),
        title: f.nonblank(d, "title").map(Spanned::into_inner),
        summary: f.string(d, "summary").map(Spanned::into_inner),
        draft: f.boolean(d, "draft").map(Spanned::into_inner),
        weight: f.integer(d, "weight").map(Spanned::into_inner),
        menu: f.boolean(d, "menu").map(Spanned::into_inner),
        aliases: f.string_list(d, "aliases").unwrap_or_default(),
    };
    f.finish(d);
    p
}
