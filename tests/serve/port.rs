//! `prospectus serve` on a port that is taken (another preview still running, or another
//! program): it stops at once and says, in plain words, which port is busy, what may be using it
//! and how to choose another.

use crate::support::{Site, NOW};
use std::net::TcpListener;
use std::process::{Command, Stdio};

#[test]
fn serve_on_a_taken_port_says_which_and_how_to_choose_another() {
    let site = Site::example();
    // The port is taken before the server starts, as a preview left running takes it.
    let taken = TcpListener::bind(("127.0.0.1", 0)).expect("a free port");
    let port = taken.local_addr().expect("its address").port();
    let out = Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .arg("serve")
        .arg("--root")
        .arg(&site.root)
        .args(["--port", &port.to_string(), "--now", NOW])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run prospectus serve");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a setup error ends serve with code 2; stderr:\n{stderr}"
    );
    for words in [
        format!("port {port} is already in use"),
        "another `prospectus serve` may still be running".to_string(),
        "--port".to_string(),
        format!("prospectus serve --port {}", port + 1),
        "leave out `--port`".to_string(),
    ] {
        assert!(
            stderr.contains(&words),
            "the error says `{words}`:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("os error"),
        "no system jargon for a busy port:\n{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is served or built: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    drop(taken);
}
