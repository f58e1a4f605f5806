//! Links between the project's documents (README, docs/) lead somewhere.

use super::doc;
use crate::support::repo;

/// Every link between the project's documents leads to a file that exists and, with `#…`, to a
/// heading of it (the guide's table of contents once pointed at a heading that had changed).
#[test]
fn the_docs_links_lead_somewhere() {
    let mut docs = vec![repo().join("README.md")];
    for e in std::fs::read_dir(repo().join("docs"))
        .expect("docs/")
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "md") {
            docs.push(e.path());
        }
    }
    let mut failures = Vec::new();
    for path in &docs {
        let text = std::fs::read_to_string(path).expect("read doc");
        let name = path
            .strip_prefix(repo())
            .unwrap_or(path)
            .display()
            .to_string();
        for (line, target) in doc::anchors_and_links(&text).1 {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if file.is_empty() {
                path.clone()
            } else {
                path.parent().unwrap().join(file)
            };
            if !file.exists() {
                failures.push(format!("{name}:{line}: {target}: no such file"));
                continue;
            }
            if anchor.is_empty() || file.is_dir() {
                continue;
            }
            let linked = std::fs::read_to_string(&file).unwrap_or_default();
            if !doc::anchors_and_links(&linked)
                .0
                .iter()
                .any(|a| a == anchor)
            {
                failures.push(format!("{name}:{line}: {target}: no such heading"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn anchors_are_github_s() {
    assert_eq!(
        doc::slug("site.toml: the site settings"),
        "sitetoml-the-site-settings"
    );
    assert_eq!(
        doc::slug("Writing the settings block (TOML in five minutes)"),
        "writing-the-settings-block-toml-in-five-minutes"
    );
    assert_eq!(doc::slug("Sessions: `[[sessions]]`"), "sessions-sessions");
}
