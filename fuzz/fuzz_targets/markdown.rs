//! Arbitrary text through the Markdown step with raw HTML off: no panic, no `<script`, no
//! script links. Run: `cargo +nightly fuzz run markdown` (docs/fuzzing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prospectus::markdown::{is_dangerous_url, render, NoResolver};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let r = render(text, false, &NoResolver);
    let lower = r.html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{}", r.html);
    let mut rest = r.html.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        for attr in [" href=\"", " src=\""] {
            if let Some(j) = tag.find(attr) {
                let after = &tag[j + attr.len()..];
                let url = &after[..after.find('"').unwrap_or(after.len())];
                assert!(!is_dangerous_url(url), "{url} in {}", r.html);
            }
        }
    }
});
