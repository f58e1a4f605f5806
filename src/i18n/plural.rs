//! CLDR plural rules: which form of a counted text a number takes in a language, and which
//! forms a language has (English `one`/`other`, Russian `one`/`few`/`many`/`other`, Arabic
//! all six, Chinese `other` only), from ICU4X's compiled data.

use icu_plurals::{PluralCategory, PluralRules};

/// The six CLDR categories, in CLDR's order: the suffixes of a counted text's keys
/// (`days_one`, `days_few`, …).
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

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
    let category = match rules(lang) {
        Some(r) => name(r.category_for(n)),
        None if n == 1 => "one",
        None => "other",
    };
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 100_000 {
            m.clear();
        }
        m.insert((lang.to_string(), n), category);
    });
    category
}

/// The categories `lang` uses, in CLDR's order, `other` always last. These include categories
/// only decimals take (Russian `other`) and very large numbers (French `many`: "1 000 000 de
/// formations"). A tag that does not parse has the English rules.
pub fn categories(lang: &str) -> Vec<&'static str> {
    match rules(lang) {
        Some(r) => r.categories().map(name).collect(),
        None => vec!["one", "other"],
    }
}

/// Whether `category` of `lang` stands for one whole number only (English `one` is 1, Arabic
/// `two` is 2, but Russian `one` is 1, 21, 31 …): such a form may leave the number out
/// ("يوم واحد", "one day"). Whole numbers up to 10⁷ are tried, which is past every CLDR rule's
/// period (the largest, French `many`, is a million).
pub fn is_single_number(lang: &str, category: &str) -> bool {
    let Some(r) = rules(lang) else {
        return category == "one";
    };
    let mut found = 0;
    let numbers = (0..=2000_u64).chain((1..=10).map(|k| k * 1_000_000));
    for n in numbers {
        if name(r.category_for(n)) == category {
            found += 1;
            if found > 1 {
                return false;
            }
        }
    }
    found == 1
}

fn rules(lang: &str) -> Option<PluralRules> {
    let locale = lang.parse::<icu_locale_core::Locale>().ok()?;
    PluralRules::try_new_cardinal(locale.into()).ok()
}

fn name(c: PluralCategory) -> &'static str {
    match c {
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
    fn plural_categories_of_numbers() {
        assert_eq!(plural("en", 1), "one");
        assert_eq!(plural("en", 3), "other");
        assert_eq!(plural("fr", 0), "one");
        assert_eq!(plural("fr", 1_000_000), "many");
        assert_eq!(plural("ar", 0), "zero");
        assert_eq!(plural("ar", 2), "two");
        assert_eq!(plural("ar", 5), "few");
        assert_eq!(plural("ar", 11), "many");
        assert_eq!(plural("ar", 100), "other");
        assert_eq!(plural("ru", 1), "one");
        assert_eq!(plural("ru", 21), "one");
        assert_eq!(plural("ru", 3), "few");
        assert_eq!(plural("ru", 5), "many");
        assert_eq!(plural("ru", 11), "many");
        assert_eq!(plural("zh", 1), "other");
        assert_eq!(plural("de", 1), "one");
        assert_eq!(plural("pt", 0), "one");
        assert_eq!(plural("it", 0), "other");
        // A tag that does not parse counts as English.
        assert_eq!(plural("not a tag", 1), "one");
    }

    #[test]
    fn categories_of_languages() {
        assert_eq!(categories("en"), ["one", "other"]);
        assert_eq!(categories("de"), ["one", "other"]);
        assert_eq!(categories("fr"), ["one", "many", "other"]);
        assert_eq!(categories("es"), ["one", "many", "other"]);
        assert_eq!(categories("it"), ["one", "many", "other"]);
        assert_eq!(categories("pt"), ["one", "many", "other"]);
        assert_eq!(categories("ru"), ["one", "few", "many", "other"]);
        assert_eq!(categories("ar"), CATEGORIES);
        assert_eq!(categories("zh"), ["other"]);
        assert_eq!(categories("ja"), ["other"]);
        assert_eq!(categories("he"), ["one", "two", "other"]);
        assert_eq!(categories("pt-PT"), ["one", "many", "other"]);
    }

    #[test]
    fn single_number_categories() {
        assert!(is_single_number("en", "one"));
        assert!(is_single_number("ar", "zero"));
        assert!(is_single_number("ar", "one"));
        assert!(is_single_number("ar", "two"));
        assert!(!is_single_number("ar", "few"));
        assert!(!is_single_number("ru", "one"));
        assert!(!is_single_number("fr", "one"));
        assert!(!is_single_number("fr", "many"));
        assert!(!is_single_number("zh", "other"));
        assert!(!is_single_number("en", "two"));
    }
}
