//! The theme: templates, static files and UI strings, from the embedded default theme, a theme
//! folder of the site, and the site's own overrides (`templates/`, `static/`, `i18n/`).

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::{DeTable, DeValue};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A UI string and where it was defined (for warnings).
#[derive(Clone, Debug)]
pub struct UiString {
    pub text: String,
    pub file: String,
}

#[derive(Default, Debug)]
pub struct Theme {
    /// Template name (path below `templates/`) → source.
    pub templates: BTreeMap<String, String>,
    /// Output path → bytes, for the theme's and the site's static files.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Language → key → string.
    pub i18n: BTreeMap<String, BTreeMap<String, UiString>>,
}

impl Theme {
    fn add(&mut self, rel: &str, bytes: Vec<u8>, origin: &str, d: &mut Diagnostics) {
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(t) => {
                    self.templates.insert(name.to_string(), t);
                }
                Err(_) => d.push(
                    Diagnostic::error("not-utf8", "the template is not UTF-8 text").in_file(origin),
                ),
            }
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        } else if let Some(name) = rel.strip_prefix("i18n/") {
            if let Some(lang) = name.strip_suffix(".toml") {
                match String::from_utf8(bytes) {
                    Ok(t) => self.add_strings(lang, &t, origin, d),
                    Err(_) => d.push(
                        Diagnostic::error("not-utf8", "the file is not UTF-8 text").in_file(origin),
                    ),
                }
            }
        }
    }

    fn add_strings(&mut self, lang: &str, text: &str, origin: &str, d: &mut Diagnostics) {
        let src = SourceText::new(origin, text);
        let table = match DeTable::parse(text) {
            Ok(t) => t,
            Err(e) => {
                d.push(super::frontmatter::toml_error(&src, &e));
                return;
            }
        };
        let strings = self.i18n.entry(lang.to_string()).or_default();
        for (k, v) in table.get_ref().iter() {
            match v.get_ref() {
                DeValue::String(s) => {
                    strings.insert(
                        k.get_ref().to_string(),
                        UiString {
                            text: s.to_string(),
                            file: origin.to_string(),
                        },
                    );
                }
                _ => d.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!("UI string `{}` must be text in quotes", k.get_ref()),
                    )
                    .at(&src, v.span()),
                ),
            }
        }
    }
}

/// The built-in default theme's source of template `name` (path below `templates/`).
pub fn default_template(name: &str) -> Option<&'static [u8]> {
    let rel = format!("templates/{name}");
    embedded::FILES
        .iter()
        .find(|(r, _)| *r == rel)
        .map(|(_, bytes)| *bytes)
}

/// Loads the theme `name` for the site at `root`.
pub fn load(root: &Path, name: &str, d: &mut Diagnostics) -> Theme {
    let mut theme = Theme::default();
    let plain_name = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0'])
        && !Path::new(name).is_absolute();
    if !plain_name {
        d.push(
            Diagnostic::error(
                "unknown-theme",
                format!("theme \"{name}\" is not a folder name inside themes/"),
            )
            .in_file(crate::config::CONFIG_FILE)
            .with_hint("write the name of a folder in themes/, like theme = \"default\""),
        );
        return theme;
    }
    if name == "default" {
        for (rel, bytes) in embedded::FILES {
            theme.add(rel, bytes.to_vec(), &format!("(built-in theme)/{rel}"), d);
        }
    }
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        for (path, rel) in super::walk::safe_walk(root, &dir, d) {
            let inner = rel
                .trim_start_matches(&format!("themes/{name}/"))
                .to_string();
            match std::fs::read(&path) {
                Ok(b) => theme.add(&inner, b, &rel, d),
                Err(e) => {
                    d.push(Diagnostic::error("io", format!("cannot read: {e}")).in_file(&rel))
                }
            }
        }
    } else if name != "default" {
        d.push(
            Diagnostic::error(
                "unknown-theme",
                format!("theme \"{name}\" was not found in themes/{name}/"),
            )
            .in_file(crate::config::CONFIG_FILE)
            .with_hint("remove the `theme` line to use the built-in default theme"),
        );
    }
    for sub in ["templates", "static", "i18n"] {
        let dir = root.join(sub);
        if !dir.is_dir() {
            continue;
        }
        for (path, rel) in super::walk::safe_walk(root, &dir, d) {
            match std::fs::read(&path) {
                Ok(b) => theme.add(&rel, b, &rel, d),
                Err(e) => {
                    d.push(Diagnostic::error("io", format!("cannot read: {e}")).in_file(&rel))
                }
            }
        }
    }
    theme
}
