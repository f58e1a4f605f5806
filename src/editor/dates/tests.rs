//! Unit tests of the previews' date patterns: every day comes back as the build writes it.

use super::*;
use crate::i18n::Strings;
use chrono::Datelike;

fn strings(range: &str) -> Strings {
    [("date_range".to_string(), range.to_string())]
        .into_iter()
        .collect()
}

/// What `dates.js` makes of the patterns for one date, as the test's reference.
fn long_from(p: &Value, d: NaiveDate) -> String {
    let digits: Vec<String> = p["digits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    let local = |n: u32| -> String {
        n.to_string()
            .bytes()
            .map(|b| digits[usize::from(b - b'0')].clone())
            .collect()
    };
    let pattern = p["long"][d.month0() as usize].as_str().unwrap();
    fill(
        pattern,
        &[("{y}", &local(d.year() as u32)), ("{d}", &local(d.day()))],
    )
}

#[test]
fn every_day_of_two_years_is_written_as_the_build_writes_it() {
    // The nine languages of the theme, Persian and Egyptian Arabic (other digits).
    let t = strings("{start} – {end}");
    for lang in [
        "en", "fr", "es", "ar", "de", "it", "pt", "ru", "zh", "fa", "ar-EG", "en-US",
    ] {
        let l = Lctx {
            lang: lang.to_string(),
            t: &t,
        };
        let p = patterns(&l);
        assert!(!p.is_null(), "{lang}: no patterns");
        let mut d = date(2025, 1, 1);
        while d < date(2027, 1, 1) {
            assert_eq!(long_from(&p, d), cldr::long_date(lang, d), "{lang} {d}");
            d = d.succ_opt().unwrap();
        }
    }
}

#[test]
fn english_dates_are_the_sites_not_us_order() {
    let t = strings("{start} – {end}");
    let l = Lctx {
        lang: "en".to_string(),
        t: &t,
    };
    let p = patterns(&l);
    assert_eq!(p["long"][8], "{d} September {y}");
    assert_eq!(p["sameMonth"][8], "{d1}–{d2} September {y}");
    assert_eq!(p["dayMonth"][8], "{d} September");
    assert_eq!(p["digits"][7], "7");
}
