//! The languages of the interface: the fixture site `tests/fixtures/languages/` in the nine
//! languages the theme ships UI strings for (ar zh en fr ru es de it pt) and in Persian, which
//! it ships none for. Each page is in its language with its direction, its labels, its plural
//! forms and its CLDR dates and amounts; a language without strings falls back with one
//! warning; a site whose only language is not shipped still builds.

mod fallback;

use crate::support::*;
use prospectus::diag::Diagnostic;
use prospectus::Outcome;
use std::sync::OnceLock;

/// The languages of the fixture, in the order of its language switcher.
const LANGS: [&str; 10] = ["en", "fr", "es", "ar", "zh", "ru", "de", "it", "pt", "fa"];

fn site() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let b = Site::fixture("languages").built();
        assert_success(&b.report);
        b
    })
}

fn ui_warnings(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.code == "missing-ui-string")
        .collect()
}

/// The `<html …>` tag of a page.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").expect("an <html> tag");
    &page[start..start + page[start..].find('>').expect("closed")]
}

#[test]
fn every_page_says_its_language_and_direction() {
    let b = site();
    let html = b.html_files();
    for lang in LANGS {
        let dir = if matches!(lang, "ar" | "fa") {
            "rtl"
        } else {
            "ltr"
        };
        let pages: Vec<&String> = html
            .iter()
            .filter(|f| f.starts_with(&format!("{lang}/")))
            .collect();
        // Home, catalogue, 4 course pages (one own, three shown from another language's page
        // only in the catalogue: their own pages are in their language), topics, calendar …
        assert!(pages.len() >= 9, "{lang}: {pages:?}");
        for f in pages {
            let tag = attr_pair(html_tag(&b.page(f)));
            assert_eq!(tag, (lang.to_string(), dir.to_string()), "{f}");
        }
    }
}

fn attr_pair(tag: &str) -> (String, String) {
    let get = |name: &str| {
        let key = format!(" {name}=\"");
        tag.find(&key)
            .map(|i| {
                let rest = &tag[i + key.len()..];
                rest[..rest.find('"').unwrap_or(0)].to_string()
            })
            .unwrap_or_default()
    };
    (get("lang"), get("dir"))
}

/// What a visitor reads on the course page and in the catalogue, per language: the labels of
/// the language, its plural forms, and its CLDR dates (one range within a month, one across
/// months), amounts and lists.
#[test]
fn each_language_shows_its_own_labels_dates_amounts_and_plurals() {
    let b = site();
    let cases: [(&str, &[&str], &[&str]); 9] = [
        (
            "en",
            &[
                "Application deadline 26 August 2025",
                "Dates 22–26 September 2025",
                "Fee €1,860",
                "Applications close in 6 days — 26 August 2025",
                "Language of instruction English, French, Spanish, Arabic, Chinese, Russian",
                "Until 8 September 2025 Full refund 9–14 September 2025 50% refund",
            ],
            &["4 courses", "6 October – 28 November 2025", "Page in German"],
        ),
        (
            "fr",
            &[
                "Date limite de candidature 26 août 2025",
                "Dates 22–26 septembre 2025",
                "Coût 1\u{202f}860\u{a0}€",
                "Les candidatures ferment dans 6 jours — 26 août 2025",
                "Remboursement de 50\u{a0}%",
            ],
            &["4 formations", "6 octobre – 28 novembre 2025", "Page en allemand"],
        ),
        (
            "es",
            &[
                "Fecha límite de inscripción 26 de agosto de 2025",
                "Fechas 22–26 de septiembre de 2025",
                "Costo 1860\u{a0}€",
                "Las inscripciones cierran en 6 días — 26 de agosto de 2025",
            ],
            &["4 cursos", "Página en alemán", "Costo 2400\u{a0}CHF"],
        ),
        (
            "ar",
            &[
                "آخر موعد للتقديم 26 أغسطس 2025",
                "التواريخ 22–26 سبتمبر 2025",
                "الرسوم \u{200f}1,860\u{a0}€",
                "يُغلق التقديم خلال 6 أيام — 26 أغسطس 2025",
                "الإنجليزية، الفرنسية، الإسبانية",
            ],
            // Four courses: the Arabic plural of 3–10.
            &["4 دورات", "الصفحة باللغة الألمانية"],
        ),
        (
            "zh",
            &[
                "报名截止日期 2025年8月26日",
                "日期 2025年9月22日至9月26日",
                "费用 €1,860",
                "报名将于6天后截止：2025年8月26日",
                "授课语言 英语、法语、西班牙语、阿拉伯语、中文、俄语",
            ],
            &["共4门课程", "2025年10月6日至11月28日", "页面语言：德语"],
        ),
        (
            "ru",
            &[
                "Срок подачи заявок 26 августа 2025\u{202f}г.",
                "Сроки проведения 22–26 сентября 2025\u{202f}г.",
                "Стоимость 1\u{a0}860\u{a0}€",
                "Приём заявок завершится через 6 дней — 26 августа 2025\u{202f}г.",
                "По 8 сентября 2025\u{202f}г. включительно Полный возврат",
            ],
            // 4: the Russian "few" form; 45 000 roubles with the rouble sign.
            &["4 курса", "Язык страницы: немецкий", "45\u{a0}000\u{a0}₽"],
        ),
        (
            "de",
            &[
                "Bewerbungsschluss 26. August 2025",
                "Zeitraum 22.–26. September 2025",
                "Teilnahmegebühr 1.860\u{a0}€",
                "Bewerbung nur noch 6 Tage möglich — 26. August 2025",
                "Bis 8. September 2025 Volle Erstattung 9.–14. September 2025 Erstattung von 50\u{a0}%",
            ],
            &["4 Kurse", "6. Oktober – 28. November 2025", "Seite auf Chinesisch"],
        ),
        (
            "it",
            &[
                "Scadenza delle iscrizioni 26 agosto 2025",
                "Date 22–26 settembre 2025",
                "Quota di partecipazione 1860\u{a0}€",
                "Le iscrizioni chiudono tra 6 giorni — 26 agosto 2025",
            ],
            &["4 corsi", "Pagina in tedesco", "2400\u{a0}CHF"],
        ),
        (
            "pt",
            &[
                "Prazo de inscrição 26 de agosto de 2025",
                "Datas 22–26 de setembro de 2025",
                "Valor €\u{a0}1.860",
                "As inscrições encerram em 6 dias — 26 de agosto de 2025",
            ],
            &["4 cursos", "Página em alemão", "RUB\u{a0}45.000"],
        ),
    ];
    for (lang, course, catalogue) in cases {
        let page = text(&b.page(&format!("{lang}/courses/labour-standards/index.html")));
        for want in course {
            assert!(
                page.contains(want),
                "{lang} course page lacks {want:?}:\n{page}"
            );
        }
        let page = text(&b.page(&format!("{lang}/courses/index.html")));
        for want in catalogue {
            assert!(
                page.contains(want),
                "{lang} catalogue lacks {want:?}:\n{page}"
            );
        }
    }
    // A call for tender's closing date, in Italian, in the words of its kind.
    let notice = text(&b.page("it/notices/bando-interpretariato/index.html"));
    assert!(
        notice.contains("Offerte entro il 30 settembre 2025"),
        "{notice}"
    );
}

/// The calendar pages mark a course whose page is in another language with the same whole
/// sentence as the catalogue's cards (`page_in_language`): in Chinese "页面语言：德语", without the
/// space that "page in" + the language's name left after the colon.
#[test]
fn the_calendar_says_which_language_a_page_is_in_as_the_cards_do() {
    let b = site();
    for (lang, marker) in [
        ("zh", "页面语言：德语"),
        ("fr", "Page en allemand"),
        ("ru", "Язык страницы: немецкий"),
    ] {
        let pages: String = b
            .html_files()
            .into_iter()
            .filter(|rel| rel.starts_with(&format!("{lang}/calendar/")))
            .map(|rel| text(&b.page(&rel)))
            .collect();
        assert!(pages.contains(marker), "{lang} calendar lacks {marker:?}");
    }
    let zh: String = b
        .html_files()
        .into_iter()
        .filter(|rel| rel.starts_with("zh/calendar/"))
        .map(|rel| b.page(&rel))
        .collect();
    assert!(!zh.contains("页面语言： "), "a space after the colon");
}

/// A UI string the theme lacks is shown as its key ("apply_line_open"), and a placeholder left
/// unfilled as "{deadline}": neither may reach a visitor, in any language.
#[test]
fn no_page_shows_a_string_key_or_a_placeholder() {
    let b = site();
    let en = std::fs::read_to_string(repo().join("themes/default/i18n/en.toml")).expect("en");
    let en: toml::Table = toml::from_str(&en).expect("en.toml");
    let keys: Vec<&String> = en.keys().filter(|k| k.contains('_')).collect();
    let mut holes = std::collections::BTreeSet::new();
    for v in en.values() {
        let s = v.as_str().unwrap_or_default();
        for part in s.split('{').skip(1) {
            if let Some((name, _)) = part.split_once('}') {
                holes.insert(format!("{{{name}}}"));
            }
        }
    }
    assert!(
        holes.contains("{deadline}") && holes.contains("{n}"),
        "{holes:?}"
    );
    for f in b.html_files() {
        // The texts the state script fills in the browser (`data-apply-line-…="… {deadline}"`)
        // are templates on purpose; every other attribute and all the text are checked.
        let page = without_data_attributes(&b.page(&f));
        let shown = text(&page);
        for k in &keys {
            assert!(!shown.contains(k.as_str()), "{f} shows the key {k}");
        }
        for h in &holes {
            assert!(!page.contains(h.as_str()), "{f} shows {h}");
        }
    }
}

/// The HTML with its `data-…="…"` attributes left out.
fn without_data_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(" data-") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .find('=')
            .filter(|&eq| {
                after[..eq]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            .and_then(|eq| {
                let quoted = after[eq + 1..].strip_prefix('"')?;
                Some(eq + 2 + quoted.find('"')? + 1)
            });
        match end {
            Some(e) => rest = &after[e..],
            None => {
                out.push(' ');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Persian: no UI strings are shipped. Its pages are right to left, with the English interface
/// (the default language), Persian dates and digits, and the language named in Persian; the
/// build says so once.
#[test]
fn persian_falls_back_to_english_right_to_left_with_one_warning() {
    let b = site();
    let warnings = ui_warnings(&b.report.diagnostics);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].file.as_deref(), Some("i18n/fa.toml"));
    assert!(
        warnings[0]
            .message
            .contains("no UI strings in language `fa`")
            && warnings[0].message.contains("shown in English"),
        "{}",
        warnings[0].message
    );
    let page = b.page("fa/courses/labour-standards/index.html");
    assert_eq!(
        attr_pair(html_tag(&page)),
        ("fa".to_string(), "rtl".to_string())
    );
    let shown = text(&page);
    for want in [
        "Application deadline ۲۶ اوت ۲۰۲۵",
        "Applications close in 6 days",
        "استانداردهای بین‌المللی کار در عمل",
    ] {
        assert!(shown.contains(want), "{want:?} not in {shown}");
    }
    // Every page's language switcher names Persian in Persian.
    let home = b.page("en/index.html");
    let link = elements(&home, "a")
        .into_iter()
        .find(|a| a.attr("hreflang").as_deref() == Some("fa"))
        .expect("a link to the Persian pages");
    assert_eq!(link.text(), "فارسی");
    assert_eq!(link.attr("lang").as_deref(), Some("fa"));
}

/// `check` names a missing UI string once per language (not per page or per key), with the
/// file to add it to.
#[test]
fn check_names_a_missing_string_once_per_language() {
    let s = Site::fixture("languages");
    s.write("i18n/en.toml", "extra_note = \"Extra note\"\n");
    let r = s.check();
    assert_eq!(r.outcome, Outcome::Success, "{}", show(&r));
    let warnings = ui_warnings(&r.diagnostics);
    let files: Vec<&str> = warnings.iter().filter_map(|w| w.file.as_deref()).collect();
    assert_eq!(
        files,
        [
            "i18n/ar.toml",
            "i18n/de.toml",
            "i18n/es.toml",
            "i18n/fa.toml",
            "i18n/fr.toml",
            "i18n/it.toml",
            "i18n/pt.toml",
            "i18n/ru.toml",
            "i18n/zh.toml"
        ]
    );
    let de = warnings
        .iter()
        .find(|w| w.file.as_deref() == Some("i18n/de.toml"))
        .expect("de");
    assert!(
        de.message
            .ends_with("1 UI string is missing in language `de`: extra_note"),
        "{}",
        de.message
    );
    // The site's own translation silences it.
    s.write("i18n/de.toml", "extra_note = \"Zusätzlicher Hinweis\"\n");
    let r = s.check();
    assert!(ui_warnings(&r.diagnostics)
        .iter()
        .all(|w| w.file.as_deref() != Some("i18n/de.toml")));
}

/// A site in Japanese only: no UI strings are shipped for it, so the interface is English,
/// with Japanese dates, and a single warning.
#[test]
fn a_site_in_an_unshipped_language_builds_in_english_with_one_warning() {
    let s = Site::fixture("base");
    let config = s.read("site.toml");
    s.write(
        "site.toml",
        config
            .replace("default_language = \"en\"", "default_language = \"ja\"")
            .replace("languages = [\"en\", \"fr\"]", "languages = [\"ja\"]"),
    );
    std::fs::remove_file(s.path("content/courses/base-course.fr.md")).expect("rm");
    s.write(
        "data/topics.toml",
        "[gender-equality]\nja = \"ジェンダー平等と多様性\"\n\n[labour-standards]\nja = \"国際労働基準\"\n",
    );
    let b = s.built();
    assert_eq!(b.report.outcome, Outcome::Success, "{}", show(&b.report));
    let warnings = ui_warnings(&b.report.diagnostics);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].file.as_deref(), Some("i18n/ja.toml"));
    assert!(
        warnings[0].message.contains("shown in English"),
        "{}",
        warnings[0].message
    );
    let page = b.page("ja/courses/base-course/index.html");
    assert_eq!(
        attr_pair(html_tag(&page)),
        ("ja".to_string(), "ltr".to_string())
    );
    let shown = text(&page);
    assert!(
        shown.contains("Application deadline 2025年9月15日"),
        "{shown}"
    );
}
