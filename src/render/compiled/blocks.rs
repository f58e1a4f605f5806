//! A site's own `base.html` with the default theme's pages. When a site changes a template a page
//! template extends (or one that template is made from) but keeps the page template itself, the
//! page is not written by its compiled code whole; without this, Tera would render all of it
//! from the whole view made into JSON. Instead the blocks the page template defines are written
//! by their compiled code ([`super::Compiled::render_block`]), and Tera renders a stand-in for
//! the page template: a child of the same parent, with the same imports, whose blocks print
//! those texts, in a context holding only the view's fields the site's templates read.
//!
//! Tera's meaning is kept: each block is the page template's definition (nested blocks too),
//! the stand-in has the page template's macro namespaces (Tera looks macros up in the last
//! block's template), and a case this cannot keep is left to Tera whole, automatically: a page
//! template that defines macros, a block or macro its own imports do not resolve alone, a
//! variable the page's blocks read that the site's templates bind (`set`, a loop around a
//! block), `__tera_context`, a block without compiled code. A Tera error in the stand-in
//! renders the page again the usual way, which reports it as before.
//! `tests/site/compiled.rs` compares sites with their own `base.html` both ways.

use super::tree::{closure, includes, node_bodies, paths, visit_exprs};
use super::{Compiled, BLOCKS, COMPILED};
use crate::load::theme::default_template;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tera::ast::Node;
use tera::{Context, Tera};

/// Where the stand-ins live among Tera's templates: `PREFIX` + the page template's name (which
/// keeps its extension, and with it Tera's autoescape).
const PREFIX: &str = "__prospectus_blocks__/";
/// The context variable holding a block's text: `VAR` + the block's name.
const VAR: &str = "__prospectus_block_";

/// How a page template's stand-in is rendered.
#[derive(Clone, Debug)]
pub struct StandIn {
    /// The stand-in's name in Tera.
    name: String,
    /// The blocks to write: those of the page template the site's templates name.
    blocks: Vec<&'static str>,
    /// The view's fields the site's templates may read.
    fields: BTreeSet<String>,
}

/// The stand-ins to add to a site's Tera, `(name, source)`: one per compiled page template the
/// site keeps while changing what it extends ([`analyse`]). `tera` has the site's templates.
pub fn sources(tera: &Tera, templates: &BTreeMap<String, String>) -> Vec<(String, String)> {
    BLOCKS
        .iter()
        .filter_map(|(name, blocks)| analyse(tera, templates, name, blocks))
        .map(|(source, s)| (s.name, source))
        .collect()
}

/// The stand-ins `tera` has ([`sources`] added them), by page template.
pub fn plan(tera: &Tera, templates: &BTreeMap<String, String>) -> HashMap<String, StandIn> {
    BLOCKS
        .iter()
        .filter_map(|(name, blocks)| {
            let (_, s) = analyse(tera, templates, name, blocks)?;
            tera.get_template(&s.name).ok()?;
            Some((name.to_string(), s))
        })
        .collect()
}

/// The page `template` for `view` through its stand-in; `None` when a block has no code or Tera
/// fails (the caller renders the page with Tera whole).
pub fn render<T: Serialize + Compiled>(
    tera: &Tera,
    s: &StandIn,
    template: &str,
    view: &T,
) -> Option<String> {
    let mut context = super::fields::select(view, &s.fields).ok()?;
    for b in &s.blocks {
        let mut text = String::new();
        if !view.render_block(template, b, &mut text) {
            return None;
        }
        context.insert(format!("{VAR}{b}"), serde_json::Value::String(text));
    }
    let context = Context::from_value(serde_json::Value::Object(context)).ok()?;
    tera.render(&s.name, &context).ok()
}

/// The stand-in of compiled page template `name` (whose blocks with code are `with_code`) and
/// its source, when the site keeps `name` and what it is made from itself but changes what it
/// extends, and the stand-in renders what Tera renders from `name`.
fn analyse(
    tera: &Tera,
    templates: &BTreeMap<String, String>,
    name: &str,
    with_code: &[&'static str],
) -> Option<(String, StandIn)> {
    let unchanged = |n: &str| templates.get(n).map(String::as_bytes) == default_template(n);
    let (_, deps) = COMPILED.iter().find(|(n, _)| *n == name)?;
    let stand_in = format!("{PREFIX}{name}");
    if deps.iter().all(|d| unchanged(d)) || templates.contains_key(&stand_in) {
        // Compiled whole; or the name is taken.
        return None;
    }
    let tpl = tera.get_template(name).ok()?;
    let parent = tpl.parent.as_deref()?;
    let own = own_closure(tera, name);
    if !tpl.macros.is_empty() || !own.iter().all(|d| unchanged(d)) {
        return None;
    }
    let site: Vec<&tera::Template> = tpl
        .parents
        .iter()
        .filter_map(|p| tera.get_template(p).ok())
        .collect();
    // The blocks the site's templates name, each with code.
    let mut named = BTreeSet::new();
    for t in &site {
        block_names(&t.ast, &mut named);
    }
    let mut blocks = Vec::new();
    for b in tpl.blocks.keys().filter(|b| named.contains(*b)) {
        blocks.push(*with_code.iter().find(|w| **w == b.as_str())?);
    }
    blocks.sort_unstable();
    // Variables: those the page's blocks read must come from the view in the site's templates
    // too; the site's templates read only fields (and no dump of the whole context).
    let mut bound = BTreeSet::new();
    for t in &site {
        bindings(&t.ast, &mut bound);
    }
    if roots(tera, &own, true).iter().any(|r| bound.contains(r)) {
        return None;
    }
    let deps: Vec<String> = closure(tera, name).into_iter().skip(1).collect();
    let fields = roots(tera, &deps, false);
    if fields
        .iter()
        .any(|f| f == "__tera_context" || f.starts_with("__prospectus"))
    {
        return None;
    }
    // Macros called from the page's blocks and the macros they call resolve in the page
    // template's own imports, whatever the site's templates import.
    let spaces = own_namespaces(tera, name);
    let mut called = BTreeSet::new();
    for t in own.iter().filter_map(|d| tera.get_template(d).ok()) {
        visit_exprs(&t.ast, &mut |e| {
            if let tera::ast::ExprVal::MacroCall(m) = &e.val {
                called.insert(m.namespace.clone());
            }
        });
    }
    if !called.iter().all(|ns| spaces.contains(ns)) {
        return None;
    }
    let quoted = |n: &str| (!n.contains('"')).then(|| format!("\"{n}\""));
    let mut source = format!("{{% extends {} %}}", quoted(parent)?);
    for (file, ns) in &tpl.imported_macro_files {
        source.push_str(&format!("{{% import {} as {ns} %}}", quoted(file)?));
    }
    for b in &blocks {
        source.push_str(&format!(
            "{{% block {b} %}}{{{{ {VAR}{b} | safe }}}}{{% endblock {b} %}}"
        ));
    }
    let s = StandIn {
        name: stand_in,
        blocks,
        fields,
    };
    Some((source, s))
}

/// The templates `name` is made from but those it extends: itself, the macro files it imports
/// and the templates it includes, at any depth.
fn own_closure(tera: &Tera, name: &str) -> Vec<String> {
    let Ok(t) = tera.get_template(name) else {
        return Vec::new();
    };
    let mut out = vec![name.to_string()];
    let mut next: Vec<String> = t
        .imported_macro_files
        .iter()
        .map(|(f, _)| f.clone())
        .collect();
    includes(&t.ast, &mut next);
    for n in next {
        for d in closure(tera, &n) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

/// The macro namespaces template `name` has from itself and its imports alone (Tera's
/// `MacroCollection` without the parents' part).
fn own_namespaces(tera: &Tera, name: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo = vec![name.to_string()];
    let mut seen = BTreeSet::new();
    while let Some(n) = todo.pop() {
        let Ok(t) = tera.get_template(&n) else {
            continue;
        };
        if !seen.insert(n) {
            continue;
        }
        if !t.macros.is_empty() {
            out.insert("self".to_string());
        }
        for (file, ns) in &t.imported_macro_files {
            out.insert(ns.clone());
            todo.push(file.clone());
        }
    }
    out
}

/// The names of the blocks in `nodes`, at any depth.
fn block_names(nodes: &[Node], out: &mut BTreeSet<String>) {
    for n in nodes {
        if let Node::Block(_, b, _) = n {
            out.insert(b.name.clone());
        }
        for b in node_bodies(n) {
            block_names(b, out);
        }
    }
}

/// Variables a template binds where a block could see them: every `set` (macros apart), and
/// the variables of a loop that holds a block.
fn bindings(nodes: &[Node], out: &mut BTreeSet<String>) {
    for n in nodes {
        match n {
            Node::MacroDefinition(..) => continue,
            Node::Set(_, s) => {
                out.insert(s.key.clone());
            }
            Node::Forloop(_, f, _) => {
                let mut inner = BTreeSet::new();
                block_names(&f.body, &mut inner);
                if !inner.is_empty() {
                    out.extend(f.key.iter().cloned());
                    out.insert(f.value.clone());
                    out.insert("loop".to_string());
                }
            }
            _ => {}
        }
        for b in node_bodies(n) {
            bindings(b, out);
        }
    }
}

/// The first names of the variable paths the templates `names` read (every name in a path with
/// square brackets); `skip_macros`: outside macro definitions.
fn roots(tera: &Tera, names: &[String], skip_macros: bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in names.iter().filter_map(|n| tera.get_template(n).ok()) {
        for n in &t.ast {
            if skip_macros && matches!(n, Node::MacroDefinition(..)) {
                continue;
            }
            visit_exprs(std::slice::from_ref(n), &mut |e| {
                for p in paths(e) {
                    if p.contains('[') {
                        out.extend(
                            p.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                                .filter(|w| !w.is_empty())
                                .map(str::to_string),
                        );
                    } else {
                        out.insert(p.split('.').next().unwrap_or(p).to_string());
                    }
                }
            });
        }
    }
    out
}
