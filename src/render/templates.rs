//! Tera set-up: the theme's templates with the site's overrides (already merged by the loader),
//! compiled once. Template errors become diagnostics naming the template file.

use crate::diag::Diagnostic;
use std::collections::BTreeMap;
use tera::Tera;

pub fn compile(templates: &BTreeMap<String, String>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let list: Vec<(&str, &str)> = templates
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    tera.add_raw_templates(list)
        .map_err(|e| template_error(&e))?;
    Ok(tera)
}

/// HTML escaping for text and attribute values. Tera's default also escapes `/`, which makes
/// every URL unreadable in the source and larger, for no safety gain in quoted attributes.
pub fn escape_html(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let mut last = 0;
    for (i, b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

/// A Tera error with its chain of causes, which hold the useful part (line, variable).
pub fn template_error(e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    Diagnostic::error("template", msg)
        .with_hint("fix the template named above (in templates/ or the theme's templates/)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(
            super::escape_html("a<b>&\"c'é/"),
            "a&lt;b&gt;&amp;&quot;c&#39;é/"
        );
    }
}
