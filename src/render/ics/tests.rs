//! Byte-level tests of the iCalendar writer, and time-zone tests of the model's
//! `local_to_utc` / `end_of_day_utc` that it re-exports (`crate::model::when`).

use super::*;
use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::Tz;

// ---------------------------------------------------------------- helpers

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ndt(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, s).unwrap()
}

fn utc(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&ndt(y, m, day, h, min, s))
}

/// Splits CRLF-terminated output into physical lines, failing on a bare CR or LF or a
/// missing final CRLF.
fn physical_lines(bytes: &[u8]) -> Vec<&[u8]> {
    assert!(bytes.ends_with(b"\r\n"), "output must end with CRLF");
    let body = &bytes[..bytes.len() - 2];
    let lines: Vec<&[u8]> = split_crlf(body);
    for (i, l) in lines.iter().enumerate() {
        assert!(!l.contains(&b'\r'), "bare CR in physical line {}", i + 1);
        assert!(!l.contains(&b'\n'), "bare LF in physical line {}", i + 1);
    }
    lines
}

fn split_crlf(b: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\r' && b[i + 1] == b'\n' {
            out.push(&b[start..i]);
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&b[start..]);
    out
}

/// Checks RFC 5545 §3.1 on every physical line and returns the unfolded content lines.
fn unfold(text: &str) -> Vec<String> {
    let mut logical: Vec<Vec<u8>> = Vec::new();
    for (i, l) in physical_lines(text.as_bytes()).into_iter().enumerate() {
        assert!(
            l.len() <= 75,
            "physical line {} is {} octets",
            i + 1,
            l.len()
        );
        assert!(
            std::str::from_utf8(l).is_ok(),
            "physical line {} splits a UTF-8 character",
            i + 1
        );
        if let Some(rest) = l.strip_prefix(b" ") {
            assert!(i > 0, "continuation at the start");
            assert!(!rest.is_empty(), "empty continuation line {}", i + 1);
            logical.last_mut().unwrap().extend_from_slice(rest);
        } else {
            logical.push(l.to_vec());
        }
    }
    logical
        .into_iter()
        .map(|l| String::from_utf8(l).unwrap())
        .collect()
}

/// Reverses [`escape_text`].
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(c @ ('\\' | ';' | ',')) => out.push(c),
                other => panic!("bad escape \\{other:?} in {s:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What [`escape_text`] promises to keep: line breaks become LF, other controls but TAB go.
fn normalise(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter_map(|c| match c {
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_ascii_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A TEXT value holds no unescaped `,` `;` and only valid escapes (the harness's rule).
fn assert_text_escaped(v: &str) {
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                assert!(
                    matches!(b.get(i + 1), Some(b'\\' | b';' | b',' | b'n' | b'N')),
                    "bad escape in {v:?}"
                );
                i += 2;
            }
            b',' | b';' => panic!("unescaped {:?} in {v:?}", b[i] as char),
            _ => i += 1,
        }
    }
}

/// splitmix64: a tiny deterministic PRNG, so the "property" tests need no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A string mixing ASCII, the TEXT specials, line breaks, controls and 2/3/4-octet chars.
    fn string(&mut self, max_len: usize) -> String {
        const POOL: &[char] = &[
            'a', 'Z', '0', ' ', ' ', ':', '"', ';', ',', '\\', '\n', '\r', '\t', '\u{0}', '\u{7f}',
            '\u{1b}', 'é', 'ü', 'ß', 'ع', 'ر', 'ب', 'ي', '\u{301}', '€', '中', '文', '\u{2028}',
            '\u{85}', '\u{200d}', '😀', '👩', '🏽', '𝄞',
        ];
        let len = self.below(max_len + 1);
        (0..len).map(|_| POOL[self.below(POOL.len())]).collect()
    }
}

fn sample_event() -> Event {
    Event {
        uid: "A9718007-0-en@training.example.org".into(),
        dtstamp: utc(2025, 1, 1, 0, 0, 0),
        start: When::Date(d(2025, 9, 8)),
        end: When::Date(d(2025, 11, 1)),
        summary: "Certification programme: ILO participatory gender audits".into(),
        description: "Distance learning.\r\nBring a laptop; or a tablet, if you must.".into(),
        url: Some("https://training.example.org/en/courses/pga/".into()),
        location: Some("eCampus".into()),
        status: EventStatus::Confirmed,
        sequence: 0,
        last_modified: None,
        organizer: Some(Organizer {
            name: "Training Unit: Gender, Rights".into(),
            address: "mailto:gender@training.example.org".into(),
        }),
        alarm: None,
        categories: vec!["Gender equality".into(), "Rights, work".into()],
        transp_transparent: false,
        lang: None,
        recur: None,
    }
}

fn deadline_event() -> Event {
    let t = end_of_day_utc(chrono_tz::Europe::Rome, d(2025, 8, 25));
    Event {
        last_modified: Some(utc(2024, 12, 2, 9, 30, 0)),
        alarm: Some(Alarm {
            hours_before: 24,
            description: "Application deadline, tomorrow".into(),
        }),
        uid: "A9718007-deadline-en@training.example.org".into(),
        start: When::Utc(t),
        end: When::Utc(t),
        summary: "Application deadline: gender audits".into(),
        description: String::new(),
        location: None,
        categories: vec![],
        transp_transparent: true,
        ..sample_event()
    }
}

fn sample_calendar() -> Calendar {
    Calendar {
        prodid: "-//ITC ILO//Prospectus//EN".into(),
        name: "Gender audits, certification".into(),
        description: Some("Sessions; deadline".into()),
        lang: "en".into(),
        url: Some("https://training.example.org/en/courses/pga/A9718007.ics".into()),
        refresh_interval_hours: Some(12),
        source: None,
        events: vec![sample_event(), deadline_event()],
    }
}

fn write(cal: &Calendar) -> String {
    write_calendar(cal).expect("non-empty calendar")
}

// ---------------------------------------------------------------- folding

#[test]
fn fold_ascii_75_octets_stays_one_line() {
    let line = "X".repeat(75);
    assert_eq!(fold_line(&line), format!("{line}\r\n"));
}

#[test]
fn fold_ascii_76_octets_folds_once() {
    let line = format!("{}Y", "X".repeat(75));
    assert_eq!(fold_line(&line), format!("{}\r\n Y\r\n", "X".repeat(75)));
}

#[test]
fn fold_continuation_lines_hold_74_octets_after_the_space() {
    let line = "a".repeat(75 + 74);
    let want = format!("{}\r\n {}\r\n", "a".repeat(75), "a".repeat(74));
    assert_eq!(fold_line(&line), want);
    let line = "a".repeat(75 + 74 + 1);
    let want = format!("{}\r\n {}\r\n a\r\n", "a".repeat(75), "a".repeat(74));
    assert_eq!(fold_line(&line), want);
}

#[test]
fn fold_empty_and_short_lines() {
    assert_eq!(fold_line(""), "\r\n");
    assert_eq!(fold_line("VERSION:2.0"), "VERSION:2.0\r\n");
}

#[test]
fn fold_never_splits_e_acute() {
    // 74 octets + "é" (C3 A9) = 76: octet 75 would be the middle of é.
    let line = format!("{}é", "a".repeat(74));
    let out = fold_line(&line);
    assert_eq!(
        out.as_bytes(),
        format!("{}\r\n é\r\n", "a".repeat(74)).as_bytes()
    );
    // 73 + é = 75 octets: fits exactly.
    let line = format!("{}é", "a".repeat(73));
    assert_eq!(fold_line(&line), format!("{line}\r\n"));
}

#[test]
fn fold_arabic_two_octet_letters() {
    // "SUMMARY:" (8) + 40 Arabic letters (80 octets): cut at 74 (8 + 33 × 2), not at 75.
    let arabic: String = "عربي".chars().cycle().take(40).collect();
    let line = format!("SUMMARY:{arabic}");
    let out = fold_line(&line);
    let lines = physical_lines(out.as_bytes());
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].len(), 74);
    assert_eq!(lines[1].len(), 1 + (80 - 66));
    assert_eq!(unfold(&out), vec![line]);
}

#[test]
fn fold_emoji_at_the_boundary() {
    // 😀 is F0 9F 98 80. With 71..=74 ASCII octets before it, octet 75 falls on it or inside.
    for pre in 71..=74 {
        let line = format!("{}😀tail", "b".repeat(pre));
        let out = fold_line(&line);
        let lines = physical_lines(out.as_bytes());
        let first = if pre == 71 { 75 } else { pre };
        assert_eq!(lines[0].len(), first, "{pre} ASCII octets before the emoji");
        assert!(std::str::from_utf8(lines[0]).is_ok());
        assert!(std::str::from_utf8(lines[1]).is_ok());
        assert_eq!(unfold(&out), vec![line]);
    }
}

#[test]
fn fold_cjk_and_combining_marks() {
    let line = format!("DESCRIPTION:{}", "中文e\u{301}".repeat(30));
    let out = fold_line(&line);
    assert_eq!(unfold(&out), vec![line]);
}

#[test]
fn fold_every_length_with_every_char_width() {
    for ch in ['a', 'é', '€', '😀'] {
        for n in 0..200 {
            let line: String = std::iter::repeat_n(ch, n).collect();
            let out = fold_line(&line);
            let unfolded = unfold(&out);
            assert_eq!(unfolded, vec![line.clone()], "{n} × {ch}");
            // Folds are as late as allowed: every physical line but the last is full up to
            // less than one character.
            let lines = physical_lines(out.as_bytes());
            for l in &lines[..lines.len() - 1] {
                assert!(l.len() + ch.len_utf8() > 75, "{n} × {ch}: early fold");
            }
        }
    }
}

#[test]
fn fold_avoids_spaces_and_backslashes_at_the_fold() {
    // Octet 75 is a space: fold before it instead, and so on; no line ends or starts with one.
    let line = format!("{} {}end", "a".repeat(74), "word ".repeat(40));
    let out = fold_line(&line);
    for l in physical_lines(out.as_bytes()) {
        assert!(
            !l.ends_with(b" ") && !l.ends_with(b"\\"),
            "{:?}",
            String::from_utf8_lossy(l)
        );
        assert!(!l.starts_with(b"  "), "{:?}", String::from_utf8_lossy(l));
    }
    assert_eq!(unfold(&out), vec![line]);
    // The golden case: "…tablet\\, if" folds before the escape, not inside it.
    let line = format!("{}x\\, y", "a".repeat(72));
    assert_eq!(
        fold_line(&line),
        format!("{}x\r\n \\, y\r\n", "a".repeat(72))
    );
    // A long run of spaces cannot be avoided: plain fold at 75.
    let line = format!("a{}", " ".repeat(100));
    let out = fold_line(&line);
    assert_eq!(physical_lines(out.as_bytes())[0].len(), 75);
    assert_eq!(unfold(&out), vec![line]);
    // A line that is only backslashes.
    let line = "\\".repeat(100);
    assert_eq!(unfold(&fold_line(&line)), vec![line]);
}

// ---------------------------------------------------------------- escaping

#[test]
fn escape_each_special_character() {
    assert_eq!(escape_text("a\\b"), "a\\\\b");
    assert_eq!(escape_text("a;b"), "a\\;b");
    assert_eq!(escape_text("a,b"), "a\\,b");
    assert_eq!(escape_text("a\nb"), "a\\nb");
    assert_eq!(escape_text("a:b\"c"), "a:b\"c");
    assert_eq!(
        escape_text("\\n"),
        "\\\\n",
        "a literal backslash-n stays literal"
    );
    assert_eq!(escape_text(""), "");
}

#[test]
fn escape_line_breaks_of_every_kind() {
    assert_eq!(escape_text("a\r\nb"), "a\\nb", "CRLF is one break");
    assert_eq!(escape_text("a\rb"), "a\\nb");
    assert_eq!(escape_text("a\r\n\r\nb"), "a\\n\\nb");
    assert_eq!(escape_text("a\n\rb"), "a\\n\\nb", "LF CR is two breaks");
    assert_eq!(escape_text("a\r"), "a\\n");
    assert_eq!(escape_text("a\u{2028}b\u{2029}c\u{85}d"), "a\\nb\\nc\\nd");
}

#[test]
fn escape_keeps_tab_and_drops_other_controls() {
    assert_eq!(escape_text("a\tb"), "a\tb");
    assert_eq!(escape_text("a\u{0}b\u{7}c\u{1b}d\u{7f}e\u{c}f"), "abcdef");
    assert_eq!(escape_text("é عربي 😀"), "é عربي 😀");
}

// ---------------------------------------------------------------- the calendar

#[test]
fn golden_calendar_bytes() {
    let want = concat!(
        "BEGIN:VCALENDAR\r\n",
        "VERSION:2.0\r\n",
        "PRODID:-//ITC ILO//Prospectus//EN\r\n",
        "CALSCALE:GREGORIAN\r\n",
        "METHOD:PUBLISH\r\n",
        "X-WR-CALNAME;VALUE=TEXT:Gender audits\\, certification\r\n",
        "NAME;VALUE=TEXT;LANGUAGE=en:Gender audits\\, certification\r\n",
        "X-WR-CALDESC;VALUE=TEXT:Sessions\\; deadline\r\n",
        "DESCRIPTION;LANGUAGE=en:Sessions\\; deadline\r\n",
        "URL:https://training.example.org/en/courses/pga/A9718007.ics\r\n",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n",
        "X-PUBLISHED-TTL:PT12H\r\n",
        "BEGIN:VEVENT\r\n",
        "UID:A9718007-0-en@training.example.org\r\n",
        "DTSTAMP:20250101T000000Z\r\n",
        "DTSTART;VALUE=DATE:20250908\r\n",
        "DTEND;VALUE=DATE:20251101\r\n",
        "SUMMARY;LANGUAGE=en:Certification programme: ILO participatory gender audit\r\n",
        " s\r\n",
        "DESCRIPTION;LANGUAGE=en:Distance learning.\\nBring a laptop\\; or a tablet\r\n",
        " \\, if you must.\r\n",
        "URL:https://training.example.org/en/courses/pga/\r\n",
        "LOCATION;LANGUAGE=en:eCampus\r\n",
        "STATUS:CONFIRMED\r\n",
        "SEQUENCE:0\r\n",
        "ORGANIZER;CN=\"Training Unit: Gender, Rights\":mailto:gender@training.example\r\n",
        " .org\r\n",
        "CATEGORIES:Gender equality,Rights\\, work\r\n",
        "TRANSP:OPAQUE\r\n",
        "END:VEVENT\r\n",
        "BEGIN:VEVENT\r\n",
        "UID:A9718007-deadline-en@training.example.org\r\n",
        "DTSTAMP:20250101T000000Z\r\n",
        "LAST-MODIFIED:20241202T093000Z\r\n",
        "DTSTART:20250825T215959Z\r\n",
        "DURATION:PT0S\r\n",
        "SUMMARY;LANGUAGE=en:Application deadline: gender audits\r\n",
        "URL:https://training.example.org/en/courses/pga/\r\n",
        "STATUS:CONFIRMED\r\n",
        "SEQUENCE:0\r\n",
        "ORGANIZER;CN=\"Training Unit: Gender, Rights\":mailto:gender@training.example\r\n",
        " .org\r\n",
        "TRANSP:TRANSPARENT\r\n",
        "BEGIN:VALARM\r\n",
        "ACTION:DISPLAY\r\n",
        "TRIGGER:-PT24H\r\n",
        "DESCRIPTION:Application deadline\\, tomorrow\r\n",
        "END:VALARM\r\n",
        "END:VEVENT\r\n",
        "END:VCALENDAR\r\n",
    );
    assert_eq!(write(&sample_calendar()), want);
}

#[test]
fn same_input_same_bytes() {
    assert_eq!(write(&sample_calendar()), write(&sample_calendar()));
}

#[test]
fn crlf_everywhere_even_with_hostile_text() {
    let mut cal = sample_calendar();
    cal.name = "Line\nbreak\rand\r\nmore".into();
    cal.events[0].summary = "a\nb\rc\r\nd\u{2028}e".into();
    cal.events[0].location = Some("Turin\r\nViale Maestri del Lavoro, 10".into());
    cal.events[0].categories = vec!["x\ny".into()];
    cal.events[0].uid = "odd\r\nuid".into();
    let out = write(&cal);
    let bytes = out.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "bare LF at octet {i}");
        }
        if b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at octet {i}");
        }
    }
    unfold(&out);
}

#[test]
fn empty_calendar_is_not_written() {
    let mut cal = sample_calendar();
    cal.events.clear();
    assert_eq!(write_calendar(&cal), None);
}

#[test]
fn all_day_session_has_exclusive_dtend() {
    // A one-day session on 2025-09-08: inclusive end 09-08 → exclusive DTEND 09-09.
    let mut cal = sample_calendar();
    cal.events[0].start = When::Date(d(2025, 9, 8));
    cal.events[0].end = When::Date(d(2025, 9, 9));
    let lines = unfold(&write(&cal));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20250908".to_string()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20250909".to_string()));
    // Across a year end.
    cal.events[0].start = When::Date(d(2025, 12, 29));
    cal.events[0].end = When::Date(d(2026, 1, 1));
    let lines = unfold(&write(&cal));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20260101".to_string()));
}

#[test]
fn dtend_not_after_dtstart_is_normalised() {
    let mut ev = sample_event();
    ev.start = When::Date(d(2025, 9, 8));
    ev.end = When::Date(d(2025, 9, 8));
    let mut cal = sample_calendar();
    cal.events = vec![ev];
    let lines = unfold(&write(&cal));
    assert!(
        lines.contains(&"DTEND;VALUE=DATE:20250909".to_string()),
        "one day"
    );

    // A UTC end within the same second as the start, or a date end for a UTC start: instant.
    let t = utc(2025, 8, 25, 21, 59, 59);
    for end in [
        When::Utc(t + TimeDelta::milliseconds(500)),
        When::Utc(t - TimeDelta::hours(1)),
        When::Date(d(2025, 8, 26)),
    ] {
        cal.events[0].start = When::Utc(t);
        cal.events[0].end = end;
        let lines = unfold(&write(&cal));
        assert!(lines.contains(&"DTSTART:20250825T215959Z".to_string()));
        assert!(!lines.iter().any(|l| l.starts_with("DTEND")), "{end:?}");
    }
    // A UTC end for a date start: one day.
    cal.events[0].start = When::Date(d(2025, 9, 8));
    cal.events[0].end = When::Utc(t);
    let lines = unfold(&write(&cal));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20250909".to_string()));
}

#[test]
fn timed_event_in_utc() {
    let mut cal = sample_calendar();
    let start = local_to_utc(chrono_tz::Europe::Rome, ndt(2025, 9, 8, 9, 30, 0));
    cal.events[0].start = When::Utc(start + TimeDelta::nanoseconds(999_999_999));
    cal.events[0].end = When::Utc(start + TimeDelta::hours(2));
    let lines = unfold(&write(&cal));
    assert!(lines.contains(&"DTSTART:20250908T073000Z".to_string()));
    assert!(lines.contains(&"DTEND:20250908T093000Z".to_string()));
}

#[test]
fn urls_only_when_absolute_and_made_ascii() {
    let mut cal = sample_calendar();
    cal.events.truncate(1);
    for (given, want) in [
        ("/en/courses/pga/", None),
        ("courses/pga/", None),
        ("//training.example.org/x", None),
        ("https:", None),
        ("1http://x", None),
        ("", None),
        (
            "mailto:ilsgen@example.org",
            Some("mailto:ilsgen@example.org"),
        ),
        (
            "https://training.example.org/ar/دورات/?q=a b&x=1,2;3#t",
            Some(
                "https://training.example.org/ar/%D8%AF%D9%88%D8%B1%D8%A7%D8%AA/?q=a%20b&x=1,2;3#t",
            ),
        ),
        (
            "https://x.org/a\r\nEVIL:1",
            Some("https://x.org/a%0D%0AEVIL:1"),
        ),
        (
            "https://x.org/%C3%A9\"<>",
            Some("https://x.org/%C3%A9%22%3C%3E"),
        ),
    ] {
        cal.events[0].url = Some(given.into());
        let lines = unfold(&write(&cal));
        let got: Vec<&String> = lines[13..]
            .iter()
            .filter(|l| l.starts_with("URL"))
            .collect();
        match want {
            None => assert!(got.is_empty(), "{given:?} → {got:?}"),
            Some(w) => assert_eq!(got, vec![&format!("URL:{w}")], "{given:?}"),
        }
    }
    cal.url = Some("calendar.ics".into());
    cal.refresh_interval_hours = Some(0);
    cal.description = Some(String::new());
    let out = write(&cal);
    let head: Vec<String> = unfold(&out)
        .into_iter()
        .take_while(|l| l != "BEGIN:VEVENT")
        .collect();
    assert!(!head.iter().any(|l| l.starts_with("URL")
        || l.starts_with("REFRESH")
        || l.starts_with("X-PUBLISHED-TTL")
        || l.starts_with("DESCRIPTION")
        || l.starts_with("X-WR-CALDESC")));
}

#[test]
fn language_parameters() {
    let mut cal = sample_calendar();
    cal.lang = "ar".into();
    cal.events[0].lang = Some("fr".into());
    cal.events[1].lang = Some("not a tag;x".into());
    let lines = unfold(&write(&cal));
    assert!(
        lines.contains(&"NAME;VALUE=TEXT;LANGUAGE=ar:Gender audits\\, certification".to_string())
    );
    assert!(lines
        .iter()
        .any(|l| l.starts_with("SUMMARY;LANGUAGE=fr:Certification")));
    assert!(lines.contains(&"LOCATION;LANGUAGE=fr:eCampus".to_string()));
    assert!(lines.contains(&"SUMMARY:Application deadline: gender audits".to_string()));
    cal.lang = String::new();
    let lines = unfold(&write(&cal));
    assert!(lines.contains(&"NAME;VALUE=TEXT:Gender audits\\, certification".to_string()));
}

#[test]
fn statuses_categories_and_optional_fields() {
    let mut cal = sample_calendar();
    cal.events[0].status = EventStatus::Cancelled;
    cal.events[0].sequence = 3;
    cal.events[0].categories = vec!["".into(), "a;b".into(), "c\\d".into()];
    cal.events[0].location = Some(String::new());
    cal.events[0].description = String::new();
    cal.events[1].status = EventStatus::Tentative;
    cal.events[1].categories = vec![String::new()];
    cal.events[1].alarm = None;
    let lines = unfold(&write(&cal));
    assert!(lines.contains(&"STATUS:CANCELLED".to_string()));
    assert!(lines.contains(&"STATUS:TENTATIVE".to_string()));
    assert!(lines.contains(&"SEQUENCE:3".to_string()));
    assert!(lines.contains(&"CATEGORIES:a\\;b,c\\\\d".to_string()));
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("CATEGORIES")).count(),
        1
    );
    assert!(!lines.iter().any(|l| l.starts_with("LOCATION")));
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("DESCRIPTION"))
            .count(),
        1
    );
}

#[test]
fn long_multilingual_text_round_trips_through_the_writer() {
    let mut cal = sample_calendar();
    let summary = "دورة تدريبية: تدقيق المساواة بين الجنسين، برنامج الشهادة؛ 😀👩🏽‍💻 é".repeat(3);
    cal.events[0].summary = summary.clone();
    cal.name = "Cours : audit de genre, « certification »".into();
    let lines = unfold(&write(&cal));
    let got = lines
        .iter()
        .find_map(|l| l.strip_prefix("SUMMARY;LANGUAGE=en:"))
        .unwrap();
    assert_eq!(unescape(got), summary);
}

// ---------------------------------------------------------------- time zones

#[test]
fn deadline_on_spring_forward_day_rome() {
    let rome = chrono_tz::Europe::Rome;
    assert_eq!(
        end_of_day_utc(rome, d(2026, 3, 29)),
        utc(2026, 3, 29, 21, 59, 59)
    );
    assert_eq!(
        local_to_utc(rome, ndt(2026, 3, 29, 23, 59, 59)),
        utc(2026, 3, 29, 21, 59, 59)
    );
    // The day before is still CET.
    assert_eq!(
        end_of_day_utc(rome, d(2026, 3, 28)),
        utc(2026, 3, 28, 22, 59, 59)
    );
}

#[test]
fn deadline_on_fall_back_day_rome() {
    let rome = chrono_tz::Europe::Rome;
    assert_eq!(
        end_of_day_utc(rome, d(2026, 10, 25)),
        utc(2026, 10, 25, 22, 59, 59)
    );
    assert_eq!(
        end_of_day_utc(rome, d(2026, 10, 24)),
        utc(2026, 10, 24, 21, 59, 59)
    );
}

#[test]
fn nonexistent_local_time_moves_forward_by_the_gap() {
    let rome = chrono_tz::Europe::Rome;
    // 02:30 does not exist on 2026-03-29 (02:00 CET → 03:00 CEST): read as 02:30 CET.
    let t = local_to_utc(rome, ndt(2026, 3, 29, 2, 30, 0));
    assert_eq!(t, utc(2026, 3, 29, 1, 30, 0));
    assert_eq!(
        t.with_timezone(&rome).naive_local(),
        ndt(2026, 3, 29, 3, 30, 0)
    );
    // The edges of the gap.
    assert_eq!(
        local_to_utc(rome, ndt(2026, 3, 29, 2, 0, 0)),
        utc(2026, 3, 29, 1, 0, 0)
    );
    assert_eq!(
        local_to_utc(rome, ndt(2026, 3, 29, 1, 59, 59)),
        utc(2026, 3, 29, 0, 59, 59)
    );
    assert_eq!(
        local_to_utc(rome, ndt(2026, 3, 29, 3, 0, 0)),
        utc(2026, 3, 29, 1, 0, 0)
    );
    // RFC 5545 §3.3.5's own example: TZID=America/New_York:20070311T023000 is 3:30 EDT.
    let ny = chrono_tz::America::New_York;
    assert_eq!(
        local_to_utc(ny, ndt(2007, 3, 11, 2, 30, 0)),
        utc(2007, 3, 11, 7, 30, 0)
    );
}

#[test]
fn ambiguous_local_time_takes_the_earlier_instant() {
    let rome = chrono_tz::Europe::Rome;
    // 02:30 happens twice on 2026-10-25: at 00:30Z (CEST) and at 01:30Z (CET).
    assert_eq!(
        local_to_utc(rome, ndt(2026, 10, 25, 2, 30, 0)),
        utc(2026, 10, 25, 0, 30, 0)
    );
    assert_eq!(
        local_to_utc(rome, ndt(2026, 10, 25, 3, 0, 0)),
        utc(2026, 10, 25, 2, 0, 0)
    );
    // RFC 5545 §3.3.5's example: TZID=America/New_York:20071104T013000 is 1:30 EDT.
    let ny = chrono_tz::America::New_York;
    assert_eq!(
        local_to_utc(ny, ndt(2007, 11, 4, 1, 30, 0)),
        utc(2007, 11, 4, 5, 30, 0)
    );
}

#[test]
fn odd_zones() {
    // Lord Howe moves by 30 minutes: 02:00 → 02:30 (+10:30 → +11:00) on 2025-10-05.
    let lh = chrono_tz::Australia::Lord_Howe;
    assert_eq!(
        local_to_utc(lh, ndt(2025, 10, 5, 2, 15, 0)),
        utc(2025, 10, 4, 15, 45, 0)
    );
    // Samoa skipped 2011-12-30 entirely (-10:00 → +14:00): a 24-hour gap.
    let ws = chrono_tz::Pacific::Apia;
    let t = local_to_utc(ws, ndt(2011, 12, 30, 12, 0, 0));
    assert_eq!(t, utc(2011, 12, 30, 22, 0, 0));
    assert_eq!(
        t.with_timezone(&ws).naive_local(),
        ndt(2011, 12, 31, 12, 0, 0)
    );
    // Kathmandu: +05:45, no DST.
    let np = chrono_tz::Asia::Kathmandu;
    assert_eq!(
        end_of_day_utc(np, d(2025, 8, 25)),
        utc(2025, 8, 25, 18, 14, 59)
    );
}

#[test]
fn end_of_day_where_clocks_change_at_midnight() {
    let scl = chrono_tz::America::Santiago;
    // 2022-09-11 00:00 -04 → 01:00 -03: the day of 09-10 ends at 23:59:59 -04.
    assert_eq!(
        end_of_day_utc(scl, d(2022, 9, 10)),
        utc(2022, 9, 11, 3, 59, 59)
    );
    // 2023-04-02 00:00 -03 → 2023-04-01 23:00 -04: 23:59:59 happens twice on 04-01; the day
    // ends at the second one.
    assert_eq!(
        end_of_day_utc(scl, d(2023, 4, 1)),
        utc(2023, 4, 2, 3, 59, 59)
    );
    assert_eq!(
        local_to_utc(scl, ndt(2023, 4, 1, 23, 59, 59)),
        utc(2023, 4, 2, 2, 59, 59)
    );
}

#[test]
fn sweep_local_times_around_changes() {
    // Every 15 minutes over two years in a few zones: the result shows the asked local time
    // (or, in a gap, a later one by less than a day), and is the earliest such instant.
    let zones = [
        chrono_tz::Europe::Rome,
        chrono_tz::America::New_York,
        chrono_tz::America::Santiago,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::Pacific::Chatham,
        chrono_tz::Africa::Casablanca,
    ];
    for tz in zones {
        let mut l = ndt(2025, 1, 1, 0, 0, 0);
        while l < ndt(2027, 1, 1, 0, 0, 0) {
            let t = local_to_utc(tz, l);
            let shown = t.with_timezone(&tz).naive_local();
            match tz.from_local_datetime(&l) {
                LocalResult::None => {
                    assert!(shown > l && shown - l < TimeDelta::days(1), "{tz} {l}")
                }
                _ => {
                    assert_eq!(shown, l, "{tz} {l}");
                    // Clocks here move by 30 min, 1 h or 2 h: an earlier instant showing the
                    // same local time would be one of these.
                    for back in [30, 60, 120] {
                        let u = t - TimeDelta::minutes(back);
                        assert_ne!(
                            u.with_timezone(&tz).naive_local(),
                            l,
                            "{tz} {l}: not earliest"
                        );
                    }
                }
            }
            l += TimeDelta::minutes(15);
        }
    }
}

/// Every gap of every zone of the bundled tz database from 1900 to 2050: the result is the
/// local time read with the offset in force just before the gap (found here by bisection).
#[test]
fn every_gap_in_the_tz_database() {
    // Changes closer than the step may hide one another; enough are found (> 1000).
    let step = TimeDelta::days(4);
    let end = utc(2050, 1, 1, 0, 0, 0);
    let off = |tz: Tz, t: DateTime<Utc>| -> FixedOffset {
        tz.offset_from_utc_datetime(&t.naive_utc()).fix()
    };
    let mut gaps = 0;
    for &tz in chrono_tz::TZ_VARIANTS.iter() {
        let mut t = utc(1900, 1, 1, 0, 0, 0);
        let mut o = off(tz, t);
        while t < end {
            let next = t + step;
            let o2 = off(tz, next);
            if o2 != o {
                // Bisect to the first second with a different offset.
                let (mut lo, mut hi) = (t, next);
                while hi - lo > TimeDelta::seconds(1) {
                    let mid = lo + (hi - lo) / 2;
                    if off(tz, mid) == o {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let (before, after) = (off(tz, lo), off(tz, hi));
                let gap = after.local_minus_utc() - before.local_minus_utc();
                if gap > 0 {
                    let g0 = hi.naive_utc() + TimeDelta::seconds(before.local_minus_utc().into());
                    for k in [0, gap / 2, gap - 1] {
                        let l = g0 + TimeDelta::seconds(k.into());
                        if tz.from_local_datetime(&l) == LocalResult::None {
                            let want = Utc.from_utc_datetime(
                                &(l - TimeDelta::seconds(before.local_minus_utc().into())),
                            );
                            assert_eq!(local_to_utc(tz, l), want, "{tz} {l}");
                            gaps += 1;
                        }
                    }
                }
            }
            t = next;
            o = o2;
        }
    }
    assert!(gaps > 1000, "only {gaps} gap times checked");
    eprintln!("{gaps} gap times checked");
}

// ---------------------------------------------------------------- properties

#[test]
fn random_strings_escape_fold_unfold_round_trip() {
    let mut rng = Rng(0x5EED_1CA1);
    for i in 0..3000 {
        let s = rng.string(if i % 10 == 0 { 600 } else { 120 });
        let esc = escape_text(&s);
        assert!(!esc.contains(['\r', '\n']), "{s:?}");
        assert_text_escaped(&esc);
        assert_eq!(unescape(&esc), normalise(&s), "{s:?}");
        let line = format!("DESCRIPTION;LANGUAGE=ar:{esc}");
        let folded = fold_line(&line);
        assert_eq!(unfold(&folded), vec![line], "{s:?}");
    }
}

#[test]
fn random_calendars_are_well_formed() {
    let mut rng = Rng(42);
    for _ in 0..200 {
        let n = 1 + rng.below(4);
        let mut cal = sample_calendar();
        cal.name = rng.string(100);
        cal.description = Some(rng.string(200));
        cal.lang = ["en", "fr", "ar", "es-419", ""][rng.below(5)].into();
        cal.events = (0..n)
            .map(|i| {
                let mut ev = if rng.below(2) == 0 {
                    sample_event()
                } else {
                    deadline_event()
                };
                ev.uid = format!("C{i}-{}@example.org", rng.below(1000));
                ev.summary = rng.string(150);
                ev.description = rng.string(400);
                ev.location = Some(rng.string(60));
                ev.categories = (0..rng.below(3)).map(|_| rng.string(20)).collect();
                ev
            })
            .collect();
        let out = write(&cal);
        let lines = unfold(&out);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), n);
        for l in &lines {
            let (head, value) = l.split_once(':').expect("name:value");
            let name = head.split(';').next().unwrap();
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "{l:?}"
            );
            assert!(
                !value.chars().any(|c| c.is_ascii_control() && c != '\t'),
                "{l:?}"
            );
            if matches!(
                name,
                "SUMMARY" | "DESCRIPTION" | "LOCATION" | "NAME" | "X-WR-CALNAME" | "X-WR-CALDESC"
            ) {
                assert_text_escaped(value);
            }
        }
    }
}

/// The scan by bytes escapes as the scan by characters it replaced, on every kind of text.
#[test]
fn escape_text_agrees_with_a_scan_by_characters() {
    fn by_chars(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push_str("\\n");
                }
                '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
                '\t' => out.push('\t'),
                c if c.is_ascii_control() => {}
                c => out.push(c),
            }
        }
        out
    }
    let pieces = [
        "a",
        "\\",
        ";",
        ",",
        "\r",
        "\n",
        "\r\n",
        "\n\r",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
        "\t",
        "\u{0}",
        "\u{7f}",
        "\u{1b}",
        "é",
        "\u{a0}",
        "\u{80}",
        "\u{2027}",
        "\u{202a}",
        "€",
        "😀",
        "ar عربي",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let s = format!("{a}{b}{c}");
                assert_eq!(escape_text(&s), by_chars(&s), "{s:?}");
            }
        }
    }
}

#[test]
fn dates_and_instants_are_written_as_format_writes_them() {
    use chrono::{NaiveDate, TimeZone, Utc};
    for (y, m, d) in [
        (2026, 1, 5),
        (999, 12, 31),
        (10, 7, 9),
        (0, 1, 1),
        (9999, 12, 31),
    ] {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(super::date_basic(date), format!("{y:04}{m:02}{d:02}"));
        for (h, mi, s) in [(0, 0, 0), (9, 5, 7), (23, 59, 59)] {
            let t = Utc.with_ymd_and_hms(y, m, d, h, mi, s).unwrap();
            assert_eq!(
                super::utc_basic(&t),
                format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}{s:02}Z")
            );
        }
    }
    // Years the loader refuses (`load::values::YEARS`), which iCalendar cannot hold: written as
    // chrono's `%Y` writes them, the same as every other date of the build.
    for y in [-1, 10000, 123_456] {
        let date = NaiveDate::from_ymd_opt(y, 3, 4).unwrap();
        assert_eq!(super::date_basic(date), date.format("%Y%m%d").to_string());
    }
}
