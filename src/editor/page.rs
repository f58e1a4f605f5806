//! `/admin/index.html`: the page that loads Sveltia CMS (pinned, with its integrity hash) and
//! the editor's own script, with what that script needs from the site: the shape of each
//! collection's front matter (to write TOML back as the author wrote it) and the words and data
//! of the previews (UI strings, topic labels, contacts, policies per language).

use super::cms::COLLECTIONS;
use crate::model::{Localized, Site};
use crate::render::escape;
use crate::render::Ctx;
use crate::schema::{Field, Kind};
use serde_json::{json, Map, Value};

/// How the editor's script writes a key's value (`toml-edit.js`). A key that takes ids or
/// tables of its own names the form's field of the tables (`own`) and the language a plain text
/// in them is in (`language`, the site's default).
fn shape(f: &Field, default_language: &str) -> Value {
    let (t, sub): (&str, Option<&[Field]>) = match f.kind {
        Kind::Markdown | Kind::Paragraph => ("long", None),
        Kind::When => ("when", None),
        Kind::Amount | Kind::Whole { .. } => ("number", None),
        Kind::Flag => ("flag", None),
        Kind::Texts | Kind::Aliases | Kind::CourseCodes | Kind::LanguageTags => ("texts", None),
        Kind::Ids { many, inline, .. } => (if many { "ids" } else { "id" }, inline),
        Kind::Group(s) => ("group", Some(s)),
        Kind::Groups(s) => ("groups", Some(s)),
        _ => ("text", None),
    };
    let lang = match f.lang {
        crate::schema::Lang::Fact => "fact",
        crate::schema::Lang::Text => "text",
    };
    let mut v = json!({ "key": f.key, "type": t, "lang": lang });
    if let Some(sub) = sub {
        v["fields"] = Value::Array(sub.iter().map(|s| shape(s, default_language)).collect());
    }
    // The runs are matched between translations item by item, each fact of a run on its own
    // (`assemble/runs.rs`); any other list of tables is one fact, compared whole.
    if matches!(f.kind, Kind::Groups(_)) && f.key == "runs" {
        v["byItem"] = json!(true);
    }
    if let Kind::Ids {
        inline: Some(_), ..
    } = f.kind
    {
        v["own"] = json!(format!("{}{}", f.key, super::own::OWN));
        v["label"] = json!(f.label);
        v["language"] = json!(default_language);
    }
    v
}

/// The preview's words in every language: the theme's strings a course page uses.
const PREVIEW_STRINGS: &[&str] = &[
    "code",
    "dates",
    "date_range",
    "dates_schedule",
    "modality",
    "workload",
    "languages_of_instruction",
    "fee",
    "free",
    "fee_includes",
    "scholarships",
    "deadline",
    "key_facts",
    "sessions",
    "objectives",
    "contacts",
    "topics",
    "cancellation",
    "refund",
    "refund_days_or_more",
    "refund_percent",
    "refund_full",
    "refund_none",
    "related_courses",
    "notice_until",
    "apply_button",
    "self_paced_dates",
    "starts_rolling",
    "starts_on_request",
    "state_nomination",
];

fn localized(l: &Localized, lang: &str, order: &[String]) -> String {
    l.get(lang, order).to_string()
}

/// Per language: strings, topic labels, contacts and policies, as the previews show them.
fn preview_data(ctx: &Ctx<'_>) -> Value {
    let site: &Site = ctx.site;
    let cfg = &site.config;
    let order = &cfg.text_order;
    let mut langs = Map::new();
    for lang in &cfg.languages {
        let Some(t) = ctx.strings.get(lang) else {
            continue;
        };
        let strings: Map<String, Value> = t
            .iter()
            .filter(|(k, _)| {
                PREVIEW_STRINGS.contains(k)
                    || ["modality_", "status_", "kind_", "days_", "notice_until_"]
                        .iter()
                        .any(|p| k.starts_with(p))
            })
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
        let topics: Map<String, Value> = site
            .data
            .topics
            .iter()
            .map(|(id, l)| (id.clone(), json!(localized(l, lang, order))))
            .collect();
        let contacts: Map<String, Value> = site
            .data
            .contacts
            .iter()
            .map(|(id, c)| {
                let v = json!({
                    "name": localized(&c.name, lang, order),
                    "email": c.email,
                    "phone": c.phone,
                    "address": c.address.as_ref().map(|a| localized(a, lang, order)),
                    "url": c.url,
                });
                (id.clone(), v)
            })
            .collect();
        let policies: Map<String, Value> = site
            .data
            .policies
            .iter()
            .map(|(id, p)| {
                let tiers: Vec<Value> = p
                    .tiers
                    .iter()
                    .map(|t| json!([t.min_days, t.refund_percent]))
                    .collect();
                let v = json!({
                    "notice": p.notice.as_ref().map(|n| localized(n, lang, order)),
                    "tiers": tiers,
                });
                (id.clone(), v)
            })
            .collect();
        // The zones a time is written in: the site's and its courses', named as pages name them.
        let zones: Map<String, Value> = std::iter::once(cfg.timezone)
            .chain(site.courses.iter().map(|c| c.tz))
            .map(|tz| {
                let words = crate::i18n::cldr::zone_name(lang, tz.name());
                (tz.name().to_string(), json!(words))
            })
            .collect();
        langs.insert(
            lang.clone(),
            json!({
                "strings": strings,
                "topics": topics,
                "contacts": contacts,
                "policies": policies,
                "rtl": crate::i18n::is_rtl(lang),
                "dates": super::dates::patterns(&ctx.lctx(lang)),
                "zones": zones,
            }),
        );
    }
    Value::Object(langs)
}

/// The data of the editor's script, as JSON safe inside a `<script>` element.
pub fn script_data(ctx: &Ctx<'_>) -> String {
    let cfg = &ctx.site.config;
    let shapes: Map<String, Value> = COLLECTIONS
        .iter()
        .map(|c| {
            (
                c.format.to_string(),
                Value::Array(
                    c.fields
                        .iter()
                        .map(|f| shape(f, &cfg.default_language))
                        .collect(),
                ),
            )
        })
        .collect();
    let previews: Map<String, Value> = COLLECTIONS
        .iter()
        .map(|c| (c.name.to_string(), json!(c.format)))
        .collect();
    let v = json!({
        "collections": previews,
        "dateWidget": super::WHEN_WIDGET,
        "defaultLanguage": cfg.default_language,
        "timezone": cfg.timezone.name(),
        "stylesheet": ctx.asset("assets/style.css"),
        "shapes": shapes,
        "preview": preview_data(ctx),
    });
    // `</` would end the script element; `<!--` could start a comment state.
    v.to_string()
        .replace("</", "<\\/")
        .replace("<!--", "<\\!--")
}

/// The page's HTML.
pub fn index(ctx: &Ctx<'_>) -> String {
    let cfg = &ctx.site.config;
    let title = cfg.title.get(&cfg.default_language, &cfg.text_order);
    let importmap = json!({
        "integrity": super::CMS_MODULES.iter().map(|(u, h)| (u.to_string(), json!(h))).collect::<Map<_, _>>()
    });
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title} · Editor</title>
<link rel="cms-config-url" href="config.yml" type="application/yaml">
<script type="importmap">{importmap}</script>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="{src}" integrity="{sri}" crossorigin="anonymous"></script>
<script type="application/json" id="prospectus-editor">{data}</script>
<script type="module" src="editor.js"></script>
</head>
<body>
<noscript>The editor needs JavaScript.</noscript>
</body>
</html>
"#,
        lang = escape::html(&cfg.default_language),
        title = escape::html(title),
        src = super::CMS_SCRIPT,
        sri = super::CMS_SCRIPT_SRI,
        data = script_data(ctx),
    )
}
