//! A text given once for every language or per language (`title = "…"` or
//! `[title] en = "…"`), read from its TOML value.

use super::Sp;
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::load::text_checks::{control_characters, describe};
use crate::model::Localized;
use std::collections::BTreeMap;
use toml::de::DeValue;
use toml::Spanned;

/// Reads a per-language text value: plain string or table of language → string.
pub fn localized_value(
    src: &SourceText<'_>,
    d: &mut Diagnostics,
    key: &str,
    v: &Spanned<DeValue<'_>>,
) -> Option<Sp<Localized>> {
    match v.get_ref() {
        DeValue::String(s) => {
            control_characters(src, d, key, s, v.span());
            Some(Spanned::new(v.span(), Localized::Plain(s.to_string())))
        }
        DeValue::Table(t) => {
            let mut map = BTreeMap::new();
            for (lang, val) in t.iter() {
                match val.get_ref() {
                    DeValue::String(s) => {
                        control_characters(src, d, key, s, val.span());
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
