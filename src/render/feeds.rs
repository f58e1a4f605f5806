//! Machine-read outputs written in code rather than templates, so escaping is never left to a
//! template author: sitemap.xml, robots.txt, Atom feeds, redirect pages.

use super::escape;
use super::kit::page_count;
use super::kit::words::notice_kind;
use super::revisions::{course_key, notice_key, page_key};
use super::Ctx;
use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write as _;

pub fn robots(ctx: &Ctx<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        ctx.urls
            .abs(&format!("{}/sitemap.xml", ctx.site.config.base_path()))
    )
}

/// One page in its languages: (lang, root-relative URL, when it last changed, if known).
pub type Cluster = Vec<(String, String, Option<DateTime<Utc>>)>;

/// Every HTML page as a cluster of translations, with when each last changed (the build's
/// revisions: a course, notice or page its file's; a list the latest of what it lists).
pub fn clusters(ctx: &Ctx<'_>) -> Vec<Cluster> {
    let site = ctx.site;
    let langs = &site.config.languages;
    let modified = |key: String| ctx.revisions.get(&key).map(|r| r.modified);
    let course_mod = |c: &crate::model::Course| modified(course_key(&c.code));
    let latest = |it: &mut dyn Iterator<Item = Option<DateTime<Utc>>>| it.flatten().max();
    let courses = latest(&mut site.courses.iter().map(course_mod));
    let notices_in = |l: &str| {
        latest(&mut site.notices.iter().map(|n| {
            let (tl, _) = n.texts.pick(l, &site.config.text_order);
            modified(notice_key(&n.slug, tl))
        }))
    };
    let every = |f: &dyn Fn(&str) -> String, m: &dyn Fn(&str) -> Option<DateTime<Utc>>| {
        langs
            .iter()
            .map(|l| (l.clone(), f(l), m(l)))
            .collect::<Cluster>()
    };
    let none = |_: &str| None;
    let all_courses = |_: &str| courses;
    let mut out = vec![
        every(&|l| ctx.urls.home(l), &|l| courses.max(notices_in(l))),
        every(&|l| ctx.urls.calendar(l), &all_courses),
        every(&|l| ctx.urls.search(l), &none),
    ];
    // A split calendar's month pages (an extension of SPEC's URLs), the same months everywhere.
    for &((y, m), n) in ctx.calendar_months() {
        for p in 1..=n {
            out.push(every(
                &|l| ctx.urls.calendar_month_page(l, y, m, p),
                &all_courses,
            ));
        }
    }
    for p in 1..=page_count(site.notices.len(), site.config.page_size) {
        out.push(every(&|l| ctx.urls.notices_page(l, p), &notices_in));
    }
    for p in 1..=page_count(site.courses.len(), site.config.page_size) {
        out.push(every(&|l| ctx.urls.catalogue(l, p), &all_courses));
    }
    for t in site.data.topics.keys() {
        let members: Vec<_> = site
            .courses
            .iter()
            .filter(|c| c.topics.contains(t))
            .collect();
        let m = latest(&mut members.iter().map(|c| course_mod(c)));
        for p in 1..=page_count(members.len(), site.config.page_size) {
            out.push(every(&|l| ctx.urls.topic(l, t, p), &|_| m));
        }
    }
    for c in &site.courses {
        let m = course_mod(c);
        out.push(
            c.texts
                .keys()
                .map(|l| (l.clone(), ctx.urls.course(l, &c.slug), m))
                .collect(),
        );
    }
    for n in &site.notices {
        out.push(
            n.texts
                .keys()
                .map(|l| {
                    let m = modified(notice_key(&n.slug, l));
                    (l.clone(), ctx.urls.notice(l, &n.slug), m)
                })
                .collect(),
        );
    }
    for p in &site.pages {
        if p.is_section_index && (p.path.is_empty() || p.path == "courses" || p.path == "notices") {
            continue;
        }
        out.push(
            p.texts
                .keys()
                .map(|l| {
                    let m = modified(page_key(l, &p.path));
                    (l.clone(), ctx.urls.page(l, &p.path), m)
                })
                .collect(),
        );
    }
    out
}

pub fn sitemap(ctx: &Ctx<'_>) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let default = &ctx.site.config.default_language;
    for cluster in clusters(ctx) {
        for (_, url, modified) in &cluster {
            let _ = writeln!(
                s,
                "  <url>\n    <loc>{}</loc>",
                escape::html(&ctx.urls.abs(url))
            );
            if let Some(m) = modified {
                let _ = writeln!(
                    s,
                    "    <lastmod>{}</lastmod>",
                    m.to_rfc3339_opts(SecondsFormat::Secs, true)
                );
            }
            for (l, u, _) in &cluster {
                let _ = writeln!(
                    s,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape::html(l),
                    escape::html(&ctx.urls.abs(u))
                );
            }
            let xd = cluster
                .iter()
                .find(|(l, _, _)| l == default)
                .unwrap_or(&cluster[0]);
            let _ = writeln!(
                s,
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                escape::html(&ctx.urls.abs(&xd.1))
            );
            s.push_str("  </url>\n");
        }
    }
    s.push_str("</urlset>\n");
    s
}

/// The date in every entry id: a tag URI (RFC 4151) needs one, a date at which the site's
/// organisation held its host name. A constant (the year this rule was set), not the notice's
/// date, so that correcting a notice's `date` keeps its id.
const TAG_DATE: &str = "2025";

/// A tag URI (RFC 4151) that names a notice forever: it does not change with the base URL,
/// the notice's date or its text, only with the site's organisation host, the notice's slug
/// and the entry's language.
fn tag_id(ctx: &Ctx<'_>, n: &crate::model::Notice, lang: &str) -> String {
    let host = ctx
        .site
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
        .to_string();
    format!("tag:{host},{TAG_DATE}:notice/{}/{lang}", n.slug)
}

pub fn atom(ctx: &Ctx<'_>, lang: &str) -> String {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let tz = site.config.timezone;
    let feed_url = ctx.urls.abs(&ctx.urls.atom(lang));
    let title = format!(
        "{} — {}",
        site.config.title.get(lang, &site.config.text_order),
        l.t.get("notices_title")
    );
    let stamp = |w: &crate::model::When| {
        w.start_instant(tz)
            .to_rfc3339_opts(SecondsFormat::Secs, true)
    };
    // When an entry last changed: the build's state, else its publication.
    let updated_of = |n: &crate::model::Notice, tlang: &str| {
        ctx.revisions
            .get(&notice_key(&n.slug, tlang))
            .map_or_else(|| n.date.start_instant(tz), |r| r.modified)
    };
    let utc = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let updated = site
        .notices
        .iter()
        .map(|n| updated_of(n, n.texts.pick(lang, &site.config.text_order).0))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), utc);
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape::html(lang)
    );
    let _ = writeln!(s, "  <title>{}</title>", escape::html(&title));
    let _ = writeln!(s, "  <id>{}</id>", escape::html(&feed_url));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape::html(&feed_url)
    );
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape::html(&ctx.urls.abs(&ctx.urls.notices(lang)))
    );
    let _ = writeln!(s, "  <updated>{updated}</updated>");
    let org = site
        .config
        .organisation_name
        .get(lang, &site.config.text_order);
    let _ = writeln!(s, "  <author><name>{}</name></author>", escape::html(org));
    let _ = writeln!(s, "  <generator>Prospectus</generator>");
    for n in &site.notices {
        let (tlang, t) = n.texts.pick(lang, &site.config.text_order);
        let url = ctx.urls.abs(&ctx.urls.notice(tlang, &n.slug));
        s.push_str("  <entry>\n");
        let _ = writeln!(s, "    <title>{}</title>", escape::html(&t.title));
        let _ = writeln!(s, "    <id>{}</id>", escape::html(&tag_id(ctx, n, tlang)));
        let _ = writeln!(
            s,
            "    <link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>",
            escape::html(tlang),
            escape::html(&url)
        );
        let _ = writeln!(s, "    <published>{}</published>", stamp(&n.date));
        let _ = writeln!(s, "    <updated>{}</updated>", utc(updated_of(n, tlang)));
        let label = notice_kind(&l, &n.kind);
        let _ = writeln!(
            s,
            "    <category term=\"{}\" label=\"{}\"/>",
            escape::html(&n.kind),
            escape::html(label.as_deref().unwrap_or(&n.kind))
        );
        if let Some(sum) = &t.summary {
            let _ = writeln!(s, "    <summary>{}</summary>", escape::html(sum));
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

/// A page that sends visitors (and search engines, through the canonical link) to `to`.
pub fn redirect(ctx: &Ctx<'_>, to: &str) -> String {
    let abs = escape::html(&ctx.urls.abs(to));
    let rel = escape::html(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{rel}</title>\n<link rel=\"canonical\" href=\"{abs}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={rel}\">\n</head>\n<body>\n<p><a href=\"{rel}\">{abs}</a></p>\n</body>\n</html>\n",
        lang = escape::html(&ctx.site.config.default_language)
    )
}
