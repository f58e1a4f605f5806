//! The HTTP/1.1 connections of `serve`: request heads read up to a fixed size and parsed by
//! `httparse`, answers written with their length, connections kept alive between requests.
//!
//! Everything a client sends is bounded: a request head larger than [`MAX_HEAD`] or with more
//! than [`MAX_HEADERS`] fields is answered 431 and the connection closed (the memory held for
//! a connection is the head buffer and nothing else); a connection idle for [`IDLE`] is
//! closed; at most [`MAX_CONNECTIONS`] are served at once (the next get 503). Request bodies
//! are never read: a request that announces one gets its answer and the connection closes.
//! What to answer is [`super::server`]'s job; this module only moves bytes.

use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The largest request head (request line and header fields) read, in bytes.
pub const MAX_HEAD: usize = 64 * 1024;
/// The most header fields a request may have.
pub const MAX_HEADERS: usize = 64;
/// How long a connection may stay silent (between requests, or in the middle of a head).
pub const IDLE: Duration = Duration::from_secs(30);
/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 256;

/// A request head, as the server needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/en/?x=1`).
    pub target: String,
    /// The `Host` field, when there is one.
    pub host: Option<String>,
    /// The connection may carry another request after the answer.
    pub keep_alive: bool,
}

/// An answer with its whole body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// What the server makes of a request.
pub enum Reply {
    Answer(Response),
    /// The connection becomes a stream of events until the client goes away.
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The head is larger than [`MAX_HEAD`] or has more than [`MAX_HEADERS`] fields (431).
    TooLarge,
    /// Not an HTTP/1.x request head (400).
    Malformed,
    /// The client closed the connection, or stayed silent for [`IDLE`]: nothing to answer.
    Gone,
}

/// Reads request heads from one connection, keeping what follows a head for the next one.
pub struct Heads<R> {
    from: R,
    buf: Vec<u8>,
}

impl<R: std::io::Read> Heads<R> {
    pub fn new(from: R) -> Self {
        Heads {
            from,
            buf: Vec::new(),
        }
    }

    pub fn read(&mut self) -> Result<Request, ReadError> {
        loop {
            if let Some(req) = self.parse()? {
                return Ok(req);
            }
            if self.buf.len() >= MAX_HEAD {
                return Err(ReadError::TooLarge);
            }
            let mut chunk = [0u8; 8192];
            let want = chunk.len().min(MAX_HEAD - self.buf.len());
            match self.from.read(&mut chunk[..want]) {
                Ok(0) | Err(_) => return Err(ReadError::Gone),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    /// A complete head at the start of the buffer, taken out of it.
    fn parse(&mut self) -> Result<Option<Request>, ReadError> {
        // Blank lines before a request line are allowed (RFC 9112 §2.2).
        let blank = self.buf.iter().take_while(|&&b| b == b'\r' || b == b'\n');
        let skip = blank.count();
        self.buf.drain(..skip);
        if self.buf.is_empty() {
            return Ok(None);
        }
        let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut head = httparse::Request::new(&mut fields);
        let len = match head.parse(&self.buf) {
            Ok(httparse::Status::Complete(len)) => len,
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(httparse::Error::TooManyHeaders) => return Err(ReadError::TooLarge),
            Err(_) => return Err(ReadError::Malformed),
        };
        let field = |name: &str| {
            head.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
        };
        let connection = field("connection").unwrap_or_default().to_ascii_lowercase();
        let has_body = field("transfer-encoding").is_some()
            || field("content-length").is_some_and(|l| l != "0");
        let keep_alive = !has_body
            && if head.version == Some(0) {
                connection.split(',').any(|t| t.trim() == "keep-alive")
            } else {
                !connection.split(',').any(|t| t.trim() == "close")
            };
        let req = Request {
            method: head.method.unwrap_or_default().to_string(),
            target: head.path.unwrap_or_default().to_string(),
            host: field("host"),
            keep_alive,
        };
        self.buf.drain(..len);
        Ok(Some(req))
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The bytes of an answer; without the body for `HEAD` (the length stays the body's).
pub fn encode(resp: &Response, head_only: bool, keep_alive: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (k, v) in &resp.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    out.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&resp.body);
    }
    bytes
}

/// A plain-text answer.
pub fn text(status: u16, body: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
        body: body.as_bytes().to_vec(),
    }
}

/// How much of what a refused client goes on sending is read and dropped before closing, so
/// that the answer reaches it (closing with unread input would reset the connection).
const DRAIN: usize = 1 << 20;

/// Answers and closes: shuts the sending side, reads and drops what the client is still
/// sending (at most [`DRAIN`] bytes, in a small buffer), then closes.
fn refuse(mut out: TcpStream, resp: Response) {
    if out.write_all(&encode(&resp, false, false)).is_err() {
        return;
    }
    let _ = out.shutdown(std::net::Shutdown::Write);
    let _ = out.set_read_timeout(Some(Duration::from_secs(2)));
    let mut sink = [0u8; 8192];
    let mut drained = 0;
    while drained < DRAIN {
        match std::io::Read::read(&mut out, &mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// Serves one connection until it closes.
fn connection(stream: TcpStream, handle: &(dyn Fn(&Request) -> Reply + Sync)) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut heads = Heads::new(reader);
    let mut out = stream;
    loop {
        let req = match heads.read() {
            Ok(r) => r,
            Err(ReadError::Gone) => return,
            Err(ReadError::TooLarge) => {
                return refuse(out, text(431, "the request head is too large\n"));
            }
            Err(ReadError::Malformed) => return refuse(out, text(400, "bad request\n")),
        };
        match handle(&req) {
            Reply::Answer(resp) => {
                let bytes = encode(&resp, req.method == "HEAD", req.keep_alive);
                if out.write_all(&bytes).and_then(|()| out.flush()).is_err() || !req.keep_alive {
                    return;
                }
            }
            Reply::Stream(f) => return f(out),
        }
    }
}

/// Accepts connections forever, each on a thread of its own while fewer than
/// [`MAX_CONNECTIONS`] are open.
pub fn serve(listener: TcpListener, handle: Arc<dyn Fn(&Request) -> Reply + Send + Sync>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            let busy = text(503, "too many connections; try again\n");
            let _ = stream.write_all(&encode(&busy, false, false));
            continue;
        }
        let (slot, handle) = (Arc::clone(&open), Arc::clone(&handle));
        let spawned = std::thread::Builder::new()
            .name("serve-connection".into())
            .spawn(move || {
                connection(stream, &*handle);
                slot.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // No thread, so nobody else frees the slot (the connection is dropped, closed).
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(bytes: &[u8]) -> Heads<&[u8]> {
        Heads::new(bytes)
    }

    #[test]
    fn reads_pipelined_heads_and_their_fields() {
        let mut h = heads(
            b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\nHEAD /x HTTP/1.0\r\nhost: localhost:8000\r\n\r\n",
        );
        let a = h.read().unwrap();
        assert_eq!(a.method, "GET");
        assert_eq!(a.target, "/en/");
        assert_eq!(a.host.as_deref(), Some("127.0.0.1:8000"));
        assert!(a.keep_alive, "HTTP/1.1 keeps the connection by default");
        let b = h.read().unwrap();
        assert_eq!((b.method.as_str(), b.target.as_str()), ("HEAD", "/x"));
        assert!(!b.keep_alive, "HTTP/1.0 closes by default");
        assert_eq!(h.read(), Err(ReadError::Gone));
    }

    #[test]
    fn a_request_with_a_body_closes_the_connection() {
        let mut h = heads(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
        assert!(!h.read().unwrap().keep_alive);
        let mut h = heads(b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assert!(!h.read().unwrap().keep_alive);
    }

    #[test]
    fn heads_are_bounded() {
        let mut big = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
        big.extend(std::iter::repeat_n(b'a', 10 * MAX_HEAD));
        let mut reader = &big[..];
        let mut h = Heads::new(&mut reader);
        assert_eq!(h.read(), Err(ReadError::TooLarge));
        assert!(h.buf.len() <= MAX_HEAD, "no more than the bound is held");
        assert!(reader.len() >= 9 * MAX_HEAD, "and no more is read");
        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..=MAX_HEADERS {
            many.extend(format!("X-{i}: 1\r\n").bytes());
        }
        many.extend(b"\r\n");
        assert_eq!(heads(&many).read(), Err(ReadError::TooLarge));
    }

    #[test]
    fn garbage_is_malformed() {
        assert_eq!(
            heads(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n").read(),
            Err(ReadError::Malformed)
        );
        assert_eq!(heads(b"").read(), Err(ReadError::Gone));
    }

    #[test]
    fn answers_carry_their_length_and_head_has_no_body() {
        let r = text(404, "not found\n");
        let full = String::from_utf8(encode(&r, false, true)).unwrap();
        assert!(full.starts_with("HTTP/1.1 404 Not Found\r\n"), "{full}");
        assert!(full.contains("Content-Length: 10\r\n"), "{full}");
        assert!(full.ends_with("\r\n\r\nnot found\n"), "{full}");
        let head = String::from_utf8(encode(&r, true, false)).unwrap();
        assert!(head.contains("Content-Length: 10\r\nConnection: close\r\n\r\n"));
        assert!(head.ends_with("\r\n\r\n"), "{head}");
    }
}
