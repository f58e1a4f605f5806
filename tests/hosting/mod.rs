//! docs/hosting.md's Content-Security-Policy against the program's (`prospectus csp`, the
//! policy's one source): every copy the page gives hosts (the policy itself, Netlify and
//! Cloudflare's `_headers`, nginx, Apache) is the policy the example site's pages need, whose
//! script hashes are those of the inline scripts the theme writes.

use crate::support::*;
use std::process::Command;

/// The header's value in each line of docs/hosting.md that sets it (`Content-Security-Policy:
/// …`, `… Content-Security-Policy "…"`), with its line number.
fn policies_in_the_doc() -> Vec<(usize, String)> {
    let doc = std::fs::read_to_string(repo().join("docs/hosting.md")).expect("docs/hosting.md");
    let mut found = Vec::new();
    for (i, line) in doc.lines().enumerate() {
        let Some(at) = line.find("Content-Security-Policy") else {
            continue;
        };
        let rest = &line[at + "Content-Security-Policy".len()..];
        let value = if let Some(v) = rest.strip_prefix(": ") {
            v
        } else if let Some(v) = rest.strip_prefix(" \"") {
            v.split('"').next().unwrap_or("")
        } else {
            continue; // named in the prose
        };
        found.push((i + 1, value.to_string()));
    }
    found
}

fn policy_of(site: &Site) -> String {
    prospectus::csp::for_site(&prospectus::Options::new(&site.root, parse_now(NOW)))
        .unwrap_or_else(|d| panic!("the site renders: {d:#?}"))
}

fn parse_now(s: &str) -> chrono::DateTime<chrono::Utc> {
    prospectus::parse_now(s).expect("a time")
}

#[test]
fn every_policy_of_the_hosting_page_is_the_one_the_pages_need() {
    let site = Site::example();
    let policy = policy_of(&site);
    let copies = policies_in_the_doc();
    assert_eq!(
        copies.len(),
        4,
        "the policy, _headers, nginx, Apache: {copies:#?}"
    );
    for (line, copy) in &copies {
        assert_eq!(
            copy, &policy,
            "docs/hosting.md:{line}: the policy differs from what `prospectus csp` prints for the example site; write its output there (and in every copy)"
        );
    }
    // Two inline scripts: base.html's line for the stylesheet and the language choice of `/`.
    assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
    // `prospectus csp` prints the header as the first copy writes it.
    let o = Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .args(["csp", "--root"])
        .arg(&site.root)
        .output()
        .expect("run prospectus csp");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("Content-Security-Policy: {policy}\n")
    );
}

#[test]
fn a_changed_inline_script_of_the_theme_changes_the_policy() {
    // As a site (or a change of the theme) that rewrites base.html's inline script: the policy
    // the pages need is no longer the documented one, so the test above would fail.
    let site = Site::example();
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html"))
        .expect("the theme's base.html");
    let old = "<script>document.documentElement.classList.add(\"js\")</script>";
    assert!(base.contains(old), "base.html's inline script");
    let new = "<script>document.documentElement.classList.add(\"js\", \"csp\")</script>";
    site.write("templates/base.html", base.replace(old, new));
    let policy = policy_of(&site);
    let documented = &policies_in_the_doc()[0].1;
    assert_ne!(&policy, documented, "a new script needs a new hash");
    assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
}
