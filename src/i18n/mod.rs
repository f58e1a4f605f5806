//! UI strings per language, with fallback to the default language (and to English, the theme's
//! reference), and the CLDR formatting of dates, numbers and money in [`cldr`].

pub mod cldr;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::theme::UiString;
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

/// Resolves the strings of every site language; a key missing in a language gets the default
/// language's (else the reference's) text and a warning naming the key.
pub fn resolve(
    all: &BTreeMap<String, BTreeMap<String, UiString>>,
    languages: &[String],
    default: &str,
    d: &mut Diagnostics,
) -> BTreeMap<String, Strings> {
    let empty = BTreeMap::new();
    let reference = all.get(REFERENCE).unwrap_or(&empty);
    let default_map = all.get(default).unwrap_or(&empty);
    let mut keys: Vec<&String> = reference.keys().chain(default_map.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = BTreeMap::new();
    for lang in languages {
        let own = all
            .get(lang)
            .or_else(|| all.get(lang.split('-').next().unwrap_or(lang)))
            .unwrap_or(&empty);
        let mut map = BTreeMap::new();
        let mut missing = Vec::new();
        for k in &keys {
            if let Some(s) = own.get(*k) {
                map.insert((*k).clone(), s.text.clone());
            } else {
                let fallback = default_map.get(*k).or_else(|| reference.get(*k));
                if let Some(s) = fallback {
                    map.insert((*k).clone(), s.text.clone());
                }
                missing.push((*k).clone());
            }
        }
        // Keys only this language needs (Arabic plural forms such as `days_few`) are kept.
        for (k, s) in own {
            map.entry(k.clone()).or_insert_with(|| s.text.clone());
        }
        if !missing.is_empty() {
            // Where the author adds the strings: the site's own override file.
            let file = format!("i18n/{lang}.toml");
            let shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
            d.push(
                Diagnostic::warning(
                    "missing-ui-string",
                    format!(
                        "{} UI string{} missing in language `{lang}`: {}{}",
                        missing.len(),
                        if missing.len() == 1 { " is" } else { "s are" },
                        shown.join(", "),
                        if missing.len() > shown.len() { ", …" } else { "" }
                    ),
                )
                .in_file(&file)
                .with_hint(format!("the {default} text is used instead; add the keys to i18n/{lang}.toml to translate them")),
            );
        }
        out.insert(lang.clone(), Strings { map });
    }
    out
}

/// CLDR plural category of `n` in `lang` (`one`, `two`, `few`, `many`, `zero` or `other`).
pub fn plural(lang: &str, n: i64) -> &'static str {
    thread_local! {
        /// Building the rules takes longer than a page's text: once per (language, n) and thread.
        static MEMO: std::cell::RefCell<std::collections::HashMap<(String, i64), &'static str>> =
            Default::default();
    }
    if let Some(hit) = MEMO.with(|m| m.borrow().get(&(lang.to_string(), n)).copied()) {
        return hit;
    }
    let category = plural_uncached(lang, n);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 100_000 {
            m.clear();
        }
        m.insert((lang.to_string(), n), category);
    });
    category
}

fn plural_uncached(lang: &str, n: i64) -> &'static str {
    use icu_plurals::{PluralCategory, PluralRules};
    let Ok(locale) = lang.parse::<icu_locale_core::Locale>() else {
        return if n == 1 { "one" } else { "other" };
    };
    let Ok(rules) = PluralRules::try_new_cardinal(locale.into()) else {
        return if n == 1 { "one" } else { "other" };
    };
    match rules.category_for(n) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_reads_each_value_once() {
        let t = "{title} ({code})";
        assert_eq!(
            fill(t, &[("title", "Budget {code} {session}"), ("code", "A1")]),
            "Budget {code} {session} (A1)"
        );
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "x")]), "{b}x");
        assert_eq!(fill("{ n } {n} {", &[("n", "3")]), "{ n } 3 {");
        assert_eq!(fill("{unknown}", &[("n", "3")]), "{unknown}");
    }

    #[test]
    fn plural_categories() {
        assert_eq!(plural("en", 1), "one");
        assert_eq!(plural("en", 3), "other");
        assert_eq!(plural("fr", 0), "one");
        assert_eq!(plural("ar", 2), "two");
        assert_eq!(plural("ar", 5), "few");
        assert_eq!(plural("ar", 11), "many");
    }
}
