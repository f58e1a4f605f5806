//! The authors' guide checked against the program: every example in `docs/start.md` and
//! `docs/authors.md` is built, and what the guide says the program prints or visitors see is
//! compared with what it prints and what the pages say.
//!
//! **Adding an example to the guide.** Write it as a fenced block and say after the language
//! word how it is checked (GitHub shows only the language, so staff see no marker). Input:
//! `file=PATH` (the block is the whole file PATH of the site), `in=PATH` (its settings replace
//! those of the same name in PATH's settings block, or in PATH itself when it is a `.toml` file),
//! `body=PATH` (the text below PATH's settings block). Output: `page=URL` (each line is text a
//! visitor reads on that page), `errors` (exactly what `prospectus check` prints for the errors,
//! warnings and the count line left out), `output` (lines `prospectus check` prints, in a row).
//! On its own: `commands` (shell lines run in order in a copy of the example site, each must
//! succeed; a `prospectus serve` line is started, asked for the home page and stopped; with
//! `git` lines the site is first a clone with the files of its `git add` lines left as the
//! author's changes), `tree` (a
//! folder tree whose every entry exists in the example site). Blocks with the same
//! `example=NAME` make one site: its inputs in order, then its outputs are compared; a block
//! without `example=` is an example of its own. `site=` is the site an example starts from:
//! `example` (the repository's), `base` (`tests/fixtures/base`, the default), `invalid/RULE` or
//! `accepted/NAME` (that fixture laid over base); `now=` is the time of an output (default
//! 2025-08-20T10:00:00Z, the time the guide's examples are true at). An example without an
//! `errors` block must pass `check` without errors. A table is checked when the line above it is
//! `<!-- checked: WORDS -->` (an HTML comment, not shown): `page=URL` (the cells of each row are
//! read on that page in order, the rows in order), `files` (every `code` span with a `/` is a
//! path of the example site), `settings in=PATH` (each `key = value` span in the column
//! "example" is merged alone into PATH and must pass `check`), `required in=PATH` (taking out a
//! setting of the first column, under `group=NAME` if given, gives an error exactly when the
//! column "required" starts with "yes"), `codes` (the first column lists exactly the problem
//! codes the program's source reports). A fenced block with no such word, or a word not listed
//! here, fails the test.

mod doc;
mod links;
mod settings;
mod tables;

use crate::support::shell::{git, Shell};
use crate::support::*;
use doc::{At, Block, Item};
use rayon::prelude::*;
use settings::{merge, split_front_matter};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// The guide's pages, in reading order.
const DOCS: [&str; 2] = ["docs/start.md", "docs/authors.md"];

const INPUTS: [&str; 3] = ["file", "in", "body"];
const OUTPUTS: [&str; 3] = ["page", "errors", "output"];
const ALONE: [&str; 2] = ["commands", "tree"];
const SHARED: [&str; 3] = ["example", "site", "now"];

fn items() -> Vec<Item> {
    DOCS.iter()
        .flat_map(|doc| {
            let text = std::fs::read_to_string(repo().join(doc))
                .unwrap_or_else(|e| panic!("read {doc}: {e}"));
            doc::read(doc, &text)
        })
        .collect()
}

fn blocks() -> Vec<Block> {
    items()
        .into_iter()
        .filter_map(|i| match i {
            Item::Block(b) => Some(b),
            Item::Table(_) => None,
        })
        .collect()
}

/// The one word saying what a block is checked for.
fn kind(b: &Block) -> &str {
    let kinds: Vec<&str> = b
        .words
        .keys()
        .filter(|k| INPUTS.contains(k) || OUTPUTS.contains(k) || ALONE.contains(k))
        .collect();
    match kinds[..] {
        [k] => k,
        [] => panic!(
            "{}: this example is not checked: add after ```{} one of {:?} (see tests/guide/mod.rs)",
            b.at,
            b.lang,
            [&INPUTS[..], &OUTPUTS[..], &ALONE[..]].concat()
        ),
        _ => panic!("{}: one of {kinds:?}, not several", b.at),
    }
}

#[test]
fn every_block_of_the_guide_says_how_it_is_checked() {
    let blocks = blocks();
    assert!(blocks.len() > 30, "the guide has its examples");
    for b in &blocks {
        let k = kind(b);
        for w in b.words.keys() {
            assert!(
                w == k || SHARED.contains(&w),
                "{}: unknown word `{w}` (see tests/guide/mod.rs)",
                b.at
            );
        }
        if b.words.has("now") {
            assert!(OUTPUTS.contains(&k), "{}: `now=` is for outputs", b.at);
        }
        let needs_value = INPUTS.contains(&k) || k == "page";
        assert_eq!(
            b.words.get(k).is_some(),
            needs_value,
            "{}: write `{k}{}`",
            b.at,
            if needs_value {
                "=…"
            } else {
                "` alone, without `="
            }
        );
    }
}

/// The blocks of one site, in the guide's order.
struct Example {
    name: String,
    site: String,
    blocks: Vec<Block>,
}

fn examples() -> Vec<Example> {
    let mut by_name: BTreeMap<String, Example> = BTreeMap::new();
    let mut order = Vec::new();
    for b in blocks() {
        if ALONE.contains(&kind(&b)) {
            continue;
        }
        let name = b
            .words
            .get("example")
            .map_or_else(|| b.at.to_string(), str::to_string);
        let site = b.words.get("site").unwrap_or("base").to_string();
        let ex = by_name.entry(name.clone()).or_insert_with(|| {
            order.push(name.clone());
            Example {
                name: name.clone(),
                site: site.clone(),
                blocks: Vec::new(),
            }
        });
        if b.words.get("site").is_some() || ex.blocks.is_empty() {
            assert_eq!(
                ex.site, site,
                "{}: example `{name}` starts from site={}",
                b.at, ex.site
            );
        }
        ex.blocks.push(b);
    }
    order
        .into_iter()
        .map(|n| by_name.remove(&n).unwrap())
        .collect()
}

fn site_for(name: &str, at: &At) -> Site {
    match name {
        "example" => Site::example(),
        "base" => Site::fixture("base"),
        n if n.starts_with("invalid/") => Site::invalid(&n["invalid/".len()..]),
        n if n.starts_with("accepted/") => Site::accepted(&n["accepted/".len()..]),
        n => panic!("{at}: unknown site={n}: example, base, invalid/RULE or accepted/NAME"),
    }
}

#[test]
fn every_example_of_the_guide_builds_and_shows_what_the_guide_says() {
    let examples = examples();
    assert!(examples.len() > 20, "the guide has its examples");
    let failures: Vec<String> = examples.par_iter().flat_map(run_example).collect();
    assert!(
        failures.is_empty(),
        "{} example(s) of the guide do not match the program:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Lays the inputs of an example into its site, then compares each output; returns what does
/// not match.
fn run_example(ex: &Example) -> Vec<String> {
    let at = &ex.blocks[0].at;
    let site = site_for(&ex.site, at);
    let mut failures = Vec::new();
    for b in ex.blocks.iter().filter(|b| INPUTS.contains(&kind(b))) {
        apply(&site, b);
    }
    let outputs: Vec<&Block> = ex
        .blocks
        .iter()
        .filter(|b| OUTPUTS.contains(&kind(b)))
        .collect();
    let expects_errors = outputs.iter().any(|b| kind(b) == "errors");
    let mut nows: BTreeSet<&str> = outputs.iter().filter_map(|b| b.words.get("now")).collect();
    if nows.is_empty() || outputs.iter().any(|b| b.words.get("now").is_none()) {
        nows.insert(NOW);
    }
    for now in nows {
        let at_now: Vec<&&Block> = outputs
            .iter()
            .filter(|b| b.words.get("now").unwrap_or(NOW) == now)
            .collect();
        let (code, printed) = prospectus(&site, &["check", "--now", now]);
        let want = if expects_errors { 1 } else { 0 };
        if code != want {
            failures.push(format!(
                "{at}: example `{}` (site={}): `prospectus check --now {now}` exits {code}, not {want}:\n{printed}",
                ex.name, ex.site
            ));
            continue;
        }
        for b in &at_now {
            match kind(b) {
                "errors" => failures.extend(same_errors(b, &printed)),
                "output" => failures.extend(printed_in_a_row(b, &printed)),
                _ => {}
            }
        }
        let pages: Vec<&&&Block> = at_now.iter().filter(|b| kind(b) == "page").collect();
        if pages.is_empty() {
            continue;
        }
        let out = site
            .dir
            .path()
            .join(format!("out-{}", now.replace(':', "")));
        let out_arg = out.to_string_lossy().into_owned();
        let (code, printed) = prospectus(&site, &["build", "--now", now, "--out", &out_arg]);
        if code != 0 {
            failures.push(format!("{at}: the build at {now} fails:\n{printed}"));
            continue;
        }
        for b in pages {
            let url = b.words.get("page").unwrap();
            failures.extend(visible_on(&out, url, &b.at, b.text.lines()));
        }
    }
    failures
}

/// Runs the binary on the site, as a user would (no colour); returns the exit code and what it
/// printed on its standard error.
fn prospectus(site: &Site, args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .args(args)
        .arg("--root")
        .arg(&site.root)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run prospectus");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn apply(site: &Site, b: &Block) {
    match kind(b) {
        "file" => site.write(b.words.get("file").unwrap(), &b.text),
        "in" => {
            let path = b.words.get("in").unwrap();
            let host = site.read(path);
            site.write(path, merge(&host, &b.text, path.ends_with(".md"), &b.at));
        }
        "body" => {
            let path = b.words.get("body").unwrap();
            let file = site.read(path);
            let (front, _) = split_front_matter(&file, &b.at);
            site.write(path, format!("+++\n{front}+++\n{}", b.text));
        }
        k => unreachable!("{k}"),
    }
}

/// Whether a printed line starts a diagnostic (`path:line:col: error: message [code]`).
fn is_headline(line: &str) -> bool {
    let quoted = line
        .split_once(" | ")
        .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
    !line.starts_with(' ')
        && !quoted
        && line.ends_with(']')
        && [": error: ", ": warning: "]
            .iter()
            .any(|s| line.contains(s) || line.starts_with(&s[2..]))
}

/// The errors of a report as printed: each error's lines, without warnings and the count line.
fn printed_errors(printed: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut in_error = false;
    for line in printed.lines() {
        if is_headline(line) {
            in_error = line.contains(": error: ") || line.starts_with("error: ");
        } else if !line.starts_with(' ') && !line.contains(" | ") && !line.starts_with('|') {
            in_error = false; // the count line, "check passed", …
        }
        if in_error {
            out.push(line);
        }
    }
    out.join("\n")
}

fn same_errors(b: &Block, printed: &str) -> Option<String> {
    let got = printed_errors(printed);
    let want = b.text.trim_end();
    (got != want).then(|| {
        format!(
            "{}: the guide quotes these errors:\n{want}\n--- but `prospectus check` prints:\n{got}",
            b.at
        )
    })
}

fn printed_in_a_row(b: &Block, printed: &str) -> Option<String> {
    let want: Vec<&str> = b.text.trim_end().lines().collect();
    let got: Vec<&str> = printed.lines().collect();
    let found = got.windows(want.len()).any(|w| w == want.as_slice());
    (!found).then(|| {
        format!(
            "{}: the guide says `prospectus check` prints:\n{}\n--- but it prints:\n{printed}",
            b.at,
            want.join("\n")
        )
    })
}

/// Text with its spaces made comparable: runs of spaces (no-break ones too) as one space, and
/// none before `,` `.` `;` `:` `)` (the page's text puts a space where an inline tag ends).
fn squeeze(s: &str) -> String {
    let s = plain_spaces(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && chars.peek().is_some_and(|n| ",.;:)".contains(*n)) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The text a visitor reads on the page at `url` of a built site.
fn page_text(out: &Path, url: &str, at: &At) -> Result<String, String> {
    let rel = url.trim_start_matches('/');
    let file = if rel.is_empty() || rel.ends_with('/') {
        out.join(rel).join("index.html")
    } else {
        out.join(rel)
    };
    std::fs::read_to_string(&file)
        .map(|html| squeeze(&text(&html)))
        .map_err(|e| format!("{at}: no page {url} ({}: {e})", file.display()))
}

fn visible_on<'a>(
    out: &Path,
    url: &str,
    at: &At,
    lines: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let page = match page_text(out, url, at) {
        Ok(p) => p,
        Err(e) => return vec![e],
    };
    lines
        .map(squeeze)
        .filter(|l| !l.is_empty() && !page.contains(l.as_str()))
        .map(|l| format!("{at}: the guide says {url} shows «{l}», but the page reads:\n{page}"))
        .collect()
}

#[test]
fn the_guide_s_commands_run() {
    let blocks: Vec<Block> = blocks()
        .into_iter()
        .filter(|b| kind(b) == "commands")
        .collect();
    assert!(!blocks.is_empty());
    for b in blocks {
        let site = Site::example();
        if b.text.lines().any(|l| l.starts_with("git ")) {
            published_repository(&site, &b.text);
        }
        let mut sh = Shell::new(&site.root);
        for line in b.text.lines().filter(|l| !l.trim().is_empty()) {
            if line.trim_start().starts_with("prospectus serve") {
                let got = sh.serve(line, &["/"]);
                assert_eq!(got[0].status, 200, "{}: `{line}`: the home page", b.at);
                assert!(got[0].body.contains("</html>"), "{}: `{line}`", b.at);
                continue;
            }
            let r = sh.run(line);
            assert_eq!(
                r.code, 0,
                "{}: `{line}` exits {}:\n{}{}",
                b.at, r.code, r.stdout, r.stderr
            );
        }
    }
}

#[test]
fn the_guide_s_folder_trees_are_the_example_site_s() {
    let trees: Vec<Block> = blocks().into_iter().filter(|b| kind(b) == "tree").collect();
    assert!(!trees.is_empty());
    for b in trees {
        let mut parents: Vec<(usize, String)> = Vec::new();
        for line in b.text.lines().filter(|l| !l.trim().is_empty()) {
            let indent = line.len() - line.trim_start().len();
            let entry = line.trim_start().split("  ").next().unwrap_or("").trim();
            parents.retain(|(i, _)| *i < indent);
            let dir: String = parents.iter().map(|(_, p)| p.as_str()).collect();
            let path = format!("{dir}{entry}");
            assert!(
                repo().join(&path).exists(),
                "{}: the tree names {path}, which the example site does not have",
                b.at
            );
            if entry.ends_with('/') {
                parents.push((indent, entry.to_string()));
            }
        }
    }
}

/// Makes the site a clone of a repository (a bare one beside it stands for GitHub or GitLab),
/// with every file committed except those the block's `git add` lines name: those are the
/// author's changes, which the block commits and pushes.
fn published_repository(site: &Site, block: &str) {
    let origin = site.dir.path().join("origin.git");
    let origin = origin.to_string_lossy();
    git(site.dir.path(), &["init", "-q", "--bare", &origin]);
    git(&site.root, &["init", "-q", "-b", "main"]);
    git(&site.root, &["add", "-A"]);
    for line in block.lines() {
        if let Some(paths) = line.strip_prefix("git add ") {
            for p in paths.split('#').next().unwrap_or("").split_whitespace() {
                git(&site.root, &["rm", "-q", "--cached", p]);
            }
        }
    }
    git(&site.root, &["commit", "-q", "-m", "The site as published"]);
    git(&site.root, &["remote", "add", "origin", &origin]);
    git(&site.root, &["push", "-q", "-u", "origin", "main"]);
}

#[test]
fn merging_a_group_replaces_the_whole_group() {
    let at = At {
        doc: "test".into(),
        line: 1,
    };
    let host = "+++\ntitle = \"A\"\n[application]\nurl = \"https://x.org\"\n+++\nBody.\n";
    let merged = merge(host, "[application]\nby = \"nomination\"\n", true, &at);
    assert_eq!(
        merged,
        "+++\ntitle = \"A\"\n\n[application]\nby = \"nomination\"\n+++\nBody.\n"
    );
}

#[test]
fn printed_errors_leave_out_warnings_and_the_count() {
    let printed = "a.md:1:1: error: bad [x]\n  |\n1 | +++\n  | ^^^\n  hint: h\n\
                   b.md: warning: w [y]\n  hint: h2\n\
                   c.md:12:3: error: worse [z]\n   |\n12 | a: error: b]\n   |   ^\n\
                   2 errors, 1 warning\n";
    assert_eq!(
        printed_errors(printed),
        "a.md:1:1: error: bad [x]\n  |\n1 | +++\n  | ^^^\n  hint: h\n\
         c.md:12:3: error: worse [z]\n   |\n12 | a: error: b]\n   |   ^"
    );
}
