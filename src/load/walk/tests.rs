//! Unit tests of walking and classifying the site's files.

use super::*;
use crate::model::Kind;

fn langs() -> Vec<String> {
    vec!["en".into(), "fr".into(), "ar".into()]
}

#[test]
fn classifies_paths() {
    let c = classify("content/courses/gender-audit.fr.md", &langs(), "en").unwrap();
    assert_eq!(
        (c.kind, c.lang.as_str(), c.slug.as_str()),
        (Kind::Course, "fr", "gender-audit")
    );
    let c = classify("content/courses/x/index.ar.md", &langs(), "en").unwrap();
    assert_eq!(
        (c.slug.as_str(), c.bundle.as_deref()),
        ("x", Some("courses/x"))
    );
    let c = classify("content/legal/privacy.md", &langs(), "en").unwrap();
    assert_eq!((c.kind, c.slug.as_str()), (Kind::Page, "legal/privacy"));
    let c = classify("content/_index.fr.md", &langs(), "en").unwrap();
    assert!(c.section_index && c.slug.is_empty());
    let c = classify("content/notices/_index.md", &langs(), "en").unwrap();
    assert_eq!((c.kind, c.section_index), (Kind::Notice, true));
}

#[test]
fn rejects_unknown_suffix_and_bad_slugs() {
    let e = classify("content/courses/x.de.md", &langs(), "en").unwrap_err();
    assert_eq!(e.code, "unknown-language");
    let e = classify("content/courses/x.fe.md", &langs(), "en").unwrap_err();
    assert!(e.hint.unwrap().contains("did you mean `.fr`"));
    assert_eq!(
        classify("content/courses/my course.md", &langs(), "en")
            .unwrap_err()
            .code,
        "bad-slug"
    );
    assert_eq!(
        classify("content/courses/a/b/c.md", &langs(), "en")
            .unwrap_err()
            .code,
        "bad-path"
    );
}

#[test]
fn refuses_slugs_at_the_addresses_of_the_archive_and_pagers() {
    for (rel, address, hint) in [
        (
            "content/courses/past.md",
            "/en/courses/past/",
            "content/courses/past-course.md",
        ),
        (
            "content/courses/page.fr.md",
            "/fr/courses/page/",
            "content/courses/page-course.fr.md",
        ),
        (
            "content/courses/past/index.md",
            "/en/courses/past/",
            "content/courses/past-course/",
        ),
        (
            "content/notices/page.md",
            "/en/notices/page/",
            "content/notices/page-notice.md",
        ),
    ] {
        let e = classify(rel, &langs(), "en").unwrap_err();
        assert_eq!(e.code, "reserved-address", "{rel}");
        assert!(e.message.contains(address), "{rel}: {}", e.message);
        assert!(
            e.hint.as_deref().unwrap_or("").contains(hint),
            "{rel}: {e:?}"
        );
    }
    // Elsewhere these names are free: a notice `past`, a page `page`, a course `pages`.
    for rel in [
        "content/notices/past.md",
        "content/page.md",
        "content/courses/pages.md",
    ] {
        assert!(classify(rel, &langs(), "en").is_ok(), "{rel}");
    }
}

/// The scan by blocks of bytes finds what a scan by characters finds, wherever the control
/// character falls (in the first block, across a block's end, after accented letters).
#[test]
fn control_character_scan_agrees_with_a_scan_by_characters() {
    let by_chars = |t: &str| {
        t.char_indices()
            .find(|&(_, c)| crate::load::fields::is_invisible_control(c) && c != '\u{c}')
    };
    let fill = "é« »àñ\u{a0}°ab\n\t\r\u{c}";
    for pad in 0..140 {
        let head: String = fill.chars().cycle().take(pad).collect();
        for bad in [
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}',
        ] {
            let text = format!("{head}{bad}tail");
            assert_eq!(first_control_character(&text), by_chars(&text), "{text:?}");
            assert_eq!(first_control_character(&text).map(|(_, c)| c), Some(bad));
        }
        assert_eq!(first_control_character(&head), None, "{head:?}");
    }
}

#[test]
fn tells_utf16_from_utf8() {
    let le: Vec<u8> = "+++\ncode = 1"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let be: Vec<u8> = "+++\ncode = 1"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    // With Notepad's byte order mark, and without one.
    for bytes in [
        [&[0xFF, 0xFE][..], &le].concat(),
        [&[0xFE, 0xFF][..], &be].concat(),
        le,
        be,
    ] {
        assert!(utf16(&bytes), "{bytes:02X?}");
    }
    // UTF-8 (with its own mark, or Arabic text), Windows-1252 and a binary file are not.
    for bytes in [
        &b"\xEF\xBB\xBF+++\n"[..],
        "+++\ntitle = \"مقدمة\"".as_bytes(),
        b"+++\ntitle = \"Caf\xE9\"",
        b"\0\0\0\0",
        b"+",
        b"",
    ] {
        assert!(!utf16(bytes), "{bytes:02X?}");
    }
}
