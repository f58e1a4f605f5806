//! Machine-read outputs written in code rather than templates, so escaping is never left to a
//! template author: sitemap.xml, robots.txt, Atom feeds, redirect pages.

use super::escape;
use super::kit::page_count;
use super::kit::words::notice_kind;
use super::Ctx;
use chrono::SecondsFormat;
use std::fmt::Write as _;

pub fn robots(ctx: &Ctx<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        ctx.urls
            .abs(&format!("{}/sitemap.xml", ctx.site.config.base_path()))
    )
}

/// Every HTML page as a cluster of translations: Vec of (lang, root-relative URL).
pub fn clusters(ctx: &Ctx<'_>) -> Vec<Vec<(String, String)>> {
    let site = ctx.site;
    let langs = &site.config.languages;
    let every =
        |f: &dyn Fn(&str) -> String| langs.iter().map(|l| (l.clone(), f(l))).collect::<Vec<_>>();
    let mut out = vec![
        every(&|l| ctx.urls.home(l)),
        every(&|l| ctx.urls.calendar(l)),
        every(&|l| ctx.urls.search(l)),
    ];
    // A split calendar's month pages (an extension of SPEC's URLs), the same months everywhere.
    for &((y, m), n) in ctx.calendar_months() {
        for p in 1..=n {
            out.push(every(&|l| ctx.urls.calendar_month_page(l, y, m, p)));
        }
    }
    for p in 1..=page_count(site.notices.len(), site.config.page_size) {
        out.push(every(&|l| ctx.urls.notices_page(l, p)));
    }
    for p in 1..=page_count(site.courses.len(), site.config.page_size) {
        out.push(every(&|l| ctx.urls.catalogue(l, p)));
    }
    for t in site.data.topics.keys() {
        let count = site.courses.iter().filter(|c| c.topics.contains(t)).count();
        for p in 1..=page_count(count, site.config.page_size) {
            out.push(every(&|l| ctx.urls.topic(l, t, p)));
        }
    }
    for c in &site.courses {
        out.push(
            c.texts
                .keys()
                .map(|l| (l.clone(), ctx.urls.course(l, &c.slug)))
                .collect(),
        );
    }
    for n in &site.notices {
        out.push(
            n.texts
                .keys()
                .map(|l| (l.clone(), ctx.urls.notice(l, &n.slug)))
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
                .map(|l| (l.clone(), ctx.urls.page(l, &p.path)))
                .collect(),
        );
    }
    out
}

pub fn sitemap(ctx: &Ctx<'_>) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let default = &ctx.site.config.default_language;
    for cluster in clusters(ctx) {
        for (_, url) in &cluster {
            let _ = writeln!(
                s,
                "  <url>\n    <loc>{}</loc>",
                escape::html(&ctx.urls.abs(url))
            );
            if !cluster.is_empty() {
                for (l, u) in &cluster {
                    let _ = writeln!(
                        s,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        escape::html(l),
                        escape::html(&ctx.urls.abs(u))
                    );
                }
                let xd = cluster
                    .iter()
                    .find(|(l, _)| l == default)
                    .unwrap_or(&cluster[0]);
                let _ = writeln!(
                    s,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    escape::html(&ctx.urls.abs(&xd.1))
                );
            }
            s.push_str("  </url>\n");
        }
    }
    s.push_str("</urlset>\n");
    s
}

/// A tag URI (RFC 4151) that names a notice forever: it does not change with the base URL or
/// the slug's language, only with the site's organisation host and the notice's date and slug.
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
    let date = n.date.date_in(ctx.site.config.timezone);
    format!(
        "tag:{host},{}:notice/{}/{lang}",
        date.format("%Y-%m-%d"),
        n.slug
    )
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
    let updated = site
        .notices
        .iter()
        .map(|n| stamp(&n.date))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
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
        let _ = writeln!(s, "    <updated>{}</updated>", stamp(&n.date));
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
