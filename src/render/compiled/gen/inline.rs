//! What the generated code writes in place: blocks (the most derived template's definition),
//! included templates, and macro calls (the macro's body, with its arguments bound), looked up as
//! Tera looks them up.

use super::body::{bind, collect_reads, root, Compiler};
use super::code::{ident, literal};
use super::scope::Entry;
use super::tree::sorted_args;
use super::Unsupported;
use std::collections::{BTreeMap, BTreeSet};
use tera::ast::{Block, MacroCall, MacroDefinition, Node};

impl<'t> Compiler<'t> {
    /// `{% block name %}`: the definition of the template rendered, else of its nearest parent.
    pub fn block(&mut self, b: &Block) -> Result<(), Unsupported> {
        let chain = std::iter::once(self.tpl.name.as_str())
            .chain(self.tpl.parents.iter().map(String::as_str));
        let mut def: Option<(&str, &[Node])> = None;
        for name in chain {
            let t = self.get(name)?;
            if let Some(defs) = t.blocks_definitions.get(&b.name) {
                def = defs
                    .first()
                    .map(|(tpl, blk)| (tpl.as_str(), blk.body.as_slice()));
                break;
            }
        }
        let (tpl, body) = def.unwrap_or((self.frame_tpl_root(), b.body.as_slice()));
        self.code
            .line(&format!("// {{% block {} %}} of {}", b.name, literal(tpl)));
        let outer = self.in_block.replace(tpl.to_string());
        self.blocks_seen.insert(tpl.to_string());
        self.nodes(body)?;
        self.in_block = outer;
        Ok(())
    }

    /// The template whose top level is rendered: the root of the inheritance chain.
    fn frame_tpl_root(&self) -> &'t str {
        self.tpl.parents.last().unwrap_or(&self.tpl.name)
    }

    fn get(&self, name: &str) -> Result<&'t tera::Template, Unsupported> {
        self.tera
            .get_template(name)
            .map_err(|_| Unsupported(format!("missing template `{name}`")))
    }

    /// `{% include "name" %}`: the included template's nodes, in a Rust block (its `set`s stay
    /// in it, as in Tera's include frame).
    pub fn include(&mut self, names: &[String], ignore_missing: bool) -> Result<(), Unsupported> {
        let Some(name) = names.iter().find(|n| self.tera.get_template(n).is_ok()) else {
            return if ignore_missing {
                Ok(())
            } else {
                Err(Unsupported(format!(
                    "include of missing `{}`",
                    names.join("`, `")
                )))
            };
        };
        let t = self.get(name)?;
        if t.parent.is_some() {
            return Err(Unsupported(
                "an included template that extends another".into(),
            ));
        }
        if self.inlining.contains(name) {
            return Err(Unsupported(format!("`{name}` includes itself")));
        }
        self.code
            .line(&format!("// {{% include {} %}}", literal(name)));
        self.code.open("{");
        let frame = std::mem::replace(&mut self.frame_tpl, name.clone());
        let branch = std::mem::take(&mut self.in_branch);
        self.inlining.push(name.clone());
        let mark = self.scope.mark();
        let r = self.nodes(&t.ast);
        self.scope.restore(mark);
        self.inlining.pop();
        self.in_branch = branch;
        self.frame_tpl = frame;
        r?;
        self.code.close("}");
        Ok(())
    }

    /// `{{ ns::name(args) }}`: the macro's body in a Rust block, its arguments bound first
    /// (evaluated where the call is, as Tera does); it sees only its arguments.
    pub fn macro_call(&mut self, m: &MacroCall) -> Result<(), Unsupported> {
        let (file, def) = self.resolve_macro(&m.namespace, &m.name)?;
        let key = format!("{file}::{}", m.name);
        if self.inlining.contains(&key) {
            return Err(Unsupported(format!("recursive macro `{}`", m.name)));
        }
        let mut used = BTreeSet::new();
        collect_reads(&def.body, &mut used);
        let mut binds = Vec::new();
        for (param, default) in sorted_args(&def.args) {
            let Some(e) = m.args.get(param).or(default.as_ref()) else {
                return Err(Unsupported(format!("macro `{}` without `{param}`", m.name)));
            };
            if !used.iter().any(|p| root(p) == param) {
                continue;
            }
            let v = self.value(e)?;
            let rust = ident(param).ok_or_else(|| Unsupported(format!("argument `{param}`")))?;
            let (code, is_ref, strings) = bind(&v.code, v.kind)?;
            binds.push((param.to_string(), rust, code, is_ref, strings));
        }
        self.code.line(&format!(
            "// {{{{ {}::{}() }}}}: macro of {}",
            m.namespace,
            m.name,
            literal(&file)
        ));
        self.code.open("{");
        match binds.as_slice() {
            [] => {}
            [(_, rust, code, ..)] => self.code.line(&format!("let {rust} = {code};")),
            _ => {
                let names: Vec<&str> = binds.iter().map(|b| b.1.as_str()).collect();
                let codes: Vec<&str> = binds.iter().map(|b| b.2.as_str()).collect();
                self.code.line(&format!(
                    "let ({}) = ({});",
                    names.join(", "),
                    codes.join(", ")
                ));
            }
        }
        let mark = self.scope.mark();
        self.scope.push(Entry::Boundary);
        for (name, rust, _, is_ref, strings) in binds {
            self.scope.push(Entry::Var {
                name,
                rust,
                is_ref,
                strings,
            });
        }
        let saved = (
            std::mem::take(&mut self.reads),
            std::mem::take(&mut self.objects),
            std::mem::replace(&mut self.frame_tpl, file),
            std::mem::take(&mut self.in_branch),
        );
        self.set_context([def.body.as_slice()]);
        self.inlining.push(key);
        let r = self.nodes(&def.body);
        self.inlining.pop();
        (self.reads, self.objects, self.frame_tpl, self.in_branch) = saved;
        self.scope.restore(mark);
        r?;
        self.code.close("}");
        Ok(())
    }

    /// The macro `ns::name` refers to where the call is. Tera looks it up in the namespaces of
    /// the last block it rendered (else of the root template, or of the current frame's
    /// template without inheritance); when a call could see several of them (a block inside an
    /// `if`), they must all give the same macro.
    fn resolve_macro(
        &self,
        ns: &str,
        name: &str,
    ) -> Result<(String, &'t MacroDefinition), Unsupported> {
        let mut candidates: BTreeSet<&str> = BTreeSet::new();
        match &self.in_block {
            Some(b) => {
                candidates.insert(b);
            }
            None => {
                candidates.insert(if self.tpl.parents.is_empty() {
                    &self.frame_tpl
                } else {
                    self.frame_tpl_root()
                });
                candidates.extend(self.blocks_seen.iter().map(String::as_str));
            }
        }
        let mut found: Option<(String, &'t MacroDefinition)> = None;
        for c in candidates {
            let spaces = namespaces(self.tera, c, &mut BTreeMap::new());
            let file = spaces
                .get(ns)
                .ok_or_else(|| Unsupported(format!("macro namespace `{ns}` in `{c}`")))?;
            let def = self
                .get(file)?
                .macros
                .get(name)
                .ok_or_else(|| Unsupported(format!("macro `{ns}::{name}`")))?;
            match &found {
                Some((f, _)) if f != file => {
                    return Err(Unsupported(format!(
                        "macro `{ns}::{name}` depends on which blocks ran"
                    )))
                }
                _ => found = Some((file.clone(), def)),
            }
        }
        found.ok_or_else(|| Unsupported(format!("macro `{ns}::{name}`")))
    }
}

/// The macro namespaces of a template as Tera builds them (`MacroCollection`): `self` for its
/// own macros, its imports (a later import of a name replaces an earlier one), then the
/// namespaces of the imported files and of its parents that it does not name itself.
fn namespaces(
    tera: &tera::Tera,
    name: &str,
    memo: &mut BTreeMap<String, BTreeMap<String, String>>,
) -> BTreeMap<String, String> {
    if let Some(m) = memo.get(name) {
        return m.clone();
    }
    memo.insert(name.to_string(), BTreeMap::new());
    let Ok(t) = tera.get_template(name) else {
        return BTreeMap::new();
    };
    let mut map = BTreeMap::new();
    if !t.macros.is_empty() {
        map.insert("self".to_string(), name.to_string());
    }
    for (file, ns) in &t.imported_macro_files {
        map.insert(ns.clone(), file.clone());
        for (ns2, f2) in namespaces(tera, file, memo) {
            map.entry(ns2).or_insert(f2);
        }
    }
    for parent in &t.parents {
        for (ns, f) in namespaces(tera, parent, memo) {
            map.entry(ns).or_insert(f);
        }
    }
    memo.insert(name.to_string(), map.clone());
    map
}
