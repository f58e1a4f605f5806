//! Property tests (proptest) on the three steps that take arbitrary text: the front-matter
//! splitter and field reader, Markdown rendering, and the iCalendar writer. They run in CI in
//! bounded time: the case counts below keep all of them together under about 10 s in a debug
//! build. `PROPTEST_CASES=5000 cargo test --test main props` runs more.
//!
//! The coverage-guided fuzz target (fuzz/, docs/fuzzing.md) feeds the same parser bytes.

use proptest::prelude::*;
use prospectus::diag::Diagnostic;
use prospectus::load::{parse_file, ReadFile};
use prospectus::model::{ContentFile, Kind};
use prospectus::render::ics;

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // Shrinking a failure of a large input can take long; a failure is reported anyway.
        max_shrink_iters: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn file(kind: Kind, text: String) -> ReadFile {
    let (rel, slug) = match kind {
        Kind::Course => ("content/courses/x.md", "x"),
        Kind::Notice => ("content/notices/x.md", "x"),
        Kind::Page => ("content/x.md", "x"),
    };
    ReadFile::new(
        ContentFile {
            rel: rel.to_string(),
            kind,
            lang: "en".into(),
            slug: slug.into(),
            section_index: false,
            bundle: None,
            hash: 0,
        },
        text,
    )
}

/// A diagnostic located in `text` points at a line and column that exist (the column may be one
/// past the end of the line: "here something is missing"), and quotes that line.
fn located_inside(d: &Diagnostic, text: &str) -> Result<(), TestCaseError> {
    if d.line == 0 {
        return Ok(());
    }
    let lines: Vec<&str> = text.split('\n').collect();
    prop_assert!(
        d.line <= lines.len(),
        "line {} of {}: {d:?}",
        d.line,
        lines.len()
    );
    let line = lines[d.line - 1].trim_end_matches('\r');
    prop_assert!(d.col >= 1, "{d:?}");
    prop_assert!(
        d.col <= line.chars().count() + 1,
        "column {} on a line of {} characters: {d:?}",
        d.col,
        line.chars().count()
    );
    prop_assert_eq!(d.line_text.as_deref(), Some(line));
    Ok(())
}

/// Front-matter-like text: lines drawn from pieces of real files and from noise.
fn front_matter_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("+++".to_string()),
        Just("+++\r".to_string()),
        Just("---".to_string()),
        Just("[[sessions]]".to_string()),
        Just("[application]".to_string()),
        Just("[fee]".to_string()),
        Just("start = 2025-09-08".to_string()),
        Just("end = 2025-02-30".to_string()),
        Just("deadline = 2025-08-25T23:59:59+02:00".to_string()),
        Just("title = \"Certification programme\"".to_string()),
        Just("code = \"A9718007\"".to_string()),
        Just("modality = \"online\"".to_string()),
        Just("topics = [\"gender-equality\",".to_string()),
        Just("amount = 1860.505".to_string()),
        Just("tiers = [ { min_days = 14, refund_percent = 100 } ]".to_string()),
        Just("contacts = [{ name = \"x\" }]".to_string()),
        Just("objectives = [\"\"\"".to_string()),
        // Found by cargo-fuzz: an unclosed string on a CRLF line.
        Just("url = \"https://apply.example.org/x\r".to_string()),
        "[a-z_]{1,12} = [-0-9.eE_+:TZ]{1,24}",
        "[a-z_]{1,10} = \"[^\"\\\\\n]{0,30}\"",
        "\\PC{0,40}",
        any::<String>(),
    ];
    (
        proptest::bool::weighted(0.8),
        proptest::collection::vec(line, 0..30),
    )
        .prop_map(|(open, lines)| {
            let mut s = if open {
                "+++\n".to_string()
            } else {
                String::new()
            };
            s.push_str(&lines.join("\n"));
            s
        })
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn front_matter_never_panics_and_points_inside_the_file(
        text in front_matter_like(),
        kind in prop_oneof![Just(Kind::Course), Just(Kind::Notice), Just(Kind::Page)],
    ) {
        let (_, diags) = parse_file(file(kind, text.clone()));
        for d in diags.items() {
            located_inside(d, &text)?;
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in any::<String>()) {
        let (_, diags) = parse_file(file(Kind::Course, text.clone()));
        prop_assert!(diags.has_errors() || text.starts_with("+++"));
        for d in diags.items() {
            located_inside(d, &text)?;
        }
    }
}

/// Markdown-like text: constructs that open links, HTML, code, lists and nesting.
fn markdown_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("<SCRIPT SRC=x>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("<a href=\"javascript:alert(1)\">x</a>".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("[x](JaVaScRiPt:alert(1))".to_string()),
        Just("[x](java&#x73;cript:alert(1))".to_string()),
        Just("[x]( javascript:alert(1) \"t\")".to_string()),
        Just("<javascript:alert(1)>".to_string()),
        Just("[r]: javascript:alert(1)\n".to_string()),
        Just("[x][r]".to_string()),
        Just("![i](data:text/html;base64,PHNjcmlwdD4=)".to_string()),
        Just("# Heading {#\"><script>}".to_string()),
        Just("```\n<script>\n```".to_string()),
        Just("`<script>`".to_string()),
        Just("<!-- <script> -->".to_string()),
        Just("<div>\n\n*x*\n\n</div>".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("    ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("|a|b|\n|-|-|\n".to_string()),
        Just("[^1]\n\n[^1]: note".to_string()),
        "[<>\\[\\]()!#*_`&;:\"' a-z]{0,20}",
        "\\PC{0,20}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// `href`/`src` values of the real tags of some HTML (`<` then a letter; escaped text has no
/// such `<`), double-quoted as pulldown-cmark writes them.
fn urls(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        for attr in [" href=\"", " src=\""] {
            if let Some(j) = tag.find(attr) {
                let after = &tag[j + attr.len()..];
                v.push(after[..after.find('"').unwrap_or(after.len())].to_string());
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn markdown_without_raw_html_never_emits_script(text in markdown_like()) {
        let r = prospectus::markdown::render(&text, false, &prospectus::markdown::NoResolver);
        let lower = r.html.to_ascii_lowercase();
        prop_assert!(!lower.contains("<script"), "{}", r.html);
        prop_assert!(!lower.contains("<img src=x"), "{}", r.html);
        prop_assert!(!lower.contains("<a href=\"javascript"), "{}", r.html);
        for u in urls(&r.html) {
            prop_assert!(!prospectus::markdown::is_dangerous_url(&u), "{u} in {}", r.html);
            prop_assert!(!u.to_ascii_lowercase().contains("javascript:"), "{u} in {}", r.html);
        }
        for (range, _) in &r.problems {
            prop_assert!(range.start <= range.end && range.end <= text.len());
        }
        let inline = prospectus::markdown::render_inline(&text, false);
        prop_assert!(!inline.to_ascii_lowercase().contains("<script"), "{}", inline);
    }

    #[test]
    fn markdown_with_raw_html_never_panics_and_still_refuses_script_links(
        text in markdown_like(),
    ) {
        let r = prospectus::markdown::render(&text, true, &prospectus::markdown::NoResolver);
        for u in urls(&r.html) {
            // Raw HTML is the author's (trusted staff): only Markdown links are checked.
            if !text.contains(&format!("href=\"{u}\"")) {
                prop_assert!(!prospectus::markdown::is_dangerous_url(&u), "{u} in {}", r.html);
            }
        }
    }
}

/// Reverses TEXT escaping (RFC 5545 §3.3.11).
fn ics_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c) => out.push(c),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What a TEXT value should read as after escaping and unescaping: line breaks as `\n`, the
/// control characters TEXT cannot carry dropped.
fn ics_normal(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_ascii_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Checks the physical lines of an iCalendar text and returns its unfolded content lines.
fn physical_lines_ok(text: &str) -> Result<Vec<String>, TestCaseError> {
    prop_assert!(text.ends_with("\r\n"));
    let body = &text[..text.len() - 2];
    for line in body.split("\r\n") {
        prop_assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        prop_assert!(!line.contains('\r') && !line.contains('\n'), "{line:?}");
    }
    Ok(body
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .split("\r\n")
        .map(str::to_string)
        .collect())
}

fn text_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zé€😀,;:\\\\\"\r\n\t ]{0,200}",
        "[\\PC\u{85}\u{2028}\u{2029}\r\n]{0,300}",
    ]
}

proptest! {
    #![proptest_config(config(800))]

    #[test]
    fn folded_lines_are_75_octets_and_unfold_to_the_input(line in "[^\r\n]{0,400}") {
        let folded = ics::fold_line(&line);
        let unfolded = physical_lines_ok(&folded)?;
        prop_assert_eq!(unfolded, vec![line]);
    }

    #[test]
    fn calendar_text_round_trips(
        summary in text_value(),
        description in text_value(),
        location in text_value(),
    ) {
        let day = chrono::NaiveDate::from_ymd_opt(2025, 9, 8).unwrap();
        let ev = ics::Event {
            uid: "A9718007-1-en@training.example.org".into(),
            dtstamp: prospectus::parse_now("2025-08-20T10:00:00Z").unwrap(),
            start: ics::When::Date(day),
            end: ics::When::Date(day.succ_opt().unwrap()),
            summary: summary.clone(),
            description: description.clone(),
            url: Some("https://training.example.org/en/courses/x/".into()),
            location: Some(location.clone()),
            status: ics::EventStatus::Confirmed,
            sequence: 0,
            last_modified: None,
            organizer: None,
            alarm: None,
            categories: vec![summary.clone()],
            transp_transparent: false,
            lang: None,
            recur: None,
        };
        let cal = ics::Calendar {
            prodid: "-//Test//Prospectus//EN".into(),
            name: summary.clone(),
            description: None,
            lang: "en".into(),
            url: None,
            refresh_interval_hours: None,
            source: None,
            events: vec![ev],
        };
        let text = ics::write_calendar(&cal).expect("one event");
        let lines = physical_lines_ok(&text)?;
        let value = |name: &str| -> Option<String> {
            lines.iter().find_map(|l| {
                let (head, v) = l.split_once(':')?;
                (head == name || head.starts_with(&format!("{name};"))).then(|| v.to_string())
            })
        };
        prop_assert_eq!(value("SUMMARY").map(|v| ics_unescape(&v)), Some(ics_normal(&summary)));
        if !description.is_empty() {
            prop_assert_eq!(
                value("DESCRIPTION").map(|v| ics_unescape(&v)),
                Some(ics_normal(&description))
            );
        }
        if !location.is_empty() {
            prop_assert_eq!(
                value("LOCATION").map(|v| ics_unescape(&v)),
                Some(ics_normal(&location))
            );
        }
        prop_assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        prop_assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    }
}
