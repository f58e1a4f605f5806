//! What a course costs, in words, at an instant: the price a card shows (the lowest price one
//! can pay then, "from €1,500" when there are several) and the prices that follow as price
//! options end, for the state script that keeps cards true in the visitor's browser.

use super::words::money;
use crate::i18n::cldr;
use crate::model::Fee;
use crate::render::view::PriceView;
use crate::render::Lctx;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::json;

/// The price a card shows at `now`, without the steps that follow; `None` when no price can
/// be paid then (every option ended and no main amount: not a fee the loader accepts).
fn price_at(l: &Lctx<'_>, f: &Fee, tz: Tz, now: DateTime<Utc>) -> Option<PriceView> {
    let word = |w: String| PriceView {
        before: String::new(),
        money: w,
        after: String::new(),
        word: true,
        steps: None,
    };
    if f.amount.is_none() {
        return Some(word(l.t.get("fee_on_request").to_string()));
    }
    let prices = f.current_prices(tz, now);
    match prices.as_slice() {
        [] => None,
        [0] => Some(word(money(l, 0, &f.currency))),
        [one] => Some(PriceView {
            before: String::new(),
            money: money(l, *one, &f.currency),
            after: String::new(),
            word: false,
            steps: None,
        }),
        [lowest, ..] => {
            let template = l.t.get("fee_from");
            let (before, after) = template.split_once("{price}").unwrap_or((template, ""));
            Some(PriceView {
                before: before.to_string(),
                money: cldr::money(&l.lang, *lowest, &f.currency),
                after: after.to_string(),
                word: false,
                steps: None,
            })
        }
    }
}

/// The price a card shows at `now`, with the prices that follow each end of a price option
/// after `now` (the state script shows them once the visitor's clock passes those instants).
pub fn card_price(l: &Lctx<'_>, f: &Fee, tz: Tz, now: DateTime<Utc>) -> Option<PriceView> {
    let mut shown = price_at(l, f, tz, now)?;
    // Only the ends that change what the card says (an option that was not the lowest ends
    // unseen).
    let mut last = shown.clone();
    let mut steps: Vec<serde_json::Value> = Vec::new();
    for t in f.changes_after(tz, now) {
        let Some(p) = price_at(l, f, tz, t + Duration::seconds(1)) else {
            continue;
        };
        if p != last {
            let at = t.to_rfc3339_opts(SecondsFormat::Secs, true);
            steps.push(json!([at, p.before, p.money, p.after, p.word]));
            last = p;
        }
    }
    if !steps.is_empty() {
        shown.steps = Some(serde_json::Value::Array(steps).to_string());
    }
    Some(shown)
}
