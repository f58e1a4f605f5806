//! Machine-read outputs written in code rather than templates, so escaping is never left to a
//! template author: sitemap.xml, robots.txt, redirect pages (the Atom feeds are [`super::atom`]).

use super::escape;
use super::kit::{self, page_count};
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
    for p in 1..=page_count(ctx.courses_of(None).len(), site.config.page_size) {
        out.push(every(&|l| ctx.urls.catalogue(l, p), &all_courses));
    }
    for p in 1..=super::pages::archive_pages(ctx) {
        out.push(every(&|l| ctx.urls.past(l, p), &all_courses));
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
    let clusters = clusters(ctx);
    let total: usize = clusters.iter().map(Vec::len).sum();
    let mut written = 0;
    for cluster in clusters {
        for (_, url, modified) in &cluster {
            let before = s.len();
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
            if written == 0 {
                kit::grow::for_the_rest(&mut s, before, total);
            }
            written += 1;
        }
    }
    s.push_str("</urlset>\n");
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
