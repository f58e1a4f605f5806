//! Parsers for values that appear in several places: policies, contacts, URLs, ids.

use super::fields::{Fields, Sp};
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::{Contact, Person, Policy, Ref, Tier};
use toml::de::DeValue;
use toml::Spanned;

/// Why a URL is refused, if it is. `allow_mailto` for application links and contact pages.
pub fn url_problem(url: &str, allow_mailto: bool) -> Option<&'static str> {
    if url.contains(char::is_control) {
        return Some("the address contains an invisible control character");
    }
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let rest = &url.trim()[url.trim().find("://").unwrap_or(0) + 3..];
        if rest.is_empty() || rest.starts_with('/') || rest.contains([' ', '"', '<', '>', '`']) {
            return Some("the address after http(s):// is empty or contains spaces or quotes");
        }
        return None;
    }
    if allow_mailto && lower.starts_with("mailto:") && url.len() > 7 && url.contains('@') {
        return None;
    }
    Some(if allow_mailto {
        "only absolute http://, https:// or mailto: addresses are allowed"
    } else {
        "only absolute http:// or https:// addresses are allowed"
    })
}

pub fn check_url(
    f: &Fields<'_, '_>,
    d: &mut Diagnostics,
    key: &str,
    url: &Sp<String>,
    allow_mailto: bool,
) -> bool {
    match url_problem(url.get_ref(), allow_mailto) {
        None => true,
        // Reported by the reader of the text already (`control-character`): one error.
        Some(_) if url.get_ref().contains(super::fields::is_invisible_control) => false,
        Some(why) => {
            d.push(
                Diagnostic::error("bad-url", format!("`{key}` \"{}\" is not a usable link: {why}", url.get_ref()))
                    .at(&f.src, url.span())
                    .with_hint("write the full address, e.g. \"https://apply.example.org/A9718007\" or \"mailto:office@example.org\""),
            );
            false
        }
    }
}

/// A cancellation policy table (`notice`, `tiers`), from data/policies.toml or inline.
pub fn policy(f: Fields<'_, '_>, d: &mut Diagnostics, id: Option<String>) -> Option<Policy> {
    let mut f = f.with_schema(crate::schema::POLICY);
    let notice = f.localized(d, "notice").map(Spanned::into_inner);
    let tiers_v = f.tables(d, "tiers");
    let span = f.span();
    let mut tiers: Vec<(Tier, std::ops::Range<usize>)> = Vec::new();
    let mut ok = true;
    for t in tiers_v.unwrap_or_default() {
        let (tier, tier_ok) = tier(t, d);
        tiers.extend(tier);
        ok &= tier_ok;
    }
    let src = f.src;
    if !f.has("tiers") {
        f.missing(d, "tiers", "a policy lists tiers, e.g. tiers = [ { min_days = 14, refund_percent = 100 }, { min_days = 0, refund_percent = 0 } ]");
        ok = false;
    }
    f.finish(d);
    ok = ok && tiers_in_order(&src, &tiers, span, d);
    ok.then(|| Policy {
        id,
        notice,
        tiers: tiers.into_iter().map(|(t, _)| t).collect(),
    })
}

/// One tier of a policy, and whether it is valid.
fn tier(
    mut t: Fields<'_, '_>,
    d: &mut Diagnostics,
) -> (Option<(Tier, std::ops::Range<usize>)>, bool) {
    let mut ok = true;
    let min = t.integer(d, "min_days");
    let pct = t.integer(d, "refund_percent");
    let tspan = t.span();
    if min.is_none() {
        t.missing(
            d,
            "min_days",
            "each tier needs min_days (days before the start) and refund_percent",
        );
    }
    if pct.is_none() {
        t.missing(
            d,
            "refund_percent",
            "each tier needs min_days and refund_percent (0 to 100)",
        );
    }
    if let Some(m) = &min {
        if *m.get_ref() < 0 {
            d.push(
                Diagnostic::error("bad-value", "`min_days` cannot be negative")
                    .at(&t.src, m.span()),
            );
            ok = false;
        } else if *m.get_ref() > super::values::MAX_DAYS {
            d.push(
                Diagnostic::error(
                    "number-out-of-range",
                    format!(
                        "`min_days` is {}; a tier starts at most {} days (ten years) before the course",
                        m.get_ref(),
                        super::values::MAX_DAYS
                    ),
                )
                .at(&t.src, m.span())
                .with_hint("min_days counts the days before the start, e.g. min_days = 14"),
            );
            ok = false;
        }
    }
    if let Some(p) = &pct {
        if !(0..=100).contains(p.get_ref()) {
            d.push(
                Diagnostic::error(
                    "refund-range",
                    format!(
                        "`refund_percent` is {}; it must be between 0 and 100",
                        p.get_ref()
                    ),
                )
                .at(&t.src, p.span())
                .with_hint("100 = full refund, 0 = no refund"),
            );
            ok = false;
        }
    }
    t.finish(d);
    let tier = match (min, pct) {
        (Some(m), Some(p)) => Some((
            Tier {
                min_days: u32::try_from(*m.get_ref()).unwrap_or(0),
                refund_percent: u32::try_from(*p.get_ref()).unwrap_or(0),
            },
            tspan,
        )),
        _ => None,
    };
    ok &= tier.is_some();
    (tier, ok)
}

/// The tiers go from most to fewest days, with refunds that never grow, and end at 0 days.
/// `span`: the policy's, for a policy with no tiers.
fn tiers_in_order(
    src: &SourceText<'_>,
    tiers: &[(Tier, std::ops::Range<usize>)],
    span: std::ops::Range<usize>,
    d: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    for w in tiers.windows(2) {
        let (a, b) = (&w[0].0, &w[1].0);
        if b.min_days >= a.min_days {
            d.push(
                Diagnostic::error(
                    "tiers-order",
                    format!(
                        "tiers must go from most to fewest days: {} days comes after {} days",
                        b.min_days, a.min_days
                    ),
                )
                .at(src, w[1].1.clone())
                .with_hint(
                    "sort the tiers by min_days, largest first, each smaller than the one before",
                ),
            );
            ok = false;
        } else if b.refund_percent > a.refund_percent {
            d.push(
                Diagnostic::error(
                    "refund-increasing",
                    format!(
                        "the refund grows from {} % to {} % as the start approaches",
                        a.refund_percent, b.refund_percent
                    ),
                )
                .at(src, w[1].1.clone())
                .with_hint("a later cancellation cannot be refunded more than an earlier one"),
            );
            ok = false;
        }
    }
    if let Some((last, lspan)) = tiers.last() {
        if ok && last.min_days != 0 {
            d.push(
                Diagnostic::error("tiers-last", format!("the last tier starts at {} days; it must be min_days = 0", last.min_days))
                    .at(src, lspan.clone())
                    .with_hint("end with a tier for cancellations up to the start, e.g. { min_days = 0, refund_percent = 0 }"),
            );
            ok = false;
        }
    }
    if tiers.is_empty() {
        d.push(
            Diagnostic::error("tiers-last", "the policy has no tiers")
                .at(src, span)
                .with_hint(
                    "list at least one tier, ending with { min_days = 0, refund_percent = … }",
                ),
        );
        ok = false;
    }
    ok
}

/// A contact table (`name`, `email`, `phone`, `address`, `url`).
pub fn contact(f: Fields<'_, '_>, d: &mut Diagnostics, id: Option<String>) -> Option<Contact> {
    let mut f = f.with_schema(crate::schema::CONTACT);
    let name = f.localized(d, "name");
    let email = f.string(d, "email");
    let phone = f.string(d, "phone");
    let address = f.localized(d, "address");
    let url = f.string(d, "url");
    let mut ok = true;
    if let Some(e) = &email {
        let v = e.get_ref();
        let good = v.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty() && b.contains('.') && !v.contains([' ', '<', '>', '"', ':'])
        });
        if !good {
            d.push(
                Diagnostic::error("bad-email", format!("\"{v}\" is not an e-mail address"))
                    .at(&f.src, e.span())
                    .with_hint("write it like \"office@example.org\" (without mailto:)"),
            );
            ok = false;
        }
    }
    if let Some(p) = &phone {
        if !p
            .get_ref()
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
            || !p.get_ref().chars().any(|c| c.is_ascii_digit())
        {
            d.push(
                Diagnostic::error(
                    "bad-phone",
                    format!("\"{}\" is not a phone number", p.get_ref()),
                )
                .at(&f.src, p.span())
                .with_hint("use digits, spaces and a leading +, e.g. \"+39 011 693 6111\""),
            );
            ok = false;
        }
    }
    if let Some(u) = &url {
        ok &= check_url(&f, d, "url", u, false);
    }
    if name.is_none() {
        f.missing(
            d,
            "name",
            "a contact needs a name, e.g. name = \"Course team\"",
        );
        ok = false;
    }
    f.finish(d);
    Some(Contact {
        id,
        name: name?.into_inner(),
        email: email.map(Spanned::into_inner),
        phone: phone.map(Spanned::into_inner),
        address: address.map(Spanned::into_inner),
        url: url.map(Spanned::into_inner),
    })
    .filter(|_| ok)
}

/// `contacts = ["id", …]` or `[[contacts]]` tables, mixed as the author likes.
pub fn contact_refs(
    f: &mut Fields<'_, '_>,
    d: &mut Diagnostics,
) -> Option<Sp<Vec<Sp<Ref<Contact>>>>> {
    id_refs(f, d, "contacts", "contact", "[\"ilsgen\"]", contact)
}

/// `instructors = ["id", …]` (data/people.toml) or `[[instructors]]` tables.
pub fn person_refs(
    f: &mut Fields<'_, '_>,
    d: &mut Diagnostics,
) -> Option<Sp<Vec<Sp<Ref<Person>>>>> {
    id_refs(f, d, "instructors", "instructor", "[\"pereira\"]", person)
}

/// A list under `key` of ids in quotes or tables (each read by `table`), mixed as the author
/// likes; `one` names an item in errors, `example` is a list of ids.
fn id_refs<T>(
    f: &mut Fields<'_, '_>,
    d: &mut Diagnostics,
    key: &'static str,
    one: &str,
    example: &str,
    table: fn(Fields<'_, '_>, &mut Diagnostics, Option<String>) -> Option<T>,
) -> Option<Sp<Vec<Sp<Ref<T>>>>> {
    let src = f.src;
    let v = f.raw(key)?;
    let DeValue::Array(items) = v.get_ref() else {
        d.push(
            Diagnostic::error(
                "wrong-type",
                format!("`{key}` must be a list of {one} ids, like {example}, or [[{key}]] tables"),
            )
            .at(&src, v.span()),
        );
        return None;
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.get_ref() {
            DeValue::String(s) => out.push(Spanned::new(item.span(), Ref::Id(s.to_string()))),
            DeValue::Table(t) => {
                let cf = Fields::new(src, t, item.span(), &format!("[[{key}]] #{}", i + 1));
                if let Some(c) = table(cf, d, None) {
                    out.push(Spanned::new(item.span(), Ref::Inline(c)));
                }
            }
            other => d.push(
                Diagnostic::error(
                    "wrong-type",
                    format!(
                        "a {one} is an id in quotes or a table; found {}",
                        super::fields::describe(other)
                    ),
                )
                .at(&src, item.span()),
            ),
        }
    }
    Some(Spanned::new(v.span(), out))
}

/// A person table (`name`, `role`, `url`, `photo`).
pub fn person(f: Fields<'_, '_>, d: &mut Diagnostics, id: Option<String>) -> Option<Person> {
    let mut f = f.with_schema(crate::schema::PERSON);
    let name = f.localized(d, "name");
    let role = f.localized(d, "role");
    let url = f.string(d, "url");
    let photo = f.string(d, "photo");
    let mut ok = true;
    if let Some(u) = &url {
        ok &= check_url(&f, d, "url", u, false);
    }
    if let Some(p) = &photo {
        // A file beside the course's page: a plain file name, no folder, nothing above it.
        let v = p.get_ref();
        let plain = !v.is_empty()
            && !v.starts_with('.')
            && v.chars().all(|c| c.is_alphanumeric() || "-_. ".contains(c));
        if !plain {
            d.push(
                Diagnostic::error("bad-photo", format!("`photo` \"{v}\" is not the name of a file in the course's folder"))
                    .at(&f.src, p.span())
                    .with_hint("write the course as a folder (content/courses/<name>/index.md), put the image beside index.md and give its name: photo = \"pereira.jpg\""),
            );
            ok = false;
        }
    }
    if name.is_none() {
        f.missing(
            d,
            "name",
            "a person needs a name, e.g. name = \"Ana Pereira\"",
        );
        ok = false;
    }
    f.finish(d);
    Some(Person {
        id,
        name: name?.into_inner(),
        role: role.map(Spanned::into_inner),
        url: url.map(Spanned::into_inner),
        photo: photo.map(Spanned::into_inner),
    })
    .filter(|_| ok)
}

/// `cancellation = "id"` or an inline `[cancellation]` table.
pub fn policy_ref(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<Ref<Policy>>> {
    let src = f.src;
    let v = f.raw("cancellation")?;
    match v.get_ref() {
        DeValue::String(s) => Some(Spanned::new(v.span(), Ref::Id(s.to_string()))),
        DeValue::Table(t) => {
            let pf = Fields::new(src, t, v.span(), "[cancellation]");
            policy(pf, d, None).map(|p| Spanned::new(v.span(), Ref::Inline(p)))
        }
        other => {
            d.push(
                Diagnostic::error("wrong-type", format!("`cancellation` must be a policy id in quotes or a [cancellation] table; found {}", super::fields::describe(other)))
                    .at(&src, v.span()),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceText;
    use toml::de::DeTable;

    fn parse_policy(text: &str) -> (Option<Policy>, Vec<Diagnostic>) {
        let t = DeTable::parse(text).unwrap();
        let mut d = Diagnostics::new();
        let f = Fields::new(SourceText::new("p.toml", text), t.get_ref(), t.span(), "");
        (policy(f, &mut d, None), d.into_sorted())
    }

    #[test]
    fn policy_rules() {
        let (p, d) = parse_policy("tiers = [{min_days = 14, refund_percent = 100}, {min_days = 8, refund_percent = 50}, {min_days = 0, refund_percent = 0}]");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.unwrap().tiers.len(), 3);
        let (_, d) = parse_policy("tiers = [{min_days = 8, refund_percent = 100}, {min_days = 14, refund_percent = 50}, {min_days = 0, refund_percent = 0}]");
        assert_eq!(d[0].code, "tiers-order");
        let (_, d) = parse_policy(
            "tiers = [{min_days = 8, refund_percent = 50}, {min_days = 0, refund_percent = 100}]",
        );
        assert_eq!(d[0].code, "refund-increasing");
        let (_, d) = parse_policy(
            "tiers = [{min_days = 8, refund_percent = 150}, {min_days = 0, refund_percent = 0}]",
        );
        assert_eq!(d[0].code, "refund-range");
        let (_, d) = parse_policy(
            "tiers = [{min_days = 8, refund_percent = 50}, {min_days = 2, refund_percent = 0}]",
        );
        assert_eq!(d[0].code, "tiers-last");
    }

    #[test]
    fn urls() {
        assert!(url_problem("https://a.org/x", true).is_none());
        assert!(url_problem("mailto:a@b.org", true).is_none());
        assert!(url_problem("javascript:alert(1)", true).is_some());
        assert!(url_problem("JavaScript:alert(1)", true).is_some());
        assert!(url_problem("data:text/html,x", true).is_some());
        assert!(url_problem("/relative", true).is_some());
        assert!(url_problem("mailto:a@b.org", false).is_some());
        assert!(url_problem("https://a.org/x\u{0}y", true).is_some());
        assert!(url_problem("https://a.org/x\ny", true).is_some());
        assert!(url_problem("mailto:a@b.org\u{7}", true).is_some());
    }
}
