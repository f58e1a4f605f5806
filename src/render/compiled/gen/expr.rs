//! Expressions: a Tera expression (`tera::ast::Expr`) as Rust code, calling the runtime helpers
//! (`rt::`) that give Tera's meaning to the view's values. Expressions the generator does not
//! know give [`Unsupported`], and the template stays with Tera.

use super::body::Compiler;
use super::code::{ident, literal};
use super::tree::sorted_args;
use super::Unsupported;
use tera::ast::{Expr, ExprVal, FunctionCall, LogicExpr, LogicOperator, Test};

/// What kind of Rust expression a template expression became.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A `&str`: a string literal, a UI string (`t.get("key")`).
    Str,
    /// Already a reference (a local holding one).
    Ref,
    /// A place to borrow (`view.course.card.title`).
    Place,
    /// A value (a number, a `String` made by a filter).
    Temp,
    /// The `Option<&T>` of a path through a list item (`list.1.name`).
    Item,
    /// A `bool` (a condition, a test, `loop.first`).
    Bool,
    /// A reference to the UI strings.
    Strings,
}

/// A compiled expression.
pub struct Ex {
    pub code: String,
    pub kind: Kind,
    /// The last filter is `safe`: printed without escaping.
    pub safe: bool,
}

impl Ex {
    fn new(code: impl Into<String>, kind: Kind) -> Ex {
        Ex {
            code: code.into(),
            kind,
            safe: false,
        }
    }

    /// The expression as a reference, for the `rt` helpers.
    pub fn by_ref(&self) -> String {
        match self.kind {
            Kind::Str | Kind::Ref | Kind::Strings => self.code.clone(),
            Kind::Place | Kind::Temp | Kind::Item | Kind::Bool => format!("&{}", self.code),
        }
    }

    /// The expression as `&str` for a filter or test argument: a literal or a UI string as it
    /// is, anything else as text (dereferenced where a pattern is expected).
    fn as_str(&self, pattern: bool) -> String {
        match (self.kind == Kind::Str, pattern) {
            (true, _) => self.code.clone(),
            (false, true) => format!("&*rt::text({})", self.by_ref()),
            (false, false) => format!("&rt::text({})", self.by_ref()),
        }
    }
}

impl Compiler<'_> {
    /// A variable path (`c.application.state`, `t.key`, `common.nav.1.href`, `loop.index`).
    pub fn path(&mut self, path: &str) -> Result<Ex, Unsupported> {
        if let Some(field) = path.strip_prefix("loop.") {
            let (code, is_bool) = self.scope.loop_field(field)?;
            return Ok(Ex::new(code, if is_bool { Kind::Bool } else { Kind::Temp }));
        }
        let r = self.scope.resolve(path)?;
        if r.strings {
            return match r.rest.as_slice() {
                [] if r.is_ref => Ok(Ex::new(r.base, Kind::Strings)),
                [] => Ok(Ex::new(format!("&{}", r.base), Kind::Strings)),
                [key] => Ok(Ex::new(
                    format!("{}.get({})", r.base, literal(key)),
                    Kind::Str,
                )),
                _ => Err(Unsupported(format!("`{path}`: a path below a UI string"))),
            };
        }
        let mut code = r.base;
        let mut kind = if r.is_ref { Kind::Ref } else { Kind::Place };
        // After a list index the value is an `Option<&T>`: fields are read through `map`.
        let mut optional = false;
        for seg in &r.rest {
            if let Ok(i) = seg.parse::<usize>() {
                code = if optional {
                    format!("{code}.and_then(|x| rt::at(x, {i}))")
                } else {
                    let list = Ex::new(code, kind).by_ref();
                    format!("rt::at({list}, {i})")
                };
                optional = true;
                kind = Kind::Item;
                continue;
            }
            let f = ident(seg).ok_or_else(|| Unsupported(format!("`{path}`: field `{seg}`")))?;
            if optional {
                code = format!("{code}.map(|x| &x.{f})");
            } else {
                code = format!("{code}.{f}");
                kind = Kind::Place;
            }
        }
        Ok(Ex::new(code, kind))
    }

    /// The value of an expression, filters applied.
    pub fn value(&mut self, e: &Expr) -> Result<Ex, Unsupported> {
        let mut ex = match &e.val {
            ExprVal::String(s) => Ex::new(literal(s), Kind::Str),
            ExprVal::Int(n) => Ex::new(format!("{n}_i64"), Kind::Temp),
            ExprVal::Bool(b) => Ex::new(b.to_string(), Kind::Bool),
            ExprVal::Ident(p) => self.path(p)?,
            ExprVal::Logic(l) => Ex::new(self.logic(l)?, Kind::Bool),
            ExprVal::Test(t) => Ex::new(self.test(t)?, Kind::Bool),
            other => return Err(unsupported_expr(other)),
        };
        let last = e.filters.len().saturating_sub(1);
        for (i, f) in e.filters.iter().enumerate() {
            ex = match f.name.as_str() {
                // As Tera: `safe` marks the output when it is the last filter; `default` applies
                // to a variable, as its first filter; both are no-ops elsewhere.
                "safe" => Ex {
                    safe: i == last,
                    ..ex
                },
                "default" if i == 0 && matches!(e.val, ExprVal::Ident(_)) => {
                    // Tera evaluates the default as the expression itself: where that is
                    // escaped (printed, compared), so is the default, before the result is.
                    let d = self.value(filter_arg(f, "value")?)?;
                    let d = if self.escaping && !d.safe {
                        format!("&rt::escaped({})", d.by_ref())
                    } else {
                        d.by_ref()
                    };
                    Ex::new(format!("rt::or({}, {d})", ex.by_ref()), Kind::Temp)
                }
                "default" => ex,
                _ => self.filter(ex, f)?,
            };
        }
        if e.negated {
            let truth = if e.filters.is_empty() {
                self.truth(e)?
            } else {
                self.truthy(&ex)
            };
            return Ok(Ex::new(negate(truth, true), Kind::Bool));
        }
        Ok(ex)
    }

    /// The value of an expression Tera evaluates with escaping on (when the template's output
    /// is escaped): a printed one, an operand of `==` and `!=`.
    pub fn escaped(&mut self, e: &Expr) -> Result<Ex, Unsupported> {
        let outer = std::mem::replace(&mut self.escaping, self.escape);
        let r = self.value(e);
        self.escaping = outer;
        r
    }

    /// The value of an argument of a filter or test, which Tera evaluates without escaping.
    fn arg(&mut self, e: &Expr) -> Result<Ex, Unsupported> {
        let outer = std::mem::replace(&mut self.escaping, false);
        let r = self.value(e);
        self.escaping = outer;
        r
    }

    fn filter(&mut self, ex: Ex, f: &FunctionCall) -> Result<Ex, Unsupported> {
        let expect = |names: &[&str]| -> Result<(), Unsupported> {
            match sorted_args(&f.args)
                .iter()
                .find(|(k, _)| !names.contains(k))
            {
                Some((k, _)) => Err(Unsupported(format!("filter `{}` with `{k}`", f.name))),
                None => Ok(()),
            }
        };
        let x = ex.by_ref();
        let code = match f.name.as_str() {
            "join" => {
                expect(&["sep"])?;
                let sep = match f.args.get("sep") {
                    Some(s) => self.arg(s)?.as_str(false),
                    None => "\"\"".to_string(),
                };
                format!("rt::join({x}, {sep})")
            }
            "replace" => {
                expect(&["from", "to"])?;
                let from = self.arg(filter_arg(f, "from")?)?.as_str(true);
                let to = self.arg(filter_arg(f, "to")?)?.as_str(false);
                format!("rt::text({x}).replace({from}, {to})")
            }
            "length" => {
                expect(&[])?;
                format!("rt::length({x})")
            }
            "lower" | "upper" | "trim" => {
                expect(&[])?;
                let method = match f.name.as_str() {
                    "lower" => "to_lowercase()",
                    "upper" => "to_uppercase()",
                    _ => "trim().to_string()",
                };
                format!("rt::text({x}).{method}")
            }
            other => return Err(Unsupported(format!("filter `{other}`"))),
        };
        Ok(Ex::new(code, Kind::Temp))
    }

    /// Rust `bool` code for `{% if e %}` and the operands of `and`, `or` and `not`.
    pub fn cond(&mut self, e: &Expr) -> Result<String, Unsupported> {
        if !e.filters.is_empty() {
            let v = self.value(e)?;
            return Ok(self.truthy(&v));
        }
        let truth = self.truth(e)?;
        Ok(negate(truth, e.negated))
    }

    /// The truth of an expression without filters, its negation left out.
    fn truth(&mut self, e: &Expr) -> Result<String, Unsupported> {
        Ok(match &e.val {
            ExprVal::Logic(l) => self.logic(l)?,
            ExprVal::Test(t) => self.test(t)?,
            ExprVal::Bool(b) => b.to_string(),
            ExprVal::String(s) => (!s.is_empty()).to_string(),
            ExprVal::Int(n) => (*n != 0).to_string(),
            ExprVal::Ident(p) => {
                let v = self.path(p)?;
                if self.objects.contains(p) {
                    format!("rt::object({}).is_some()", v.by_ref())
                } else {
                    self.truthy(&v)
                }
            }
            other => return Err(unsupported_expr(other)),
        })
    }

    fn truthy(&self, v: &Ex) -> String {
        match v.kind {
            Kind::Bool => v.code.clone(),
            _ => format!("rt::truthy({})", v.by_ref()),
        }
    }

    fn logic(&mut self, l: &LogicExpr) -> Result<String, Unsupported> {
        use LogicOperator as Op;
        Ok(match l.operator {
            Op::And | Op::Or => {
                let (a, b) = (self.cond(&l.lhs)?, self.cond(&l.rhs)?);
                let op = if l.operator == Op::And { "&&" } else { "||" };
                format!("({a} {op} {b})")
            }
            Op::Eq | Op::NotEq => {
                let (a, b) = (self.escaped(&l.lhs)?, self.escaped(&l.rhs)?);
                let not = if l.operator == Op::Eq { "" } else { "!" };
                format!("{not}rt::eq({}, {})", a.by_ref(), b.by_ref())
            }
            Op::Gt | Op::Gte | Op::Lt | Op::Lte => {
                let (a, b) = (self.number(&l.lhs)?, self.number(&l.rhs)?);
                format!("({a} {} {b})", l.operator)
            }
        })
    }

    /// An operand of `<`, `>`, `<=`, `>=` as `f64`.
    fn number(&mut self, e: &Expr) -> Result<String, Unsupported> {
        if let (ExprVal::Int(n), true) = (&e.val, e.filters.is_empty() && !e.negated) {
            return Ok(format!("{n}_f64"));
        }
        let v = self.value(e)?;
        Ok(format!("rt::num({})", v.by_ref()))
    }

    fn test(&mut self, t: &Test) -> Result<String, Unsupported> {
        let method = match t.name.as_str() {
            "starting_with" => "starts_with",
            "ending_with" => "ends_with",
            "containing" => "contains",
            other => return Err(Unsupported(format!("test `{other}`"))),
        };
        let [arg] = t.args.as_slice() else {
            return Err(Unsupported(format!("test `{}` arguments", t.name)));
        };
        let x = self.path(&t.ident)?.by_ref();
        let arg = self.arg(arg)?.as_str(true);
        let not = if t.negated { "!" } else { "" };
        Ok(format!("{not}rt::text({x}).{method}({arg})"))
    }
}

/// `truth` negated when `negated`: `!x`, `x.is_none()` for `x.is_some()`, `(a != b)` for
/// `(a == b)` (the form `loop.first` and `loop.last` take; clippy refuses `!(a == b)`).
fn negate(truth: String, negated: bool) -> String {
    let equality = truth
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .filter(|t| t.matches(" == ").count() == 1 && !t.contains(['(', ')']));
    match (negated, truth.strip_suffix(".is_some()"), equality) {
        (false, _, _) => truth,
        (true, Some(x), _) if !x.contains(' ') => format!("{x}.is_none()"),
        (true, _, Some(t)) => format!("({})", t.replace(" == ", " != ")),
        (true, _, _) => format!("!{truth}"),
    }
}

fn filter_arg<'e>(f: &'e FunctionCall, name: &str) -> Result<&'e Expr, Unsupported> {
    f.args
        .get(name)
        .ok_or_else(|| Unsupported(format!("filter `{}` without `{name}`", f.name)))
}

fn unsupported_expr(e: &ExprVal) -> Unsupported {
    Unsupported(
        match e {
            ExprVal::Float(_) => "a decimal number",
            ExprVal::Math(_) => "arithmetic",
            ExprVal::MacroCall(_) => "a macro call inside an expression",
            ExprVal::FunctionCall(_) => "a function call",
            ExprVal::Array(_) => "an array",
            ExprVal::StringConcat(_) => "`~` (string concatenation)",
            ExprVal::In(_) => "`in`",
            _ => "this expression",
        }
        .to_string(),
    )
}
