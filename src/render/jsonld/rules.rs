//! The rules every JSON-LD block of the build is checked against before it is written: the
//! schema.org types and properties we write, which are required, the kind of value each takes
//! (text, absolute URL, ISO 8601 date, instant or duration, price, currency, language tag, one
//! of a list), and a few rules across properties (a start before its end, a price with its
//! currency, "Free" with no price above 0, list positions 1, 2, 3…). A property we do not know
//! is refused too: a typo in the code would otherwise go unnoticed. A block that breaks a rule
//! is a bug of the program, not of the content: the page is not written and the build says so.
//!
//! Google's extra requirements for rich results are in [`super::rich`].

use serde_json::{Map, Value};

mod types;

pub use types::DAYS;

use types::{Kind, TYPES};

/// The types a block's `@graph` may hold at its top.
const TOP: &[&str] = &["Course", "BreadcrumbList", "ItemList", "Article"];

/// The most properties a type of [`TYPES`] lists (a test keeps it so).
const MAX_PROPS: usize = 24;

/// Every rule `block` breaks, each as "where: what" (`@graph[0].offers[0].price: …`); empty
/// when it follows them all.
pub fn check(block: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(root) = block.as_object() else {
        return vec!["the block is not an object".into()];
    };
    if root.get("@context") != Some(&Value::String("https://schema.org".into())) {
        out.push("@context: must be \"https://schema.org\"".into());
    }
    for k in root.keys().filter(|k| *k != "@context" && *k != "@graph") {
        out.push(format!("{k}: not a property of the block"));
    }
    match root.get("@graph").and_then(Value::as_array) {
        Some(nodes) if !nodes.is_empty() => {
            for (i, n) in nodes.iter().enumerate() {
                node(n, TOP, At::Graph(i), &mut out);
            }
        }
        _ => out.push("@graph: must list the block's nodes".into()),
    }
    out
}

/// Where a value is in the block (`@graph[0].offers[0].price`), written out only when a rule
/// is broken: building the text for every value checked was most of the check's cost.
#[derive(Clone, Copy)]
enum At<'a> {
    /// `@graph[i]`.
    Graph(usize),
    /// `parent.key`.
    Key(&'a At<'a>, &'a str),
    /// `parent[i]`.
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    fn key(&'a self, k: &'a str) -> At<'a> {
        At::Key(self, k)
    }

    fn index(&'a self, i: usize) -> At<'a> {
        At::Index(self, i)
    }
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Graph(i) => write!(f, "@graph[{i}]"),
            At::Key(parent, k) => write!(f, "{parent}.{k}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Checks one node, which must be of one of `types`.
fn node(v: &Value, types: &[&str], at: At<'_>, out: &mut Vec<String>) {
    let Some(obj) = v.as_object() else {
        out.push(format!(
            "{at}: must be an object of type {}",
            types.join(" or ")
        ));
        return;
    };
    let t = obj.get("@type").and_then(Value::as_str).unwrap_or("");
    let Some((_, props)) = TYPES
        .iter()
        .find(|(name, _)| *name == t && types.contains(name))
    else {
        out.push(format!("{at}.@type: \"{t}\" is not {}", types.join(" or ")));
        return;
    };
    // One pass over the node's properties, each found in the type's list (a map lookup per
    // property of the type had been most of checking a page's block), then the required ones
    // that were not there.
    let mut seen = [false; MAX_PROPS];
    for (k, x) in obj.iter().filter(|(k, _)| *k != "@type") {
        let Some(i) = props.iter().position(|p| p.name == k) else {
            out.push(format!("{at}.{k}: not a property of {t}"));
            continue;
        };
        seen[i] = true;
        let p = &props[i];
        let here = at.key(p.name);
        match x {
            Value::Array(list) if p.many => {
                if list.is_empty() {
                    out.push(format!("{here}: an empty list"));
                }
                for (i, x) in list.iter().enumerate() {
                    value(x, p.kind, here.index(i), out);
                }
            }
            Value::Array(_) => out.push(format!("{here}: takes one value, not a list")),
            x => value(x, p.kind, here, out),
        }
    }
    for (p, _) in props
        .iter()
        .zip(seen)
        .filter(|(p, seen)| p.required && !seen)
    {
        out.push(format!("{}: required on {t}", at.key(p.name)));
    }
    across(t, obj, at, out);
}

/// The rules between properties of one node.
fn across(t: &str, obj: &Map<String, Value>, at: At<'_>, out: &mut Vec<String>) {
    let text = |k: &str| obj.get(k).and_then(Value::as_str);
    match t {
        "CourseInstance" | "Schedule" => {
            if let (Some(a), Some(b)) = (text("startDate"), text("endDate")) {
                if a > b {
                    out.push(format!("{at}: startDate {a} is after endDate {b}"));
                }
            }
        }
        "Offer" => {
            let price = obj.get("price").and_then(price_value);
            if price.is_some() && !obj.contains_key("priceCurrency") {
                out.push(format!("{at}.price: a price needs its priceCurrency"));
            }
            match (text("category"), price) {
                (Some("Free"), Some(p)) if p > 0.0 => {
                    out.push(format!("{at}: category \"Free\" with a price of {p}"))
                }
                (Some("Paid"), Some(p)) if p <= 0.0 => {
                    out.push(format!("{at}: category \"Paid\" with a price of 0"))
                }
                _ => {}
            }
            if let (Some(a), Some(b)) = (text("validFrom"), text("validThrough")) {
                if datetime(a).zip(datetime(b)).is_some_and(|(a, b)| a > b) {
                    out.push(format!("{at}: validFrom {a} is after validThrough {b}"));
                }
            }
        }
        "BreadcrumbList" | "ItemList" => {
            let items = obj.get("itemListElement").and_then(Value::as_array);
            for (i, it) in items.into_iter().flatten().enumerate() {
                let list = at.key("itemListElement");
                let here = list.index(i);
                if it.get("position").and_then(Value::as_u64) != Some(i as u64 + 1) {
                    out.push(format!("{here}.position: must be {}", i + 1));
                }
                let needs: &[&str] = if t == "ItemList" {
                    &["url"]
                } else {
                    &["name", "item"]
                };
                for k in needs {
                    if it.get(k).is_none() {
                        out.push(format!("{here}.{k}: required on the items of a {t}"));
                    }
                }
            }
        }
        _ => {}
    }
}

fn value(v: &Value, kind: Kind, at: At<'_>, out: &mut Vec<String>) {
    if let Kind::Node(types) = kind {
        node(v, types, at, out);
        return;
    }
    let ok = match (kind, v) {
        (Kind::Price, v) => price_value(v).is_some(),
        (Kind::Count, v) => v.as_u64().is_some_and(|n| n >= 1),
        (_, Value::String(s)) => text_of_kind(s, kind),
        _ => false,
    };
    if !ok {
        out.push(format!("{at}: {v} is not {}", describe(kind)));
    }
}

fn text_of_kind(s: &str, kind: Kind) -> bool {
    match kind {
        Kind::Text => !s.trim().is_empty(),
        Kind::Url => url(s),
        Kind::Date => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10,
        Kind::DateTime => datetime(s).is_some(),
        Kind::Duration => duration(s),
        Kind::Time => chrono::NaiveTime::parse_from_str(s, "%H:%M:%S").is_ok() && s.len() == 8,
        Kind::Lang => crate::i18n::cldr::is_valid_language_tag(s),
        Kind::Currency => crate::i18n::cldr::currency_is_known(s),
        Kind::OneOf(list) => list.contains(&s),
        Kind::Price | Kind::Count | Kind::Node(_) => false,
    }
}

fn describe(kind: Kind) -> String {
    match kind {
        Kind::Text => "text".into(),
        Kind::Url => "an absolute http(s) URL".into(),
        Kind::Date => "a date (YYYY-MM-DD)".into(),
        Kind::DateTime => "an RFC 3339 instant".into(),
        Kind::Duration => "an ISO 8601 duration such as PT30H".into(),
        Kind::Time => "a time of day (HH:MM:SS)".into(),
        Kind::Price => "a price (a number ≥ 0, or one written as text)".into(),
        Kind::Count => "a whole number from 1".into(),
        Kind::Lang => "a BCP 47 language tag".into(),
        Kind::Currency => "an ISO 4217 currency code".into(),
        Kind::OneOf(list) => format!("one of {}", list.join(", ")),
        Kind::Node(types) => format!("a {} node", types.join(" or ")),
    }
}

fn url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

fn datetime(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(s).ok()
}

/// A price as a number: JSON numbers and decimal text (`"1250.50"`), ≥ 0.
fn price_value(v: &Value) -> Option<f64> {
    let n = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.') => {
            s.parse().ok()?
        }
        _ => return None,
    };
    (n >= 0.0 && n.is_finite()).then_some(n)
}

/// ISO 8601 durations as schema.org uses them: `P` then date parts (`nY nM nW nD`) and, after
/// `T`, time parts (`nH nM nS`), each in that order, at least one; the last may have decimals.
fn duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return false,
        None => (rest, None),
    };
    let parts = |text: &str, units: &str| -> Option<usize> {
        let mut count = 0;
        let mut order = units.chars();
        let mut num = String::new();
        for c in text.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            if num.is_empty() || num.starts_with('.') || num.ends_with('.') {
                return None;
            }
            // Each unit at most once, in order.
            order.by_ref().find(|u| *u == c)?;
            num.clear();
            count += 1;
        }
        num.is_empty().then_some(count)
    };
    match (parts(date, "YMWD"), time.map(|t| parts(t, "HMS"))) {
        (Some(d), None) => d > 0,
        (Some(_), Some(Some(t))) => t > 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
