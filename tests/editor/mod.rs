//! The browser editor (`/admin/`): written only when site.toml enables it, its configuration
//! offering exactly the keys the loader reads (the chain loader = src/schema/mod.rs = editor: the
//! first link is checked in src/schema/mod.rs), facts entered once and texts per language, the
//! choices from the site's data, and the page loading the pinned CMS with its integrity hash.
//! The editor itself runs in tests/browser/editor.mjs.

use crate::support::*;
use prospectus::schema::{self, Field, Kind, Lang};
use serde_json::Value;
use std::collections::BTreeSet;

fn with_editor() -> Built {
    let s = Site::example();
    let toml = s.read("site.toml");
    s.write(
        "site.toml",
        format!("{toml}\n[editor]\nenabled = true\nbackend = \"gitea\"\nrepo = \"itcilo/training-site\"\nbranch = \"published\"\nbase_url = \"https://codeberg.org\"\n"),
    );
    let b = s.built();
    assert_success(&b.report);
    b
}

fn config(b: &Built) -> Value {
    let text = std::fs::read_to_string(b.out.join("admin/config.yml")).expect("admin/config.yml");
    serde_json::from_str(&text[text.find('{').expect("JSON")..]).expect("config.yml is JSON")
}

/// Every key path the schema describes (`sessions.start`, `fee.lines.amount`…); a key that
/// takes shared ids or tables of its own (`cancellation`) also as the form's field of the own
/// tables (`cancellation__own.tiers.min_days`), their texts one per language of the site
/// (`contacts__own.name.fr`).
fn schema_paths(fields: &[Field], prefix: &str, own: bool, out: &mut BTreeSet<String>) {
    for f in fields {
        let p = format!("{prefix}{}", f.key);
        out.insert(p.clone());
        let per_language = matches!(f.kind, Kind::Line | Kind::Paragraph | Kind::Markdown);
        if own && f.lang == Lang::Text && per_language {
            for l in ["en", "fr", "es", "ar"] {
                out.insert(format!("{p}.{l}"));
            }
        }
        match f.kind {
            Kind::Group(sub) | Kind::Groups(sub) => schema_paths(sub, &format!("{p}."), own, out),
            Kind::Ids {
                inline: Some(sub), ..
            } => {
                let o = format!("{p}{}", prospectus::editor::OWN);
                out.insert(o.clone());
                schema_paths(sub, &format!("{o}."), true, out);
            }
            _ => {}
        }
    }
}

fn config_paths(fields: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    for f in fields.as_array().expect("fields") {
        let p = format!("{prefix}{}", f["name"].as_str().expect("name"));
        out.insert(p.clone());
        if f.get("fields").is_some() {
            config_paths(&f["fields"], &format!("{p}."), out);
        }
    }
}

#[test]
fn the_editor_offers_every_key_the_loader_reads_and_no_other() {
    let b = with_editor();
    let cfg = config(&b);
    for (name, fields) in [
        ("courses", schema::COURSE),
        ("course_folders", schema::COURSE),
        ("notices", schema::NOTICE),
        ("pages", schema::PAGE),
    ] {
        let c = cfg["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no collection {name}"));
        let mut want = BTreeSet::new();
        schema_paths(fields, "", false, &mut want);
        want.insert("body".into());
        let mut got = BTreeSet::new();
        config_paths(&c["fields"], "", &mut got);
        assert_eq!(
            got, want,
            "{name}: the editor's fields differ from the loader's keys"
        );
        // Facts once for every language, texts per language.
        for f in fields {
            let field = c["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["name"] == f.key)
                .unwrap();
            let holds_text = f
                .sub_fields()
                .is_some_and(|s| s.iter().any(|x| x.lang == Lang::Text))
                && matches!(f.kind, Kind::Group(_) | Kind::Groups(_));
            let want = if f.lang == Lang::Text || holds_text {
                Value::Bool(true)
            } else {
                Value::String("duplicate".into())
            };
            assert_eq!(field["i18n"], want, "{name}.{}", f.key);
            assert_eq!(field["required"], f.required, "{name}.{}", f.key);
            // Own tables: facts, entered once for every language, never required.
            if let Kind::Ids {
                inline: Some(_),
                many,
                ..
            } = f.kind
            {
                let own = format!("{}{}", f.key, prospectus::editor::OWN);
                let own = c["fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["name"] == own.as_str())
                    .unwrap_or_else(|| panic!("{name}: no field {own}"));
                assert_eq!(own["i18n"], "duplicate", "{name}.{}", f.key);
                assert_eq!(own["required"], false, "{name}.{}", f.key);
                assert_eq!(own["widget"], if many { "list" } else { "object" });
            }
        }
    }
}

#[test]
fn the_configuration_follows_site_toml_and_data() {
    let b = with_editor();
    let cfg = config(&b);
    assert_eq!(cfg["backend"]["name"], "gitea");
    assert_eq!(cfg["backend"]["repo"], "itcilo/training-site");
    assert_eq!(cfg["backend"]["branch"], "published");
    assert_eq!(cfg["backend"]["base_url"], "https://codeberg.org");
    assert_eq!(
        cfg["i18n"]["locales"],
        serde_json::json!(["en", "fr", "es", "ar"])
    );
    assert_eq!(cfg["i18n"]["default_locale"], "en");
    assert_eq!(cfg["i18n"]["omit_default_locale_from_file_path"], true);
    let course = &cfg["collections"][0]["fields"];
    let field = |k: &str| {
        course
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == k)
            .unwrap()
            .clone()
    };
    let topics: Vec<(String, String)> = field("topics")["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["value"].as_str().unwrap().into(),
                o["label"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        topics.contains(&(
            "gender-equality".into(),
            "Gender equality and diversity".into()
        )),
        "{topics:?}"
    );
    let modality = field("modality");
    assert_eq!(
        modality["options"][1],
        serde_json::json!({"value": "face-to-face", "label": "Face-to-face"})
    );
    assert_eq!(field("code")["pattern"][0], r"^[A-Za-z0-9][A-Za-z0-9._-]*$");
    assert_eq!(
        field("sessions")["fields"][1]["widget"],
        prospectus::editor::WHEN_WIDGET
    );
    // A course's own policy: its tiers' rules hinted; its notice per language.
    let own = field("cancellation__own");
    assert_eq!(own["label"], "Own cancellation policy");
    assert_eq!(own["fields"][0]["fields"][1]["name"], "fr");
    assert_eq!(own["fields"][0]["fields"][0]["widget"], "markdown");
    let tiers = &own["fields"][1];
    assert!(
        tiers["hint"]
            .as_str()
            .unwrap()
            .contains("last tier at 0 days"),
        "{tiers}"
    );
    assert_eq!(tiers["fields"][1]["max"], 100);
    assert!(field("cancellation")["hint"]
        .as_str()
        .unwrap()
        .contains("not both"));
    // A course given several times: a list of runs, each with its own list of sessions, its
    // application and its fee.
    let runs = field("runs");
    assert_eq!(runs["widget"], "list");
    let sub = |k: &str| {
        runs["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == k)
            .unwrap_or_else(|| panic!("runs.{k}"))
            .clone()
    };
    assert_eq!(sub("sessions")["widget"], "list");
    assert_eq!(
        sub("sessions")["fields"][1]["widget"],
        prospectus::editor::WHEN_WIDGET
    );
    assert_eq!(sub("application")["widget"], "object");
    assert_eq!(sub("fee")["widget"], "object");
    assert_eq!(sub("suffix")["pattern"][0], r"^[A-Za-z0-9._-]+$");
    assert!(field("timezone")["options"]
        .as_array()
        .unwrap()
        .iter()
        .any(|z| z == "Europe/Rome"));
    let currencies = field("fee")["fields"][1]["options"]
        .as_array()
        .unwrap()
        .clone();
    assert!(currencies.iter().any(|c| c["value"] == "XOF"));
    assert!(
        !currencies.iter().any(|c| c["value"] == "XAU"),
        "gold is no money a fee is paid in"
    );
    let notices = &cfg["collections"][2]["fields"];
    let related = notices
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "related_courses")
        .unwrap();
    assert!(related["options"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["value"] == "A9718007"));
}

#[test]
fn the_page_loads_the_pinned_cms_with_its_integrity() {
    let b = with_editor();
    let html = std::fs::read_to_string(b.out.join("admin/index.html")).unwrap();
    let script = format!(
        "<script src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
        prospectus::editor::CMS_SCRIPT,
        prospectus::editor::CMS_SCRIPT_SRI
    );
    assert!(html.contains(&script), "{html}");
    assert!(
        prospectus::editor::CMS_SCRIPT.contains(&format!("@{}/", prospectus::editor::CMS_VERSION))
    );
    assert!(html.contains("<script type=\"module\" src=\"editor.js\"></script>"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    for f in [
        "editor.js",
        "toml-edit.js",
        "toml-text.js",
        "toml-values.js",
        "form.js",
        "facts.js",
        "inherit.js",
        "previews.js",
        "when.js",
        "smol-toml/index.js",
        "smol-toml/LICENSE",
    ] {
        assert!(b.out.join("admin").join(f).is_file(), "admin/{f}");
    }
    // The data for the script is JSON that cannot end the script element early.
    let start = html.find("id=\"prospectus-editor\">").unwrap();
    let data = &html[start..html[start..].find("</script>").unwrap() + start];
    assert!(
        !data[1..].contains("</"),
        "an unescaped </ in the script data"
    );
}

#[test]
fn no_editor_unless_enabled() {
    let s = Site::example();
    let b = s.built();
    assert_success(&b.report);
    assert!(!b.out.join("admin").exists());
    let s = Site::example();
    let toml = s.read("site.toml");
    s.write("site.toml", format!("{toml}\n[editor]\nenabled = false\n"));
    let b = s.built();
    assert_success(&b.report);
    assert!(!b.out.join("admin").exists());
}

#[test]
fn a_static_file_in_admin_clashes_with_the_editor() {
    let s = Site::example();
    let toml = s.read("site.toml");
    s.write(
        "site.toml",
        format!("{toml}\n[editor]\nenabled = true\nbackend = \"github\"\nrepo = \"itcilo/training-site\"\n"),
    );
    s.write("static/admin/config.yml", "backend:\n  name: github\n");
    let r = s.build();
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{}", show(&r));
    assert_eq!(e[0].code, "duplicate-address", "{}", show(&r));
    assert!(
        e[0].message.contains("admin/config.yml") || show(&r).contains("admin/config.yml"),
        "{}",
        show(&r)
    );
}
