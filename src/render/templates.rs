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

/// The UI string keys (`t.key`) a template uses, itself and through the templates it extends,
/// imports and includes; `None` when it looks keys up dynamically (`t[…]`), so it needs all.
/// Templates get only these strings: converting all of them for every page cost more than the
/// rest of the page's data.
pub fn ui_keys(
    templates: &BTreeMap<String, String>,
    name: &str,
) -> Option<std::collections::BTreeSet<String>> {
    let mut keys = std::collections::BTreeSet::new();
    let mut todo = vec![name.to_string()];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(n) = todo.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        let Some(src) = templates.get(&n) else {
            continue;
        };
        if src.contains("t[") {
            return None;
        }
        // `{% for k, v in t %}` filtered by `k is starting_with("state_")`: keep those prefixes
        // (written `*state_`); a loop over `t` without such filters needs every key.
        if src.contains("in t %}") || src.contains("in t%}") {
            let mut found = false;
            let mut j = 0;
            while let Some(p) = src[j..].find("starting_with(\"") {
                let start = j + p + "starting_with(\"".len();
                if let Some(end) = src[start..].find('"') {
                    keys.insert(format!("*{}", &src[start..start + end]));
                    found = true;
                }
                j = start;
            }
            if !found {
                return None;
            }
        }
        let bytes = src.as_bytes();
        let mut i = 0;
        while let Some(p) = src[i..].find("t.") {
            let at = i + p;
            let before_ok = at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric()
                    || bytes[at - 1] == b'_'
                    || bytes[at - 1] == b'.');
            let rest = &src[at + 2..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if before_ok && len > 0 {
                keys.insert(rest[..len].to_string());
            }
            i = at + 2;
        }
        for tag in ["extends", "import", "include"] {
            let mut j = 0;
            while let Some(p) = src[j..].find(tag) {
                let after = &src[j + p + tag.len()..];
                let trimmed = after.trim_start();
                if let Some(q) = trimmed.strip_prefix('"') {
                    if let Some(end) = q.find('"') {
                        todo.push(q[..end].to_string());
                    }
                }
                j += p + tag.len();
            }
        }
    }
    Some(keys)
}

/// HTML escaping for text and attribute values. Tera's default also escapes `/`, which makes
/// every URL unreadable in the source and larger, for no safety gain in quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    super::native::esc(&mut out, s);
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
    fn finds_ui_keys_through_parents() {
        let mut t = std::collections::BTreeMap::new();
        t.insert(
            "base.html".to_string(),
            "{{ t.skip }}{% block main %}{% endblock main %}".to_string(),
        );
        t.insert(
            "page.html".to_string(),
            "{% extends \"base.html\" %}{% import \"m.html\" as m %}{{ t.title }} {{ post.t.x }}"
                .to_string(),
        );
        t.insert(
            "m.html".to_string(),
            "{% macro a(t) %}{{ t.apply }}{% endmacro a %}".to_string(),
        );
        let keys = super::ui_keys(&t, "page.html").unwrap();
        assert_eq!(
            keys.into_iter().collect::<Vec<_>>(),
            vec!["apply", "skip", "title"]
        );
        t.insert("dyn.html".to_string(), "{{ t[name] }}".to_string());
        assert!(super::ui_keys(&t, "dyn.html").is_none());
    }

    #[test]
    fn escapes() {
        assert_eq!(
            super::escape_html("a<b>&\"c'é/"),
            "a&lt;b&gt;&amp;&quot;c&#39;é/"
        );
    }
}
