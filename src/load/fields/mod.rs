//! Typed reading of a parsed TOML table, reporting every problem instead of the first.
//!
//! Why not `serde` + `deny_unknown_fields`: serde stops at the first error of a file and its
//! unknown-field message has no span for the key. Staff fix files faster when one run lists every
//! unknown key (with the nearest known one), every wrong type and every bad value, each pointing at
//! its own line. The TOML itself is parsed by the `toml` crate (`DeTable`, which keeps spans).

mod localized;

use super::text_checks::{control_characters, example_for, unfilled};
pub use super::text_checks::{describe, is_invisible_control};
use super::values::{self, AmountProblem};
use crate::diag::{suggest, Diagnostic, Diagnostics, SourceText};
use crate::model::{Localized, When};
pub use localized::localized_value;
use std::ops::Range;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

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
    /// The fields `crate::schema` describes for this table, when it is front matter.
    schema: Option<&'static [crate::schema::Field]>,
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
            schema: None,
        }
    }

    /// Ties the table to its description in `crate::schema`: its tables get theirs, and
    /// [`Fields::finish`] checks (in debug builds) that the reader asked for exactly those keys.
    pub fn with_schema(mut self, fields: &'static [crate::schema::Field]) -> Self {
        self.schema = Some(fields);
        self
    }

    fn child_schema(&self, key: &str) -> Option<&'static [crate::schema::Field]> {
        crate::schema::find(self.schema?, key)?.sub_fields()
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

    /// The span of `key.sub`'s value when `key` is a table (a text's translation).
    pub fn sub_value_span(&self, key: &str, sub: &str) -> Option<Range<usize>> {
        match self.table.get(key)?.get_ref() {
            DeValue::Table(t) => t.get(sub).map(|v| v.span()),
            _ => None,
        }
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
                control_characters(&self.src, d, key, s, v.span());
                Some(Spanned::new(v.span(), s.to_string()))
            }
            _ => {
                self.wrong_type(d, key, v, "text in quotes");
                None
            }
        }
    }

    /// Text that must say something (a title): empty or only spaces is an error, reported
    /// once (the value is then taken as not given, without a second "is required").
    pub fn nonblank(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<String>> {
        let s = self.string(d, key)?;
        if !s.get_ref().trim().is_empty() {
            return Some(s);
        }
        d.push(
            Diagnostic::error("empty-value", format!("`{key}`{} is empty", self.where_()))
                .at(&self.src, s.span())
                .with_hint(format!("write the {key} between the quotes: {key} = \"…\"")),
        );
        None
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
                        // A TOML integer that does not fit in 64 bits: the only way it fails.
                        d.push(
                            Diagnostic::error(
                                "number-out-of-range",
                                format!(
                                    "`{key}`{} is {}: far too large a number",
                                    self.where_(),
                                    i.as_str()
                                ),
                            )
                            .at(&self.src, v.span())
                            .with_hint(
                                "check the number (a pasted reference, a lost decimal point?)",
                            ),
                        );
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

    /// A number (integer or decimal) in ten-thousandths ([`values::AMOUNT_SCALE`]), e.g.
    /// `1250.5` → 12_505_000; at most four decimals (the currency's own limit is a fee rule)
    /// and [`values::MAX_AMOUNT`]. Each refusal says why, quoting what was written.
    pub fn amount(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<i64>> {
        let v = self.get(key)?;
        let (raw, parsed) = match v.get_ref() {
            DeValue::Integer(i) => (
                i.as_str(),
                values::amount_units(i.as_str(), Some(i.radix())),
            ),
            DeValue::Float(f) => (f.as_str(), values::amount_units(f.as_str(), None)),
            _ => {
                self.wrong_type(
                    d,
                    key,
                    v,
                    "a number, like 1860 or 1250.50 (no currency sign, no quotes)",
                );
                return None;
            }
        };
        let (code, message, hint) = match parsed {
            Ok(n) => return Some(Spanned::new(v.span(), n)),
            Err(AmountProblem::TooLarge) => (
                "number-out-of-range",
                format!("`{key}`{} is {raw}, more than a fee can be", self.where_()),
                format!("amounts go up to {}: check the number (a pasted reference, a lost decimal point?)", values::MAX_AMOUNT),
            ),
            Err(AmountProblem::Decimals(n)) => (
                "too-many-decimals",
                format!("`{key}`{} is {raw}, with {n} decimals; no currency has more than {}", self.where_(), values::AMOUNT_DECIMALS),
                format!("round it to the decimals of the currency, e.g. {key} = 1250.50"),
            ),
            Err(AmountProblem::NotWrittenInFull) => (
                "wrong-type",
                format!("`{key}`{} must be a number written in full, found {raw}", self.where_()),
                format!("write every digit, e.g. {key} = 1000 rather than 1e3"),
            ),
        };
        d.push(
            Diagnostic::error(code, message)
                .at(&self.src, v.span())
                .with_hint(hint),
        );
        None
    }

    pub fn when(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Sp<When>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                let year = dt.date.map(|d| i32::from(d.year));
                if let Some(y) = year.filter(|y| !values::YEARS.contains(y)) {
                    d.push(
                        Diagnostic::error(
                            "date-out-of-range",
                            format!(
                                "`{key}`{} is in the year {y}; dates must be in the years {} to {}",
                                self.where_(),
                                values::YEARS.start(),
                                values::YEARS.end()
                            ),
                        )
                        .at(&self.src, v.span())
                        .with_hint(
                            "check the year: dates are written year-month-day, e.g. 2025-09-08",
                        ),
                    );
                    return None;
                }
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
                    .with_hint(values::date_hint(key, &values::date_readings(s))),
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
                    control_characters(&self.src, d, key, s, item.span());
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
            DeValue::Table(t) => Some(Fields {
                schema: self.child_schema(key),
                ..Fields::new(self.src, t, v.span(), &self.child_name(key, None))
            }),
            _ => {
                self.wrong_type(d, key, v, "a table");
                None
            }
        }
    }

    /// The name of table `key` of this one, number `n` of a list of tables when given:
    /// `[application]`, `[fee.lines] #2`; inside an item of a list, the item follows
    /// (`[runs.application] of [runs] #2`, `[runs.sessions] #1 of [runs] #2`).
    fn child_name(&self, key: &str, n: Option<usize>) -> String {
        let number = n.map_or(String::new(), |n| format!(" #{n}"));
        if self.name.is_empty() {
            return format!("[{key}]{number}");
        }
        match self.name.split_once(" #") {
            Some((item, _)) => {
                let path = item.trim_matches(['[', ']']);
                format!("[{path}.{key}]{number} of {}", self.name)
            }
            None => format!("[{}.{key}]{number}", self.name.trim_matches(['[', ']'])),
        }
    }

    /// An array of tables (`[[sessions]]` or `sessions = [{…}, {…}]`).
    pub fn tables(
        &mut self,
        d: &mut Diagnostics,
        key: &'static str,
    ) -> Option<Vec<Fields<'a, 'i>>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Array(items) => Some(self.tables_of(d, key, items)),
            DeValue::Table(_) => {
                // `[sessions]` for `[[sessions]]`: the table is there, with one pair of brackets.
                d.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!("`{key}`{} is a list, written with two pairs of square brackets: [[{key}]]", self.where_()),
                    )
                    .at(&self.src, v.span())
                    .with_hint(format!("write [[{key}]] instead of [{key}], on the line before each one's fields")),
                );
                None
            }
            _ => {
                self.wrong_type(d, key, v, &format!("a list of tables, written [[{key}]]"));
                None
            }
        }
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
                DeValue::Table(t) => out.push(Fields {
                    schema: self.child_schema(key),
                    ..Fields::new(self.src, t, item.span(), &self.child_name(key, Some(i + 1)))
                }),
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
        #[cfg(debug_assertions)]
        if let Some(fields) = self.schema {
            crate::schema::check_read(&self.name, fields, &self.known);
        }
        for (k, _) in self.table.iter() {
            let name: &str = k.get_ref();
            if !self.known.contains(&name) {
                let mut known = self.known.clone();
                known.sort_unstable();
                known.dedup();
                let hint = if !self.name.is_empty() && crate::schema::is_top_level_value(name) {
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

#[cfg(test)]
mod tests;
