//! Reading Tera's parse tree (`tera::ast`, `Template.ast`): the expressions and nested bodies of
//! each node, and the templates a template needs. Shared by the template generator (run by
//! `build.rs`) and the renderer (which UI strings a template uses, whether a site changed a
//! template the generated code was made from). The tree is not a stable API of Tera: the crate
//! is pinned to one version in Cargo.toml.

use std::collections::BTreeSet;

/// The template names whose output Tera escapes (`autoescape_on`); the generated code too.
pub const AUTOESCAPE: &[&str] = &[".html", ".xml"];
use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::Tera;

/// `(name, value)` of call arguments in name order (the tree keeps them in a `HashMap`).
pub fn sorted_args<V>(args: &std::collections::HashMap<String, V>) -> Vec<(&str, &V)> {
    let mut v: Vec<(&str, &V)> = args.iter().map(|(k, v)| (k.as_str(), v)).collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// The expressions a node evaluates itself (not those of its nested bodies).
pub fn node_exprs(node: &Node) -> Vec<&Expr> {
    match node {
        Node::VariableBlock(_, e) => vec![e],
        Node::Set(_, set) => vec![&set.value],
        Node::Forloop(_, f, _) => vec![&f.container],
        Node::If(i, _) => i.conditions.iter().map(|(_, e, _)| e).collect(),
        Node::FilterSection(_, f, _) => call_args(&f.filter),
        Node::MacroDefinition(_, m, _) => sorted_args(&m.args)
            .into_iter()
            .filter_map(|(_, d)| d.as_ref())
            .collect(),
        _ => Vec::new(),
    }
}

/// The bodies nested in a node: branches of an `if`, a loop's body and `else`, a block, a macro,
/// a filter section.
pub fn node_bodies(node: &Node) -> Vec<&[Node]> {
    match node {
        Node::If(i, _) => {
            let mut v: Vec<&[Node]> = i.conditions.iter().map(|(_, _, b)| b.as_slice()).collect();
            v.extend(i.otherwise.iter().map(|(_, b)| b.as_slice()));
            v
        }
        Node::Forloop(_, f, _) => {
            let mut v = vec![f.body.as_slice()];
            v.extend(f.empty_body.as_deref());
            v
        }
        Node::Block(_, b, _) => vec![&b.body],
        Node::MacroDefinition(_, m, _) => vec![&m.body],
        Node::FilterSection(_, f, _) => vec![&f.body],
        _ => Vec::new(),
    }
}

fn call_args(f: &FunctionCall) -> Vec<&Expr> {
    sorted_args(&f.args).into_iter().map(|(_, e)| e).collect()
}

/// The expressions inside an expression: operands, and the arguments of its filters, tests and
/// calls.
pub fn sub_exprs(e: &Expr) -> Vec<&Expr> {
    let mut v: Vec<&Expr> = match &e.val {
        ExprVal::Math(m) => vec![&*m.lhs, &*m.rhs],
        ExprVal::Logic(l) => vec![&*l.lhs, &*l.rhs],
        ExprVal::In(i) => vec![&*i.lhs, &*i.rhs],
        ExprVal::Test(t) => t.args.iter().collect(),
        ExprVal::MacroCall(m) => sorted_args(&m.args).into_iter().map(|(_, e)| e).collect(),
        ExprVal::FunctionCall(f) => call_args(f),
        ExprVal::Array(a) => a.iter().collect(),
        _ => Vec::new(),
    };
    for f in &e.filters {
        v.extend(call_args(f));
    }
    v
}

/// Every expression in `nodes` at any depth, outer ones before their parts.
pub fn visit_exprs<'a>(nodes: &'a [Node], f: &mut impl FnMut(&'a Expr)) {
    fn expr<'a>(e: &'a Expr, f: &mut impl FnMut(&'a Expr)) {
        f(e);
        for s in sub_exprs(e) {
            expr(s, f);
        }
    }
    for n in nodes {
        for e in node_exprs(n) {
            expr(e, f);
        }
        for b in node_bodies(n) {
            visit_exprs(b, f);
        }
    }
}

/// The variable paths an expression reads, with the path a test reads (`x is starting_with(…)`).
pub fn paths(e: &Expr) -> Vec<&str> {
    match &e.val {
        ExprVal::Ident(p) => vec![p.as_str()],
        ExprVal::Test(t) => vec![t.ident.as_str()],
        ExprVal::StringConcat(c) => c
            .values
            .iter()
            .filter_map(|v| match v {
                ExprVal::Ident(p) => Some(p.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The templates included by `nodes` (`{% include %}`), at any depth.
pub fn includes(nodes: &[Node], out: &mut Vec<String>) {
    for n in nodes {
        if let Node::Include(_, names, _) = n {
            out.extend(names.iter().cloned());
        }
        for b in node_bodies(n) {
            includes(b, out);
        }
    }
}

/// The templates `name` needs to render, itself first: the templates it extends, the macro files
/// it and they import, the templates they include, at any depth; in a stable order. Names Tera
/// does not have are left out (Tera reports them).
pub fn closure(tera: &Tera, name: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    let mut todo = vec![name.to_string()];
    while let Some(n) = todo.pop() {
        let Ok(t) = tera.get_template(&n) else {
            continue;
        };
        if !seen.insert(n.clone()) {
            continue;
        }
        order.push(n);
        let mut next: Vec<String> = t.parent.iter().cloned().collect();
        next.extend(t.imported_macro_files.iter().map(|(f, _)| f.clone()));
        includes(&t.ast, &mut next);
        next.reverse();
        todo.extend(next);
    }
    order
}

/// The UI string keys (`t.key`) a template reads, itself and through the templates it extends,
/// imports and includes, found in Tera's parse tree; `*prefix` for a loop over `t` that keeps
/// the keys starting with `prefix` (`{% for k, v in t %}{% if k is starting_with("p_") %}`);
/// `None` when a template uses `t` otherwise (`t[name]`, `t` passed on whole but to a macro's
/// `t`): then it gets every string. Templates get only these strings: converting all of them
/// for every page cost more than the rest of the page's data.
pub fn ui_keys(tera: &Tera, name: &str) -> Option<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    for dep in closure(tera, name) {
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
                for b in node_bodies(n) {
                    nodes_keys(b, keys)?;
                }
                continue;
            }
        }
        for e in node_exprs(n) {
            expr_keys(e, keys)?;
        }
        for b in node_bodies(n) {
            nodes_keys(b, keys)?;
        }
    }
    Some(())
}

fn is_t(e: &Expr) -> bool {
    matches!(&e.val, ExprVal::Ident(p) if p == "t")
}

fn expr_keys(e: &Expr, keys: &mut BTreeSet<String>) -> Option<()> {
    for p in paths(e) {
        if p == "t" || p.starts_with("t[") {
            return None;
        }
        if let Some(rest) = p.strip_prefix("t.") {
            keys.insert(rest.split(['.', '[']).next().unwrap_or(rest).to_string());
        }
    }
    let passed_on = |k: &str, a: &Expr| k == "t" && is_t(a) && a.filters.is_empty();
    for s in sub_exprs(e) {
        if let ExprVal::MacroCall(m) = &e.val {
            // `m::x(t=t)`: the macro's `t` is the same strings, its keys are read in its body.
            if sorted_args(&m.args)
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
    visit_exprs(body, &mut |e| {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut t = Tera::default();
        t.add_raw_templates(templates.to_vec())
            .expect("templates parse");
        t
    }

    #[test]
    fn closure_follows_extends_imports_and_includes() {
        let t = tera(&[
            ("base.html", "{% import \"m.html\" as m %}{% block b %}{% endblock b %}"),
            ("page.html", "{% extends \"base.html\" %}{% block b %}{% include \"part.html\" %}{% endblock b %}"),
            ("part.html", "x"),
            ("m.html", "{% import \"n.html\" as n %}{% macro a() %}{% endmacro a %}"),
            ("n.html", "{% macro b() %}{% endmacro b %}"),
            ("alone.html", "y"),
        ]);
        assert_eq!(
            closure(&t, "page.html"),
            ["page.html", "base.html", "m.html", "n.html", "part.html"]
        );
        assert_eq!(closure(&t, "alone.html"), ["alone.html"]);
    }

    #[test]
    fn visits_every_expression_at_any_depth() {
        let t = tera(&[(
            "a.html",
            "{% for x in xs %}{% if x.a and y | join(sep=t.sep) %}{{ z is starting_with(w) }}{% endif %}{% endfor %}",
        )]);
        let mut seen = Vec::new();
        visit_exprs(&t.get_template("a.html").unwrap().ast, &mut |e| {
            seen.extend(paths(e).into_iter().map(str::to_string));
        });
        assert_eq!(seen, ["xs", "x.a", "y", "t.sep", "z", "w"]);
    }
}
