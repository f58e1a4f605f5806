//! A course as schema.org `Course`: only what its note states.
//!
//! * `offers`: one `Offer` when the note states a fee, an application or that the course is
//!   full. Its `category` comes from `[fee]` alone ("Free" only for an amount of 0 on every
//!   line); its `price` is the fee the card and the page's first fee line show, never a sum of
//!   lines the page shows apart: further lines are the `priceComponent`s of a
//!   `priceSpecification`. `availability` is `SoldOut` only for `status = "full"`, `InStock`
//!   while applications are accepted, and left out otherwise (nothing stated).
//! * `hasCourseInstance`: one `CourseInstance` per run of the course (a course given once is
//!   its own run; each run of `[[runs]]` has its own, with its own `offers`; the course's
//!   `offers` are those of the run shown first), from its first start to its last end. Its `location` lists the venue of every in-person session (`Place`)
//!   and, for online and blended parts, a `VirtualLocation`.
//!   `courseWorkload` comes only from `hours` (ISO 8601, `PT30H`): a run's length in days is
//!   not study time. [`study_time`] is the one place that says how long and how often a course
//!   is taught; weekly sessions add a `courseSchedule` each ([`schedules`]).
//! * `image` (the bundle's images, else the site's share picture), `inLanguage` (languages of instruction), the provider's
//!   `url`/`sameAs`, `educationalCredentialAwarded` (`credential`).

use super::{breadcrumbs, graph, instant, object, provider};
use crate::model::{Course, CourseText, Fee, Modality, SessionFacts, Status};
use crate::render::view::Link;
use crate::render::Ctx;
use serde_json::{json, Map, Value};

/// `Course` with its offer and instances, plus the page's breadcrumbs.
pub fn course(ctx: &Ctx<'_>, c: &Course, lang: &str, crumbs: &[Link]) -> Value {
    let node = course_node(ctx, c, lang);
    let (_, text) = c.text_for(lang, &ctx.site.config.text_order);
    let crumbs = breadcrumbs(ctx, crumbs, &text.title, &ctx.urls.course(lang, &c.slug));
    graph(vec![node, crumbs])
}

/// The `Course` node of a course's page in `lang`.
pub fn course_node(ctx: &Ctx<'_>, c: &Course, lang: &str) -> Value {
    let (text_lang, text) = c.text_for(lang, &ctx.site.config.text_order);
    let page = ctx.urls.course(text_lang, &c.slug);
    let url = ctx.urls.abs(&page);
    let mut course = Map::new();
    course.insert("@type".into(), json!("Course"));
    course.insert("@id".into(), json!(format!("{url}#course")));
    course.insert("name".into(), json!(text.title));
    course.insert(
        "description".into(),
        json!(text.summary.as_deref().unwrap_or(&text.title)),
    );
    course.insert("courseCode".into(), json!(c.code));
    course.insert("url".into(), json!(url));
    course.insert("provider".into(), provider(ctx, lang));
    if let Some(l) = languages(c) {
        course.insert("inLanguage".into(), l);
    }
    let mut images = bundle_images(ctx, c, &page);
    if images.is_empty() {
        // The picture link previews show of every page: `share_image`, or the theme's.
        images.extend(crate::render::kit::share::site_image(ctx).map(|i| i.url));
    }
    if !images.is_empty() {
        course.insert("image".into(), one_or_many(images));
    }
    if let Some(cred) = text.credential.as_deref().filter(|s| !s.trim().is_empty()) {
        course.insert("educationalCredentialAwarded".into(), json!(cred));
    }
    // A course given several times offers, as a whole, what its run shown first offers; each
    // run's `CourseInstance` has its own.
    if let Some(offers) = offers(ctx, c.lead(ctx.now), lang, &url) {
        course.insert("offers".into(), offers);
    }
    // The course's own page elsewhere (`website`): the same course.
    if let Some(w) = &text.website {
        course.insert("sameAs".into(), json!(w));
    }
    let instances = c.runs().iter().map(|r| {
        let mut inst = run(ctx, r, lang, &url, &r.sessions);
        if let (true, Some(offers), Value::Object(m)) =
            (c.has_runs(), offers(ctx, r, lang, &url), &mut inst)
        {
            m.insert("offers".into(), offers);
        }
        inst
    });
    course.insert(
        "hasCourseInstance".into(),
        Value::Array(instances.collect()),
    );
    Value::Object(course)
}

/// The `Offer`s of a course of one run (or of one run of a course): its [`offer`] and one per
/// price option; `None` when it has no offer.
fn offers(ctx: &Ctx<'_>, c: &Course, lang: &str, url: &str) -> Option<Value> {
    let (text_lang, text) = c.text_for(lang, &ctx.site.config.text_order);
    let mut offers = vec![offer(ctx, c, lang, url)?];
    if let Some(f) = &c.fee {
        let form = offer_url(c, text_lang).unwrap_or(url);
        offers.extend(option_offers(c, f, text, form));
    }
    Some(Value::Array(offers))
}

/// The languages of instruction, as the note states them.
fn languages(c: &Course) -> Option<Value> {
    match c.languages.as_slice() {
        [] => None,
        [one] => Some(json!(one)),
        many => Some(json!(many)),
    }
}

fn one_or_many(mut v: Vec<String>) -> Value {
    if v.len() == 1 {
        json!(v.remove(0))
    } else {
        json!(v)
    }
}

/// File extensions of the images search engines take (Google Images: BMP, GIF, JPEG, PNG,
/// WebP, SVG, AVIF).
const IMAGE_EXTENSIONS: [&str; 8] = ["avif", "bmp", "gif", "jpeg", "jpg", "png", "svg", "webp"];

/// The images in a bundle course's own folder (not in subfolders), in name order, as published
/// beside its page (`page`, root-relative): absolute URLs.
pub fn bundle_images(ctx: &Ctx<'_>, c: &Course, page: &str) -> Vec<String> {
    let Some(bundle) = &c.bundle else {
        return Vec::new();
    };
    let mut names: Vec<&str> = ctx
        .site
        .assets
        .iter()
        .filter_map(|a| a.rel.strip_prefix(bundle.as_str())?.strip_prefix('/'))
        .filter(|name| !name.contains('/'))
        .filter(|name| {
            name.rsplit_once('.').is_some_and(|(_, ext)| {
                IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            })
        })
        .collect();
    names.sort_unstable();
    names
        .into_iter()
        .map(|n| ctx.urls.abs(&format!("{page}{n}")))
        .collect()
}

/// schema.org's `Offer.category` of a fee (the values Google reads for courses): "Free" only
/// when every amount is 0, "Partially Free" when the fee itself is 0 but a further line is not;
/// a fee on request is paid, at a price the note does not state.
pub fn price_category(f: &Fee) -> &'static str {
    match (f.amount, f.lines.iter().any(|a| *a > 0)) {
        (Some(0), false) => "Free",
        (Some(0), true) => "Partially Free",
        _ => "Paid",
    }
}

/// An amount (`model::AMOUNT_SCALE` units) as JSON: a whole number when it is one (`1860`),
/// else a decimal string (`"1250.50"`, `"120.125"`: exact, as schema.org suggests for prices).
fn price(units: i64) -> Value {
    let scale = crate::model::AMOUNT_SCALE;
    if units % scale == 0 {
        json!(units / scale)
    } else {
        json!(crate::load::values::amount_text(units))
    }
}

/// Where an offer is taken: the application form in `lang`, when it is a web page (an
/// application by e-mail is no URL for an `Offer`; the course page is given then).
/// None when the course takes no applications (cancelled, postponed, full), as its page says.
fn offer_url<'c>(c: &'c Course, lang: &str) -> Option<&'c str> {
    taken(c)?
        .url_for(lang)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// The course's application when it takes applications: a cancelled, postponed or full course
/// offers no form and no time to apply, as its page says.
fn taken(c: &Course) -> Option<&crate::model::Application> {
    c.application().filter(|_| c.status.takes_applications())
}

/// The course's `Offer`: what the note states about its price and how to get in; `None` when it
/// states neither a fee, nor an application, nor that the course is full.
fn offer(ctx: &Ctx<'_>, c: &Course, lang: &str, page: &str) -> Option<Value> {
    let (text_lang, text) = c.text_for(lang, &ctx.site.config.text_order);
    let app = taken(c);
    if c.fee.is_none() && app.is_none() && c.status != Status::Full {
        return None;
    }
    let mut offer = Map::new();
    offer.insert("@type".into(), json!("Offer"));
    offer.insert("url".into(), json!(offer_url(c, text_lang).unwrap_or(page)));
    if let Some(f) = &c.fee {
        offer.insert("category".into(), json!(price_category(f)));
        // A price without its currency says nothing: a free course may leave the currency out;
        // a fee on request states none.
        if let (Some(amount), false) = (f.amount, f.currency.is_empty()) {
            offer.insert("price".into(), price(amount));
            offer.insert("priceCurrency".into(), json!(f.currency));
            if !f.lines.is_empty() {
                let label = text
                    .fee_label
                    .clone()
                    .unwrap_or_else(|| ctx.strings[lang].get("fee").to_string());
                let labels = std::iter::once(label).chain(text.fee_line_labels.iter().cloned());
                let amounts = std::iter::once(amount).chain(f.lines.iter().copied());
                let parts: Vec<Value> = labels
                    .zip(amounts)
                    .map(|(name, a)| {
                        json!({"@type": "UnitPriceSpecification", "name": name,
                               "price": price(a), "priceCurrency": f.currency})
                    })
                    .collect();
                offer.insert(
                    "priceSpecification".into(),
                    object([
                        ("@type", json!("CompoundPriceSpecification")),
                        ("priceComponent", Value::Array(parts)),
                    ]),
                );
            }
        }
    }
    // The time to apply, as the page says (the deadline, else until the course starts).
    if let Some(o) = app.and_then(|a| a.opens) {
        offer.insert("validFrom".into(), json!(instant(o.at)));
    }
    if let Some(d) = app.and_then(|a| a.closes) {
        offer.insert("validThrough".into(), json!(instant(d.at)));
    }
    let availability = if c.status == Status::Full {
        Some("https://schema.org/SoldOut")
    } else if crate::state::application(c, ctx.now).accepts() {
        Some("https://schema.org/InStock")
    } else {
        None
    };
    if let Some(a) = availability {
        offer.insert("availability".into(), json!(a));
    }
    Some(Value::Object(offer))
}

/// schema.org's `courseMode`: a hybrid course is both online and onsite at once (participants
/// choose), a blended one is its own mode (phases one after the other).
fn course_mode(m: Modality) -> Value {
    match m {
        Modality::Online | Modality::SelfPaced => json!("Online"),
        Modality::FaceToFace => json!("Onsite"),
        Modality::Blended => json!("Blended"),
        Modality::Hybrid => json!(["Online", "Onsite"]),
    }
}

/// How long the course is taught, as `CourseInstance` properties: `courseWorkload` from the
/// total study hours (`hours = 30` → `PT30H`); nothing is derived from a session's length in
/// days. How often: [`schedules`].
pub fn study_time(c: &Course) -> Vec<(&'static str, Value)> {
    c.hours
        .map(|h| ("courseWorkload", json!(format!("PT{h}H"))))
        .into_iter()
        .collect()
}

/// Each weekly session of `sessions` as a schema.org `Schedule`: its days, the hours of a
/// meeting in the course's zone (`scheduleTimezone`), its first and last day, the days it
/// skips, the number of meetings and the length of one.
pub fn schedules(sessions: &[SessionFacts], tz: chrono_tz::Tz) -> Option<Value> {
    let list: Vec<Value> = sessions
        .iter()
        .filter_map(|s| {
            let r = s.repeat.as_ref()?;
            let meetings = s.meetings(tz);
            let (first, last) = (meetings.first()?, meetings.last()?);
            let date = |d: chrono::NaiveDate| json!(crate::render::kit::iso::date(d));
            let mut o = Map::new();
            o.insert("@type".into(), json!("Schedule"));
            o.insert("repeatFrequency".into(), json!("P1W"));
            o.insert("repeatCount".into(), json!(meetings.len()));
            let days: Vec<&str> = r
                .days
                .iter()
                .map(|d| super::rules::DAYS[d.num_days_from_monday() as usize])
                .collect();
            o.insert("byDay".into(), json!(days));
            o.insert("startDate".into(), date(first.start.date_in(tz)));
            o.insert("endDate".into(), date(last.end.date_in(tz)));
            let length = first.end.end_instant(tz) - first.start.start_instant(tz);
            if let (Some(a), Some(b)) = (s.start.time_in(tz), s.end.time_in(tz)) {
                o.insert("startTime".into(), json!(crate::render::kit::iso::time(a)));
                o.insert("endTime".into(), json!(crate::render::kit::iso::time(b)));
                o.insert("scheduleTimezone".into(), json!(tz.name()));
                o.insert(
                    "duration".into(),
                    json!(iso_minutes(length.num_minutes().max(1))),
                );
            } else {
                let days = (first.end.date_in(tz) - first.start.date_in(tz)).num_days() + 1;
                o.insert("duration".into(), json!(format!("P{days}D")));
            }
            if !r.except.is_empty() {
                let except: Vec<Value> = r.except.iter().map(|d| date(*d)).collect();
                o.insert("exceptDate".into(), Value::Array(except));
            }
            Some(Value::Object(o))
        })
        .collect();
    match list.len() {
        0 => None,
        1 => list.into_iter().next(),
        _ => Some(Value::Array(list)),
    }
}

/// `PT2H`, `PT1H30M`, `PT45M`.
fn iso_minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// A run of the course (its sessions; none for a self-paced course) as a `CourseInstance`.
fn run(ctx: &Ctx<'_>, c: &Course, lang: &str, url: &str, sessions: &[SessionFacts]) -> Value {
    let (_, text) = c.text_for(lang, &ctx.site.config.text_order);
    let mut inst = Map::new();
    inst.insert("@type".into(), json!("CourseInstance"));
    inst.insert("courseMode".into(), course_mode(c.modality));
    let first = sessions.iter().map(|s| s.start.date_in(c.tz)).min();
    let last = sessions.iter().map(|s| s.last_end().date_in(c.tz)).max();
    if let (Some(a), Some(b)) = (first, last) {
        inst.insert("startDate".into(), json!(crate::render::kit::iso::date(a)));
        inst.insert("endDate".into(), json!(crate::render::kit::iso::date(b)));
    }
    for (k, v) in study_time(c) {
        inst.insert(k.into(), v);
    }
    if let Some(v) = schedules(sessions, c.tz) {
        inst.insert("courseSchedule".into(), v);
    }
    if let Some(l) = languages(c) {
        inst.insert("inLanguage".into(), l);
    }
    let places: Vec<Value> = sessions
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let loc = text.sessions.get(i).and_then(|t| t.location.as_deref());
            locations(s.modality.unwrap_or(c.modality), loc, url)
        })
        .fold(Vec::new(), |mut all, v| {
            if !all.contains(&v) {
                all.push(v);
            }
            all
        });
    if !places.is_empty() {
        inst.insert("location".into(), one_or_many_values(places));
    }
    if let Some(st) = event_status(c.status) {
        inst.insert("eventStatus".into(), json!(st));
    }
    if let Some(n) = c.capacity {
        inst.insert("maximumAttendeeCapacity".into(), json!(n));
    }
    if !c.instructors.is_empty() {
        inst.insert("instructor".into(), instructors(ctx, c, lang, url));
    }
    // One session: its name names the run (several are phases of one run, unnamed as a whole).
    if let ([_], Some(name)) = (
        sessions,
        text.sessions.first().and_then(|t| t.name.as_deref()),
    ) {
        inst.insert("name".into(), json!(name));
    }
    Value::Object(inst)
}

/// The course's instructors as `Person`s (`page`: the course page's absolute URL, which a
/// bundle's photo sits beside).
fn instructors(ctx: &Ctx<'_>, c: &Course, lang: &str, page: &str) -> Value {
    let order = &ctx.site.config.text_order;
    let people = c
        .instructors
        .iter()
        .map(|p| {
            let mut v = json!({"@type": "Person", "name": p.name.get(lang, order)});
            if let Some(r) = &p.role {
                v["jobTitle"] = json!(r.get(lang, order));
            }
            if let Some(u) = &p.url {
                v["url"] = json!(u);
            }
            if let Some(photo) = &p.photo {
                v["image"] = json!(format!("{page}{photo}"));
            }
            v
        })
        .collect();
    Value::Array(people)
}

/// One `Offer` per price option (`[[fee.options]]`): its name, price and, for early booking,
/// the last instant it applies (`validThrough`); whom it is for as its description.
fn option_offers(c: &Course, f: &Fee, text: &CourseText, url: &str) -> Vec<Value> {
    f.options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let t = text.fee_options.get(i);
            let mut offer = json!({
                "@type": "Offer",
                "url": url,
                "category": if o.amount == 0 { "Free" } else { "Paid" },
                "price": price(o.amount),
            });
            if !f.currency.is_empty() {
                offer["priceCurrency"] = json!(f.currency);
            }
            if let Some(name) = t.map(|t| t.name.as_str()).filter(|n| !n.is_empty()) {
                offer["name"] = json!(name);
            }
            if let Some(w) = t.and_then(|t| t.for_whom.as_deref()) {
                offer["description"] = json!(w);
            }
            if let Some(u) = o.until {
                offer["validThrough"] = json!(instant(u.end_instant(c.tz)));
            }
            offer
        })
        .collect()
}

fn one_or_many_values(mut v: Vec<Value>) -> Value {
    if v.len() == 1 {
        v.remove(0)
    } else {
        Value::Array(v)
    }
}

/// Where a session takes place: its stated venue for in-person teaching (face-to-face, or a
/// blended session that names one), the course page as the virtual location of online
/// teaching (online, self-paced, blended).
fn locations(mode: Modality, location: Option<&str>, url: &str) -> Vec<Value> {
    let venue = location.map(str::trim).filter(|l| !l.is_empty());
    let mut out = Vec::new();
    if matches!(
        mode,
        Modality::FaceToFace | Modality::Blended | Modality::Hybrid
    ) {
        if let Some(v) = venue {
            out.push(json!({"@type": "Place", "name": v, "address": v}));
        }
    }
    if mode != Modality::FaceToFace {
        let mut online = json!({"@type": "VirtualLocation", "url": url});
        // An online session's location names its platform ("eCampus").
        if let (Some(v), Modality::Online | Modality::SelfPaced) = (venue, mode) {
            online["name"] = json!(v);
        }
        out.push(online);
    }
    out
}

fn event_status(s: Status) -> Option<&'static str> {
    match s {
        Status::Cancelled => Some("https://schema.org/EventCancelled"),
        Status::Postponed => Some("https://schema.org/EventPostponed"),
        _ => None,
    }
}
