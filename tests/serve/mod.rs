//! `prospectus serve` as a user runs it: a real server process on a free port of 127.0.0.1,
//! driven over plain TCP (raw request lines, so that no client tidies the paths up), while the
//! test edits, breaks and fixes the site's files.

mod port;
mod preview;

use crate::support::{Site, NOW};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Bound of every wait: the first build of a debug binary on a busy machine takes a while, a
/// rebuild much less.
const WAIT: Duration = Duration::from_secs(60);

const COURSE: &str = "content/courses/introduction-labour-standards.md";
const COURSE_URL: &str = "/en/courses/introduction-labour-standards/";
/// The id of the error overlay `serve` puts on its pages.
const OVERLAY: &str = "id=\"prospectus-overlay\"";

/// The server process; killed when dropped, also when a test fails.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    /// Everything the server printed (stdout and stderr), for failure messages.
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub(crate) fn start(site: &Site) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts the server with more arguments (`--verbose`).
    pub(crate) fn start_with(site: &Site, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prospectus"))
            .arg("serve")
            .arg("--root")
            .arg(&site.root)
            .args(["--port", "0", "--now", NOW])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start prospectus serve");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel::<String>();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let l = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                l.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        let l = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                l.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log,
        };
        let deadline = Instant::now() + WAIT;
        while server.port == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("Serving on http://127.0.0.1:") {
                        server.port = rest.trim_end_matches('/').parse().expect("a port");
                    }
                }
                Err(_) => panic!(
                    "the server did not say where it serves within {WAIT:?}:\n{}",
                    server.log()
                ),
            }
        }
        server
    }

    pub(crate) fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The server process's resident memory now, in KiB (Linux).
    pub(crate) fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        self.raw(&format!(
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ))
    }

    /// Sends a request as written and reads the whole answer.
    pub(crate) fn raw(&self, request: &str) -> Response {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(request.as_bytes()).expect("send");
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).expect("read the answer");
        Response::parse(&buf)
    }

    /// Waits until `f` accepts the answer to `GET path`; panics with the server's log after
    /// [`WAIT`].
    pub(crate) fn poll(&self, path: &str, what: &str, f: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + WAIT;
        loop {
            let r = self.get(path);
            if f(&r) {
                return r;
            }
            if Instant::now() > deadline {
                panic!(
                    "{what}: not seen at {path} within {WAIT:?}; last answer {} {}\n--- server log ---\n{}",
                    r.status,
                    r.body.chars().take(2000).collect::<String>(),
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens the live-reload stream of a page; its lines arrive on the channel.
    fn events(&self, page: &str) -> mpsc::Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(WAIT)).unwrap();
        let page: String = page.bytes().map(|b| format!("%{b:02X}")).collect();
        write!(
            s,
            "GET /__prospectus/events?page={page} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        )
        .expect("send");
        let mut reader = BufReader::new(s);
        let mut status = String::new();
        reader.read_line(&mut status).expect("status line");
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("header");
            if line.trim().is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "{head}"
        );
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        rx
    }
}

pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: String,
}

impl Response {
    pub(crate) fn parse(buf: &[u8]) -> Response {
        let text = String::from_utf8_lossy(buf).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Response {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    pub(crate) fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

/// Waits for a line on an events stream.
fn wait_for_event(rx: &mpsc::Receiver<String>, line: &str, server: &Server) {
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(l) if l == line => return,
            Ok(l) => seen.push(l),
            Err(_) => panic!(
                "no `{line}` on the events stream within {WAIT:?} (saw {seen:?})\n--- server log ---\n{}",
                server.log()
            ),
        }
    }
}

#[test]
fn serve_follows_edits_shows_errors_and_recovers() {
    let site = Site::example();
    let server = Server::start(&site);
    let original = site.read(COURSE);

    let page = server.get(COURSE_URL);
    assert_eq!(page.status, 200, "{}", server.log());
    assert!(page
        .body
        .contains("Introduction to international labour standards"));
    assert!(
        page.body
            .contains(r#"<script src="/__prospectus/live.js" defer></script>"#),
        "pages load the live-reload script"
    );
    let events = server.events(COURSE_URL);

    // An edit: the new text is served, and the open page is told to reload.
    site.write(
        COURSE,
        format!("{original}\nA paragraph added while serving: MARKER-ONE.\n"),
    );
    server.poll(COURSE_URL, "the edited text", |r| {
        r.status == 200 && r.body.contains("MARKER-ONE")
    });
    wait_for_event(&events, "event: reload", &server);

    // A broken front matter: the page keeps its last good version, with the overlay listing
    // the error (file, line, message, quoted line) on top; so do the other pages.
    let broken = original.replacen("title = \"", "title = = \"", 1);
    site.write(COURSE, &broken);
    let line = broken
        .lines()
        .position(|l| l.starts_with("title = = "))
        .expect("the broken line")
        + 1;
    let err = server.poll(COURSE_URL, "the overlay", |r| {
        r.status == 200 && r.body.contains(OVERLAY)
    });
    assert!(err.body.contains("MARKER-ONE"), "the last good version");
    let place = format!("<code>{COURSE}:{line}</code>");
    assert!(err.body.contains(&place), "{place} in\n{}", err.body);
    assert!(err.body.contains("title = = "), "the line is quoted");
    assert!(
        err.body.contains("/__prospectus/live.js"),
        "the page still reloads itself"
    );
    wait_for_event(&events, "event: reload", &server);
    let other = server.get("/en/notices/");
    assert_eq!(other.status, 200, "other pages are served");
    assert!(other.body.contains(OVERLAY), "with the errors on top");
    let icon = server.get("/assets/icon.svg");
    assert_eq!(icon.status, 200, "non-page files are still served");
    assert!(!icon.body.contains(OVERLAY));
    assert!(server.child_alive(), "the server survives bad content");

    // Fixed: the page comes back, with the latest text and no overlay.
    site.write(COURSE, format!("{original}\nFixed again: MARKER-TWO.\n"));
    server.poll(COURSE_URL, "the page after the fix", |r| {
        r.status == 200
            && r.body.contains("MARKER-TWO")
            && !r.body.contains("MARKER-ONE")
            && !r.body.contains(OVERLAY)
    });
    wait_for_event(&events, "event: reload", &server);
    assert!(!server.get("/en/notices/").body.contains(OVERLAY));

    // A title change reaches the lists too.
    site.write(
        COURSE,
        original.replacen("title = \"", "title = \"Renamed MARKER-THREE ", 1),
    );
    server.poll("/en/courses/", "the new title in the catalogue", |r| {
        r.status == 200 && r.body.contains("Renamed MARKER-THREE")
    });
    let log = server.log();
    assert!(
        log.contains("Saved course introduction-labour-standards (en): page updated in "),
        "what was saved and how soon it was served:\n{log}"
    );
    assert!(
        !log.contains(" ms"),
        "the developer's detail only with --verbose:\n{log}"
    );
}

impl Server {
    fn child_alive(&self) -> bool {
        // `try_wait` needs `&mut`; a request that is answered proves the process is up.
        TcpStream::connect(("127.0.0.1", self.port)).is_ok()
    }
}

#[test]
fn serve_answers_only_from_the_output_with_the_right_types() {
    let site = Site::example();
    let server = Server::start(&site);

    // Nothing outside the output, however the path is spelled.
    for target in [
        "/../Cargo.toml",
        "/../../Cargo.toml",
        "/en/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/Cargo.toml",
        "/%252e%252e/Cargo.toml",
        "/%252e%252e/%252e%252e/Cargo.toml",
        "/..%5c..%5cCargo.toml",
        "/..%2f..%2fCargo.toml",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..\\..\\Cargo.toml",
        "//etc/passwd",
        "/site.toml",
        "/content/courses/introduction-labour-standards.md",
        "/../site/site.toml",
    ] {
        let r = server.raw(&format!(
            "GET {target} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            server.port
        ));
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: {} {}",
            r.status,
            r.head
        );
        assert!(
            !r.body.contains("[package]")
                && !r.body.contains("root:")
                && !r.body.contains("base_url")
                && !r.body.contains("+++"),
            "{target} leaked a file:\n{}",
            r.body
        );
    }
    let up = server.get("/../Cargo.toml");
    assert_eq!(up.status, 400, "`..` is refused outright");

    // Folders, redirects, the site's 404 page.
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let r = server.get("/en");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location").as_deref(), Some("/en/"));
    let missing = server.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.body,
        server.get("/404.html").body,
        "the site's 404 page"
    );

    // Content types (the stylesheet and scripts have fingerprinted names, read from a page).
    let home = server.get("/en/").body;
    let named = |prefix: &str| {
        let at = home
            .find(prefix)
            .unwrap_or_else(|| panic!("{prefix} in /en/"));
        let end = home[at..].find('"').expect("a quoted address");
        home[at..at + end].to_string()
    };
    let (css, js) = (named("/assets/style."), named("/assets/prospectus."));
    for (path, ty) in [
        ("/en/", "text/html; charset=utf-8"),
        (css.as_str(), "text/css; charset=utf-8"),
        (js.as_str(), "text/javascript; charset=utf-8"),
        ("/__prospectus/live.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        (
            "/en/notices/atom.xml",
            "application/atom+xml; charset=utf-8",
        ),
        ("/en/calendar.ics", "text/calendar; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type").as_deref(), Some(ty), "{path}");
    }
    let js = server.get("/__prospectus/live.js");
    assert!(js.body.contains("EventSource") && js.body.contains("reload"));
    let post = server.raw(&format!(
        "POST / HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\n\r\n",
        server.port
    ));
    assert_eq!(post.status, 405);
}

#[test]
fn serve_answers_a_burst_of_a_thousand_requests() {
    let site = Site::example();
    let server = Server::start(&site);
    server.poll("/en/", "the home page", |r| r.status == 200);
    let pages = [
        "/en/",
        "/fr/courses/",
        "/en/courses/gender-audit-certification/",
        "/ar/calendar/",
        "/favicon.ico",
        "/en/calendar.ics",
        "/missing/",
    ];
    let started = Instant::now();
    let port = server.port;
    // Four clients at once, 250 requests each, all on loopback; every one must be answered.
    let workers: Vec<_> = (0..4)
        .map(|w| {
            std::thread::spawn(move || {
                let mut statuses = Vec::new();
                for i in 0..250 {
                    let path = pages[(w + i) % pages.len()];
                    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                    s.write_all(
                        format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
                    )
                    .expect("send");
                    let mut buf = Vec::new();
                    s.read_to_end(&mut buf).expect("read the answer");
                    statuses.push((path, Response::parse(&buf).status));
                }
                statuses
            })
        })
        .collect();
    let mut answered = 0;
    for w in workers {
        for (path, status) in w.join().expect("client thread") {
            let expected = if path == "/missing/" { 404 } else { 200 };
            assert_eq!(
                status,
                expected,
                "{path}\n--- server log ---\n{}",
                server.log()
            );
            answered += 1;
        }
    }
    assert_eq!(answered, 1000);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}
