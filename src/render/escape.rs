//! The one escaper of text written into HTML and XML: templates (compiled and Tera), the feeds
//! and sitemap written in code, and `serve`'s error page all go through [`into`].

/// Appends `s` to `out` escaped for HTML and XML text and quoted attribute values: the five
/// characters `& < > " '` become entities, and the control characters XML 1.0 forbids (all
/// below U+0020 but tab, line feed and carriage return; the loader refuses them in front matter,
/// a body may hold a form feed) are left out. `/` is kept: Tera's default escapes it too, which
/// makes every URL unreadable in the source and larger, for no safety gain in quoted attributes.
pub fn into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    // Eight bytes at a time: most of what is escaped (titles, summaries, addresses) has no byte
    // to change, and a block without one is skipped by a few word operations instead of eight
    // table lookups. A block with one is read byte by byte below.
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        if !has_special(u64::from_le_bytes(word)) {
            i += 8;
            continue;
        }
        for j in i..i + 8 {
            escape_byte(out, s, j, &mut last);
        }
        i += 8;
    }
    // The last few bytes as one more block, filled out with a byte that is never changed: most
    // of what is escaped is short (a label, a date), and it is then read at once too.
    let tail = &bytes[i..];
    let mut word = [b'a'; 8];
    word[..tail.len()].copy_from_slice(tail);
    if has_special(u64::from_le_bytes(word)) {
        for j in i..bytes.len() {
            escape_byte(out, s, j, &mut last);
        }
    }
    out.push_str(&s[last..]);
}

/// Writes what precedes byte `i` of `s` (from `last`) and the byte's replacement, if the byte
/// is one [`into`] changes.
#[inline(always)]
fn escape_byte(out: &mut String, s: &str, i: usize, last: &mut usize) {
    let action = ACTION[usize::from(s.as_bytes()[i])];
    if action != KEEP {
        out.push_str(&s[*last..i]);
        out.push_str(REPLACEMENT[usize::from(action)]);
        *last = i + 1;
    }
}

/// Whether any of the eight bytes of `w` may be one [`into`] changes: below U+0020 (tab, line
/// feed and carriage return too, which are then kept by the byte-by-byte path), `"` (0x22),
/// `&` or `'` (0x26, 0x27: equal to 0x27 once bit 0 is set), `<` or `>` (0x3C, 0x3E: equal to
/// 0x3E once bit 1 is set). The tests are exact for "is there any" (a false signal can only
/// follow a true one in the same word), and bytes from 0x80 (UTF-8 sequences) never match.
#[inline(always)]
fn has_special(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let quote = zero_byte(w ^ (ONES * 0x22));
    let amp_apos = zero_byte((w | ONES) ^ (ONES * 0x27));
    let angle = zero_byte((w | (ONES * 0x02)) ^ (ONES * 0x3E));
    (below_space | quote | amp_apos | angle) != 0
}

/// What [`into`] does with each byte: an index into [`REPLACEMENT`] (one table lookup per byte:
/// this runs over most of the text of every page).
const ACTION: [u8; 256] = {
    let mut t = [KEEP; 256];
    let mut b = 0;
    while b < 0x20 {
        if !matches!(b, b'\t' | b'\n' | b'\r') {
            t[b as usize] = DROP;
        }
        b += 1;
    }
    t[b'&' as usize] = 1;
    t[b'<' as usize] = 2;
    t[b'>' as usize] = 3;
    t[b'"' as usize] = 4;
    t[b'\'' as usize] = 5;
    t
};
const KEEP: u8 = 0;
const DROP: u8 = 6;
const REPLACEMENT: [&str; 7] = ["", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", ""];

/// `s` escaped as [`into`] writes it.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::{has_special, html, ACTION, KEEP, REPLACEMENT};
    use proptest::prelude::*;

    /// The byte-by-byte escaper [`super::into`] must match, its blocks of eight aside.
    fn one_byte_at_a_time(s: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for (i, &b) in s.as_bytes().iter().enumerate() {
            let action = ACTION[usize::from(b)];
            if action != KEEP {
                out.push_str(&s[last..i]);
                out.push_str(REPLACEMENT[usize::from(action)]);
                last = i + 1;
            }
        }
        out.push_str(&s[last..]);
        out
    }

    #[test]
    fn a_block_with_a_byte_to_change_is_always_seen() {
        // Every byte value in every position of a block, among bytes that are never special
        // and bytes that are. A block is read byte by byte when it holds a byte to change or a
        // tab, line feed or carriage return (kept, but below U+0020), and skipped otherwise.
        for fill in [b'a', 0xC3, b' ', b'&', 0x1F] {
            for pos in 0..8 {
                for b in 0..=255u8 {
                    let mut w = [fill; 8];
                    w[pos] = b;
                    let want = w
                        .iter()
                        .any(|&x| ACTION[usize::from(x)] != KEEP || x < 0x20);
                    assert_eq!(has_special(u64::from_le_bytes(w)), want, "{w:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn escapes_as_one_byte_at_a_time(s in "[a-z<>&\"' \\x00-\\x1f\\x7fé€/]{0,40}") {
            prop_assert_eq!(html(&s), one_byte_at_a_time(&s));
        }
    }

    #[test]
    fn escapes_the_five_characters_and_nothing_else() {
        for (s, want) in [
            ("", ""),
            ("plain", "plain"),
            ("a<b>&\"c'é/", "a&lt;b&gt;&amp;&quot;c&#39;é/"),
            ("&&", "&amp;&amp;"),
            ("€ 1 860", "€ 1 860"),
        ] {
            assert_eq!(html(s), want, "{s:?}");
        }
    }

    #[test]
    fn keeps_line_breaks_and_tabs_and_drops_other_controls() {
        assert_eq!(html("a\tb\nc\r\n"), "a\tb\nc\r\n");
        assert_eq!(html("a\u{c}b\u{1}c\u{1f}<"), "abc&lt;");
        // Not C0: kept (U+007F and U+0085 are allowed in XML 1.0 documents).
        assert_eq!(html("a\u{7f}b\u{85}"), "a\u{7f}b\u{85}");
    }
}
