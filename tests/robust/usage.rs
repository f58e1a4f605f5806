//! Command lines that cannot be carried out as typed: usage problems, exit 2, with the option
//! named as it was typed and nothing read or written.

use super::*;

#[test]
fn an_invalid_base_url_is_a_usage_error_naming_the_option() {
    let s = Site::fixture("base");
    let before = sentinel(&s.out());
    for bad in [
        "preview.example.org",
        "ftp://preview.example.org",
        "https://",
        "https:///pr-12",
        "https://preview.example.org/pr-12?x=1",
        "https://preview.example.org/#top",
    ] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_prospectus"))
            .arg("build")
            .arg("--root")
            .arg(&s.root)
            .arg("--out")
            .arg(s.out())
            .args(["--now", NOW, "--base-url", bad])
            .env("NO_COLOR", "1")
            .output()
            .expect("run prospectus");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "--base-url {bad}: exit 2\n{err}");
        assert!(err.contains(&format!("--base-url `{bad}`")), "{err}");
        assert!(
            !err.contains("base_url"),
            "the option as typed, not the key: {err}"
        );
        assert!(err.contains("hint: "), "{err}");
        assert!(tree(&s.out()) == before, "the output is untouched");
        no_leftovers(&s);
    }
    // The library says the same.
    let mut opts = s.options(&s.out());
    opts.base_url = Some("preview.example.org".into());
    let r = prospectus::build(&opts);
    assert_eq!(r.outcome, Outcome::IoError, "{}", show(&r));
    assert_eq!(r.diagnostics[0].code, "bad-option");
    // A good one builds.
    opts.base_url = Some("https://preview.example.org/pr-12/".into());
    let r = prospectus::build(&opts);
    assert_success(&r);
    let home = std::fs::read_to_string(s.out().join("en/index.html")).unwrap();
    assert!(
        home.contains("https://preview.example.org/pr-12/en/"),
        "used as given"
    );
}
