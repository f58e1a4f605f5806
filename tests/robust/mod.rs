//! Bad input as staff produce it (half-written saves, text pasted from Word, typos, odd files on
//! disk) and input built to break the generator (huge files, deep nesting, symbolic links out of
//! the site). Every case builds on a thread with the default 2 MiB stack, so a stack overflow
//! fails the test instead of passing unnoticed, and starts from an existing output folder that
//! must come out byte for byte as it was when the build fails.
//!
//! The fixtures are `tests/fixtures/robust/<case>/`, laid over `tests/fixtures/base/` like the
//! invalid-input ones (see tests/invalid/mod.rs for the one-rule corpus). Files too large or too
//! odd to commit (50 MB, 10,000 nested lists, symbolic links, unreadable files, names with a
//! backslash) are made at test time in the test's temporary folder.

mod content;
pub(crate) mod injection;
mod kill;
mod out;
mod props;
mod rules;
mod serve;
mod usage;

use crate::support::*;
use prospectus::diag::Diagnostic;
use prospectus::{Outcome, Report};
use std::collections::BTreeMap;
use std::path::Path;

/// The corpus is every test of `robust::` (this module and its submodules: bad and odd sites,
/// hostile payloads, killed builds, output folders, command lines, requests to `serve`,
/// generated input) and of `invalid::` (one fixture per rule), as the test binary itself lists
/// them. It may only grow: 93 cases before issue 12. (212, not 213, since issue 13 removed
/// `invalid::the_guide_shows_the_messages_as_printed`: a check of the guide, not a bad-input
/// case, and one `tests/guide/` makes exactly for every example of "Common errors".)
pub const CORPUS_AT_LEAST: usize = 212;

#[test]
fn corpus_size() {
    // The tests compiled into this binary, not text that looks like a test attribute.
    let list = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .arg("--list")
        .output()
        .expect("list the tests");
    assert!(list.status.success(), "{list:?}");
    let text = String::from_utf8_lossy(&list.stdout);
    let cases: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .filter(|n| n.starts_with("robust::") || n.starts_with("invalid::"))
        .filter(|n| *n != "robust::corpus_size")
        .collect();
    eprintln!("the reliability corpus has {} cases", cases.len());
    assert!(
        cases.len() >= CORPUS_AT_LEAST,
        "the corpus shrank to {} cases (at least {CORPUS_AT_LEAST}):\n{}",
        cases.len(),
        cases.join("\n")
    );
    // Every invalid-input fixture is a case of its own.
    let fixtures = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .count();
    let invalid = cases.iter().filter(|n| n.starts_with("invalid::")).count();
    assert!(invalid >= fixtures, "{fixtures} fixtures, {invalid} tests");
}

/// The base site with `tests/fixtures/robust/<case>/` laid over it.
pub fn robust(case: &str) -> Site {
    let s = Site::fixture("base");
    let over = fixtures().join("robust").join(case);
    assert!(over.is_dir(), "no fixture {}", over.display());
    copy_dir(&over, &s.root);
    s
}

/// Writes a previous build's output (the sentinel) and returns it, to compare after the build.
pub fn sentinel(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let files: [(&str, &[u8]); 4] = [
        (
            "index.html",
            b"<!doctype html><p>the site as published yesterday</p>\n",
        ),
        (
            "en/index.html",
            b"<!doctype html><p>yesterday, in English</p>\n",
        ),
        ("en/calendar.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        (".prospectus/next-change", b"2025-08-01T00:00:00Z\n"),
    ];
    for (rel, bytes) in files {
        let p = out.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write sentinel");
    }
    let t = tree(out);
    assert_eq!(t.len(), 4);
    t
}

/// Builds on a thread with the default stack size of a spawned thread (2 MiB): a panic or a
/// stack overflow is a failure of the test, never a silent pass.
pub fn build_guarded(s: &Site) -> Report {
    let opts = s.options(&s.out());
    std::thread::Builder::new()
        .name("build".into())
        .stack_size(2 * 1024 * 1024)
        .spawn(move || prospectus::build(&opts))
        .expect("spawn the build thread")
        .join()
        .unwrap_or_else(|_| panic!("the build panicked"))
}

/// Temporary, lock and aside folders of a build are gone.
pub fn no_leftovers(s: &Site) {
    for name in [".out.tmp", ".out.old"] {
        assert!(
            !s.dir.path().join(name).exists(),
            "{name} was left beside the output"
        );
    }
}

/// The build fails with content errors, without panicking, and leaves the output as it was.
fn fails(s: &Site) -> Report {
    let before = sentinel(&s.out());
    let r = build_guarded(s);
    assert_eq!(
        r.outcome,
        Outcome::ContentErrors,
        "expected content errors, got {:?}:\n{}",
        r.outcome,
        show(&r)
    );
    assert_eq!(r.files_written, 0);
    assert!(
        tree(&s.out()) == before,
        "a failed build changed the output folder"
    );
    no_leftovers(s);
    for d in errors(&r) {
        assert!(!d.message.trim().is_empty(), "a message in words: {d:#?}");
        assert!(d.file.is_some(), "every error names its file: {d:#?}");
        assert_quotes_its_line(d, s);
    }
    r
}

/// The build succeeds (the input is odd but legal) and replaces the sentinel output.
fn succeeds(s: &Site) -> Report {
    let before = sentinel(&s.out());
    let r = build_guarded(s);
    assert_success(&r);
    let after = tree(&s.out());
    assert!(after != before && after.contains_key("en/index.html"));
    assert!(!after.contains_key("en/calendar.ics") || after["en/calendar.ics"].len() > 40);
    no_leftovers(s);
    r
}

/// The one error of the run, checked to carry `code`.
fn one<'r>(r: &'r Report, code: &str) -> &'r Diagnostic {
    let d = only_error(r);
    assert_eq!(d.code, code, "wrong code in {d:#?}");
    d
}

// --- facts and values ---------------------------------------------------------------------------

#[test]
fn translations_disagree_on_a_session_date() {
    let s = robust("translation-session-date");
    let r = fails(&s);
    let d = one(&r, "translation-mismatch");
    let rel = "content/courses/base-course.fr.md";
    assert_eq!(d.file.as_deref(), Some(rel));
    let text = s.read(rel);
    let lines = [
        position(&text, "[[sessions]]").0,
        position(&text, "start = 2025-10-07").0,
    ];
    assert!(lines.contains(&d.line), "at the sessions: {d:#?}");
    assert!(d.message.contains("2025-10-07") && d.message.contains("2025-10-06"));
    assert!(d.message.contains("content/courses/base-course.md"));
    hint(d);
}

#[test]
fn impossible_end_date() {
    let s = robust("impossible-end-date");
    let r = fails(&s);
    let d = one(&r, "invalid-toml");
    let rel = "content/courses/end-date.md";
    assert_at(d, &s, rel, "end = 2025-02-30", &["2025-02-30", "end"]);
    assert!(hint(d).contains("30 February"), "{d:#?}");
}

#[test]
fn unknown_language_of_instruction() {
    let s = robust("unknown-instruction-language");
    let r = fails(&s);
    let d = one(&r, "unknown-language");
    let rel = "content/courses/language.md";
    assert_at(d, &s, rel, "languages = ", &["\"xx\""]);
    assert!(d.message.contains("xx"), "{d:#?}");
    assert!(hint(d).contains("\"en\""), "{d:#?}");
}

#[test]
fn amount_too_large_to_count() {
    let s = robust("amount-overflow");
    let r = fails(&s);
    let d = one(&r, "number-out-of-range");
    let rel = "content/courses/overflow.md";
    assert_at(d, &s, rel, "amount = ", &["99999999999999999999"]);
    // The number as written, not "must be a number … found the number".
    assert!(d.message.contains("99999999999999999999"), "{d:#?}");
    assert!(!d.message.contains("must be a number"), "{d:#?}");
}

#[test]
fn a_date_in_quotes() {
    let s = robust("deadline-type");
    let r = fails(&s);
    let d = one(&r, "wrong-type");
    let rel = "content/courses/quoted-date.md";
    assert_at(d, &s, rel, "start = ", &["\"2025-10-06\""]);
    assert!(hint(d).contains("without quotes"), "{d:#?}");
    assert!(
        hint(d).contains("start = 2025-10-06"),
        "the line rewritten: {d:#?}"
    );
}

#[test]
fn a_course_whose_every_field_has_the_wrong_type() {
    let s = robust("every-field-wrong-type");
    let r = fails(&s);
    let rel = "content/courses/wrong-types.md";
    let text = s.read(rel);
    let keys: Vec<&str> = text
        .lines()
        .skip(1)
        .take_while(|l| *l != "+++")
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .collect();
    assert_eq!(keys.len(), 18, "the fixture sets every field");
    let errs = errors(&r);
    // One error per field, each on the field's own line; nothing else (no "missing" cascade).
    assert_eq!(errs.len(), keys.len(), "one error per field:\n{}", show(&r));
    for key in keys {
        let line = position(&text, &format!("\n{key} = ")).0 + 1;
        let d = errs
            .iter()
            .find(|d| d.line == line)
            .unwrap_or_else(|| panic!("no error on the line of `{key}`:\n{}", show(&r)));
        assert_eq!(d.code, "wrong-type", "{d:#?}");
        assert_eq!(d.file.as_deref(), Some(rel));
        assert!(d.message.contains(key), "names `{key}`: {d:#?}");
    }
}

#[test]
fn duplicate_key() {
    let s = robust("duplicate-key");
    let r = fails(&s);
    // Only the TOML error: the French translation is not judged alone ("modality missing").
    let d = one(&r, "invalid-toml");
    let rel = "content/courses/base-course.md";
    assert_at(d, &s, rel, "opens = 2025-06-15", &["opens"]);
    assert!(d.message.contains("duplicate"), "{d:#?}");
    assert!(hint(d).contains("only once"), "{d:#?}");
}

// --- data files and site.toml -------------------------------------------------------------------

#[test]
fn invalid_toml_in_data_contacts() {
    let s = robust("invalid-toml-contacts");
    let r = fails(&s);
    // Only the file's own error: the course using `ilsgen` is not told the contact is unknown.
    let d = one(&r, "invalid-toml");
    assert_eq!(d.file.as_deref(), Some("data/contacts.toml"));
    let text = s.read("data/contacts.toml");
    assert!(
        d.line == position(&text, "name = ").0 || d.line == position(&text, "email = ").0,
        "at the unclosed string: {d:#?}"
    );
    hint(d);
}

#[test]
fn empty_data_file() {
    let s = robust("empty-data-file");
    assert_eq!(
        std::fs::metadata(s.path("data/policies.toml"))
            .unwrap()
            .len(),
        0
    );
    let r = fails(&s);
    // An empty TOML file is a valid, empty table: the course's policy is then unknown.
    let d = one(&r, "unknown-policy");
    let rel = "content/courses/base-course.md";
    assert_at(d, &s, rel, "cancellation = ", &["\"regular-courses\""]);
    assert!(hint(d).contains("no policies"), "{d:#?}");
}

#[test]
fn bom_and_crlf_in_a_data_file_keep_line_numbers_right() {
    let s = robust("bom-crlf-data");
    let bytes = std::fs::read(s.path("data/policies.toml")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF#") && bytes.windows(2).any(|w| w == b"\r\n"));
    let r = fails(&s);
    let d = one(&r, "refund-range");
    assert_at(
        d,
        &s,
        "data/policies.toml",
        "refund_percent = 120",
        &["120", "refund_percent"],
    );
    assert!(!d.line_text.as_deref().unwrap_or("").contains('\r'));
}

#[test]
fn nul_byte_in_a_data_file() {
    let s = robust("nul-in-data");
    let r = fails(&s);
    let d = one(&r, "nul-byte");
    assert_at(d, &s, "data/topics.toml", "fr = \"Égalité", &["\0"]);
}

#[test]
fn nul_byte_in_site_toml() {
    let s = robust("nul-in-site-toml");
    let r = fails(&s);
    let d = one(&r, "nul-byte");
    assert_at(d, &s, "site.toml", "languages = ", &["\0"]);
}

#[test]
fn unknown_key_in_site_toml() {
    let s = robust("site-unknown-key");
    let r = fails(&s);
    let d = one(&r, "unknown-key");
    assert_at(d, &s, "site.toml", "language = [", &["language"]);
    assert!(hint(d).contains("languages"), "{d:#?}");
}

#[test]
fn theme_name_leading_out_of_the_site() {
    let s = robust("theme-traversal");
    let r = fails(&s);
    let d = one(&r, "unknown-theme");
    assert_eq!(d.file.as_deref(), Some("site.toml"));
    assert!(d.message.contains("../"), "{d:#?}");
}

// --- the file itself ----------------------------------------------------------------------------

#[test]
fn windows_1252_pasted_from_word() {
    let s = robust("windows-1252");
    let r = fails(&s);
    let d = one(&r, "not-utf8");
    let rel = "content/courses/word.md";
    let bytes = std::fs::read(s.path(rel)).unwrap();
    let at = bytes
        .iter()
        .position(|&b| b == 0x93)
        .expect("a smart quote");
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&bytes[start..at]).chars().count() + 1;
    assert_eq!((d.line, d.col), (line, col), "{d:#?}");
    // The whole line is quoted (the bad bytes shown as U+FFFD), not only up to the first one.
    assert_eq!(
        d.line_text.as_deref(),
        Some("summary = \"The \u{FFFD}best\u{FFFD} course \u{FFFD} for everyone\"")
    );
    assert!(
        hint(d).contains("Windows-1252") && hint(d).contains("UTF-8"),
        "{d:#?}"
    );
}

#[test]
fn half_written_file() {
    let s = robust("half-written");
    let r = fails(&s);
    let d = one(&r, "invalid-toml");
    assert_eq!(d.file.as_deref(), Some("content/courses/half.md"));
    let text = s.read("content/courses/half.md");
    assert!(
        d.line >= position(&text, "topics = ").0,
        "at or after the open list: {d:#?}"
    );
}

/// Found by cargo-fuzz (docs/fuzzing.md): an unclosed string at the end of a CRLF line was
/// reported one column past the end of the quoted line.
#[test]
fn unclosed_string_on_a_crlf_line() {
    let s = robust("fuzz-crlf-unclosed");
    let r = fails(&s);
    let d = one(&r, "invalid-toml");
    let rel = "content/courses/crlf-unclosed.md";
    let text = s.read(rel);
    let (line, _) = position(&text, "url = ");
    assert_eq!((d.file.as_deref(), d.line), (Some(rel), line), "{d:#?}");
    let quoted = line_of(&text, line);
    assert!(d.col <= quoted.chars().count() + 1, "{d:#?}");
}

#[test]
fn yaml_front_matter() {
    let s = robust("yaml-front-matter");
    let r = fails(&s);
    let d = one(&r, "front-matter");
    assert_at(d, &s, "content/yaml.md", "---", &["---"]);
    assert!(hint(d).contains("YAML"), "{d:#?}");
}

#[test]
fn crlf_file_with_only_the_opening_line() {
    let s = robust("unclosed-crlf");
    let r = fails(&s);
    let d = one(&r, "front-matter");
    assert_at(d, &s, "content/unclosed.md", "+++", &["+++"]);
    assert_eq!(d.line_text.as_deref(), Some("+++"), "no CR quoted");
}

#[test]
fn a_file_with_only_a_bom() {
    let s = robust("bom-only");
    let r = fails(&s);
    let d = one(&r, "front-matter");
    assert_eq!(d.file.as_deref(), Some("content/bom-only.md"));
    assert!(d.message.contains("empty"), "{d:#?}");
}

#[test]
fn a_50_mb_content_file() {
    let s = Site::fixture("base");
    let rel = "content/big.md";
    {
        use std::io::Write as _;
        let f = std::fs::File::create(s.path(rel)).unwrap();
        let mut w = std::io::BufWriter::new(f);
        w.write_all(b"+++\ntitle = \"Big\"\n+++\n").unwrap();
        let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8) + "\n";
        let mut written = 0;
        while written < 50 * 1024 * 1024 {
            w.write_all(para.as_bytes()).unwrap();
            written += para.len();
        }
        w.flush().unwrap();
    }
    assert!(std::fs::metadata(s.path(rel)).unwrap().len() >= 50 * 1024 * 1024);
    let r = fails(&s);
    let d = one(&r, "file-too-large");
    assert_eq!(d.file.as_deref(), Some(rel));
    assert!(d.message.contains("MB"), "{d:#?}");
    hint(d);
}

#[test]
fn ten_thousand_nested_list_items() {
    let s = Site::fixture("base");
    let depth = 10_000;
    // One line of 10,000 list markers is 10,000 nested lists (20 kB); the same depth written one
    // item per line, indented, would be 100 MB. Nested block quotes and emphasis too.
    let mut body = "- ".repeat(depth);
    body.push_str("the innermost item\n\n");
    body.push_str(&"> ".repeat(depth));
    body.push_str("the innermost quote\n\n");
    body.push_str(&"*a ".repeat(depth));
    body.push_str("\n\n");
    body.push_str(&"[".repeat(depth));
    body.push('x');
    body.push_str(&"](y)".repeat(depth));
    body.push('\n');
    for i in 0..1000 {
        body.push_str(&" ".repeat(2 * i));
        body.push_str("- indented item\n");
    }
    s.write(
        "content/deep.md",
        format!("+++\ntitle = \"Deep\"\n+++\n{body}"),
    );
    let r = build_guarded(&s);
    // Legal Markdown: the build either succeeds or refuses it with an error, never crashes.
    if r.outcome == Outcome::Success {
        let html = std::fs::read_to_string(s.out().join("en/deep/index.html")).unwrap();
        assert!(html.contains("the innermost item"));
        assert!(html.contains("the innermost quote"));
        assert!(html.matches("<li>").count() >= depth);
    } else {
        assert_eq!(r.outcome, Outcome::ContentErrors, "{}", show(&r));
        assert!(
            errors(&r)
                .iter()
                .all(|d| d.file.as_deref() == Some("content/deep.md")),
            "{}",
            show(&r)
        );
    }
}

#[test]
fn deeply_nested_toml() {
    let s = Site::fixture("base");
    let n = 10_000;
    let arrays = format!("x = {}{}", "[".repeat(n), "]".repeat(n));
    let tables = format!("y = {}1{}", "{ a = ".repeat(n), " }".repeat(n));
    s.write(
        "content/deep.md",
        format!("+++\ntitle = \"Deep\"\n{arrays}\n{tables}\n+++\nx\n"),
    );
    let r = fails(&s);
    let errs = errors(&r);
    assert!(!errs.is_empty());
    let text = s.read("content/deep.md");
    for d in errs {
        assert_eq!(d.file.as_deref(), Some("content/deep.md"));
        assert!(
            d.line == position(&text, "x = ").0 || d.line == position(&text, "y = ").0,
            "{d:#?}"
        );
    }
}

#[test]
fn a_very_long_single_line() {
    let s = Site::fixture("base");
    let title = "a".repeat(1_000_000);
    let body = "word ".repeat(1_000_000);
    s.write(
        "content/long.md",
        format!("+++\ntitle = \"{title}\"\n+++\n{body}\n"),
    );
    let r = succeeds(&s);
    assert!(r.files_written > 0);
    let html = std::fs::read_to_string(s.out().join("en/long/index.html")).unwrap();
    assert!(html.len() > 6_000_000);
}

#[test]
fn an_error_at_the_end_of_a_very_long_line() {
    let s = Site::fixture("base");
    let title = "é".repeat(500_000);
    s.write(
        "content/long.md",
        format!("+++\ntitle = \"{title}\" summary = \"x\"\n+++\nx\n"),
    );
    let r = fails(&s);
    let d = one(&r, "invalid-toml");
    assert_eq!((d.file.as_deref(), d.line), (Some("content/long.md"), 2));
    // The column counts characters, not bytes: just after the closing quote of the title.
    let col = "title = \"".chars().count() + 500_000 + 2;
    assert!(
        d.col == col || d.col == col + 1,
        "column {col}: {} (line {})",
        d.col,
        d.line
    );
    // The human report quotes a window of the line, not a megabyte of it.
    let text = prospectus::diag::report::render(
        std::slice::from_ref(d),
        prospectus::diag::report::Format::Human,
        false,
    );
    assert!(text.len() < 2_000, "{} bytes of report", text.len());
    assert!(text.contains("summary"), "{text}");
}

// --- names and places on disk -------------------------------------------------------------------

#[test]
fn slug_with_two_dots() {
    let s = robust("slug-dots");
    let r = fails(&s);
    let d = one(&r, "bad-slug");
    assert_eq!(d.file.as_deref(), Some("content/courses/a..b.md"));
    assert!(d.message.contains("a..b"), "{d:#?}");
}

#[test]
fn folder_with_two_dots() {
    let s = robust("folder-dots");
    let r = fails(&s);
    let d = one(&r, "bad-slug");
    assert_eq!(d.file.as_deref(), Some("content/about..us/index.md"));
}

/// A `/` cannot be part of a file name; a backslash (the separator on Windows) and control
/// characters can, on Linux: they are made here rather than committed.
#[test]
fn slug_with_a_backslash_or_a_control_character() {
    let s = Site::fixture("base");
    s.write("content/a\\b.md", "+++\ntitle = \"Backslash\"\n+++\nx\n");
    s.write(
        "content/courses/x\u{1b}[2Jy.md",
        "+++\ntitle = \"Escape\"\n+++\nx\n",
    );
    let r = fails(&s);
    let errs = errors(&r);
    assert_eq!(errs.len(), 2, "{}", show(&r));
    assert!(errs.iter().all(|d| d.code == "bad-slug"), "{}", show(&r));
    let files: Vec<&str> = errs.iter().filter_map(|d| d.file.as_deref()).collect();
    assert!(files.contains(&"content/a\\b.md"), "{files:?}");
    // The human report never sends the escape sequence of the name to the terminal.
    let text = prospectus::diag::report::render(
        &r.diagnostics,
        prospectus::diag::report::Format::Human,
        false,
    );
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

#[test]
fn output_folder_that_holds_the_site_is_refused() {
    let s = Site::fixture("base");
    let before = tree(&s.root);
    for out in [s.root.clone(), s.dir.path().to_path_buf()] {
        let r = prospectus::build(&s.options(&out));
        assert_eq!(r.outcome, Outcome::IoError, "{}", show(&r));
        assert!(show(&r).contains("site's folder"), "{}", show(&r));
        assert!(tree(&s.root) == before, "the site is untouched");
    }
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn symlink_to_a_file_outside_the_site() {
        let s = Site::fixture("base");
        let secret = s.dir.path().join("secret.md");
        std::fs::write(&secret, "+++\ntitle = \"TOP SECRET\"\n+++\nsecret\n").unwrap();
        symlink(&secret, s.path("content/leak.md")).unwrap();
        let r = fails(&s);
        let d = one(&r, "symlink-outside");
        assert_eq!(d.file.as_deref(), Some("content/leak.md"));
        hint(d);
    }

    #[test]
    fn symlinked_folder_outside_the_site() {
        let s = Site::fixture("base");
        let elsewhere = s.dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("x.md"), "+++\ntitle = \"X\"\n+++\n").unwrap();
        symlink(&elsewhere, s.path("content/linked")).unwrap();
        let r = fails(&s);
        let d = one(&r, "symlink-outside");
        assert_eq!(d.file.as_deref(), Some("content/linked"));
    }

    #[test]
    fn content_folder_itself_linked_outside_the_site() {
        let s = Site::fixture("base");
        let moved = s.dir.path().join("content-elsewhere");
        std::fs::rename(s.path("content"), &moved).unwrap();
        symlink(&moved, s.path("content")).unwrap();
        let r = fails(&s);
        let d = one(&r, "symlink-outside");
        assert_eq!(d.file.as_deref(), Some("content"));
    }

    #[test]
    fn site_toml_linked_outside_the_site() {
        let s = Site::fixture("base");
        let moved = s.dir.path().join("site.toml");
        std::fs::rename(s.path("site.toml"), &moved).unwrap();
        symlink(&moved, s.path("site.toml")).unwrap();
        let r = fails(&s);
        let d = one(&r, "symlink-outside");
        assert_eq!(d.file.as_deref(), Some("site.toml"));
    }

    #[test]
    fn data_file_linked_outside_the_site() {
        let s = Site::fixture("base");
        let moved = s.dir.path().join("contacts.toml");
        std::fs::rename(s.path("data/contacts.toml"), &moved).unwrap();
        symlink(&moved, s.path("data/contacts.toml")).unwrap();
        let r = fails(&s);
        let errs = errors(&r);
        let d = errs
            .iter()
            .find(|d| d.code == "symlink-outside")
            .unwrap_or_else(|| panic!("{}", show(&r)));
        assert_eq!(d.file.as_deref(), Some("data/contacts.toml"));
    }

    #[test]
    fn symlink_loop() {
        let s = Site::fixture("base");
        symlink("loop.md", s.path("content/loop.md")).unwrap();
        let before = sentinel(&s.out());
        let r = build_guarded(&s);
        // A file that cannot be read is an I/O problem (exit 2), not a content error.
        assert_eq!(r.outcome, Outcome::IoError, "{}", show(&r));
        assert!(tree(&s.out()) == before);
        let d = errors(&r)[0];
        assert_eq!((d.code, d.file.as_deref()), ("io", Some("content/loop.md")));
        hint(d);
    }

    #[test]
    fn symlink_inside_the_site_is_followed() {
        let s = Site::fixture("base");
        std::fs::create_dir_all(s.path("shared")).unwrap();
        std::fs::write(
            s.path("shared/note.md"),
            "+++\ntitle = \"Shared note\"\n+++\nShared text.\n",
        )
        .unwrap();
        symlink(s.path("shared/note.md"), s.path("content/note.md")).unwrap();
        succeeds(&s);
        let html = std::fs::read_to_string(s.out().join("en/note/index.html")).unwrap();
        assert!(html.contains("Shared text."));
    }

    /// Builds as a user who may not read what the test made unreadable (as root too, see
    /// `prospectus_unprivileged`): exit 2, the path named with the reason, the output untouched.
    fn unreadable(s: &Site, rel: &str) -> String {
        let before = sentinel(&s.out());
        let o = prospectus_unprivileged()
            .arg("build")
            .arg("--root")
            .arg(&s.root)
            .arg("--out")
            .arg(s.out())
            .args(["--now", NOW])
            .output()
            .expect("run prospectus");
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "an I/O error, exit 2:\n{err}");
        assert!(
            err.contains(&format!("{rel}: error: ")),
            "names {rel}:\n{err}"
        );
        assert!(
            err.contains("Permission denied") && err.contains("[io]"),
            "{err}"
        );
        assert!(err.contains("hint: "), "{err}");
        assert!(tree(&s.out()) == before, "the output is untouched");
        no_leftovers(s);
        err
    }

    #[test]
    fn unreadable_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let s = Site::fixture("base");
        let p = s.path("content/about.md");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        let err = unreadable(&s, "content/about.md");
        assert!(
            err.contains("permissions"),
            "the hint says what to check:\n{err}"
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    }

    #[test]
    fn unreadable_folder() {
        use std::os::unix::fs::PermissionsExt as _;
        let s = Site::fixture("base");
        let dir = s.path("content/private");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.md"), "+++\ntitle = \"X\"\n+++\nx\n").unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
        unreadable(&s, "content/private");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn fifo_in_content_is_skipped() {
        let s = Site::fixture("base");
        let st = std::process::Command::new("mkfifo")
            .arg(s.path("content/pipe.md"))
            .status();
        if !st.is_ok_and(|st| st.success()) {
            return; // no mkfifo here: nothing to test
        }
        // A named pipe is not a regular file: reading it would block the build forever.
        succeeds(&s);
    }
}
