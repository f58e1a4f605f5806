//! The staging folder, the swap and the repair of what earlier builds left behind.

use super::*;

/// A site root and the output `<tmp>/public`, checked as a build checks them.
fn setup() -> (tempfile::TempDir, Target) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    let t = Target::resolve(&root, &dir.path().join("public")).unwrap();
    (dir, t)
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn refuses_paths_outside() {
    let (dir, t) = setup();
    let s = Staging::begin(&t).unwrap();
    for bad in ["../x", "/etc/passwd", "a/../../x", ""] {
        assert!(
            matches!(
                s.write(&Output::bytes(bad, "x")),
                Err(OutputError::BadPath(_))
            ),
            "{bad}"
        );
    }
    s.write(&Output::bytes("en/index.html", "ok")).unwrap();
    let c = s.commit().unwrap();
    assert_eq!(c.files, 2, "the page and the marker");
    assert!(c.leftover.is_none());
    assert_eq!(read(dir.path().join("public/en/index.html")), "ok");
    assert_eq!(
        read(dir.path().join("public").join(target::MARKER)),
        target::MARKER_TEXT
    );
    // The lock is free again and its file gone: the next build takes it.
    assert!(!dir.path().join(".public.lock").exists());
    drop(Staging::begin(&t).unwrap());
}

#[test]
fn abandoned_build_leaves_old_output() {
    let (dir, t) = setup();
    let out = &t.dir;
    std::fs::create_dir_all(out).unwrap();
    std::fs::write(out.join("a.html"), "old").unwrap();
    {
        let s = Staging::begin(&t).unwrap();
        s.write(&Output::bytes("a.html", "new")).unwrap();
    }
    assert_eq!(read(out.join("a.html")), "old");
    for left in [".public.tmp", ".public.lock"] {
        assert!(!dir.path().join(left).exists(), "{left}");
    }
}

#[test]
fn second_build_is_refused_while_first_holds_the_lock() {
    let (dir, t) = setup();
    let first = Staging::begin(&t).unwrap();
    match Staging::begin(&t) {
        Err(e @ OutputError::Locked { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("another build"), "{msg}");
            assert!(msg.contains(&std::process::id().to_string()), "{msg}");
        }
        Err(e) => panic!("expected Locked, got {e}"),
        Ok(_) => panic!("two builds hold the lock at once"),
    }
    drop(first);
    assert!(!dir.path().join(".public.lock").exists());
    Staging::begin(&t).unwrap();
}

#[test]
fn an_interrupted_swap_is_repaired() {
    let (dir, t) = setup();
    let old = dir.path().join(".public.old");
    std::fs::create_dir_all(old.join(".prospectus")).unwrap();
    std::fs::write(old.join(target::MARKER), target::MARKER_TEXT).unwrap();
    std::fs::write(old.join("a.html"), "old").unwrap();
    std::fs::create_dir_all(dir.path().join(".public.tmp/x")).unwrap();
    let s = Staging::begin(&t).unwrap();
    assert_eq!(read(t.dir.join("a.html")), "old");
    assert!(!old.exists());
    assert!(
        !dir.path().join(".public.tmp/x").exists(),
        "the old temp folder is cleared"
    );
    drop(s);
    assert!(!dir.path().join(".public.tmp").exists());
}

/// Both the output and an old one aside (the old one could not be deleted last time, or the
/// build was killed after the swap): the old one is deleted, and the swap works.
#[test]
fn a_leftover_old_output_beside_the_output_is_cleared() {
    let (dir, t) = setup();
    let old = dir.path().join(".public.old");
    for d in [&t.dir, &old] {
        std::fs::create_dir_all(d.join("en/deep")).unwrap();
        std::fs::create_dir_all(d.join(".prospectus")).unwrap();
        std::fs::write(d.join(target::MARKER), target::MARKER_TEXT).unwrap();
        std::fs::write(d.join("en/deep/index.html"), "x").unwrap();
    }
    let s = Staging::begin(&t).unwrap();
    assert!(!old.exists());
    s.write(&Output::bytes("index.html", "new")).unwrap();
    s.commit().unwrap();
    assert_eq!(read(t.dir.join("index.html")), "new");
    assert!(!old.exists());
}

/// A folder at one of the names the build uses beside the output, which no build wrote, is
/// never deleted: the build stops and names it.
#[test]
fn a_foreign_folder_at_a_leftover_name_is_not_deleted() {
    for name in [".public.old", ".public.tmp"] {
        let (dir, t) = setup();
        std::fs::create_dir_all(&t.dir).unwrap();
        let foreign = dir.path().join(name);
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        match Staging::begin(&t) {
            Err(e @ OutputError::Foreign { .. }) => {
                assert!(e.to_string().contains(name), "{e}");
                assert!(e.hint().unwrap().contains(name), "{e}");
            }
            Err(e) => panic!("{name}: expected Foreign, got {e}"),
            Ok(_) => panic!("{name}: the build went on"),
        }
        assert_eq!(read(foreign.join("notes.txt")), "mine");
        assert!(!dir.path().join(".public.lock").exists());
    }
}

#[test]
fn every_output_carries_the_marker_from_the_start() {
    let (dir, t) = setup();
    let s = Staging::begin(&t).unwrap();
    // A build killed now leaves a temporary folder that the next build recognises as its own.
    let tmp = dir.path().join(".public.tmp");
    assert_eq!(read(tmp.join(target::MARKER)), target::MARKER_TEXT);
    assert!(target::may_replace(&tmp));
    drop(s);
}
