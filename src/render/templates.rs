//! Tera set-up: the theme's templates with the site's overrides (already merged by the loader),
//! compiled once; the UI strings each template reads. Template errors become diagnostics naming
//! the template file.

use super::compiled::tree;
use super::escape;
use crate::diag::Diagnostic;
use crate::i18n::Strings;
use std::collections::{BTreeMap, BTreeSet};
use tera::ast::{Expr, ExprVal, Node};
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
    Ok(tera)
}

/// The UI string keys (`t.key`) a template reads, itself and through the templates it extends,
/// imports and includes, found in Tera's parse tree; `*prefix` for a loop over `t` that keeps
/// the keys starting with `prefix` (`{% for k, v in t %}{% if k is starting_with("p_") %}`);
/// `None` when a template uses `t` otherwise (`t[name]`, `t` passed on whole but to a macro's
/// `t`): then it gets every string. Templates get only these strings: converting all of them
/// for every page cost more than the rest of the page's data.
pub fn ui_keys(tera: &Tera, name: &str) -> Option<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    for dep in tree::closure(tera, name) {
        let t = tera.get_template(&dep).ok()?;
        nodes_keys(&t.ast, &mut keys)?;
    }
    Some(keys)
}

fn nodes_keys(nodes: &[Node], keys: &mut BTreeSet<String>) -> Option<()> {
    for n in nodes {
        if let Node::Forloop(_, f, _) = n {
            if is_t(&f.container) {
                let prefixes = starting_with(&f.body, f.key.as_deref()?);
                if prefixes.is_empty() {
                    return None;
                }
                keys.extend(prefixes.into_iter().map(|p| format!("*{p}")));
                for b in tree::node_bodies(n) {
                    nodes_keys(b, keys)?;
                }
                continue;
            }
        }
        for e in tree::node_exprs(n) {
            expr_keys(e, keys)?;
        }
        for b in tree::node_bodies(n) {
            nodes_keys(b, keys)?;
        }
    }
    Some(())
}

fn is_t(e: &Expr) -> bool {
    matches!(&e.val, ExprVal::Ident(p) if p == "t")
}

fn expr_keys(e: &Expr, keys: &mut BTreeSet<String>) -> Option<()> {
    for p in tree::paths(e) {
        if p == "t" || p.starts_with("t[") {
            return None;
        }
        if let Some(rest) = p.strip_prefix("t.") {
            keys.insert(rest.split(['.', '[']).next().unwrap_or(rest).to_string());
        }
    }
    let passed_on = |k: &str, a: &Expr| k == "t" && is_t(a) && a.filters.is_empty();
    for s in tree::sub_exprs(e) {
        if let ExprVal::MacroCall(m) = &e.val {
            // `m::x(t=t)`: the macro's `t` is the same strings, its keys are read in its body.
            if tree::sorted_args(&m.args)
                .iter()
                .any(|(k, a)| std::ptr::eq(*a, s) && passed_on(k, a))
            {
                continue;
            }
        }
        expr_keys(s, keys)?;
    }
    Some(())
}

/// The prefixes of `{% if key is starting_with("…") %}` tests on a loop's key variable.
fn starting_with(body: &[Node], key: &str) -> Vec<String> {
    let mut out = Vec::new();
    tree::visit_exprs(body, &mut |e| {
        if let ExprVal::Test(t) = &e.val {
            if t.ident == key && t.name == "starting_with" && !t.negated {
                if let [Expr {
                    val: ExprVal::String(p),
                    ..
                }] = t.args.as_slice()
                {
                    out.push(p.clone());
                }
            }
        }
    });
    out
}

/// The strings `assets/prospectus.js` reads to restate a page by the visitor's clock
/// (`apply_line_*`, `days_*`, `state_*`, and the marks of months, notices and refund periods),
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
