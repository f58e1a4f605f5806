//! The template variables in scope while generating code, and the Rust each one is read with:
//! loop and `set` variables, macro arguments, objects narrowed by an `if`, and the fields of the
//! view (`view.x`) for everything else.

use super::code::ident;
use super::Unsupported;

pub enum Entry {
    /// A template variable held in a Rust local; `is_ref` when the local is a reference (loop
    /// variables, arguments, `set` of a path), `strings` when it holds the UI strings.
    Var {
        name: String,
        rust: String,
        is_ref: bool,
        strings: bool,
    },
    /// Inside `{% if path %}` of an object that may be absent: `path` is the Rust local.
    Narrow { path: String, rust: String },
    /// A `{% for %}`: the Rust names of its position and length, where its body reads them.
    Loop {
        index: Option<String>,
        len: Option<String>,
    },
    /// The start of an inlined macro's body, which sees only its arguments.
    Boundary,
}

/// Where a variable path starts in Rust.
pub struct Resolved {
    /// The Rust expression of the path's start.
    pub base: String,
    /// The path's segments after it.
    pub rest: Vec<String>,
    /// `base` is a local holding a reference.
    pub is_ref: bool,
    /// `base` holds the UI strings.
    pub strings: bool,
}

#[derive(Default)]
pub struct Scope {
    entries: Vec<Entry>,
    counter: usize,
    /// Some code reads the view.
    pub view_used: bool,
}

impl Scope {
    pub fn mark(&self) -> usize {
        self.entries.len()
    }

    pub fn restore(&mut self, mark: usize) {
        self.entries.truncate(mark);
    }

    pub fn push(&mut self, e: Entry) {
        self.entries.push(e);
    }

    /// A new Rust local name, `{hint}_{n}_` (template variables never end in `_`).
    pub fn fresh(&mut self, hint: &str) -> String {
        self.counter += 1;
        let hint: String = hint
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        format!("{}_{}_", hint.trim_matches('_'), self.counter)
    }

    /// Where `path` (`a.b.c`) starts: the newest variable or narrowed object it begins with,
    /// else a field of the view.
    pub fn resolve(&mut self, path: &str) -> Result<Resolved, Unsupported> {
        if path.contains('[') {
            return Err(Unsupported(format!("`{path}`: square brackets")));
        }
        let segs: Vec<&str> = path.split('.').collect();
        if segs.iter().any(|s| s.is_empty()) {
            return Err(Unsupported(format!("`{path}`: empty path segment")));
        }
        let rest = |n: usize| segs[n..].iter().map(|s| s.to_string()).collect();
        for e in self.entries.iter().rev() {
            match e {
                Entry::Boundary => {
                    return Err(Unsupported(format!(
                        "a macro reads `{}`, which is not one of its arguments",
                        segs[0]
                    )))
                }
                Entry::Var {
                    name,
                    rust,
                    is_ref,
                    strings,
                } if name == segs[0] => {
                    return Ok(Resolved {
                        base: rust.clone(),
                        rest: rest(1),
                        is_ref: *is_ref,
                        strings: *strings,
                    })
                }
                Entry::Narrow { path: p, rust }
                    if path == p || path.starts_with(&format!("{p}.")) =>
                {
                    return Ok(Resolved {
                        base: rust.clone(),
                        rest: rest(p.split('.').count()),
                        is_ref: true,
                        strings: false,
                    })
                }
                _ => {}
            }
        }
        let field =
            ident(segs[0]).ok_or_else(|| Unsupported(format!("variable name `{}`", segs[0])))?;
        self.view_used = true;
        Ok(Resolved {
            base: format!("view.{field}"),
            rest: rest(1),
            is_ref: false,
            // By convention the view's `t` holds the UI strings.
            strings: segs[0] == "t",
        })
    }

    /// `loop.index`, `loop.index0`, `loop.first` or `loop.last` of the innermost loop, and
    /// whether it is a boolean.
    pub fn loop_field(&self, field: &str) -> Result<(String, bool), Unsupported> {
        let found = self.entries.iter().rev().find_map(|e| match e {
            Entry::Loop { index, len } => Some(Some((index, len))),
            Entry::Boundary => Some(None),
            _ => None,
        });
        let Some(Some((Some(i), len))) = found else {
            return Err(Unsupported(format!("`loop.{field}` outside a loop")));
        };
        Ok(match (field, len) {
            ("index", _) => (format!("({i} + 1)"), false),
            ("index0", _) => (i.clone(), false),
            ("first", _) => (format!("({i} == 0)"), true),
            ("last", Some(n)) => (format!("({i} + 1 == {n})"), true),
            _ => return Err(Unsupported(format!("`loop.{field}`"))),
        })
    }
}
