//! The rooms of the code keep their walls (docs/architecture.md): the model does not import the
//! loader, rendering touches neither the file system nor the clock, every module says its job
//! in a `//!` line, and no source file grows past 500 lines. Read from `src/` itself.

use std::path::{Path, PathBuf};

/// The `.rs` files below `src/<dir>`, sorted.
fn sources(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|e| e.expect("a readable source folder").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    assert!(
        files.len() > 2,
        "{}: too few sources found, the walk is wrong",
        root.display()
    );
    files
}

/// Unit tests (`tests.rs`) are test code, not the room's own: they may read fixtures.
fn is_tests(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n == "tests.rs")
}

/// Each code line of the files (comments left out) that contains one of `needles`, as
/// `path:line: text`.
fn uses(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for p in files {
        let text = std::fs::read_to_string(p).expect("UTF-8 source");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if needles.iter().any(|x| code.contains(x)) {
                found.push(format!("{}:{}: {}", p.display(), n + 1, code));
            }
        }
    }
    found
}

#[test]
fn the_search_finds_what_it_looks_for() {
    // The loader reads files: if this found nothing, the checks below would prove nothing.
    assert!(!uses(&sources("load"), &["std::fs"]).is_empty());
    assert!(!uses(&sources("render"), &["crate::model::"]).is_empty());
}

#[test]
fn the_model_does_not_import_the_loader() {
    let found = uses(&sources("model"), &["load::"]);
    assert!(
        found.is_empty(),
        "the model must not depend on the loader (it is what loading makes):\n{}",
        found.join("\n")
    );
}

#[test]
fn rendering_touches_neither_the_file_system_nor_the_clock() {
    let files: Vec<PathBuf> = sources("render")
        .into_iter()
        .filter(|p| !is_tests(p))
        .collect();
    let found = uses(
        &files,
        &[
            "std::fs",
            "fs::",
            "Utc::now",
            "Local::now",
            "SystemTime",
            "Instant::now",
        ],
    );
    assert!(
        found.is_empty(),
        "rendering reads its inputs from the context (loading reads files, `now` is given):\n{}",
        found.join("\n")
    );
}

#[test]
fn every_module_says_its_job() {
    let missing: Vec<String> = sources("")
        .into_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).expect("UTF-8 source");
            !text.trim_start().starts_with("//!")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "each module starts with a `//!` line saying its job:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = sources("")
        .into_iter()
        .filter(|p| !is_tests(p))
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p)
                .expect("UTF-8 source")
                .lines()
                .count();
            (lines > 500).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these into modules with one job each (unit tests go in a tests.rs beside them):\n{}",
        long.join("\n")
    );
}
