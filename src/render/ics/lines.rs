//! Content lines as RFC 5545 §3.1 writes them: folded at 75 octets, TEXT values escaped.

/// Folds one content line (RFC 5545 §3.1) and ends it with CRLF.
///
/// The first physical line holds at most 75 octets, each continuation line one space plus at
/// most 74 octets, so no physical line exceeds 75 octets (CRLF not counted). A fold never falls
/// inside a UTF-8 character. It also avoids, looking back up to 16 octets, falling next to a
/// space or tab, or just after a backslash: readers that trim lines (some do, and so do text
/// editors) would lose the space, and readers that unescape before unfolding would break the
/// escape. Unfolding gives `line` back in every case. `line` must not contain CR or LF (escape
/// TEXT with [`escape_text`]); an empty `line` gives `"\r\n"`.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 3 * (line.len() / 60 + 1));
    fold_into(&mut out, line);
    out
}

/// The most octets of a content line before it is folded (RFC 5545 §3.1).
pub(super) const FIRST: usize = 75;

pub(super) fn fold_into(out: &mut String, line: &str) {
    const NEXT: usize = FIRST - 1; // plus the leading space
    let mut start = 0;
    let mut room = FIRST;
    while line.len() - start > room {
        let end = fold_point(line, start, start + room);
        out.push_str(&line[start..end]);
        out.push_str("\r\n ");
        start = end;
        room = NEXT;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// Where to fold `line[start..]` at or before octet `max` (`max < line.len()`).
fn fold_point(line: &str, start: usize, max: usize) -> usize {
    const LOOK_BACK: usize = 16;
    let b = line.as_bytes();
    let prev_char = |mut i: usize| {
        i -= 1;
        while !line.is_char_boundary(i) {
            i -= 1; // at most 3 steps: a UTF-8 character has at most 4 octets
        }
        i
    };
    let mut end = max;
    if !line.is_char_boundary(end) {
        end = prev_char(end);
    }
    let plain = end;
    let awkward =
        |e: usize| matches!(b[e - 1], b' ' | b'\t' | b'\\') || matches!(b[e], b' ' | b'\t');
    while awkward(end) {
        let p = prev_char(end);
        if p <= start || plain - p > LOOK_BACK {
            return plain;
        }
        end = p;
    }
    end
}

/// The bytes [`escape_text`] looks at: `\\ ; ,`, control characters but tab, and the first
/// bytes of NEL (C2) and of LS and PS (E2).
const MAY_CHANGE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b < 0x20 && b != 0x09) || b == 0x7F;
        b += 1;
    }
    t[b'\\' as usize] = true;
    t[b';' as usize] = true;
    t[b',' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` → `\\`, `;` → `\;`, `,` → `\,`, and each line
/// break (CRLF, CR, LF, and the Unicode breaks NEL U+0085, LS U+2028, PS U+2029, which many
/// readers split lines on) → `\n`. TAB is kept. Other control characters (U+0000–U+001F,
/// U+007F) are dropped: TEXT cannot carry them. `:` and `"` need no escape.
pub fn escape_text(s: &str) -> String {
    // By bytes, copying the runs between the characters that change (a scan by characters
    // was a thirtieth of a build): those are ASCII or start with C2 (NEL) or E2 (LS, PS), so
    // every cut falls between two characters.
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let (mut last, mut i) = (0, 0);
    while i < b.len() {
        // Most bytes change nothing: one table lookup each, the cases below only for the rest.
        if !MAY_CHANGE[usize::from(b[i])] {
            i += 1;
            continue;
        }
        let (rep, len) = match b[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\r' if b.get(i + 1) == Some(&b'\n') => ("\\n", 2),
            b'\r' | b'\n' => ("\\n", 1),
            0xC2 if b.get(i + 1) == Some(&0x85) => ("\\n", 2),
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                ("\\n", 3)
            }
            x if x.is_ascii_control() && x != b'\t' => ("", 1),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        i += len;
        last = i;
    }
    out.push_str(&s[last..]);
    out
}
