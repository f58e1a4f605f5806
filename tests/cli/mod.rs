//! The `prospectus` binary: exit codes (0 ok, 1 content errors, 2 usage or I/O) and the report
//! formats of `check` (human, github, gitlab, json).

use crate::support::*;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prospectus"));
    for a in args {
        c.arg(a);
    }
    c.env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run prospectus")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build(root: &Path, out: &Path, now: &str) -> Output {
    run(&[&"build", &"--root", &root, &"--out", &out, &"--now", &now])
}

fn check(root: &Path, format: &str) -> Output {
    run(&[
        &"check",
        &"--root",
        &root,
        &"--format",
        &format,
        &"--now",
        &NOW,
    ])
}

#[test]
fn exit_0_for_a_good_site() {
    let s = Site::example();
    let o = build(&s.root, &s.out(), NOW);
    assert_eq!(code(&o), 0, "stderr:\n{}", stderr(&o));
    assert!(s.out().join("index.html").is_file());
    assert!(s.out().join("en/courses/index.html").is_file());
    // Warnings are allowed and printed, in the human format.
    assert!(stderr(&o).contains("warning:"), "{}", stderr(&o));
}

#[test]
fn exit_1_for_content_errors_and_output_untouched() {
    let s = Site::invalid("many-errors");
    // An output folder from an earlier good build stays as it was.
    let out = s.out();
    std::fs::create_dir_all(out.join("en")).expect("mkdir");
    std::fs::create_dir_all(out.join(".prospectus")).expect("mkdir");
    std::fs::write(out.join("en/index.html"), "earlier build").expect("write");
    std::fs::write(out.join(".prospectus/output"), "the marker").expect("write");
    let before = tree(&out);
    let o = build(&s.root, &out, NOW);
    assert_eq!(code(&o), 1, "stderr:\n{}", stderr(&o));
    assert!(tree(&out) == before, "the output folder is untouched");
    let err = stderr(&o);
    for head in [
        "content/courses/first.md:9:1: error:",
        "content/courses/first.md:21:10: error:",
        "content/courses/second.md:4:",
    ] {
        assert!(err.contains(head), "stderr has `{head}`:\n{err}");
    }
    assert!(err.contains("3 errors"), "a summary line:\n{err}");
}

#[test]
fn exit_2_for_a_missing_root_folder() {
    let s = Site::example();
    let missing = s.dir.path().join("no-such-folder");
    let o = build(&missing, &s.out(), NOW);
    assert_eq!(
        code(&o),
        2,
        "a missing --root folder is a usage error; stderr:\n{}",
        stderr(&o)
    );
    assert!(!stderr(&o).trim().is_empty(), "it says why");
    assert!(!s.out().exists(), "nothing written");
    let o = check(&missing, "human");
    assert_eq!(code(&o), 2, "check too; stderr:\n{}", stderr(&o));
}

/// A folder without site.toml is no site: the command was run in the wrong place (exit 2, not
/// the exit 1 of content errors), for `build`, `check` and `new` alike, in the same words.
#[test]
fn exit_2_where_there_is_no_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = build(dir.path(), &out, NOW);
    assert_eq!(code(&o), 2, "build; stderr:\n{}", stderr(&o));
    assert!(
        stderr(&o).contains("there is no site.toml in"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists(), "nothing written");
    let o = check(dir.path(), "human");
    assert_eq!(code(&o), 2, "check; stderr:\n{}", stderr(&o));
    let o = run(&[&"new", &"course", &"first", &"--root", &dir.path()]);
    assert_eq!(code(&o), 2, "new; stderr:\n{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("there is no site.toml in") && err.contains("--root DIR"),
        "{err}"
    );
    assert!(
        !err.contains("os error"),
        "in words, not the system's: {err}"
    );
    assert!(!dir.path().join("content").exists(), "nothing written");
}

#[test]
fn exit_2_for_an_unparsable_now() {
    let s = Site::example();
    for bad in ["yesterday", "2025-13-45", "2025-08-20T25:00:00Z"] {
        let o = build(&s.root, &s.out(), bad);
        assert_eq!(code(&o), 2, "--now {bad}; stderr:\n{}", stderr(&o));
        assert!(stderr(&o).contains(bad), "the message quotes `{bad}`");
        assert!(!s.out().exists(), "nothing written");
    }
    let o = run(&[&"check", &"--root", &s.root, &"--now", &"soon"]);
    assert_eq!(code(&o), 2, "check --now soon; stderr:\n{}", stderr(&o));
}

#[test]
fn exit_2_for_an_unknown_option() {
    let s = Site::example();
    let o = run(&[&"build", &"--root", &s.root, &"--no-such-option"]);
    assert_eq!(code(&o), 2, "stderr:\n{}", stderr(&o));
}

#[test]
fn source_date_epoch_fixes_now_like_the_option() {
    let s = Site::example();
    let a = s.dir.path().join("a");
    let b = s.dir.path().join("b");
    assert_eq!(code(&build(&s.root, &a, NOW)), 0);
    let epoch = now().timestamp().to_string();
    let o = Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .args(["build", "--root"])
        .arg(&s.root)
        .arg("--out")
        .arg(&b)
        .env("SOURCE_DATE_EPOCH", &epoch)
        .output()
        .expect("run");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        tree(&a) == tree(&b),
        "same output for --now and SOURCE_DATE_EPOCH"
    );
}

#[test]
fn check_writes_nothing() {
    let s = Site::example();
    let o = check(&s.root, "human");
    assert_eq!(code(&o), 0, "stderr:\n{}", stderr(&o));
    assert!(!s.root.join("public").exists(), "check writes no output");
    assert_eq!(
        listing(s.dir.path()),
        vec!["site".to_string()],
        "nothing beside the site either"
    );
}

#[test]
fn check_format_json_prints_one_object_per_diagnostic() {
    let s = Site::invalid("many-errors");
    let o = check(&s.root, "json");
    assert_eq!(code(&o), 1, "stderr:\n{}", stderr(&o));
    let lib = s.check();
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.len(),
        lib.diagnostics.len(),
        "one line per diagnostic:\n{out}"
    );
    let mut errors = 0;
    for (line, d) in lines.iter().zip(&lib.diagnostics) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        let obj = v.as_object().unwrap_or_else(|| panic!("an object: {line}"));
        for key in [
            "file", "line", "column", "code", "severity", "message", "hint",
        ] {
            assert!(obj.contains_key(key), "`{key}` in {line}");
        }
        assert_eq!(v["file"].as_str(), d.file.as_deref(), "{line}");
        assert_eq!(v["line"].as_u64(), Some(d.line as u64), "{line}");
        assert_eq!(v["column"].as_u64(), Some(d.col as u64), "{line}");
        assert_eq!(v["code"].as_str(), Some(d.code), "{line}");
        assert_eq!(v["severity"].as_str(), Some(d.severity.as_str()), "{line}");
        assert_eq!(v["message"].as_str(), Some(d.message.as_str()), "{line}");
        assert_eq!(v["hint"].as_str(), d.hint.as_deref(), "{line}");
        if v["severity"] == "error" {
            errors += 1;
        }
    }
    assert_eq!(errors, 3, "{out}");
    let first = lines
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|v| v["code"] == "unknown-key")
        .expect("the unknown-key error");
    assert_eq!(first["file"], "content/courses/first.md");
    assert_eq!(first["line"], 9);
    assert_eq!(first["column"], 1);
}

#[test]
fn check_format_json_on_a_good_site_prints_only_warnings_and_notes() {
    let s = Site::example();
    let o = check(&s.root, "json");
    assert_eq!(code(&o), 0, "stderr:\n{}", stderr(&o));
    for line in stdout(&o).lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        // Notes (info): which courses qualify for Google's rich results.
        assert!(
            v["severity"] == "warning" || (v["severity"] == "info" && v["code"] == "rich-results"),
            "{line}"
        );
    }
}

#[test]
fn check_format_github_prints_annotations() {
    let s = Site::invalid("many-errors");
    let o = check(&s.root, "github");
    assert_eq!(code(&o), 1, "stderr:\n{}", stderr(&o));
    let out = stdout(&o);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 3, "three error annotations:\n{out}");
    for want in [
        "::error file=content/courses/first.md,line=9,col=1",
        "::error file=content/courses/first.md,line=21,col=10",
        "::error file=content/courses/second.md,line=4,col=",
    ] {
        assert!(
            errors.iter().any(|l| l.starts_with(want)),
            "an annotation starting `{want}`:\n{out}"
        );
    }
    for l in &errors {
        let (props, message) = l["::error ".len()..]
            .split_once("::")
            .unwrap_or_else(|| panic!("`::error props::message`: {l}"));
        assert!(!message.trim().is_empty(), "{l}");
        assert!(!message.contains('\n'), "{l}");
        for p in props.split(',') {
            assert!(p.contains('='), "property `{p}` in {l}");
        }
    }
    assert_only_workflow_commands(&out);
}

/// Stdout of `--format github` is workflow commands, and plain lines only inside log groups.
fn assert_only_workflow_commands(out: &str) {
    let mut in_group = false;
    for l in out.lines().filter(|l| !l.trim().is_empty()) {
        if l.starts_with("::group::") {
            in_group = true;
        } else if l == "::endgroup::" {
            in_group = false;
        } else if !in_group {
            assert!(
                l.starts_with("::error ") || l.starts_with("::warning "),
                "only workflow commands on stdout: {l}"
            );
        } else {
            assert!(!l.starts_with("::"), "a command inside a group: {l}");
        }
    }
    assert!(!in_group, "every group is closed:\n{out}");
}

/// The base site with twelve more courses that have no French page: fourteen
/// `missing-translation` warnings (with the base page's and notice's), more than a report lists
/// in full.
fn untranslated_site() -> Site {
    let s = Site::fixture("base");
    let course = s.read("content/courses/base-course.md");
    for i in 1..=12 {
        let text = course.replace("B0000001", &format!("B00001{i:02}"));
        s.write(&format!("content/courses/course-{i:02}.md"), text);
    }
    s
}

#[test]
fn human_format_summarises_many_warnings_of_one_rule() {
    let s = untranslated_site();
    let o = run(&[&"check", &"--root", &s.root, &"--now", &NOW]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(
        err.matches("has no page in fr [missing-translation]")
            .count(),
        3,
        "{err}"
    );
    assert!(
        err.contains(
            "warning: 14 `missing-translation` warnings, the first 3 shown above [missing-translation]\n  \
             courses with no page in French: 12\n  pages with no page in French: 1\n  \
             notices with no page in French: 1\n  \
             hint: run the command again with --all-warnings to list every one\n"
        ),
        "{err}"
    );
    // (Notes on rich results may follow the warnings; they are not warnings.)
    assert!(err.contains("\n0 errors, 14 warnings\n"), "{err}");
    let o = run(&[
        &"check",
        &"--root",
        &s.root,
        &"--now",
        &NOW,
        &"--all-warnings",
    ]);
    let all = stderr(&o);
    assert_eq!(
        all.matches("has no page in fr [missing-translation]")
            .count(),
        14,
        "{all}"
    );
    assert!(!all.contains("--all-warnings"), "{all}");
    // `build` prints the same report, and takes the same flag.
    let o = run(&[
        &"build",
        &"--root",
        &s.root,
        &"--out",
        &s.out(),
        &"--now",
        &NOW,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("courses with no page in French: 12"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        &"build",
        &"--root",
        &s.root,
        &"--out",
        &s.out(),
        &"--now",
        &NOW,
        &"--all-warnings",
    ]);
    // (`build` reports untranslated courses; pages and notices are in `check`'s report.)
    assert_eq!(
        stderr(&o).matches("[missing-translation]").count(),
        12,
        "{}",
        stderr(&o)
    );
}

#[test]
fn github_format_puts_errors_first_and_groups_repeated_warnings() {
    let s = untranslated_site();
    s.write(
        "content/courses/course-05.md",
        s.read("content/courses/course-05.md")
            .replace("currency = \"EUR\"", "currency = \"EUX\""),
    );
    let o = check(&s.root, "github");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert_only_workflow_commands(&out);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("::error file=content/courses/course-05.md,line=")
            && lines[0].contains("title=unknown-currency::"),
        "the error first:\n{out}"
    );
    assert_eq!(
        lines[1],
        "::warning title=missing-translation%3A 14 warnings::14 warnings of rule missing-translation \
         (courses with no page in French: 12; pages with no page in French: 1; notices with no page \
         in French: 1). The first 3 are annotated; the log lists all 14 under \
         \"missing-translation: 14 warnings\".",
        "{out}"
    );
    let warnings = lines.iter().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!(
        warnings, 4,
        "one line for the rule, then the first three:\n{out}"
    );
    assert!(
        out.contains("::group::missing-translation: 14 warnings\n"),
        "{out}"
    );
    assert_eq!(
        out.matches("has no page in fr [missing-translation]")
            .count(),
        14,
        "{out}"
    );
}

#[test]
fn gitlab_format_is_a_code_quality_report() {
    let s = Site::invalid("many-errors");
    let o = check(&s.root, "gitlab");
    assert_eq!(code(&o), 1, "stderr:\n{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON array");
    let issues = v.as_array().expect("an array");
    let errors: Vec<_> = issues
        .iter()
        .filter(|i| i["severity"] == "critical")
        .collect();
    assert_eq!(errors.len(), 3, "{v:#}");
    let first = errors
        .iter()
        .find(|i| i["location"]["lines"]["begin"] == 9)
        .unwrap_or_else(|| panic!("the error on line 9: {v:#}"));
    assert_eq!(first["location"]["path"], "content/courses/first.md");
    for i in issues {
        for key in ["description", "check_name", "fingerprint"] {
            assert!(
                i[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {i}"
            );
        }
    }
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "unique fingerprints");
}

#[test]
fn human_format_quotes_the_line_and_gives_the_hint() {
    let s = Site::invalid("unknown-key");
    let o = check(&s.root, "human");
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    let text = s.read("content/courses/typo.md");
    let (line, col) = position(&text, "deadlin = ");
    assert!(
        err.contains(&format!("content/courses/typo.md:{line}:{col}: error: ")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{line} | deadlin = 2025-09-15")),
        "{err}"
    );
    assert!(err.contains("^^^^^^^"), "the key is underlined:\n{err}");
    assert!(err.contains("did you mean"), "{err}");
}
