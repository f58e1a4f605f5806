//! Typed reading of a parsed TOML table, reporting every problem instead of the first.
//!
//! Why not `serde` + `deny_unknown_fields`: serde stops at the first error of a file and its
//! unknown-field message has no span for the key. Staff fix files faster when one run lists every
//! unknown key (with the nearest known one), every wrong type and every bad value, each pointing at
//! its own line. The TOML itself is parsed by the `toml` crate (`DeTable`, which keeps spans).

use crate::diag::{suggest, Diagnostic, Diagnostics, SourceText};
use crate::model::{Localized, When};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

/// Keys of the top level of a course, notice or page: found inside a table, they were most
/// likely written below a `[table]` line by mistake.
const TOP_LEVEL_KEYS: [&str; 21] = [
    "code",
    "title",
    "summary",
    "topics",
    "modality",
    "languages",
    "workload",
    "timezone",
    "status",
    "draft",
    "objectives",
    "selection",
    "cancellation",
    "contacts",
    "aliases",
    "date",
    "expires",
    "kind",
    "related_courses",
    "weight",
    "menu",
];

/// A value with the byte range of its source (relative to the TOML text).
pub type Sp<T> = Spanned<T>;

/// Reads one table. Every accessor marks its key as known; [`Fields::finish`] reports the rest.
pub struct Fields<'a, 'i> {
    pub src: SourceText<'a>,
    table: &'a DeTable<'i>,
    span: Range<usize>,
    /// Dotted name of the table for messages, e.g. `[application]`; empty for the top level.
    name: String,
    known: Vec<&'static str>,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub fn new(
        src: SourceText<'a>,
        table: &'a DeTable<'i>,
        span: Range<usize>,
        name: &str,
    ) -> Self {
        Fields {
            src,
            table,
            span,
            name: name.to_string(),
            known: Vec::new(),
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    fn where_(&self) -> String {
        if self.name.is_empty() {
            String::new()
        } else {
            format!(" in {}", self.name)
        }
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.known.push(key);
        self.table.get(key)
    }

    /// Every key written in the table, known or not.
    pub fn keys(&self) -> Vec<String> {
        self.table
            .iter()
            .map(|(k, _)| k.get_ref().to_string())
            .collect()
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    /// The span of a key's value, for later rules that point at it.
    pub fn value_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get(key).map(|v| v.span())
    }

    fn wrong_type(&self, d: &mut Diagnostics, key: &str, v: &Spanned<DeValue<'_>>, want: &str) {
        d.push(
            Diagnostic::error(
                "wrong-type",
                format!(
                    "`{key}`{} must be {want}, found {}",
                    self.where_(),
                    describe(v.get_ref())
                ),
            )
            .at(&self.src, v.span())
            .with_hint(example_for(key, want)),
        );
    }

    /// A required key that is missing.
    pub fn missing(&self, d: &mut Diagnostics, key: &str, hint: &str) {
        let line_end = self.span.start
            + self.src.text[(self.src.base + self.span.start).min(self.src.text.len())..]
                .find('\n')
                .unwrap_or(0);
        d.push(
            Diagnostic::error(
                "missing-field",
                format!("`{key}` is required{}", self.where_()),
            )
            .at(
                &self.src,
                self.span.start..line_end.max(self.span.start + 1),
            )
            .with_hint(hint.to_string()),
        );
    }

    pub fn string(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => {
                unfilled(&self.src, d, key, s, v.span());
                Some(Spanned::new(v.span(), s.to_string()))
            }
            _ => {
                self.wrong_type(d, key, v, "text in quotes");
                None
            }
        }
    }

    pub fn boolean(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(v.span(), *b)),
            _ => {
                self.wrong_type(d, key, v, "true or false");
                None
            }
        }
    }

    pub fn integer(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<i64>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => Some(Spanned::new(v.span(), n)),
                    Err(_) => {
                        self.wrong_type(d, key, v, "a whole number");
                        None
                    }
                }
            }
            _ => {
                self.wrong_type(d, key, v, "a whole number");
                None
            }
        }
    }

    /// A number (integer or decimal) as minor units (hundredths), e.g. `1250.5` → 125050.
    pub fn amount(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<i64>> {
        let v = self.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .and_then(|n| n.checked_mul(100)),
            DeValue::Float(f) => parse_hundredths(&f.as_str().replace('_', "")),
            _ => None,
        };
        match parsed {
            Some(n) => Some(Spanned::new(v.span(), n)),
            None => {
                let msg = if matches!(v.get_ref(), DeValue::Float(_)) {
                    "a number with at most two decimals, like 1860 or 1250.50"
                } else {
                    "a number, like 1860 or 1250.50 (no currency sign, no quotes)"
                };
                self.wrong_type(d, key, v, msg);
                None
            }
        }
    }

    pub fn when(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<When>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                match When::from_toml(dt) {
                    Some(w) => Some(Spanned::new(v.span(), w)),
                    None => {
                        self.wrong_type(d, key, v, "a date like 2025-09-08 or a date and time like 2025-09-08T09:00:00+02:00");
                        None
                    }
                }
            }
            DeValue::String(s) if s.as_ref() == "YYYY-MM-DD" => {
                d.push(
                    Diagnostic::error(
                        "unfilled",
                        format!("`{key}`{} still needs its date", self.where_()),
                    )
                    .at(&self.src, v.span())
                    .with_hint(
                        "replace \"YYYY-MM-DD\" with the date, without quotes, e.g. 2025-09-08",
                    ),
                );
                None
            }
            DeValue::String(s) => {
                d.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!(
                            "`{key}`{} must be a date without quotes, found text \"{s}\"",
                            self.where_()
                        ),
                    )
                    .at(&self.src, v.span())
                    .with_hint("write dates as 2025-09-08 (year-month-day, no quotes)"),
                );
                None
            }
            _ => {
                self.wrong_type(d, key, v, "a date like 2025-09-08");
                None
            }
        }
    }

    pub fn string_list(
        &mut self,
        d: &mut Diagnostics,
        key: &'static str,
    ) -> Option<Vec<Sp<String>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(d, key, v, "a list in square brackets, like [\"a\", \"b\"]");
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => {
                    unfilled(&self.src, d, key, s, item.span());
                    out.push(Spanned::new(item.span(), s.to_string()))
                }
                _ => self.wrong_type(d, key, item, "a list of texts in quotes"),
            }
        }
        Some(out)
    }

    /// Text that may be given per language: `"…"` or `{ en = "…", fr = "…" }`.
    pub fn localized(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<Localized>> {
        let v = self.get(key)?;
        localized_value(&self.src, d, key, v)
    }

    pub fn table(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Fields<'a, 'i>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(Fields::new(self.src, t, v.span(), &self.child_name(key))),
            _ => {
                self.wrong_type(d, key, v, "a table");
                None
            }
        }
    }

    fn child_name(&self, key: &str) -> String {
        if self.name.is_empty() {
            format!("[{key}]")
        } else {
            format!("{}.{key}]", self.name.trim_end_matches(']'))
        }
    }

    /// An array of tables (`[[sessions]]` or `sessions = [{…}, {…}]`).
    pub fn tables(
        &mut self,
        d: &mut Diagnostics,
        key: &'static str,
    ) -> Option<Vec<Fields<'a, 'i>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(d, key, v, &format!("a list of tables, written [[{key}]]"));
            return None;
        };
        Some(self.tables_of(d, key, items))
    }

    fn tables_of(
        &self,
        d: &mut Diagnostics,
        key: &str,
        items: &'a DeArray<'i>,
    ) -> Vec<Fields<'a, 'i>> {
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => out.push(Fields::new(
                    self.src,
                    t,
                    item.span(),
                    &format!("{} #{}", self.child_name(key), i + 1),
                )),
                _ => self.wrong_type(d, key, item, "a table"),
            }
        }
        out
    }

    /// A raw value, for keys that accept several shapes (ids or inline tables).
    pub fn raw(&mut self, key: &'static str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.get(key)
    }

    /// Reports every key that no accessor asked for.
    pub fn finish(self, d: &mut Diagnostics) {
        for (k, _) in self.table.iter() {
            let name: &str = k.get_ref();
            if !self.known.contains(&name) {
                let mut known = self.known.clone();
                known.sort_unstable();
                known.dedup();
                let hint = if !self.name.is_empty() && TOP_LEVEL_KEYS.contains(&name) {
                    format!(
                        "`{name}` belongs above the first [table] line: in TOML every line after {} is part of it",
                        self.name.split(" #").next().unwrap_or(&self.name)
                    )
                } else {
                    suggest(name, &known, "keys here")
                };
                d.push(
                    Diagnostic::error(
                        "unknown-key",
                        format!("unknown key `{name}`{}", self.where_()),
                    )
                    .at(&self.src, k.span())
                    .with_hint(hint),
                );
            }
        }
    }
}

/// Reports a value still holding the `???` of a skeleton made by `prospectus new`.
fn unfilled(src: &SourceText<'_>, d: &mut Diagnostics, key: &str, value: &str, span: Range<usize>) {
    if value.contains(crate::scaffold::UNFILLED) {
        d.push(
            Diagnostic::error("unfilled", format!("`{key}` has not been filled in yet"))
                .at(src, span)
                .with_hint(
                    "replace ??? with the real text (see the comment at the end of the line)",
                ),
        );
    }
}

/// Reads a per-language text value: plain string or table of language → string.
pub fn localized_value(
    src: &SourceText<'_>,
    d: &mut Diagnostics,
    key: &str,
    v: &Spanned<DeValue<'_>>,
) -> Option<Sp<Localized>> {
    match v.get_ref() {
        DeValue::String(s) => Some(Spanned::new(v.span(), Localized::Plain(s.to_string()))),
        DeValue::Table(t) => {
            let mut map = BTreeMap::new();
            for (lang, val) in t.iter() {
                match val.get_ref() {
                    DeValue::String(s) => {
                        map.insert(lang.get_ref().to_string(), s.to_string());
                    }
                    other => d.push(
                        Diagnostic::error(
                            "wrong-type",
                            format!(
                                "`{key}.{}` must be text in quotes, found {}",
                                lang.get_ref(),
                                describe(other)
                            ),
                        )
                        .at(src, val.span()),
                    ),
                }
            }
            Some(Spanned::new(v.span(), Localized::PerLang(map)))
        }
        other => {
            d.push(
                Diagnostic::error(
                    "wrong-type",
                    format!(
                        "`{key}` must be text, or a table of texts per language like {{ en = \"…\", fr = \"…\" }}; found {}",
                        describe(other)
                    ),
                )
                .at(src, v.span()),
            );
            None
        }
    }
}

/// A line showing the right shape of a value, for the hint of a wrong type.
fn example_for(key: &str, want: &str) -> String {
    let example = if want.starts_with("text") {
        format!("{key} = \"…\"")
    } else if want.starts_with("a list of tables") || want == "a table" {
        format!("[{key}] on a line of its own, followed by its keys")
    } else if want.starts_with("a list") {
        format!("{key} = [\"…\", \"…\"]")
    } else if want.starts_with("a date") {
        format!("{key} = 2025-09-08")
    } else if want.starts_with("true") {
        format!("{key} = true")
    } else if want.contains("number") {
        format!("{key} = 1860")
    } else {
        return "see docs/authors.md for the fields and their values".to_string();
    };
    format!("write it like: {example}")
}

/// "a number", "text", … for messages.
pub fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("text \"{}\"", truncate(s, 40)),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(dt) => format!("the date {dt}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

/// "1250.5" → 125050; `None` for more than two decimals, exponents or overflow.
fn parse_hundredths(s: &str) -> Option<i64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 2
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || int.is_empty()
    {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let cents: i64 = format!("{frac:0<2}").parse().ok()?;
    let n = whole.checked_mul(100)?.checked_add(cents)?;
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths() {
        assert_eq!(parse_hundredths("1250.5"), Some(125050));
        assert_eq!(parse_hundredths("1860.00"), Some(186000));
        assert_eq!(parse_hundredths("-3.25"), Some(-325));
        assert_eq!(parse_hundredths("1.234"), None);
        assert_eq!(parse_hundredths("1e3"), None);
    }

    #[test]
    fn reports_every_unknown_key_and_wrong_type() {
        let text = "titel = \"x\"\ncode = 5\nfoo = 1\n";
        let table = DeTable::parse(text).unwrap();
        let src = SourceText::new("a.md", text);
        let mut d = Diagnostics::new();
        let mut f = Fields::new(src, table.get_ref(), table.span(), "");
        assert!(f.string(&mut d, "title").is_none());
        assert!(f.string(&mut d, "code").is_none());
        f.finish(&mut d);
        let items = d.into_sorted();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].code, "unknown-key");
        assert_eq!(items[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!((items[1].line, items[1].code), (2, "wrong-type"));
        assert_eq!(items[2].line, 3);
    }
}
