//! The template generator: Rust code that writes what Tera writes, made from the templates'
//! parse tree (`tera::ast`). `build.rs` runs it on the default theme: each template gets a file
//! `<module>.rs` (see [`module_name`]) with `NAME` and `render(view, out) -> bool`, included by
//! the view that renders it (`compiled::templates!`); `index.rs` lists the compiled templates
//! with the templates each is made from, and those left to Tera with the reason.
//!
//! Supported, with Tera's meaning (each one tested against Tera in `render/compiled/tests.rs`):
//! text, comments, `raw`, whitespace control; `{{ }}` with autoescape by template name;
//! variables and paths (`a.b`, list items `a.1.b`), string, integer and boolean literals,
//! `t.key` (the view's `t` holds the UI strings); filters `safe`, `default`, `join`, `replace`,
//! `length`, `lower`, `upper`, `trim`; `not`, `and`, `or`, `==`, `!=`, `<`, `>`, `<=`, `>=`;
//! tests `starting_with`, `ending_with`, `containing`; `if`/`elif`/`else`; `for` over a list or
//! (`k, v`) a map, with `else`, `loop.index`, `index0`, `first`, `last`; `set` (not inside an
//! `if`); `extends` and `block` at any depth; `include`; macros (`import`, `self::`, arguments
//! with defaults), written in place. Anything else (`super()`, filter sections, `break`,
//! `set_global`, arithmetic, `~`, `in`, functions, other filters and tests, `t[…]`, a list item
//! kept in a variable, recursive macros, a macro reading a variable that is not its argument)
//! leaves the template to Tera: its `render` returns false, and Tera renders it, as it does
//! every template a site overrides.
//!
//! The generator knows no Rust types: it writes field accesses (`view.course.card.title`) and
//! calls to `rt`, whose traits give Tera's meaning to strings, numbers, options and lists. An
//! object that may be absent (`Option` of a struct) is read inside `{% if x %}`, which binds
//! it. A field a template reads that its view lacks is a compile error in the generated file
//! (with Tera every page would fail at run time); the output differs from Tera's only where
//! Tera would stop with an error (a missing UI string, a list item past the end, comparing
//! things that are not numbers with `<`).

mod body;
mod code;
mod expr;
mod inline;
mod scope;
#[cfg(test)]
mod tests;

// `build.rs` and `render::compiled` both have `tree` beside `gen`.
use super::tree;

use body::Compiler;
use std::collections::BTreeMap;
use tera::Tera;

/// Why a template is left to Tera.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsupported(pub String);

/// The module (and file stem) of a template's code: `calendar_month.html` →
/// `calendar_month_html`, `404.html` → `_404_html`.
pub fn module_name(template: &str) -> String {
    let mut m: String = template
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if m.starts_with(|c: char| c.is_ascii_digit()) {
        m.insert(0, '_');
    }
    m
}

/// The generated files, `(file name, Rust source)`: one per template and `index.rs`.
pub fn generate(templates: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut tera = Tera::default();
    let parsed = tera
        .add_raw_templates(templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| Unsupported(format!("Tera cannot read the templates: {e}")));
    let mut files: Vec<(String, String)> = Vec::new();
    let mut compiled = Vec::new();
    let mut left = Vec::new();
    for name in templates.keys() {
        let file = format!("{}.rs", module_name(name));
        if files.iter().any(|(f, _)| *f == file) {
            left.push((
                name.clone(),
                "its module name is another template's".to_string(),
            ));
            continue;
        }
        let result = parsed.clone().and_then(|()| compile(&tera, name));
        match result {
            Ok(body) => {
                let deps = tree::closure(&tera, name);
                let blocks = compile_blocks(&tera, name);
                files.push((file, compiled_file(name, &deps, &body, &blocks)));
                compiled.push((name.clone(), deps, blocks_done(&blocks)));
            }
            Err(Unsupported(reason)) => {
                files.push((file, fallback_file(name, &reason)));
                left.push((name.clone(), reason));
            }
        }
    }
    let mut index = index(&compiled, &left);
    index.push_str(&ui_keys_table(&tera, templates, parsed.is_ok()));
    files.push(("index.rs".to_string(), index));
    files
}

/// `UI_KEYS`: the UI strings each template reads ([`tree::ui_keys`]), with the templates it is
/// made from, so that a site keeping them as they are needs no parse of the templates to know.
fn ui_keys_table(tera: &Tera, templates: &BTreeMap<String, String>, parsed: bool) -> String {
    let mut s = String::from(
        "\n/// Each template with the templates it is made from (itself first) and the UI strings\n\
         /// they read (`render::templates::ui_keys`; `None`: all of them).\n\
         #[allow(clippy::type_complexity)]\n\
         pub static UI_KEYS: &[(&str, &[&str], Option<&[&str]>)] = &[\n",
    );
    for name in templates.keys().filter(|_| parsed) {
        let list = |v: Vec<String>| v.iter().map(|d| code::literal(d)).collect::<Vec<_>>();
        let deps = list(tree::closure(tera, name));
        let keys = tree::ui_keys(tera, name).map_or_else(
            || "None".to_string(),
            |k| format!("Some(&[{}])", list(k.into_iter().collect()).join(", ")),
        );
        s.push_str(&format!(
            "    ({}, &[{}], {keys}),\n",
            code::literal(name),
            deps.join(", ")
        ));
    }
    s.push_str("];\n");
    s
}

/// The blocks of a template that extends another, each with the code of the function that
/// writes it alone (`block_<n>`) or why it has none: a site that changes the templates it
/// extends renders those with Tera and the blocks with this code (`render::compiled::blocks`).
fn compile_blocks(tera: &Tera, name: &str) -> Vec<(String, Result<String, Unsupported>)> {
    let Ok(tpl) = tera.get_template(name) else {
        return Vec::new();
    };
    if tpl.parent.is_none() {
        return Vec::new();
    }
    let mut names: Vec<&String> = tpl.blocks.keys().collect();
    names.sort();
    names
        .into_iter()
        .enumerate()
        .map(|(i, block)| {
            let code = compile_block(tera, tpl, &tpl.blocks[block], i);
            (block.clone(), code)
        })
        .collect()
}

/// The names of the blocks that have code.
fn blocks_done(blocks: &[(String, Result<String, Unsupported>)]) -> Vec<String> {
    blocks
        .iter()
        .filter(|(_, result)| result.is_ok())
        .map(|(b, _)| b.clone())
        .collect()
}

/// `fn block_<i>(view, out)`: block `b` of `tpl` as `tpl` defines it, its free variables read
/// from the view (the caller checks that the templates it extends bind none of them).
fn compile_block(
    tera: &Tera,
    tpl: &tera::Template,
    b: &tera::ast::Block,
    i: usize,
) -> Result<String, Unsupported> {
    let escape = tree::AUTOESCAPE.iter().any(|s| tpl.name.ends_with(s));
    let mut c = Compiler::new(tera, tpl, escape);
    c.set_context(context_of(tera, &tpl.name));
    c.block(b)?;
    let view = if c.scope.view_used { "view" } else { "_view" };
    Ok(function(
        &format!(
            "/// Writes block {} alone.\nfn block_{i}({view}: &View, out: &mut String) -> bool {{\n",
            code::literal(&b.name)
        ),
        &c.code.finish(),
    ))
}

/// The parse trees of the templates `name` is made from: the variable context of its code.
fn context_of<'t>(tera: &'t Tera, name: &str) -> Vec<&'t [tera::ast::Node]> {
    tree::closure(tera, name)
        .iter()
        .filter_map(|dep| tera.get_template(dep).ok())
        .map(|t| t.ast.as_slice())
        .collect()
}

/// A function returning true after `body`, indented.
fn function(head: &str, body: &str) -> String {
    let mut out = head.to_string();
    for line in body.lines() {
        out.push_str(if line.is_empty() { "" } else { "    " });
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("    true\n}\n");
    out
}

/// The body of `render` for template `name`.
fn compile(tera: &Tera, name: &str) -> Result<String, Unsupported> {
    let tpl = tera
        .get_template(name)
        .map_err(|e| Unsupported(e.to_string()))?;
    let root = match tpl.parents.last() {
        Some(p) => tera
            .get_template(p)
            .map_err(|e| Unsupported(e.to_string()))?,
        None => tpl,
    };
    let escape = tree::AUTOESCAPE.iter().any(|s| name.ends_with(s));
    let mut c = Compiler::new(tera, tpl, escape);
    c.set_context(context_of(tera, name));
    c.nodes(&root.ast)?;
    let view = if c.scope.view_used { "view" } else { "_view" };
    Ok(function(
        &format!("pub(super) fn render({view}: &View, out: &mut String) -> bool {{\n"),
        &c.code.finish(),
    ))
}

fn header(name: &str) -> String {
    format!(
        "// @generated by build.rs (src/render/compiled/gen) from the template {}.\n\
         // Edit the template, not this file.\n",
        code::literal(name)
    )
}

fn compiled_file(
    name: &str,
    deps: &[String],
    render: &str,
    blocks: &[(String, Result<String, Unsupported>)],
) -> String {
    let blocks = blocks_code(blocks);
    let uses = if render.contains("rt::") || blocks.contains("rt::") {
        "use crate::render::compiled::rt;\n\n"
    } else {
        ""
    };
    format!(
        "{}// Made from: {}.\n\n{uses}/// The template this module writes.\npub(super) const NAME: &str = {};\n\n\
         /// Writes the template for `view`; true: it is compiled.\n{render}\n{blocks}",
        header(name),
        deps.join(", "),
        code::literal(name),
    )
}

/// `render_block(view, name, out)`, which writes one block of the template alone (false: it
/// has no code, the reason in a comment), and the function of each block.
fn blocks_code(blocks: &[(String, Result<String, Unsupported>)]) -> String {
    if blocks.iter().all(|(_, result)| result.is_err()) {
        let mut s = String::from(NO_BLOCKS);
        for (b, result) in blocks {
            if let Err(Unsupported(why)) = result {
                s.push_str(&format!(
                    "// No code for block {}: {}.\n",
                    code::literal(b),
                    why.replace('\n', " ")
                ));
            }
        }
        return s;
    }
    let mut arms = String::new();
    let mut fns = String::new();
    for (i, (b, result)) in blocks.iter().enumerate() {
        match result {
            Ok(f) => {
                arms.push_str(&format!(
                    "        {} => block_{i}(view, out),\n",
                    code::literal(b)
                ));
                fns.push('\n');
                fns.push_str(f);
            }
            Err(Unsupported(why)) => arms.push_str(&format!(
                "        // No code for block {}: {}.\n",
                code::literal(b),
                why.replace('\n', " ")
            )),
        }
    }
    format!(
        "/// Writes block `block` of the template alone; false: it has no code.\n\
         pub(super) fn render_block(view: &View, block: &str, out: &mut String) -> bool {{\n    \
         match block {{\n{arms}        _ => false,\n    }}\n}}\n{fns}"
    )
}

/// `render_block` of a template without blocks of its own that have code.
const NO_BLOCKS: &str = "/// False: the template has no blocks of its own with code.\n\
    pub(super) fn render_block(_view: &View, _block: &str, _out: &mut String) -> bool {\n    false\n}\n";

fn fallback_file(name: &str, reason: &str) -> String {
    format!(
        "{}// Not compiled ({}): Tera renders it.\n\n/// The template this module names.\n\
         pub(super) const NAME: &str = {};\n\n/// False: Tera renders the template.\n\
         pub(super) fn render(_view: &View, _out: &mut String) -> bool {{\n    false\n}}\n\n{NO_BLOCKS}",
        header(name),
        reason.replace('\n', " "),
        code::literal(name),
    )
}

fn index(compiled: &[(String, Vec<String>, Vec<String>)], left: &[(String, String)]) -> String {
    let mut s = String::from(
        "// @generated by build.rs (src/render/compiled/gen) from the templates.\n\n\
         /// The compiled templates, each with the templates it is made from (itself first).\n\
         pub static COMPILED: &[(&str, &[&str])] = &[\n",
    );
    for (name, deps, _) in compiled {
        let deps: Vec<String> = deps.iter().map(|d| code::literal(d)).collect();
        s.push_str(&format!(
            "    ({}, &[{}]),\n",
            code::literal(name),
            deps.join(", ")
        ));
    }
    s.push_str("];\n\n/// The templates left to Tera, with the reason.\npub static LEFT_TO_TERA: &[(&str, &str)] = &[\n");
    for (name, reason) in left {
        s.push_str(&format!(
            "    ({}, {}),\n",
            code::literal(name),
            code::literal(reason)
        ));
    }
    s.push_str("];\n");
    s.push_str(
        "\n/// The compiled templates that extend another, with their blocks that have code of their\n\
         /// own (`render_block`).\npub static BLOCKS: &[(&str, &[&str])] = &[\n",
    );
    for (name, _, blocks) in compiled.iter().filter(|(_, _, b)| !b.is_empty()) {
        let blocks: Vec<String> = blocks.iter().map(|b| code::literal(b)).collect();
        s.push_str(&format!(
            "    ({}, &[{}]),\n",
            code::literal(name),
            blocks.join(", ")
        ));
    }
    s.push_str("];\n");
    s
}
