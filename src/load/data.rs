//! `data/contacts.toml`, `data/people.toml`, `data/policies.toml` and `data/topics.toml`.

use super::fields::{localized_value, Fields};
use super::shared::{contact, person, policy};
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::{Data, Localized};
use std::path::Path;
use toml::de::{DeTable, DeValue};

const KNOWN: [&str; 4] = [
    "contacts.toml",
    "people.toml",
    "policies.toml",
    "topics.toml",
];

/// A topic id names a folder of the output (`/<lang>/topics/<id>/`).
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Reads the data files; `languages` (default first or not) are the site's, which topic labels
/// are given in.
pub fn load(root: &Path, languages: &[String], default: &str, d: &mut Diagnostics) -> Data {
    let mut data = Data::default();
    let dir = root.join("data");
    if !dir.is_dir() {
        return data;
    }
    for (path, rel) in super::walk::safe_walk(root, &dir, d) {
        let name = rel.trim_start_matches("data/");
        if !KNOWN.contains(&name) {
            if name.ends_with(".toml") {
                d.push(
                    Diagnostic::warning("unknown-data-file", format!("data/{name} is not used"))
                        .in_file(&rel)
                        .with_hint(crate::diag::suggest(name, &KNOWN, "data files")),
                );
            }
            continue;
        }
        let text = match super::walk::read_text(&path, &rel) {
            Ok(t) => t,
            Err(e) => {
                d.push(e);
                data.failed.insert(name.to_string());
                continue;
            }
        };
        let src = SourceText::new(&rel, &text);
        let table = match DeTable::parse(&text) {
            Ok(t) => t,
            Err(e) => {
                d.push(super::frontmatter::toml_error(&src, &e));
                data.failed.insert(name.to_string());
                continue;
            }
        };
        for (key, value) in table.get_ref().iter() {
            let id = key.get_ref().to_string();
            match (name, value.get_ref()) {
                ("topics.toml", _) if !is_slug(&id) => d.push(
                    Diagnostic::error(
                        "bad-slug",
                        format!("topic id `{id}` cannot be part of a web address (/topics/{id}/)"),
                    )
                    .at(&src, key.span())
                    .with_hint("use only letters a–z, digits, - and _ in topic ids, e.g. [gender-equality]"),
                ),
                ("topics.toml", _) => {
                    if let Some(l) = topic(&src, d, key, value, languages, default) {
                        data.topics.insert(id, l);
                    }
                }
                (_, DeValue::Table(t)) => {
                    let f = Fields::new(src, t, value.span(), &format!("[{id}]"));
                    entry(name, id, f, &mut data, d);
                }
                _ => d.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!(
                            "`{id}` must be a table: write it as [{id}] followed by its fields"
                        ),
                    )
                    .at(&src, key.span()),
                ),
            }
        }
    }
    // A data file that exists but was not read (a link out of the site, reported by the walk).
    for name in KNOWN {
        let p = dir.join(name);
        if p.symlink_metadata().is_ok()
            && p.canonicalize()
                .ok()
                .zip(root.canonicalize().ok())
                .is_none_or(|(p, r)| !p.starts_with(r))
        {
            data.failed.insert(name.to_string());
        }
    }
    data
}

/// A topic's labels: one text, or one per site language. A key that is not a site language is
/// an error (a typo, or a language the site does not publish); a site language without a label
/// is a warning (the default language's label is shown there).
fn topic(
    src: &SourceText<'_>,
    d: &mut Diagnostics,
    key: &toml::Spanned<std::borrow::Cow<'_, str>>,
    value: &toml::Spanned<DeValue<'_>>,
    languages: &[String],
    default: &str,
) -> Option<Localized> {
    let id = key.get_ref();
    let mut label = localized_value(src, d, id, value)?.into_inner();
    let DeValue::Table(t) = value.get_ref() else {
        return Some(label);
    };
    let site = languages.join(", ");
    for (lang_key, _) in t.iter() {
        let lang: &str = lang_key.get_ref();
        if languages.iter().any(|l| l == lang) {
            continue;
        }
        let hint = match languages.iter().find(|l| l.eq_ignore_ascii_case(lang)) {
            Some(l) => format!("write the language as in site.toml: {l} = \"…\""),
            None if crate::i18n::cldr::is_valid_language_tag(lang) && lang.len() <= 3 => format!(
                "`{lang}` is not one of the site's languages ({site}): add it to `languages` in site.toml, or remove the line"
            ),
            None => format!(
                "a topic has one line per language, e.g. {} = \"…\"; the site's languages are {site}",
                languages.first().map_or("en", String::as_str)
            ),
        };
        d.push(
            Diagnostic::error("unknown-key", format!("unknown key `{lang}` in [{id}]"))
                .at(src, lang_key.span())
                .with_hint(hint),
        );
        if let Localized::PerLang(m) = &mut label {
            m.remove(lang);
        }
    }
    let missing: Vec<&str> = languages
        .iter()
        .filter(|l| !label.has(l))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        d.push(
            Diagnostic::warning(
                "missing-topic-label",
                format!("topic `{id}` has no label in {}", missing.join(", ")),
            )
            .at(src, key.span())
            .with_hint(format!(
                "the {default} label is shown there; add a line like {} = \"…\" below [{id}]",
                missing[0]
            )),
        );
    }
    Some(label)
}

/// One `[id]` entry of contacts.toml, people.toml or policies.toml (`name`), into `data`; a
/// refused one is remembered so that its uses are not reported again.
fn entry(name: &str, id: String, f: Fields<'_, '_>, data: &mut Data, d: &mut Diagnostics) {
    let kept = match name {
        "people.toml" => {
            if let Some(span) = f.value_span("photo") {
                d.push(
                    Diagnostic::error("bad-photo", "a photo cannot be given in data/people.toml: it belongs beside a course's page")
                        .at(&f.src, span)
                        .with_hint("remove `photo` here; write the person as [[instructors]] in a course written as a folder, with the image beside its index.md"),
                );
            }
            person(f, d, Some(id.clone()))
                .map(|p| data.people.insert(id.clone(), p))
                .is_some()
        }
        "contacts.toml" => contact(f, d, Some(id.clone()))
            .map(|c| data.contacts.insert(id.clone(), c))
            .is_some(),
        _ => policy(f, d, Some(id.clone()))
            .map(|p| data.policies.insert(id.clone(), p))
            .is_some(),
    };
    if !kept {
        data.refused.insert(id);
    }
}
