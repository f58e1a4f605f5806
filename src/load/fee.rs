//! A course's `[fee]` table as written: its amount, currency, texts, further lines, `on_request`
//! and price options (`[[fee.options]]`), each value checked for its own form.

use super::course::{FeeFile, FeeOptionFile};
use super::fields::Fields;
use crate::diag::{Diagnostic, Diagnostics};
use toml::Spanned;

pub fn fee_table(mut fee: Fields<'_, '_>, d: &mut Diagnostics) -> FeeFile {
    let mut out = FeeFile {
        span: fee.span(),
        amount_written: fee.has("amount"),
        amount: fee.amount(d, "amount"),
        currency: fee.string(d, "currency"),
        label: fee.string(d, "label").map(Spanned::into_inner),
        includes: fee
            .string_list(d, "includes")
            .map(|v| v.into_iter().map(Spanned::into_inner).collect()),
        scholarships: fee.string(d, "scholarships").map(Spanned::into_inner),
        lines: None,
        on_request: fee.boolean(d, "on_request"),
        options: None,
    };
    let src = fee.src;
    for a in out.amount.iter() {
        if *a.get_ref() < 0 {
            d.push(
                Diagnostic::error("negative-fee", "`amount` cannot be negative")
                    .at(&src, a.span())
                    .with_hint("write 0 for a free course"),
            );
        }
    }
    if let Some(cur) = &out.currency {
        if !crate::i18n::cldr::currency_is_known(cur.get_ref()) {
            let upper = cur.get_ref().to_ascii_uppercase();
            let hint = if crate::i18n::cldr::currency_is_known(&upper) {
                format!("currency codes are written in capitals: \"{upper}\"")
            } else if let Some(codes) = written_as_people_write_it(cur.get_ref()) {
                format!(
                    "\"{}\" is how people write it; the code is {codes}",
                    cur.get_ref()
                )
            } else {
                "use the three-letter ISO 4217 code, e.g. \"EUR\", \"USD\", \"CHF\", \"XOF\""
                    .to_string()
            };
            let message = if iso_currency::Currency::from_code(cur.get_ref()).is_some() {
                format!("\"{}\" is an ISO 4217 code, but not money a fee is paid in (a metal, a unit of account or a test code)", cur.get_ref())
            } else {
                format!("\"{}\" is not an ISO 4217 currency code", cur.get_ref())
            };
            d.push(
                Diagnostic::error("unknown-currency", message)
                    .at(&src, cur.span())
                    .with_hint(hint),
            );
        }
    }
    if let Some(lines) = fee.tables(d, "lines") {
        let span = fee.value_span("lines").unwrap_or(0..0);
        let mut v = Vec::new();
        for mut l in lines {
            let label = l.string(d, "label").map(Spanned::into_inner);
            let amount = l.amount(d, "amount");
            if let Some(a) = &amount {
                if *a.get_ref() < 0 {
                    d.push(
                        Diagnostic::error("negative-fee", "`amount` cannot be negative")
                            .at(&src, a.span()),
                    );
                }
            } else if !l.has("amount") {
                l.missing(
                    d,
                    "amount",
                    "each fee line needs label = \"…\" and amount = …",
                );
            }
            l.finish(d);
            if let Some(a) = amount {
                v.push((label, a));
            }
        }
        out.lines = Some(Spanned::new(span, v));
    }
    if let Some(options) = fee.tables(d, "options") {
        let span = fee.value_span("options").unwrap_or(0..0);
        let v = options.into_iter().map(|o| fee_option(o, d)).collect();
        out.options = Some(Spanned::new(span, v));
    }
    fee.finish(d);
    out
}

fn fee_option(mut o: Fields<'_, '_>, d: &mut Diagnostics) -> FeeOptionFile {
    let out = FeeOptionFile {
        name: o.nonblank(d, "name").map(Spanned::into_inner),
        amount: o.amount(d, "amount"),
        until: o.when(d, "until"),
        for_whom: o.string(d, "for").map(Spanned::into_inner),
    };
    let src = o.src;
    if let Some(a) = out.amount.as_ref().filter(|a| *a.get_ref() < 0) {
        d.push(
            Diagnostic::error("negative-fee", "`amount` cannot be negative")
                .at(&src, a.span())
                .with_hint("write 0 for a price option that is free"),
        );
    }
    for key in ["name", "amount"] {
        if !o.has(key) {
            o.missing(
                d,
                key,
                "each price option needs name = \"…\" (e.g. \"Early booking\") and amount = …",
            );
        }
    }
    o.finish(d);
    out
}

/// The ISO 4217 code of a currency written as people write it on a price (a symbol, a word, a
/// local abbreviation): `"€"` or `"euros"` is `"EUR"`, `"DH"` the Moroccan or UAE dirham.
fn written_as_people_write_it(text: &str) -> Option<&'static str> {
    const WRITTEN: &[(&[&str], &str)] = &[
        (&["€", "euro", "euros"], "\"EUR\""),
        (
            &["$", "us$", "usd$", "dollar", "dollars"],
            "\"USD\" (US dollar; other dollars have their own code, e.g. \"CAD\")",
        ),
        (&["£", "pound", "pounds"], "\"GBP\""),
        (&["fr.", "sfr", "chf."], "\"CHF\""),
        (
            &["dh", "dhs", "dirham", "dirhams", "درهم"],
            "\"MAD\" (Moroccan dirham) or \"AED\" (UAE dirham)",
        ),
        (
            &["fcfa", "cfa", "f cfa"],
            "\"XOF\" (West African CFA franc) or \"XAF\" (Central African CFA franc)",
        ),
        (&["¥", "yen"], "\"JPY\" (yen) or \"CNY\" (yuan)"),
        (
            &["₹", "rs", "rs.", "rupees"],
            "\"INR\" (Indian rupee; other rupees have their own code)",
        ),
    ];
    let t = text.trim().to_lowercase();
    WRITTEN
        .iter()
        .find(|(words, _)| words.contains(&t.as_str()))
        .map(|(_, codes)| *codes)
}
