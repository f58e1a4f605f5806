//! One fixture site per rule a build enforces (tests/fixtures/invalid/<rule>/ over the valid base
//! site): the build fails with content errors, writes nothing, and the error names its code, the
//! file, the line and column of the offending key or value, and a hint where one helps.

mod publish;
mod runs;

use crate::support::*;
use prospectus::diag::Diagnostic;
use prospectus::{Outcome, Report};
use std::process::Command;

const COURSES: &str = "content/courses/";

/// Builds the fixture site of `rule`; the build must fail and leave no output behind.
fn fails(rule: &str) -> (Site, Report) {
    let s = Site::invalid(rule);
    let r = s.build();
    assert_eq!(
        r.outcome,
        Outcome::ContentErrors,
        "{rule}: expected content errors, got {:?}:\n{}",
        r.outcome,
        show(&r)
    );
    assert!(
        !s.out().exists() || tree(&s.out()).is_empty(),
        "{rule}: a failed build writes no output"
    );
    (s, r)
}

/// The one error of a fixture, checked to carry `code`.
fn one<'r>(r: &'r Report, code: &str) -> &'r Diagnostic {
    let d = only_error(r);
    assert_eq!(d.code, code, "wrong code in {d:#?}");
    assert!(!d.message.trim().is_empty(), "a message in words");
    d
}

/// Runs `prospectus build` on a site and returns (exit code, stderr).
fn cli_build(s: &Site) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .arg("build")
        .arg("--root")
        .arg(&s.root)
        .arg("--out")
        .arg(s.out())
        .arg("--now")
        .arg(NOW)
        .env("NO_COLOR", "1")
        .output()
        .expect("run prospectus");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The CLI exits 1 and prints the error as `path:line:col: error: …`.
fn cli_exits_1_at(s: &Site, d: &Diagnostic) {
    let (code, stderr) = cli_build(s);
    assert_eq!(code, 1, "exit code 1 for content errors; stderr:\n{stderr}");
    let head = format!(
        "{}:{}:{}: error:",
        d.file.as_deref().unwrap_or(""),
        d.line,
        d.col
    );
    assert!(stderr.contains(&head), "stderr has `{head}`:\n{stderr}");
    if let Some(text) = &d.line_text {
        assert!(stderr.contains(&**text), "the line is quoted:\n{stderr}");
    }
    if let Some(h) = &d.hint {
        assert!(stderr.contains(&**h), "the hint is printed:\n{stderr}");
    }
    assert!(!s.out().exists(), "no output after a failed CLI build");
}

#[test]
fn the_base_fixture_is_valid() {
    let s = Site::fixture("base");
    let r = s.build();
    assert_success(&r);
    assert!(s.out().join("en/courses/base-course/index.html").is_file());
}

// --- required fields ------------------------------------------------------------------------

#[test]
fn code_missing() {
    let (s, r) = fails("code-missing");
    let d = one(&r, "missing-field");
    let rel = "content/courses/no-code.md";
    // Nothing to point at: the front matter that lacks it, from its first line.
    assert_at(d, &s, rel, "+++", &["+++"]);
    assert!(d.message.contains("code"), "{d:#?}");
    assert!(hint(d).contains("code = "), "{d:#?}");
}

#[test]
fn title_missing() {
    let (s, r) = fails("title-missing");
    let d = one(&r, "missing-field");
    assert_at(d, &s, "content/courses/no-title.md", "+++", &["+++"]);
    assert!(d.message.contains("title"), "{d:#?}");
    assert!(hint(d).contains("title"), "{d:#?}");
}

#[test]
fn modality_stated_nowhere() {
    let (s, r) = fails("modality-nowhere");
    let d = one(&r, "missing-field");
    // Reported once for the course, on its default-language file.
    assert_at(d, &s, "content/courses/no-modality.md", "+++", &["+++"]);
    assert!(d.message.contains("modality"), "{d:#?}");
    assert!(
        hint(d).contains("online"),
        "the hint lists a modality: {d:#?}"
    );
}

#[test]
fn duplicate_code_across_two_courses() {
    let (s, r) = fails("duplicate-code");
    let d = one(&r, "duplicate-code");
    let rel = "content/courses/duplicate.md";
    assert_at(d, &s, rel, "code = ", &["\"B0000001\"", "code"]);
    assert!(
        d.message.contains("content/courses/base-course.md"),
        "the message names the other course's file: {d:#?}"
    );
    hint(d);
}

// --- sessions and dates -----------------------------------------------------------------------

#[test]
fn session_end_before_start() {
    let (s, r) = fails("session-end-before-start");
    let d = one(&r, "session-end-before-start");
    let rel = "content/courses/backwards-session.md";
    assert_at(d, &s, rel, "end = 2025-10-01", &["2025-10-01", "end"]);
    hint(d);
    cli_exits_1_at(&s, d);
}

#[test]
fn non_self_paced_course_without_sessions() {
    let (s, r) = fails("no-sessions");
    let d = one(&r, "no-sessions");
    let rel = "content/courses/no-sessions.md";
    assert_eq!(d.file.as_deref(), Some(rel));
    // The whole course lacks sessions: the front matter's first line, or its `modality`.
    let text = s.read(rel);
    let (modality_line, _) = position(&text, "modality = ");
    assert!(
        d.line == 1 || d.line == modality_line,
        "line 1 or the modality line ({modality_line}): {d:#?}"
    );
    assert_quotes_its_line(d, &s);
    assert!(hint(d).contains("self-paced"), "{d:#?}");
}

#[test]
fn rolling_start_with_sessions() {
    let (s, r) = fails("starts-with-sessions");
    let d = one(&r, "starts-with-sessions");
    let rel = "content/courses/rolling-with-dates.md";
    assert_at(d, &s, rel, "starts = ", &["\"rolling\"", "starts"]);
    assert!(
        hint(d).contains("remove one of the two"),
        "says how to fix it: {d:#?}"
    );
    cli_exits_1_at(&s, d);
}

#[test]
fn starts_note_without_starts() {
    let (s, r) = fails("starts-note-without-starts");
    let d = one(&r, "starts-note-without-starts");
    let rel = "content/courses/note-only.md";
    assert_at(
        d,
        &s,
        rel,
        "starts_note = ",
        &["\"Every Monday\"", "starts_note"],
    );
    assert!(hint(d).contains("starts = \"rolling\""), "{d:#?}");
}

#[test]
fn deadline_after_first_start() {
    let (s, r) = fails("deadline-after-start");
    let d = one(&r, "deadline-after-start");
    let rel = "content/courses/late-deadline.md";
    assert_at(d, &s, rel, "deadline = ", &["2025-10-10", "deadline"]);
    hint(d);
}

#[test]
fn opens_after_deadline() {
    let (s, r) = fails("opens-after-deadline");
    let d = one(&r, "opens-after-deadline");
    let rel = "content/courses/late-opening.md";
    assert_at(d, &s, rel, "opens = ", &["2025-09-20", "opens"]);
    hint(d);
}

#[test]
fn nomination_with_a_deadline() {
    let (s, r) = fails("nomination-with-form");
    let d = one(&r, "nomination-with-form");
    let rel = "content/courses/nominated.md";
    assert_at(d, &s, rel, "deadline = ", &["2025-09-15", "deadline"]);
    assert!(
        hint(d).contains("remove `deadline`") && hint(d).contains("selection"),
        "says what to remove, and where a nomination deadline goes: {d:#?}"
    );
    cli_exits_1_at(&s, d);
}

#[test]
fn application_by_unknown_value() {
    let (s, r) = fails("application-by-unknown");
    let d = one(&r, "bad-value");
    let rel = "content/courses/nominated.md";
    assert_at(d, &s, rel, "by = ", &["\"nominaton\"", "by"]);
    assert!(hint(d).contains("did you mean `nomination`?"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn hours_zero() {
    // `hours` is study time: a whole number of hours from 1 up, or left out.
    let (s, r) = fails("hours-zero");
    let d = one(&r, "bad-value");
    let rel = "content/courses/hours-zero.md";
    assert_at(d, &s, rel, "hours = ", &["0", "hours"]);
    assert!(d.message.contains("`hours` is 0"), "{d:#?}");
    assert!(hint(d).contains("leave `hours` out"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn impossible_date() {
    let (s, r) = fails("impossible-date");
    let d = one(&r, "invalid-toml");
    let rel = "content/courses/impossible-date.md";
    assert_at(d, &s, rel, "start = 2025-02-30", &["2025-02-30", "start"]);
    assert!(
        hint(d).contains("2025-09-08") || hint(d).contains("YYYY-MM-DD"),
        "the hint shows how dates are written: {d:#?}"
    );
    cli_exits_1_at(&s, d);
}

/// 31 September written day first: said to be a date that does not exist, with the month's last
/// day as the example (before, TOML's "string values must be quoted" and a hint to quote it).
#[test]
fn impossible_date_written_day_first() {
    let (s, r) = fails("date-day-first-impossible");
    let d = one(&r, "invalid-toml");
    let rel = "content/courses/day-first.md";
    assert_at(d, &s, rel, "deadline = ", &["31/09/2025"]);
    assert!(
        d.message.contains("does not exist") && d.message.contains("September 2025 has 30 days"),
        "{d:#?}"
    );
    assert!(hint(d).contains("deadline = 2025-09-30"), "{d:#?}");
    assert!(!hint(d).contains("quotes: title"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

// --- fee --------------------------------------------------------------------------------------

#[test]
fn negative_fee() {
    let (s, r) = fails("negative-fee");
    let d = one(&r, "negative-fee");
    assert_at(
        d,
        &s,
        "content/courses/negative-fee.md",
        "amount = -100",
        &["-100", "amount"],
    );
    assert!(hint(d).contains('0'), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn unknown_currency() {
    let (s, r) = fails("unknown-currency");
    let d = one(&r, "unknown-currency");
    assert_at(
        d,
        &s,
        "content/courses/unknown-currency.md",
        "currency = ",
        &["\"EUX\"", "EUX", "currency"],
    );
    assert!(hint(d).contains("EUR"), "{d:#?}");
}

/// A currency written as on a price tag (`"DH"`) gets its ISO code in the hint (it got only
/// "e.g. EUR, USD, CHF, XOF").
#[test]
fn a_currency_written_as_people_write_it() {
    let (s, r) = fails("currency-as-written");
    let d = one(&r, "unknown-currency");
    assert_at(
        d,
        &s,
        "content/courses/dirhams.md",
        "currency = ",
        &["\"DH\""],
    );
    assert!(
        hint(d).contains("\"MAD\"") && hint(d).contains("\"AED\""),
        "{d:#?}"
    );
    cli_exits_1_at(&s, d);
}

#[test]
fn unknown_country() {
    let (s, r) = fails("unknown-country");
    let d = one(&r, "unknown-country");
    assert_at(
        d,
        &s,
        "content/courses/unknown-country.md",
        "country = ",
        &["\"Germany\"", "Germany", "country"],
    );
    assert!(hint(d).contains("\"DE\""), "{d:#?}");
    cli_exits_1_at(&s, d);
}

// --- cancellation tiers -----------------------------------------------------------------------

#[test]
fn tiers_unsorted() {
    let (s, r) = fails("tiers-unsorted");
    let d = one(&r, "tiers-order");
    assert_at(
        d,
        &s,
        "content/courses/tiers-unsorted.md",
        "{ min_days = 30",
        &["{", "min_days", "30"],
    );
    hint(d);
}

#[test]
fn tiers_unsorted_in_data_policies() {
    let (s, r) = fails("policies-tiers-unsorted");
    let d = one(&r, "tiers-order");
    assert_at(
        d,
        &s,
        "data/policies.toml",
        "{ min_days = 14",
        &["{", "min_days", "14"],
    );
    hint(d);
}

#[test]
fn last_tier_not_zero() {
    let (s, r) = fails("tiers-last-not-zero");
    let d = one(&r, "tiers-last");
    assert_at(
        d,
        &s,
        "content/courses/tiers-last.md",
        "{ min_days = 8",
        &["{", "min_days", "8"],
    );
    assert!(hint(d).contains("min_days = 0"), "{d:#?}");
}

#[test]
fn refund_over_100() {
    let (s, r) = fails("refund-over-100");
    let d = one(&r, "refund-range");
    assert_at(
        d,
        &s,
        "content/courses/refund-over.md",
        "refund_percent = 120",
        &["120", "refund_percent"],
    );
    hint(d);
}

#[test]
fn refund_increasing() {
    let (s, r) = fails("refund-increasing");
    let d = one(&r, "refund-increasing");
    assert_at(
        d,
        &s,
        "content/courses/refund-increasing.md",
        "{ min_days = 8, refund_percent = 100",
        &["{", "refund_percent", "100"],
    );
    hint(d);
}

// --- ids --------------------------------------------------------------------------------------

#[test]
fn unknown_topic() {
    let (s, r) = fails("unknown-topic");
    let d = one(&r, "unknown-topic");
    assert_at(
        d,
        &s,
        "content/courses/unknown-topic.md",
        "topics = ",
        &["\"gender-equity\"", "gender-equity"],
    );
    assert!(hint(d).contains("gender-equality"), "{d:#?}");
}

#[test]
fn unknown_contact() {
    let (s, r) = fails("unknown-contact");
    let d = one(&r, "unknown-contact");
    assert_at(
        d,
        &s,
        "content/courses/unknown-contact.md",
        "contacts = ",
        &["\"ilsgn\"", "ilsgn"],
    );
    assert!(hint(d).contains("ilsgen"), "{d:#?}");
}

#[test]
fn unknown_policy() {
    let (s, r) = fails("unknown-policy");
    let d = one(&r, "unknown-policy");
    assert_at(
        d,
        &s,
        "content/courses/unknown-policy.md",
        "cancellation = ",
        &["\"regular-course\"", "regular-course"],
    );
    assert!(hint(d).contains("regular-courses"), "{d:#?}");
}

#[test]
fn unknown_notice_related_course() {
    let (s, r) = fails("unknown-related-course");
    let d = one(&r, "unknown-course");
    assert_at(
        d,
        &s,
        "content/notices/related.md",
        "related_courses = ",
        &["\"B0000002\"", "B0000002"],
    );
    assert!(hint(d).contains("B0000001"), "{d:#?}");
}

// --- languages --------------------------------------------------------------------------------

#[test]
fn unknown_language_suffix() {
    let (s, r) = fails("unknown-language-suffix");
    let d = one(&r, "unknown-language");
    assert_eq!(d.file.as_deref(), Some("content/courses/x.de.md"));
    // The file's name is at fault, not a line of it: no line, or line 1 column 1.
    assert!(
        d.line == 0 || (d.line == 1 && d.col == 1),
        "the whole file: line 0, or 1:1 — {d:#?}"
    );
    assert_quotes_its_line(d, &s);
    assert!(d.message.contains("de"), "{d:#?}");
    assert!(
        hint(d).contains("en") && hint(d).contains("fr"),
        "the hint lists the site's languages: {d:#?}"
    );
}

#[test]
fn invalid_language_of_instruction() {
    let (s, r) = fails("bad-language-tag");
    let d = one(&r, "bad-language-tag");
    assert_at(
        d,
        &s,
        "content/courses/bad-language.md",
        "languages = ",
        &["\"français\"", "français"],
    );
    hint(d);
}

#[test]
fn translations_disagree_on_the_deadline() {
    let (s, r) = fails("translation-mismatch");
    let d = one(&r, "translation-mismatch");
    // The error is on the translation's line, and names the other file.
    assert_at(
        d,
        &s,
        "content/courses/mismatch.fr.md",
        "deadline = ",
        &["2025-09-14", "deadline"],
    );
    assert!(
        d.message.contains("content/courses/mismatch.md"),
        "names the sibling: {d:#?}"
    );
    assert!(
        d.message.contains("2025-09-15"),
        "shows the other value: {d:#?}"
    );
    hint(d);
    cli_exits_1_at(&s, d);
}

/// A notice's translations that disagree are told about translations, not "a course's facts".
#[test]
fn a_notices_translations_disagree_on_its_date() {
    let (s, r) = fails("notice-translation-mismatch");
    let d = one(&r, "translation-mismatch");
    assert_at(
        d,
        &s,
        "content/notices/base-notice.fr.md",
        "date = ",
        &["2025-08-02"],
    );
    assert!(
        d.message.contains("content/notices/base-notice.md"),
        "{d:#?}"
    );
    assert!(
        !hint(d).contains("course's"),
        "a notice is not a course: {d:#?}"
    );
    assert!(hint(d).contains("make them equal"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

// --- fields -----------------------------------------------------------------------------------

#[test]
fn unknown_key_suggests_the_nearest() {
    let (s, r) = fails("unknown-key");
    let d = one(&r, "unknown-key");
    assert_at(d, &s, "content/courses/typo.md", "deadlin = ", &["deadlin"]);
    assert_eq!(d.len, "deadlin".len(), "underlines the key: {d:#?}");
    assert!(
        hint(d).contains("did you mean") && hint(d).contains("deadline"),
        "{d:#?}"
    );
    cli_exits_1_at(&s, d);
}

#[test]
fn wrong_type() {
    let (s, r) = fails("wrong-type");
    let d = one(&r, "wrong-type");
    assert_at(
        d,
        &s,
        "content/courses/wrong-type.md",
        "title = 3",
        &["3", "title"],
    );
    assert!(d.message.contains("title"), "{d:#?}");
}

#[test]
fn unknown_timezone() {
    let (s, r) = fails("unknown-timezone");
    let d = one(&r, "bad-timezone");
    assert_at(
        d,
        &s,
        "content/courses/bad-zone.md",
        "timezone = ",
        &["\"Europe/Rom\"", "Europe/Rom"],
    );
    assert!(hint(d).contains("Europe/Rome"), "{d:#?}");
}

#[test]
fn unknown_timezone_in_site_toml() {
    let (s, r) = fails("site-timezone");
    let d = one(&r, "bad-timezone");
    assert_at(
        d,
        &s,
        "site.toml",
        "timezone = ",
        &["\"Europe/Roma\"", "Europe/Roma"],
    );
    assert!(hint(d).contains("Europe/Rome"), "{d:#?}");
}

#[test]
fn share_image_that_is_not_a_static_file() {
    let (s, r) = fails("share-image-missing");
    let d = one(&r, "bad-share-image");
    assert_at(
        d,
        &s,
        "site.toml",
        "share_image = ",
        &["\"images/share.png\""],
    );
    assert!(d.message.contains("no such file"), "{d:#?}");
    assert!(hint(d).contains("static/"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn share_image_that_is_not_a_picture() {
    let s = Site::invalid("share-image-missing");
    s.write("static/images/share.png", "not a picture");
    let r = s.build();
    let d = one(&r, "bad-share-image");
    assert!(d.message.contains("not a PNG"), "{d:#?}");
}

#[test]
fn footer_link_that_leads_nowhere() {
    let (s, r) = fails("footer-link");
    let d = one(&r, "bad-url");
    assert_at(d, &s, "site.toml", "privacy.fr = ", &["\"www.example.org"]);
    assert!(
        d.message.contains("www.example.org/confidentialite"),
        "{d:#?}"
    );
    assert!(hint(d).contains("/en/privacy/"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn soon_days_out_of_range() {
    let (s, r) = fails("soon-days-zero");
    let d = one(&r, "number-out-of-range");
    assert_at(d, &s, "site.toml", "soon_days = ", &["0"]);
    assert!(d.message.contains("1 to 366"), "says the range: {d:#?}");
    assert!(hint(d).contains("soon_days = 60"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn editor_backend_unknown() {
    let (s, r) = fails("editor-backend");
    let d = one(&r, "bad-value");
    assert_at(d, &s, "site.toml", "backend = ", &["\"local\"", "local"]);
    assert!(hint(d).contains("prospectus serve"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn calendar_refresh_hours_out_of_range() {
    let (s, r) = fails("calendar-refresh-hours");
    let d = one(&r, "bad-value");
    assert_at(d, &s, "site.toml", "refresh_hours = ", &["0"]);
    assert!(d.message.contains("1 to 720"), "{d:#?}");
    assert!(hint(d).contains("refresh_hours = 24"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

// --- application link -------------------------------------------------------------------------

#[test]
fn javascript_application_url() {
    let (s, r) = fails("javascript-url");
    let d = one(&r, "bad-url");
    assert_at(
        d,
        &s,
        "content/courses/javascript-url.md",
        "url = ",
        &["\"javascript:alert(1)\"", "javascript:", "url"],
    );
    assert!(hint(d).contains("https://"), "{d:#?}");
}

// --- the file itself --------------------------------------------------------------------------

#[test]
fn invalid_toml() {
    let (s, r) = fails("invalid-toml");
    let d = one(&r, "invalid-toml");
    let rel = "content/courses/invalid-toml.md";
    assert_at(d, &s, rel, "title = \"Unclosed", &[]);
    hint(d);
    cli_exits_1_at(&s, d);
}

#[test]
fn missing_closing_front_matter_line() {
    let (s, r) = fails("unclosed-front-matter");
    let d = one(&r, "front-matter");
    assert_at(d, &s, "content/courses/unclosed.md", "+++", &["+++"]);
    assert!(hint(d).contains("+++"), "{d:#?}");
}

#[test]
fn empty_file() {
    let (s, r) = fails("empty-file");
    let d = one(&r, "front-matter");
    assert_eq!(d.file.as_deref(), Some("content/courses/empty.md"));
    assert!(d.line <= 1, "{d:#?}");
    assert!(s.read("content/courses/empty.md").is_empty());
    assert!(hint(d).contains("+++"), "{d:#?}");
}

#[test]
fn non_utf8_bytes() {
    let (s, r) = fails("not-utf8");
    let d = one(&r, "not-utf8");
    let rel = "content/courses/latin1.md";
    assert_eq!(d.file.as_deref(), Some(rel));
    let bytes = std::fs::read(s.path(rel)).expect("fixture");
    let at = bytes
        .iter()
        .position(|&b| b == 0xE9)
        .expect("a Latin-1 é in the fixture");
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&bytes[line_start..at])
        .chars()
        .count()
        + 1;
    assert_eq!(
        (d.line, d.col),
        (line, col),
        "points at the bad byte: {d:#?}"
    );
    assert!(hint(d).contains("UTF-8"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn saved_as_utf16() {
    let (s, r) = fails("utf16");
    let d = one(&r, "utf16");
    assert_eq!(d.file.as_deref(), Some("content/courses/notepad.md"));
    assert!(d.message.contains("saved as UTF-16"), "{d:#?}");
    assert!(hint(d).contains("save it as UTF-8"), "{d:#?}");
    // Not a quoted line of mojibake: the file as a whole is at fault.
    assert!(d.line_text.is_none() && d.line == 0, "{d:#?}");
    let (code, stderr) = cli_build(&s);
    assert_eq!(code, 1, "exit code 1 for content errors; stderr:\n{stderr}");
    assert!(
        stderr.contains("content/courses/notepad.md: error: the file is saved as UTF-16"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{FFFD}') && !stderr.contains('\0'),
        "no garbled text:\n{stderr}"
    );
}

#[test]
fn nul_byte() {
    let (s, r) = fails("nul-byte");
    let d = one(&r, "nul-byte");
    let rel = "content/courses/nul.md";
    assert_at(d, &s, rel, "Second ", &["\0"]);
    hint(d);
}

#[test]
fn bad_slug_file_name_with_a_space() {
    let (s, r) = fails("bad-slug");
    let d = one(&r, "bad-slug");
    assert_eq!(d.file.as_deref(), Some("content/courses/my course.md"));
    assert!(d.line <= 1, "the file's name is at fault: {d:#?}");
    assert_quotes_its_line(d, &s);
    assert!(hint(d).contains("space"), "{d:#?}");
}

// --- accepted inputs ----------------------------------------------------------------------------

#[test]
fn a_utf8_bom_is_accepted() {
    let s = Site::accepted("bom");
    let rel = "content/courses/bom.md";
    let bytes = std::fs::read(s.path(rel)).expect("fixture");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF+++"),
        "the fixture has its BOM"
    );
    let r = s.build();
    assert_success(&r);
    let html = std::fs::read_to_string(s.out().join("en/courses/bom/index.html"))
        .expect("the BOM course page");
    assert!(html.contains("Test course"));
}

#[test]
fn crlf_line_endings_are_accepted() {
    let s = Site::accepted("crlf");
    let rel = "content/courses/crlf.md";
    let bytes = std::fs::read(s.path(rel)).expect("fixture");
    assert!(
        bytes.starts_with(b"+++\r\n"),
        "the fixture has CRLF endings"
    );
    let r = s.build();
    assert_success(&r);
    let html = std::fs::read_to_string(s.out().join("en/courses/crlf/index.html"))
        .expect("the CRLF course page");
    assert!(html.contains("Test course"));
    assert!(
        !html.contains("\r\n+++"),
        "no front matter left in the page"
    );
}

#[test]
fn bom_and_crlf_keep_line_numbers_right() {
    let (s, r) = fails("bom-crlf-error");
    let rel = "content/courses/bom-crlf.md";
    let bytes = std::fs::read(s.path(rel)).expect("fixture");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF+++\r\n"),
        "BOM and CRLF in the fixture"
    );
    let d = one(&r, "unknown-key");
    assert_at(d, &s, rel, "deadlin = ", &["deadlin"]);
    assert_eq!(
        d.line_text.as_deref(),
        Some("deadlin = 2025-09-15"),
        "no CR quoted"
    );
    assert!(hint(d).contains("deadline"), "{d:#?}");
}

#[test]
fn a_bom_does_not_shift_the_first_line() {
    let (s, r) = fails("bom-first-line-error");
    let d = one(&r, "front-matter");
    let rel = "content/courses/bom-first.md";
    assert!(std::fs::read(s.path(rel))
        .expect("fixture")
        .starts_with(b"\xEF\xBB\xBFtitel"));
    assert_eq!(d.file.as_deref(), Some(rel));
    assert_eq!((d.line, d.col), (1, 1), "{d:#?}");
    assert_eq!(
        d.line_text.as_deref(),
        Some("titel"),
        "the BOM is not quoted"
    );
}

// --- values that say nothing or cannot be written (issue 12) -----------------------------------

#[test]
fn blank_title() {
    let (s, r) = fails("empty-title");
    let d = one(&r, "empty-value");
    assert_at(
        d,
        &s,
        "content/courses/blank-title.md",
        "title = ",
        &["\"   \""],
    );
    assert!(d.message.contains("title"), "{d:#?}");
    assert!(hint(d).contains("title = \""), "{d:#?}");
}

#[test]
fn a_language_listed_twice_in_another_letter_case() {
    let (s, r) = fails("language-twice");
    let d = one(&r, "duplicate-language");
    assert_at(d, &s, "site.toml", "languages = ", &["\"EN\""]);
    assert!(
        d.message.contains("EN") && d.message.contains("en"),
        "{d:#?}"
    );
    assert!(
        hint(d).contains("languages = [\"en\", \"fr\"]"),
        "the list without the duplicate: {d:#?}"
    );
    cli_exits_1_at(&s, d);
}

#[test]
fn no_language_at_all() {
    let (s, r) = fails("languages-empty");
    let d = one(&r, "empty-value");
    assert_at(d, &s, "site.toml", "languages = ", &["[]"]);
    assert!(
        !hint(d).trim_end().ends_with(':'),
        "no empty list to pick from: {d:#?}"
    );
    assert!(hint(d).contains("languages = [\"en\""), "{d:#?}");
}

#[test]
fn topic_label_in_a_language_the_site_does_not_have() {
    let (s, r) = fails("topic-unknown-language");
    let d = one(&r, "unknown-key");
    assert_at(d, &s, "data/topics.toml", "de = ", &["de"]);
    assert!(
        hint(d).contains("en, fr") && hint(d).contains("languages"),
        "{d:#?}"
    );
}

#[test]
fn control_character_in_a_link() {
    let (s, r) = fails("control-character-url");
    let d = one(&r, "control-character");
    let rel = "content/courses/nul-url.md";
    assert_at(d, &s, rel, "url = ", &["\"https://"]);
    assert!(d.message.contains("U+0000"), "{d:#?}");
    assert!(hint(d).contains("\\u0000"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn unknown_instructor() {
    let (s, r) = fails("unknown-person");
    let d = one(&r, "unknown-person");
    let rel = "content/courses/misspelt-instructor.md";
    assert_at(d, &s, rel, "instructors = ", &["\"pereria\""]);
    assert!(d.message.contains("data/people.toml"), "{d:#?}");
    assert!(hint(d).contains("pereira"), "{d:#?}");
}

#[test]
fn instructor_photo_in_a_single_file_course() {
    let (s, r) = fails("bad-photo");
    let d = one(&r, "bad-photo");
    assert_eq!(
        d.file.as_deref(),
        Some("content/courses/photo-without-folder.md")
    );
    assert!(d.message.contains("mensah.png"), "{d:#?}");
    assert!(hint(d).contains("index.md"), "{d:#?}");
    assert_quotes_its_line(d, &s);
}

#[test]
fn capacity_of_zero() {
    let (s, r) = fails("capacity-zero");
    let d = one(&r, "bad-value");
    assert_at(
        d,
        &s,
        "content/courses/no-places.md",
        "capacity = ",
        &["0", "capacity"],
    );
    assert!(d.message.contains("from 1 to"), "{d:#?}");
    assert!(hint(d).contains("capacity = 25"), "{d:#?}");
}

#[test]
fn fee_on_request_with_an_amount() {
    let (s, r) = fails("fee-on-request-with-amount");
    let d = one(&r, "fee-on-request-with-amount");
    let rel = "content/courses/on-request-priced.md";
    assert_at(d, &s, rel, "on_request = ", &["true", "on_request"]);
    assert!(hint(d).contains("remove on_request"), "{d:#?}");
}

#[test]
fn decimals_in_a_currency_without_minor_unit() {
    let (s, r) = fails("decimals-for-yen");
    let d = one(&r, "too-many-decimals");
    assert_at(d, &s, "content/courses/yen.md", "amount = ", &["1500.5"]);
    assert!(d.message.contains("JPY"), "{d:#?}");
    assert!(hint(d).contains("amount = 1500"), "{d:#?}");
}

#[test]
fn year_that_outputs_cannot_write() {
    let (s, r) = fails("year-out-of-range");
    let d = one(&r, "date-out-of-range");
    assert_at(
        d,
        &s,
        "content/courses/far-future.md",
        "end = 9999",
        &["9999-12-31"],
    );
    assert!(
        d.message.contains("9999") && d.message.contains("1900") && d.message.contains("2999"),
        "{d:#?}"
    );
    hint(d);
}

#[test]
fn refund_days_too_large_are_not_truncated() {
    let (s, r) = fails("min-days-too-large");
    let d = one(&r, "number-out-of-range");
    assert_at(
        d,
        &s,
        "content/courses/tier-days.md",
        "{ min_days = 4294967296",
        &["4294967296"],
    );
    assert!(
        d.message.contains("4294967296"),
        "quotes the number: {d:#?}"
    );
    assert!(hint(d).contains("min_days = "), "{d:#?}");
}

#[test]
fn amount_too_large() {
    let (s, r) = fails("amount-too-large");
    let d = one(&r, "number-out-of-range");
    assert_at(
        d,
        &s,
        "content/courses/big-fee.md",
        "amount = ",
        &["123456789012345678"],
    );
    assert!(d.message.contains("123456789012345678"), "{d:#?}");
    assert!(!d.message.contains("must be a number"), "{d:#?}");
    assert!(hint(d).contains("999999999999"), "{d:#?}");
}

// --- values written the way people write them elsewhere (issue 12) ------------------------------

#[test]
fn date_with_slashes() {
    let (s, r) = fails("date-with-slashes");
    let d = one(&r, "invalid-toml");
    assert_at(
        d,
        &s,
        "content/courses/slash-date.md",
        "start = 01/03/2027",
        &["01/03/2027"],
    );
    assert_eq!(d.len, "01/03/2027".len(), "underlines the date: {d:#?}");
    // Day and month could be either: both readings, each as the line rewritten.
    assert!(
        hint(d).contains("start = 2027-03-01") && hint(d).contains("start = 2027-01-03"),
        "{d:#?}"
    );
    assert!(hint(d).contains("1 March 2027"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn date_with_dots() {
    let (s, r) = fails("date-with-dots");
    let d = one(&r, "invalid-toml");
    assert_at(
        d,
        &s,
        "content/courses/dot-date.md",
        "start = 13.03.2027",
        &["13.03.2027"],
    );
    // 13 cannot be a month: one reading.
    assert!(hint(d).ends_with("start = 2027-03-13"), "{d:#?}");
}

#[test]
fn date_with_dots_read_either_way() {
    let (s, r) = fails("date-with-dots-ambiguous");
    let d = one(&r, "invalid-toml");
    assert_at(
        d,
        &s,
        "content/courses/dot-date.md",
        "start = 01.03.2027",
        &["01.03.2027"],
    );
    // 01 and 03 can each be the day or the month: both readings, each as the line rewritten.
    assert!(
        hint(d).contains("start = 2027-03-01") && hint(d).contains("start = 2027-01-03"),
        "{d:#?}"
    );
    cli_exits_1_at(&s, d);
}

#[test]
fn date_in_words() {
    let (s, r) = fails("date-in-words");
    let d = one(&r, "wrong-type");
    assert_at(
        d,
        &s,
        "content/courses/words-date.md",
        "deadline = ",
        &["\"1 March 2027\""],
    );
    assert!(hint(d).contains("deadline = 2027-03-01"), "{d:#?}");
}

#[test]
fn amount_with_a_thousands_comma() {
    let (s, r) = fails("amount-with-comma");
    let d = one(&r, "invalid-toml");
    assert_at(
        d,
        &s,
        "content/courses/comma-fee.md",
        "amount = ",
        &["1,860"],
    );
    assert!(hint(d).contains("amount = 1860"), "{d:#?}");
    assert!(d.message.contains("separators"), "{d:#?}");
}

#[test]
fn amount_with_a_thousands_dot() {
    let (s, r) = fails("amount-with-dot");
    let d = one(&r, "too-many-decimals");
    assert_at(d, &s, "content/courses/dot-fee.md", "amount = ", &["1.860"]);
    assert!(hint(d).contains("amount = 1860"), "{d:#?}");
}

#[test]
fn modality_in_capitals_is_one_error() {
    let (s, r) = fails("modality-capital");
    // Not also "`modality` is required".
    let d = one(&r, "bad-value");
    assert_at(
        d,
        &s,
        "content/courses/capital-modality.md",
        "modality = ",
        &["\"Online\""],
    );
    assert_eq!(hint(d), "did you mean `online`?");
}

#[test]
fn sessions_with_one_pair_of_brackets() {
    let (s, r) = fails("sessions-single-brackets");
    // Not also "this course has no sessions".
    let d = one(&r, "wrong-type");
    assert_at(
        d,
        &s,
        "content/courses/single-brackets.md",
        "[sessions]",
        &["[sessions]"],
    );
    assert!(hint(d).contains("[[sessions]]"), "{d:#?}");
    assert!(d.message.contains("[[sessions]]"), "{d:#?}");
}

#[test]
fn unfilled_code_is_reported_once() {
    let (s, r) = fails("code-unfilled");
    // Not also "must be a code of letters", nor a disagreement with the translation's code.
    let d = one(&r, "unfilled");
    assert_at(
        d,
        &s,
        "content/courses/unfilled-code.md",
        "code = ",
        &["\"???\""],
    );
    assert!(hint(d).contains("???"), "{d:#?}");
}

// --- the file itself (issue 12) -----------------------------------------------------------------

#[test]
fn multi_line_string_never_closed() {
    let (s, r) = fails("multiline-unclosed");
    let d = one(&r, "front-matter");
    assert_at(d, &s, "content/unclosed-text.md", "summary = ", &["\"\"\""]);
    assert!(hint(d).contains("\"\"\""), "{d:#?}");
}

#[test]
fn cr_only_line_endings_keep_line_numbers_right() {
    let (s, r) = fails("cr-only-line-endings");
    let rel = "content/old-mac.md";
    let bytes = std::fs::read(s.path(rel)).expect("fixture");
    assert!(
        bytes.contains(&b'\r') && !bytes.contains(&b'\n'),
        "the fixture ends its lines with CR alone"
    );
    let d = one(&r, "unknown-key");
    assert_eq!(d.file.as_deref(), Some(rel));
    // The third line as an editor shows it.
    assert_eq!((d.line, d.col), (3, 1), "{d:#?}");
    assert_eq!(
        d.line_text.as_deref(),
        Some("sumary = \"Lines end with CR alone.\""),
        "the line quoted alone, without CR: {d:#?}"
    );
    assert!(hint(d).contains("summary"), "{d:#?}");
}

#[test]
fn upper_case_language_suffix() {
    let (s, r) = fails("upper-case-suffix");
    let d = one(&r, "unknown-language");
    assert_eq!(d.file.as_deref(), Some("content/about.FR.md"));
    assert!(
        d.line == 0 || (d.line == 1 && d.col == 1),
        "the file's name is at fault: {d:#?}"
    );
    assert_quotes_its_line(d, &s);
    assert!(hint(d).contains("about.fr.md"), "the name to use: {d:#?}");
}

#[test]
fn page_at_the_address_of_the_catalogue() {
    let (s, r) = fails("page-named-courses");
    let d = one(&r, "bad-path");
    assert_eq!(d.file.as_deref(), Some("content/courses.md"));
    assert!(d.line <= 1, "the file's name is at fault: {d:#?}");
    assert_quotes_its_line(d, &s);
    assert!(d.message.contains("/en/courses/"), "{d:#?}");
    assert!(
        hint(d).contains("content/courses/_index.md"),
        "says where the catalogue's text goes: {d:#?}"
    );
}

#[test]
fn course_at_the_address_of_the_archive() {
    let (s, r) = fails("course-named-past");
    let d = one(&r, "reserved-address");
    assert_eq!(d.file.as_deref(), Some("content/courses/past.md"));
    assert!(d.line <= 1, "the file's name is at fault: {d:#?}");
    assert_quotes_its_line(d, &s);
    assert!(d.message.contains("/en/courses/past/"), "{d:#?}");
    assert!(d.message.contains("archive"), "{d:#?}");
    assert!(
        hint(d).contains("content/courses/past-course.md"),
        "says how to rename it: {d:#?}"
    );
}

// --- all errors together ----------------------------------------------------------------------

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let (s, r) = fails("many-errors");
    let errs = errors(&r);
    assert_eq!(errs.len(), 3, "three errors in two files:\n{}", show(&r));
    let first = format!("{COURSES}first.md");
    let second = format!("{COURSES}second.md");
    let find = |code: &str| {
        *errs
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("a {code} error:\n{}", show(&r)))
    };
    assert_at(find("unknown-key"), &s, &first, "dealine = ", &["dealine"]);
    assert_at(
        find("negative-fee"),
        &s,
        &first,
        "amount = -5",
        &["-5", "amount"],
    );
    assert_at(
        find("unknown-topic"),
        &s,
        &second,
        "topics = ",
        &["\"no-such-topic\"", "no-such-topic"],
    );
    // Sorted by file and line, so a report reads top to bottom.
    let order: Vec<(Option<&str>, usize)> =
        errs.iter().map(|d| (d.file.as_deref(), d.line)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

/// The one error of a weekly-session fixture, in `evening-classes.md`, on the line starting
/// with `line` at one of `cols`.
fn weekly_rule(rule: &str, code: &str, line: &str, cols: &[&str]) -> (Site, Diagnostic) {
    let (s, r) = fails(rule);
    let d = one(&r, code).clone();
    assert_at(&d, &s, "content/courses/evening-classes.md", line, cols);
    hint(&d);
    cli_exits_1_at(&s, &d);
    (s, d)
}

#[test]
fn repeat_with_a_day_that_is_not_one() {
    let (_, d) = weekly_rule(
        "repeat-bad-day",
        "repeat-bad-day",
        "repeat = ",
        &["\"thursday\""],
    );
    assert!(d.message.contains("thursday"), "{d:#?}");
    assert!(
        hint(&d).contains("mon, tue, wed, thu, fri, sat, sun"),
        "{d:#?}"
    );
}

#[test]
fn repeat_without_its_last_day() {
    let (_, d) = weekly_rule(
        "repeat-without-end",
        "repeat-without-end",
        "repeat = ",
        &["{"],
    );
    assert!(
        hint(&d).contains("until = 2026-04-30") && hint(&d).contains("count"),
        "{d:#?}"
    );
}

#[test]
fn repeat_with_both_until_and_count() {
    let (_, d) = weekly_rule(
        "repeat-until-and-count",
        "repeat-until-and-count",
        "repeat = ",
        &["12"],
    );
    assert!(hint(&d).contains("keep one"), "{d:#?}");
}

#[test]
fn repeat_until_before_the_first_meeting() {
    let (_, d) = weekly_rule(
        "repeat-until-before-start",
        "repeat-until-before-start",
        "repeat = ",
        &["2025-04-30"],
    );
    assert!(
        d.message.contains("2025-04-30") && d.message.contains("2026-03-03"),
        "{d:#?}"
    );
}

#[test]
fn repeat_starting_on_a_day_it_does_not_meet() {
    let (_, d) = weekly_rule(
        "repeat-start-not-a-meeting-day",
        "repeat-start-not-a-meeting-day",
        "start = ",
        &["2026-03-02T18:00:00"],
    );
    assert!(d.message.contains("\"mon\""), "{d:#?}");
}

#[test]
fn repeat_with_the_whole_range_as_end() {
    let (_, d) = weekly_rule(
        "repeat-meeting-too-long",
        "repeat-meeting-too-long",
        "end = ",
        &["2026-04-30T20:00:00"],
    );
    assert!(hint(&d).contains("end = 2026-03-03T20:00:00"), "{d:#?}");
}

#[test]
fn except_on_a_day_without_a_meeting() {
    let (_, d) = weekly_rule(
        "except-not-a-meeting",
        "except-not-a-meeting",
        "except = ",
        &["2026-04-08"],
    );
    assert!(
        d.message.contains("2026-04-08") && d.message.contains("day of the week"),
        "{d:#?}"
    );
}

#[test]
fn except_without_repeat() {
    let (_, d) = weekly_rule(
        "except-without-repeat",
        "except-without-repeat",
        "except = ",
        &["["],
    );
    assert!(hint(&d).contains("repeat = {"), "{d:#?}");
}

#[test]
fn repeat_with_no_meetings() {
    let (_, d) = weekly_rule("repeat-count-zero", "bad-value", "repeat = ", &["0 }"]);
    assert!(d.message.contains("from 1 to 1000"), "{d:#?}");
}

#[test]
fn more_decimals_than_a_three_decimal_currency_has() {
    let (s, r) = fails("decimals-for-dinar");
    let d = one(&r, "too-many-decimals");
    assert_at(
        d,
        &s,
        "content/courses/dinar.md",
        "amount = ",
        &["120.1255"],
    );
    assert!(d.message.contains("BHD amounts have at most 3"), "{d:#?}");
    assert!(hint(d).contains("round it to 3 decimals"), "{d:#?}");
}

#[test]
fn page_languages_empty() {
    let (s, r) = fails("page-languages-empty");
    let d = one(&r, "page-languages-empty");
    assert_at(
        d,
        &s,
        "content/courses/seul.fr.md",
        "page_languages = ",
        &["[]"],
    );
    assert!(hint(d).contains("page_languages = [\"fr\"]"), "{d:#?}");
}

#[test]
fn page_language_unknown() {
    let (s, r) = fails("page-language-unknown");
    let d = one(&r, "page-language-unknown");
    assert_at(
        d,
        &s,
        "content/courses/seul.fr.md",
        "page_languages = ",
        &["\"de\"", "de"],
    );
    assert!(hint(d).contains("en, fr"), "{d:#?}");
}

#[test]
fn page_language_unlisted() {
    let (s, r) = fails("page-language-unlisted");
    let d = one(&r, "page-language-unlisted");
    assert_at(
        d,
        &s,
        "content/courses/seul.md",
        "page_languages = ",
        &["[\"fr\"]"],
    );
    assert!(d.message.contains("\"en\""), "{d:#?}");
}

/// A course with pages in French only, on purpose (`page_languages = ["fr"]`): no
/// missing-translation warning, and the English catalogue lists it with its "Page in French"
/// marker, linking to the French page.
#[test]
fn a_course_with_pages_in_one_language_on_purpose_gets_no_warning_and_stays_listed() {
    let s = Site::accepted("page-languages");
    let r = s.build();
    assert_success(&r);
    let warned: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-translation" && d.message.contains("T0000077"))
        .collect();
    assert!(warned.is_empty(), "{warned:#?}");
    let en = std::fs::read_to_string(s.out().join("en/courses/index.html")).expect("catalogue");
    let card = elements(&en, "article")
        .into_iter()
        .find(|e| e.attr("data-code").as_deref() == Some("T0000077"))
        .expect("listed in the English catalogue");
    assert!(card.text().contains("Page in French"), "{}", card.text());
    assert!(
        card.inner.contains("href=\"/fr/courses/seul/\""),
        "{}",
        card.inner
    );
}
