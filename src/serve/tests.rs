//! Unit tests of `serve`: request paths, content types, the event filter and debounce, the
//! events sent to pages, and the incremental rebuilds against full builds (`prospectus build`'s
//! own code, writing to a folder).

use super::engine::{Engine, Item, Mode, Summary};
use super::http::{Reply, Request};
use super::server::{content_type, decode_path, handle, host_ok, lookup, BadPath, Target};
use super::watch::{classify, is_temp_file, Batch, ChangeKind, Debounce, Filter};
use super::{Snapshot, State};
use crate::diag::Diagnostic;
use notify::event::{
    AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode,
};
use notify::{Event, EventKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Request paths

#[test]
fn decodes_plain_and_escaped_paths_once() {
    assert_eq!(decode_path("/").unwrap(), "/");
    assert_eq!(decode_path("/en/courses/?q=1#x").unwrap(), "/en/courses/");
    assert_eq!(decode_path("/a%20b/caf%C3%A9").unwrap(), "/a b/café");
    // One decoding only: a double-encoded dot stays a literal `%2e` (a name no output has).
    assert_eq!(
        decode_path("/%252e%252e/Cargo.toml").unwrap(),
        "/%2e%2e/Cargo.toml"
    );
    assert_eq!(decode_path("/..x/y..").unwrap(), "/..x/y..");
}

#[test]
fn refuses_traversal_in_every_spelling() {
    for bad in [
        "/../Cargo.toml",
        "/en/../../Cargo.toml",
        "/..",
        "/./index.html",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/.%2e/Cargo.toml",
        "/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/..%5c..%5cCargo.toml",
        "/..%5C..%5CCargo.toml",
        "/en\\..\\Cargo.toml",
        "/index.html%00.css",
        "/a%0d%0aSet-Cookie:x",
    ] {
        assert_eq!(decode_path(bad), Err(BadPath::Traversal), "{bad}");
    }
    assert_eq!(decode_path("/%zz"), Err(BadPath::BadEscape));
    assert_eq!(decode_path("/%2"), Err(BadPath::BadEscape));
    assert_eq!(decode_path("/%ff"), Err(BadPath::NotUtf8));
    assert_eq!(
        decode_path("http://example.org/"),
        Err(BadPath::NotAbsolutePath)
    );
    assert_eq!(decode_path("*"), Err(BadPath::NotAbsolutePath));
    assert_eq!(decode_path("../x"), Err(BadPath::NotAbsolutePath));
    assert_eq!(decode_path(""), Err(BadPath::NotAbsolutePath));
}

#[test]
fn nothing_that_decodes_is_outside_the_map() {
    // Whatever a path decodes to, it has no `..` segment and only exact map keys are served.
    let keys = ["index.html", "en/index.html", "assets/style.css"];
    let has = |k: &str| keys.contains(&k);
    for raw in [
        "/%252e%252e/Cargo.toml",
        "/%25252e/x",
        "/...",
        "/....//Cargo.toml",
        "//etc/passwd",
        "/en//index.html",
        "/C:/Windows/win.ini",
    ] {
        if let Ok(p) = decode_path(raw) {
            assert!(!p.split('/').any(|s| s == ".."), "{raw} → {p}");
            match lookup(&p, has) {
                Target::File(k) => assert!(keys.contains(&k.as_str()), "{raw}"),
                Target::AddSlash | Target::NotFound => {}
            }
        }
    }
}

#[test]
fn maps_folders_to_their_index_and_redirects_without_slash() {
    let keys = [
        "index.html",
        "en/index.html",
        "en/courses/x/index.html",
        "assets/style.css",
    ];
    let has = |k: &str| keys.contains(&k);
    assert_eq!(lookup("/", has), Target::File("index.html".into()));
    assert_eq!(lookup("/en/", has), Target::File("en/index.html".into()));
    assert_eq!(lookup("/en", has), Target::AddSlash);
    assert_eq!(lookup("/en/courses/x", has), Target::AddSlash);
    assert_eq!(
        lookup("/en/index.html", has),
        Target::File("en/index.html".into())
    );
    assert_eq!(
        lookup("/assets/style.css", has),
        Target::File("assets/style.css".into())
    );
    assert_eq!(lookup("/fr/", has), Target::NotFound);
    assert_eq!(lookup("/assets/missing.css", has), Target::NotFound);
}

#[test]
fn content_types() {
    let cases = [
        ("en/index.html", "text/html; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("assets/prospectus.js", "text/javascript; charset=utf-8"),
        ("en/courses/filter.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("en/notices/atom.xml", "application/atom+xml; charset=utf-8"),
        ("en/calendar.ics", "text/calendar; charset=utf-8"),
        ("en/courses/x/A1.ICS", "text/calendar; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("en/courses/x/plan.svg", "image/svg+xml"),
        ("en/courses/x/photo.JPG", "image/jpeg"),
        ("en/courses/x/brochure.pdf", "application/pdf"),
        ("en/courses/x/data.bin", "application/octet-stream"),
        ("LICENSE", "application/octet-stream"),
    ];
    for (key, ty) in cases {
        assert_eq!(content_type(key), ty, "{key}");
    }
}

#[test]
fn only_requests_for_this_server_are_answered() {
    for good in [
        "127.0.0.1:8123",
        "localhost:8123",
        "LOCALHOST:8123",
        "[::1]:8123",
    ] {
        assert!(host_ok(Some(good), 8123), "{good}");
    }
    for bad in [
        "evil.example:8123",
        "127.0.0.1.nip.io:8123",
        "localhost.evil.example:8123",
        "127.0.0.1:8124",
        "127.0.0.1",
        "localhost",
        "[::1]",
        "127.0.0.1:+8123",
        "127.0.0.1:8123:8123",
        "[::1:8123",
        "",
    ] {
        assert!(!host_ok(Some(bad), 8123), "{bad}");
    }
    assert!(!host_ok(None, 8123), "no Host at all");
    // On port 80 a browser leaves the port out.
    assert!(host_ok(Some("localhost"), 80) && host_ok(Some("127.0.0.1:80"), 80));
}

fn answer(state: &Arc<State>, target: &str, host: &str) -> super::http::Response {
    let req = Request {
        method: "GET".into(),
        target: target.into(),
        host: Some(host.into()),
        keep_alive: false,
    };
    match handle(state, &req, 8123) {
        Reply::Answer(r) => r,
        Reply::Stream(_) => panic!("{target}: a stream"),
    }
}

#[test]
fn a_rebinding_page_gets_nothing_and_redirects_stay_on_this_server() {
    let state = Arc::new(State::new());
    state.publish(snap(
        &[("en/index.html", "<p>draft</p>"), ("index.html", "home")],
        None,
        1,
    ));
    let r = answer(&state, "/en/", "attacker.example:8123");
    assert_eq!(r.status, 421);
    assert!(!String::from_utf8_lossy(&r.body).contains("draft"));
    assert_eq!(answer(&state, "/en/", "127.0.0.1:8123").status, 200);
    for (target, location) in [
        ("/en", "/en/"),
        ("//en", "/en/"),
        ("///en?x=1", "/en/?x=1"),
        ("/en?a=b#c", "/en/?a=b"),
    ] {
        let r = answer(&state, target, "localhost:8123");
        assert_eq!(r.status, 301, "{target}");
        let loc = r.headers.iter().find(|(k, _)| *k == "Location").unwrap();
        assert_eq!(loc.1, location, "{target}");
    }
}

#[test]
fn pages_carry_the_overlay_other_files_do_not() {
    let state = Arc::new(State::new());
    state.publish(snap(
        &[
            (
                "en/index.html",
                "<html><body><p>last good</p></body></html>",
            ),
            ("style.css", "body{}"),
        ],
        Some("<aside>OVERLAY</aside>"),
        1,
    ));
    let body = |t: &str| String::from_utf8(answer(&state, t, "127.0.0.1:8123").body).unwrap();
    let page = answer(&state, "/en/", "127.0.0.1:8123");
    assert_eq!(page.status, 200, "the last good page, not an error page");
    assert_eq!(
        String::from_utf8(page.body).unwrap(),
        "<html><body><p>last good</p><aside>OVERLAY</aside></body></html>"
    );
    assert_eq!(body("/style.css"), "body{}");
    // An address with no good page: the overlay's own page.
    let missing = answer(&state, "/fr/", "127.0.0.1:8123");
    assert_eq!(missing.status, 500);
    assert_eq!(
        String::from_utf8(missing.body).unwrap(),
        "<aside>OVERLAY</aside>"
    );
    for url in [super::overlay::CSS_URL, super::overlay::JS_URL] {
        assert_eq!(answer(&state, url, "127.0.0.1:8123").status, 200, "{url}");
    }
    // Fixed: the page as built.
    state.publish(snap(&[("en/index.html", "<p>good</p>")], None, 2));
    assert_eq!(body("/en/"), "<p>good</p>");
}

#[test]
fn the_log_names_what_was_saved_and_what_waits_for_a_fix() {
    let item = |rel: &str, what: &str, absent: bool| Item {
        rel: rel.into(),
        what: what.into(),
        absent,
    };
    let course = item("content/courses/g.md", "course gender-audit (en)", false);
    let notice = item("content/notices/n.md", "content/notices/n.md", true);
    let mut s = Summary::new(Mode::BodyOnly);
    s.ok = true;
    s.first_ready = Duration::from_millis(60);
    s.saved = vec![course.clone()];
    let took = Duration::from_millis(900);
    assert_eq!(
        super::author_lines(&s, took, false),
        ["Saved course gender-audit (en): page updated in 0.06 s."]
    );
    s.held = vec![notice.clone()];
    assert_eq!(
        super::author_lines(&s, took, false)[1],
        "content/notices/n.md has errors (listed above): it is left out of the preview until they are fixed."
    );
    s.saved = vec![course.clone()];
    s.held = vec![course];
    assert_eq!(
        super::author_lines(&s, took, false),
        ["course gender-audit (en) has errors (listed above): the preview shows its last good version, with the errors on top, until they are fixed."]
    );
    s.ok = false;
    assert!(super::author_lines(&s, took, false)[0].starts_with(
        "Saved course gender-audit (en): the site has errors (listed above); the preview keeps the last good version of every page"
    ));
    s.ok = true;
    s.held.clear();
    s.saved.clear();
    assert_eq!(
        super::author_lines(&s, took, true),
        ["Built the site in 0.90 s."]
    );
}

// ---------------------------------------------------------------------------------------------
// Watching

#[test]
fn temp_files_are_ignored() {
    for name in [
        ".x.md.swp",
        "x.md.swp",
        "x.md.swx",
        "x.md~",
        "4913",
        ".#x.md",
        "#x.md#",
        "x.md.tmp",
        ".goutputstream-ABC123",
        "x.md___jb_tmp___",
        "x.md.kate-swp",
        ".DS_Store",
    ] {
        assert!(is_temp_file(name), "{name}");
    }
    for name in ["x.md", "index.fr.md", "topics.toml", "style.css", "4913.md"] {
        assert!(!is_temp_file(name), "{name}");
    }
}

#[test]
fn paths_are_classified_by_folder() {
    let k = |p: &str| classify(Path::new(p));
    assert_eq!(k("site.toml"), Some(ChangeKind::Config));
    assert_eq!(k("content/courses/x.md"), Some(ChangeKind::Content));
    assert_eq!(k("content/courses/newdir"), Some(ChangeKind::Content));
    assert_eq!(k("data/topics.toml"), Some(ChangeKind::Data));
    assert_eq!(k("templates/course.html"), Some(ChangeKind::Templates));
    assert_eq!(k("static/logo.svg"), Some(ChangeKind::Static));
    assert_eq!(k("i18n/fr.toml"), Some(ChangeKind::I18n));
    assert_eq!(
        k("themes/default/templates/base.html"),
        Some(ChangeKind::Theme)
    );
    assert_eq!(k("public/index.html"), None);
    assert_eq!(k("target/debug/x"), None);
    assert_eq!(k("content/site.toml"), Some(ChangeKind::Content));
    assert_eq!(k("other/site.toml"), None);
    assert_eq!(k("content/courses/x.md.swp"), None);
}

fn ev(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
    let mut e = Event::new(kind);
    for p in paths {
        e = e.add_path(PathBuf::from("/site").join(p));
    }
    Ok(e)
}

fn filter() -> Filter {
    Filter {
        root: PathBuf::from("/site"),
        out: PathBuf::from("/site/public"),
    }
}

fn quick() -> Debounce {
    Debounce {
        quiet: Duration::from_millis(40),
        settled: Duration::from_millis(10),
        max: Duration::from_millis(2000),
    }
}

#[test]
fn a_closed_file_ends_the_batch_sooner_than_an_open_one() {
    let d = Debounce {
        quiet: Duration::from_millis(1500),
        settled: Duration::from_millis(10),
        max: Duration::from_millis(3000),
    };
    let (x, y) = ("content/courses/x.md", "content/courses/y.md");
    let write = |tx: &mpsc::Sender<notify::Result<Event>>, p: &str, close: bool| {
        tx.send(ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &[p],
        ))
        .unwrap();
        if close {
            tx.send(ev(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &[p],
            ))
            .unwrap();
        }
    };
    // x written and closed; y 300 ms later: two batches (the save of x was complete).
    let (tx, rx) = mpsc::channel();
    let f = filter();
    let sender = std::thread::spawn(move || {
        write(&tx, x, true);
        std::thread::sleep(Duration::from_millis(300));
        write(&tx, y, true);
        tx
    });
    let first = f.next_batch(&rx, d, None).unwrap();
    assert_eq!(first.changes.keys().collect::<Vec<_>>(), [Path::new(x)]);
    let second = f.next_batch(&rx, d, None).unwrap();
    assert_eq!(second.changes.keys().collect::<Vec<_>>(), [Path::new(y)]);
    drop(sender.join());
    // x written but not closed yet: the batch waits for the quiet period and takes y too.
    let (tx, rx) = mpsc::channel();
    let sender = std::thread::spawn(move || {
        write(&tx, x, false);
        std::thread::sleep(Duration::from_millis(100));
        write(&tx, y, true);
        tx
    });
    let both = f.next_batch(&rx, d, None).unwrap();
    assert_eq!(both.changes.len(), 2, "{both:?}");
    drop(sender.join());
}

#[test]
fn a_burst_of_save_events_makes_one_batch() {
    let (tx, rx) = mpsc::channel();
    let f = filter();
    // vim with backupcopy=no: probe file, backup by rename, new file, write, close, chmod.
    let x = "content/courses/x.md";
    tx.send(ev(
        EventKind::Create(CreateKind::File),
        &["content/courses/4913"],
    ))
    .unwrap();
    tx.send(ev(
        EventKind::Remove(RemoveKind::File),
        &["content/courses/4913"],
    ))
    .unwrap();
    tx.send(ev(
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
        &[x, "content/courses/x.md~"],
    ))
    .unwrap();
    tx.send(ev(EventKind::Create(CreateKind::File), &[x]))
        .unwrap();
    tx.send(ev(
        EventKind::Modify(ModifyKind::Data(DataChange::Any)),
        &[x],
    ))
    .unwrap();
    tx.send(ev(
        EventKind::Access(AccessKind::Close(AccessMode::Write)),
        &[x],
    ))
    .unwrap();
    tx.send(ev(
        EventKind::Remove(RemoveKind::File),
        &["content/courses/x.md~"],
    ))
    .unwrap();
    // Noise: reads, the output folder, files outside the sources.
    tx.send(ev(
        EventKind::Access(AccessKind::Open(AccessMode::Any)),
        &["content/a.md"],
    ))
    .unwrap();
    tx.send(ev(
        EventKind::Create(CreateKind::File),
        &["public/en/index.html"],
    ))
    .unwrap();
    tx.send(ev(EventKind::Create(CreateKind::File), &["target/x"]))
        .unwrap();
    let batch = f.next_batch(&rx, quick(), None).unwrap();
    let want: BTreeMap<PathBuf, ChangeKind> = [(PathBuf::from(x), ChangeKind::Content)]
        .into_iter()
        .collect();
    assert_eq!(batch.changes, want);
    assert!(!batch.rescan);
    assert!(!batch.beyond_content());
}

#[test]
fn events_after_the_quiet_period_make_the_next_batch() {
    let (tx, rx) = mpsc::channel();
    let f = filter();
    let sender = std::thread::spawn(move || {
        tx.send(ev(EventKind::Modify(ModifyKind::Any), &["content/a.md"]))
            .unwrap();
        std::thread::sleep(Duration::from_millis(10));
        tx.send(ev(
            EventKind::Modify(ModifyKind::Any),
            &["data/topics.toml"],
        ))
        .unwrap();
        std::thread::sleep(Duration::from_millis(400));
        tx.send(ev(
            EventKind::Create(CreateKind::Folder),
            &["content/courses/new"],
        ))
        .unwrap();
        tx
    });
    let first = f.next_batch(&rx, quick(), None).unwrap();
    assert_eq!(first.changes.len(), 2, "{first:?}");
    assert!(first.beyond_content());
    let second = f.next_batch(&rx, quick(), None).unwrap();
    assert_eq!(
        second.changes.keys().collect::<Vec<_>>(),
        [Path::new("content/courses/new")]
    );
    drop(sender.join());
    // The channel is closed once the sender is gone: no more batches.
    assert!(f.next_batch(&rx, quick(), None).is_none());
}

#[test]
fn irrelevant_events_never_start_a_batch_and_errors_rescan() {
    let (tx, rx) = mpsc::channel();
    let f = filter();
    tx.send(ev(EventKind::Access(AccessKind::Read), &["content/a.md"]))
        .unwrap();
    tx.send(ev(
        EventKind::Modify(ModifyKind::Any),
        &["content/.a.md.swp"],
    ))
    .unwrap();
    tx.send(Err(notify::Error::generic("queue overflow")))
        .unwrap();
    let b = f.next_batch(&rx, quick(), None).unwrap();
    assert!(b.rescan && b.changes.is_empty() && !b.is_empty());
    // A deadline with no event: a rescan batch (the clock moved a course to another state).
    let t = Instant::now();
    let b = f
        .next_batch(
            &rx,
            quick(),
            Some(Instant::now() + Duration::from_millis(50)),
        )
        .unwrap();
    assert!(b.rescan);
    assert!(t.elapsed() >= Duration::from_millis(45));
}

// ---------------------------------------------------------------------------------------------
// Events sent to pages

fn snap(files: &[(&str, &str)], error: Option<&str>, generation: u64) -> Snapshot {
    Snapshot {
        files: Arc::new(
            files
                .iter()
                .map(|(k, v)| (Arc::from(*k), Arc::new(v.as_bytes().to_vec())))
                .collect(),
        ),
        overlay: error.map(|e| {
            Arc::new(crate::serve::overlay::Overlay {
                fragment: e.to_string(),
                page: e.to_string(),
            })
        }),
        generation,
    }
}

#[test]
fn only_pages_that_changed_are_told_to_reload() {
    let state = State::new();
    state.publish(snap(&[("a.html", "A"), ("b.html", "B")], None, 1));
    let (ta, ra) = mpsc::channel();
    let (tb, rb) = mpsc::channel();
    let (tn, rn) = mpsc::channel();
    state.subscribe(ta, Some("a.html".into()));
    state.subscribe(tb, Some("b.html".into()));
    state.subscribe(tn, None);
    assert_eq!(state.viewed(), ["a.html", "b.html"]);
    state.publish(snap(&[("a.html", "A2"), ("b.html", "B")], None, 2));
    assert!(ra.try_recv().unwrap().reload);
    assert!(!rb.try_recv().unwrap().reload);
    assert!(rn.try_recv().unwrap().reload);
    // Errors appear: everyone reloads (every page shows them); and again when they go.
    state.publish(snap(&[("a.html", "A2"), ("b.html", "B")], Some("err"), 3));
    assert!(ra.try_recv().unwrap().reload && rb.try_recv().unwrap().reload);
    state.publish(snap(&[("a.html", "A2"), ("b.html", "B")], None, 4));
    let e = rb.try_recv().unwrap();
    assert!(e.reload && e.generation == 4);
    assert!(ra.try_recv().unwrap().reload);
    // A closed tab is dropped at the next publication.
    drop(rb);
    state.publish(snap(&[("a.html", "A3"), ("b.html", "B")], None, 5));
    assert_eq!(state.viewed(), ["a.html"]);
    drop(rn);
}

// ---------------------------------------------------------------------------------------------
// Incremental rebuilds give what a full build gives

fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    for d in ["content", "data"] {
        copy_dir(&repo.join(d), &dir.path().join(d));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn batch(paths: &[&str]) -> Batch {
    let mut b = Batch::default();
    for p in paths {
        let kind = classify(Path::new(p)).expect("a source path");
        b.changes.insert(PathBuf::from(p), kind);
    }
    b
}

/// An engine for the site at `root` (clock fixed, served on a dummy port) after its first build.
fn warm_engine(root: &Path) -> (Engine, crate::Options, State, AtomicBool) {
    let mut opts = crate::Options::new(root, crate::parse_now("2025-08-20T10:00:00Z").unwrap());
    opts.base_url = Some("http://127.0.0.1:1/".into());
    let mut engine = Engine::new(opts.clone(), Some(opts.now));
    let state = State::new();
    let cancel = AtomicBool::new(false);
    assert!(engine.rebuild(None, &state, &cancel).ok);
    (engine, opts, state, cancel)
}

/// A full build of the sources of `opts` (by [`crate::build`], as `prospectus build` makes it)
/// into a fresh folder: whether it succeeded, what it reported, and every file it wrote but the
/// two that only a build folder has (its marker and the stamp of its next change), by path.
fn full_build(opts: &crate::Options) -> (bool, Vec<Diagnostic>, BTreeMap<String, Vec<u8>>) {
    let out = tempfile::tempdir().unwrap();
    let mut o = opts.clone();
    o.out = Some(out.path().join("public"));
    let report = crate::build(&o);
    let ok = report.outcome == crate::Outcome::Success;
    let mut files = BTreeMap::new();
    let public = out.path().join("public");
    // (A build with errors writes nothing.)
    for e in walkdir::WalkDir::new(&public).into_iter().filter(|_| ok) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(&public).unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == crate::render::registry::STAMP || rel == crate::output::target::MARKER {
            continue;
        }
        files.insert(rel, std::fs::read(e.path()).unwrap());
    }
    (ok, report.diagnostics, files)
}

/// Checks the engine's outputs against a full build of the same sources.
fn assert_same_as_full(engine: &Engine, opts: &crate::Options, what: &str) {
    let (ok, diagnostics, full) = full_build(opts);
    assert!(ok, "{what}: the full build fails: {diagnostics:?}");
    let inc = engine.files();
    let inc_keys: Vec<&str> = inc.keys().map(|k| &**k).collect();
    let full_keys: Vec<&str> = full.keys().map(String::as_str).collect();
    assert_eq!(inc_keys, full_keys, "{what}: not the same files");
    for (k, v) in &full {
        if inc[k.as_str()].as_slice() != v.as_slice() {
            panic!(
                "{what}: {k} differs from a full build\n--- incremental ---\n{}\n--- full ---\n{}",
                String::from_utf8_lossy(&inc[k.as_str()]),
                String::from_utf8_lossy(v)
            );
        }
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    let new = f(text.clone());
    assert_ne!(text, new, "the edit of {rel} changed nothing");
    std::fs::write(p, new).unwrap();
}

/// One edit of the example site: what it is, the paths it changes, the mode the rebuild
/// should take, and the change.
type Step = (&'static str, Vec<&'static str>, Mode, Box<dyn Fn(&Path)>);

/// The edits [`incremental_rebuilds_match_full_builds`] makes, in order.
fn edit_steps() -> Vec<Step> {
    let mut steps = content_edits();
    steps.extend(file_edits());
    steps
}

/// The edits of bodies and front matter.
fn content_edits() -> Vec<Step> {
    let course = "content/courses/introduction-labour-standards.md";
    let course_fr = "content/courses/introduction-labour-standards.fr.md";
    let notice = "content/notices/stata-course-cancelled.md";
    let stata = "content/courses/stata-labour-market-analysis.md";
    vec![
        (
            "a body edit",
            vec![course],
            Mode::BodyOnly,
            Box::new(move |r| edit(r, course, |t| t + "\nA new paragraph BODYEDIT.\n")),
        ),
        (
            "a body edit of a translation",
            vec![course_fr],
            Mode::BodyOnly,
            Box::new(move |r| edit(r, course_fr, |t| t + "\nUn paragraphe FREDIT.\n")),
        ),
        (
            "a title edit",
            vec![course],
            Mode::Content,
            Box::new(move |r| {
                edit(r, course, |t| {
                    t.replacen("title = \"", "title = \"Renamed ", 1)
                })
            }),
        ),
        (
            // Same items in the same order and the same jobs: the plan is kept.
            "a topic added to a course",
            vec![stata],
            Mode::Content,
            Box::new(move |r| {
                edit(r, stata, |t| {
                    t.replacen(
                        "topics = [\"employment-policy\"]",
                        "topics = [\"employment-policy\", \"skills-development\"]",
                        1,
                    )
                })
            }),
        ),
        (
            // The course moves to the end of the catalogue: every job names other items.
            "a date edit that reorders the catalogue",
            vec![stata],
            Mode::Content,
            Box::new(move |r| {
                edit(r, stata, |t| {
                    t.replacen("start = 2025-10-13", "start = 2031-03-03", 1)
                        .replacen("end = 2025-11-21", "end = 2031-04-11", 1)
                })
            }),
        ),
        (
            "a notice naming another course",
            vec![notice],
            Mode::Content,
            Box::new(move |r| {
                edit(r, notice, |t| {
                    let i = t.find("related_courses").expect("the notice names courses");
                    let end = i + t[i..].find('\n').unwrap();
                    format!("{}related_courses = [\"S9701011\"]{}", &t[..i], &t[end..])
                })
            }),
        ),
    ]
}

/// The edits of files added, removed, of data and of attachments.
fn file_edits() -> Vec<Step> {
    let course = "content/courses/introduction-labour-standards.md";
    vec![
        (
            "a new course file",
            vec!["content/courses/extra-course.md"],
            Mode::Content,
            Box::new(move |r| {
                let text = std::fs::read_to_string(r.join(course)).unwrap().replacen(
                    "code = \"S9701011\"",
                    "code = \"A9000001\"",
                    1,
                );
                std::fs::write(r.join("content/courses/extra-course.md"), text).unwrap();
            }),
        ),
        (
            "a deleted course file",
            vec!["content/courses/extra-course.md"],
            Mode::Content,
            Box::new(|r| std::fs::remove_file(r.join("content/courses/extra-course.md")).unwrap()),
        ),
        (
            "a data change",
            vec!["data/topics.toml"],
            Mode::Full,
            Box::new(|r| edit(r, "data/topics.toml", |t| t + "\n")),
        ),
        (
            "an attachment",
            vec!["content/courses/monitoring-evaluation-certification/parcours.svg"],
            Mode::BodyOnly,
            Box::new(|r| {
                edit(
                    r,
                    "content/courses/monitoring-evaluation-certification/parcours.svg",
                    |t| t.replacen("<svg", "<svg data-edited=\"1\"", 1),
                )
            }),
        ),
    ]
}

#[test]
fn incremental_rebuilds_match_full_builds() {
    let dir = example_site();
    let root = dir.path().canonicalize().unwrap();
    let mut opts = crate::Options::new(&root, crate::parse_now("2025-08-20T10:00:00Z").unwrap());
    opts.base_url = Some("http://127.0.0.1:1/".into());
    opts.render.live_reload = Some(super::server::LIVE_JS.into());
    let fixed = Some(opts.now);
    let mut engine = Engine::new(opts.clone(), fixed);
    let state = State::new();
    let cancel = AtomicBool::new(false);
    let s = engine.rebuild(None, &state, &cancel);
    assert!(s.ok, "{:?}", s.diagnostics);
    assert_same_as_full(&engine, &opts, "first build");

    for (what, paths, mode, change) in edit_steps() {
        change(&root);
        let s = engine.rebuild(Some(&batch(&paths)), &state, &cancel);
        assert!(s.ok, "{what}: {:?}", s.diagnostics);
        assert_eq!(s.mode, mode, "{what}");
        assert!(!s.interrupted);
        assert_same_as_full(&engine, &opts, what);
    }
}

#[test]
fn a_broken_file_keeps_the_last_good_pages_and_recovers() {
    let dir = example_site();
    let root = dir.path().canonicalize().unwrap();
    let (mut engine, opts, state, cancel) = warm_engine(&root);
    let good = Arc::clone(engine.files());
    let course = "content/courses/introduction-labour-standards.md";
    let original = std::fs::read_to_string(root.join(course)).unwrap();
    std::fs::write(
        root.join(course),
        original.replacen("title = \"", "title = = \"", 1),
    )
    .unwrap();
    let s = engine.rebuild(Some(&batch(&[course])), &state, &cancel);
    assert!(
        s.ok,
        "published with the file set back: {:?}",
        s.diagnostics
    );
    assert_eq!(held(&s), [course]);
    let snap = state.snapshot();
    let overlay = snap.overlay.as_deref().expect("an overlay");
    assert!(overlay.fragment.contains(course), "{}", overlay.fragment);
    let differ: Vec<&str> = good
        .iter()
        // (The calendars' state file records the build's history, not a page.)
        .filter(|(k, v)| &***k != ".prospectus/state.json" && snap.files.get(*k) != Some(*v))
        .map(|(k, _)| &**k)
        .collect();
    assert!(
        differ.is_empty() && snap.files.len() == good.len(),
        "the course at its last good version: the same pages; these differ: {differ:?}"
    );
    // A body edit while broken, then the fix: the pages come back up to date.
    std::fs::write(root.join(course), original.clone() + "\nFIXED-BODY\n").unwrap();
    let s = engine.rebuild(Some(&batch(&[course])), &state, &cancel);
    assert!(s.ok, "{:?}", s.diagnostics);
    assert!(s.held.is_empty());
    assert!(state.snapshot().overlay.is_none());
    assert_same_as_full(&engine, &opts, "after the fix");
}

#[test]
fn phase_two_stops_when_new_changes_arrive_and_is_redone() {
    let dir = example_site();
    let root = dir.path().canonicalize().unwrap();
    let mut opts = crate::Options::new(&root, crate::parse_now("2025-08-20T10:00:00Z").unwrap());
    opts.base_url = Some("http://127.0.0.1:1/".into());
    let mut engine = Engine::new(opts.clone(), Some(opts.now));
    let state = State::new();
    assert!(engine.rebuild(None, &state, &AtomicBool::new(false)).ok);
    let course = "content/courses/introduction-labour-standards.md";
    edit(&root, course, |t| {
        t.replacen("title = \"", "title = \"Stopped ", 1)
    });
    let s = engine.rebuild(Some(&batch(&[course])), &state, &AtomicBool::new(true));
    assert!(s.interrupted && s.ok);
    assert!(s.first > 0, "the changed pages are served anyway");
    let page = String::from_utf8_lossy(
        &engine.files()["en/courses/introduction-labour-standards/index.html"],
    )
    .into_owned();
    assert!(page.contains("Stopped "));
    // The next rebuild (here for an unrelated body edit) finishes what was left.
    let other = "content/courses/vocational-training-centres.md";
    edit(&root, other, |t| t + "\nMore.\n");
    let s = engine.rebuild(Some(&batch(&[other])), &state, &AtomicBool::new(false));
    assert!(s.ok && !s.interrupted);
    assert_same_as_full(&engine, &opts, "after an interrupted rebuild");
}

/// The paths of the files a rebuild set back.
fn held(s: &Summary) -> Vec<&str> {
    s.held.iter().map(|h| h.rel.as_str()).collect()
}

/// Diagnostics as comparable lines (code, place, message), sorted.
fn diag_lines(diags: &[Diagnostic]) -> Vec<String> {
    let mut v: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{} {}",
                d.code,
                d.file.as_deref().unwrap_or("-"),
                d.line,
                d.col,
                d.message
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn items_reused_after_an_edit_keep_what_they_reported() {
    let dir = example_site();
    let root = dir.path().canonicalize().unwrap();
    let (mut engine, opts, state, cancel) = warm_engine(&root);
    let broken = "content/courses/introduction-labour-standards.md";
    let other = "content/courses/stata-labour-market-analysis.md";
    let full_diags = |what: &str| {
        let (_, diagnostics, _) = full_build(&opts);
        assert!(!diagnostics.is_empty(), "{what}: the full build reports");
        diag_lines(&diagnostics)
    };
    // An item that cannot be assembled (unknown topic): the build fails; serve sets the file
    // back to its last good version and reports the same errors as a full build.
    let errors = |d: &[Diagnostic]| {
        let e: Vec<Diagnostic> = d.iter().filter(|d| d.is_error()).cloned().collect();
        diag_lines(&e)
    };
    edit(&root, broken, |t| {
        t.replacen(
            "topics = [\"labour-standards\"]",
            "topics = [\"no-such-topic\"]",
            1,
        )
    });
    let s = engine.rebuild(Some(&batch(&[broken])), &state, &cancel);
    assert!(s.ok, "{:?}", s.diagnostics);
    assert_eq!(held(&s), [broken]);
    let (_, full, _) = full_build(&opts);
    assert!(!errors(&full).is_empty(), "the full build fails");
    assert_eq!(errors(&s.diagnostics), errors(&full), "broken");
    assert!(diag_lines(&s.diagnostics)
        .iter()
        .any(|l| l.contains("no-such-topic") && l.contains(broken)));
    // Another course's front matter changes: its pages follow, the broken one stays set
    // back, and its error is still reported, as a full build reports it.
    edit(&root, other, |t| {
        t.replacen("title = \"", "title = \"Renamed ", 1)
    });
    let s = engine.rebuild(Some(&batch(&[other])), &state, &cancel);
    assert!(s.ok, "{:?}", s.diagnostics);
    assert_eq!(s.mode, Mode::Content);
    assert_eq!(held(&s), [broken]);
    let (_, full, _) = full_build(&opts);
    assert_eq!(errors(&s.diagnostics), errors(&full), "other edited");
    let page = String::from_utf8_lossy(
        &engine.files()["en/courses/stata-labour-market-analysis/index.html"],
    )
    .into_owned();
    assert!(page.contains("Renamed "), "the other course is up to date");
    // The fix: everything as a full build makes it.
    edit(&root, broken, |t| {
        t.replacen("\"no-such-topic\"", "\"labour-standards\"", 1)
    });
    let s = engine.rebuild(Some(&batch(&[broken])), &state, &cancel);
    assert!(s.ok, "{:?}", s.diagnostics);
    assert_eq!(diag_lines(&s.diagnostics), full_diags("fixed"), "fixed");
    assert_same_as_full(&engine, &opts, "after the fix");
}

#[test]
fn a_front_matter_edit_that_changes_the_list_of_pages_renders_them_all() {
    // Page size 10: the example's calendar is split into months. Moving a deadline into a
    // month without entries adds that month's page (same items, same order: phase 1 uses the
    // plan it has, phase 2 the new one); moving it back removes the page.
    let dir = example_site();
    let root = dir.path().canonicalize().unwrap();
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        toml + "\n[catalogue]\npage_size = 10\n",
    )
    .unwrap();
    let (mut engine, opts, state, cancel) = warm_engine(&root);
    let july = "en/calendar/2025-07/index.html";
    assert!(
        engine
            .files()
            .contains_key("en/calendar/2025-08/index.html"),
        "the calendar is split: {:?}",
        engine
            .files()
            .keys()
            .filter(|k| k.contains("calendar"))
            .collect::<Vec<_>>()
    );
    // (A course that is not cancelled: a cancelled one has no deadline entry.)
    let course = "content/courses/social-dialogue-evening-course.md";
    let steps: [(&str, &str, bool); 2] = [
        ("deadline = 2025-09-30", "deadline = 2025-07-30", true),
        ("deadline = 2025-07-30", "deadline = 2025-09-30", false),
    ];
    for (from, to, has_july) in steps {
        let had_july = engine.files().contains_key(july);
        edit(&root, course, |t| t.replacen(from, to, 1));
        let s = engine.rebuild(Some(&batch(&[course])), &state, &cancel);
        assert!(s.ok, "{:?}", s.diagnostics);
        assert_eq!(s.mode, Mode::Content);
        assert_eq!(engine.files().contains_key(july), has_july, "{to}");
        assert_ne!(had_july, has_july, "{to}: the edit changes the months");
        assert_same_as_full(&engine, &opts, to);
    }
}

/// `serve` plans every rebuild through the same check as `build`: however the site changes
/// (a front-matter edit reusing the other items, a new page, a static file, an attachment),
/// two sources for one address stop the rebuild, nothing of the clash is published and the
/// last good pages stay. (After a front-matter edit that keeps the list of items, the edited
/// item's own pages, whose addresses did not change, are published before the new plan is
/// checked: the same files as before, from the same sources.)
#[test]
fn serve_refuses_two_sources_for_one_address_after_any_edit() {
    let dir = example_site();
    let root = dir.path().canonicalize().unwrap();
    let (mut engine, opts, state, cancel) = warm_engine(&root);
    let other = "en/courses/vocational-training-centres/index.html";
    let good = Arc::clone(engine.files());
    let refused = |engine: &mut Engine, paths: &[&str], code: &str| {
        let s = engine.rebuild(Some(&batch(paths)), &state, &cancel);
        assert!(!s.ok, "{paths:?}: {:?}", s.diagnostics);
        assert!(
            s.diagnostics.iter().any(|d| d.code == code),
            "{paths:?}: {:?}",
            s.diagnostics
        );
        let snap = state.snapshot();
        assert!(snap.overlay.is_some());
        assert!(
            snap.files.keys().eq(good.keys()),
            "{paths:?}: the same files as before"
        );
        assert!(
            String::from_utf8_lossy(&snap.files[other])
                .contains("Management of vocational training centres</h1>"),
            "{paths:?}: the other course's page is still its page"
        );
    };
    // An alias taking another course's address, added to a course in place.
    let course = "content/courses/introduction-labour-standards.md";
    let original = std::fs::read_to_string(root.join(course)).unwrap();
    edit(&root, course, |t| {
        t.replacen(
            "+++\n",
            "+++\naliases = [\"/en/courses/vocational-training-centres/\"]\n",
            1,
        )
    });
    refused(&mut engine, &[course], "duplicate-address");
    std::fs::write(root.join(course), &original).unwrap();
    assert!(engine.rebuild(Some(&batch(&[course])), &state, &cancel).ok);
    // A new page at the calendar's address.
    let page = "content/calendar.md";
    std::fs::write(root.join(page), "+++\ntitle = \"Calendar\"\n+++\nMine.\n").unwrap();
    refused(&mut engine, &[page], "reserved-address");
    std::fs::remove_file(root.join(page)).unwrap();
    assert!(engine.rebuild(Some(&batch(&[page])), &state, &cancel).ok);
    // A static file at a generated address.
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/sitemap.xml"), "<urlset/>").unwrap();
    refused(&mut engine, &["static/sitemap.xml"], "duplicate-address");
    std::fs::remove_file(root.join("static/sitemap.xml")).unwrap();
    assert!(
        engine
            .rebuild(Some(&batch(&["static/sitemap.xml"])), &state, &cancel)
            .ok
    );
    // An attachment named like its course's page.
    let bundle = "content/courses/monitoring-evaluation-certification/index.html";
    std::fs::write(root.join(bundle), "<p>old export</p>").unwrap();
    refused(&mut engine, &[bundle], "duplicate-address");
    std::fs::remove_file(root.join(bundle)).unwrap();
    let s = engine.rebuild(Some(&batch(&[bundle])), &state, &cancel);
    assert!(s.ok, "{:?}", s.diagnostics);
    assert_same_as_full(&engine, &opts, "after the clashes are gone");
}
