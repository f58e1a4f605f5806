//! Shared helpers for the integration tests: sites copied into fresh temporary folders, builds
//! with a fixed "now", and small string-searching helpers to look into the generated HTML.
//!
//! Fixtures live in `tests/fixtures/`. An invalid-input fixture (`tests/fixtures/invalid/<rule>/`)
//! or an accepted-input one (`tests/fixtures/accepted/<name>/`) holds only the files that differ
//! from the tiny valid site in `tests/fixtures/base/`: the test site is the base with the
//! fixture's files laid over it (a fixture file replaces the base's file of the same path).
//! Fixture files are byte-exact (BOM, CRLF, Latin-1, NUL); `tests/fixtures/.gitattributes` keeps
//! Git from converting them.

#![allow(dead_code)]

pub mod shell;

use prospectus::diag::{Diagnostic, Severity};
use prospectus::{Options, Outcome, Report};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The moment every test builds for (SPEC: tests always fix "now").
pub const NOW: &str = "2025-08-20T10:00:00Z";

pub fn now() -> chrono::DateTime<chrono::Utc> {
    prospectus::parse_now(NOW).expect("NOW parses")
}

/// The repository root (where the example site lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests").join("fixtures")
}

/// Copies `from` into `to` recursively (files and folders; symbolic links are not expected).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("mkdir {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("read_dir {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("dir entry");
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst)
                .unwrap_or_else(|e| panic!("copy {} → {}: {e}", src.display(), dst.display()));
        }
    }
}

/// A site's input, copied into a fresh temporary folder: `<tmp>/site/` is the root and
/// `<tmp>/out/` the default output folder.
pub struct Site {
    pub dir: TempDir,
    pub root: PathBuf,
}

impl Site {
    fn empty() -> Site {
        Site::empty_with_prefix("prospectus-test-")
    }

    fn empty_with_prefix(prefix: &str) -> Site {
        // Under target/tmp (CARGO_TARGET_TMPDIR), removed when the Site is dropped.
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).expect("mkdir site");
        Site { dir, root }
    }

    /// The example site of the repository (site.toml, content/, data/).
    pub fn example() -> Site {
        let s = Site::empty();
        s.copy_example();
        s
    }

    /// The example site for a build shared by many tests and kept in a `static` (which is never
    /// dropped): such folders left by earlier runs, more than an hour old, are removed first.
    pub fn example_shared() -> Site {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let prefix = "prospectus-shared-";
        for e in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
            let stale = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if stale && e.file_name().to_string_lossy().starts_with(prefix) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
        let s = Site::empty_with_prefix(prefix);
        s.copy_example();
        s
    }

    fn copy_example(&self) {
        std::fs::copy(repo().join("site.toml"), self.root.join("site.toml")).expect("site.toml");
        for d in ["content", "data", "templates", "static", "i18n"] {
            let p = repo().join(d);
            if p.is_dir() {
                copy_dir(&p, &self.root.join(d));
            }
        }
    }

    /// A fixture site `tests/fixtures/<name>/`, copied as is.
    pub fn fixture(name: &str) -> Site {
        let s = Site::empty();
        let from = fixtures().join(name);
        assert!(from.is_dir(), "no fixture {}", from.display());
        copy_dir(&from, &s.root);
        s
    }

    /// The valid base site with `tests/fixtures/invalid/<rule>/` laid over it.
    pub fn invalid(rule: &str) -> Site {
        Site::base_with(&format!("invalid/{rule}"))
    }

    /// The valid base site with `tests/fixtures/accepted/<name>/` (unusual but valid input).
    pub fn accepted(name: &str) -> Site {
        Site::base_with(&format!("accepted/{name}"))
    }

    fn base_with(overlay: &str) -> Site {
        let s = Site::fixture("base");
        let over = fixtures().join(overlay);
        assert!(over.is_dir(), "no fixture {}", over.display());
        copy_dir(&over, &s.root);
        s
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The text of an input file (site-relative path).
    pub fn read(&self, rel: &str) -> String {
        let bytes = std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8_lossy(bytes).into_owned()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    pub fn options(&self, out: &Path) -> Options {
        let mut o = Options::new(&self.root, now());
        o.out = Some(out.to_path_buf());
        o
    }

    /// Builds into `<tmp>/out/` with the fixed now.
    pub fn build(&self) -> Report {
        self.build_into(&self.out())
    }

    pub fn build_into(&self, out: &Path) -> Report {
        prospectus::build(&self.options(out))
    }

    pub fn check(&self) -> Report {
        prospectus::check(&self.options(&self.out()))
    }

    /// Builds and keeps the output together with the report.
    pub fn built(self) -> Built {
        let report = self.build();
        let out = self.out();
        Built {
            site: self,
            out,
            report,
        }
    }
}

/// A finished build: its input, output folder and report.
pub struct Built {
    pub site: Site,
    pub out: PathBuf,
    pub report: Report,
}

impl Built {
    pub fn exists(&self, rel: &str) -> bool {
        self.out.join(rel).is_file()
    }

    /// An output file as text; panics with the list of nearby files if it is missing.
    pub fn page(&self, rel: &str) -> String {
        let p = self.out.join(rel.trim_start_matches('/'));
        match std::fs::read_to_string(&p) {
            Ok(t) => t,
            Err(e) => panic!(
                "cannot read output file {rel}: {e}\n(files written: {:?})",
                self.files().keys().take(200).collect::<Vec<_>>()
            ),
        }
    }

    /// Every output file (relative `/` path → bytes).
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.out)
    }

    /// Every `.html` file of the output, relative paths, sorted.
    pub fn html_files(&self) -> Vec<String> {
        self.files()
            .into_keys()
            .filter(|k| k.ends_with(".html"))
            .collect()
    }

    /// The output file an absolute or root-relative site URL points to, if it exists
    /// (`/fr/courses/x/` → `fr/courses/x/index.html`).
    pub fn file_for_url(&self, url: &str) -> Option<String> {
        let path = url_path(url)?;
        let rel = path.trim_start_matches('/');
        let rel = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        self.exists(&rel).then_some(rel)
    }
}

/// The path part of a URL of the example sites (`https://training.example.org/x/` → `/x/`);
/// `None` for links elsewhere, anchors, mailto: and the like.
pub fn url_path(url: &str) -> Option<String> {
    let url = url.split('#').next().unwrap_or("");
    let url = url.split('?').next().unwrap_or("");
    if let Some(rest) = url.strip_prefix("https://training.example.org") {
        return Some(if rest.is_empty() {
            "/".into()
        } else {
            rest.into()
        });
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(url.to_string());
    }
    None
}

/// Every file below `dir` (relative `/` path → bytes); empty when `dir` does not exist.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.expect("dir entry");
            let p = e.path();
            if e.file_type().expect("file type").is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .expect("below base")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, std::fs::read(&p).expect("read output file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Names of the entries of a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// Reports and diagnostics

pub fn errors(r: &Report) -> Vec<&Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// All diagnostics, one per line, for assertion messages.
pub fn show(r: &Report) -> String {
    let mut s = String::new();
    for d in &r.diagnostics {
        s.push_str(&format!(
            "  {} [{}] {}:{}:{} {} | hint: {:?} | line: {:?}\n",
            d.severity.as_str(),
            d.code,
            d.file.as_deref().unwrap_or("-"),
            d.line,
            d.col,
            d.message,
            d.hint,
            d.line_text
        ));
    }
    if s.is_empty() {
        s.push_str("  (no diagnostics)\n");
    }
    s
}

/// `check` of the site succeeds and finds no broken link or anchor.
pub fn assert_links_hold(site: &Site) {
    let report = site.check();
    assert_success(&report);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with("broken")),
        "{}",
        show(&report)
    );
}

pub fn assert_success(r: &Report) {
    assert_eq!(
        r.outcome,
        Outcome::Success,
        "expected a successful build, got:\n{}",
        show(r)
    );
    assert!(errors(r).is_empty(), "unexpected errors:\n{}", show(r));
}

/// The run failed with content errors and reported exactly one error, which is returned.
pub fn only_error(r: &Report) -> &Diagnostic {
    assert_eq!(
        r.outcome,
        Outcome::ContentErrors,
        "expected content errors, got {:?}:\n{}",
        r.outcome,
        show(r)
    );
    let errs = errors(r);
    assert_eq!(
        errs.len(),
        1,
        "expected exactly one error for the one defect, got {}:\n{}",
        errs.len(),
        show(r)
    );
    errs[0]
}

/// 1-based line and column (in characters) of the first occurrence of `needle` in `text`.
pub fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the fixture text"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

/// The `n`th line (1-based) of a text, without its line ending.
pub fn line_of(text: &str, n: usize) -> String {
    text.split('\n')
        .nth(n - 1)
        .unwrap_or_else(|| panic!("the text has no line {n}"))
        .trim_end_matches('\r')
        .to_string()
}

/// Checks that a located diagnostic names `rel`, sits on the line where `line_needle` is, at the
/// column of one of `col_needles` on that line (the key or the value), and quotes that line.
pub fn assert_at(d: &Diagnostic, site: &Site, rel: &str, line_needle: &str, col_needles: &[&str]) {
    assert_eq!(d.file.as_deref(), Some(rel), "wrong file in {d:#?}");
    let text = site.read(rel);
    let (line, _) = position(&text, line_needle);
    assert_eq!(
        d.line,
        line,
        "expected line {line} (`{}`), got {d:#?}",
        line_of(&text, line)
    );
    let quoted = line_of(&text, line);
    if !col_needles.is_empty() {
        let cols: Vec<usize> = col_needles
            .iter()
            .map(|n| {
                let off = quoted
                    .find(n)
                    .unwrap_or_else(|| panic!("`{n}` is not on line {line}: {quoted}"));
                quoted[..off].chars().count() + 1
            })
            .collect();
        assert!(
            cols.contains(&d.col),
            "expected column {cols:?} on line {line} (`{quoted}`), got {d:#?}"
        );
    }
    assert_quotes_its_line(d, site);
}

/// A diagnostic with a line quotes that very line of its file.
pub fn assert_quotes_its_line(d: &Diagnostic, site: &Site) {
    if d.line == 0 {
        return;
    }
    let Some(rel) = d.file.as_deref() else {
        return;
    };
    let text = site.read(rel);
    let actual = line_of(&text, d.line);
    assert_eq!(
        d.line_text.as_deref(),
        Some(actual.as_str()),
        "the diagnostic quotes something else than line {} of {rel}: {d:#?}",
        d.line
    );
}

pub fn hint(d: &Diagnostic) -> &str {
    d.hint
        .as_deref()
        .unwrap_or_else(|| panic!("expected a hint in {d:#?}"))
}

// ---------------------------------------------------------------------------------------------
// HTML and XML, by simple string searching

/// Decodes the character references the templates produce (`&amp;`, `&#x2F;`, `&#39;`, …).
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let name = &after[1..end];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// U+202F (narrow no-break space) and U+00A0 (no-break space) as plain spaces.
pub fn plain_spaces(s: &str) -> String {
    s.replace(['\u{202F}', '\u{A0}'], " ")
}

/// The visible text of some HTML: tags removed (with `<script>`/`<style>` contents), references
/// decoded, whitespace runs collapsed to one space (no-break spaces are kept as they are).
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let lower: String = after
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            after.find("</script>").map(|e| e + "</script>".len())
        } else if lower.starts_with("<style") {
            after.find("</style>").map(|e| e + "</style>".len())
        } else {
            after.find('>').map(|e| e + 1)
        };
        out.push(' ');
        rest = &after[skip_to.unwrap_or(after.len())..];
    }
    out.push_str(rest);
    let decoded = unescape(&out);
    decoded
        .split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An element found in a document: its opening tag and the HTML inside it.
#[derive(Clone, Debug)]
pub struct Element<'a> {
    pub tag: &'a str,
    pub inner: &'a str,
}

impl Element<'_> {
    pub fn attr(&self, name: &str) -> Option<String> {
        attr(self.tag, name)
    }

    pub fn has_attr(&self, name: &str) -> bool {
        has_attr(self.tag, name)
    }

    pub fn text(&self) -> String {
        text(self.inner)
    }
}

/// Byte offsets of every opening tag `<name …>` in `doc`.
fn open_tags(doc: &str, name: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let pat = format!("<{name}");
    let mut from = 0;
    while let Some(i) = doc[from..].find(&pat) {
        let start = from + i;
        let after = start + pat.len();
        let next = doc[after..].chars().next();
        if matches!(next, Some(' ' | '>' | '/' | '\n' | '\t' | '\r')) {
            if let Some(e) = doc[after..].find('>') {
                v.push((start, after + e + 1));
            }
        }
        from = after;
    }
    v
}

/// Every opening tag `<name …>` of the document.
pub fn tags<'a>(doc: &'a str, name: &str) -> Vec<&'a str> {
    open_tags(doc, name)
        .into_iter()
        .map(|(s, e)| &doc[s..e])
        .collect()
}

/// Every element `<name …>…</name>` (nesting of the same name is followed).
pub fn elements<'a>(doc: &'a str, name: &str) -> Vec<Element<'a>> {
    let close = format!("</{name}>");
    let opens = open_tags(doc, name);
    let mut out = Vec::new();
    for (s, e) in opens.iter().copied() {
        let tag = &doc[s..e];
        if tag.ends_with("/>") {
            out.push(Element { tag, inner: "" });
            continue;
        }
        // Find the matching close tag, counting nested opens of the same name.
        let mut depth = 1;
        let mut pos = e;
        let mut inner_end = doc.len();
        loop {
            let next_close = doc[pos..].find(&close).map(|i| pos + i);
            let next_open = opens.iter().map(|(o, _)| *o).find(|&o| o >= pos);
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    pos = o + 1;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    if depth == 0 {
                        inner_end = c;
                        break;
                    }
                    pos = c + close.len();
                }
                (_, None) => break,
            }
        }
        out.push(Element {
            tag,
            inner: &doc[e..inner_end],
        });
    }
    out
}

/// Elements of any of the usual container names whose opening tag has attribute `name`.
pub fn elements_with_attr<'a>(doc: &'a str, attr_name: &str) -> Vec<Element<'a>> {
    let mut v = Vec::new();
    for n in [
        "div", "p", "section", "article", "aside", "a", "span", "li", "nav", "button", "form",
    ] {
        v.extend(
            elements(doc, n)
                .into_iter()
                .filter(|e| has_attr(e.tag, attr_name)),
        );
    }
    v
}

/// The decoded value of attribute `name` in an opening tag.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    for q in ['"', '\''] {
        let pat = format!("{name}={q}");
        let mut from = 0;
        while let Some(i) = tag[from..].find(&pat) {
            let at = from + i;
            let before = tag[..at].chars().last();
            if matches!(before, Some(' ' | '\n' | '\t' | '\r')) {
                let start = at + pat.len();
                let end = tag[start..].find(q)? + start;
                return Some(unescape(&tag[start..end]));
            }
            from = at + pat.len();
        }
    }
    None
}

/// Whether an opening tag has attribute `name` (with or without a value).
pub fn has_attr(tag: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        let before = tag[..at].chars().last();
        let after = tag[at + name.len()..].chars().next();
        if matches!(before, Some(' ' | '\n' | '\t' | '\r'))
            && matches!(after, Some('=' | ' ' | '>' | '/' | '\n' | '\t' | '\r'))
        {
            return true;
        }
        from = at + name.len();
    }
    false
}

/// `href` of every `<a>` inside some HTML.
pub fn links(html: &str) -> Vec<String> {
    tags(html, "a")
        .into_iter()
        .filter_map(|t| attr(t, "href"))
        .collect()
}

/// `<link rel="alternate" hreflang>` of a page: (hreflang, href), in document order.
pub fn alternates(html: &str) -> Vec<(String, String)> {
    tags(html, "link")
        .into_iter()
        .filter(|t| attr(t, "rel").as_deref() == Some("alternate"))
        .filter_map(|t| Some((attr(t, "hreflang")?, attr(t, "href")?)))
        .collect()
}

pub fn canonical(html: &str) -> Option<String> {
    tags(html, "link")
        .into_iter()
        .find(|t| attr(t, "rel").as_deref() == Some("canonical"))
        .and_then(|t| attr(t, "href"))
}

/// Whether the page is only a redirect (an alias of a moved page).
pub fn is_redirect(html: &str) -> bool {
    tags(html, "meta")
        .into_iter()
        .any(|t| attr(t, "http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")))
}

/// A minimal well-formedness check for generated XML (feeds, sitemap): every element closed in
/// order, attributes quoted, no stray `<` or `&` in text.
pub fn xml_well_formed(doc: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = doc.trim_start_matches('\u{FEFF}');
    let mut seen_root = false;
    loop {
        let Some(i) = rest.find('<') else {
            check_text(rest)?;
            break;
        };
        check_text(&rest[..i])?;
        let after = &rest[i..];
        if let Some(r) = after.strip_prefix("<?") {
            let e = r.find("?>").ok_or("unclosed <?")?;
            rest = &r[e + 2..];
            continue;
        }
        if let Some(r) = after.strip_prefix("<!--") {
            let e = r.find("-->").ok_or("unclosed comment")?;
            rest = &r[e + 3..];
            continue;
        }
        if let Some(r) = after.strip_prefix("<![CDATA[") {
            let e = r.find("]]>").ok_or("unclosed CDATA")?;
            rest = &r[e + 3..];
            continue;
        }
        let e = after.find('>').ok_or("unclosed tag")?;
        let tag = &after[1..e];
        rest = &after[e + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open != name.trim() {
                return Err(format!("<{open}> closed by </{name}>"));
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name = body.split_whitespace().next().unwrap_or("");
        if name.is_empty() || name.contains(['"', '\'', '=']) {
            return Err(format!("bad tag <{tag}>"));
        }
        if !body.matches('"').count().is_multiple_of(2) {
            return Err(format!("unbalanced quotes in <{tag}>"));
        }
        if stack.is_empty() {
            if seen_root {
                return Err(format!("second root element <{name}>"));
            }
            seen_root = true;
        }
        if !self_closing {
            stack.push(name.to_string());
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!("<{open}> is never closed"));
    }
    if !seen_root {
        return Err("no root element".into());
    }
    Ok(())
}

fn check_text(t: &str) -> Result<(), String> {
    let mut rest = t;
    while let Some(i) = rest.find('&') {
        let after = &rest[i + 1..];
        let end = after.find(';').ok_or_else(|| format!("bare & in {t:?}"))?;
        let name = &after[..end];
        let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || (name.starts_with("#x") && u32::from_str_radix(&name[2..], 16).is_ok())
            || (name.starts_with('#') && name[1..].parse::<u32>().is_ok());
        if !ok {
            return Err(format!("unknown entity &{name}; in XML"));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The binary, as a user or as CI runs it

/// Whether this process passes permission checks whatever the file modes say (root, as CI
/// runs): CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH or CAP_FOWNER in its effective capabilities.
pub fn bypasses_permissions() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        .is_some_and(|caps| caps & 0b1110 != 0)
}

/// `prospectus` without the privileges that let root read and delete any file, so that a
/// test of an unreadable or undeletable file runs the error path as root too (CI runs as root).
///
/// As root it runs under `setpriv` (util-linux) with every capability dropped (bounding,
/// inheritable and ambient sets): a root without capabilities is held to the permission bits
/// like any user, also on the files it owns. Running as `nobody` instead would need the binary
/// and the test folders, below the clone, to be reachable by `nobody`, which a clone in a
/// private folder (`/root/…`) is not. Not root: the binary runs as is. The tests that use it
/// check that the error really happened, so a wrapper that failed to drop them cannot pass.
pub fn prospectus_unprivileged() -> std::process::Command {
    let bin = env!("CARGO_BIN_EXE_prospectus");
    let mut c = if bypasses_permissions() {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--inh-caps=-all",
            "--ambient-caps=-all",
            "--bounding-set=-all",
            "--",
            bin,
        ]);
        c
    } else {
        std::process::Command::new(bin)
    };
    c.env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
    c
}

/// `prospectus build --root <site> --out <out> --now NOW`, as run from a shell.
pub fn cli_build_into(s: &Site, out: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_prospectus"))
        .arg("build")
        .arg("--root")
        .arg(&s.root)
        .arg("--out")
        .arg(out)
        .args(["--now", NOW])
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run prospectus")
}

/// Every JSON-LD block of a page, parsed as strict JSON.
pub fn jsonld(html: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut rest = html;
    let open = "<script type=\"application/ld+json\">";
    while let Some(i) = rest.find(open) {
        let start = i + open.len();
        let end = rest[start..].find("</script>").expect("closed script") + start;
        let v: serde_json::Value = serde_json::from_str(&rest[start..end])
            .unwrap_or_else(|e| panic!("JSON-LD is not JSON ({e})"));
        out.push(v);
        rest = &rest[end..];
    }
    out
}

/// The nodes of a JSON-LD block, following `@graph`.
pub fn nodes(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    match v.get("@graph").and_then(serde_json::Value::as_array) {
        Some(g) => g.iter().collect(),
        None => vec![v],
    }
}

pub fn of_type<'a>(page: &'a [serde_json::Value], t: &str) -> Vec<&'a serde_json::Value> {
    page.iter()
        .flat_map(nodes)
        .filter(|n| n["@type"] == t)
        .collect()
}

/// The rows of a catalogue's filter data (`<lang>/courses/index.json`, parsed), each as a map
/// by field name (`fields`), its `runs` as maps by `run_fields`, and facet indexes left as
/// they are.
pub fn filter_rows(d: &serde_json::Value) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let names = |k: &str| -> Vec<String> {
        serde_json::from_value(d[k].clone()).unwrap_or_else(|_| panic!("no {k} in the data"))
    };
    let (fields, run_fields) = (names("fields"), names("run_fields"));
    let by_name = |names: &[String], row: &serde_json::Value| {
        names
            .iter()
            .cloned()
            .zip(row.as_array().expect("a row").iter().cloned())
            .collect::<serde_json::Map<_, _>>()
    };
    d["courses"]
        .as_array()
        .expect("courses")
        .iter()
        .map(|r| {
            let mut m = by_name(&fields, r);
            let runs: Vec<serde_json::Value> = m["runs"]
                .as_array()
                .expect("runs")
                .iter()
                .map(|run| serde_json::Value::Object(by_name(&run_fields, run)))
                .collect();
            m.insert("runs".into(), runs.into());
            m
        })
        .collect()
}
