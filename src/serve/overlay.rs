//! The error overlay `serve` puts on top of its pages while the site has errors: the last good
//! version of the page stays readable underneath, the errors are listed (file:line, message,
//! hint) with a button to copy each file's path. Only `serve` injects it, into the answer; the
//! outputs themselves (and `build`'s) never contain it.

use crate::diag::Diagnostic;
use crate::render::escape::html;

/// URL of the overlay's style sheet and script (served by `serve` only).
pub const CSS_URL: &str = "/__prospectus/overlay.css";
pub const JS_URL: &str = "/__prospectus/overlay.js";
pub const CSS: &str = include_str!("overlay.css");
pub const JS: &str = include_str!("overlay.js");

/// The overlay for a set of diagnostics: `None` when none is an error.
#[derive(Debug, PartialEq, Eq)]
pub struct Overlay {
    /// The HTML put at the end of each page's `<body>`.
    pub fragment: String,
    /// A whole page with the same list, for addresses with no last good page to put it on.
    pub page: String,
}

/// One error, as listed.
fn item(d: &Diagnostic) -> String {
    let mut s = String::from("<li>");
    if let Some(file) = d.file.as_deref() {
        let place = if d.line > 0 {
            format!("{file}:{}", d.line)
        } else {
            file.to_string()
        };
        s.push_str(&format!("<p><code>{}</code></p>", html(&place)));
    }
    s.push_str(&format!("<p>{}</p>", html(&d.message)));
    if let Some(line) = d.line_text.as_deref() {
        s.push_str(&format!("<pre>{}</pre>", html(line)));
    }
    if let Some(hint) = d.hint.as_deref() {
        s.push_str(&format!(
            "<p class=\"prospectus-hint\">How to fix it: {}</p>",
            html(hint)
        ));
    }
    if let Some(file) = d.file.as_deref() {
        s.push_str(&format!(
            "<button type=\"button\" data-path=\"{f}\" aria-label=\"Copy path {f}\">Copy path</button>",
            f = html(file)
        ));
    }
    s.push_str("</li>");
    s
}

/// The list of errors with its heading and buttons (without the style sheet and script).
fn panel(errors: &[&Diagnostic], warnings: usize, whole: bool) -> String {
    let what = if whole {
        "The site could not be built: every page is shown as it was when it last built."
    } else {
        "A file with errors is shown as it was when it last built, or left out if it never did; the other pages are up to date."
    };
    let n = errors.len();
    let title = if n == 1 {
        "The site has 1 error".to_string()
    } else {
        format!("The site has {n} errors")
    };
    let warn = match warnings {
        0 => String::new(),
        1 => "<p>There is also 1 warning; the terminal lists it.</p>".to_string(),
        n => format!("<p>There are also {n} warnings; the terminal lists them.</p>"),
    };
    let items: String = errors.iter().map(|d| item(d)).collect();
    format!(
        "<section id=\"prospectus-overlay\" lang=\"en\" dir=\"ltr\" role=\"alert\" aria-labelledby=\"prospectus-overlay-title\">\
<h2 id=\"prospectus-overlay-title\">{title}</h2>\
<p>{what} Fix the problems below and save: the page reloads by itself and this box goes away.</p>\
<ol>{items}</ol>{warn}\
<p role=\"status\" aria-live=\"polite\" class=\"prospectus-status\"></p>\
<button type=\"button\" class=\"prospectus-hide\">Hide this box</button>\
</section>"
    )
}

impl Overlay {
    /// The overlay listing the errors of `diags` (warnings are counted); `None` without errors.
    /// `whole`: nothing could be built (rather than only the files with errors set back).
    pub fn new(diags: &[Diagnostic], whole: bool) -> Option<Overlay> {
        let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
        if errors.is_empty() {
            return None;
        }
        let panel = panel(&errors, diags.len() - errors.len(), whole);
        let links = format!(
            "<link rel=\"stylesheet\" href=\"{CSS_URL}\"><script src=\"{JS_URL}\" defer></script>"
        );
        let fragment = format!("{links}{panel}");
        let page = format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>The site has errors – Prospectus</title>\n{links}\n\
<script src=\"{live}\" defer></script>\n</head>\n<body>\n<main>\n<h1>The site could not be built yet</h1>\n\
<p>There is no good version of this page to show.</p>\n</main>\n{panel}\n</body>\n</html>\n",
            live = super::server::LIVE_JS
        );
        Some(Overlay { fragment, page })
    }
}

/// `page` with the overlay's fragment put just before its last `</body>` (at the end when it
/// has none).
pub fn inject(page: &[u8], fragment: &str) -> Vec<u8> {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + fragment.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(fragment.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err() -> Diagnostic {
        let mut d = Diagnostic::error("x", "the title is <missing> & \"so\"");
        d.file = Some("content/notices/a.md".into());
        d.line = 3;
        d.hint = Some("add title = \"…\"".into());
        d
    }

    #[test]
    fn lists_file_line_message_hint_escaped() {
        let o = Overlay::new(&[err(), Diagnostic::warning("w", "a warning")], false).unwrap();
        assert!(o.fragment.contains("<code>content/notices/a.md:3</code>"));
        assert!(o
            .fragment
            .contains("the title is &lt;missing&gt; &amp; &quot;so&quot;"));
        assert!(o
            .fragment
            .contains("How to fix it: add title = &quot;…&quot;"));
        assert!(o.fragment.contains("data-path=\"content/notices/a.md\""));
        assert!(o.fragment.contains("lang=\"en\""));
        assert!(o.fragment.contains("role=\"alert\""));
        assert!(o.fragment.contains("also 1 warning"));
        assert!(!o.fragment.contains("a warning<"));
        assert!(o
            .page
            .contains(&o.fragment[o.fragment.find("<section").unwrap()..]));
        assert!(Overlay::new(&[Diagnostic::warning("w", "only a warning")], false).is_none());
        assert!(Overlay::new(&[err()], true)
            .unwrap()
            .fragment
            .contains("could not be built"));
    }

    #[test]
    fn goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", "<i>o</i>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><i>o</i></BODY></html>"
        );
        assert_eq!(inject(b"bare", "<i>o</i>"), b"bare<i>o</i>");
    }
}
