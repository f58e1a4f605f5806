//! Exact CLDR output, spaces included: U+202F is the narrow no-break space (fr grouping, en
//! before "PM"), U+00A0 the no-break space (between amount and symbol), U+200F/U+200E the
//! right-to-left/left-to-right marks CLDR puts in Arabic amounts.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn long_dates() {
    let d = date(2025, 9, 8);
    assert_eq!(long_date("fr", d), "8 septembre 2025");
    assert_eq!(long_date("en", d), "8 September 2025");
    assert_eq!(long_date("es", d), "8 de septiembre de 2025");
    assert_eq!(long_date("ar", d), "8 سبتمبر 2025");
    assert_eq!(long_date("pt", d), "8 de setembro de 2025");
    assert_eq!(long_date("de", d), "8. September 2025");
    // Regions and extensions are honoured.
    assert_eq!(long_date("en-US", d), "September 8, 2025");
    assert_eq!(long_date("ar-EG", d), "٨ سبتمبر ٢٠٢٥");
    assert_eq!(long_date("ar-u-nu-arab", d), "٨ سبتمبر ٢٠٢٥");
}

#[test]
fn day_months() {
    let d = date(2025, 8, 25);
    assert_eq!(day_month("fr", d), "25 août");
    assert_eq!(day_month("en", d), "25 August");
    assert_eq!(day_month("es", d), "25 de agosto");
    assert_eq!(day_month("ar", d), "25 أغسطس");
}

#[test]
fn month_years() {
    assert_eq!(month_year("fr", 2025, 9), "septembre 2025");
    assert_eq!(month_year("en", 2025, 9), "September 2025");
    assert_eq!(month_year("es", 2025, 9), "septiembre de 2025");
    assert_eq!(month_year("ar", 2025, 9), "سبتمبر 2025");
    // ICU4X 2.4 debug-panics here without the workaround in `formatter!`.
    assert_eq!(month_year("pt", 2025, 9), "setembro de 2025");
    assert_eq!(month_year("en", 2025, 13), "2025-13");
    assert_eq!(month_year("fr", 2025, 0), "2025-00");
}

#[test]
fn weekday_names() {
    assert_eq!(
        weekday_names_short("en"),
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    );
    assert_eq!(
        weekday_names_short("fr"),
        ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
    );
    assert_eq!(
        weekday_names_short("es"),
        ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]
    );
    // CLDR's abbreviated Arabic weekdays are the full names.
    let ar = [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ];
    assert_eq!(weekday_names_short("ar"), ar);
    assert_eq!(
        weekday_names_short("pt"),
        ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."]
    );
    assert_eq!(
        weekday_names_short("de"),
        ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    );
}

#[test]
fn first_weekdays() {
    assert_eq!(first_weekday("en"), Weekday::Sun);
    assert_eq!(first_weekday("fr"), Weekday::Mon);
    assert_eq!(first_weekday("es"), Weekday::Mon);
    assert_eq!(first_weekday("ar"), Weekday::Sat);
    assert_eq!(first_weekday("en-GB"), Weekday::Mon);
    assert_eq!(first_weekday("ar-MA"), Weekday::Mon);
    assert_eq!(first_weekday("xx"), Weekday::Sun);
}

#[test]
fn times() {
    assert_eq!(time("en", hm(14, 0)), "2:00\u{202f}PM");
    assert_eq!(time("en", hm(0, 5)), "12:05\u{202f}AM");
    assert_eq!(time("fr", hm(14, 0)), "14:00");
    assert_eq!(time("fr", hm(9, 5)), "09:05");
    assert_eq!(time("es", hm(14, 0)), "14:00");
    assert_eq!(time("ar", hm(14, 0)), "2:00 م");
    assert_eq!(time("en-GB", hm(14, 0)), "14:00");
    assert_eq!(
        time(
            "en",
            NaiveTime::from_hms_milli_opt(23, 59, 59, 1999).unwrap()
        ),
        "11:59\u{202f}PM"
    );
}

#[test]
fn numbers() {
    assert_eq!(number("en", 1860), "1,860");
    assert_eq!(number("fr", 1860), "1\u{202f}860");
    assert_eq!(number("ar", 1860), "1,860");
    // Spanish: minimum grouping digits 2, so four digits stay together.
    assert_eq!(number("es", 1860), "1860");
    assert_eq!(number("es", 18600), "18.600");
    assert_eq!(number("es", 1_234_567), "1.234.567");
    assert_eq!(number("en", 0), "0");
    assert_eq!(number("en", -1860), "-1,860");
    assert_eq!(number("ar", -1860), "\u{200e}-1,860");
    assert_eq!(number("en", i64::MAX), "9,223,372,036,854,775,807");
    assert_eq!(
        number("fr", i64::MIN),
        "-9\u{202f}223\u{202f}372\u{202f}036\u{202f}854\u{202f}775\u{202f}808"
    );
}

#[test]
fn money_in_euros() {
    assert_eq!(money("fr", 18_600_000, "EUR"), "1\u{202f}860\u{a0}€");
    assert_eq!(money("en", 18_600_000, "EUR"), "€1,860");
    assert_eq!(money("es", 18_600_000, "EUR"), "1860\u{a0}€");
    assert_eq!(money("es", 186_000_000, "EUR"), "18.600\u{a0}€");
    assert_eq!(money("ar", 18_600_000, "EUR"), "\u{200f}1,860\u{a0}€");
    assert_eq!(money("pt", 18_600_000, "EUR"), "€\u{a0}1.860");
    assert_eq!(money("de", 18_600_000, "EUR"), "1.860\u{a0}€");
}

#[test]
fn money_keeps_cents() {
    assert_eq!(money("en", 12_505_000, "USD"), "$1,250.50");
    assert_eq!(money("fr", 12_505_000, "USD"), "1\u{202f}250,50\u{a0}$US");
    assert_eq!(money("es", 12_505_000, "USD"), "1250,50\u{a0}US$");
    assert_eq!(money("ar", 12_505_000, "USD"), "\u{200f}1,250.50\u{a0}US$");
    assert_eq!(money("en", 500, "EUR"), "€0.05");
    assert_eq!(money("fr", 19_000, "EUR"), "1,90\u{a0}€");
    assert_eq!(money("en-GB", 12_505_000, "USD"), "US$1,250.50");
}

#[test]
fn money_zero_and_negative() {
    assert_eq!(money("en", 0, "EUR"), "€0");
    assert_eq!(money("fr", 0, "EUR"), "0\u{a0}€");
    assert_eq!(money("es", 0, "EUR"), "0\u{a0}€");
    assert_eq!(money("ar", 0, "EUR"), "\u{200f}0\u{a0}€");
    assert_eq!(money("en", -125_000, "EUR"), "-€12.50");
    assert_eq!(money("fr", -125_000, "EUR"), "-12,50\u{a0}€");
    assert_eq!(
        money("ar", -125_000, "EUR"),
        "\u{200f}\u{200e}-12.50\u{a0}€"
    );
    assert_eq!(money("en", i64::MAX, "EUR"), "€922,337,203,685,477.5807");
    assert_eq!(money("en", i64::MIN, "EUR"), "-€922,337,203,685,477.5808");
}

#[test]
fn money_other_currencies() {
    assert_eq!(money("en", 18_600_000, "CHF"), "CHF\u{a0}1,860");
    assert_eq!(money("fr", 18_600_000, "CHF"), "1\u{202f}860\u{a0}CHF");
    assert_eq!(money("en", 18_600_000, "GBP"), "£1,860");
    assert_eq!(money("fr", 18_600_000, "GBP"), "1\u{202f}860\u{a0}£GB");
    assert_eq!(money("ar", 18_600_000, "GBP"), "\u{200f}1,860\u{a0}UK£");
    assert_eq!(
        money("fr", 250_000_000, "XOF"),
        "25\u{202f}000\u{a0}F\u{202f}CFA"
    );
    assert_eq!(money("en", 250_000_000, "XOF"), "F\u{202f}CFA\u{a0}25,000");
    assert_eq!(
        money("ar", 18_600_000, "MAD"),
        "\u{200f}1,860\u{a0}د.م.\u{200f}"
    );
    assert_eq!(money("es", 18_600_000, "THB"), "1860\u{a0}฿");
    // No CLDR symbol: the code, spaced from the number by U+00A0.
    assert_eq!(money("en", 18_600_000, "XYZ"), "XYZ\u{a0}1,860");
    assert_eq!(money("fr", 18_600_000, "XYZ"), "1\u{202f}860\u{a0}XYZ");
    assert_eq!(money("en", 18_600_000, " eur "), "€1,860");
    assert_eq!(money("en", 18_600_000, ""), "1,860");
}

#[test]
fn money_with_the_currency_minor_unit() {
    // ISO 4217: the yen and the won have no minor unit, the Kuwaiti dinar three decimals.
    assert_eq!(minor_unit_digits("JPY"), Some(0));
    assert_eq!(minor_unit_digits("KRW"), Some(0));
    assert_eq!(minor_unit_digits("KWD"), Some(3));
    assert_eq!(minor_unit_digits("EUR"), Some(2));
    assert_eq!(minor_unit_digits("XAU"), None);
    assert_eq!(money("en", 15_000_000, "JPY"), "¥1,500");
    assert_eq!(money("en", 15_000_000, "KRW"), "₩1,500");
    assert_eq!(money("en", 125_000, "KWD"), "KWD\u{a0}12.500");
    assert_eq!(money("fr", 125_000, "KWD"), "12,500\u{a0}KWD");
    // Three-decimal currencies keep their third decimal (issue 16).
    assert_eq!(money("en", 1_201_250, "BHD"), "BHD\u{a0}120.125");
    assert_eq!(money("fr", 1_201_250, "BHD"), "120,125\u{a0}BHD");
    assert_eq!(money("en", 1_201_200, "BHD"), "BHD\u{a0}120.120");
    assert_eq!(money("en", 12_345, "CLF"), "CLF\u{a0}1.2345");
    assert_eq!(money("en", 100_000, "KWD"), "KWD\u{a0}10");
}

#[test]
fn language_names() {
    assert_eq!(language_name("en", "fr"), "French");
    assert_eq!(language_name("fr", "fr"), "français");
    assert_eq!(language_name("es", "fr"), "francés");
    assert_eq!(language_name("ar", "fr"), "الفرنسية");
    assert_eq!(language_name("de", "es"), "Spanisch");
    assert_eq!(language_name("zh", "zh"), "中文");
    assert_eq!(language_name("en", "pt-BR"), "Portuguese");
    assert_eq!(language_name("fr-CA", "ar"), "arabe");
    assert_eq!(language_name("ja", "fr"), "French");
    // A language without a column of its own still names itself in its own words.
    assert_eq!(language_name("fa", "fa"), "فارسی");
    assert_eq!(language_name("he-IL", "he"), "עברית");
    assert_eq!(language_name("ja", "ja"), "日本語");
    assert_eq!(language_name("fa", "en"), "English");
    assert_eq!(language_name("en", "tlh"), "tlh");
    assert_eq!(language_name("en", "not a tag"), "not a tag");
    assert_eq!(language_name("en", ""), "und");
    for required in ["en", "fr", "es", "ar", "pt", "de", "it", "ru", "zh"] {
        assert_ne!(language_name("en", required), required);
    }
    for row in LANGUAGE_NAMES.lines() {
        let fields: Vec<&str> = row.split('|').collect();
        assert_eq!(fields.len(), 11, "{row}");
        assert!(fields.iter().all(|f| !f.trim().is_empty()), "{row}");
    }
}

#[test]
fn language_tags() {
    for good in [
        "en",
        "fr-CA",
        "zh-Hant-TW",
        "es-419",
        "sr-Latn-RS",
        "de-CH-1996",
        "EN-us",
    ] {
        assert!(is_valid_language_tag(good), "{good}");
    }
    assert!(is_valid_language_tag("en-US-u-ca-gregory"));
    for bad in [
        "", " ", "e", "french", "en_US", "en-", "-en", "12", "en US", "en--US",
    ] {
        assert!(!is_valid_language_tag(bad), "{bad:?}");
    }
}

#[test]
fn currency_codes() {
    for code in [
        "EUR", "USD", "XOF", "XAF", "CHF", "GBP", "JPY", "XCG", "ZWG", "BOV", "VES", "VED",
    ] {
        assert!(currency_is_known(code), "{code}");
    }
    // Not currencies, or ISO codes without a minor unit (metals, SDR, testing, no currency).
    for code in ["eur", "XXX", "XTS", "XAU", "XDR", "ABC", "", "EURO", "€"] {
        assert!(!currency_is_known(code), "{code:?}");
    }
    for row in CURRENCY_SYMBOLS.lines() {
        let code = row.split(' ').next().unwrap_or_default();
        assert!(currency_is_known(code), "{code}");
    }
}

#[test]
fn unknown_languages_are_english() {
    let d = date(2025, 9, 8);
    for lang in ["xx", "", "  ", "not a tag", "und", "tlh", "en_", "\u{0}"] {
        assert_eq!(long_date(lang, d), "8 September 2025", "{lang:?}");
        assert_eq!(time(lang, hm(14, 0)), "2:00\u{202f}PM", "{lang:?}");
        assert_eq!(money(lang, 18_600_000, "EUR"), "€1,860", "{lang:?}");
        assert_eq!(weekday_names_short(lang)[0], "Mon", "{lang:?}");
        assert_eq!(language_name(lang, "fr"), "French", "{lang:?}");
    }
}

#[test]
fn never_panics_never_empty() {
    let tags = LANGUAGE_NAMES
        .lines()
        .filter_map(|row| row.split('|').next());
    let extremes = [
        NaiveDate::MIN,
        NaiveDate::MAX,
        date(-44, 3, 15),
        date(1, 1, 1),
    ];
    for lang in tags.chain([
        "ar-EG",
        "fa-IR",
        "en-US-u-hc-h23",
        "zh-Hant-TW",
        "x-private",
    ]) {
        for d in extremes.into_iter().chain([date(2025, 9, 8)]) {
            assert!(!long_date(lang, d).is_empty(), "{lang}");
            assert!(!day_month(lang, d).is_empty(), "{lang}");
        }
        assert!(!month_year(lang, i32::MIN, 6).is_empty(), "{lang}");
        assert!(!month_year(lang, 2025, 9).is_empty(), "{lang}");
        assert!(
            weekday_names_short(lang).iter().all(|s| !s.is_empty()),
            "{lang}"
        );
        assert!(!time(lang, hm(23, 59)).is_empty(), "{lang}");
        assert!(!number(lang, i64::MIN).is_empty(), "{lang}");
        assert!(!money(lang, i64::MIN, "EUR").is_empty(), "{lang}");
        assert!(!money(lang, 0, "XYZ").is_empty(), "{lang}");
        let _ = first_weekday(lang);
    }
    assert_eq!(long_date("en", NaiveDate::MAX), "+262142-12-31");
}

/// The other languages the default theme ships UI strings for: a German page must not mix
/// German labels with English dates. Each value checked against CLDR (cldr-json 47).
#[test]
fn the_theme_languages_format_dates_numbers_money_and_names() {
    let d = date(2025, 9, 8);
    let cases: [(&str, [&str; 4], [&str; 3], Weekday); 5] = [
        (
            "zh",
            ["2025年9月8日", "8月25日", "2025年9月", "14:00"],
            ["1,860", "€1,860", "US$1,250.50"],
            Weekday::Mon,
        ),
        (
            "ru",
            [
                "8 сентября 2025\u{202f}г.",
                "25 августа",
                "сентябрь 2025\u{202f}г.",
                "14:00",
            ],
            ["1\u{a0}860", "1\u{a0}860\u{a0}€", "1\u{a0}250,50\u{a0}$"],
            Weekday::Mon,
        ),
        (
            "de",
            ["8. September 2025", "25. August", "September 2025", "14:00"],
            ["1.860", "1.860\u{a0}€", "1.250,50\u{a0}$"],
            Weekday::Mon,
        ),
        (
            "it",
            ["8 settembre 2025", "25 agosto", "settembre 2025", "14:00"],
            // Italian groups from five digits on, and writes the dollar as "USD".
            ["1860", "1860\u{a0}€", "1250,50\u{a0}USD"],
            Weekday::Mon,
        ),
        (
            "pt",
            [
                "8 de setembro de 2025",
                "25 de agosto",
                "setembro de 2025",
                "14:00",
            ],
            ["1.860", "€\u{a0}1.860", "US$\u{a0}1.250,50"],
            Weekday::Sun,
        ),
    ];
    for (lang, dates, amounts, first) in cases {
        let got_dates = [
            long_date(lang, d),
            day_month(lang, date(2025, 8, 25)),
            month_year(lang, 2025, 9),
            time(lang, hm(14, 0)),
        ];
        assert_eq!(got_dates, dates, "{lang}");
        let got_amounts = [
            number(lang, 1860),
            money(lang, 18_600_000, "EUR"),
            money(lang, 12_505_000, "USD"),
        ];
        assert_eq!(got_amounts, amounts, "{lang}");
        assert_eq!(first_weekday(lang), first, "{lang}");
    }
    // Each language's own currency, and its words for the languages of instruction.
    assert_eq!(money("zh", 18_600_000, "CNY"), "¥1,860");
    assert_eq!(money("ru", 18_600_000, "RUB"), "1\u{a0}860\u{a0}₽");
    assert_eq!(money("pt", 18_605_000, "BRL"), "R$\u{a0}1.860,50");
    assert_eq!(money("pt-PT", 18_600_000, "EUR"), "1860\u{a0}€");
    assert_eq!(money("de", 18_600_000, "CHF"), "1.860\u{a0}CHF");
    assert_eq!(money("it", 18_600_000, "JPY"), "1860\u{a0}JPY");
    assert_eq!(money("es", 18_600_000, "GBP"), "1860\u{a0}GBP");
    assert_eq!(number("it", 18_600), "18.600");
    assert_eq!(number("ru", 1_234_567), "1\u{a0}234\u{a0}567");
    assert_eq!(
        weekday_names_short("zh"),
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    );
    assert_eq!(
        weekday_names_short("ru"),
        ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]
    );
    assert_eq!(
        weekday_names_short("it"),
        ["lun", "mar", "mer", "gio", "ven", "sab", "dom"]
    );
    let names = ["法语", "французский", "Französisch", "francese", "francês"];
    for (lang, name) in ["zh", "ru", "de", "it", "pt"].into_iter().zip(names) {
        assert_eq!(language_name(lang, "fr"), name);
    }
    assert_eq!(language_name("ru", "ru"), "русский");
    assert_eq!(language_name("zh", "en"), "英语");
    assert_eq!(language_name("it", "it"), "italiano");
}

#[test]
fn currency_patterns_follow_cldr() {
    // Filipino and Tamil put the symbol before the amount, unspaced; Dutch spaced.
    assert_eq!(money("fil", 18_600_000, "EUR"), "€1,860");
    assert_eq!(money("ta", 18_600_000, "EUR"), "€1,860");
    assert_eq!(money("nl", 18_600_000, "EUR"), "€\u{a0}1.860");
}

#[test]
fn long_weekday_names() {
    assert_eq!(
        weekday_names_long("en"),
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday"
        ]
    );
    assert_eq!(
        weekday_names_long("fr"),
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    );
    assert_eq!(
        weekday_names_long("es"),
        [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo"
        ]
    );
    assert_eq!(
        weekday_names_long("ar"),
        [
            "الاثنين",
            "الثلاثاء",
            "الأربعاء",
            "الخميس",
            "الجمعة",
            "السبت",
            "الأحد"
        ]
    );
    // An unknown language is English, as everywhere in this module.
    assert_eq!(weekday_names_long("xx")[6], "Sunday");
}

#[test]
fn zone_names_in_words() {
    for lang in ["en", "fr", "es", "ar", "pt", "de", "it", "ru", "zh"] {
        for z in [
            "Europe/Rome",
            "America/Lima",
            "Africa/Abidjan",
            "UTC",
            "Etc/GMT+5",
            "America/Argentina/Buenos_Aires",
            "Asia/Bahrain",
        ] {
            eprintln!("{lang} {z}: {}", zone_name(lang, z));
        }
    }
}

/// tests/fixtures/numbers.json: the numbers as the build writes them in every language the theme
/// ships strings for, which the browser tests hold the page script's counts to (prospectus.js
/// `count`, with the browser's Intl.NumberFormat). Both must write what this function writes.
#[test]
fn numbers_as_the_browser_writes_them() {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/numbers.json"))
            .expect("numbers.json");
    let numbers: Vec<i64> = table["numbers"]
        .as_array()
        .expect("numbers")
        .iter()
        .map(|n| n.as_i64().expect("a whole number"))
        .collect();
    let shipped: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/i18n"))
            .expect("the theme's strings")
            .filter_map(|e| {
                let name = e.ok()?.file_name().into_string().ok()?;
                name.strip_suffix(".toml").map(str::to_string)
            })
            .collect();
    assert!(shipped.len() >= 9, "{shipped:?}");
    for lang in &shipped {
        let written = table["written"][lang.as_str()]
            .as_array()
            .unwrap_or_else(|| panic!("numbers.json has no {lang}"));
        for (n, w) in numbers.iter().zip(written) {
            assert_eq!(Some(number(lang, *n).as_str()), w.as_str(), "{lang} {n}");
        }
    }
}
