//! Dates, numbers, money and language names written the way each language writes them (CLDR).
//!
//! Dates, times, weekday names, first day of the week and number grouping come from ICU4X 2.x
//! with compiled CLDR data (`icu_datetime`, `icu_decimal`, `icu_calendar`). ICU4X's stable
//! crates have no currency formatter and no display names (both live in `icu_experimental`,
//! which pulls in casemap, normalizer, properties, list and plural data), so currency placement,
//! currency symbols and language names are small hand tables below, copied from CLDR 48 as
//! shipped in `icu_experimental` 0.7 data (`cldr/tables.rs`).
//!
//! Choices:
//! - `lang` is any BCP 47 tag; a tag that does not parse, or whose language CLDR has no data
//!   for, is formatted as English. Region and `-u-` extensions are honoured ("en-GB" gives
//!   "14:00", "ar-EG" or "ar-u-nu-arab" gives Arabic-Indic digits).
//! - Bare "en" is CLDR "en" (US: "2:00 PM", weeks start on Sunday, USD is "$") except dates:
//!   the site's spec writes "8 September 2025", so bare "en" dates use CLDR "en-001".
//! - "ar" uses Latin digits, which is CLDR's default numbering system for "ar".
//! - Spaces are CLDR's: fr groups with U+202F, amounts and symbols are joined with U+00A0,
//!   the "en" time has U+202F before "PM".
//! - Never panics and never returns an empty string: anything ICU4X cannot format falls back
//!   to English, then to plain ISO text.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use fixed_decimal::Decimal;
use icu_calendar::{week::WeekInformation, Date, Gregorian};
use icu_datetime::fieldsets::{E, MD, T, YM, YMD};
use icu_datetime::input::Time;
use icu_datetime::pattern::FixedCalendarDateTimeNames;
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_locale_core::subtags::{language, region};
use icu_locale_core::{locale, Locale};

mod memo;
mod tables;
pub mod territories;
#[cfg(test)]
mod tests;

use memo::{memo, Memo};
use tables::{CURRENCY_SYMBOLS, LANGUAGE_NAMES};

/// A Gregorian formatter for a field set, rebuilt with the decimal formatter loaded: ICU4X 2.4
/// decides what to load from the pattern's first variant and, for "pt" year-month, skips it;
/// formatting the year then debug-panics with `DecimalFormatterNotLoaded`. Loading it again
/// for the other locales is a no-op.
macro_rules! formatter {
    ($loc:expr, $fset:ident :: $len:ident ()) => {{
        let loc: &Locale = $loc;
        FixedCalendarDateTimeFormatter::<Gregorian, $fset>::try_new(loc.into(), $fset::$len())
            .ok()
            .and_then(|f| {
                let mut names = FixedCalendarDateTimeNames::from_formatter(loc.into(), f);
                names.include_decimal_formatter().ok()?;
                names.try_into_formatter($fset::$len()).ok()
            })
    }};
}

/// Formats a `NaiveDate` with a Gregorian field set, falling back to English. Not a function
/// because every field set is its own type with its own bounds.
macro_rules! format_date {
    ($lang:expr, $fset:ident :: $len:ident (), $date:expr) => {{
        let date = $date;
        Date::try_new_gregorian(date.year(), date.month() as u8, date.day() as u8)
            .ok()
            .and_then(|input| {
                thread_local! {
                    /// The formatter of each language (building one is most of the cost of a
                    /// date the memo does not have yet), per rendering thread.
                    static FORMATTERS: std::cell::RefCell<std::collections::HashMap<
                        String,
                        Option<FixedCalendarDateTimeFormatter<Gregorian, $fset>>,
                    >> = Default::default();
                }
                let lang: &str = $lang;
                FORMATTERS.with(|cache| {
                    let mut cache = cache.borrow_mut();
                    if !cache.contains_key(lang) {
                        let f = [date_locale(resolve(lang)), date_locale(locale!("en"))]
                            .iter()
                            .find_map(|loc| formatter!(loc, $fset::$len()));
                        cache.insert(lang.to_string(), f);
                    }
                    cache[lang].as_ref().map(|f| f.format(&input).to_string())
                })
            })
            .filter(|s| !s.is_empty())
    }};
}

/// "8 septembre 2025", "8 September 2025", "8 de septiembre de 2025", "8 سبتمبر 2025".
pub fn long_date(lang: &str, date: NaiveDate) -> String {
    memo(
        Memo::LongDate,
        lang,
        i64::from(date.num_days_from_ce()),
        "",
        || {
            format_date!(lang, YMD::long(), date)
                .unwrap_or_else(|| date.format("%Y-%m-%d").to_string())
        },
    )
}

/// "25 août", "25 August", "25 de agosto" (the month and day part of "26–31 Aug").
pub fn day_month(lang: &str, date: NaiveDate) -> String {
    memo(
        Memo::DayMonth,
        lang,
        i64::from(date.num_days_from_ce()),
        "",
        || format_date!(lang, MD::long(), date).unwrap_or_else(|| date.format("%m-%d").to_string()),
    )
}

/// "septembre 2025", "September 2025", "septiembre de 2025". A month outside 1–12 gives "2025-13".
pub fn month_year(lang: &str, year: i32, month: u32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|date| format_date!(lang, YM::long(), date))
        .unwrap_or_else(|| format!("{year}-{month:02}"))
}

/// Abbreviated stand-alone weekday names, Monday first: "lun.", "Mon", "lun", "الاثنين".
pub fn weekday_names_short(lang: &str) -> [String; 7] {
    weekday_names(&resolve(lang))
        .or_else(|| weekday_names(&locale!("en")))
        .unwrap_or_else(|| ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(String::from))
}

/// Full stand-alone weekday names, Monday first: "lundi", "Monday", "lunes", "الاثنين" (the
/// names a screen reader says for the abbreviations of [`weekday_names_short`]).
pub fn weekday_names_long(lang: &str) -> [String; 7] {
    fn names(loc: &Locale) -> Option<[String; 7]> {
        use icu_calendar::types::Weekday::*;
        let f = formatter!(loc, E::long())?;
        let out = [
            Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
        ]
        .map(|day| f.format(&day).to_string());
        out.iter().all(|s| !s.is_empty()).then_some(out)
    }
    names(&resolve(lang))
        .or_else(|| names(&locale!("en")))
        .unwrap_or_else(|| {
            [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ]
            .map(String::from)
        })
}

/// First day of the week from CLDR week data, region inferred by likely subtags: bare "en"
/// is Sunday (US), "fr", "es", "de" … Monday, "ar" Saturday (Egypt). "en-GB" is Monday.
pub fn first_weekday(lang: &str) -> Weekday {
    match WeekInformation::try_new((&resolve(lang)).into()).map(|w| w.first_weekday) {
        Ok(icu_calendar::types::Weekday::Sunday) => Weekday::Sun,
        Ok(icu_calendar::types::Weekday::Saturday) => Weekday::Sat,
        Ok(icu_calendar::types::Weekday::Friday) => Weekday::Fri,
        Ok(icu_calendar::types::Weekday::Tuesday) => Weekday::Tue,
        Ok(icu_calendar::types::Weekday::Wednesday) => Weekday::Wed,
        Ok(icu_calendar::types::Weekday::Thursday) => Weekday::Thu,
        _ => Weekday::Mon,
    }
}

/// Hours and minutes: "14:00" (fr, es), "2:00 PM" (en, U+202F before PM), "2:00 م" (ar).
pub fn time(lang: &str, t: NaiveTime) -> String {
    memo(
        Memo::Time,
        lang,
        i64::from(t.num_seconds_from_midnight()),
        "",
        || time_uncached(lang, t),
    )
}

fn time_uncached(lang: &str, t: NaiveTime) -> String {
    let fallback = || t.format("%H:%M").to_string();
    let Ok(input) = Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0) else {
        return fallback();
    };
    [resolve(lang), locale!("en")]
        .iter()
        .find_map(|loc| NoCalendarFormatter::try_new(loc.into(), T::hm()).ok())
        .map(|f| f.format(&input).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(fallback)
}

/// A time zone as the language names it, from its IANA name: CLDR's location format
/// ("Italy Time", "heure : Italie", "hora de Italia", "توقيت إيطاليا"; a country with several
/// zones by its city: "Lima Time"), else the city of the IANA name ("Europe/Rome" → "Rome").
pub fn zone_name(lang: &str, iana: &str) -> String {
    memo(Memo::Zone, lang, 0, iana, || {
        use icu_datetime::fieldsets::zone::Location;
        let zone = icu_time::zone::IanaParser::new()
            .parse(iana)
            .without_offset();
        let city = || iana.rsplit('/').next().unwrap_or(iana).replace('_', " ");
        if zone.id() == icu_time::TimeZone::UNKNOWN {
            return city();
        }
        [resolve(lang), locale!("en")]
            .iter()
            .find_map(|loc| NoCalendarFormatter::try_new(loc.into(), Location).ok())
            .map(|f| f.format(&zone).to_string())
            .filter(|s| !s.is_empty() && !s.starts_with("GMT") && !s.contains("UTC"))
            .unwrap_or_else(city)
    })
}

/// An integer with CLDR grouping, including minimum grouping digits: es "1860" but "18.600".
pub fn number(lang: &str, value: i64) -> String {
    memo(Memo::Number, lang, value, "", || {
        format_decimal(&resolve(lang), &Decimal::from(value)).unwrap_or_else(|| value.to_string())
    })
}

/// An amount given in ten-thousandths of the currency unit (`model::AMOUNT_SCALE`), for every
/// currency. Decimals are shown only when the amount is not whole, and then as many as the
/// currency's ISO 4217 minor unit has (two for most, three for BHD or KWD; more only if the
/// amount has more, which the fee rules refuse): fr "1 860 €",
/// en "€1,860", es "1860 €", en "$1,250.50", en "KWD 12.500"; ar puts U+200F
/// (right-to-left mark) first: "\u{200f}1,860\u{a0}€".
/// A currency without a CLDR symbol is written as its code, spaced from the number by U+00A0.
pub fn money(lang: &str, minor_units: i64, currency: &str) -> String {
    memo(Memo::Money, lang, minor_units, currency, || {
        money_uncached(lang, minor_units, currency)
    })
}

fn money_uncached(lang: &str, units: i64, currency: &str) -> String {
    let loc = resolve(lang);
    let code = currency.trim().to_ascii_uppercase();
    let scale = crate::model::AMOUNT_SCALE;
    let amount = if units % scale == 0 {
        Decimal::from(units / scale)
    } else {
        // As many decimals as the currency's minor unit (KWD 12.500), at least two, and never
        // fewer than the amount has (the fee rules refuse those, this only never hides them).
        let digits = minor_unit_digits(&code).filter(|&n| n >= 2).unwrap_or(2);
        let mut value = Decimal::from(units);
        value.multiply_pow10(-(crate::model::AMOUNT_DECIMALS as i16));
        value.absolute.trim_end();
        let shown = value.absolute.nonzero_magnitude_end().min(-(digits as i16));
        value.absolute.pad_end(shown);
        value
    };
    let num = format_decimal(&loc, &amount).unwrap_or_else(|| amount.to_string());
    if code.is_empty() {
        return num;
    }
    // Symbols are per language; English outside the US uses CLDR root's (en-001: "US$").
    let lang_code = match (loc.id.language.as_str(), loc.id.region) {
        ("en", Some(r)) if r != region!("US") => "en-001",
        (l, _) => l,
    };
    let symbol = currency_symbol(&code, lang_code);
    let (lead, symbol_first, gap) = currency_pattern(&loc);
    // CLDR currencySpacing: a symbol whose letter touches the digits is set off by U+00A0.
    let edge = if symbol_first {
        symbol.chars().next_back()
    } else {
        symbol.chars().next()
    };
    let gap = if gap.is_empty() && edge.is_some_and(char::is_alphanumeric) {
        "\u{a0}"
    } else {
        gap
    };
    if symbol_first {
        // The sign goes before the symbol: "-€12.50". It ends where the digits start.
        let (sign, digits) = num.split_at(num.find(char::is_numeric).unwrap_or(0));
        format!("{lead}{sign}{symbol}{gap}{digits}")
    } else {
        format!("{lead}{num}{gap}{symbol}")
    }
}

/// The name of language `code` in language `display_lang`: ("en", "fr") → "French",
/// ("fr", "fr") → "français", ("ar", "fr") → "الفرنسية". Only the language subtag of `code` is
/// named ("pt-BR" → "Portuguese"). A display language without a column is English; a code
/// without a row is returned as given.
pub fn language_name(display_lang: &str, code: &str) -> String {
    memo(Memo::LanguageName, display_lang, 0, code, || {
        language_name_uncached(display_lang, code)
    })
}

fn language_name_uncached(display_lang: &str, code: &str) -> String {
    const COLUMNS: [&str; 9] = ["en", "fr", "es", "ar", "pt", "de", "it", "ru", "zh"];
    /// The last column: each language's name for itself.
    const OWN: usize = COLUMNS.len();
    let display = resolve(display_lang);
    let code = code.trim();
    let wanted = Locale::try_from_str(code).ok().map(|l| l.id.language);
    let wanted = wanted.as_ref().map(|l| l.as_str());
    let asked = Locale::try_from_str(display_lang.trim()).ok();
    let column = COLUMNS
        .iter()
        .position(|c| *c == display.id.language.as_str())
        .or_else(|| {
            // A language without a column names itself in its own words ("فارسی", the
            // language switcher of a Persian page), every other language in English.
            (asked.as_ref().map(|l| l.id.language.as_str()) == wanted).then_some(OWN)
        })
        .unwrap_or(0);
    LANGUAGE_NAMES
        .lines()
        .find_map(|line| {
            let mut row = line.split('|');
            (row.next() == wanted).then(|| row.nth(column)).flatten()
        })
        .unwrap_or(if code.is_empty() { "und" } else { code })
        .to_string()
}

/// BCP 47 well-formedness ("fr", "pt-BR", "zh-Hant-TW", "es-419"), as parsed by
/// `icu_locale_core`. Two stricter rules: the "_" separator that Unicode locale identifiers
/// also allow is refused, and so is a 4–8 letter language subtag ("french"): well-formed, but
/// IANA has registered none, so it is always a mistake.
pub fn is_valid_language_tag(code: &str) -> bool {
    !code.contains('_')
        && Locale::try_from_str(code).is_ok_and(|l| l.id.language.as_str().len() <= 3)
}

/// Whether `code` is an ISO 4217 currency a fee can be paid in, upper case as ISO writes it
/// ("EUR"): a code of the `iso_currency` crate's list with a minor unit. Precious metals, SDR,
/// bond-market units and the testing and "no currency" codes (XAU, XDR, XBA, XTS, XXX …) have
/// none ("N.A." in ISO 4217) and are refused.
pub fn currency_is_known(code: &str) -> bool {
    minor_unit_digits(code).is_some()
}

/// The number of decimals of `code`'s minor unit in ISO 4217 (EUR 2, JPY 0, KWD 3), from the
/// `iso_currency` crate; `None` for a code that is not a currency.
pub fn minor_unit_digits(code: &str) -> Option<u32> {
    iso_currency::Currency::from_code(code)?
        .exponent()
        .map(u32::from)
}

/// The locale to format with: the tag if it parses and CLDR has data for its language, else "en".
fn resolve(lang: &str) -> Locale {
    thread_local! {
        /// Checking for CLDR data builds a formatter: once per language and thread.
        static LOCALES: std::cell::RefCell<std::collections::HashMap<String, Locale>> =
            Default::default();
    }
    if let Some(hit) = LOCALES.with(|m| m.borrow().get(lang).cloned()) {
        return hit;
    }
    let loc = match Locale::try_from_str(lang.trim()) {
        Ok(loc) if !loc.id.language.is_unknown() && has_cldr_data(&loc) => loc,
        _ => locale!("en"),
    };
    LOCALES.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() < 1000 {
            m.insert(lang.to_string(), loc.clone());
        }
    });
    loc
}

/// CLDR root calls the months "M01" … "M12"; a language with data of its own never does, so a
/// locale whose September is "M09" fell through to root.
fn has_cldr_data(loc: &Locale) -> bool {
    let (Some(f), Ok(date)) = (
        formatter!(loc, YM::long()),
        Date::try_new_gregorian(2025, 9, 1),
    ) else {
        return false;
    };
    !f.format(&date).to_string().contains("M09")
}

/// Bare "en" dates are written day first, as CLDR "en-001" (International English) does.
fn date_locale(mut loc: Locale) -> Locale {
    if loc.id.language == language!("en") && loc.id.region.is_none() {
        loc.id.region = Some(region!("001"));
    }
    loc
}

fn format_decimal(loc: &Locale, value: &Decimal) -> Option<String> {
    let f = DecimalFormatter::try_new(loc.into(), Default::default()).ok()?;
    Some(f.format(value).to_string()).filter(|s| !s.is_empty())
}

fn weekday_names(loc: &Locale) -> Option<[String; 7]> {
    use icu_calendar::types::Weekday::*;
    let f = formatter!(loc, E::medium())?;
    let out = [
        Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
    ]
    .map(|day| f.format(&day).to_string());
    out.iter().all(|s| !s.is_empty()).then_some(out)
}

/// CLDR "currencyFormat" (standard) reduced to (text before, symbol first?, text between).
/// Hand table: ICU4X's currency formatter is only in `icu_experimental`.
fn currency_pattern(loc: &Locale) -> (&'static str, bool, &'static str) {
    const SUFFIX: &str = "fr es de it ru pl sv el uk ro hu cs vi ca da fi nb no nn bg hr sr sk \
                          sl lt lv et ka hy az kk uz sq mk be bs is eu gl lb ku my ky tk tg ln ff";
    const PREFIX_SPACED: &str = "nl sw ha mn ne rw mg ny wo ps";
    let lang = loc.id.language.as_str();
    match lang {
        "ar" => ("\u{200f}", false, "\u{a0}"),
        "he" => ("\u{200f}", false, "\u{a0}\u{200f}"),
        "fa" => ("\u{200e}", true, ""),
        "bn" | "km" => ("", false, ""),
        // Brazil writes "R$ 1.860,00"; Portugal and the other Portuguese locales put it after.
        "pt" if loc.id.region.is_none_or(|r| r == region!("BR")) => ("", true, "\u{a0}"),
        "pt" => ("", false, "\u{a0}"),
        _ if SUFFIX.split(' ').any(|l| l == lang) => ("", false, "\u{a0}"),
        _ if PREFIX_SPACED.split(' ').any(|l| l == lang) => ("", true, "\u{a0}"),
        _ => ("", true, ""),
    }
}

/// The CLDR short symbol of `code` in `lang`: the row's root symbol unless the language has
/// its own. A code without a row is its own symbol, as in CLDR.
fn currency_symbol<'a>(code: &'a str, lang: &str) -> &'a str {
    let Some(row) = CURRENCY_SYMBOLS
        .lines()
        .find(|l| l.split(' ').next() == Some(code))
    else {
        return code;
    };
    let mut fields = row.split(' ').skip(1);
    let root = fields.next().unwrap_or(code);
    fields
        .find_map(|f| f.strip_prefix(lang).and_then(|s| s.strip_prefix('=')))
        .unwrap_or(root)
}
