//! The guide's checked tables (`<!-- checked: … -->` above a table; see `tests/guide/mod.rs`):
//! rows read on a page, paths of the example site, settings that pass, settings required or
//! not as the table says, and the table of problem codes.

use super::doc::{Item, Table};
use super::settings::{merge, remove_setting, setting_path};
use super::{items, page_text, prospectus, site_for, squeeze};
use crate::support::*;
use rayon::prelude::*;
use std::collections::BTreeSet;

fn tables() -> Vec<Table> {
    items()
        .into_iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(t),
            Item::Block(_) => None,
        })
        .collect()
}

fn table_kinds(t: &Table) -> Vec<&'static str> {
    let kinds: Vec<&'static str> = ["page", "files", "settings", "required", "codes"]
        .into_iter()
        .filter(|k| t.words.has(k))
        .collect();
    assert!(
        !kinds.is_empty(),
        "{}: say page=URL, files, settings, required or codes",
        t.at
    );
    for w in t.words.keys() {
        assert!(
            kinds.contains(&w) || ["in", "site", "now", "group"].contains(&w),
            "{}: unknown word `{w}` (see tests/guide/mod.rs)",
            t.at
        );
    }
    kinds
}

#[test]
fn the_guide_s_checked_tables_hold() {
    let tables = tables();
    assert!(tables.len() >= 4, "the guide marks its tables");
    let checks: Vec<(&Table, &str)> = tables
        .iter()
        .flat_map(|t| table_kinds(t).into_iter().map(move |k| (t, k)))
        .collect();
    let failures: Vec<String> = checks
        .par_iter()
        .flat_map(|(t, k)| match *k {
            "page" => rows_on_page(t),
            "files" => files_exist(t),
            "settings" => settings_pass(t),
            "required" => required_as_said(t),
            "codes" => codes_are_the_program_s(t),
            _ => unreachable!(),
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn rows_on_page(t: &Table) -> Vec<String> {
    let url = t.words.get("page").expect("page=URL");
    let now = t.words.get("now").unwrap_or(NOW);
    let site = site_for(t.words.get("site").unwrap_or("base"), &t.at);
    let out = site.out();
    let (code, printed) = prospectus(
        &site,
        &["build", "--now", now, "--out", &out.to_string_lossy()],
    );
    if code != 0 {
        return vec![format!("{}: the build fails:\n{printed}", t.at)];
    }
    let page = match page_text(&out, url, &t.at) {
        Ok(p) => p,
        Err(e) => return vec![e],
    };
    let mut from = 0;
    let mut failures = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        let next_first = t.rows.get(i + 1).map(|r| squeeze(&r[0].text));
        let mut start = None;
        for cell in row {
            let want = squeeze(&cell.text);
            match page[from..].find(&want) {
                Some(p) => {
                    start.get_or_insert(from + p);
                    from += p + want.len();
                }
                None => {
                    failures.push(format!(
                        "{}: row {} of the table: «{want}» is not on {url} (in this order) after the rows above; the page reads:\n{page}",
                        t.at,
                        i + 1
                    ));
                    return failures;
                }
            }
        }
        if let (Some(s), Some(next)) = (start, next_first) {
            if page[s..from].contains(&next) {
                failures.push(format!(
                    "{}: row {}'s cells are spread over several entries of {url}",
                    t.at,
                    i + 1
                ));
            }
        }
    }
    failures
}

fn files_exist(t: &Table) -> Vec<String> {
    t.rows
        .iter()
        .flatten()
        .flat_map(|c| &c.code)
        .filter(|p| p.contains('/'))
        .filter(|p| !repo().join(p).exists())
        .map(|p| format!("{}: the example site has no {p}", t.at))
        .collect()
}

fn settings_pass(t: &Table) -> Vec<String> {
    let path = t.words.get("in").expect("settings in=PATH");
    let column = t
        .head
        .iter()
        .position(|c| c.text == "example")
        .unwrap_or_else(|| panic!("{}: the table has no column \"example\"", t.at));
    let settings: Vec<&String> = t
        .rows
        .iter()
        .flat_map(|row| row[column].code.iter().filter(|c| c.contains(" = ")))
        .collect();
    let errors_with = |settings: &[&String]| {
        let site = site_for(t.words.get("site").unwrap_or("base"), &t.at);
        for s in settings {
            let host = site.read(path);
            site.write(path, merge(&host, s, path.ends_with(".md"), &t.at));
        }
        let r = site.check();
        (!errors(&r).is_empty()).then(|| show(&r))
    };
    // All at once first (one check); one by one only to name the one at fault.
    if errors_with(&settings).is_none() {
        return Vec::new();
    }
    settings
        .iter()
        .filter_map(|s| {
            errors_with(&[s]).map(|shown| {
                format!(
                    "{}: the example `{s}` in {path} gives errors:\n{shown}",
                    t.at
                )
            })
        })
        .collect()
}

/// The settings a table lists (first column) and what its "required" column says: each one
/// said to be required, taken out of PATH (under `group=NAME`, in every item of a repeated
/// group), gives an error; each one said not to be, taken out, gives none.
fn required_as_said(t: &Table) -> Vec<String> {
    let path = t.words.get("in").expect("required in=PATH");
    let column = t
        .head
        .iter()
        .position(|c| c.text == "required")
        .unwrap_or_else(|| panic!("{}: the table has no column \"required\"", t.at));
    let rows: Vec<(Vec<String>, bool)> = t
        .rows
        .iter()
        .map(|row| {
            let said = &row[column].text;
            let required = match said.split([' ', ',', ':', '(']).next() {
                Some("yes") => true,
                Some("no") => false,
                _ => panic!("{}: \"{said}\" starts with neither yes nor no", t.at),
            };
            (setting_path(&row[0].code, t.words.get("group")), required)
        })
        .collect();
    // The site's report without the settings `keys`; None when the file has none of them.
    let without = |keys: &[&Vec<String>]| {
        let site = site_for(t.words.get("site").unwrap_or("base"), &t.at);
        let mut text = site.read(path);
        let mut removed = false;
        for k in keys {
            if let Some(t2) = remove_setting(&text, path.ends_with(".md"), k, &t.at) {
                text = t2;
                removed = true;
            }
        }
        removed.then(|| {
            site.write(path, text);
            site.check()
        })
    };
    let mut failures = Vec::new();
    for (keys, _) in rows.iter().filter(|(_, required)| *required) {
        match without(&[keys]) {
            None => failures.push(format!(
                "{}: {path} has no `{}` to take out",
                t.at,
                keys.join(".")
            )),
            Some(r) if errors(&r).is_empty() => failures.push(format!(
                "{}: the guide says `{}` is required, but {path} without it passes `check`",
                t.at,
                keys.join(".")
            )),
            Some(_) => {}
        }
    }
    // The optional ones all at once (one check), one by one only to name the one at fault.
    let optional: Vec<&Vec<String>> = rows.iter().filter(|(_, r)| !r).map(|(k, _)| k).collect();
    if without(&optional).is_some_and(|r| !errors(&r).is_empty()) {
        for keys in optional {
            if let Some(r) = without(&[keys]).filter(|r| !errors(r).is_empty()) {
                failures.push(format!(
                    "{}: the guide says `{}` may be left out, but {path} without it gives:\n{}",
                    t.at,
                    keys.join("."),
                    show(&r)
                ));
            }
        }
    }
    failures
}

/// The problem codes the source reports: the string that opens `Diagnostic::error(` and
/// `Diagnostic::warning(` calls.
fn codes_in_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read source");
        for call in ["Diagnostic::error(", "Diagnostic::warning("] {
            for (i, _) in text.match_indices(call) {
                let rest = text[i + call.len()..].trim_start();
                if let Some(lit) = rest.strip_prefix('"') {
                    let code = lit.split('"').next().unwrap_or("");
                    if code.len() > 1
                        && code
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        codes.insert(code.to_string());
                    }
                }
            }
        }
    }
    codes
}

fn codes_are_the_program_s(t: &Table) -> Vec<String> {
    let listed: BTreeSet<String> = t
        .rows
        .iter()
        .filter_map(|r| r[0].code.first().cloned())
        .collect();
    let source = codes_in_source();
    let mut failures = Vec::new();
    for c in source.difference(&listed) {
        failures.push(format!(
            "{}: the program reports `{c}`, which the table of codes does not explain",
            t.at
        ));
    }
    for c in listed.difference(&source) {
        let anywhere = walkdir::WalkDir::new(repo().join("src"))
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .any(|e| {
                std::fs::read_to_string(e.path()).is_ok_and(|s| s.contains(&format!("\"{c}\"")))
            });
        if !anywhere {
            failures.push(format!(
                "{}: the table explains `{c}`, which the program never reports",
                t.at
            ));
        }
    }
    failures
}
