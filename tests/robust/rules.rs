//! Mistakes staff make that a rule catches with one plain-words error, and odd but legal input
//! that must come out right (issue 12): blank values, numbers and dates past what the outputs
//! can write, control characters, currencies without minor units, text that looks like a
//! placeholder, and files written by other tools. Each case builds one site made at test time
//! from the base fixture; every test here counts in the corpus (see `corpus_size`).

use super::{build_guarded, fails, one, succeeds};
use crate::support::*;

/// A course file of the base site's shape with `replace` applied to its text.
fn course_with(s: &Site, rel: &str, replace: &[(&str, &str)]) {
    let mut text = s.read("content/courses/base-course.md");
    for (from, to) in replace {
        assert!(text.contains(from), "the base course has `{from}`");
        text = text.replacen(from, to, 1);
    }
    s.write(rel, text);
}

#[test]
fn blank_titles_of_a_page_and_a_notice() {
    let s = Site::fixture("base");
    s.write("content/blank.md", "+++\ntitle = \"\"\n+++\nText.\n");
    s.write(
        "content/notices/blank.md",
        "+++\ntitle = \" \\t \"\ndate = 2025-08-01\n+++\nText.\n",
    );
    let r = fails(&s);
    let errs = errors(&r);
    assert_eq!(errs.len(), 2, "one error each:\n{}", show(&r));
    for (d, rel) in errs
        .iter()
        .zip(["content/blank.md", "content/notices/blank.md"])
    {
        assert_eq!((d.code, d.file.as_deref()), ("empty-value", Some(rel)));
        assert_at(d, &s, rel, "title = ", &["\""]);
        assert!(hint(d).contains("title"), "says what to write: {d:#?}");
    }
}

#[test]
fn a_language_listed_twice() {
    let s = Site::fixture("base");
    let site = s.read("site.toml");
    s.write(
        "site.toml",
        site.replace("[\"en\", \"fr\"]", "[\"en\", \"fr\", \"fr\"]"),
    );
    let r = fails(&s);
    let d = one(&r, "duplicate-language");
    let text = s.read("site.toml");
    let (line, _) = position(&text, "languages = ");
    assert_eq!((d.line, d.col), (line, 26), "the second \"fr\": {d:#?}");
    assert!(d.message.contains("twice"), "{d:#?}");
    assert!(
        hint(d).contains("languages = [\"en\", \"fr\"]"),
        "the line with each language once: {d:#?}"
    );
}

#[test]
fn topic_label_is_not_a_language() {
    let s = Site::fixture("base");
    s.write(
        "data/topics.toml",
        "[gender-equality]\nlabel = \"Gender equality\"\nen = \"Gender equality\"\nfr = \"Égalité\"\n\n[labour-standards]\nen = \"Labour standards\"\nfr = \"Normes du travail\"\n",
    );
    let r = fails(&s);
    let d = one(&r, "unknown-key");
    assert_at(d, &s, "data/topics.toml", "label = ", &["label"]);
    assert!(hint(d).contains("one line per language"), "{d:#?}");
}

#[test]
fn topic_label_missing_in_a_language_is_a_warning() {
    let s = Site::fixture("base");
    s.write(
        "data/topics.toml",
        "[gender-equality]\nen = \"Gender equality and diversity\"\n\n[labour-standards]\nen = \"International labour standards\"\nfr = \"Normes internationales du travail\"\n",
    );
    let r = succeeds(&s);
    let w: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-topic-label")
        .collect();
    assert_eq!(w.len(), 1, "{}", show(&r));
    assert_at(
        w[0],
        &s,
        "data/topics.toml",
        "[gender-equality]",
        &["gender-equality"],
    );
    assert!(w[0].message.contains("fr"), "{:#?}", w[0]);
    // The French pages show the default language's label.
    let html =
        std::fs::read_to_string(s.out().join("fr/topics/gender-equality/index.html")).unwrap();
    assert!(html.contains("Gender equality and diversity"));
}

#[test]
fn placeholders_written_in_a_title_stay_as_written() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[
            (
                "title = \"Base course\"",
                "title = \"Budget {code} and {session}\"",
            ),
            (
                "location = \"eCampus\"",
                "location = \"eCampus\"\nname = \"Phase {title}\"",
            ),
        ],
    );
    succeeds(&s);
    let ics = std::fs::read_to_string(s.out().join("en/courses/base-course/B0000001.ics"))
        .expect("the course calendar");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("X-WR-CALNAME;VALUE=TEXT:Budget {code} and {session} (B0000001)"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains(":Budget {code} and {session}: Phase {title}\r\n"),
        "{unfolded}"
    );
}

#[test]
fn control_characters_in_a_title_and_in_the_text() {
    let s = Site::fixture("base");
    s.write(
        "content/bell.md",
        "+++\ntitle = \"A bell\\u0007 here\"\n+++\nText.\n",
    );
    s.write(
        "content/escape.md",
        "+++\ntitle = \"Escape\"\n+++\nFirst line.\nSecond \u{1b}[2J line.\n",
    );
    let r = fails(&s);
    let errs = errors(&r);
    assert_eq!(errs.len(), 2, "{}", show(&r));
    assert!(
        errs.iter().all(|d| d.code == "control-character"),
        "{}",
        show(&r)
    );
    assert_at(errs[0], &s, "content/bell.md", "title = ", &["\"A bell"]);
    assert_at(errs[1], &s, "content/escape.md", "Second ", &["\u{1b}"]);
    assert!(errs[1].message.contains("U+001B"), "{:#?}", errs[1]);
}

#[test]
fn yen_amounts_are_shown_without_decimals() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[(
            "amount = 900\ncurrency = \"EUR\"",
            "amount = 150000\ncurrency = \"JPY\"",
        )],
    );
    succeeds(&s);
    let html = std::fs::read_to_string(s.out().join("en/courses/base-course/index.html")).unwrap();
    assert!(html.contains("¥150,000"), "no decimals for the yen");
    assert!(!html.contains("¥150,000.00"));
    assert!(html.contains("\"price\":150000"), "JSON-LD price");
}

#[test]
fn a_metal_is_not_a_currency() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[("currency = \"EUR\"", "currency = \"XAU\"")],
    );
    let r = fails(&s);
    let d = one(&r, "unknown-currency");
    assert_at(
        d,
        &s,
        "content/courses/base-course.md",
        "currency = ",
        &["\"XAU\""],
    );
    assert!(d.message.contains("ISO 4217 code, but not money"), "{d:#?}");
}

#[test]
fn notice_dated_before_1900() {
    let s = Site::fixture("base");
    s.write(
        "content/notices/old.md",
        "+++\ntitle = \"Old\"\ndate = 0205-08-01\n+++\nText.\n",
    );
    let r = fails(&s);
    let d = one(&r, "date-out-of-range");
    assert_at(d, &s, "content/notices/old.md", "date = ", &["0205-08-01"]);
    assert!(d.message.contains("year 205"), "{d:#?}");
}

#[test]
fn dates_at_the_ends_of_the_range_are_written_right() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[(
            "start = 2025-10-06\nend = 2025-10-31",
            "start = 2999-12-01\nend = 2999-12-31",
        )],
    );
    s.write(
        "content/notices/first.md",
        "+++\ntitle = \"First\"\ndate = 1900-01-01\n+++\nText.\n",
    );
    succeeds(&s);
    let ics = std::fs::read_to_string(s.out().join("en/courses/base-course/B0000001.ics")).unwrap();
    // An all-day session ends at the next midnight: four digits still.
    assert!(ics.contains("DTEND;VALUE=DATE:30000101"), "{ics}");
}

#[test]
fn two_to_the_53_plus_one_is_quoted_as_written() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[("amount = 900", "amount = 9007199254740993")],
    );
    let r = fails(&s);
    let d = one(&r, "number-out-of-range");
    assert!(d.message.contains("9007199254740993"), "{d:#?}");
    assert!(!d.message.contains("9007199254740992"), "{d:#?}");
    assert_at(
        d,
        &s,
        "content/courses/base-course.md",
        "amount = ",
        &["9007199254740993"],
    );
    hint(d);
}

#[test]
fn page_weight_past_64_bits() {
    let s = Site::fixture("base");
    s.write(
        "content/about.md",
        "+++\ntitle = \"About\"\nweight = 99999999999999999999\n+++\nText.\n",
    );
    let r = fails(&s);
    let d = one(&r, "number-out-of-range");
    assert_at(
        d,
        &s,
        "content/about.md",
        "weight = ",
        &["99999999999999999999"],
    );
    assert!(d.message.contains("99999999999999999999"), "{d:#?}");
}

#[test]
fn plus_signs_inside_a_multi_line_string() {
    let s = Site::fixture("base");
    s.write(
        "content/about.md",
        "+++\ntitle = \"About\"\nsummary = \"\"\"\nWhat we do\n+++\nand why.\"\"\"\nweight = 2\n+++\nThe text of the page.\n",
    );
    succeeds(&s);
    let html = std::fs::read_to_string(s.out().join("en/about/index.html")).unwrap();
    assert!(html.contains("The text of the page."));
    assert!(
        !html.contains("weight = 2"),
        "the front matter ends at its own +++"
    );
}

#[test]
fn cr_only_file_is_read() {
    let s = Site::fixture("base");
    s.write(
        "content/about.md",
        b"+++\rtitle = \"About, saved on an old Mac\"\r+++\rFirst paragraph.\r\rSecond paragraph.\r",
    );
    succeeds(&s);
    let html = std::fs::read_to_string(s.out().join("en/about/index.html")).unwrap();
    assert!(html.contains("About, saved on an old Mac"));
    assert!(html.contains("<p>Second paragraph.</p>"), "two paragraphs");
}

#[test]
fn upper_case_suffix_of_a_language_the_site_does_not_have() {
    let s = Site::fixture("base");
    s.write(
        "content/about.DE.md",
        "+++\ntitle = \"Über uns\"\n+++\nText.\n",
    );
    let r = fails(&s);
    let d = one(&r, "unknown-language");
    assert_eq!(d.file.as_deref(), Some("content/about.DE.md"));
    assert!(hint(d).contains("en, fr"), "{d:#?}");
}

#[test]
fn translated_page_at_the_address_of_the_notices() {
    let s = Site::fixture("base");
    s.write(
        "content/notices.fr.md",
        "+++\ntitle = \"Avis\"\n+++\nText.\n",
    );
    let r = fails(&s);
    let d = one(&r, "bad-path");
    assert_eq!(d.file.as_deref(), Some("content/notices.fr.md"));
    assert!(d.message.contains("/fr/notices/"), "{d:#?}");
    assert!(hint(d).contains("content/notices/_index.fr.md"), "{d:#?}");
}

#[test]
fn european_amount_with_decimals() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[("amount = 900", "amount = 1.860,50")],
    );
    let r = build_guarded(&s);
    let d = one(&r, "invalid-toml");
    assert_at(
        d,
        &s,
        "content/courses/base-course.md",
        "amount = ",
        &["1.860,50"],
    );
    assert!(hint(d).contains("amount = 1860.50"), "{d:#?}");
}

#[test]
fn duplicate_key_with_a_date_is_not_a_date_slip() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[(
            "start = 2025-10-06",
            "start = 2025-10-06\nstart = 2025-10-07",
        )],
    );
    let r = fails(&s);
    let d = one(&r, "invalid-toml");
    assert!(d.message.contains("duplicate"), "{d:#?}");
}

#[test]
fn amount_in_exponent_notation() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[("amount = 900", "amount = 1e3")],
    );
    let r = fails(&s);
    let d = one(&r, "wrong-type");
    assert_at(
        d,
        &s,
        "content/courses/base-course.md",
        "amount = ",
        &["1e3"],
    );
    assert!(hint(d).contains("amount = 1000"), "{d:#?}");
}

#[test]
fn blank_site_title() {
    let s = Site::fixture("base");
    let site = s.read("site.toml");
    s.write(
        "site.toml",
        site.replace("title = \"Test Training Centre\"", "title = \"  \""),
    );
    let r = fails(&s);
    let d = one(&r, "empty-value");
    assert_at(d, &s, "site.toml", "title = \"  \"", &["\"  \""]);
    assert!(hint(d).contains("title"), "says what to write: {d:#?}");
}

#[test]
fn a_session_of_nine_centuries() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[("end = 2025-10-31", "end = 2925-10-31")],
    );
    let r = fails(&s);
    let d = one(&r, "session-too-long");
    assert_at(
        d,
        &s,
        "content/courses/base-course.md",
        "end = ",
        &["2925-10-31"],
    );
    assert!(hint(d).contains("year of `end`"), "{d:#?}");
}

#[test]
fn translations_disagreeing_on_amounts_are_quoted_as_written() {
    let s = Site::fixture("base");
    course_with(
        &s,
        "content/courses/base-course.md",
        &[(
            "amount = 900\ncurrency = \"EUR\"",
            "amount = 1250.5\ncurrency = \"EUR\"\n\n[[fee.lines]]\nlabel = \"Subsistence\"\namount = 1500",
        )],
    );
    s.write(
        "content/courses/base-course.fr.md",
        s.read("content/courses/base-course.fr.md").replace(
            "[application]",
            "[fee]\namount = 1250.25\n\n[[fee.lines]]\nlabel = \"Séjour\"\namount = 1600\n\n[application]",
        ),
    );
    let r = fails(&s);
    let errs = errors(&r);
    assert_eq!(errs.len(), 2, "{}", show(&r));
    assert!(
        errs.iter().all(|d| d.code == "translation-mismatch"),
        "{}",
        show(&r)
    );
    let text: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
    assert!(
        text.iter()
            .any(|m| m.contains("says 1250.25") && m.contains("says 1250.50")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|m| m.contains("[1600]") && m.contains("[1500]")),
        "the lines in units, not hundredths: {text:?}"
    );
}
