//! Which text each site language shows for each UI string, and the one warning per language
//! that lacks some: its own text, else (for a counted text) its own `_other` form, else the
//! default language's text, else English's (the reference).

use super::{categories, cldr, Strings, CATEGORIES, REFERENCE};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::UiString;
use std::collections::{BTreeMap, BTreeSet};

type Table = BTreeMap<String, UiString>;

/// Resolves the strings of every site language; a language missing some strings gets a single
/// warning naming them and the file to add them to (the site's `i18n/<lang>.toml`).
pub fn resolve(
    all: &BTreeMap<String, Table>,
    languages: &[String],
    default: &str,
    d: &mut Diagnostics,
) -> BTreeMap<String, Strings> {
    let empty = Table::new();
    let reference = all.get(REFERENCE).unwrap_or(&empty);
    let (default_map, _) = own_table(all, default);
    let default_map = &default_map;
    // The language whose text stands in for a missing one (English when the default language
    // has no strings at all).
    let stand_in = if default_map.is_empty() {
        REFERENCE
    } else {
        default
    };
    let keys = Keys::of(reference, default_map);
    let mut out = BTreeMap::new();
    for lang in languages {
        let (own, via) = own_table(all, lang);
        let mut map = BTreeMap::new();
        let mut missing = Vec::new();
        let fallback = |k: &str| {
            default_map
                .get(k)
                .or_else(|| reference.get(k))
                .map(|s| s.text.clone())
        };
        for k in &keys.plain {
            match own.get(k) {
                Some(s) => {
                    map.insert(k.clone(), s.text.clone());
                }
                None => {
                    map.extend(fallback(k).map(|t| (k.clone(), t)));
                    missing.push(k.clone());
                }
            }
        }
        let forms = categories(lang);
        for prefix in &keys.counted {
            let other = format!("{prefix}_other");
            for cat in &forms {
                let k = format!("{prefix}_{cat}");
                let text = match own.get(&k) {
                    Some(s) => Some(s.text.clone()),
                    None => {
                        missing.push(k.clone());
                        // The language's own `_other` is closer than another language's form.
                        own.get(&other)
                            .map(|s| s.text.clone())
                            .or_else(|| fallback(&k))
                            .or_else(|| fallback(&other))
                    }
                };
                map.extend(text.map(|t| (k, t)));
            }
        }
        // Keys only this language has (a site's own templates may use them) are kept.
        for (k, s) in &own {
            map.entry(k.clone()).or_insert_with(|| s.text.clone());
        }
        missing.sort();
        if own.is_empty() {
            d.push(untranslated(lang, stand_in, all));
        } else if !missing.is_empty() {
            d.push(incomplete(lang, stand_in, &missing));
        }
        if let Some(from) = via.filter(|from| is_traditional_chinese(lang) && *from == "zh") {
            d.push(simplified_for_traditional(lang, from));
        }
        out.insert(lang.clone(), Strings { map });
    }
    out
}

/// The keys every language needs: plain ones, and the prefixes of counted texts (a key ending
/// in `_other` starts one: `days_other` → `days_one`, `days_few` … as the language needs).
struct Keys {
    plain: Vec<String>,
    counted: Vec<String>,
}

impl Keys {
    fn of(reference: &Table, default: &Table) -> Keys {
        let all: BTreeSet<&String> = reference.keys().chain(default.keys()).collect();
        let counted: Vec<String> = all
            .iter()
            .filter_map(|k| k.strip_suffix("_other").map(str::to_string))
            .collect();
        let is_form = |k: &str| {
            counted.iter().any(|p| {
                k.strip_prefix(p.as_str())
                    .and_then(|rest| rest.strip_prefix('_'))
                    .is_some_and(|cat| CATEGORIES.contains(&cat))
            })
        };
        Keys {
            plain: all.into_iter().filter(|k| !is_form(k)).cloned().collect(),
            counted,
        }
    }
}

/// A language's own strings: those of its tag ("pt-BR"), over those of its language ("pt"),
/// with the name of the language's table when some of its strings were used.
fn own_table<'a>(all: &'a BTreeMap<String, Table>, lang: &str) -> (Table, Option<&'a str>) {
    let mut own = all.get(lang).cloned().unwrap_or_default();
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    let mut via = None;
    if primary != lang {
        if let Some((name, t)) = all.get_key_value(primary) {
            for (k, s) in t {
                if !own.contains_key(k) {
                    own.insert(k.clone(), s.clone());
                    via = Some(name.as_str());
                }
            }
        }
    }
    (own, via)
}

/// "zh-Hant", "zh-TW", "zh-HK", "zh-MO": Chinese written in Traditional characters.
fn is_traditional_chinese(lang: &str) -> bool {
    let Ok(loc) = icu_locale_core::Locale::try_from_str(lang) else {
        return false;
    };
    loc.id.language.as_str() == "zh"
        && match loc.id.script {
            Some(s) => s.as_str() == "Hant",
            None => loc
                .id
                .region
                .is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO")),
        }
}

/// "English", "French": the name of a language in the English of the messages.
fn name(lang: &str) -> String {
    cldr::language_name(REFERENCE, lang)
}

fn untranslated(lang: &str, stand_in: &str, all: &BTreeMap<String, Table>) -> Diagnostic {
    let translated: Vec<&str> = all
        .iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(l, _)| l.as_str())
        .collect();
    Diagnostic::warning(
        "missing-ui-string",
        format!(
            "the interface has no UI strings in language `{lang}`: its menus, buttons and labels \
             are shown in {} instead",
            name(stand_in)
        ),
    )
    .in_file(&format!("i18n/{lang}.toml"))
    .with_hint(format!(
        "UI strings exist for {}; to translate the interface into `{lang}`, create \
         i18n/{lang}.toml with every key of the English list (see \"Interface languages\" in \
         the authors' guide)",
        translated.join(", ")
    ))
}

fn incomplete(lang: &str, stand_in: &str, missing: &[String]) -> Diagnostic {
    let shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
    Diagnostic::warning(
        "missing-ui-string",
        format!(
            "{} UI string{} missing in language `{lang}`: {}{}",
            missing.len(),
            if missing.len() == 1 { " is" } else { "s are" },
            shown.join(", "),
            if missing.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        ),
    )
    .in_file(&format!("i18n/{lang}.toml"))
    .with_hint(format!(
        "the {} text is shown instead (for a counted text, the language's own `_other` form); \
         add the keys to i18n/{lang}.toml to translate them",
        name(stand_in)
    ))
}

fn simplified_for_traditional(lang: &str, from: &str) -> Diagnostic {
    Diagnostic::warning(
        "missing-ui-string",
        format!(
            "language `{lang}` is written in Traditional characters, but the UI strings used \
             for it are those of `{from}`, in Simplified characters"
        ),
    )
    .in_file(&format!("i18n/{lang}.toml"))
    .with_hint(format!(
        "create i18n/{lang}.toml with the texts in Traditional characters (the keys are those \
         of i18n/{from}.toml)"
    ))
}
