//! Statements: the nodes of a template (`tera::ast::Node`) as Rust code writing to `out`: text,
//! `{{ … }}`, `if`, `for`, `set`. Blocks, includes and macro calls are in [`super::inline`].

use super::code::{ident, Code};
use super::expr::Kind;
use super::scope::{Entry, Scope};
use super::tree::{node_bodies, node_exprs, paths, sub_exprs};
use super::Unsupported;
use std::collections::BTreeSet;
use tera::ast::{Expr, ExprVal, Forloop, If, Node, Set};
use tera::{Template, Tera};

/// Generates the code of one template.
pub struct Compiler<'t> {
    pub tera: &'t Tera,
    /// The template rendered (its blocks replace its parents').
    pub tpl: &'t Template,
    pub code: Code,
    pub scope: Scope,
    /// Escape what `{{ }}` prints (Tera's autoescape for the template's name).
    pub escape: bool,
    /// The expression being generated is one Tera escapes (see [`Compiler::escaped`]).
    pub escaping: bool,
    /// The variable paths read in the current context (the template, or a macro's body).
    pub reads: BTreeSet<String>,
    /// The paths of those read as objects: `x` when `x.y` is read.
    pub objects: BTreeSet<String>,
    /// `if` branches entered since the last loop, macro or include: a `set` there would
    /// outlive its Rust block in Tera.
    pub in_branch: usize,
    /// The template of the current frame (the template, an included one, a macro's file).
    pub frame_tpl: String,
    /// The template of the block being written, and of every block written so far: Tera looks
    /// macros up from the last block it rendered.
    pub in_block: Option<String>,
    pub blocks_seen: BTreeSet<String>,
    /// Macros and includes being inlined (a recursive one is not compiled).
    pub inlining: Vec<String>,
}

impl<'t> Compiler<'t> {
    pub fn new(tera: &'t Tera, tpl: &'t Template, escape: bool) -> Self {
        Compiler {
            tera,
            tpl,
            code: Code::default(),
            scope: Scope::default(),
            escape,
            escaping: false,
            reads: BTreeSet::new(),
            objects: BTreeSet::new(),
            in_branch: 0,
            frame_tpl: tpl.name.clone(),
            in_block: None,
            blocks_seen: BTreeSet::new(),
            inlining: Vec::new(),
        }
    }

    /// Sets the variable context to the paths `nodes` read (macro bodies apart).
    pub fn set_context<'n>(&mut self, nodes: impl IntoIterator<Item = &'n [Node]>) {
        let mut reads = BTreeSet::new();
        for n in nodes {
            collect_reads(n, &mut reads);
        }
        self.objects = reads
            .iter()
            .flat_map(|p| {
                let segs: Vec<&str> = p.split('.').collect();
                (1..segs.len()).map(move |i| segs[..i].join("."))
            })
            .collect();
        self.reads = reads;
    }

    pub fn nodes(&mut self, nodes: &[Node]) -> Result<(), Unsupported> {
        for n in nodes {
            self.node(n)?;
        }
        Ok(())
    }

    fn node(&mut self, n: &Node) -> Result<(), Unsupported> {
        match n {
            Node::Text(s) | Node::Raw(_, s, _) => self.code.text(s),
            Node::Comment(..)
            | Node::ImportMacro(..)
            | Node::MacroDefinition(..)
            | Node::Extends(..) => {}
            Node::VariableBlock(_, e) => self.print(e)?,
            Node::Set(_, s) => self.set(s)?,
            Node::If(i, _) => self.if_(i)?,
            Node::Forloop(_, f, _) => self.for_(f)?,
            Node::Block(_, b, _) => self.block(b)?,
            Node::Include(_, names, ignore_missing) => self.include(names, *ignore_missing)?,
            Node::Super => return Err(Unsupported("`super()`".into())),
            Node::FilterSection(..) => return Err(Unsupported("a filter section".into())),
            Node::Break(_) | Node::Continue(_) => {
                return Err(Unsupported("`break` or `continue`".into()))
            }
        }
        Ok(())
    }

    /// `{{ e }}`.
    fn print(&mut self, e: &Expr) -> Result<(), Unsupported> {
        if let ExprVal::MacroCall(m) = &e.val {
            if !e.filters.is_empty() || e.negated {
                return Err(Unsupported("filters on a macro call".into()));
            }
            return self.macro_call(m);
        }
        let v = self.escaped(e)?;
        let f = if v.safe || !self.escape {
            "put_raw"
        } else {
            "put"
        };
        self.code.line(&format!("rt::{f}(out, {});", v.by_ref()));
        Ok(())
    }

    /// `{% set key = value %}`, as a Rust `let`.
    fn set(&mut self, s: &Set) -> Result<(), Unsupported> {
        if s.global {
            return Err(Unsupported("`set_global`".into()));
        }
        if self.in_branch > 0 {
            return Err(Unsupported("`set` inside an `if`".into()));
        }
        let v = self.value(&s.value)?;
        let name = ident(&s.key).ok_or_else(|| Unsupported(format!("variable `{}`", s.key)))?;
        let (code, is_ref, strings) = bind(&v.code, v.kind)?;
        let used = self.reads.iter().any(|p| root(p) == s.key);
        let rust = if used { name } else { format!("_{name}") };
        self.code.line(&format!("let {rust} = {code};"));
        self.scope.push(Entry::Var {
            name: s.key.clone(),
            rust,
            is_ref,
            strings,
        });
        Ok(())
    }

    fn if_(&mut self, i: &If) -> Result<(), Unsupported> {
        for (n, (_, cond, body)) in i.conditions.iter().enumerate() {
            let mark = self.scope.mark();
            let head = self.branch_head(cond, body)?;
            if n == 0 {
                self.code.open(&head);
            } else {
                self.code.close(&format!("}} else {head}"));
            }
            self.branch(body)?;
            self.scope.restore(mark);
        }
        if let Some((_, body)) = &i.otherwise {
            self.code.close("} else {");
            self.branch(body)?;
        }
        self.code.close("}");
        Ok(())
    }

    fn branch(&mut self, body: &[Node]) -> Result<(), Unsupported> {
        self.in_branch += 1;
        let r = self.nodes(body);
        self.in_branch -= 1;
        r
    }

    /// `if cond {`; for an object that may be absent and whose fields the branch reads,
    /// `if let Some(x) = rt::object(…) {` with `x` standing for it inside.
    fn branch_head(&mut self, cond: &Expr, body: &[Node]) -> Result<String, Unsupported> {
        if let ExprVal::Ident(p) = &cond.val {
            let prefix = format!("{p}.");
            let mut fields_read = BTreeSet::new();
            collect_reads(body, &mut fields_read);
            if cond.filters.is_empty()
                && !cond.negated
                && self.objects.contains(p)
                && fields_read.iter().any(|r| r.starts_with(&prefix))
            {
                let v = self.path(p)?;
                let local = self.scope.fresh(p.rsplit('.').next().unwrap_or(p));
                self.scope.push(Entry::Narrow {
                    path: p.clone(),
                    rust: local.clone(),
                });
                return Ok(format!(
                    "if let Some({local}) = rt::object({}) {{",
                    v.by_ref()
                ));
            }
        }
        Ok(format!("if {} {{", unparen(&self.cond(cond)?)))
    }

    fn for_(&mut self, f: &Forloop) -> Result<(), Unsupported> {
        let container = match &f.container.val {
            ExprVal::Ident(p) if f.container.filters.is_empty() && !f.container.negated => {
                self.path(p)?
            }
            _ => {
                return Err(Unsupported(
                    "a loop over something else than a variable".into(),
                ))
            }
        };
        let fields = loop_fields(&f.body);
        let mark = self.scope.mark();
        let index = (!fields.is_empty()).then(|| self.scope.fresh("i"));
        let len = fields.contains("last").then(|| self.scope.fresh("len"));
        if f.empty_body.is_some() {
            self.code
                .open(&format!("if rt::truthy({}) {{", container.by_ref()));
        }
        if let Some(n) = &len {
            self.code
                .line(&format!("let {n} = rt::length({});", container.by_ref()));
        }
        let value = self.loop_var(&f.value, &f.body)?;
        let key = match &f.key {
            Some(k) => Some((k, self.loop_var(k, &f.body)?)),
            None => None,
        };
        let (mut pat, mut iter) = match (&key, container.kind) {
            (Some((_, k)), _) => (
                format!("({k}, {value})"),
                format!("rt::pairs({})", container.by_ref()),
            ),
            (None, Kind::Place | Kind::Ref) => {
                (value.clone(), format!("{}.iter()", container.code))
            }
            (None, _) => return Err(Unsupported("a loop over a computed value".into())),
        };
        if let Some(i) = &index {
            pat = format!("({i}, {pat})");
            iter = format!("{iter}.enumerate()");
        }
        self.code.open(&format!("for {pat} in {iter} {{"));
        self.scope.push(Entry::Loop { index, len });
        for (name, rust) in key.into_iter().chain([(&f.value, value)]) {
            self.scope.push(Entry::Var {
                name: name.clone(),
                rust,
                is_ref: true,
                strings: false,
            });
        }
        let saved = std::mem::take(&mut self.in_branch);
        let r = self.nodes(&f.body);
        self.in_branch = saved;
        r?;
        self.scope.restore(mark);
        self.code.close("}");
        if let Some(empty) = &f.empty_body {
            self.code.close("} else {");
            self.branch(empty)?;
            self.code.close("}");
        }
        Ok(())
    }

    /// The Rust name of a loop variable, `_` when the body does not read it.
    fn loop_var(&self, name: &str, body: &[Node]) -> Result<String, Unsupported> {
        let mut r = BTreeSet::new();
        collect_reads(body, &mut r);
        if !r.iter().any(|p| root(p) == name) {
            return Ok("_".into());
        }
        ident(name).ok_or_else(|| Unsupported(format!("variable `{name}`")))
    }
}

/// `code` without the parentheses around it whole, if it has them.
pub fn unparen(code: &str) -> &str {
    let Some(inner) = code.strip_prefix('(').and_then(|c| c.strip_suffix(')')) else {
        return code;
    };
    // The first parenthesis must close at the end: count them outside string literals.
    let (mut depth, mut in_str, mut escaped) = (1usize, false, false);
    for c in inner.chars() {
        match (in_str, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_str = false,
            (true, false, _) => {}
            (false, _, '"') => in_str = true,
            (false, _, '(') => depth += 1,
            (false, _, ')') => {
                depth -= 1;
                if depth == 0 {
                    return code;
                }
            }
            _ => {}
        }
    }
    inner
}

/// How a value is held by a `let`: (code, is a reference, holds the UI strings).
pub fn bind(code: &str, kind: Kind) -> Result<(String, bool, bool), Unsupported> {
    Ok(match kind {
        Kind::Place => (format!("&{code}"), true, false),
        Kind::Str | Kind::Ref => (code.to_string(), true, false),
        Kind::Strings => (code.to_string(), true, true),
        Kind::Temp | Kind::Bool => (code.to_string(), false, false),
        // Its fields could not be read through the variable.
        Kind::Item => {
            return Err(Unsupported(
                "a list item (`list.1`) kept in a variable".into(),
            ))
        }
    })
}

/// The first segment of a path.
pub fn root(path: &str) -> &str {
    path.split('.').next().unwrap_or(path)
}

/// The variable paths an expression and its parts read.
fn expr_reads(e: &Expr, out: &mut BTreeSet<String>) {
    out.extend(paths(e).into_iter().map(str::to_string));
    for s in sub_exprs(e) {
        expr_reads(s, out);
    }
}

/// Every variable path read in `nodes` at any depth, macro definitions apart.
pub fn collect_reads(nodes: &[Node], out: &mut BTreeSet<String>) {
    for n in nodes {
        if matches!(n, Node::MacroDefinition(..)) {
            continue;
        }
        for e in node_exprs(n) {
            expr_reads(e, out);
        }
        for b in node_bodies(n) {
            collect_reads(b, out);
        }
    }
}

/// The fields of `loop` a loop's body reads (its own loop's: nested loops apart).
fn loop_fields(body: &[Node]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for n in body {
        let mut reads = BTreeSet::new();
        match n {
            Node::Forloop(_, f, _) => {
                expr_reads(&f.container, &mut reads);
                if let Some(e) = &f.empty_body {
                    collect_reads(e, &mut reads);
                }
            }
            _ => collect_reads(std::slice::from_ref(n), &mut reads),
        }
        out.extend(
            reads
                .iter()
                .filter_map(|p| p.strip_prefix("loop."))
                .map(str::to_string),
        );
    }
    out
}
