//! Writing content as staff do: `prospectus new` skeletons filled in and checked, and `check`
//! reporting broken links and anchors, missing translations and missing UI strings in every
//! output format with the right file and line.

use crate::support::*;
use std::process::{Command, Output};

fn run(args: &[&str], root: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run prospectus")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn new_course_then_filled_in_passes_check() {
    let s = Site::fixture("base");
    let o = run(&["new", "course", "social-dialogue"], &s.root);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let rel = "content/courses/social-dialogue.md";
    // As written, the skeleton is refused: every field to fill is reported.
    let o = run(&["check", "--now", "2025-08-20T10:00:00Z"], &s.root);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.contains(&format!(
            "{rel}:2:8: error: `code` has not been filled in yet [unfilled]"
        )),
        "{out}"
    );
    assert!(out.contains("still needs its date [unfilled]"), "{out}");
    // A second `new` never overwrites.
    let o = run(&["new", "course", "social-dialogue"], &s.root);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    // Filled in as the comments say.
    let mut t = s.read(rel);
    for (from, to) in [
        ("code = \"???\"", "code = \"B1234567\""),
        ("title = \"???\"", "title = \"Social dialogue basics\""),
        (
            "summary = \"???\"",
            "summary = \"A short course on social dialogue.\"",
        ),
        ("topics = [\"???\"]", "topics = [\"labour-standards\"]"),
        ("workload = \"???\"", "workload = \"4 weeks\""),
        ("  \"???\",", "  \"Explain social dialogue.\","),
        ("contacts = [\"???\"]", "contacts = [\"ilsgen\"]"),
        (
            "cancellation = \"???\"",
            "cancellation = \"regular-courses\"",
        ),
        ("name = \"???\"", "name = \"Online phase\""),
        ("start = \"YYYY-MM-DD\"", "start = 2025-10-06"),
        ("end = \"YYYY-MM-DD\"", "end = 2025-10-31"),
        ("location = \"???\"", "location = \"eCampus\""),
        (
            "url = \"https://???\"",
            "url = \"https://apply.example.org/B1234567\"",
        ),
        ("deadline = \"YYYY-MM-DD\"", "deadline = 2025-09-20"),
        ("includes = [\"???\"]", "includes = [\"Tuition\"]"),
    ] {
        assert!(t.contains(from), "the skeleton has `{from}`:\n{t}");
        t = t.replacen(from, to, 1);
    }
    let body_start = t.rfind("+++\n").expect("closing +++") + 4;
    t.replace_range(body_start.., "A course about social dialogue.\n");
    s.write(rel, t);
    let o = run(&["check", "--now", "2025-08-20T10:00:00Z"], &s.root);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = run(&["new", "notice", "launch", "--lang", "fr"], &s.root);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(s.path("content/notices/launch.fr.md").is_file());
}

/// A site whose about page links to a page and an anchor that do not exist, whose French
/// about page is missing, and whose English UI strings have a key French lacks.
fn site_with_link_problems() -> Site {
    let s = Site::fixture("base");
    s.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\nAbout the centre.\n\nSee [the team](/en/team/) and [our fees](/en/about/#fees).\n",
    );
    s.write("i18n/en.toml", "extra_note = \"Extra note\"\n");
    s
}

#[test]
fn check_reports_links_anchors_and_translations_in_every_format() {
    let s = site_with_link_problems();
    let now = "2025-08-20T10:00:00Z";
    let human = text(&run(&["check", "--now", now], &s.root));
    assert!(human.contains("content/about.md:6:5: error: the link to \"/en/team/\" leads to no page of the site [broken-link]"), "{human}");
    assert!(human.contains("content/about.md:6:31: error: the link to \"/en/about/#fees\" names an anchor #fees that the page does not have [broken-anchor]"), "{human}");
    assert!(
        human.contains("warning: page \"about\" has no page in fr [missing-translation]"),
        "{human}"
    );
    assert!(
        human.contains("UI string is missing in language `fr`: extra_note"),
        "{human}"
    );

    let o = run(&["check", "--now", now, "--format", "github"], &s.root);
    assert_eq!(o.status.code(), Some(1));
    let gh = String::from_utf8_lossy(&o.stdout);
    assert!(
        gh.contains("::error file=content/about.md,line=6,col=5,title=broken-link::"),
        "{gh}"
    );
    assert!(
        gh.contains("::error file=content/about.md,line=6,col=31,title=broken-anchor::"),
        "{gh}"
    );
    assert!(
        gh.contains("::warning file=content/about.md,title=missing-translation::"),
        "{gh}"
    );
    assert!(
        gh.contains("::warning file=i18n/fr.toml,title=missing-ui-string::"),
        "{gh}"
    );

    let o = run(&["check", "--now", now, "--format", "json"], &s.root);
    assert_eq!(o.status.code(), Some(1));
    let items: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let find = |code: &str| {
        items
            .iter()
            .find(|v| v["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {items:?}"))
    };
    assert_eq!(
        (
            find("broken-link")["line"].as_u64(),
            find("broken-link")["column"].as_u64()
        ),
        (Some(6), Some(5))
    );
    assert_eq!(find("broken-anchor")["file"], "content/about.md");
    assert_eq!(find("broken-anchor")["severity"], "error");
    assert_eq!(find("missing-translation")["severity"], "warning");
    assert_eq!(find("missing-ui-string")["severity"], "warning");
}

#[test]
fn new_in_arabic_writes_its_examples_in_arabic_addresses() {
    let s = Site::example();
    for (kind, rel, alias) in [
        (
            "course",
            "content/courses/taqdim.ar.md",
            "\"/ar/courses/old-name/\"",
        ),
        (
            "notice",
            "content/notices/taqdim.ar.md",
            "\"/ar/notices/old-name/\"",
        ),
    ] {
        let o = run(&["new", kind, "taqdim", "--lang", "ar"], &s.root);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let t = s.read(rel);
        assert!(
            t.contains(alias),
            "{kind}: the example alias is in /ar/:\n{t}"
        );
        assert!(!t.contains("/en/"), "{kind}: nothing points at /en/:\n{t}");
    }
    assert!(s
        .read("content/courses/taqdim.ar.md")
        .contains("languages = [\"ar\"]"));
}
