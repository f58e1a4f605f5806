//! The templates compiled from the default theme (`src/render/compiled/`) write exactly what
//! Tera writes from them: whole sites are rendered both ways and compared byte for byte. Sites:
//! the example, the base fixture, the unusual-but-valid inputs, and the site with script
//! payloads in every field (escaping must match too). Each construct the generator supports is
//! tested on its own in `src/render/compiled/tests.rs`.

use crate::support::*;
use prospectus::diag::Diagnostics;
use std::collections::BTreeMap;

fn render(site: &Site, tera_only: bool, live: bool) -> BTreeMap<String, Vec<u8>> {
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
        for (template, _) in prospectus::render::compiled::COMPILED {
            assert!(
                ctx.compiled.uses(template),
                "{template}: the default templates are unchanged, so the compiled ones apply"
            );
        }
    }
    prospectus::render_in_memory(&ctx, &mut d)
}

fn assert_same(name: &str, site: &Site) {
    assert_same_with(name, site, false);
}

fn assert_same_with(name: &str, site: &Site, live: bool) {
    let compiled = render(site, false, live);
    let tera = render(site, true, live);
    assert_eq!(
        compiled.keys().collect::<Vec<_>>(),
        tera.keys().collect::<Vec<_>>(),
        "{name}: the same files"
    );
    let mut compared = 0;
    for (path, bytes) in &tera {
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
