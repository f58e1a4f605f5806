//! The UI strings the default theme ships (every language complete, its placeholders and plural
//! forms right), and how [`resolve`] and [`Strings::count`] use strings.

use super::*;
use crate::diag::Diagnostics;
use crate::load::theme;
use crate::model::UiString;
use std::collections::{BTreeMap, BTreeSet};

type All = BTreeMap<String, BTreeMap<String, UiString>>;

/// The languages of `themes/default/i18n/`.
const SHIPPED: [&str; 9] = ["ar", "de", "en", "es", "fr", "it", "pt", "ru", "zh"];

/// The strings built into the binary (the default theme, no site).
fn shipped() -> All {
    let mut d = Diagnostics::new();
    let site = "title = \"T\"\nbase_url = \"https://t.example.org\"\n\
                [organisation]\nname = \"T\"\nurl = \"https://t.example.org\"\n";
    let config = crate::load::config::parse(site, None, &mut d).expect("a valid site.toml");
    let t = theme::load(std::path::Path::new("/nonexistent/site"), &config, &mut d);
    assert!(d.items().is_empty(), "{:?}", d.items());
    t.i18n
}

/// `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The prefixes of the counted texts: keys of English ending in `_other`.
fn counted(en: &BTreeMap<String, UiString>) -> Vec<&str> {
    en.keys().filter_map(|k| k.strip_suffix("_other")).collect()
}

/// (prefix, category) when `key` is a form of a counted text.
fn form_of<'a>(key: &'a str, prefixes: &[&str]) -> Option<(&'a str, &'a str)> {
    let (prefix, cat) = key.rsplit_once('_')?;
    (prefixes.contains(&prefix) && CATEGORIES.contains(&cat)).then_some((prefix, cat))
}

#[test]
fn the_theme_ships_nine_languages() {
    let all = shipped();
    let langs: Vec<&str> = all.keys().map(String::as_str).collect();
    assert_eq!(langs, SHIPPED);
}

#[test]
fn every_shipped_language_has_every_key_and_only_its_plural_forms() {
    let all = shipped();
    let en = &all["en"];
    let prefixes = counted(en);
    assert!(prefixes.len() >= 7, "{prefixes:?}");
    let plain: BTreeSet<&str> = en
        .keys()
        .map(String::as_str)
        .filter(|k| form_of(k, &prefixes).is_none())
        .collect();
    for lang in SHIPPED {
        let own = &all[lang];
        let own_plain: BTreeSet<&str> = own
            .keys()
            .map(String::as_str)
            .filter(|k| form_of(k, &prefixes).is_none())
            .collect();
        let missing: Vec<_> = plain.difference(&own_plain).collect();
        let extra: Vec<_> = own_plain.difference(&plain).collect();
        assert!(missing.is_empty(), "{lang}.toml lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang}.toml has keys English lacks: {extra:?}"
        );
        let needed = categories(lang);
        for prefix in &prefixes {
            let mut forms: Vec<&str> = own
                .keys()
                .filter_map(|k| form_of(k, &prefixes))
                .filter(|(p, _)| p == prefix)
                .map(|(_, cat)| cat)
                .collect();
            forms.sort_by_key(|cat| CATEGORIES.iter().position(|c| c == cat));
            assert_eq!(forms, needed, "{lang}.toml: the forms of {prefix}_…");
        }
    }
}

#[test]
fn every_shipped_string_keeps_the_placeholders_of_english() {
    let all = shipped();
    let en = &all["en"];
    let prefixes = counted(en);
    for lang in SHIPPED {
        for (key, s) in &all[lang] {
            let got = placeholders(&s.text);
            match form_of(key, &prefixes) {
                Some((prefix, cat)) => {
                    let mut want = placeholders(&en[&format!("{prefix}_other")].text);
                    // "يوم واحد", "one day": a form for a single number may say it in words.
                    if !got.contains("n") && is_single_number(lang, cat) {
                        want.remove("n");
                    }
                    assert_eq!(got, want, "{lang}: {key} = {:?}", s.text);
                }
                None => {
                    let want = placeholders(&en[key].text);
                    assert_eq!(got, want, "{lang}: {key} = {:?}", s.text);
                }
            }
        }
    }
}

#[test]
fn shipped_strings_are_clean_text() {
    let all = shipped();
    for lang in SHIPPED {
        for (key, s) in &all[lang] {
            let t = &s.text;
            assert!(!t.trim().is_empty(), "{lang}: {key} is empty");
            if key != "list_separator" {
                assert_eq!(t.trim(), t, "{lang}: {key} has spaces around it");
            }
            assert!(!t.contains("  "), "{lang}: {key} has a double space");
            assert_eq!(
                t.matches('{').count(),
                t.matches('}').count(),
                "{lang}: {key} = {t:?}"
            );
            assert!(
                !t.contains(['<', '>', '&']),
                "{lang}: {key} is text, not HTML"
            );
            // Typographic apostrophes, as in the rest of the text.
            if matches!(lang, "fr" | "it") {
                assert!(!t.contains('\''), "{lang}: {key} = {t:?}");
            }
        }
    }
}

#[test]
fn a_shipped_language_resolves_without_warnings() {
    let all = shipped();
    let langs: Vec<String> = SHIPPED.iter().map(|l| l.to_string()).collect();
    for default in ["en", "fr", "ar", "zh"] {
        let mut d = Diagnostics::new();
        let strings = resolve(&all, &langs, default, &mut d);
        assert!(d.items().is_empty(), "default {default}: {:?}", d.items());
        for lang in SHIPPED {
            // Every key English has is there, in the language's own words.
            assert_eq!(
                strings[lang].get("nav_courses"),
                all[lang]["nav_courses"].text
            );
        }
    }
}

/// Strings of one language from (key, text) pairs.
fn table(pairs: &[(&str, &str)]) -> BTreeMap<String, UiString> {
    pairs
        .iter()
        .map(|(k, t)| {
            (
                k.to_string(),
                UiString {
                    text: t.to_string(),
                    file: "test".into(),
                },
            )
        })
        .collect()
}

#[test]
fn counted_texts_take_the_form_of_the_language() {
    let all = shipped();
    let langs: Vec<String> = SHIPPED.iter().map(|l| l.to_string()).collect();
    let s = resolve(&all, &langs, "en", &mut Diagnostics::new());
    let days = |lang: &str, n: i64| s[lang].count(lang, "days", n, &n.to_string());
    assert_eq!(days("en", 1), "1 day");
    assert_eq!(days("en", 6), "6 days");
    assert_eq!(days("ru", 1), "1 день");
    assert_eq!(days("ru", 3), "3 дня");
    assert_eq!(days("ru", 6), "6 дней");
    assert_eq!(days("ru", 11), "11 дней");
    assert_eq!(days("ru", 21), "21 день");
    assert_eq!(days("ru", 24), "24 дня");
    assert_eq!(days("ar", 1), "يوم واحد");
    // Two days in the genitive, as after "خلال" (within).
    assert_eq!(days("ar", 2), "يومين");
    assert_eq!(days("ar", 6), "6 أيام");
    assert_eq!(days("ar", 14), "14 يومًا");
    assert_eq!(days("ar", 100), "100 يوم");
    assert_eq!(days("zh", 6), "6天");
    assert_eq!(days("fr", 1_000_000), "1000000 de jours");
    assert_eq!(days("de", 1), "1 Tag");
    assert_eq!(days("it", 6), "6 giorni");
    assert_eq!(days("pt", 1), "1 dia");
    // "_none" stands for 0 where a language has it; elsewhere 0 takes its plural form.
    let count = |lang: &str, n: i64| s[lang].count(lang, "filter_count", n, &n.to_string());
    assert_eq!(count("en", 0), "No course matches");
    assert_eq!(count("ru", 0), "Подходящих курсов нет");
    assert_eq!(count("ru", 2), "Найдено 2 курса");
    assert_eq!(s["fr"].count("fr", "courses_count", 0, "0"), "0 formation");
    // The number is written as the caller gives it.
    assert_eq!(
        s["de"].count("de", "courses_count", 1860, "1.860"),
        "1.860 Kurse"
    );
}

#[test]
fn a_language_without_strings_gets_the_default_ones_and_one_warning() {
    let all = shipped();
    let langs = vec!["ja".to_string(), "fr".to_string()];
    let mut d = Diagnostics::new();
    let s = resolve(&all, &langs, "fr", &mut d);
    assert_eq!(s["ja"].get("nav_courses"), "Formations");
    // Japanese has one plural form: French's `_other` stands for every number.
    assert_eq!(s["ja"].count("ja", "days", 1, "1"), "1 jours");
    assert_eq!(d.items().len(), 1, "{:?}", d.items());
    let w = &d.items()[0];
    assert_eq!(w.code, "missing-ui-string");
    assert_eq!(w.file.as_deref(), Some("i18n/ja.toml"));
    assert!(
        w.message.contains("no UI strings in language `ja`") && w.message.contains("in French"),
        "{}",
        w.message
    );
    assert!(w.hint.as_deref().unwrap_or("").contains("i18n/ja.toml"));
    // With English as the default, the texts are English.
    let mut d = Diagnostics::new();
    let s = resolve(&all, &["ja".to_string()], "ja", &mut d);
    assert_eq!(s["ja"].get("nav_courses"), "Courses");
    assert_eq!(d.items().len(), 1);
    assert!(
        d.items()[0].message.contains("in English"),
        "{}",
        d.items()[0].message
    );
}

#[test]
fn missing_strings_are_named_once_per_language_with_the_file() {
    let mut all = shipped();
    // A site's own Ukrainian with two texts, one of them counted, and a site key in English.
    all.insert(
        "uk".into(),
        table(&[("nav_courses", "Курси"), ("days_other", "{n} дня")]),
    );
    all.get_mut("en")
        .unwrap()
        .extend(table(&[("extra_note", "Extra note")]));
    let langs = vec!["en".to_string(), "uk".to_string(), "de".to_string()];
    let mut d = Diagnostics::new();
    let s = resolve(&all, &langs, "en", &mut d);
    let items = d.items();
    assert_eq!(items.len(), 2, "{items:?}");
    let uk = items
        .iter()
        .find(|w| w.file.as_deref() == Some("i18n/uk.toml"));
    let uk = uk.expect("a warning for uk");
    // Ukrainian needs one, few, many and other: every text but one is missing, and of the
    // counted ones every form but `days_other`.
    let en = &all["en"];
    let prefixes = counted(en);
    let plain = en
        .keys()
        .filter(|k| form_of(k, &prefixes).is_none())
        .count();
    let missing = plain - 1 + prefixes.len() * 4 - 1;
    assert!(
        uk.message.starts_with(&format!(
            "{missing} UI strings are missing in language `uk`: "
        )),
        "{}",
        uk.message
    );
    // The missing forms use Ukrainian's own `_other`; the missing texts, English.
    assert_eq!(s["uk"].count("uk", "days", 1, "1"), "1 дня");
    assert_eq!(s["uk"].get("nav_notices"), "Notices");
    assert_eq!(s["uk"].get("nav_courses"), "Курси");
    let de = items
        .iter()
        .find(|w| w.file.as_deref() == Some("i18n/de.toml"));
    let de = de.expect("a warning for de");
    assert!(
        de.message
            .ends_with("1 UI string is missing in language `de`: extra_note"),
        "{}",
        de.message
    );
    assert_eq!(s["de"].get("extra_note"), "Extra note");
}

#[test]
fn a_regional_language_takes_its_language_strings_under_its_own() {
    let mut all = shipped();
    all.insert("pt-PT".into(), table(&[("contacts", "Contactos")]));
    let langs = vec![
        "pt-PT".to_string(),
        "pt-BR".to_string(),
        "zh-TW".to_string(),
    ];
    let mut d = Diagnostics::new();
    let s = resolve(&all, &langs, "pt-PT", &mut d);
    assert_eq!(s["pt-PT"].get("contacts"), "Contactos");
    assert_eq!(s["pt-PT"].get("nav_courses"), "Cursos");
    assert_eq!(s["pt-BR"].get("contacts"), "Contatos");
    // Traditional Chinese gets the Simplified strings, and a warning saying so.
    assert_eq!(s["zh-TW"].get("nav_courses"), "课程");
    assert_eq!(d.items().len(), 1, "{:?}", d.items());
    assert_eq!(d.items()[0].file.as_deref(), Some("i18n/zh-TW.toml"));
    assert!(d.items()[0].message.contains("Traditional"));
}

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
fn direction_follows_the_script() {
    for rtl in [
        "ar", "ar-EG", "he", "fa", "fa-AF", "ur", "ps", "ckb", "dv", "yi", "sd", "ug", "az-Arab",
        "pa-Arab", "ku-Arab",
    ] {
        assert!(is_rtl(rtl), "{rtl}");
    }
    for ltr in [
        "en",
        "zh",
        "ru",
        "ku",
        "sd-Deva",
        "uz-Latn",
        "ar-Latn",
        "ja",
        "",
        "not a tag",
    ] {
        assert!(!is_rtl(ltr), "{ltr}");
    }
}
