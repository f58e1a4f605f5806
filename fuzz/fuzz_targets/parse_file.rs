//! Arbitrary bytes through what a content file goes through before rendering: the text checks
//! of the loader (UTF-8, NUL, BOM) and then `prospectus::load::parse_file` (front-matter split,
//! TOML, typed fields), as a course, a notice and a page. Every diagnostic must point inside
//! the file. Run: `cargo +nightly fuzz run parse_file` (docs/fuzzing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prospectus::load::{parse_file, ContentFile, Kind};

fuzz_target!(|data: &[u8]| {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.contains('\0') {
        return; // refused by the loader before parsing
    }
    for (kind, rel) in [
        (Kind::Course, "content/courses/x.md"),
        (Kind::Notice, "content/notices/x.md"),
        (Kind::Page, "content/x.md"),
    ] {
        let file = ContentFile {
            rel: rel.to_string(),
            kind,
            lang: "en".into(),
            slug: "x".into(),
            section_index: false,
            bundle: None,
            text: text.to_string(),
        };
        let (_, diags) = parse_file(file);
        let lines: Vec<&str> = text.split('\n').collect();
        for d in diags.items() {
            if d.line == 0 {
                continue;
            }
            assert!(
                d.line <= lines.len(),
                "line {} of {}: {d:?}",
                d.line,
                lines.len()
            );
            let line = lines[d.line - 1].trim_end_matches('\r');
            assert!(d.col >= 1 && d.col <= line.chars().count() + 1, "{d:?}");
            assert_eq!(d.line_text.as_deref(), Some(line), "{d:?}");
        }
    }
});
