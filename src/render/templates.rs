//! Tera set-up: the theme's templates with the site's overrides (already merged by the loader),
//! compiled once; the UI strings each template reads. Template errors become diagnostics naming
//! the template file.

use super::compiled::{self, tree};
use super::escape;
use crate::diag::Diagnostic;
use crate::i18n::Strings;
use std::collections::BTreeMap;
use tera::Tera;

pub fn compile(templates: &BTreeMap<String, String>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(tree::AUTOESCAPE.to_vec());
    tera.set_escape_fn(escape::html);
    let list: Vec<(&str, &str)> = templates
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    tera.add_raw_templates(list)
        .map_err(|e| template_error(&e))?;
    // The stand-ins of the default page templates the site keeps while changing what they
    // extend (`compiled::blocks`); if Tera refused them, the site's templates alone.
    let stand_ins = compiled::blocks::sources(&tera, templates);
    if !stand_ins.is_empty() {
        let mut with = tera.clone();
        if with.add_raw_templates(stand_ins).is_ok() {
            return Ok(with);
        }
    }
    Ok(tera)
}

pub use super::compiled::tree::ui_keys;

/// The strings `assets/prospectus.js` reads to restate a page by the visitor's clock
/// (`apply_line_*`, `days_*`, `state_*`, the lists' counts `courses_count_*`, and the marks of
/// months, notices and refund periods),
/// as ` data-apply-line-open="…"` attributes.
pub fn state_strings(all: &Strings) -> String {
    const KEYS: [&str; 4] = [
        "calendar_this_month",
        "calendar_past",
        "notice_archived",
        "refund_period_past",
    ];
    let mut out = String::new();
    for (k, v) in all.iter() {
        if k.starts_with("apply_line_")
            || k.starts_with("days_")
            || k.starts_with("courses_count_")
            || k.starts_with("state_")
            || KEYS.contains(&k)
        {
            out.push_str(" data-");
            escape::into(&mut out, &k.replace('_', "-"));
            out.push_str("=\"");
            escape::into(&mut out, v);
            out.push('"');
        }
    }
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
    fn tera(templates: &[(&str, &str)]) -> tera::Tera {
        let mut t = tera::Tera::default();
        t.add_raw_templates(templates.to_vec())
            .expect("templates parse");
        t
    }

    fn keys(t: &tera::Tera, name: &str) -> Option<Vec<String>> {
        super::ui_keys(t, name).map(|k| k.into_iter().collect())
    }

    #[test]
    fn finds_ui_keys_through_parents_and_macros() {
        let t = tera(&[
            ("base.html", "{{ t.skip }}{% block main %}{% endblock main %}"),
            (
                "page.html",
                "{% extends \"base.html\" %}{% import \"m.html\" as m %}{% block main %}{{ t.title }} {{ post.t.x }}{{ m::a(t=t) }}{% endblock main %}",
            ),
            ("m.html", "{% macro a(t) %}{{ t.apply | upper }}{% if t.b == 'x' %}{% endif %}{% endmacro a %}"),
            ("text.html", "t.not_a_key {{ at.x }}"),
        ]);
        assert_eq!(
            keys(&t, "page.html").unwrap(),
            ["apply", "b", "skip", "title"]
        );
        assert_eq!(keys(&t, "text.html").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_template_that_uses_t_whole_gets_every_string() {
        for src in [
            "{{ t[name] }}",
            "{% set s = t %}{{ s.x }}",
            "{{ m::a(strings=t) }}",
            "{% for k, v in t %}{{ v }}{% endfor %}",
        ] {
            let t = tera(&[
                ("m.html", "{% macro a(strings) %}{% endmacro a %}"),
                ("x.html", src),
            ]);
            assert_eq!(keys(&t, "x.html"), None, "{src}");
        }
    }

    #[test]
    fn a_loop_over_t_keeps_the_prefixes_it_tests() {
        let t = tera(&[(
            "x.html",
            "{% for k, v in t %}{% if k is starting_with(\"count_\") %}{{ v }}{% endif %}{% endfor %}{{ t.title }}",
        )]);
        assert_eq!(keys(&t, "x.html").unwrap(), ["*count_", "title"]);
    }
}
