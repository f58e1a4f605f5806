//! The theme: templates, static files and UI strings, from the embedded default theme, a theme
//! folder of the site, and the site's own overrides (`templates/`, `static/`, `i18n/`).

use super::config::{publishes_hidden, CONFIG_FILE};
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::theme::FINGERPRINTED;
use crate::model::{SiteConfig, Theme, UiString};
use std::path::Path;
use toml::de::{DeTable, DeValue};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Adds a file of a theme (`templates/…`, `static/…` or `i18n/<lang>.toml`).
fn add(theme: &mut Theme, rel: &str, bytes: Vec<u8>, origin: &str, d: &mut Diagnostics) {
    if let Some(name) = rel.strip_prefix("templates/") {
        match String::from_utf8(bytes) {
            Ok(t) => {
                theme.templates.insert(name.to_string(), t);
            }
            Err(_) => d.push(
                Diagnostic::error("not-utf8", "the template is not UTF-8 text").in_file(origin),
            ),
        }
    } else if let Some(name) = rel.strip_prefix("static/") {
        theme.statics.insert(name.to_string(), bytes);
        theme
            .static_origins
            .insert(name.to_string(), origin.to_string());
    } else if let Some(name) = rel.strip_prefix("i18n/") {
        if let Some(lang) = name.strip_suffix(".toml") {
            match String::from_utf8(bytes) {
                Ok(t) => add_strings(theme, lang, &t, origin, d),
                Err(_) => d.push(
                    Diagnostic::error("not-utf8", "the file is not UTF-8 text").in_file(origin),
                ),
            }
        }
    }
}

/// Adds the UI strings of `lang` from an `i18n/` file.
fn add_strings(theme: &mut Theme, lang: &str, text: &str, origin: &str, d: &mut Diagnostics) {
    let src = SourceText::new(origin, text);
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            d.push(super::frontmatter::toml_error(&src, &e));
            return;
        }
    };
    let strings = theme.i18n.entry(lang.to_string()).or_default();
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

/// The built-in default theme's source of template `name` (path below `templates/`).
pub fn default_template(name: &str) -> Option<&'static [u8]> {
    let rel = format!("templates/{name}");
    embedded::FILES
        .iter()
        .find(|(r, _)| *r == rel)
        .map(|(_, bytes)| *bytes)
}

/// Walks a theme folder or one of the site's (`templates/`, `static/`, `i18n/`): hidden files and
/// folders are skipped, but those of a `static/` folder that `config` lists in `[static] hidden`;
/// the other hidden ones of a `static/` folder are reported (not published).
fn walk(
    root: &Path,
    dir: &Path,
    config: &SiteConfig,
    d: &mut Diagnostics,
) -> Vec<(std::path::PathBuf, String)> {
    // `static/x` or `themes/<name>/static/x` → `x`.
    fn in_static(rel: &str) -> Option<&str> {
        rel.strip_prefix("static/").or_else(|| {
            let theme_rel = rel.strip_prefix("themes/")?.split_once('/')?.1;
            theme_rel.strip_prefix("static/")
        })
    }
    let keep = |rel: &str| in_static(rel).is_some_and(|p| publishes_hidden(config, p));
    let walked = super::walk::walk_keeping(root, dir, &keep, d);
    for rel in walked.hidden {
        if in_static(&rel).is_some() {
            d.push(
                Diagnostic::warning(
                    "hidden-file",
                    format!("{rel} is hidden (its name starts with a dot): it is not published"),
                )
                .in_file(&rel)
                .with_hint(format!(
                    "hidden files often hold private things (.git, .env) and are not published; to publish this one anyway, list it in site.toml: [static] hidden = [\"{}\"]",
                    in_static(&rel).unwrap_or(&rel)
                )),
            );
        }
    }
    walked.files
}

/// Loads the theme of `config` for the site at `root`.
pub fn load(root: &Path, config: &SiteConfig, d: &mut Diagnostics) -> Theme {
    let name = config.theme.as_str();
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
            .in_file(CONFIG_FILE)
            .with_hint("write the name of a folder in themes/, like theme = \"default\""),
        );
        return theme;
    }
    if name == "default" {
        for (rel, bytes) in embedded::FILES {
            add(
                &mut theme,
                rel,
                bytes.to_vec(),
                &format!("(built-in theme)/{rel}"),
                d,
            );
        }
    }
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        for (path, rel) in walk(root, &dir, config, d) {
            let inner = rel
                .trim_start_matches(&format!("themes/{name}/"))
                .to_string();
            match std::fs::read(&path) {
                Ok(b) => add(&mut theme, &inner, b, &rel, d),
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
            .in_file(CONFIG_FILE)
            .with_hint("remove the `theme` line to use the built-in default theme"),
        );
    }
    for sub in ["templates", "static", "i18n"] {
        let dir = root.join(sub);
        if !dir.is_dir() {
            continue;
        }
        for (path, rel) in walk(root, &dir, config, d) {
            match std::fs::read(&path) {
                Ok(b) => add(&mut theme, &rel, b, &rel, d),
                Err(e) => {
                    d.push(Diagnostic::error("io", format!("cannot read: {e}")).in_file(&rel))
                }
            }
        }
    }
    fingerprint(&mut theme);
    theme
}

/// Renames the files of [`FINGERPRINTED`] to `<stem>.<hash>.<ext>`, the hash (FNV-1a, 64 bits,
/// 12 hex digits) of their bytes: the same bytes always give the same name.
fn fingerprint(theme: &mut Theme) {
    use std::hash::Hasher;
    for path in FINGERPRINTED {
        let Some(bytes) = theme.statics.remove(path) else {
            continue;
        };
        let mut h = fnv::FnvHasher::default();
        h.write(&bytes);
        let hash = format!("{:016x}", h.finish());
        let (stem, ext) = path.rsplit_once('.').unwrap_or((path, ""));
        let name = format!("{stem}.{}.{ext}", &hash[..12]);
        if let Some(origin) = theme.static_origins.remove(path) {
            theme.static_origins.insert(name.clone(), origin);
        }
        theme.statics.insert(name.clone(), bytes);
        theme.fingerprinted.insert(path.to_string(), name);
    }
}
