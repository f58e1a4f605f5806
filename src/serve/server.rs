//! What `serve` answers: from the in-memory build only, on 127.0.0.1 (the connections are
//! [`super::http`]'s).
//!
//! A request whose `Host` is not this server (127.0.0.1, localhost or [::1] with its port) is
//! refused with 421 before anything else: a page of another site whose name was made to
//! resolve to 127.0.0.1 (DNS rebinding) must not read the preview, drafts included.
//!
//! A request path is percent-decoded exactly once and then must be a plain `/`-separated path
//! (no `.` or `..` segment, no backslash, no control character); it is then looked up as a key of
//! the build's map of output files. Nothing is ever read from disk here, so nothing outside the
//! output can be served, whatever the encoding tricks.

use super::http::{Reply, Request, Response};
use super::{overlay, State};
use std::io::Write as _;
use std::net::TcpStream;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// URL of the live-reload script that the pages include when served.
pub const LIVE_JS: &str = "/__prospectus/live.js";
/// URL of the server-sent events stream the script listens to.
pub const EVENTS: &str = "/__prospectus/events";

/// The live-reload script: reloads on a `reload` event, and after the server comes back from a
/// restart (the stream broke and reopened).
pub const LIVE_SCRIPT: &str = r#"(() => {
  let broken = false;
  const es = new EventSource("/__prospectus/events?page=" + encodeURIComponent(location.pathname));
  es.addEventListener("reload", () => location.reload());
  es.onerror = () => { broken = true; };
  es.onopen = () => { if (broken) location.reload(); };
})();
"#;

/// A message for an events stream after a rebuild.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// The stream's page changed: reload it (otherwise a `rebuilt` event, which pages ignore).
    pub reload: bool,
    pub generation: u64,
}

/// How often an idle event stream gets a comment line, so that closed tabs are noticed.
const PING: Duration = Duration::from_secs(15);

/// Why a request path is refused (400).
#[derive(Debug, PartialEq, Eq)]
pub enum BadPath {
    /// Not an origin-form target (`/…`): absolute URLs, `*`, empty.
    NotAbsolutePath,
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// Decodes to bytes that are not UTF-8.
    NotUtf8,
    /// A `.` or `..` segment, a backslash, a NUL or another control character.
    Traversal,
}

/// Decodes `%XX` escapes once; `None` for a malformed escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let h = bytes.get(i + 1).and_then(|&b| hex(b))?;
            let l = bytes.get(i + 2).and_then(|&b| hex(b))?;
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Decodes a request target's path once: `/a%20b/?x=1` → `/a b/`. Refuses anything that could
/// name a place above the output (see [`BadPath`]).
pub fn decode_path(target: &str) -> Result<String, BadPath> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Err(BadPath::NotAbsolutePath);
    }
    let out = percent_decode(raw).ok_or(BadPath::BadEscape)?;
    let path = String::from_utf8(out).map_err(|_| BadPath::NotUtf8)?;
    if path.chars().any(|c| c == '\\' || c.is_control())
        || path.split('/').any(|seg| seg == "." || seg == "..")
    {
        return Err(BadPath::Traversal);
    }
    Ok(path)
}

/// What a decoded path maps to in the build.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A key of the output map.
    File(String),
    /// A folder named without its trailing slash: redirect to `path/`.
    AddSlash,
    NotFound,
}

/// Maps a decoded path (from [`decode_path`]) to an output key: folders to their `index.html`.
pub fn lookup(path: &str, has: impl Fn(&str) -> bool) -> Target {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        let key = format!("{rel}index.html");
        return if has(&key) {
            Target::File(key)
        } else {
            Target::NotFound
        };
    }
    if has(rel) {
        Target::File(rel.to_string())
    } else if has(&format!("{rel}/index.html")) {
        Target::AddSlash
    } else {
        Target::NotFound
    }
}

/// The `Content-Type` of an output file, from its name.
pub fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    if name == "atom.xml" || name.ends_with(".atom") {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Whether a request is for a page (rather than a style sheet, script, image, …): a page with
/// no good version gets the overlay's error page while the content has errors.
fn wants_page(path: &str, target: &Target) -> bool {
    match target {
        Target::File(key) => key.ends_with(".html"),
        Target::AddSlash => true,
        Target::NotFound => {
            let name = path.rsplit('/').next().unwrap_or("");
            name.is_empty() || !name.contains('.') || name.ends_with(".html")
        }
    }
}

/// Whether a `Host` field names this server: `127.0.0.1`, `localhost` or `[::1]`, with the
/// server's port (which a browser leaves out only for port 80).
pub fn host_ok(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host.map(str::to_ascii_lowercase) else {
        return false;
    };
    let (name, given) = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((addr, rest)) => (format!("[{addr}]"), rest.to_string()),
            None => return false,
        },
        None => match host.split_once(':') {
            Some((n, p)) => (n.to_string(), format!(":{p}")),
            None => (host.clone(), String::new()),
        },
    };
    let port_ok = match given.strip_prefix(':') {
        Some(p) => p.parse::<u16>().ok() == Some(port) && !p.starts_with('+'),
        None => given.is_empty() && port == 80,
    };
    port_ok && ["127.0.0.1", "localhost", "[::1]"].contains(&name.as_str())
}

/// An answer with the headers every answer has.
fn reply(status: u16, ctype: &str, body: Vec<u8>, extra: &[(&'static str, &str)]) -> Reply {
    let fixed = [
        ("Content-Type", ctype),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    let headers = fixed
        .iter()
        .chain(extra)
        .map(|&(k, v)| (k, v.to_string()))
        .collect();
    Reply::Answer(Response {
        status,
        headers,
        body,
    })
}

fn plain(status: u16, text: &str) -> Reply {
    reply(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
        &[],
    )
}

/// Where a folder named without its trailing slash is: the same path with one `/` in front
/// (never `//host/…`, which a browser would read as another site) and one at the end.
fn add_slash_location(target: &str) -> String {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let query = target[raw.len()..].split('#').next().unwrap_or("");
    let path = raw.trim_start_matches('/');
    // Non-ASCII bytes sent raw are escaped, to keep the header valid.
    let mut location = String::new();
    for b in format!("/{path}/{query}").bytes() {
        if b.is_ascii_graphic() {
            location.push(b as char);
        } else {
            location.push_str(&format!("%{b:02X}"));
        }
    }
    location
}

/// Answers one request of a server listening on `port`.
pub fn handle(state: &Arc<State>, req: &Request, port: u16) -> Reply {
    if !host_ok(req.host.as_deref(), port) {
        return plain(
            421,
            &format!("this preview answers only to http://127.0.0.1:{port}/ and http://localhost:{port}/\n"),
        );
    }
    if req.method != "GET" && req.method != "HEAD" {
        return reply(
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
    }
    let target = req.target.as_str();
    let path = match decode_path(target) {
        Ok(p) => p,
        Err(_) => return plain(400, "bad request path\n"),
    };
    let own = [
        (LIVE_JS, LIVE_SCRIPT),
        (overlay::JS_URL, overlay::JS),
        (overlay::CSS_URL, overlay::CSS),
    ];
    if let Some((url, body)) = own.iter().find(|(url, _)| path == *url) {
        return reply(200, content_type(url), body.as_bytes().to_vec(), &[]);
    }
    let snap = state.snapshot();
    if path == EVENTS {
        let page = page_param(target).map(|p| page_key(&p, &|k| snap.files.contains_key(k)));
        let state = Arc::clone(state);
        return Reply::Stream(Box::new(move |stream| events(&state, stream, page)));
    }
    let target_of = lookup(&path, |k| snap.files.contains_key(k));
    if let Some(o) = &snap.overlay {
        if matches!(target_of, Target::NotFound) && wants_page(&path, &target_of) {
            // No good version of this page (yet): the errors on a page of their own.
            return reply(500, content_type("x.html"), o.page.as_bytes().to_vec(), &[]);
        }
    }
    match target_of {
        Target::File(key) => {
            let file = &snap.files[key.as_str()];
            let body = match &snap.overlay {
                Some(o) if key.ends_with(".html") => overlay::inject(file, &o.fragment),
                _ => file.to_vec(),
            };
            reply(200, content_type(&key), body, &[])
        }
        Target::AddSlash => {
            let location = add_slash_location(target);
            reply(
                301,
                "text/plain; charset=utf-8",
                format!("moved to {location}\n").into_bytes(),
                &[("Location", &location)],
            )
        }
        Target::NotFound => match snap.files.get("404.html") {
            Some(b) => reply(404, content_type("404.html"), b.to_vec(), &[]),
            None => plain(404, "not found\n"),
        },
    }
}

/// The `page` query parameter of an events request, decoded as a request path.
fn page_param(target: &str) -> Option<String> {
    let query = target.split_once('?')?.1.split('#').next()?;
    let value = query.split('&').find_map(|kv| kv.strip_prefix("page="))?;
    let value = String::from_utf8(percent_decode(&value.replace('+', " "))?).ok()?;
    decode_path(&value).ok()
}

/// The output a page path shows (what it will be, when it does not exist yet).
fn page_key(path: &str, has: &dyn Fn(&str) -> bool) -> String {
    match lookup(path, has) {
        Target::File(k) => k,
        Target::AddSlash => format!("{}/index.html", path.trim_start_matches('/')),
        Target::NotFound => {
            let rel = path.trim_start_matches('/');
            if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            }
        }
    }
}

/// A server-sent events stream: one event per rebuild (`reload` when the page changed,
/// `rebuilt` otherwise), until the client goes away.
///
/// Written on the raw connection, without a length: the stream ends when the connection does.
fn events(state: &State, mut w: TcpStream, page: Option<String>) {
    let (tx, rx) = mpsc::channel::<Event>();
    // Subscribed before the answer starts: a page that saw the stream open misses no rebuild.
    state.subscribe(tx, page);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|()| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(PING) {
            Ok(ev) => format!(
                "event: {}\ndata: {}\n\n",
                if ev.reload { "reload" } else { "rebuilt" },
                ev.generation
            ),
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes())
            .and_then(|()| w.flush())
            .is_err()
        {
            return; // the tab was closed; the sender is dropped at the next broadcast
        }
    }
}
