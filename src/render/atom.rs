//! The Atom feeds (RFC 4287) of each language: its notices (`/<lang>/notices/atom.xml`) and
//! its courses (`/<lang>/courses/atom.xml`, new and changed courses with their dates and
//! deadline), written in code so escaping is never left to a template.
//!
//! * Entry ids are tag URIs (RFC 4151) from the site's organisation host, the item's slug (a
//!   course's code) and the entry's language, with a constant date ([`TAG_DATE`]): they survive
//!   a correction of the notice's date or the site's address.
//! * `updated` is when the entry last changed, from the build's revisions
//!   ([`super::revisions`]); a notice first seen was last changed when it was published.
//! * An entry shown in another language than the feed's (no text in the feed's language) has
//!   `xml:lang` on each element in that language: title, summary, content.

use super::escape;
use super::kit::words::{notice_kind, range_text, schedule_text};
use super::kit::{self, feed_title};
use super::revisions::{course_key, notice_key};
use super::{Ctx, Lctx};
use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write as _;

/// The date in every entry id: a tag URI needs one, a date at which the site's organisation
/// held its host name. A constant (the year this rule was set), not the notice's date, so that
/// correcting a notice's `date` keeps its id.
const TAG_DATE: &str = "2025";

/// When no entry says when it changed.
const EPOCH: &str = "1970-01-01T00:00:00Z";

fn utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The host entries are named with: the organisation's address, else the site's.
fn tag_host(ctx: &Ctx<'_>) -> String {
    ctx.site
        .config
        .organisation_url
        .as_deref()
        .unwrap_or(&ctx.site.config.base_url)
        .split("://")
        .nth(1)
        .unwrap_or("prospectus")
        .split(['/', ':'])
        .next()
        .unwrap_or("prospectus")
        .to_string()
}

/// A tag URI that names an item in one language forever: `kind` is `notice` or `course`.
fn tag_id(ctx: &Ctx<'_>, kind: &str, name: &str, lang: &str) -> String {
    format!("tag:{},{TAG_DATE}:{kind}/{name}/{lang}", tag_host(ctx))
}

/// ` xml:lang="…"` when an entry's text is not in the feed's language.
fn lang_attr(text_lang: &str, feed_lang: &str) -> String {
    if text_lang == feed_lang {
        String::new()
    } else {
        format!(" xml:lang=\"{}\"", escape::html(text_lang))
    }
}

/// The feed's head, up to its first entry.
fn head(
    ctx: &Ctx<'_>,
    lang: &str,
    title: &str,
    self_url: &str,
    page: &str,
    updated: &str,
) -> String {
    let site = ctx.site;
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape::html(lang)
    );
    let feed_url = ctx.urls.abs(self_url);
    let _ = writeln!(s, "  <title>{}</title>", escape::html(title));
    let _ = writeln!(s, "  <id>{}</id>", escape::html(&feed_url));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape::html(&feed_url)
    );
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape::html(&ctx.urls.abs(page))
    );
    let _ = writeln!(s, "  <updated>{updated}</updated>");
    let org = site
        .config
        .organisation_name
        .get(lang, &site.config.text_order);
    let _ = writeln!(s, "  <author><name>{}</name></author>", escape::html(org));
    let _ = writeln!(s, "  <generator>Prospectus</generator>");
    s
}

/// The notices feed of `lang`.
pub fn notices(ctx: &Ctx<'_>, lang: &str) -> String {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let tz = site.config.timezone;
    let order = &site.config.text_order;
    // When an entry last changed: the build's state, else its publication.
    let updated_of = |n: &crate::model::Notice, tlang: &str| {
        ctx.revisions
            .get(&notice_key(&n.slug, tlang))
            .map_or_else(|| n.date.start_instant(tz), |r| r.modified)
    };
    let updated = site
        .notices
        .iter()
        .map(|n| updated_of(n, n.texts.pick(lang, order).0))
        .max()
        .map_or_else(|| EPOCH.to_string(), utc);
    let title = feed_title(ctx, &l, "notices_title");
    let mut s = head(
        ctx,
        lang,
        &title,
        &ctx.urls.atom(lang),
        &ctx.urls.notices(lang),
        &updated,
    );
    for n in &site.notices {
        let (tlang, t) = n.texts.pick(lang, order);
        let url = ctx.urls.abs(&ctx.urls.notice(tlang, &n.slug));
        let xl = lang_attr(tlang, lang);
        s.push_str("  <entry>\n");
        let _ = writeln!(s, "    <title{xl}>{}</title>", escape::html(&t.title));
        let id = tag_id(ctx, "notice", &n.slug, tlang);
        let _ = writeln!(s, "    <id>{}</id>", escape::html(&id));
        let _ = writeln!(
            s,
            "    <link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>",
            escape::html(tlang),
            escape::html(&url)
        );
        let _ = writeln!(
            s,
            "    <published>{}</published>",
            utc(n.date.start_instant(tz))
        );
        let _ = writeln!(s, "    <updated>{}</updated>", utc(updated_of(n, tlang)));
        let label = notice_kind(&l, &n.kind);
        let _ = writeln!(
            s,
            "    <category term=\"{}\" label=\"{}\"/>",
            escape::html(&n.kind),
            escape::html(label.as_deref().unwrap_or(&n.kind))
        );
        if let Some(sum) = &t.summary {
            let _ = writeln!(s, "    <summary{xl}>{}</summary>", escape::html(sum));
        }
        let _ = writeln!(
            s,
            "    <content type=\"html\" xml:lang=\"{}\">{}</content>",
            escape::html(tlang),
            escape::html(&ctx.body_html(t.file))
        );
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// The courses feed of `lang`: every course, the last changed first (then by code), each
/// with its sessions (dates and place), its application deadline and its status.
pub fn courses(ctx: &Ctx<'_>, lang: &str) -> String {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let order = &site.config.text_order;
    let modified =
        |c: &crate::model::Course| ctx.revisions.get(&course_key(&c.code)).map(|r| r.modified);
    // Each course's time looked up once, not in every comparison of the sort.
    let mut list: Vec<(Option<DateTime<Utc>>, usize)> = (site.courses.iter().enumerate())
        .map(|(i, c)| (modified(c), i))
        .collect();
    list.sort_by(|(ma, a), (mb, b)| {
        mb.cmp(ma)
            .then_with(|| site.courses[*a].code.cmp(&site.courses[*b].code))
    });
    let updated = list
        .first()
        .and_then(|(m, _)| *m)
        .map_or_else(|| EPOCH.to_string(), utc);
    let title = feed_title(ctx, &l, "feed_courses_title");
    let self_url = ctx.urls.courses_atom(lang);
    let mut s = head(
        ctx,
        lang,
        &title,
        &self_url,
        &ctx.urls.catalogue(lang, 1),
        &updated,
    );
    let total = list.len();
    for (n, (modified, i)) in list.into_iter().enumerate() {
        let before = s.len();
        let c = &site.courses[i];
        let (tlang, t) = c.text_for(lang, order);
        let xl = lang_attr(tlang, lang);
        let url = ctx.urls.abs(&ctx.urls.course(tlang, &c.slug));
        s.push_str("  <entry>\n");
        let _ = writeln!(s, "    <title{xl}>{}</title>", escape::html(&t.title));
        let id = tag_id(ctx, "course", &c.code, tlang);
        let _ = writeln!(s, "    <id>{}</id>", escape::html(&id));
        let _ = writeln!(
            s,
            "    <link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>",
            escape::html(tlang),
            escape::html(&url)
        );
        let when = modified.map_or_else(|| EPOCH.to_string(), utc);
        let _ = writeln!(s, "    <updated>{when}</updated>");
        if let Some(sum) = &t.summary {
            let _ = writeln!(s, "    <summary{xl}>{}</summary>", escape::html(sum));
        }
        let _ = writeln!(
            s,
            "    <content type=\"html\">{}</content>",
            escape::html(&course_facts(ctx, &l, i))
        );
        s.push_str("  </entry>\n");
        if n == 0 {
            kit::grow::for_the_rest(&mut s, before, total);
        }
    }
    s.push_str("</feed>\n");
    s
}

/// A course's entry content: its status, sessions and deadline as a short HTML list, in the
/// feed's language (dates and labels; a session's name and place are the course's texts).
fn course_facts(ctx: &Ctx<'_>, l: &Lctx<'_>, i: usize) -> String {
    // A course given several times: the run its card shows.
    let c = ctx.site.courses[i].lead(ctx.now);
    let card = super::cards::card_data(ctx, i, &l.lang);
    let (_, text) = c.text_for(&l.lang, &ctx.site.config.text_order);
    let mut items: Vec<String> = Vec::new();
    if let Some(st) = &card.status_label {
        items.push(format!("<strong>{}</strong>", escape::html(st)));
    }
    for (k, s) in c.sessions.iter().enumerate() {
        let st = text.sessions.get(k);
        let mut line = range_text(l, s.start.date_in(c.tz), s.last_end().date_in(c.tz));
        if let Some(sc) = schedule_text(l, s, c.tz) {
            line =
                l.t.fill("dates_schedule", &[("dates", &line), ("schedule", &sc)]);
        }
        if let Some(n) = st.and_then(|x| x.name.as_deref()).filter(|n| !n.is_empty()) {
            line = format!("{n}: {line}");
        }
        if let Some(loc) = st
            .and_then(|x| x.location.as_deref())
            .filter(|x| !x.is_empty())
        {
            line = format!("{line} — {loc}");
        }
        items.push(escape::html(&line).to_string());
    }
    if let Some(d) = &card.application.deadline {
        items.push(escape::html(&format!("{}: {d}", l.t.get("deadline"))).to_string());
    }
    let mut html = String::from("<ul>");
    for it in items {
        let _ = write!(html, "<li>{it}</li>");
    }
    html.push_str("</ul>");
    html
}
