//! schema.org structured data (JSON-LD), built with serde_json, never with string templates,
//! and made safe to embed in a `<script>` element.

use super::view::Link;
use super::Ctx;
use crate::model::{Course, Modality, Notice, Status};
use serde_json::{json, Value};

/// Serialises for a `<script type="application/ld+json">` element: `<`, `>` and `&` become
/// JSON escapes so no text can close the element or start a comment.
pub fn to_script(v: &Value) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + 16);
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + c.len_utf8();
    }
    out.push_str(&s[last..]);
    out
}

fn course_mode(m: Modality) -> &'static str {
    match m {
        Modality::Online | Modality::SelfPaced => "Online",
        Modality::FaceToFace => "Onsite",
        Modality::Blended => "Blended",
    }
}

fn provider(ctx: &Ctx<'_>, lang: &str) -> Value {
    let cfg = &ctx.site.config;
    let mut p = json!({
        "@type": "Organization",
        "name": cfg.organisation_name.get(lang, &cfg.text_order),
    });
    if let Some(u) = &cfg.organisation_url {
        p["sameAs"] = json!(u);
    }
    p
}

fn breadcrumbs(ctx: &Ctx<'_>, crumbs: &[Link], name: &str, url: &str) -> Value {
    let mut items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, l)| json!({"@type": "ListItem", "position": i + 1, "name": l.label, "item": ctx.urls.abs(&l.href)}))
        .collect();
    items.push(json!({"@type": "ListItem", "position": items.len() + 1, "name": name, "item": ctx.urls.abs(url)}));
    object([
        ("@type", json!("BreadcrumbList")),
        ("itemListElement", Value::Array(items)),
    ])
}

/// An object from its members, moved in (`json!` would copy every value given by name).
fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// The document: `@context` and a `@graph` of `nodes`.
fn graph(nodes: Vec<Value>) -> Value {
    object([
        ("@context", json!("https://schema.org")),
        ("@graph", Value::Array(nodes)),
    ])
}

/// `Course` with its offers and instances, plus the page's breadcrumbs.
pub fn course(ctx: &Ctx<'_>, c: &Course, lang: &str, crumbs: &[Link]) -> Value {
    let (text_lang, text) = c.text_for(lang, &ctx.site.config.text_order);
    let url = ctx.urls.abs(&ctx.urls.course(text_lang, &c.slug));
    let in_language: Vec<&str> = c.languages.iter().map(String::as_str).collect();
    let mut course = json!({
        "@type": "Course",
        "@id": format!("{url}#course"),
        "name": text.title,
        "description": text.summary.clone().unwrap_or_else(|| text.title.clone()),
        "courseCode": c.code,
        "url": url,
        "provider": provider(ctx, lang),
    });
    if !in_language.is_empty() {
        course["inLanguage"] = json!(if in_language.len() == 1 {
            json!(in_language[0])
        } else {
            json!(in_language)
        });
    }
    let app = c.application();
    let form = app.and_then(|a| a.url_for(text_lang));
    let mut offer =
        json!({"@type": "Offer", "url": form.map_or_else(|| url.clone(), str::to_string)});
    match &c.fee {
        Some(f) => {
            // Each amount is at most twelve digits (`load::values::MAX_AMOUNT`): no overflow
            // short of 90,000 lines, and then a saturated total rather than a panic.
            let total = f.lines.iter().fold(f.amount, |t, a| t.saturating_add(*a));
            offer["category"] = json!(if total == 0 { "Free" } else { "Paid" });
            offer["price"] = if total % 100 == 0 {
                json!(total / 100)
            } else {
                json!(crate::load::values::amount_text(total))
            };
            if !f.currency.is_empty() {
                offer["priceCurrency"] = json!(f.currency);
            }
        }
        None => offer["category"] = json!("Free"),
    }
    // Until applications close, as the page says (the deadline, else the course's start).
    if let Some(d) = app.and_then(|a| a.closes) {
        offer["validThrough"] = json!(d.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    if let Some(o) = app.and_then(|a| a.opens) {
        offer["validFrom"] = json!(o.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    offer["availability"] = json!(if crate::state::application(c, ctx.now).accepts() {
        "https://schema.org/InStock"
    } else {
        "https://schema.org/SoldOut"
    });
    course["offers"] = Value::Array(vec![offer]);
    let status = match c.status {
        Status::Cancelled => Some("https://schema.org/EventCancelled"),
        Status::Postponed => Some("https://schema.org/EventPostponed"),
        _ => None,
    };
    let mut instances = Vec::new();
    for (i, s) in c.sessions.iter().enumerate() {
        let mode = s.modality.unwrap_or(c.modality);
        let start = s.start.date_in(c.tz);
        let end = s.end.date_in(c.tz);
        let days = (end - start).num_days() + 1;
        let mut inst = json!({
            "@type": "CourseInstance",
            "courseMode": course_mode(mode),
            "startDate": start.format("%Y-%m-%d").to_string(),
            "endDate": end.format("%Y-%m-%d").to_string(),
            // The span of the session: the notes state workload as free text, not as hours.
            "courseWorkload": format!("P{days}D"),
        });
        if !in_language.is_empty() {
            inst["inLanguage"] = course["inLanguage"].clone();
        }
        if let Some(name) = text.sessions.get(i).and_then(|t| t.name.clone()) {
            inst["name"] = json!(name);
        }
        let location = text.sessions.get(i).and_then(|t| t.location.clone());
        if mode == Modality::FaceToFace {
            if let Some(loc) = &location {
                inst["location"] = json!({"@type": "Place", "name": loc, "address": loc});
            }
        } else {
            inst["location"] = json!({"@type": "VirtualLocation", "url": url});
        }
        if let Some(st) = status {
            inst["eventStatus"] = json!(st);
        }
        instances.push(inst);
    }
    if instances.is_empty() {
        let mut inst =
            json!({"@type": "CourseInstance", "courseMode": "Online", "courseWorkload": "P30D"});
        if let Some(w) = &text.workload {
            inst["description"] = json!(w);
        }
        instances.push(inst);
    }
    course["hasCourseInstance"] = Value::Array(instances);
    let crumbs = breadcrumbs(ctx, crumbs, &text.title, &ctx.urls.course(lang, &c.slug));
    graph(vec![course, crumbs])
}

/// `ItemList` of the courses on a list page (catalogue or topic), with breadcrumbs.
pub fn item_list(ctx: &Ctx<'_>, urls: &[String], crumbs: &[Link], name: &str, url: &str) -> Value {
    let items: Vec<Value> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| json!({"@type": "ListItem", "position": i + 1, "url": ctx.urls.abs(u)}))
        .collect();
    let list = object([
        ("@type", json!("ItemList")),
        ("name", json!(name)),
        ("itemListElement", Value::Array(items)),
    ]);
    graph(vec![list, breadcrumbs(ctx, crumbs, name, url)])
}

/// A notice as an `Article` (a call for tender or announcement is a dated publication).
pub fn notice(ctx: &Ctx<'_>, n: &Notice, lang: &str, crumbs: &[Link]) -> Value {
    let t = &n.texts[lang];
    let url = ctx.urls.notice(lang, &n.slug);
    let date = n
        .date
        .start_instant(ctx.site.config.timezone)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut a = json!({
        "@type": "Article",
        "headline": t.title,
        "datePublished": date,
        "inLanguage": lang,
        "url": ctx.urls.abs(&url),
        "publisher": provider(ctx, lang),
        "author": provider(ctx, lang),
    });
    if let Some(s) = &t.summary {
        a["description"] = json!(s);
    }
    if let Some(e) = n.expires {
        a["expires"] = json!(e
            .end_instant(ctx.site.config.timezone)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    graph(vec![a, breadcrumbs(ctx, crumbs, &t.title, &url)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe() {
        let v = json!({"name": "</script><script>alert(1)</script> & <!--"});
        let s = to_script(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
