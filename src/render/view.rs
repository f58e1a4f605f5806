//! View structs handed to templates: everything already formatted in the page's language, so
//! templates only lay text out. Built from the model; no files, no clock (now is passed in).

pub use super::application::{application, ApplicationView};
use super::{Ctx, Lctx};
use crate::i18n::cldr;
use crate::model::{Contact, Course, Modality, Notice, Status, When};
use crate::state;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct Link {
    pub href: String,
    pub label: String,
}

#[derive(Serialize, Clone)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    /// Root-relative, for the switcher.
    pub href: String,
    /// Absolute, for `<link rel=alternate>`.
    pub abs: String,
    pub current: bool,
}

/// What every HTML page needs: language, direction, navigation, alternates.
#[derive(Serialize, Clone)]
pub struct Common {
    pub lang: String,
    pub dir: &'static str,
    pub site_title: String,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub home: String,
    pub nav: Vec<NavItem>,
    pub alternates: Vec<Alternate>,
    pub x_default: Option<String>,
    pub css: String,
    pub js: String,
    pub live_reload: Option<String>,
    /// JSON-LD, already serialised and made safe for a `<script>` element.
    pub jsonld: Option<String>,
    pub breadcrumbs: Vec<Link>,
    pub org_name: String,
    /// The strings the state script needs, as ` data-…="…"` attributes (escaped), the same on
    /// every page of a language: written once per language instead of looped over per page.
    pub state_strings: String,
}

#[derive(Serialize, Clone)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct SessionView {
    pub name: Option<String>,
    pub dates: String,
    pub start: String,
    pub end: String,
    pub modality: String,
    pub location: Option<String>,
}

#[derive(Serialize)]
pub struct FeeLineView {
    pub label: String,
    pub amount: String,
}

#[derive(Serialize)]
pub struct FeeView {
    pub lines: Vec<FeeLineView>,
    pub free: bool,
    pub includes: Vec<String>,
    pub scholarships_html: Option<String>,
}

#[derive(Serialize)]
pub struct RefundRow {
    pub period: String,
    pub refund: String,
    pub past: bool,
}

#[derive(Serialize)]
pub struct PolicyView {
    pub notice_html: Option<String>,
    pub rows: Vec<RefundRow>,
}

#[derive(Serialize)]
pub struct ContactView {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tel: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
}

/// A course as lists show it (catalogue, topic, home, calendar).
#[derive(Serialize, Clone)]
pub struct CourseCard {
    pub code: String,
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    /// Set when the course has no page in this language: the language of the page linked to.
    pub other_lang: Option<String>,
    pub other_lang_code: Option<String>,
    pub modality: String,
    pub modality_id: &'static str,
    pub dates: String,
    pub start_iso: Option<String>,
    pub month: Option<String>,
    pub topics: Vec<Link>,
    pub topic_ids: Vec<String>,
    pub languages: Vec<String>,
    pub language_codes: Vec<String>,
    pub status: &'static str,
    pub status_label: Option<String>,
    pub application: ApplicationView,
    pub fee: Option<String>,
}

#[derive(Serialize)]
pub struct CourseView {
    pub card: CourseCard,
    pub workload: Option<String>,
    pub sessions: Vec<SessionView>,
    pub objectives_html: Vec<String>,
    pub fee: Option<FeeView>,
    pub policy: Option<PolicyView>,
    pub contacts: Vec<ContactView>,
    pub body_html: String,
    /// The course's .ics file in this language; empty when it has no events (not written).
    pub ics: String,
    /// "Add to Google Calendar" for the first session (see `calendar::google_calendar_url`).
    pub google_calendar: Option<String>,
    pub notices: Vec<Link>,
    pub tz_name: String,
}

pub fn modality_label(l: &Lctx<'_>, m: Modality) -> String {
    l.t.get(&format!("modality_{}", m.id().replace('-', "_")))
        .to_string()
}

pub fn when_text(l: &Lctx<'_>, w: &When, tz: chrono_tz::Tz, show_zone: bool) -> String {
    let date = cldr::long_date(&l.lang, w.date_in(tz));
    match w.time_in(tz) {
        None => date,
        Some(t) if show_zone => format!("{date}, {} ({})", cldr::time(&l.lang, t), tz.name()),
        Some(t) => format!("{date}, {}", cldr::time(&l.lang, t)),
    }
}

pub fn range_text(l: &Lctx<'_>, a: NaiveDate, b: NaiveDate) -> String {
    use chrono::Datelike;
    if a == b {
        return cldr::long_date(&l.lang, a);
    }
    if a.year() == b.year() && a.month() == b.month() {
        return short_range(l, a, b);
    }
    let (start, end) = if a.year() == b.year() {
        year_once(l, a, b)
    } else {
        (cldr::long_date(&l.lang, a), cldr::long_date(&l.lang, b))
    };
    l.t.fill("date_range", &[("start", &start), ("end", &end)])
}

/// Two dates of one year with the year written once: at the end where the language writes
/// the year last ("8 September – 31 October 2025"), with the start where it writes it first
/// ("2025年9月8日至10月31日").
fn year_once(l: &Lctx<'_>, a: NaiveDate, b: NaiveDate) -> (String, String) {
    use chrono::Datelike;
    let end = cldr::long_date(&l.lang, b);
    if end.starts_with(&b.year().to_string()) {
        (cldr::long_date(&l.lang, a), cldr::day_month(&l.lang, b))
    } else {
        (cldr::day_month(&l.lang, a), end)
    }
}

pub fn money(l: &Lctx<'_>, amount: i64, currency: &str) -> String {
    if amount == 0 {
        l.t.get("free").to_string()
    } else {
        cldr::money(&l.lang, amount, currency)
    }
}

/// "5 days", in the language's plural forms.
pub(super) fn days_phrase(l: &Lctx<'_>, n: i64) -> String {
    l.t.count(&l.lang, "days", n, &n.to_string())
}

pub fn dates_text(c: &Course, l: &Lctx<'_>) -> String {
    match (c.first_start(), c.last_end()) {
        (Some(s), Some(e)) => range_text(l, s.date_in(c.tz), e.date_in(c.tz)),
        _ => l.t.get("self_paced_dates").to_string(),
    }
}

pub fn card(c: &Course, l: &Lctx<'_>, ctx: &Ctx<'_>) -> CourseCard {
    let (text_lang, text) = c.text_for(&l.lang, &ctx.site.config.text_order);
    let other = (text_lang != l.lang).then(|| text_lang.to_string());
    let start = c.first_start();
    let st = state::course(c, ctx.now);
    CourseCard {
        code: c.code.clone(),
        title: text.title.clone(),
        summary: text.summary.clone(),
        url: ctx.urls.course(text_lang, &c.slug),
        other_lang: other.as_ref().map(|o| cldr::language_name(&l.lang, o)),
        other_lang_code: other,
        modality: modality_label(l, c.modality),
        modality_id: c.modality.id(),
        dates: dates_text(c, l),
        start_iso: start.map(|s| s.date_in(c.tz).format("%Y-%m-%d").to_string()),
        month: start.map(|s| s.date_in(c.tz).format("%Y-%m").to_string()),
        topics: c
            .topics
            .iter()
            .map(|t| Link {
                href: ctx.urls.topic(&l.lang, t, 1),
                label: ctx.topic_label(t, &l.lang),
            })
            .collect(),
        topic_ids: c.topics.clone(),
        languages: c
            .languages
            .iter()
            .map(|x| cldr::language_name(&l.lang, x))
            .collect(),
        language_codes: c.languages.clone(),
        status: st.id(),
        status_label: matches!(
            c.status,
            Status::Cancelled | Status::Postponed | Status::Full
        )
        .then(|| l.t.get(&format!("status_{}", c.status.id())).to_string()),
        application: application(c, l, ctx, text_lang, text),
        fee: c.fee.as_ref().map(|f| money(l, f.amount, &f.currency)),
    }
}

pub fn course(c: &Course, l: &Lctx<'_>, ctx: &Ctx<'_>) -> CourseView {
    let (text_lang, text) = c.text_for(&l.lang, &ctx.site.config.text_order);
    let sessions = c
        .sessions
        .iter()
        .zip(
            text.sessions
                .iter()
                .chain(std::iter::repeat(&Default::default())),
        )
        .map(|(s, t)| SessionView {
            name: t.name.clone(),
            dates: range_text(l, s.start.date_in(c.tz), s.end.date_in(c.tz)),
            start: s.start.date_in(c.tz).format("%Y-%m-%d").to_string(),
            end: s.end.date_in(c.tz).format("%Y-%m-%d").to_string(),
            modality: modality_label(l, s.modality.unwrap_or(c.modality)),
            location: t.location.clone(),
        })
        .collect();
    let fee = c.fee.as_ref().map(|f| {
        let mut lines = vec![FeeLineView {
            label: text
                .fee_label
                .clone()
                .unwrap_or_else(|| l.t.get("fee").to_string()),
            amount: money(l, f.amount, &f.currency),
        }];
        for (i, a) in f.lines.iter().enumerate() {
            lines.push(FeeLineView {
                label: text.fee_line_labels.get(i).cloned().unwrap_or_default(),
                amount: money(l, *a, &f.currency),
            });
        }
        FeeView {
            free: f.amount == 0 && f.lines.iter().all(|a| *a == 0),
            lines,
            includes: text.fee_includes.iter().map(|s| ctx.inline(s)).collect(),
            scholarships_html: text.scholarships.as_ref().map(|s| ctx.inline(s)),
        }
    });
    let policy = c.cancellation.as_ref().map(|p| PolicyView {
        notice_html: p
            .notice
            .as_ref()
            .map(|n| ctx.inline(n.get(&l.lang, &ctx.site.config.text_order))),
        rows: refund_rows(c, p, l, ctx),
    });
    let related: Vec<crate::model::Notice> = Vec::new();
    let _ = related;
    CourseView {
        // The card of the course's lists, already made for them (or made here and kept).
        card: match ctx.site.by_code.get(&c.code) {
            Some(&i) => super::pages::card_data(ctx, i, &l.lang).into_owned(),
            None => card(c, l, ctx),
        },
        workload: text.workload.clone(),
        sessions,
        objectives_html: text.objectives.iter().map(|o| ctx.inline(o)).collect(),
        fee,
        policy,
        contacts: c.contacts.iter().map(|k| contact(k, l, ctx)).collect(),
        body_html: ctx.take_course_body(text.file),
        ics: if super::calendar::has_events(c) {
            ctx.urls.course_ics(text_lang, &c.slug, &c.code)
        } else {
            String::new()
        },
        google_calendar: super::calendar::google_calendar_url(c, l, ctx),
        notices: ctx
            .notices_for(&c.code)
            .into_iter()
            .map(|n| notice_link(n, l, ctx))
            .collect(),
        tz_name: c.tz.name().to_string(),
    }
}

pub fn notice_link(n: &Notice, l: &Lctx<'_>, ctx: &Ctx<'_>) -> Link {
    let (lang, t) = n.texts.pick(&l.lang, &ctx.site.config.text_order);
    Link {
        href: ctx.urls.notice(lang, &n.slug),
        label: t.title.clone(),
    }
}

pub fn contact(k: &Contact, l: &Lctx<'_>, ctx: &Ctx<'_>) -> ContactView {
    let order = &ctx.site.config.text_order;
    ContactView {
        name: k.name.get(&l.lang, order).to_string(),
        email: k.email.clone(),
        tel: k.phone.as_ref().map(|p| {
            p.chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect()
        }),
        phone: k.phone.clone(),
        address: k
            .address
            .as_ref()
            .map(|a| a.get(&l.lang, order).to_string()),
        url: k.url.clone(),
    }
}

/// Tiers as date ranges from the first session's start (see SPEC "Now").
pub fn refund_rows(
    c: &Course,
    p: &crate::model::Policy,
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
) -> Vec<RefundRow> {
    let start = c.first_start().map(|s| s.date_in(c.tz));
    let today = ctx.now.with_timezone(&c.tz).date_naive();
    let refund = |pct: u32| match pct {
        100 => l.t.get("refund_full").to_string(),
        0 => l.t.get("refund_none").to_string(),
        n => l.t.fill("refund_percent", &[("n", &n.to_string())]),
    };
    let mut rows = Vec::new();
    for (i, tier) in p.tiers.iter().enumerate() {
        let prev = if i == 0 {
            None
        } else {
            Some(p.tiers[i - 1].min_days)
        };
        let (period, past) = match start {
            Some(s) => {
                let last = s - Duration::days(i64::from(tier.min_days));
                let first = prev.map(|m| s - Duration::days(i64::from(m)) + Duration::days(1));
                let text = match (first, tier.min_days) {
                    (None, 0) => l.t.get("refund_any_time").to_string(),
                    (None, _) => {
                        l.t.fill("refund_until", &[("date", &cldr::long_date(&l.lang, last))])
                    }
                    (Some(f), 0) => {
                        l.t.fill("refund_from", &[("date", &cldr::long_date(&l.lang, f))])
                    }
                    (Some(f), _) if f == last => cldr::long_date(&l.lang, f),
                    (Some(f), _) => short_range(l, f, last),
                };
                (text, tier.min_days > 0 && last < today)
            }
            None => {
                let text = match (prev, tier.min_days) {
                    (None, 0) => l.t.get("refund_any_time").to_string(),
                    (_, 0) => l.t.fill(
                        "refund_days_less",
                        &[("days", &days_phrase(l, i64::from(prev.unwrap_or(0))))],
                    ),
                    _ => l.t.fill(
                        "refund_days_or_more",
                        &[("days", &days_phrase(l, i64::from(tier.min_days)))],
                    ),
                };
                (text, false)
            }
        };
        rows.push(RefundRow {
            period,
            refund: refund(tier.refund_percent),
            past,
        });
    }
    rows
}

/// "26–31 August 2025" when both days are in one month, else two long dates.
fn short_range(l: &Lctx<'_>, a: NaiveDate, b: NaiveDate) -> String {
    use chrono::Datelike;
    if a.year() == b.year() && a.month() == b.month() {
        // "26–31 August 2025": when the language writes the day first, keep only the first
        // day before the dash (CLDR's interval format for a range within one month).
        let end = cldr::long_date(&l.lang, b);
        if let Some(rest) = end.strip_prefix(&b.day().to_string()) {
            if rest.starts_with([' ', '\u{a0}']) {
                return format!("{}–{end}", a.day());
            }
            // "22.–26. September 2025": German (and Danish, Czech …) write the day "26.".
            if rest.starts_with(". ") || rest.starts_with(".\u{a0}") {
                return format!("{}.–{end}", a.day());
            }
        }
        let (start, end) = year_once(l, a, b);
        l.t.fill("date_range", &[("start", &start), ("end", &end)])
    } else {
        l.t.fill(
            "date_range",
            &[
                ("start", &cldr::long_date(&l.lang, a)),
                ("end", &cldr::long_date(&l.lang, b)),
            ],
        )
    }
}
