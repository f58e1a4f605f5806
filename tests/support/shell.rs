//! Command lines run as a reader types them from the docs: each line goes to `sh -c` in a working
//! folder, with `prospectus` on the PATH (a link to the binary under test, standing for the one
//! `cargo install --path .` puts in `~/.cargo/bin`). `cd` lines move the working folder, and
//! `prospectus serve` lines are started, asked for pages over HTTP, and stopped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Bound of the wait for `serve` to say where it serves (a debug build of a site takes seconds
/// on a busy machine).
const SERVE_WAIT: Duration = Duration::from_secs(90);

pub struct Shell {
    bin: tempfile::TempDir,
    pub cwd: PathBuf,
}

/// What one line did.
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A page asked of a running `prospectus serve`.
pub struct Got {
    pub status: u16,
    pub body: String,
}

impl Shell {
    pub fn new(cwd: &Path) -> Shell {
        let bin = tempfile::Builder::new()
            .prefix("prospectus-bin-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("temp dir");
        std::os::unix::fs::symlink(
            env!("CARGO_BIN_EXE_prospectus"),
            bin.path().join("prospectus"),
        )
        .expect("link the binary");
        Shell {
            bin,
            cwd: cwd.to_path_buf(),
        }
    }

    fn command(&self, line: &str) -> Command {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![self.bin.path().to_path_buf()];
        dirs.extend(std::env::split_paths(&path));
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(line)
            .current_dir(&self.cwd)
            .env("PATH", std::env::join_paths(dirs).expect("PATH"))
            .env("NO_COLOR", "1")
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null());
        git_identity(&mut c);
        c
    }

    /// Runs one line (`cd DIR` moves the working folder for the next lines).
    pub fn run(&mut self, line: &str) -> Ran {
        let words: Vec<&str> = line
            .split('#')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        if let ["cd", dir] = words[..] {
            self.cwd = self.cwd.join(dir);
            assert!(
                self.cwd.is_dir(),
                "`{line}`: no folder {}",
                self.cwd.display()
            );
            return Ran {
                code: 0,
                stdout: String::new(),
                stderr: String::new(),
            };
        }
        let o: Output = self.command(line).output().expect("run sh");
        Ran {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Starts a `prospectus serve …` line, waits until it says where it serves, asks it for
    /// each of `paths`, and stops it.
    pub fn serve(&self, line: &str, paths: &[&str]) -> Vec<Got> {
        let mut child = self
            .command(&format!("exec {line}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            for l in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + SERVE_WAIT;
        let mut seen = String::new();
        let port = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(l) => {
                    if let Some(rest) = l.strip_prefix("Serving on http://127.0.0.1:") {
                        break rest.trim_end_matches('/').parse::<u16>().expect("a port");
                    }
                    seen.push_str(&l);
                    seen.push('\n');
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("`{line}` did not say where it serves within {SERVE_WAIT:?}:\n{seen}");
                }
            }
        };
        let got = paths.iter().map(|p| get(port, p)).collect();
        let _ = child.kill();
        let _ = child.wait();
        got
    }
}

/// Git as on a fresh account with a name and e-mail set, whatever the machine's own settings.
pub fn git_identity(c: &mut Command) {
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Author")
        .env("GIT_AUTHOR_EMAIL", "author@example.org")
        .env("GIT_COMMITTER_NAME", "Author")
        .env("GIT_COMMITTER_EMAIL", "author@example.org");
}

/// `git ARGS` in `dir`, which must succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let mut c = Command::new("git");
    c.args(args).current_dir(dir).stdin(Stdio::null());
    git_identity(&mut c);
    let o = c.output().expect("run git");
    assert!(
        o.status.success(),
        "git {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `GET path` over HTTP/1.0 (the whole answer, then the connection closes).
pub fn get(port: u16, path: &str) -> Got {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).expect("read the answer");
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Got {
        status,
        body: body.to_string(),
    }
}
