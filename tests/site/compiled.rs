//! The templates compiled from the default theme (`src/render/compiled/`) write exactly what
//! Tera writes from them: whole sites are rendered both ways and compared byte for byte. Sites:
//! the example, the base fixture, the unusual-but-valid inputs, and the site with script
//! payloads in every field (escaping must match too). Each construct the generator supports is
//! tested on its own in `src/render/compiled/tests.rs`.

use crate::support::*;
use prospectus::diag::Diagnostics;
use std::collections::BTreeMap;

fn render(site: &Site, tera_only: bool, live: bool) -> BTreeMap<String, Vec<u8>> {
    render_checked(site, tera_only, live, |ctx| {
        for (template, _) in prospectus::render::compiled::COMPILED {
            assert!(
                ctx.compiled.uses(template),
                "{template}: the default templates are unchanged, so the compiled ones apply"
            );
        }
    })
}

/// The site rendered both ways; `check` looks at the context of the compiled way.
fn render_checked(
    site: &Site,
    tera_only: bool,
    live: bool,
    check: impl Fn(&prospectus::render::Ctx<'_>),
) -> BTreeMap<String, Vec<u8>> {
    let mut opts = site.options(&site.out());
    if live {
        opts.render.live_reload = Some("/__prospectus/live.js".to_string());
    }
    if !live {
        // (The live-reload script is served by `serve`, not a file of the site.)
        assert_success(&prospectus::check(&opts));
    }
    let mut d = Diagnostics::new();
    let (loaded, sources) = prospectus::load_site(&opts, &mut d).expect("the site loads");
    let mut ctx = prospectus::pipeline::prepare_from(&loaded, &sources, &opts, None, &mut d)
        .expect("the site renders");
    assert!(!d.has_errors(), "{d:?}");
    if tera_only {
        // Every page through Tera, even where the compiled default templates apply.
        ctx.compiled = prospectus::render::compiled::Enabled::none();
    }
    if !tera_only {
        check(&ctx);
    }
    prospectus::render_in_memory(&ctx, &mut d)
}

fn assert_same(name: &str, site: &Site) {
    assert_same_with(name, site, false);
}

fn assert_same_with(name: &str, site: &Site, live: bool) {
    let compiled = render(site, false, live);
    let tera = render(site, true, live);
    compare(name, &compiled, &tera);
}

fn compare(name: &str, compiled: &BTreeMap<String, Vec<u8>>, tera: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        compiled.keys().collect::<Vec<_>>(),
        tera.keys().collect::<Vec<_>>(),
        "{name}: the same files"
    );
    let mut compared = 0;
    for (path, bytes) in tera {
        let ours = &compiled[path];
        if ours != bytes {
            let (a, b) = (
                String::from_utf8_lossy(ours),
                String::from_utf8_lossy(bytes),
            );
            let at = a
                .bytes()
                .zip(b.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            let from = at.saturating_sub(200);
            panic!(
                "{name}: {path} differs at byte {at}\n--- compiled:\n{}\n--- tera:\n{}",
                a.get(from..(at + 200).min(a.len())).unwrap_or(""),
                b.get(from..(at + 200).min(b.len())).unwrap_or("")
            );
        }
        if path.ends_with(".html") {
            compared += 1;
        }
    }
    assert!(compared > 0, "{name}: HTML pages were compared");
}

#[test]
fn compiled_templates_write_what_tera_writes_for_the_example_site() {
    let site = Site::example();
    assert_same("example", &site);
    // As `serve` renders it, with the live-reload script.
    assert_same_with("example (serve)", &site, true);
}

#[test]
fn compiled_templates_write_what_tera_writes_for_split_lists() {
    // Ten per page: the catalogue and the topic pages paginate, the calendar gets a page per
    // month (with its lists there) and an index with the current month's grid.
    let site = Site::example();
    let toml = site.read("site.toml");
    assert!(
        !toml.contains("[catalogue]"),
        "the example sets no page size"
    );
    site.write(
        "site.toml",
        format!("{toml}\n[catalogue]\npage_size = 10\n"),
    );
    let out = render(&site, false, false);
    assert!(
        out.keys().any(|k| k.starts_with("en/calendar/2025-09/")),
        "month pages are written"
    );
    assert_same("example, 10 per page", &site);
    // Twelve more courses in October 2025: the month itself is split into pages.
    let stata = site.read("content/courses/stata-labour-market-analysis.md");
    for i in 0..12 {
        site.write(
            &format!("content/courses/extra-{i:02}.md"),
            stata.replacen(
                "code = \"A9713306\"",
                &format!("code = \"X00000{i:02}\""),
                1,
            ),
        );
    }
    let out = render(&site, false, false);
    assert!(
        out.keys()
            .any(|k| k.starts_with("en/calendar/2025-10/page/2/")),
        "October has a second page"
    );
    assert_same("example, a month over two pages", &site);
}

#[test]
fn compiled_templates_write_what_tera_writes_for_the_fixtures() {
    assert_same("base", &Site::fixture("base"));
    for name in ["bom", "crlf"] {
        assert_same(name, &Site::accepted(name));
    }
}

#[test]
fn compiled_templates_write_what_tera_writes_for_every_kind_of_application() {
    let site = Site::fixture("base");
    let course = |code: &str, selection: bool, start: &str, app: &str| {
        let sel = if selection {
            "selection = \"Ministries nominate participants.\"\n"
        } else {
            ""
        };
        let sessions = if start.is_empty() {
            String::new()
        } else {
            format!("\n[[sessions]]\nstart = {start}\nend = 2025-12-19\n")
        };
        let modality = if start.is_empty() {
            "self-paced"
        } else {
            "online"
        };
        format!(
            "+++\ncode = \"{code}\"\ntitle = \"Course {code}\"\nmodality = \"{modality}\"\n{sel}{sessions}{app}+++\nText.\n"
        )
    };
    let url = "\n[application]\nurl = \"https://apply.example.org/x\"\n";
    for (slug, text) in [
        // A link without a deadline: open until the start, closing soon, closed at the start.
        ("until-start", course("K1", false, "2025-10-06", url)),
        ("until-start-soon", course("K2", false, "2025-08-25", url)),
        ("started", course("K3", false, "2025-08-18", url)),
        // Not yet open, without a deadline, with and without a start.
        (
            "later",
            course(
                "K4",
                false,
                "2025-10-06",
                &format!("{url}opens = 2025-09-01\n"),
            ),
        ),
        (
            "self-paced-later",
            course("K5", false, "", &format!("{url}opens = 2025-09-01\n")),
        ),
        // Nominated, with and without a selection text; nothing said, with and without one.
        (
            "nominated",
            course(
                "K6",
                true,
                "2025-10-06",
                "\n[application]\nby = \"nomination\"\n",
            ),
        ),
        (
            "nominated-bare",
            course(
                "K7",
                false,
                "2025-10-06",
                "\n[application]\nby = \"nomination\"\n",
            ),
        ),
        ("unstated", course("K8", true, "2025-10-06", "")),
        ("unstated-bare", course("K9", false, "2025-10-06", "")),
    ] {
        site.write(&format!("content/courses/{slug}.md"), text);
    }
    assert_same("applications", &site);
}

#[test]
fn compiled_templates_escape_what_tera_escapes() {
    let (site, _) = crate::robust::injection::injected_site();
    assert_same("payloads", &site);
}

#[test]
fn an_overridden_template_turns_its_compiled_copy_off() {
    let site = Site::fixture("base");
    site.write(
        "templates/card.html",
        "<article class=\"my-card\">{{ c.title }}</article>\n",
    );
    let opts = site.options(&site.out());
    let mut d = Diagnostics::new();
    let (loaded, sources) = prospectus::load_site(&opts, &mut d).expect("the site loads");
    let ctx = prospectus::pipeline::prepare_from(&loaded, &sources, &opts, None, &mut d)
        .expect("the site renders");
    assert!(
        !ctx.compiled.uses("card.html"),
        "card.html is the site's own"
    );
    assert!(
        ctx.compiled.uses("course.html") && ctx.compiled.uses("catalogue.html"),
        "the course page and catalogue templates are still the default ones"
    );
    let out = prospectus::render_in_memory(&ctx, &mut d);
    let catalogue = String::from_utf8_lossy(&out["en/courses/index.html"]).into_owned();
    assert!(
        catalogue.contains("<article class=\"my-card\">"),
        "the site's card template is used"
    );
}

/// The default theme's `base.html`.
fn default_base() -> String {
    std::fs::read_to_string(repo().join("themes/default/templates/base.html")).expect("base.html")
}

/// The site with its own `base.html` (and other templates), rendered with the page templates'
/// blocks written by their code under Tera's rendering of the site's templates, and all by
/// Tera: the same bytes. `stand_ins`: whether the page templates are expected to go the first
/// way (else the site's templates keep them on Tera whole).
fn assert_same_own_base(name: &str, site: &Site, stand_ins: bool) {
    let pages = [
        "course.html",
        "catalogue.html",
        "notice.html",
        "calendar.html",
        "home.html",
    ];
    let compiled = render_checked(site, false, false, |ctx| {
        for p in pages {
            assert!(!ctx.compiled.uses(p), "{name}: {p} is not compiled whole");
            assert_eq!(
                ctx.compiled.stand_in(p).is_some(),
                stand_ins,
                "{name}: {p}'s blocks by their code"
            );
        }
        assert!(
            ctx.compiled.uses("card.html"),
            "{name}: card.html does not extend base.html"
        );
    });
    let tera = render_checked(site, true, false, |_| {});
    compare(name, &compiled, &tera);
}

#[test]
fn default_pages_under_a_sites_own_base_write_what_tera_writes() {
    // As the benchmark's `OVERRIDE=1` has it: the default's with one line more.
    let site = Site::example();
    site.write(
        "templates/base.html",
        default_base().replace("</body>", "<!-- the site's own --></body>"),
    );
    assert_same_own_base("own base.html", &site, true);
    let page = render(&Site::example(), false, false);
    let own = render_checked(&site, false, false, |_| {});
    let path = "en/courses/gender-audit-certification/index.html";
    assert!(String::from_utf8_lossy(&own[path]).contains("<!-- the site's own --></body>"));
    assert_eq!(
        String::from_utf8_lossy(&own[path]).replace("<!-- the site's own -->", ""),
        String::from_utf8_lossy(&page[path]),
        "the rest of the course page is the default's"
    );
}

#[test]
fn default_pages_under_a_base_with_super_macros_and_page_variables_write_what_tera_writes() {
    // The site's base.html extends its own layout (the default base.html), calls `super()`,
    // its own macro, and reads the course page's view.
    let site = Site::example();
    site.write("templates/layout.html", default_base());
    site.write(
        "templates/own.html",
        "{% macro shout(s) %}{{ s | upper }}!{% endmacro shout %}",
    );
    site.write(
        "templates/base.html",
        "{% extends \"layout.html\" %}{% import \"own.html\" as own %}\
         {% block head %}<meta name=\"shout\" content=\"{{ own::shout(s=common.title) }}\">\n\
         {% if course %}<meta name=\"course\" content=\"{{ course.card.title }}\">\n{% endif %}\
         {{ super() }}{% endblock head %}\
         {% block scripts %}{{ super() }}<!-- scripts of {{ common.lang }} -->{% endblock scripts %}",
    );
    assert_same_own_base("base with super()", &site, true);
    let own = render_checked(&site, false, false, |_| {});
    let course = String::from_utf8_lossy(&own["en/courses/gender-audit-certification/index.html"])
        .into_owned();
    assert!(
        course.contains("<meta name=\"course\" content=\""),
        "{course}"
    );
    assert!(course.contains("<!-- scripts of en -->"));
    // The catalogue defines its own scripts block: the site's is not used there.
    let catalogue = String::from_utf8_lossy(&own["en/courses/index.html"]).into_owned();
    assert!(!catalogue.contains("<!-- scripts of en -->"));
    assert!(!catalogue.contains("<meta name=\"course\""));
}

#[test]
fn a_base_that_binds_a_variable_the_pages_read_keeps_them_on_tera() {
    // `t` (the UI strings) is read by every page's blocks: bound by the site's base, the
    // blocks could see another value, so the pages go through Tera whole.
    let site = Site::example();
    site.write(
        "templates/base.html",
        default_base().replace("<body>\n", "<body>\n{% set t = t %}"),
    );
    assert_same_own_base("base binding t", &site, false);
}
