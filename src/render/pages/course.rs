//! A course's page, `/<lang>/courses/<slug>/`: its card, sessions, fee, cancellation policy,
//! contacts, body, calendar links and the notices that name it, with its JSON-LD.

use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::model::{Course, CourseText, Policy, Status, TextField, When};
use crate::render::application::application;
use crate::render::cards::{
    card_data, contact, course_card, location_lang, notice_link, upcoming_runs,
};
use crate::render::compiled::templates;
use crate::render::filters::plain_text;
use crate::render::kit::lang::{mark, LangMark};
use crate::render::kit::words::{
    dates_lang, dates_text, days_phrase, except_text, modality_label, money, plural_phrase,
    range_text, rfc3339, schedule_text, short_range, when_text,
};
use crate::render::kit::{as_of, common, render_template, trail, Crumb};
use crate::render::view::{
    AddEventView, Common, CourseView, FeeLineView, FeeOptionView, FeeView, Link, PersonView,
    PlaceView, PolicyView, RefundRow, RunRow, SessionView,
};
use crate::render::{calendar, jsonld, Ctx, Lctx, Output};
use chrono::Duration;
use memchr::memmem;
use serde::Serialize;

#[derive(Serialize)]
struct CoursePage<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    course: CourseView,
}
templates!(CoursePage<'_>: course_html);

/// The page of course `i` in `lang` (a language it has a text in).
pub fn course(ctx: &Ctx<'_>, lang: &str, i: usize) -> Result<Vec<Output>, Diagnostic> {
    let c = &ctx.site.courses[i];
    let l = ctx.lctx(lang);
    let url = ctx.urls.course(lang, &c.slug);
    let alts: Vec<(String, String)> = c
        .texts
        .keys()
        .map(|x| (x.clone(), ctx.urls.course(x, &c.slug)))
        .collect();
    let cv = course_view(c, &l, ctx);
    let mut common = common(
        ctx,
        &l,
        &cv.card.title,
        cv.card.summary.as_deref(),
        &url,
        &alts,
    );
    common.as_of = Some(as_of(ctx, &l));
    if let Some(image) = crate::render::kit::share::course_image(ctx, c, lang) {
        common.share.image = Some(image);
    }
    common.breadcrumbs = trail(ctx, &l, &[Crumb::Home, Crumb::Courses]);
    common.jsonld = Some(jsonld::script(
        &jsonld::course(ctx, c, lang, &common.breadcrumbs),
        &url,
    )?);
    let v = CoursePage {
        common,
        t: ctx.strings_for(lang, "course.html"),
        course: cv,
    };
    let page = render_template(ctx, "course.html", &v, 16 * 1024 + v.course.body_html.len())?;
    Ok(vec![Output::bytes(ctx.urls.file_of(&url), page)])
}

/// A fee's table on the page: the main price (or "on request"), every price option with when
/// it ends and whom it is for, then the further amounts.
fn fee_view(
    c: &Course,
    (text_lang, text): (&str, &CourseText),
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
) -> Option<FeeView> {
    let f = c.fee.as_ref()?;
    let marked = |f: TextField| mark(&l.lang, Some(text.borrowed(f).unwrap_or(text_lang)));
    let line = |label: String, label_lang: Option<LangMark>, amount: Option<i64>| FeeLineView {
        label,
        label_lang,
        amount: match amount {
            Some(a) => money(l, a, &f.currency),
            None => l.t.get("fee_on_request").to_string(),
        },
        word: amount.is_none_or(|a| a == 0),
    };
    let main = line(
        text.fee_label
            .clone()
            .unwrap_or_else(|| l.t.get("fee").to_string()),
        text.fee_label
            .as_ref()
            .and_then(|_| marked(TextField::FeeLabel)),
        f.amount,
    );
    let options = f
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let t = text.fee_options.get(i).cloned().unwrap_or_default();
            let until = o.until.map(|u| {
                l.t.fill("fee_until", &[("date", &when_text(l, &u, c.tz, true))])
            });
            FeeOptionView {
                name: t.name,
                until,
                for_whom: t.for_whom,
                lang: marked(TextField::FeeOptions),
                amount: money(l, o.amount, &f.currency),
                word: o.amount == 0,
                ends_iso: o.until.map(|u| {
                    u.end_instant(c.tz)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                }),
                past: !o.current(c.tz, ctx.now),
            }
        })
        .collect();
    let lines = f
        .lines
        .iter()
        .enumerate()
        .map(|(i, a)| {
            line(
                text.fee_line_labels.get(i).cloned().unwrap_or_default(),
                marked(TextField::FeeLines),
                Some(*a),
            )
        })
        .collect();
    Some(FeeView {
        free: f.amount == Some(0)
            && f.lines.iter().all(|a| *a == 0)
            && f.options.iter().all(|o| o.amount == 0),
        main,
        options,
        lines,
        includes: text.fee_includes.iter().map(|s| ctx.inline(s)).collect(),
        includes_lang: marked(TextField::FeeIncludes),
        scholarships_html: text.scholarships.as_ref().map(|s| ctx.inline(s)),
        scholarships_lang: marked(TextField::Scholarships),
    })
}

/// The cancellation policy of run `c` as its page shows it. The refund periods are for
/// participants who withdraw from a course that takes place: a course the centre cancelled
/// shows none (its contacts say what to do; nothing is said about fees already paid, which the
/// note does not state).
fn policy_view(c: &Course, several: bool, l: &Lctx<'_>, ctx: &Ctx<'_>) -> Option<PolicyView> {
    if c.status == Status::Cancelled {
        return None;
    }
    c.cancellation.as_ref().map(|p| {
        let notice = p
            .notice
            .as_ref()
            .map(|n| n.get_in(&l.lang, &ctx.site.config.text_order));
        PolicyView {
            notice_html: notice.map(|(n, _)| ctx.inline(n)),
            notice_lang: notice.and_then(|(_, lang)| mark(&l.lang, lang)),
            rows: refund_rows(c, several, p, l, ctx),
        }
    })
}

/// What a course's page shows in `l.lang`, beyond its card.
pub fn course_view(course: &Course, l: &Lctx<'_>, ctx: &Ctx<'_>) -> CourseView {
    // The sessions, fee, refunds and "add to calendar" links of the run shown first; the
    // course's calendar file, body and notices are the course's.
    let c = course.lead(ctx.now);
    let (text_lang, text) = c.text_for(&l.lang, &ctx.site.config.text_order);
    let borrowed = |f: TextField| mark(&l.lang, Some(text.borrowed(f).unwrap_or(text_lang)));
    let sessions: Vec<SessionView> = c
        .sessions
        .iter()
        .zip(
            text.sessions
                .iter()
                .chain(std::iter::repeat(&Default::default())),
        )
        .enumerate()
        .map(|(n, (s, t))| SessionView {
            name: t.name.clone(),
            name_lang: borrowed(TextField::SessionName(n)),
            location_lang: borrowed(TextField::SessionLocation(n)),
            dates: range_text(l, s.start.date_in(c.tz), s.last_end().date_in(c.tz)),
            schedule: schedule_text(l, s, c.tz),
            except: except_text(l, s),
            start: crate::render::kit::iso::date(s.start.date_in(c.tz)),
            end: crate::render::kit::iso::date(s.last_end().date_in(c.tz)),
            modality: modality_label(l, s.modality.unwrap_or(c.modality)),
            location: t.location.clone(),
        })
        .collect();
    let fee = fee_view(c, (text_lang, text), l, ctx);
    let policy = policy_view(c, course.runs().len() > 1, l, ctx);
    // The card of the course's lists, already made for them (or made here and kept).
    let card = match ctx.site.by_code.get(&course.code) {
        Some(&i) => card_data(ctx, i, &l.lang).into_owned(),
        None => course_card(course, l, ctx),
    };
    let ics = if calendar::has_events(course) {
        ctx.urls.course_ics(text_lang, &course.slug, &course.code)
    } else {
        String::new()
    };
    let ics_webcal = if ics.is_empty() {
        String::new()
    } else {
        calendar::webcal(&ctx.urls.abs(&ics))
    };
    let add_events = add_events(c, l, ctx, &sessions, card.application.deadline.as_deref());
    let mut v = CourseView {
        card,
        workload: text.workload.clone(),
        workload_lang: borrowed(TextField::Workload),
        hours: c.hours.map(|h| plural_phrase(l, "hours_count", h as usize)),
        credential: text.credential.clone(),
        credential_lang: borrowed(TextField::Credential),
        website: text.website.clone(),
        capacity: c.capacity.map(|n| plural_phrase(l, "places", n as usize)),
        sessions,
        objectives_html: text.objectives.iter().map(|o| ctx.inline(o)).collect(),
        objectives_lang: borrowed(TextField::Objectives),
        fee,
        policy,
        contacts: c.contacts.iter().map(|k| contact(k, l, ctx)).collect(),
        instructors: c
            .instructors
            .iter()
            .map(|p| {
                let order = &ctx.site.config.text_order;
                let (name, name_lang) = p.name.get_in(&l.lang, order);
                let role = p.role.as_ref().map(|r| r.get_in(&l.lang, order));
                PersonView {
                    name: name.to_string(),
                    name_lang: mark(&l.lang, name_lang),
                    role: role.map(|(r, _)| r.to_string()),
                    role_lang: role.and_then(|(_, lang)| mark(&l.lang, lang)),
                    url: p.url.clone(),
                    photo: p.photo.clone(),
                }
            })
            .collect(),
        body_html: ctx.take_course_body(text.file),
        ics,
        ics_webcal,
        add_events,
        notices: ctx
            .notices_for(&course.code)
            .into_iter()
            .map(|n| notice_link(n, l, ctx))
            .collect(),
        tz_name: c.tz.name().to_string(),
        runs: run_rows(course, c, l, ctx, true),
        past_runs: run_rows(course, c, l, ctx, false),
        contents: Vec::new(),
    };
    v.contents = contents(&v, l);
    v
}

/// The fewest sections for which a page lists them under "On this page".
const CONTENTS_MIN: usize = 4;

/// "On this page": links to the page's sections in their order (the sessions, the objectives,
/// the body's own `##` headings, the fee, the cancellation policy, the instructors, the
/// contacts, the notices), when there are at least [`CONTENTS_MIN`] of them. The anchors are
/// the ids `course.html` gives those sections.
fn contents(v: &CourseView, l: &Lctx<'_>) -> Vec<Link> {
    let link = |id: &str, key: &str| Link {
        href: format!("#{id}"),
        label: l.t.get(key).to_string(),
    };
    let mut out = Vec::new();
    if !v.sessions.is_empty() {
        out.push(link("sessions-h", "sessions"));
    }
    if !v.objectives_html.is_empty() {
        out.push(link("objectives-h", "objectives"));
    }
    out.extend(body_sections(&v.body_html));
    let sections = [
        (v.fee.is_some(), "fee-h", "fee"),
        (v.policy.is_some(), "cancel-h", "cancellation"),
        (!v.instructors.is_empty(), "instructors-h", "instructors"),
        (!v.contacts.is_empty(), "contacts-h", "contacts"),
        (!v.notices.is_empty(), "notices-h", "related_notices"),
    ];
    for (shown, id, key) in sections {
        if shown {
            out.push(link(id, key));
        }
    }
    if out.len() < CONTENTS_MIN {
        out.clear();
    }
    out
}

/// The `<h2>` headings of a rendered body that have an id (Markdown gives every heading one),
/// as links with their text.
fn body_sections(html: &str) -> Vec<Link> {
    // (`memmem` finds with SIMD: `str::find` set up and ran a two-way search for each heading,
    // a fortieth of a course page's cost.)
    let (open, end) = (memmem::Finder::new("<h2"), memmem::Finder::new("</h2>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = open.find(rest.as_bytes()) {
        rest = &rest[at + 3..];
        let (Some(tag_end), Some(close)) = (rest.find('>'), end.find(rest.as_bytes())) else {
            break;
        };
        let tag = &rest[..tag_end];
        let id = tag
            .split_once(" id=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(id, _)| id);
        let label = plain_text(rest.get(tag_end + 1..close).unwrap_or_default(), 120);
        if let Some(id) = id.filter(|_| !label.is_empty()) {
            out.push(Link {
                href: format!("#{id}"),
                label,
            });
        }
        rest = &rest[close.max(tag_end)..];
    }
    out
}

/// The runs of a course given several times, as its table of dates shows them: those to come
/// or running (`upcoming`), earliest first, else the past ones, most recent first. `lead` is
/// the run the page is about. Empty for a course given once.
fn run_rows(
    course: &Course,
    lead: &Course,
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
    upcoming: bool,
) -> Vec<RunRow> {
    if !course.has_runs() {
        return Vec::new();
    }
    let coming: Vec<&Course> = upcoming_runs(course, ctx.now).collect();
    let mut rows: Vec<RunRow> = course
        .runs()
        .iter()
        .filter(|r| coming.iter().any(|x| std::ptr::eq(*x, *r)) == upcoming)
        .map(|r| {
            let (text_lang, text) = r.text_for(&l.lang, &ctx.site.config.text_order);
            let mut places: Vec<PlaceView> = Vec::new();
            for (i, s) in text.sessions.iter().enumerate() {
                let Some(p) = s.location.as_deref() else {
                    continue;
                };
                if !places.iter().any(|x| x.text == p) {
                    places.push(PlaceView {
                        text: p.to_string(),
                        lang: location_lang(l, text_lang, text, i),
                    });
                }
            }
            RunRow {
                code: r.code.clone(),
                dates: dates_text(r, l, text),
                dates_lang: dates_lang(r, l, text_lang, text),
                places,
                application: application(r, l, ctx, text_lang, text),
                lead: std::ptr::eq(r, lead),
            }
        })
        .collect();
    if !upcoming {
        rows.reverse();
    }
    rows
}

/// Each event's "add to" links, labelled as the page shows the event: the sessions (in the
/// order of `sessions`, as `calendar::add_links` gives them), then the deadline.
fn add_events(
    c: &Course,
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
    sessions: &[SessionView],
    deadline: Option<&str>,
) -> Vec<AddEventView> {
    let labels = sessions
        .iter()
        .map(|s| match &s.name {
            Some(n) if !n.trim().is_empty() => format!("{n}: {}", s.dates),
            _ => s.dates.clone(),
        })
        .chain(deadline.map(|d| format!("{}: {d}", l.t.get("deadline"))));
    calendar::add_links(ctx, c, &l.lang)
        .into_iter()
        .zip(labels)
        .map(|(a, label)| AddEventView {
            label,
            google: a.google,
            outlook_com: a.outlook_com,
            microsoft_365: a.microsoft_365,
        })
        .collect()
}

/// Tiers as date ranges from the first session's start (see SPEC "Now"). They are said
/// relative to the start instead ("14 days or more before the start"), as for a course without
/// dates, where one start's dates could be wrong: a postponed course starts later than its
/// sessions say, on a date the note does not give; a course given `several` times shares its
/// terms among runs, and the page's script shows another run first once the one the build
/// showed is over, without rewriting the table.
fn refund_rows(
    c: &Course,
    several: bool,
    p: &Policy,
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
) -> Vec<RefundRow> {
    let start = c
        .first_start()
        .filter(|_| c.status != Status::Postponed && !several)
        .map(|s| s.date_in(c.tz));
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
        let (period, past, over) = match start {
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
                let over = (tier.min_days > 0)
                    .then(|| last.succ_opt())
                    .flatten()
                    .map(|d| rfc3339(When::Date(d).start_instant(c.tz)));
                (text, tier.min_days > 0 && last < today, over)
            }
            None => {
                let text = match (prev, tier.min_days) {
                    (None, 0) => l.t.get("refund_any_time").to_string(),
                    (_, 0) => l.t.fill(
                        "refund_days_less",
                        &[("days", &days_phrase(l, i64::from(prev.unwrap_or(0))))],
                    ),
                    (None, min) => l.t.fill(
                        "refund_days_or_more",
                        &[("days", &days_phrase(l, i64::from(min)))],
                    ),
                    // A tier between two others: both its ends ("14 to 29 days before the
                    // start"; "14 days or more" would take in the tier above too).
                    (Some(above), min) => l.t.fill(
                        "refund_days_between",
                        &[
                            ("from", &min.to_string()),
                            ("days", &days_phrase(l, i64::from(above) - 1)),
                        ],
                    ),
                };
                (text, false, None)
            }
        };
        rows.push(RefundRow {
            period,
            refund: refund(tier.refund_percent),
            past,
            over,
        });
    }
    rows
}
