//! Bad input about what is published: two sources for one address (SPEC "One source per
//! output"), raw HTML the allow-list refuses, `[static] hidden` settings, a draft translation
//! whose facts disagree. Same conventions as the rest of tests/invalid/: one fixture per case,
//! one error with its code, file, line and hint, and nothing written; `check` reports it too.

use super::{cli_build, cli_exits_1_at, fails, one};
use crate::support::*;
use prospectus::diag::Diagnostic;
use prospectus::Outcome;

/// `check` finds the same error as `build` (it runs the same plan).
fn check_too(s: &Site, d: &Diagnostic) {
    let r = s.check();
    assert_eq!(r.outcome, Outcome::ContentErrors, "{}", show(&r));
    assert!(
        errors(&r)
            .iter()
            .any(|e| e.code == d.code && e.file == d.file && e.line == d.line),
        "check reports {d:#?}:\n{}",
        show(&r)
    );
}

/// The CLI exits 1 and prints the error as `path: error: …` (the file as a whole) with its hint.
fn cli_exits_1_in_file(s: &Site, d: &Diagnostic) {
    let (code, stderr) = cli_build(s);
    assert_eq!(code, 1, "exit code 1 for content errors; stderr:\n{stderr}");
    let head = format!("{}: error: ", d.file.as_deref().unwrap_or(""));
    assert!(stderr.contains(&head), "stderr has `{head}`:\n{stderr}");
    assert!(stderr.contains(hint(d)), "the hint is printed:\n{stderr}");
    assert!(!s.out().exists(), "no output after a failed CLI build");
}

/// The error of a clash, on `rel` (no line: the file's name or place is at fault), naming
/// the other source `other` in its message.
fn clash(rule: &str, code: &str, rel: &str, other: &str) -> (Site, Diagnostic) {
    let (s, r) = fails(rule);
    let d = one(&r, code).clone();
    assert_eq!(d.file.as_deref(), Some(rel), "{d:#?}");
    assert_eq!(d.line, 0, "the file as a whole: {d:#?}");
    assert!(d.message.contains(other), "names {other}: {d:#?}");
    hint(&d);
    check_too(&s, &d);
    (s, d)
}

/// The error of an alias that takes an address: on the alias's line and value.
fn alias_clash(rule: &str, alias: &str, other: &str) -> (Site, Diagnostic) {
    let (s, r) = fails(rule);
    let d = one(&r, "duplicate-address").clone();
    let file = d.file.as_deref().unwrap_or("").to_string();
    assert_at(&d, &s, &file, "aliases = ", &[&format!("\"{alias}\"")]);
    assert!(
        d.message.contains(&format!("\"{alias}\"")) && d.message.contains(other),
        "names the alias and {other}: {d:#?}"
    );
    assert!(hint(&d).contains("alias"), "{d:#?}");
    check_too(&s, &d);
    (s, d)
}

// --- pages at addresses Prospectus writes -----------------------------------------------------

#[test]
fn a_page_named_calendar() {
    let (s, d) = clash(
        "reserved-calendar-page",
        "reserved-address",
        "content/calendar.md",
        "calendar",
    );
    assert!(hint(&d).contains("rename"), "{d:#?}");
    cli_exits_1_in_file(&s, &d);
}

#[test]
fn a_page_named_search() {
    clash(
        "reserved-search-page",
        "reserved-address",
        "content/search.md",
        "search page",
    );
}

#[test]
fn a_page_named_404() {
    let (_, d) = clash(
        "reserved-404-page",
        "reserved-address",
        "content/404.md",
        "/404.html",
    );
    assert!(hint(&d).contains("templates/"), "how to change it: {d:#?}");
}

#[test]
fn a_page_at_a_topic_pages_address() {
    clash(
        "reserved-topics-page",
        "reserved-address",
        "content/topics/gender-equality.md",
        "topic pages",
    );
}

#[test]
fn a_page_named_topics() {
    clash(
        "reserved-topics-index",
        "reserved-address",
        "content/topics.md",
        "topic pages",
    );
}

/// `courses.md` and `notices.md` would take the address of the catalogue and of the notices list:
/// refused while the files are read, naming the file and where its text belongs.
fn section_named_page(rule: &str, rel: &str, address: &str, index: &str) {
    let (s, r) = fails(rule);
    let d = one(&r, "bad-path").clone();
    assert_eq!(d.file.as_deref(), Some(rel), "{d:#?}");
    assert!(
        d.message.contains(address),
        "names the address {address}: {d:#?}"
    );
    assert!(hint(&d).contains(index), "says where the text goes: {d:#?}");
    check_too(&s, &d);
}

#[test]
fn a_page_named_courses() {
    section_named_page(
        "reserved-courses-page",
        "content/courses.md",
        "/en/courses/",
        "content/courses/_index.md",
    );
}

#[test]
fn a_page_named_notices() {
    section_named_page(
        "reserved-notices-page",
        "content/notices.md",
        "/en/notices/",
        "content/notices/_index.md",
    );
}

// --- aliases ------------------------------------------------------------------------------------

#[test]
fn an_alias_of_the_root() {
    let (s, d) = alias_clash("alias-root", "/", "language chooser");
    cli_exits_1_at(&s, &d);
}

#[test]
fn an_alias_of_a_home_page() {
    alias_clash("alias-home", "/en/", "home page");
}

#[test]
fn an_alias_of_a_home_page_by_its_file_name() {
    alias_clash("alias-home-index", "/en/index.html", "home page");
}

#[test]
fn an_alias_of_a_generated_calendar_file() {
    alias_clash(
        "alias-calendar-file",
        "/en/calendar.ics",
        "calendar file of the site",
    );
}

#[test]
fn an_alias_of_a_file_of_the_theme() {
    alias_clash(
        "alias-theme-file",
        "/assets/icon.svg",
        "static/assets/icon.svg",
    );
}

#[test]
fn an_alias_of_another_page() {
    let (_, d) = alias_clash("alias-other-page", "/en/about/", "content/about.md");
    assert_eq!(d.file.as_deref(), Some("content/notices/base-notice.md"));
}

#[test]
fn an_alias_of_another_course() {
    let (_, d) = alias_clash(
        "alias-other-course",
        "/en/courses/other-course/",
        "content/courses/other-course.md",
    );
    assert_eq!(d.file.as_deref(), Some("content/courses/old-course.md"));
}

// --- attachments and static files ---------------------------------------------------------------

#[test]
fn an_attachment_named_index_html() {
    let (s, d) = clash(
        "attachment-index-html",
        "duplicate-address",
        "content/courses/bundled/index.html",
        "content/courses/bundled/index.md",
    );
    assert!(d.message.contains("/en/courses/bundled/"), "{d:#?}");
    cli_exits_1_in_file(&s, &d);
}

#[test]
fn an_attachment_named_like_the_course_calendar() {
    let (_, d) = clash(
        "attachment-course-ics",
        "duplicate-address",
        "content/courses/bundled/B0000003.ics",
        "calendar file of a course",
    );
    assert!(hint(&d).contains(".ics"), "{d:#?}");
}

#[test]
fn a_static_file_at_the_root_index() {
    clash(
        "static-root-index",
        "duplicate-address",
        "static/index.html",
        "language chooser",
    );
}

#[test]
fn a_static_sitemap() {
    clash(
        "static-sitemap",
        "duplicate-address",
        "static/sitemap.xml",
        "sitemap",
    );
}

#[test]
fn a_static_robots_txt() {
    let (s, d) = clash(
        "static-robots",
        "duplicate-address",
        "static/robots.txt",
        "robots.txt (written by Prospectus)",
    );
    cli_exits_1_in_file(&s, &d);
}

#[test]
fn a_static_404_page() {
    clash(
        "static-404",
        "duplicate-address",
        "static/404.html",
        "page for unknown addresses",
    );
}

#[test]
fn a_static_file_at_a_language_home() {
    clash(
        "static-language-home",
        "duplicate-address",
        "static/fr/index.html",
        "home page",
    );
}

#[test]
fn a_static_file_where_a_language_folder_goes() {
    let (_, d) = clash(
        "static-file-where-folder",
        "duplicate-address",
        "static/en",
        "folder",
    );
    assert!(d.message.contains("/en"), "{d:#?}");
}

// --- letter case --------------------------------------------------------------------------------

#[test]
fn two_pages_whose_names_differ_only_in_case() {
    let (_, d) = clash(
        "case-two-pages",
        "case-clash",
        "content/about.md",
        "content/About.md",
    );
    assert!(
        d.message.contains("/en/About/") && d.message.contains("/en/about/"),
        "{d:#?}"
    );
}

#[test]
fn two_attachments_whose_names_differ_only_in_case() {
    clash(
        "case-attachments",
        "case-clash",
        "content/courses/bundled/programme.pdf",
        "content/courses/bundled/Programme.pdf",
    );
}

#[test]
fn two_static_files_whose_names_differ_only_in_case() {
    let (_, d) = clash(
        "case-static-files",
        "case-clash",
        "static/images/logo.png",
        "static/images/Logo.png",
    );
    assert!(d.message.contains("/images/Logo.png"), "{d:#?}");
}

// --- raw HTML -----------------------------------------------------------------------------------

#[test]
fn raw_html_link_to_a_script() {
    let (s, r) = fails("raw-html-javascript-link");
    let d = one(&r, "bad-link");
    assert_at(d, &s, "content/about.md", "<a href=", &["href"]);
    assert!(d.message.contains("javascript:alert(1)"), "{d:#?}");
    hint(d);
    check_too(&s, d);
    cli_exits_1_at(&s, d);
}

#[test]
fn raw_html_link_to_a_script_written_with_character_references() {
    let (s, r) = fails("raw-html-encoded-javascript");
    let d = one(&r, "bad-link");
    assert_at(d, &s, "content/about.md", "<a href=", &["href"]);
    assert!(d.message.contains("script:alert(1)"), "{d:#?}");
    hint(d);
}

#[test]
fn raw_html_image_with_data() {
    let (s, r) = fails("raw-html-data-image");
    let d = one(&r, "bad-link");
    assert_at(d, &s, "content/about.md", "<img alt=", &["src"]);
    hint(d);
}

// --- site.toml and drafts -------------------------------------------------------------------------

#[test]
fn static_hidden_outside_the_static_folder() {
    let (s, r) = fails("static-hidden-outside");
    let d = one(&r, "bad-value");
    assert_at(d, &s, "site.toml", "hidden = ", &["\"../.env\""]);
    assert!(hint(d).contains(".well-known"), "{d:#?}");
}

#[test]
fn static_hidden_that_is_not_hidden() {
    let (s, r) = fails("static-hidden-not-hidden");
    let d = one(&r, "bad-value");
    assert_at(d, &s, "site.toml", "hidden = ", &["\"downloads\""]);
    hint(d);
}

#[test]
fn a_draft_translation_whose_facts_disagree() {
    // A draft translation's facts belong to the course: they must agree like any other's.
    let (s, r) = fails("draft-translation-disagrees");
    let d = one(&r, "translation-mismatch");
    assert_at(
        d,
        &s,
        "content/courses/base-course.fr.md",
        "deadline = ",
        &["2025-09-14", "deadline"],
    );
    hint(d);
}
