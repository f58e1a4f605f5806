//! The preview while writing: a file with errors is shown at its last good version (or left
//! out) with the errors on top of every page, while the pages of the other files follow their
//! edits; the overlay goes once the errors are fixed and never reaches `build`'s output.

use super::{Server, COURSE, COURSE_URL, OVERLAY};
use crate::support::{assert_success, tree, Site};
use std::process::Command;

const NOTICE: &str = "content/notices/half-filled.md";
const NOTICE_URL: &str = "/en/notices/half-filled/";
const OTHER: &str = "content/courses/stata-labour-market-analysis.md";
const OTHER_URL: &str = "/en/courses/stata-labour-market-analysis/";

fn new_notice(site: &Site) {
    let out = Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .args(["new", "notice", "half-filled", "--root"])
        .arg(&site.root)
        .output()
        .expect("run prospectus new");
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_broken_file_does_not_hold_back_the_others() {
    let site = Site::example();
    let server = Server::start_with(&site, &["--verbose"]);
    let course = site.read(COURSE);
    let other = site.read(OTHER);

    // A half-filled `new notice`: left out, listed on every page.
    new_notice(&site);
    let page = server.poll(COURSE_URL, "the overlay", |r| r.body.contains(OVERLAY));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!("<code>{NOTICE}:2</code>")),
        "{}",
        page.body
    );
    assert!(page.body.contains("`title` has not been filled in yet"));
    assert!(page.body.contains("How to fix it: "), "the hint");
    assert!(
        page.body.contains(&format!("data-path=\"{NOTICE}\"")),
        "copy the path"
    );
    let notice = server.get(NOTICE_URL);
    assert_eq!(notice.status, 500, "no good version of the notice");
    assert!(notice.body.contains(&format!("<code>{NOTICE}:2</code>")));

    // Another course edited meanwhile: its page follows.
    site.write(
        COURSE,
        format!("{course}\nWhile the notice waits: MARKER-A.\n"),
    );
    server.poll(COURSE_URL, "the course's edit", |r| {
        r.status == 200 && r.body.contains("MARKER-A") && r.body.contains(OVERLAY)
    });

    // That course broken too: it stays at its last good version, listed with its line.
    let broken = course.replacen("title = \"", "title = = \"", 1) + "\nMARKER-LOST\n";
    site.write(COURSE, &broken);
    let line = 1 + broken
        .lines()
        .position(|l| l.starts_with("title = = "))
        .unwrap();
    let page = server.poll(COURSE_URL, "the course's error", |r| {
        r.body.contains(&format!("<code>{COURSE}:{line}</code>"))
    });
    assert_eq!(page.status, 200);
    assert!(page.body.contains("MARKER-A") && !page.body.contains("MARKER-LOST"));
    assert!(page.body.contains(NOTICE), "both files listed");

    // A third course's title edited: its page and the catalogue follow.
    site.write(
        OTHER,
        other.replacen("title = \"", "title = \"MARKER-B ", 1),
    );
    server.poll(OTHER_URL, "the other course's edit", |r| {
        r.status == 200 && r.body.contains("MARKER-B") && r.body.contains(OVERLAY)
    });
    server.poll("/en/courses/", "the catalogue", |r| {
        r.body.contains("MARKER-B")
    });
    assert!(server.get(COURSE_URL).body.contains("MARKER-A"));

    // Both fixed: no overlay anywhere, the latest texts.
    site.write(COURSE, format!("{course}\nFixed: MARKER-C.\n"));
    std::fs::remove_file(site.path(NOTICE)).unwrap();
    for url in [COURSE_URL, OTHER_URL, "/en/courses/", "/en/notices/"] {
        server.poll(url, "no overlay", |r| {
            r.status == 200 && !r.body.contains(OVERLAY)
        });
    }
    assert!(server.get(COURSE_URL).body.contains("MARKER-C"));
    assert_eq!(server.get(NOTICE_URL).status, 404);

    let log = server.log();
    for line in [
        format!("{NOTICE} has errors (listed above): it is left out of the preview until they are fixed."),
        "Saved course introduction-labour-standards (en): page updated in ".to_string(),
        "course introduction-labour-standards (en) has errors (listed above): the preview shows its last good version, with the errors on top, until they are fixed.".to_string(),
        "Saved course stata-labour-market-analysis (en): page updated in ".to_string(),
        format!("{NOTICE}:4:8: error: `date` still needs its date"),
        "hint: replace \"YYYY-MM-DD\" with the date".to_string(),
        "changed or open outputs served after".to_string(),
    ] {
        assert!(log.contains(&line), "`{line}` in the log:\n{log}");
    }

    // `build` never has the overlay, nor anything else of the preview's.
    assert_success(&site.build());
    for (path, bytes) in tree(&site.out()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("prospectus-overlay"), "{path}");
        assert!(!text.contains("/__prospectus/"), "{path}");
    }
}
