//! The README followed literally, as a newcomer would on a fresh clone: the commands of its
//! blocks marked `newcomer` (```` ```sh newcomer ````, GitHub shows only `sh`) are run in order in
//! a copy of the repository, so the README cannot drift from the program. `prospectus` is the
//! binary under test, standing for the one `cargo install --path .` makes; `cargo` lines are not
//! run (they would build the project again, or run this very test) but checked to make sense in
//! the folder they are typed in. Also: the README's table of commands names every command and
//! option the command line has, and no other.

#[allow(dead_code)]
#[path = "../../src/cli.rs"]
mod cli;

use crate::support::shell::Shell;
use crate::support::*;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).expect("README.md")
}

/// The README's fenced blocks marked `newcomer`, with the line each starts on.
fn newcomer_blocks(text: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().skip(1).any(|w| w == "newcomer") =>
            {
                let line = text[..range.start].matches('\n').count() + 1;
                current = Some((line, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, b)) = &mut current {
                    b.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// A fresh clone's files: the repository without what Git ignores (`.gitignore`) and `.git`.
fn clone_into(to: &Path) {
    let ignore = std::fs::read_to_string(repo().join(".gitignore")).unwrap_or_default();
    let patterns: Vec<&str> = ignore
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let ignored = |rel: &str, is_dir: bool| {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        name == ".git"
            || patterns.iter().any(|p| {
                let (p, dir_only) = match p.strip_suffix('/') {
                    Some(p) => (p, true),
                    None => (*p, false),
                };
                if dir_only && !is_dir {
                    return false;
                }
                let (subject, p) = match p.strip_prefix('/') {
                    Some(p) => (rel, p),
                    None if p.contains('/') => (rel, p),
                    None => (name, p),
                };
                match p.strip_suffix('*') {
                    Some(prefix) => {
                        subject.starts_with(prefix) && !subject[prefix.len()..].contains('/')
                    }
                    None => subject == p,
                }
            })
    };
    let mut walk = walkdir::WalkDir::new(repo()).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.expect("walk the repository");
        let rel = entry.path().strip_prefix(repo()).unwrap();
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let is_dir = entry.file_type().is_dir();
        if ignored(&rel_s, is_dir) {
            if is_dir {
                walk.skip_current_dir();
            }
            continue;
        }
        let dst = to.join(rel);
        if is_dir {
            std::fs::create_dir_all(&dst).expect("mkdir");
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dst).expect("copy");
        }
    }
}

/// What a `cargo` line of the README asks, checked in the folder it is typed in.
fn cargo_line(line: &str, cwd: &Path) {
    let words: Vec<&str> = line
        .split('#')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let manifest: toml::Table = std::fs::read_to_string(cwd.join("Cargo.toml"))
        .unwrap_or_else(|e| panic!("`{line}`: no Cargo.toml in {}: {e}", cwd.display()))
        .parse()
        .expect("Cargo.toml");
    let bins: Vec<&str> = manifest
        .get("bin")
        .and_then(|b| b.as_array())
        .into_iter()
        .flatten()
        .filter_map(|b| b.get("name").and_then(|n| n.as_str()))
        .collect();
    match words[..] {
        // The `prospectus` on the PATH of the next lines is this package's binary.
        ["cargo", "install", "--path", "."] | ["cargo", "build", "--release"] => assert!(
            bins.contains(&"prospectus"),
            "`{line}` makes no `prospectus` command: bins {bins:?}"
        ),
        // This test is one of them.
        ["cargo", "test"] => {}
        _ => panic!("the newcomer test does not know how to follow `{line}`"),
    }
}

/// A `prospectus serve` line: the preview answers. When `prospectus check` finds errors in the
/// folder, the page carries the overlay listing them (the file of each one); otherwise it is the
/// site.
fn serve_line(sh: &mut Shell, line: &str) {
    let check = sh.run("prospectus check");
    let got = sh.serve(line, &["/"]);
    let page = &got[0];
    if check.code == 0 {
        assert_eq!(page.status, 200, "`{line}`: the home page\n{}", page.body);
        assert!(page.body.contains("</html>"), "`{line}`: {}", page.body);
        return;
    }
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        page.body.contains("id=\"prospectus-overlay\""),
        "`{line}` shows the errors:\n{}",
        page.body
    );
    let files: BTreeSet<&str> = check
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .filter_map(|l| l.split(':').next())
        .collect();
    assert!(!files.is_empty(), "{}", check.stderr);
    for f in files {
        assert!(
            page.body.contains(f),
            "`{line}`: the preview does not name {f}:\n{}",
            page.body
        );
    }
}

#[test]
fn a_newcomer_follows_the_readme_on_a_fresh_clone() {
    let text = readme();
    let blocks = newcomer_blocks(&text);
    assert!(blocks.len() >= 2, "the README has its newcomer blocks");
    let tmp = tempfile::Builder::new()
        .prefix("prospectus-newcomer-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temp dir");
    let clone = tmp.path().join("prospectus");
    clone_into(&clone);
    assert!(!clone.join("public").exists() && !clone.join("target").exists());
    let mut sh = Shell::new(&clone);
    let mut ran = Vec::new();
    for (at, block) in &blocks {
        for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let command = line.split('#').next().unwrap_or("").trim();
            if command.starts_with("cargo ") {
                cargo_line(command, &sh.cwd);
            } else if command.starts_with("prospectus serve") {
                serve_line(&mut sh, command);
            } else {
                let r = sh.run(line);
                assert_eq!(
                    r.code,
                    0,
                    "README.md:{at}: `{line}` exits {} in {}:\n{}{}",
                    r.code,
                    sh.cwd.display(),
                    r.stdout,
                    r.stderr
                );
            }
            ran.push(command.to_string());
        }
    }
    // What the README says these commands leave behind.
    assert!(clone.join("public/index.html").is_file(), "{ran:?}");
    assert!(clone.join("public/en/courses/index.html").is_file());
    let own = tmp.path().join("my-site");
    assert!(
        own.join("content/courses/my-first-course.md").is_file(),
        "{ran:?}"
    );
}

/// The long options of a subcommand of the real command line, `--help` left out.
fn options_of(sub: &clap::Command) -> BTreeSet<String> {
    sub.get_arguments()
        .filter_map(|a| a.get_long())
        .filter(|l| *l != "help")
        .map(|l| format!("--{l}"))
        .collect()
}

#[test]
fn the_readme_s_table_of_commands_is_the_command_line_s() {
    use clap::CommandFactory;
    let text = readme();
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "## Commands")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("| `prospectus "))
        .collect();
    let cli = cli::Cli::command();
    let subs: Vec<&clap::Command> = cli.get_subcommands().collect();
    assert_eq!(table.len(), subs.len(), "one row per command:\n{table:#?}");
    for sub in subs {
        let row = table
            .iter()
            .find(|r| r.starts_with(&format!("| `prospectus {}", sub.get_name())))
            .unwrap_or_else(|| panic!("the README's table has no `prospectus {}`", sub.get_name()));
        let said: BTreeSet<String> = row
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| w.starts_with("--") && w.len() > 2)
            .map(str::to_string)
            .collect();
        assert_eq!(
            said,
            options_of(sub),
            "the options of `prospectus {}` in the README",
            sub.get_name()
        );
    }
}
