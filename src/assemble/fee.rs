//! A course's `[fee]`: its parts beyond the main amount (`on_request`, the price options of
//! `[[fee.options]]`) merged across translations (amounts and end dates are facts; names and
//! "for" texts are per language), and the fee made of them.

use super::facts::Facts;
use crate::diag::Diagnostics;
use crate::load::course::{CourseFile, FeeFile, FeeOptionFile};
use crate::model::{Fee, FeeOption, FeeOptionText, Origin, When};
use crate::validate::{course as rules, ItemCtx};
use toml::Spanned;

/// What the translations' `[fee]` tables agree on beyond the main amount.
pub struct Extras {
    pub on_request: bool,
    pub options: Vec<FeeOption>,
    /// Where the options were stated (for the rules that point at them).
    pub options_at: Option<Origin>,
}

/// `on_request` and the options of the `[fee]` tables of one course's files.
pub fn extras(fees: &Facts<'_, FeeFile>, d: &mut Diagnostics) -> Extras {
    let on_request = fees.agreed(
        "fee.on_request",
        |f| f.on_request.clone(),
        bool::to_string,
        d,
    );
    let options = fees.agreed("fee.options", options_stated, |v| show_options(v), d);
    let (options, options_at) = match options {
        Some((v, origin)) => (
            v.into_iter()
                .filter_map(|(amount, until)| {
                    Some(FeeOption {
                        amount: amount?,
                        until,
                    })
                })
                .collect(),
            Some(origin),
        ),
        None => (Vec::new(), None),
    };
    Extras {
        on_request: on_request.is_some_and(|(v, _)| v),
        options,
        options_at,
    }
}

/// The amount and end of each price option one `[fee]` states.
type OptionStated = (Option<i64>, Option<When>);

fn options_stated(f: &FeeFile) -> Option<Spanned<Vec<OptionStated>>> {
    let o = f.options.as_ref()?;
    let v = o
        .get_ref()
        .iter()
        .map(|x| {
            (
                x.amount.as_ref().map(|a| *a.get_ref()),
                x.until.as_ref().map(|u| *u.get_ref()),
            )
        })
        .collect();
    Some(Spanned::new(o.span(), v))
}

fn show_options(v: &[OptionStated]) -> String {
    let each: Vec<String> = v
        .iter()
        .map(|(a, u)| {
            let a = a.map(crate::load::values::amount_text).unwrap_or_default();
            match u {
                Some(u) => format!("{a} until {u}"),
                None => a,
            }
        })
        .collect();
    format!("[{}]", each.join(", "))
}

/// The price options' texts for the page of file `own`, from its own `[[fee.options]]` or the
/// first sibling's (`all`, in language priority order) that has them.
pub fn option_texts(own: &CourseFile, all: &[(usize, &CourseFile)]) -> Vec<FeeOptionText> {
    fn of(c: &CourseFile) -> Option<&toml::Spanned<Vec<FeeOptionFile>>> {
        c.fee.as_ref().and_then(|f| f.options.as_ref())
    }
    let Some(list) = of(own).or_else(|| all.iter().find_map(|(_, c)| of(c))) else {
        return Vec::new();
    };
    list.get_ref()
        .iter()
        .filter(|o| o.amount.is_some())
        .map(|o| FeeOptionText {
            name: o.name.clone().unwrap_or_default(),
            for_whom: o.for_whom.clone(),
        })
        .collect()
}

/// The course's fee from its agreed amount, currency, line amounts, `on_request` and price
/// options (`None` when there is none, or it breaks a rule of `validate::course::fee`).
pub fn fee(
    ctx: &ItemCtx<'_>,
    amount: Option<(i64, Origin)>,
    currency: Option<(String, Origin)>,
    line_amounts: Option<(Vec<i64>, Origin)>,
    extras: Extras,
    fees: &[(usize, &FeeFile)],
    d: &mut Diagnostics,
) -> Option<Fee> {
    let options_at = extras.options_at.as_ref();
    rules::fee(
        ctx,
        rules::FeeStated {
            amount: amount.as_ref().map(|(a, o)| (*a, o)),
            currency: currency.as_ref().map(|(c, _)| c.as_str()),
            on_request: extras.on_request,
            options: options_at.map(|o| (extras.options.as_slice(), o)),
        },
        fees,
        d,
    );
    let paid = |a: i64| a > 0;
    match (amount, currency) {
        (Some((amount, _)), Some((currency, _))) => Some(Fee {
            amount: Some(amount),
            currency,
            lines: line_amounts.map(|(l, _)| l).unwrap_or_default(),
            options: extras.options,
        }),
        (None, currency) if extras.on_request => Some(Fee {
            amount: None,
            currency: currency.map(|(c, _)| c).unwrap_or_default(),
            lines: line_amounts.map(|(l, _)| l).unwrap_or_default(),
            options: Vec::new(),
        }),
        // Free, with no currency to name.
        (Some((amount, _)), None)
            if !paid(amount) && !extras.options.iter().any(|o| paid(o.amount)) =>
        {
            Some(Fee {
                amount: Some(amount),
                currency: String::new(),
                lines: Vec::new(),
                options: extras.options,
            })
        }
        _ => None,
    }
}
