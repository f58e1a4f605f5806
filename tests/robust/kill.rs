//! Output safety: a build killed with SIGKILL at any moment leaves the previous output intact
//! (the new one is written beside it and swapped in at the end), the temporary folder it left is
//! cleared by the next build, and two builds started at once on one output folder never mix
//! their files (the second is refused with a clear message while the first holds the lock).

use super::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Milliseconds after the start at which a build is killed (a debug build of the generated site
/// takes a few seconds: the points fall in loading, rendering, writing and around the swap).
pub const KILL_POINTS_MS: [u64; 9] = [20, 60, 150, 400, 800, 1500, 2500, 3500, 5000];

/// A site of `n` courses in two languages, with some text to render.
fn large_site(n: usize) -> Site {
    let s = Site::fixture("base");
    let para =
        "A paragraph with *emphasis*, a [link](https://example.org) and some text. ".repeat(12);
    for i in 0..n {
        s.write(
            &format!("content/courses/c{i:04}.md"),
            format!(
                "+++\ncode = \"C{i:07}\"\ntitle = \"Course {i}\"\nsummary = \"Summary {i}.\"\ntopics = [\"gender-equality\"]\nmodality = \"online\"\nlanguages = [\"en\"]\n\n[[sessions]]\nstart = 2025-10-06\nend = 2025-10-31\n\n[application]\nurl = \"https://apply.example.org/C{i}\"\ndeadline = 2025-09-15\n+++\n{para}\n\n{para}\n"
            ),
        );
        s.write(
            &format!("content/courses/c{i:04}.fr.md"),
            format!("+++\ncode = \"C{i:07}\"\ntitle = \"Cours {i}\"\n+++\n{para}\n"),
        );
    }
    s
}

fn command_into(s: &Site, out: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prospectus"));
    c.arg("build")
        .arg("--root")
        .arg(&s.root)
        .arg("--out")
        .arg(out)
        .arg("--now")
        .arg(NOW)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn command(s: &Site) -> Command {
    command_into(s, &s.out())
}

/// The output of a complete build by the same binary, into another folder.
fn reference(s: &Site) -> BTreeMap<String, Vec<u8>> {
    let dir = s.dir.path().join("reference");
    let out = command_into(s, &dir).output().expect("run prospectus");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tree(&dir)
}

/// Sets the output folder back to the sentinel (and nothing else beside it but leftovers).
fn reset_to_sentinel(s: &Site) -> BTreeMap<String, Vec<u8>> {
    let _ = std::fs::remove_dir_all(s.out());
    let _ = std::fs::remove_dir_all(s.dir.path().join(".out.old"));
    sentinel(&s.out())
}

#[test]
fn a_killed_build_leaves_the_previous_output() {
    let s = large_site(300);
    // What a complete build writes (the output is the same bytes for the same input).
    let reference = reference(&s);
    assert!(reference.len() > 1000, "{} files", reference.len());

    let mut outcomes = Vec::new();
    for ms in KILL_POINTS_MS {
        let old = reset_to_sentinel(&s);
        let start = Instant::now();
        let mut child = command(&s).spawn().expect("run prospectus");
        std::thread::sleep(Duration::from_millis(ms));
        let finished = child.try_wait().expect("wait").is_some();
        let _ = child.kill(); // SIGKILL
        let status = child.wait().expect("wait");
        let elapsed = start.elapsed();
        let out = tree(&s.out());
        let state = if out == old {
            "old output intact"
        } else if out == reference {
            "new output complete"
        } else if !s.out().exists() && tree(&s.dir.path().join(".out.old")) == old {
            // Killed between the two renames of the swap: the old output is whole under its
            // `.old` name, and the next build puts it back (see below).
            "old output aside"
        } else {
            panic!(
                "killed after {ms} ms: the output is neither the old one nor the new one ({} files)",
                out.len()
            );
        };
        outcomes.push(format!(
            "{ms} ms: {state}{}",
            if finished {
                " (the build had finished)"
            } else {
                ""
            }
        ));
        assert!(
            finished || !status.success(),
            "{ms} ms: killed, so not a success (ran {elapsed:?})"
        );
    }
    eprintln!("kill points: {}", outcomes.join("; "));
    assert!(
        outcomes
            .iter()
            .filter(|o| o.contains("old output intact"))
            .count()
            >= 3,
        "most kills land during the build: {outcomes:?}"
    );

    // The next build clears what the killed ones left, and succeeds.
    reset_to_sentinel(&s);
    let tmp = s.dir.path().join(".out.tmp");
    std::fs::create_dir_all(tmp.join("en/stale")).unwrap();
    std::fs::create_dir_all(tmp.join(".prospectus")).unwrap();
    std::fs::write(tmp.join("en/stale/index.html"), "left by a killed build").unwrap();
    // A build writes the marker into its temporary folder first (only what a build wrote is
    // ever deleted).
    std::fs::write(tmp.join(".prospectus/output"), "marker").unwrap();
    let out = command(&s).output().expect("run prospectus");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!tmp.exists(), "the temporary folder is cleaned up");
    assert!(!s.dir.path().join(".out.old").exists());
    assert!(tree(&s.out()) == reference, "a complete, identical output");
}

#[test]
fn an_interrupted_swap_is_repaired_by_the_next_build() {
    let s = Site::fixture("base");
    // As a build killed between the renames leaves it: no output, the old one aside.
    let old = sentinel(&s.dir.path().join(".out.old"));
    let r = build_guarded(&s);
    assert_success(&r);
    assert!(!s.dir.path().join(".out.old").exists());
    let out = tree(&s.out());
    assert!(out != old && out.contains_key("en/courses/base-course/index.html"));

    // And a failed build in that state puts the old output back and leaves it there.
    let s = robust("duplicate-key");
    let old = sentinel(&s.dir.path().join(".out.old"));
    let r = build_guarded(&s);
    assert_eq!(r.outcome, Outcome::ContentErrors);
    // Content errors stop the build before the output folder is touched: the old output stays
    // aside until a build gets as far as writing; it is not lost.
    assert!(tree(&s.out()) == old || tree(&s.dir.path().join(".out.old")) == old);
}

#[test]
fn two_builds_at_once_on_one_output_folder() {
    let s = large_site(150);
    let reference = reference(&s);
    let mut seen = Vec::new();
    for round in 0..3 {
        reset_to_sentinel(&s);
        let a = command(&s).spawn().expect("run prospectus");
        if round > 0 {
            std::thread::sleep(Duration::from_millis(100 * round));
        }
        let b = command(&s).spawn().expect("run prospectus");
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let mut refused = 0;
        for o in [&a, &b] {
            let stderr = String::from_utf8_lossy(&o.stderr);
            if o.status.success() {
                continue;
            }
            assert_eq!(o.status.code(), Some(2), "an I/O error, exit 2:\n{stderr}");
            assert!(
                stderr.contains("another build"),
                "a clear message:\n{stderr}"
            );
            refused += 1;
        }
        assert!(refused < 2, "one of the two builds gets through");
        seen.push(if refused == 1 {
            "one refused"
        } else {
            "both succeeded, one after the other"
        });
        assert!(
            tree(&s.out()) == reference,
            "round {round}: the output is whole"
        );
        assert!(!s.dir.path().join(".out.tmp").exists());
    }
    eprintln!("two builds at once: {seen:?}");
}
