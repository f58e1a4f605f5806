//! UI strings per language, with fallback to the default language (and to English, the theme's
//! reference), and the CLDR formatting of dates, numbers and money in [`cldr`].

pub mod cldr;
mod plural;
mod resolve;

pub use plural::{categories, is_single_number, plural, CATEGORIES};
pub use resolve::resolve;

#[cfg(test)]
mod tests;

/// Whether text in `lang` runs right to left: an explicit script subtag decides ("az-Arab",
/// "pa-Arab" yes, "sd-Deva" no), else the language's usual script as CLDR has it (Kurdish `ku`
/// is Kurmanji, in Latin letters; Central Kurdish `ckb` is in Arabic ones).
pub fn is_rtl(lang: &str) -> bool {
    const RTL_SCRIPTS: [&str; 9] = [
        "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr",
    ];
    const RTL_LANGUAGES: [&str; 18] = [
        "ar", "arc", "bal", "ckb", "dv", "fa", "he", "ks", "lrc", "mzn", "nqo", "prs", "ps", "sd",
        "syr", "ug", "ur", "yi",
    ];
    let Ok(loc) = icu_locale_core::Locale::try_from_str(lang.trim()) else {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        return RTL_LANGUAGES.contains(&primary);
    };
    match loc.id.script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&loc.id.language.as_str()),
    }
}

use std::collections::BTreeMap;

/// The language whose strings file lists every key the theme uses.
pub const REFERENCE: &str = "en";

/// Every UI string in one language, fallbacks already applied.
#[derive(Clone, Debug, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings {
    map: BTreeMap<String, String>,
}

impl Strings {
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// A string with `{name}` placeholders filled. One pass over the UI string: a value is
    /// never read again, so a title written with `{code}` in it stays as written.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The counted text `{prefix}_…` for `n`, with `{n}` filled with `shown` (the number as
    /// the page writes it): `{prefix}_none` for 0 where the strings have it ("No course
    /// matches"), else the form of `n`'s CLDR plural category in `lang`, else `{prefix}_other`.
    /// `assets/find.js` and `assets/prospectus.js` choose the same way in the browser.
    pub fn count(&self, lang: &str, prefix: &str, n: i64, shown: &str) -> String {
        let none = format!("{prefix}_none");
        let form = format!("{prefix}_{}", plural(lang, n));
        let key = if n == 0 && self.has(&none) {
            none
        } else if self.has(&form) {
            form
        } else {
            format!("{prefix}_other")
        };
        self.fill(&key, &[("n", shown)])
    }

    /// Every (key, text), in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The strings whose keys are in `keys` (what one template uses); `*prefix` entries keep
    /// every key starting with `prefix`.
    pub fn subset(&self, keys: &std::collections::BTreeSet<String>) -> Strings {
        let prefixes: Vec<&str> = keys.iter().filter_map(|k| k.strip_prefix('*')).collect();
        Strings {
            map: self
                .map
                .iter()
                .filter(|(k, _)| keys.contains(*k) || prefixes.iter().any(|p| k.starts_with(p)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }
}

/// `template` with each `{name}` of `args` replaced by its value; other braces stay as they are.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl FromIterator<(String, String)> for Strings {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        Strings {
            map: pairs.into_iter().collect(),
        }
    }
}
