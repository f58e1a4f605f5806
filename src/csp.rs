//! `prospectus csp`: the Content-Security-Policy header a host sends with the site's pages
//! (docs/hosting.md). Only the site's own scripts may run; the few scripts written inside the
//! pages (the line of `base.html` telling the stylesheet that scripts run, the language choice
//! of `/`) are allowed by their SHA-256, read off the pages as built, so that a site whose
//! templates change them gets their new hashes. This is the policy's one source: the copies in
//! docs/hosting.md are checked against it (tests/hosting/).

use crate::diag::{Diagnostic, Diagnostics};
use crate::{pipeline, Options};
use std::collections::BTreeMap;

/// The policy, `{scripts}` standing for the hashes of the inline scripts.
const POLICY: &str = "default-src 'self'; script-src 'self'{scripts}; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'";

/// The policy for the pages of a built site (output path → bytes). The pages of `/admin/` (the
/// browser editor) are left out: they load their program from a CDN and get no policy, or their
/// own. Each hash is listed once, in the order of the first page that needs it.
pub fn policy(outputs: &BTreeMap<String, Vec<u8>>) -> String {
    let mut hashes: Vec<String> = Vec::new();
    let pages = outputs
        .iter()
        .filter(|(path, _)| path.ends_with(".html") && !path.starts_with("admin/"));
    for (_, bytes) in pages {
        for script in inline_scripts(&String::from_utf8_lossy(bytes)) {
            let h = format!("'sha256-{}'", base64(&sha256(script.as_bytes())));
            if !hashes.contains(&h) {
                hashes.push(h);
            }
        }
    }
    let scripts: String = hashes.iter().map(|h| format!(" {h}")).collect();
    POLICY.replace("{scripts}", &scripts)
}

/// Renders the site of `opts` in memory and returns its policy, or the errors that keep it from
/// rendering.
pub fn for_site(opts: &Options) -> Result<String, Vec<Diagnostic>> {
    let mut d = Diagnostics::new();
    let Some((site, sources)) = pipeline::load_site(opts, &mut d) else {
        return Err(d.into_sorted());
    };
    let outputs = match pipeline::prepare_from(&site, &sources, opts, None, &mut d) {
        Some(ctx) if !d.has_errors() => pipeline::render_in_memory(&ctx, &mut d),
        _ => BTreeMap::new(),
    };
    if d.has_errors() {
        return Err(d.into_sorted());
    }
    Ok(policy(&outputs))
}

/// The text of each `<script>` of a page that the browser runs: not those with `src` (files of
/// the site, allowed by `'self'`) nor data blocks (`type="application/ld+json"`).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        rest = &rest[at + "<script".len()..];
        let Some(tag_end) = rest.find('>') else { break };
        let attrs = &rest[..tag_end];
        rest = &rest[tag_end + 1..];
        if !attrs.chars().next().is_none_or(char::is_whitespace) {
            continue; // another element whose name starts with "script"
        }
        let Some(close) = rest.find("</script>") else {
            break;
        };
        if !attrs.contains("src=") && !attrs.contains("application/ld+json") {
            out.push(&rest[..close]);
        }
        rest = &rest[close..];
    }
    out
}

/// SHA-256 (FIPS 180-4) of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            (hh, g, f, e, d, c, b, a) = (g, f, e, d.wrapping_add(t1), c, b, a, t1.wrapping_add(t2));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// Standard base64 with padding (RFC 4648), as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn sha256_and_base64_match_their_standards() {
        // FIPS 180-4's examples, and a message of two blocks once padded.
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        // RFC 4648's examples.
        for (from, to) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(from.as_bytes()), to);
        }
    }

    #[test]
    fn only_scripts_that_run_inside_a_page_are_hashed() {
        let page = |path: &str, html: &str| (path.to_string(), html.as_bytes().to_vec());
        let outputs = BTreeMap::from([
            page(
                "a.html",
                "<script>a()</script><script src=\"/x.js\" defer></script>",
            ),
            page("admin/index.html", "<script>c()</script>"),
            page(
                "b.html",
                "<script type=\"application/ld+json\">{}</script><script>a()</script>",
            ),
            page("c.html", "<scripts><script data-x=\"1\">b()</script>"),
            page("c.json", "<script>c()</script>"),
        ]);
        let p = policy(&outputs);
        let a = base64(&sha256(b"a()"));
        let b = base64(&sha256(b"b()"));
        assert!(
            p.starts_with(&format!(
                "default-src 'self'; script-src 'self' 'sha256-{a}' 'sha256-{b}'; style-src"
            )),
            "{p}"
        );
        assert!(!p.contains(&base64(&sha256(b"c()"))), "{p}");
        assert!(!p.contains(&base64(&sha256(b"{}"))), "{p}");
    }
}
