//! Tests of the front matter's description against the loader.

use super::*;
use crate::diag::{Diagnostics, SourceText};
use crate::load::fields::Fields;
use toml::de::DeTable;

fn walk(fields: &'static [Field], out: &mut Vec<&'static Field>) {
    for f in fields {
        out.push(f);
        if let Some(sub) = f.sub_fields() {
            walk(sub, out);
        }
    }
}

#[test]
fn keys_are_unique_per_table_and_described() {
    let mut all = Vec::new();
    for t in [COURSE, NOTICE, PAGE] {
        walk(t, &mut all);
    }
    for f in &all {
        assert!(
            !f.label.is_empty() && !f.hint.is_empty(),
            "{} needs words",
            f.key
        );
        if let Some(sub) = f.sub_fields() {
            let mut k = keys(sub);
            k.sort_unstable();
            let n = k.len();
            k.dedup();
            assert_eq!(n, k.len(), "a key twice under {}", f.key);
        }
    }
}

/// A front matter with every key of `fields`, nested tables included, each with a value of
/// its kind that the loader accepts.
fn every_key(fields: &[Field], prefix: &str, out: &mut String, later: &mut Vec<String>) {
    for f in fields {
        let v = match f.kind {
            Kind::Line | Kind::Paragraph | Kind::Markdown => "\"Some text\"".to_string(),
            Kind::Code => "\"A1\"".into(),
            Kind::Suffix => "\"-2\"".into(),
            Kind::Link { .. } => "\"https://example.org/x\"".into(),
            Kind::Email => "\"a@example.org\"".into(),
            Kind::Phone => "\"+39 011 693 6111\"".into(),
            Kind::When => "2025-09-08".into(),
            Kind::Amount => "10".into(),
            Kind::Whole { .. } => "0".into(),
            Kind::Flag => "false".into(),
            Kind::Texts | Kind::LanguageTags => "[\"en\"]".into(),
            Kind::Aliases => "[\"/en/old/\"]".into(),
            Kind::Choice(values) => format!("\"{}\"", values[0]),
            Kind::NoticeKind => "\"news\"".into(),
            Kind::CourseCodes => "[\"A1\"]".into(),
            Kind::TimeZone => "\"Europe/Rome\"".into(),
            Kind::Currency => "\"EUR\"".into(),
            Kind::Weekdays => "[\"mon\"]".into(),
            Kind::Dates => "[2025-09-08]".into(),
            Kind::Country => "\"DE\"".into(),
            Kind::Ids { many, inline, .. } => {
                // The inline form, to read its keys too.
                let table = inline_table(inline.unwrap_or(&[]));
                match (inline, many) {
                    (Some(_), true) => format!("[{table}]"),
                    (Some(_), false) => table,
                    (None, true) => "[\"x\"]".into(),
                    (None, false) => "\"x\"".into(),
                }
            }
            Kind::Group(sub) if prefix == "inline" => inline_table(sub),
            Kind::Groups(sub) if prefix == "inline" => format!("[{}]", inline_table(sub)),
            Kind::Group(sub) | Kind::Groups(sub) => {
                let mut t = String::new();
                let mut deeper = Vec::new();
                let name = format!("{prefix}{}", f.key);
                every_key(sub, &format!("{name}."), &mut t, &mut deeper);
                let head = if matches!(f.kind, Kind::Group(_)) {
                    format!("[{name}]")
                } else {
                    format!("[[{name}]]")
                };
                later.push(format!("{head}\n{t}"));
                later.extend(deeper);
                continue;
            }
        };
        out.push_str(&format!("{} = {v}\n", f.key));
    }
}

fn inline_table(fields: &[Field]) -> String {
    let mut t = String::new();
    every_key(fields, "inline", &mut t, &mut Vec::new());
    format!("{{ {} }}", t.trim_end().replace('\n', ", "))
}

fn read_every_key(fields: &[Field], read: fn(Fields<'_, '_>, &mut Diagnostics)) {
    let mut text = String::new();
    let mut tables = Vec::new();
    every_key(fields, "", &mut text, &mut tables);
    // Inline tables (a policy's tiers, contacts) are written in place; the others follow
    // the top-level keys.
    for t in tables {
        text.push_str(&t);
    }
    let table = DeTable::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut d = Diagnostics::new();
    let f = Fields::new(
        SourceText::new("x.md", &text),
        table.get_ref(),
        table.span(),
        "",
    );
    read(f, &mut d);
    let unknown: Vec<String> = d
        .into_sorted()
        .into_iter()
        .filter(|x| x.code == "unknown-key" || x.code == "wrong-type")
        .map(|x| x.message)
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}\n{text}");
}

/// The loader reads every described key, tables and inline tables included, and (by the
/// debug check in `Fields::finish`) nothing else.
#[test]
fn the_loader_reads_exactly_the_described_keys() {
    read_every_key(COURSE, |f, d| {
        crate::load::course::parse(f, d);
    });
    read_every_key(NOTICE, |f, d| {
        crate::load::items::notice(f, d);
    });
    read_every_key(PAGE, |f, d| {
        crate::load::items::page(f, d);
    });
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "differ from src/schema/mod.rs")]
fn a_key_read_but_not_described_stops_the_tests() {
    check_read(
        "[fee]",
        FEE,
        &[
            "amount",
            "currency",
            "label",
            "includes",
            "scholarships",
            "lines",
            "hours",
        ],
    );
}

#[test]
fn top_level_values_are_those_the_loader_listed() {
    for k in [
        "code",
        "title",
        "summary",
        "topics",
        "modality",
        "languages",
        "workload",
        "hours",
        "credential",
        "timezone",
        "status",
        "draft",
        "objectives",
        "selection",
        "cancellation",
        "contacts",
        "aliases",
        "date",
        "expires",
        "kind",
        "related_courses",
        "weight",
        "menu",
    ] {
        assert!(is_top_level_value(k), "{k}");
    }
    for k in ["sessions", "application", "fee", "start", "url", "amount"] {
        assert!(!is_top_level_value(k), "{k}");
    }
}
