//! Requests built to abuse `prospectus serve`: a huge request head, more header fields than
//! any browser sends, a path that would redirect to another host, and pages of other sites
//! whose name was made to resolve to 127.0.0.1 (DNS rebinding). The server runs as a user
//! runs it (a real process on loopback); every request loop here is bounded.

use crate::serve::{Response, Server};
use crate::support::Site;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

/// Sends `head` (a request head without its final blank line) followed by `filler` bytes of
/// one header field, then reads what comes back (possibly nothing: the server may close).
fn flood(server: &Server, filler: usize) -> Option<Response> {
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Big: ",
        server.port
    );
    let mut ok = s.write_all(head.as_bytes()).is_ok();
    let chunk = vec![b'a'; 1 << 20];
    let mut sent = 0;
    while ok && sent < filler {
        let n = chunk.len().min(filler - sent);
        ok = s.write_all(&chunk[..n]).is_ok();
        sent += n;
    }
    if ok {
        let _ = s.write_all(b"\r\n\r\n");
    }
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    (!buf.is_empty()).then(|| Response::parse(&buf))
}

#[test]
fn a_huge_request_head_is_refused_without_holding_memory() {
    let site = Site::fixture("base");
    let server = Server::start(&site);
    server.poll("/en/", "the home page", |r| r.status == 200);
    // Just over the bound: the answer says why.
    let r = flood(&server, 100 * 1024).expect("an answer");
    assert_eq!(r.status, 431, "{}", r.head);
    let before = server.rss_kib();
    // 128 MB of one header field, three times.
    for _ in 0..3 {
        if let Some(r) = flood(&server, 128 << 20) {
            assert_eq!(r.status, 431, "{}", r.head);
        }
    }
    let after = server.rss_kib();
    assert!(
        after < before + 32 * 1024,
        "the server grew from {before} KiB to {after} KiB"
    );
    assert_eq!(server.get("/en/").status, 200, "and it still answers");
}

#[test]
fn more_header_fields_than_a_browser_sends_are_refused() {
    let site = Site::fixture("base");
    let server = Server::start(&site);
    server.poll("/en/", "the home page", |r| r.status == 200);
    let mut req = format!("GET /en/ HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n", server.port);
    for i in 0..1000 {
        req.push_str(&format!("X-{i}: 1\r\n"));
    }
    req.push_str("\r\n");
    assert_eq!(server.raw(&req).status, 431);
}

#[test]
fn a_doubled_slash_redirects_on_this_server_only() {
    let site = Site::fixture("base");
    let server = Server::start(&site);
    server.poll("/en/", "the home page", |r| r.status == 200);
    for (target, location) in [
        ("//en", "/en/"),
        ("///en", "/en/"),
        ("//en?x=1", "/en/?x=1"),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 301, "{target}: {}", r.head);
        assert_eq!(r.header("location").as_deref(), Some(location), "{target}");
    }
}

#[test]
fn requests_for_another_host_are_refused() {
    let site = Site::fixture("base");
    site.write(
        "content/secret.md",
        "+++\ntitle = \"Plans\"\n+++\nNot public yet.\n",
    );
    let server = Server::start(&site);
    server.poll("/en/", "the home page", |r| r.status == 200);
    let port = server.port;
    for host in [
        format!("Host: attacker.example:{port}\r\n"),
        format!("Host: 127.0.0.1.attacker.example:{port}\r\n"),
        format!("Host: localhost:{}\r\n", port.wrapping_add(1)),
        String::new(),
    ] {
        for path in ["/en/", "/en/secret/", "/__prospectus/events?page=/en/"] {
            let r = server.raw(&format!("GET {path} HTTP/1.0\r\n{host}\r\n"));
            assert_eq!(r.status, 421, "{host:?} {path}: {}", r.head);
            assert!(!r.body.contains("<html"), "{host:?} {path}: {}", r.body);
        }
    }
    for host in ["127.0.0.1", "localhost", "[::1]"] {
        let r = server.raw(&format!("GET /en/ HTTP/1.0\r\nHost: {host}:{port}\r\n\r\n"));
        assert_eq!(r.status, 200, "{host}: {}", r.head);
    }
}
