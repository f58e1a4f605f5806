//! Compiled copies of the default theme's busiest templates: `base.html` + `course.html` (with
//! the `apply` macro of `macros.html`) for course pages, `card.html` for the course cards of
//! every list, and the `entries` macro of `calendar_macros.html` for the calendar's lists
//! (written in `calendar/page.rs`, next to the data it prints). They write exactly the bytes Tera writes from those templates, without building
//! a JSON context and interpreting the template for each of the thousands of pages a catalogue
//! has: on the benchmark catalogue, Tera's evaluation and its context were a third of the build.
//!
//! They are used only while the site renders those templates unchanged ([`Natives::of`]): a
//! site (or theme) that overrides `base.html`, `course.html`, `macros.html`, `card.html` or
//! `calendar_macros.html` gets
//! Tera for the pages that use them, so the templates stay the one thing authors customise.
//! `tests/site` renders whole sites both ways and compares every byte, so a change to one of
//! these templates that is not mirrored here fails the tests.

use super::view::{ApplicationView, Common, CourseCard, CourseView, Link};
use crate::i18n::Strings;
use crate::load::theme::{default_template, Theme};

/// Which compiled templates the site can use.
#[derive(Clone, Copy, Debug, Default)]
pub struct Natives {
    /// Course pages (`course.html` extending `base.html`, importing `macros.html`).
    pub course: bool,
    /// Course cards (`card.html`).
    pub card: bool,
    /// The lists of the calendar pages (the `entries` macro of `calendar_macros.html`).
    pub calendar: bool,
}

impl Natives {
    /// The compiled templates whose sources are the built-in ones in `theme`.
    pub fn of(theme: &Theme) -> Natives {
        let unchanged = |names: &[&str]| {
            names
                .iter()
                .all(|n| theme.templates.get(*n).map(String::as_bytes) == default_template(n))
        };
        Natives {
            course: unchanged(&["base.html", "course.html", "macros.html"]),
            card: unchanged(&["card.html"]),
            calendar: unchanged(&["calendar_macros.html"]),
        }
    }

    /// None of them: every page through Tera (tests compare both ways).
    pub fn none() -> Natives {
        Natives::default()
    }
}

/// `s` escaped as `{{ s }}` prints it (the escape function given to Tera).
pub(crate) fn esc(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `{{ t.key }}`.
pub(crate) fn t(out: &mut String, strings: &Strings, key: &str) {
    esc(out, strings.get(key));
}

/// `{{ items | join(sep=…) }}`.
fn join(out: &mut String, items: &[String], sep: &str) {
    esc(out, &items.join(sep));
}

/// `{% if x %}` on a text: present and not empty.
pub(crate) fn nonempty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

fn opt(s: &Option<String>) -> Option<&str> {
    nonempty(s.as_deref())
}

/// A course page: `base.html` with the `main` block of `course.html`.
pub fn course_page(common: &Common, ts: &Strings, course: &CourseView) -> String {
    let mut out = String::with_capacity(16 * 1024 + course.body_html.len());
    head(&mut out, common, ts);
    course_main(&mut out, common, ts, course);
    foot(&mut out, common);
    out
}

/// `base.html` up to its `main` block (no `head` or `scripts` block: course pages have none).
fn head(out: &mut String, common: &Common, ts: &Strings) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    esc(out, &common.lang);
    out.push_str("\" dir=\"");
    esc(out, common.dir);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(out, &common.title);
    out.push_str("</title>\n");
    if !common.description.is_empty() {
        out.push_str("<meta name=\"description\" content=\"");
        esc(out, &common.description);
        out.push_str("\">\n");
    }
    if !common.canonical.is_empty() {
        out.push_str("<link rel=\"canonical\" href=\"");
        esc(out, &common.canonical);
        out.push_str("\">\n");
    }
    for a in &common.alternates {
        out.push_str("<link rel=\"alternate\" hreflang=\"");
        esc(out, &a.lang);
        out.push_str("\" href=\"");
        esc(out, &a.abs);
        out.push_str("\">\n");
    }
    if let Some(x) = opt(&common.x_default) {
        out.push_str("<link rel=\"alternate\" hreflang=\"x-default\" href=\"");
        esc(out, x);
        out.push_str("\">\n");
    }
    out.push_str("<link rel=\"stylesheet\" href=\"");
    esc(out, &common.css);
    out.push_str("\">\n<link rel=\"icon\" href=\"");
    esc(out, &common.css.replace("style.css", "icon.svg"));
    out.push_str("\" type=\"image/svg+xml\">\n");
    if let Some(j) = opt(&common.jsonld) {
        out.push_str("<script type=\"application/ld+json\">");
        out.push_str(j);
        out.push_str("</script>\n");
    }
    out.push_str("<script src=\"");
    esc(out, &common.js);
    out.push_str("\" defer></script>\n");
    if let Some(l) = opt(&common.live_reload) {
        out.push_str("<script src=\"");
        esc(out, l);
        out.push_str("\" defer></script>\n");
    }
    out.push_str("</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
    t(out, ts, "skip_to_content");
    out.push_str("</a>\n<header class=\"site-header\">\n  <div class=\"wrap header-row\">\n    <a class=\"brand\" href=\"");
    esc(out, &common.home);
    out.push_str("\">");
    esc(out, &common.site_title);
    out.push_str("</a>\n    ");
    if common.alternates.len() > 1 {
        out.push_str("<nav class=\"languages\" aria-label=\"");
        t(out, ts, "language_switcher");
        out.push_str("\">\n      <ul>");
        for a in &common.alternates {
            out.push_str("\n        <li>");
            if a.current {
                out.push_str("<span aria-current=\"true\" lang=\"");
                esc(out, &a.lang);
                out.push_str("\">");
                esc(out, &a.name);
                out.push_str("</span>");
            } else {
                out.push_str("<a href=\"");
                esc(out, &a.href);
                out.push_str("\" hreflang=\"");
                esc(out, &a.lang);
                out.push_str("\" lang=\"");
                esc(out, &a.lang);
                out.push_str("\">");
                esc(out, &a.name);
                out.push_str("</a>");
            }
            out.push_str("</li>");
        }
        out.push_str("\n      </ul>\n    </nav>");
    }
    out.push_str("\n  </div>\n  <nav class=\"main-nav\" aria-label=\"");
    t(out, ts, "main_navigation");
    out.push_str("\">\n    <ul class=\"wrap\">");
    for n in &common.nav {
        out.push_str("\n      <li><a href=\"");
        esc(out, &n.href);
        out.push('"');
        if n.current {
            out.push_str(" aria-current=\"");
            out.push_str(if common.canonical.ends_with(n.href.as_str()) {
                "page"
            } else {
                "true"
            });
            out.push('"');
        }
        out.push('>');
        esc(out, &n.label);
        out.push_str("</a></li>");
    }
    out.push_str("\n    </ul>\n  </nav>\n</header>\n");
    if !common.breadcrumbs.is_empty() {
        out.push_str("<nav class=\"breadcrumbs wrap\" aria-label=\"");
        t(out, ts, "breadcrumbs");
        out.push_str("\">\n  <ol>");
        link_items(out, &common.breadcrumbs);
        out.push_str("</ol>\n</nav>");
    }
    out.push_str("\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
}

/// `base.html` after its `main` block.
fn foot(out: &mut String, common: &Common) {
    out.push_str(
        "\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n    <p class=\"org\">",
    );
    esc(out, &common.org_name);
    out.push_str("</p>\n  </div>\n</footer>\n<div id=\"prospectus-strings\" hidden");
    out.push_str(&common.state_strings);
    out.push_str("></div>\n</body>\n</html>\n");
}

/// The strings `assets/prospectus.js` reads to restate an application's state in the visitor's
/// browser (`apply_line_*`, `days_*`, `state_*`), as ` data-apply-line-open="…"` attributes.
pub fn state_strings(all: &Strings) -> String {
    let mut out = String::new();
    for (k, v) in all.iter() {
        if k.starts_with("apply_line_") || k.starts_with("days_") || k.starts_with("state_") {
            out.push_str(" data-");
            esc(&mut out, &k.replace('_', "-"));
            out.push_str("=\"");
            esc(&mut out, v);
            out.push('"');
        }
    }
    out
}

/// `<li><a href="…">…</a></li>` for each link.
fn link_items(out: &mut String, links: &[Link]) {
    for l in links {
        out.push_str("<li><a href=\"");
        esc(out, &l.href);
        out.push_str("\">");
        esc(out, &l.label);
        out.push_str("</a></li>");
    }
}

/// `<p class="status status-…">…</p>` when the course has a status to say.
pub(crate) fn status_line(out: &mut String, status: &str, label: Option<&str>) {
    if let Some(label) = nonempty(label) {
        out.push_str("<p class=\"status status-");
        esc(out, status);
        out.push_str("\">");
        esc(out, label);
        out.push_str("</p>");
    }
}

/// A course title linking to its page; a page in another language says so (`hreflang`, and
/// `lang` on the title).
pub(crate) fn title_link(out: &mut String, url: &str, other_lang: Option<&str>, title: &str) {
    out.push_str("<a href=\"");
    esc(out, url);
    out.push('"');
    if let Some(l) = other_lang {
        out.push_str(" hreflang=\"");
        esc(out, l);
        out.push_str("\"><span lang=\"");
        esc(out, l);
        out.push_str("\" dir=\"auto\">");
        esc(out, title);
        out.push_str("</span>");
    } else {
        out.push('>');
        esc(out, title);
    }
    out.push_str("</a>");
}

/// `{% if c.fee == t.free %}{{ c.fee }}{% else %}<bdi …>{{ c.fee }}</bdi>{% endif %}`.
fn money(out: &mut String, ts: &Strings, amount: &str) {
    if amount == ts.get("free") {
        esc(out, amount);
    } else {
        out.push_str("<bdi dir=\"ltr\" class=\"money\">");
        esc(out, amount);
        out.push_str("</bdi>");
    }
}

/// ` data-deadline="…" data-deadline-text="…" data-opens="…" data-until-start="…"
/// data-tz="…"` of the state script.
fn state_attrs(out: &mut String, a: &ApplicationView) {
    state_attr_values(
        out,
        [
            ("deadline", opt(&a.deadline_iso)),
            ("deadline-text", opt(&a.deadline)),
            ("opens", opt(&a.opens_iso)),
            ("until-start", opt(&a.until_start)),
            ("tz", opt(&a.tz)),
        ],
    );
}

/// [`state_attrs`] from the values themselves (empty ones left out, as the templates do):
/// ` data-<name>="<value>"` each, in this order.
pub(crate) fn state_attr_values(out: &mut String, attrs: [(&str, Option<&str>); 5]) {
    for (name, value) in attrs {
        if let Some(v) = nonempty(value) {
            out.push_str(" data-");
            out.push_str(name);
            out.push_str("=\"");
            esc(out, v);
            out.push('"');
        }
    }
}

/// The `apply` macro of `macros.html`.
fn apply(out: &mut String, a: &ApplicationView, ts: &Strings, code: &str) {
    let selection = opt(&a.selection_html);
    if a.state == "none" && selection.is_none() {
        return;
    }
    out.push_str("\n<div class=\"apply state-");
    esc(out, a.state);
    out.push_str("\" data-apply data-state=\"");
    esc(out, a.state);
    out.push('"');
    state_attrs(out, a);
    out.push_str(">\n  ");
    if a.state != "none" {
        out.push_str("<p class=\"apply-line\" data-apply-line>");
        esc(out, &a.line);
        out.push_str("</p>\n  ");
    }
    if let (Some(s), true) = (selection, a.state == "none" || a.state == "nomination") {
        out.push_str("<p class=\"selection\">");
        out.push_str(s);
        out.push_str("</p>\n  ");
    }
    let url = opt(&a.url);
    if let (Some(u), true) = (url, a.state == "open" || a.state == "closing-soon") {
        out.push_str("<a class=\"button\" data-apply-button href=\"");
        esc(out, u);
        out.push_str("\">");
        esc(out, &a.button);
        out.push_str("<span class=\"visually-hidden\"> – <bdi>");
        esc(out, code);
        out.push_str("</bdi></span></a>\n  ");
    } else if let (Some(u), true) = (url, a.state == "not-yet-open") {
        out.push_str("<a class=\"button\" data-apply-later hidden href=\"");
        esc(out, u);
        out.push_str("\">");
        t(out, ts, "apply_button");
        out.push_str("<span class=\"visually-hidden\"> – <bdi>");
        esc(out, code);
        out.push_str("</bdi></span></a>\n  ");
    }
    out.push_str("\n</div>\n");
}

/// The `main` block of `course.html`.
fn course_main(out: &mut String, common: &Common, ts: &Strings, course: &CourseView) {
    let c = &course.card;
    out.push_str("\n\n<article class=\"course\" data-course data-code=\"");
    esc(out, &c.code);
    out.push_str("\">\n<header class=\"course-head\">\n  <p class=\"kicker\"><span class=\"visually-hidden\">");
    t(out, ts, "code");
    out.push_str(": </span><bdi class=\"code\">");
    esc(out, &c.code);
    out.push_str("</bdi>");
    for tp in &c.topics {
        out.push_str("<span class=\"sep\" aria-hidden=\"true\"> · </span><a href=\"");
        esc(out, &tp.href);
        out.push_str("\">");
        esc(out, &tp.label);
        out.push_str("</a>");
    }
    out.push_str("</p>\n  <h1>");
    esc(out, &c.title);
    out.push_str("</h1>\n  ");
    status_line(out, c.status, opt(&c.status_label));
    out.push_str("\n  ");
    if let Some(s) = opt(&c.summary) {
        out.push_str("<p class=\"lead\">");
        esc(out, s);
        out.push_str("</p>");
    }
    out.push_str("\n</header>\n<div class=\"course-grid\">\n<aside class=\"key-facts\" aria-labelledby=\"facts-h\">\n  <h2 id=\"facts-h\">");
    t(out, ts, "key_facts");
    out.push_str("</h2>\n  <dl class=\"facts\">\n");
    facts_code_dates_modality(out, ts, c);
    out.push_str("\n    ");
    if let Some(w) = opt(&course.workload) {
        out.push_str("<div><dt>");
        t(out, ts, "workload");
        out.push_str("</dt><dd>");
        esc(out, w);
        out.push_str("</dd></div>");
    }
    out.push_str("\n    ");
    facts_languages_fee(out, ts, c);
    out.push_str("\n    ");
    if let Some(d) = opt(&c.application.deadline) {
        out.push_str("<div><dt>");
        t(out, ts, "deadline");
        out.push_str("</dt><dd>");
        esc(out, d);
        out.push_str("</dd></div>");
    }
    out.push_str("\n  </dl>\n  ");
    apply(out, &c.application, ts, &c.code);
    out.push_str("\n  ");
    if let Some(u) = opt(&c.application.url) {
        out.push_str("<p class=\"print-only apply-at\">");
        t(out, ts, "apply_at");
        out.push_str(" <bdi class=\"url\">");
        esc(out, u);
        out.push_str("</bdi></p>");
    }
    out.push_str("\n  ");
    let gc = opt(&course.google_calendar);
    if !course.ics.is_empty() || gc.is_some() {
        out.push_str("<div class=\"add-cal\">\n    <h3 class=\"small-h\" id=\"add-cal-h\">");
        t(out, ts, "calendar_add");
        out.push_str("</h3>\n    <ul class=\"link-list\">\n      ");
        if !course.ics.is_empty() {
            out.push_str("<li><a href=\"");
            esc(out, &course.ics);
            out.push_str("\" type=\"text/calendar\" download>");
            t(out, ts, "calendar_download_ics");
            out.push_str("</a></li>");
        }
        out.push_str("\n      ");
        if let Some(g) = gc {
            out.push_str("<li><a href=\"");
            esc(out, g);
            out.push_str("\" rel=\"noopener\">");
            t(out, ts, "calendar_google");
            out.push_str("</a></li>");
        }
        out.push_str("\n    </ul>\n  </div>");
    }
    out.push_str("\n</aside>\n<div class=\"course-body\">\n");
    if !course.sessions.is_empty() {
        out.push_str(
            "<section class=\"block\" aria-labelledby=\"sessions-h\">\n  <h2 id=\"sessions-h\">",
        );
        t(out, ts, "sessions");
        out.push_str("</h2>\n  <ul class=\"sessions\">");
        for s in &course.sessions {
            out.push_str("\n    <li>");
            if let Some(n) = opt(&s.name) {
                out.push_str("<strong class=\"session-name\">");
                esc(out, n);
                out.push_str("</strong> ");
            }
            out.push_str("<span class=\"session-when\"><time datetime=\"");
            esc(out, &s.start);
            out.push_str("\">");
            esc(out, &s.dates);
            out.push_str("</time></span> <span class=\"session-where\">");
            esc(out, &s.modality);
            if let Some(l) = opt(&s.location) {
                out.push_str("<span aria-hidden=\"true\"> · </span>");
                esc(out, l);
            }
            out.push_str("</span></li>");
        }
        out.push_str("\n  </ul>\n</section>");
    }
    out.push('\n');
    if !course.objectives_html.is_empty() {
        out.push_str("<section class=\"block\" aria-labelledby=\"objectives-h\">\n  <h2 id=\"objectives-h\">");
        t(out, ts, "objectives");
        out.push_str("</h2>\n  <ul class=\"objectives\">");
        for o in &course.objectives_html {
            out.push_str("<li>");
            out.push_str(o);
            out.push_str("</li>");
        }
        out.push_str("</ul>\n</section>");
    }
    out.push('\n');
    if !course.body_html.is_empty() {
        out.push_str("<div class=\"prose\">");
        out.push_str(&course.body_html);
        out.push_str("</div>");
    }
    out.push('\n');
    if let Some(fee) = &course.fee {
        out.push_str("<section class=\"block\" aria-labelledby=\"fee-h\">\n  <h2 id=\"fee-h\">");
        t(out, ts, "fee");
        out.push_str(
            "</h2>\n  <table class=\"fee-table\">\n    <caption class=\"visually-hidden\">",
        );
        t(out, ts, "fee");
        out.push_str("</caption>\n    <tbody>");
        for l in &fee.lines {
            out.push_str("<tr><th scope=\"row\">");
            esc(out, &l.label);
            out.push_str("</th><td>");
            money(out, ts, &l.amount);
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody>\n  </table>\n  ");
        if !fee.includes.is_empty() {
            out.push_str("<h3>");
            t(out, ts, "fee_includes");
            out.push_str("</h3>\n  <ul>");
            for i in &fee.includes {
                out.push_str("<li>");
                out.push_str(i);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("\n  ");
        if let Some(s) = opt(&fee.scholarships_html) {
            out.push_str("<h3>");
            t(out, ts, "scholarships");
            out.push_str("</h3><p>");
            out.push_str(s);
            out.push_str("</p>");
        }
        out.push_str("\n</section>");
    }
    out.push('\n');
    if let Some(p) = &course.policy {
        out.push_str(
            "<section class=\"block\" aria-labelledby=\"cancel-h\">\n  <h2 id=\"cancel-h\">",
        );
        t(out, ts, "cancellation");
        out.push_str("</h2>\n  ");
        if let Some(n) = opt(&p.notice_html) {
            out.push_str("<p>");
            out.push_str(n);
            out.push_str("</p>");
        }
        out.push_str("\n  <table class=\"refunds\">\n    <caption class=\"visually-hidden\">");
        t(out, ts, "cancellation");
        out.push_str("</caption>\n    <thead><tr><th scope=\"col\">");
        t(out, ts, "cancellation_when");
        out.push_str("</th><th scope=\"col\">");
        t(out, ts, "refund");
        out.push_str("</th></tr></thead>\n    <tbody>");
        for r in &p.rows {
            out.push_str("<tr");
            if r.past {
                out.push_str(" class=\"past\"");
            }
            out.push_str("><td>");
            esc(out, &r.period);
            if r.past {
                out.push_str(" <span class=\"past-note\">");
                t(out, ts, "refund_period_past");
                out.push_str("</span>");
            }
            out.push_str("</td><td>");
            esc(out, &r.refund);
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody>\n  </table>\n</section>");
    }
    out.push('\n');
    if !course.contacts.is_empty() {
        out.push_str(
            "<section class=\"block\" aria-labelledby=\"contacts-h\">\n  <h2 id=\"contacts-h\">",
        );
        t(out, ts, "contacts");
        out.push_str("</h2>\n  <div class=\"contacts\">");
        for k in &course.contacts {
            out.push_str("<address class=\"contact\">\n    <strong>");
            esc(out, &k.name);
            out.push_str("</strong>\n    ");
            if let Some(a) = opt(&k.address) {
                out.push_str("<br>");
                esc(out, a);
            }
            out.push_str("\n    ");
            if let Some(e) = opt(&k.email) {
                out.push_str("<br><a href=\"mailto:");
                esc(out, e);
                out.push_str("\"><bdi>");
                esc(out, e);
                out.push_str("</bdi></a>");
            }
            out.push_str("\n    ");
            if let Some(p) = opt(&k.phone) {
                out.push_str("<br><a href=\"tel:");
                esc(out, k.tel.as_deref().unwrap_or(""));
                out.push_str("\"><bdi dir=\"ltr\">");
                esc(out, p);
                out.push_str("</bdi></a>");
            }
            out.push_str("\n    ");
            if let Some(u) = opt(&k.url) {
                out.push_str("<br><a href=\"");
                esc(out, u);
                out.push_str("\"><bdi>");
                esc(out, u);
                out.push_str("</bdi></a>");
            }
            out.push_str("\n  </address>");
        }
        out.push_str("</div>\n</section>");
    }
    out.push('\n');
    if !course.notices.is_empty() {
        out.push_str("<section class=\"block related\" aria-labelledby=\"notices-h\">\n  <h2 id=\"notices-h\">");
        t(out, ts, "related_notices");
        out.push_str("</h2>\n  <ul>");
        link_items(out, &course.notices);
        out.push_str("</ul>\n</section>");
    }
    out.push('\n');
    if !common.canonical.is_empty() {
        out.push_str("<p class=\"print-only print-source\">");
        t(out, ts, "print_source");
        out.push_str(" <bdi class=\"url\">");
        esc(out, &common.canonical);
        out.push_str("</bdi></p>");
    }
    out.push_str("\n</div>\n</div>\n</article>\n");
}

/// The code, dates and modality rows of the facts list (course page and card alike).
fn facts_code_dates_modality(out: &mut String, ts: &Strings, c: &CourseCard) {
    out.push_str("    <div><dt>");
    t(out, ts, "code");
    out.push_str("</dt><dd><bdi class=\"code\">");
    esc(out, &c.code);
    out.push_str("</bdi></dd></div>\n    <div><dt>");
    t(out, ts, "dates");
    out.push_str("</dt><dd>");
    esc(out, &c.dates);
    out.push_str("</dd></div>\n    <div><dt>");
    t(out, ts, "modality");
    out.push_str("</dt><dd>");
    esc(out, &c.modality);
    out.push_str("</dd></div>");
}

/// The languages and fee rows of the facts list, separated by the template's line break.
fn facts_languages_fee(out: &mut String, ts: &Strings, c: &CourseCard) {
    if !c.languages.is_empty() {
        out.push_str("<div><dt>");
        t(out, ts, "languages_of_instruction");
        out.push_str("</dt><dd>");
        join(out, &c.languages, ts.get("list_separator"));
        out.push_str("</dd></div>");
    }
    out.push_str("\n    ");
    if let Some(f) = opt(&c.fee) {
        out.push_str("<div><dt>");
        t(out, ts, "fee");
        out.push_str("</dt><dd>");
        money(out, ts, f);
        out.push_str("</dd></div>");
    }
}

/// `card.html`: a course in lists, with an `h2` or `h3` title.
pub fn card(c: &CourseCard, ts: &Strings, heading: &str) -> String {
    let mut out = String::with_capacity(2048);
    let out = &mut out;
    // Tera keeps the line break after the leading `{#- … -#}` comment.
    out.push_str("\n<article class=\"card\" data-course data-code=\"");
    esc(out, &c.code);
    out.push_str("\" data-modality=\"");
    esc(out, c.modality_id);
    out.push_str("\" data-topics=\"");
    join(out, &c.topic_ids, " ");
    out.push_str("\" data-languages=\"");
    join(out, &c.language_codes, " ");
    out.push_str("\" data-month=\"");
    esc(out, c.month.as_deref().unwrap_or(""));
    out.push_str("\" data-state=\"");
    esc(out, c.application.state);
    out.push_str("\">\n  <");
    esc(out, heading);
    out.push_str(" class=\"card-title\">");
    let olc = opt(&c.other_lang_code);
    title_link(out, &c.url, olc, &c.title);
    out.push_str("</");
    esc(out, heading);
    out.push_str(">\n  ");
    if let Some(o) = opt(&c.other_lang) {
        out.push_str("<p class=\"other-lang\">");
        t(out, ts, "page_in");
        out.push(' ');
        esc(out, o);
        out.push_str("</p>");
    }
    out.push_str("\n  ");
    status_line(out, c.status, opt(&c.status_label));
    out.push_str("\n  ");
    if let Some(s) = opt(&c.summary) {
        out.push_str("<p class=\"summary\"");
        if let Some(l) = olc {
            out.push_str(" lang=\"");
            esc(out, l);
            out.push_str("\" dir=\"auto\"");
        }
        out.push('>');
        esc(out, s);
        out.push_str("</p>");
    }
    out.push_str("\n  <dl class=\"facts\">\n");
    facts_code_dates_modality(out, ts, c);
    out.push_str("\n    ");
    facts_languages_fee(out, ts, c);
    out.push_str("\n  </dl>\n  ");
    let a = &c.application;
    if a.state != "none" {
        out.push_str("<p class=\"state state-");
        esc(out, a.state);
        out.push_str("\" data-apply data-state=\"");
        esc(out, a.state);
        out.push('"');
        state_attrs(out, a);
        out.push_str("><span data-apply-line>");
        esc(out, &a.line);
        out.push_str("</span></p>");
    }
    out.push_str("\n</article>\n");
    std::mem::take(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_html_characters_and_nothing_else() {
        for (s, want) in [
            ("", ""),
            ("plain", "plain"),
            ("a<b>&\"c'é/", "a&lt;b&gt;&amp;&quot;c&#39;é/"),
            ("&&", "&amp;&amp;"),
            ("€ 1 860", "€ 1 860"),
        ] {
            let mut out = String::new();
            esc(&mut out, s);
            assert_eq!(out, want, "{s:?}");
        }
    }

    #[test]
    fn a_title_in_another_language_says_so() {
        let mut out = String::new();
        title_link(&mut out, "/fr/x/", Some("fr"), "Égalité & co");
        assert_eq!(
            out,
            "<a href=\"/fr/x/\" hreflang=\"fr\"><span lang=\"fr\" dir=\"auto\">Égalité &amp; co</span></a>"
        );
        out.clear();
        title_link(&mut out, "/en/x/", None, "Equality");
        assert_eq!(out, "<a href=\"/en/x/\">Equality</a>");
    }
}
