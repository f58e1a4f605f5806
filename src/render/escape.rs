//! The one escaper of text written into HTML and XML: templates (compiled and Tera), the feeds
//! and sitemap written in code, and `serve`'s error page all go through [`into`].

/// Appends `s` to `out` escaped for HTML and XML text and quoted attribute values: the five
/// characters `& < > " '` become entities, and the control characters XML 1.0 forbids (all
/// below U+0020 but tab, line feed and carriage return; the loader refuses them in front matter,
/// a body may hold a form feed) are left out. `/` is kept: Tera's default escapes it too, which
/// makes every URL unreadable in the source and larger, for no safety gain in quoted attributes.
pub fn into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let action = ACTION[usize::from(b)];
        if action == KEEP {
            continue;
        }
        out.push_str(&s[last..i]);
        out.push_str(REPLACEMENT[usize::from(action)]);
        last = i + 1;
    }
    out.push_str(&s[last..]);
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
    use super::html;

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
