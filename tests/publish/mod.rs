//! `docs/ci/publish.sh`, the publishing script for any CI, run as a CI would run it on a copy
//! of the example site: it publishes, keeps what it published, builds on a schedule only when a
//! state is due, publishes nothing when the content has errors, and keeps no state for a
//! preview. Its `STATE_DIR` holds the binary under test as the installed version, so no
//! `cargo install` runs.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const REV: &str = "v0.1.0";

struct Ci {
    site: Site,
    state: PathBuf,
    web: PathBuf,
}

impl Ci {
    fn new() -> Ci {
        let site = Site::example();
        let state = site.root.join(".prospectus-ci");
        std::fs::create_dir_all(state.join("bin")).expect("mkdir");
        std::os::unix::fs::symlink(
            env!("CARGO_BIN_EXE_prospectus"),
            state.join("bin/prospectus"),
        )
        .expect("link the binary");
        std::fs::write(state.join("version"), format!("{REV}\n")).expect("version");
        let web = site.dir.path().join("web");
        Ci { site, state, web }
    }

    /// Runs the script; returns its exit code and everything it printed.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
        let script = repo().join("docs/ci/publish.sh");
        let mut c = Command::new("sh");
        c.arg(script)
            .args(args)
            .current_dir(&self.site.root)
            .env("PROSPECTUS_GIT", "https://git.example.org/prospectus")
            .env("PROSPECTUS_REV", REV)
            .env(
                "PUBLISH_COMMAND",
                format!("rm -rf '{0}' && cp -R \"$1\" '{0}'", self.web.display()),
            )
            .env("NO_COLOR", "1")
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("PREVIEW_BASE_URL");
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.output().expect("run sh");
        (
            o.status.code().unwrap_or(-1),
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
        )
    }

    fn kept(&self) -> PathBuf {
        self.state.join("published")
    }

    /// Sets the next state change of the kept output.
    fn next_change(&self, when: &str) {
        std::fs::write(
            self.kept().join(".prospectus/next-change"),
            format!("{when}\n"),
        )
        .expect("write next-change");
    }
}

fn published(web: &Path) -> bool {
    web.join("index.html").is_file()
}

#[test]
fn publishes_and_keeps_what_it_published() {
    let ci = Ci::new();
    let (code, log) = ci.run(&[], &[]);
    assert_eq!(code, 0, "{log}");
    assert!(published(&ci.web), "{log}");
    assert!(ci.kept().join("sitemap.xml").is_file(), "{log}");
    assert!(ci.kept().join(".prospectus/next-change").is_file(), "{log}");
    assert!(log.contains("Next state change:"), "{log}");
}

#[test]
fn on_a_schedule_it_builds_only_when_a_state_is_due() {
    let ci = Ci::new();
    assert_eq!(ci.run(&[], &[]).0, 0);
    std::fs::remove_dir_all(&ci.web).expect("unpublish");

    ci.next_change("2999-01-01T00:00:00Z");
    let (code, log) = ci.run(&["--scheduled"], &[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains("Nothing is due before 2999-01-01T00:00:00Z."),
        "{log}"
    );
    assert!(!published(&ci.web), "nothing built or published:\n{log}");

    ci.next_change("");
    let (code, log) = ci.run(&["--scheduled"], &[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains("Nothing on the site changes by itself any more."),
        "{log}"
    );
    assert!(!published(&ci.web), "{log}");

    ci.next_change("2025-08-25T22:00:00Z");
    let (code, log) = ci.run(&["--scheduled"], &[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        published(&ci.web),
        "a due change is built and published:\n{log}"
    );
    let next = std::fs::read_to_string(ci.kept().join(".prospectus/next-change")).unwrap();
    assert_ne!(next.trim(), "2025-08-25T22:00:00Z", "the new state is kept");
}

#[test]
fn content_errors_publish_nothing_and_keep_the_previous_output() {
    let ci = Ci::new();
    assert_eq!(ci.run(&[], &[]).0, 0);
    std::fs::remove_dir_all(&ci.web).expect("unpublish");
    let before = tree(&ci.kept());
    let course = "content/courses/stata-labour-market-analysis.md";
    ci.site.write(
        course,
        ci.site
            .read(course)
            .replace("currency = \"EUR\"", "currency = \"EUX\""),
    );
    let (code, log) = ci.run(&[], &[("CHECK_FORMAT", "github")]);
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("::error file=content/courses/stata-labour-market-analysis.md"),
        "{log}"
    );
    assert!(!published(&ci.web), "{log}");
    assert!(tree(&ci.kept()) == before, "the kept output is untouched");
}

#[test]
fn a_preview_is_built_for_its_address_and_keeps_nothing() {
    let ci = Ci::new();
    let (code, log) = ci.run(
        &[],
        &[("PREVIEW_BASE_URL", "https://preview.example.org/pr-12/")],
    );
    assert_eq!(code, 0, "{log}");
    assert!(
        !published(&ci.web),
        "a preview is not published as the site:\n{log}"
    );
    assert!(!ci.kept().exists(), "a preview keeps no state");
    let home = std::fs::read_to_string(ci.site.root.join("public/en/index.html")).unwrap();
    assert!(
        home.contains("https://preview.example.org/pr-12/"),
        "built for its address"
    );
}
