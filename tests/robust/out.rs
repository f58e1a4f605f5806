//! Output folders a careless command line gives: a source folder, the site, a file, somebody
//! else's folder, a symbolic link, leftovers of earlier builds. Each refused `--out` exits 2,
//! says which rule and what to use instead, and leaves every file of the site and around it
//! as it was; each accepted one leaves nothing behind but the new output.

use super::*;
use std::path::PathBuf;
use std::process::Output;

/// Every file and folder name in the test's temporary folder: the site, the output and
/// anything beside them (lock files, temporary folders).
/// Symbolic links are recorded with their target, never followed.
fn everything(s: &Site) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, rel: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry"))
        {
            let name = format!("{rel}/{}", e.file_name().to_string_lossy());
            let ft = e.file_type().expect("file type");
            if ft.is_symlink() {
                let to = std::fs::read_link(e.path()).expect("read_link");
                out.insert(name, format!("-> {}", to.display()).into_bytes());
            } else if ft.is_dir() {
                out.insert(format!("{name}/"), Vec::new());
                walk(&e.path(), &name, out);
            } else {
                out.insert(name, std::fs::read(e.path()).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(s.dir.path(), "", &mut out);
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `--out out` is refused with exit 2, a message naming the rule (`rule` is a part of it) and
/// a hint, and nothing changes anywhere.
fn refused(s: &Site, out: &Path, rule: &str) -> String {
    let before = everything(s);
    let o = cli_build_into(s, out);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "exit 2 for --out {}:\n{err}",
        out.display()
    );
    assert!(err.contains("refusing to build into --out"), "{err}");
    assert!(err.contains(rule), "the rule `{rule}`:\n{err}");
    assert!(err.contains("hint: "), "what to use instead:\n{err}");
    assert!(
        everything(s) == before,
        "--out {}: something changed",
        out.display()
    );
    err
}

/// The build succeeds into `out`, which then holds the site and the marker.
fn builds(s: &Site, out: &Path) {
    let o = cli_build_into(s, out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("en/index.html").is_file());
    assert!(out.join(".prospectus/output").is_file(), "the marker");
}

/// No lock file, temporary folder or old output beside `out` after a build.
fn nothing_beside(out: &Path) {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    for suffix in ["lock", "tmp", "old"] {
        let p = out.with_file_name(format!(".{name}.{suffix}"));
        assert!(!p.exists(), "{} was left behind", p.display());
    }
}

#[test]
fn out_is_the_content_folder() {
    let s = Site::fixture("base");
    let err = refused(&s, &s.path("content"), "`content` folder");
    assert!(err.contains("--out "), "names the option: {err}");
}

#[test]
fn out_is_a_folder_inside_content() {
    let s = Site::fixture("base");
    refused(
        &s,
        &s.path("content/courses"),
        "inside the site's `content` folder",
    );
}

#[test]
fn out_is_a_new_folder_inside_content() {
    let s = Site::fixture("base");
    // Not there yet: the output would be read back as content by the next build.
    refused(
        &s,
        &s.path("content/public"),
        "inside the site's `content` folder",
    );
}

#[test]
fn out_is_the_data_folder() {
    let s = Site::fixture("base");
    refused(&s, &s.path("data"), "`data` folder");
}

#[test]
fn out_is_the_static_folder() {
    let s = Site::fixture("base");
    s.write("static/robots.txt", "User-agent: *\n");
    refused(&s, &s.path("static"), "`static` folder");
}

#[test]
fn out_is_the_i18n_folder() {
    let s = Site::fixture("base");
    s.write("i18n/en.toml", "");
    refused(&s, &s.path("i18n"), "`i18n` folder");
}

#[test]
fn out_is_the_templates_folder() {
    let s = Site::fixture("base");
    // Also when it does not exist yet: it would become a source folder.
    refused(&s, &s.path("templates"), "`templates` folder");
}

#[test]
fn out_is_a_theme_folder() {
    let s = Site::fixture("base");
    refused(
        &s,
        &s.path("themes/mine"),
        "inside the site's `themes` folder",
    );
}

#[test]
fn out_is_site_toml() {
    let s = Site::fixture("base");
    refused(&s, &s.path("site.toml"), "existing file");
}

#[test]
fn out_is_a_file_outside_the_site() {
    let s = Site::fixture("base");
    let notes = s.dir.path().join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    refused(&s, &notes, "existing file");
}

#[test]
fn out_is_the_site_folder_written_another_way() {
    let s = Site::fixture("base");
    refused(&s, &s.path("content/.."), "site's folder");
    refused(&s, &s.path("."), "site's folder");
}

#[test]
fn out_is_a_folder_of_somebody_elses_files() {
    let s = Site::fixture("base");
    let docs = s.dir.path().join("documents");
    std::fs::create_dir_all(docs.join("2025")).unwrap();
    std::fs::write(docs.join("2025/budget.ods"), "numbers").unwrap();
    std::fs::write(docs.join("index.html"), "<p>not ours</p>").unwrap();
    let err = refused(&s, &docs, "no build of Prospectus wrote");
    assert!(err.contains(".prospectus/output"), "{err}");
    // The same folder emptied is fine.
    std::fs::remove_dir_all(&docs).unwrap();
    std::fs::create_dir_all(docs.join("empty")).unwrap();
    builds(&s, &docs);
    nothing_beside(&docs);
}

#[test]
fn out_is_an_existing_output_of_a_build() {
    let s = Site::fixture("base");
    let out = s.out();
    builds(&s, &out);
    std::fs::write(out.join("stale.html"), "from the last build").unwrap();
    builds(&s, &out);
    assert!(!out.join("stale.html").exists(), "replaced as a whole");
    nothing_beside(&out);
}

#[cfg(unix)]
#[test]
fn out_is_a_folder_holding_a_linked_source() {
    let s = Site::fixture("base");
    s.write(
        "shared/note.md",
        "+++\ntitle = \"Shared note\"\n+++\nShared text.\n",
    );
    std::os::unix::fs::symlink(s.path("shared/note.md"), s.path("content/note.md")).unwrap();
    refused(&s, &s.path("shared"), "no build of Prospectus wrote");
}

#[cfg(unix)]
#[test]
fn out_is_a_symbolic_link_to_a_folder() {
    let s = Site::fixture("base");
    let www = s.dir.path().join("www");
    let real = www.join("site");
    std::fs::create_dir_all(&real).unwrap();
    let link = s.dir.path().join("public");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for round in 0..2 {
        if round == 1 {
            s.write(
                "content/about.md",
                "+++\ntitle = \"About again\"\n+++\nNew text.\n",
            );
        }
        builds(&s, &link);
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(
            meta.file_type().is_symlink(),
            "round {round}: the link is still a link"
        );
        assert_eq!(std::fs::read_link(&link).unwrap(), real);
        nothing_beside(&real);
        nothing_beside(&link);
    }
    let about = std::fs::read_to_string(real.join("en/about/index.html")).unwrap();
    assert!(about.contains("New text."), "the real folder is updated");
    assert_eq!(listing(&www), vec!["site".to_string()]);
}

#[cfg(unix)]
#[test]
fn out_is_a_symbolic_link_to_nothing() {
    let s = Site::fixture("base");
    let link = s.dir.path().join("public");
    std::os::unix::fs::symlink(s.dir.path().join("gone"), &link).unwrap();
    let err = refused(&s, &link, "symbolic link");
    assert!(err.contains("gone"), "names where it points: {err}");
}

#[cfg(unix)]
#[test]
fn out_is_a_symbolic_link_into_the_content_folder() {
    let s = Site::fixture("base");
    let link = s.dir.path().join("public");
    std::os::unix::fs::symlink(s.path("content/courses"), &link).unwrap();
    refused(&s, &link, "`content` folder");
}

#[test]
fn a_folder_of_somebody_else_at_the_temporary_name_is_kept() {
    let s = Site::fixture("base");
    let theirs = s.dir.path().join(".out.tmp");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("keep.txt"), "mine").unwrap();
    let before = everything(&s);
    let o = cli_build_into(&s, &s.out());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&*theirs.to_string_lossy()), "names it: {err}");
    assert!(everything(&s) == before, "nothing changed");
}

#[test]
fn no_lock_file_is_left_after_any_build() {
    let s = robust("duplicate-key");
    let out = s.out();
    sentinel(&out);
    // Content errors, a refused output folder, then a good build.
    assert_eq!(cli_build_into(&s, &out).status.code(), Some(1));
    nothing_beside(&out);
    assert_eq!(cli_build_into(&s, &s.path("data")).status.code(), Some(2));
    nothing_beside(&s.path("data"));
    let good = Site::fixture("base");
    builds(&good, &good.out());
    nothing_beside(&good.out());
    assert_eq!(
        listing(good.dir.path()),
        vec!["out".to_string(), "site".to_string()]
    );
}

/// A lock file a killed build left (nobody holds its lock) neither blocks nor stays.
#[test]
fn a_lock_file_left_by_a_killed_build_is_removed() {
    let s = Site::fixture("base");
    std::fs::write(s.dir.path().join(".out.lock"), "4242").unwrap();
    let o = cli_build_into(&s, &s.out());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    nothing_beside(&s.out());
}

/// The old output of the last swap is still beside the output (the build was killed before
/// deleting it): the next build deletes it and swaps as usual.
#[test]
fn an_old_output_left_beside_the_output_is_cleared() {
    let s = Site::fixture("base");
    sentinel(&s.out());
    sentinel(&s.dir.path().join(".out.old"));
    builds(&s, &s.out());
    nothing_beside(&s.out());
}

/// The old output set aside by the last swap could not be deleted (files of another user, a
/// folder without write permission): the build says which folder and why, instead of a
/// "Directory not empty" about the output folder; once it can be deleted, the build recovers.
#[cfg(unix)]
#[test]
fn an_old_output_that_cannot_be_deleted_is_named() {
    use std::os::unix::fs::PermissionsExt as _;
    let s = Site::fixture("base");
    let out = s.out();
    let published = sentinel(&out);
    let old = s.dir.path().join(".out.old");
    sentinel(&old);
    let stuck = old.join("en/locked");
    std::fs::create_dir_all(&stuck).unwrap();
    std::fs::write(stuck.join("index.html"), "x").unwrap();
    std::fs::set_permissions(&stuck, std::fs::Permissions::from_mode(0o555)).unwrap();
    let o = prospectus_unprivileged()
        .arg("build")
        .arg("--root")
        .arg(&s.root)
        .arg("--out")
        .arg(&out)
        .args(["--now", NOW])
        .output()
        .expect("run prospectus");
    let err = stderr(&o);
    std::fs::set_permissions(&stuck, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&*old.to_string_lossy()),
        "names the old output: {err}"
    );
    assert!(err.contains("Permission denied"), "says why: {err}");
    assert!(!err.contains("Directory not empty"), "{err}");
    assert!(tree(&out) == published, "the published output is untouched");
    // Deletable again: the next build clears it and succeeds.
    builds(&s, &out);
    nothing_beside(&out);
}

/// `check` reads the previous output to report removed pages; it refuses what `build` refuses,
/// and never reads a folder that no build wrote.
#[test]
fn check_refuses_what_build_refuses() {
    let s = Site::fixture("base");
    let public = s.path("public");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::write(
        public.join("sitemap.xml"),
        "<urlset><url><loc>https://x.org/en/gone/</loc></url></urlset>",
    )
    .unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .arg("check")
        .arg("--root")
        .arg(&s.root)
        .args(["--now", NOW])
        .env("NO_COLOR", "1")
        .output()
        .expect("run prospectus");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("no build of Prospectus wrote"), "{err}");
    assert!(!err.contains("/en/gone/"), "the folder is not read: {err}");
}

/// Options pointing somewhere odd are refused the same way through the library.
#[test]
fn the_library_refuses_too() {
    let s = Site::fixture("base");
    let before = tree(&s.root);
    for out in [s.path("content"), s.path("site.toml"), PathBuf::from("/")] {
        let r = prospectus::build(&s.options(&out));
        assert_eq!(r.outcome, Outcome::IoError, "{}", show(&r));
        let d = &r.diagnostics[0];
        assert_eq!(d.code, "output-folder", "{d:#?}");
        assert!(d.hint.is_some(), "{d:#?}");
    }
    assert!(tree(&s.root) == before);
}
