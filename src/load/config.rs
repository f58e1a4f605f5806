//! `site.toml`: read, checked, and turned into [`SiteConfig`].

use super::fields::{Fields, Sp};
use super::settings::{calendar_settings, catalogue, soon_days};
use super::visitors::footer_settings;
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::config::{Footer, DEFAULT_SHARE_IMAGE};
use crate::model::{Lang, Localized, SiteConfig};
use chrono_tz::Tz;
use toml::de::DeTable;

pub const CONFIG_FILE: &str = "site.toml";

/// Whether a path inside a static folder (`.well-known/security.txt`) may be published as far
/// as hidden names go: each of its hidden parts is listed in `[static] hidden`, itself or
/// with the folders above it (listing `.well-known` publishes `.well-known/x`, not
/// `.well-known/.git/x`).
pub fn publishes_hidden(config: &SiteConfig, path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    (0..parts.len())
        .filter(|&i| super::walk::is_hidden(parts[i]))
        .all(|i| {
            let upto = parts[..=i].join("/");
            config.static_hidden.contains(&upto)
        })
}

/// Parses `site.toml`. `base_url_override` is `--base-url`.
pub fn parse(
    text: &str,
    base_url_override: Option<&str>,
    d: &mut Diagnostics,
) -> Option<SiteConfig> {
    let src = SourceText::new(CONFIG_FILE, text);
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            d.push(super::frontmatter::toml_error(&src, &e));
            return None;
        }
    };
    let errors_before = d.error_count();
    let mut f = Fields::new(src, table.get_ref(), table.span(), "");
    let title = f.localized(d, "title");
    let base_url = f.string(d, "base_url");
    let default_language = f.string(d, "default_language");
    let languages = f.string_list(d, "languages");
    let languages_span = f.value_span("languages").unwrap_or(0..0);
    let timezone = f.string(d, "timezone");
    let theme = f.string(d, "theme");
    let description = f.localized(d, "description").map(|s| s.into_inner());
    let share_image = f.string(d, "share_image").map(|s| {
        (
            s.get_ref().trim_start_matches('/').to_string(),
            Some(s.span()),
        )
    });
    let (org_name, org_url, footer) = organisation(&mut f, d);
    let raw_html = raw_html(&mut f, d);
    let (page_size, past) = catalogue(&mut f, d);
    let calendar = calendar_settings(&src, &mut f, d);
    let soon_days = soon_days(&mut f, d);
    let static_hidden = static_settings(&mut f, d);
    let editor = f
        .table(d, "editor")
        .and_then(|t| crate::editor::settings::parse(t, d));
    let whole = f.span();
    f.finish(d);

    let title = site_title(&src, title, whole, d)?;
    let base_url = match (base_url_override, &base_url) {
        (Some(o), _) => check_base_url(o, None, d),
        (None, Some(b)) => check_base_url(b.get_ref(), Some((&src, b.span())), d),
        (None, None) => {
            d.push(
                Diagnostic::error("missing-field", "`base_url` is required in site.toml")
                    .in_file(CONFIG_FILE)
                    .with_hint("add a line like: base_url = \"https://training.example.org\""),
            );
            None
        }
    };
    let (langs, default_language) = languages_of(
        &src,
        languages.as_deref(),
        languages_span,
        default_language,
        d,
    );
    let timezone = match timezone {
        Some(tz) => tz.get_ref().parse::<Tz>().unwrap_or_else(|_| {
            d.push(bad_timezone(&src, tz.get_ref(), tz.span()));
            chrono_tz::UTC
        }),
        None => chrono_tz::UTC,
    };
    let theme = theme.map_or_else(|| "default".to_string(), |t| t.into_inner());
    if d.error_count() > errors_before {
        return None;
    }
    let base_url = base_url?;
    let organisation_name = org_name.unwrap_or_else(|| title.get_ref().clone());
    let text_order = std::iter::once(default_language.clone())
        .chain(langs.iter().filter(|l| **l != default_language).cloned())
        .collect();
    Some(SiteConfig {
        title: title.into_inner(),
        base_url,
        default_language,
        languages: langs,
        text_order,
        timezone,
        theme,
        organisation_name,
        organisation_url: org_url.map(|u| u.into_inner()),
        raw_html,
        page_size,
        past,
        soon_days,
        static_hidden,
        editor,
        calendar,
        description,
        footer,
        share_image: share_image.unwrap_or_else(|| (DEFAULT_SHARE_IMAGE.to_string(), None)),
    })
}

/// `[organisation]`: its name and address.
fn organisation(
    f: &mut Fields<'_, '_>,
    d: &mut Diagnostics,
) -> (Option<Localized>, Option<Sp<String>>, Footer) {
    let Some(mut org) = f.table(d, "organisation") else {
        return (None, None, Footer::default());
    };
    let name = org.localized(d, "name").map(|s| s.into_inner());
    let url = org
        .string(d, "url")
        .filter(|u| super::shared::check_url(&org, d, "url", u, false));
    let footer = footer_settings(&mut org, d);
    org.finish(d);
    (name, url, footer)
}

/// `[markdown] raw_html` (default true).
fn raw_html(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> bool {
    let mut raw_html = true;
    if let Some(mut md) = f.table(d, "markdown") {
        if let Some(b) = md.boolean(d, "raw_html") {
            raw_html = *b.get_ref();
        }
        md.finish(d);
    }
    raw_html
}

/// The site's title, which is required and not blank (`whole`: the span of the file).
fn site_title(
    src: &SourceText<'_>,
    title: Option<Sp<Localized>>,
    whole: std::ops::Range<usize>,
    d: &mut Diagnostics,
) -> Option<Sp<Localized>> {
    if let Some(t) = &title {
        let blank = match t.get_ref() {
            Localized::Plain(s) => s.trim().is_empty(),
            Localized::PerLang(m) => m.values().any(|s| s.trim().is_empty()),
        };
        if blank {
            d.push(
                Diagnostic::error("empty-value", "`title` is empty")
                    .at(src, t.span())
                    .with_hint("write the site's name between the quotes: title = \"International Training Centre\""),
            );
        }
    }
    if title.is_none() {
        d.push(
            Diagnostic::error("missing-field", "`title` is required in site.toml")
                .at(src, whole.start..whole.start + 1)
                .with_hint("add a line like: title = \"International Training Centre\""),
        );
    }
    title
}

/// The site's languages (never empty) and its default language, checked: valid tags, each
/// once, the default among them.
fn languages_of(
    src: &SourceText<'_>,
    languages: Option<&[Sp<String>]>,
    languages_span: std::ops::Range<usize>,
    default_language: Option<Sp<String>>,
    d: &mut Diagnostics,
) -> (Vec<Lang>, Lang) {
    let langs: Vec<Lang> = match languages {
        Some(l) => l.iter().map(|s| s.get_ref().clone()).collect(),
        None => default_language
            .iter()
            .map(|s| s.get_ref().clone())
            .collect(),
    };
    if let Some(list) = languages {
        check_languages(src, list, languages_span, d);
    }
    for l in languages.into_iter().flatten() {
        if !crate::i18n::cldr::is_valid_language_tag(l.get_ref()) {
            d.push(
                Diagnostic::error(
                    "bad-language-tag",
                    format!("`{}` is not a valid language code", l.get_ref()),
                )
                .at(src, l.span())
                .with_hint("use BCP 47 codes such as \"en\", \"fr\", \"es\", \"ar\", \"pt-BR\""),
            );
        }
    }
    let default_language = match default_language {
        Some(dl) => {
            // An empty list has its own error: nothing to pick from.
            if !langs.is_empty() && !langs.contains(dl.get_ref()) {
                d.push(
                    Diagnostic::error(
                        "unknown-language",
                        format!("default_language `{}` is not in `languages`", dl.get_ref()),
                    )
                    .at(src, dl.span())
                    .with_hint(format!(
                        "add it to languages, or pick one of: {}",
                        langs.join(", ")
                    )),
                );
            }
            dl.into_inner()
        }
        None => langs.first().cloned().unwrap_or_else(|| "en".to_string()),
    };
    let langs = if langs.is_empty() {
        vec![default_language.clone()]
    } else {
        langs
    };
    (langs, default_language)
}

/// `languages` names each language once, whatever the letter case (`"EN"` and `"en"` would
/// publish two trees and duplicate hreflang links), and is not empty.
fn check_languages(
    src: &SourceText<'_>,
    list: &[toml::Spanned<String>],
    span: std::ops::Range<usize>,
    d: &mut Diagnostics,
) {
    if list.is_empty() {
        d.push(
            Diagnostic::error("empty-value", "`languages` lists no language")
                .at(src, span)
                .with_hint("list the site's languages, the default one first, e.g. languages = [\"en\", \"fr\"]"),
        );
        return;
    }
    let mut kept: Vec<&str> = Vec::new();
    for l in list {
        if !kept.iter().any(|k| k.eq_ignore_ascii_case(l.get_ref())) {
            kept.push(l.get_ref());
        }
    }
    for (i, l) in list.iter().enumerate() {
        let v = l.get_ref().as_str();
        match list[..i]
            .iter()
            .find(|k| k.get_ref().eq_ignore_ascii_case(v))
        {
            None => {}
            Some(first) => {
                let first = first.get_ref();
                let message = if *first == v {
                    format!("`{v}` is listed twice in `languages`")
                } else {
                    format!("`{v}` and `{first}` are the same language: letter case does not make another one")
                };
                d.push(
                    Diagnostic::error("duplicate-language", message)
                        .at(src, l.span())
                        .with_hint(format!(
                            "keep one of them: languages = [{}]",
                            kept.iter()
                                .map(|k| format!("\"{k}\""))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                );
            }
        }
    }
}

/// `[static] hidden = [".well-known", ".htaccess"]`: the hidden files and folders of the
/// static folders that are published (`.well-known` when the key is not written).
fn static_settings(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Vec<String> {
    let mut hidden = vec![".well-known".to_string()];
    let Some(mut st) = f.table(d, "static") else {
        return hidden;
    };
    if let Some(list) = st.string_list(d, "hidden") {
        hidden.clear();
        for h in list {
            let path = h.get_ref().trim_end_matches('/');
            let parts: Vec<&str> = path.split('/').collect();
            let plain = !path.is_empty()
                && !path.contains('\\')
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && *p != "." && *p != "..");
            if !plain {
                d.push(
                    Diagnostic::error(
                        "bad-value",
                        format!("`{}` is not a path inside static/", h.get_ref()),
                    )
                    .at(&st.src, h.span())
                    .with_hint("write the path of the file or folder as it is inside static/, like \".well-known\" or \".htaccess\""),
                );
            } else if !parts.iter().any(|p| super::walk::is_hidden(p)) {
                d.push(
                    Diagnostic::error(
                        "bad-value",
                        format!("`{}` is not hidden: every file of static/ whose name does not start with a dot is published anyway", h.get_ref()),
                    )
                    .at(&st.src, h.span())
                    .with_hint("list only files and folders whose name starts with a dot, like \".well-known\" or \".htaccess\""),
                );
            } else {
                hidden.push(path.to_string());
            }
        }
    }
    st.finish(d);
    hidden
}

pub fn bad_timezone(src: &SourceText<'_>, name: &str, span: std::ops::Range<usize>) -> Diagnostic {
    let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()).collect();
    Diagnostic::error("bad-timezone", format!("`{name}` is not an IANA time zone"))
        .at(src, span)
        .with_hint(crate::diag::suggest(
            name,
            &names,
            "zones (e.g. Europe/Rome, America/Lima)",
        ))
}

/// A base URL as the site uses it (without a trailing `/`), or `None` when it is not an
/// absolute http(s) URL without query or fragment.
pub fn normalize_base_url(url: &str) -> Option<String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url
            .split_once("://")
            .is_some_and(|(_, r)| !r.is_empty() && !r.starts_with('/'))
        && !url.contains(['?', '#', ' ', '"', '<', '>']);
    ok.then(|| url.trim_end_matches('/').to_string())
}

fn check_base_url(
    url: &str,
    at: Option<(&SourceText<'_>, std::ops::Range<usize>)>,
    d: &mut Diagnostics,
) -> Option<String> {
    if let Some(url) = normalize_base_url(url) {
        return Some(url);
    }
    let diag = Diagnostic::error(
        "bad-url",
        format!("base_url `{url}` is not an absolute http(s) URL"),
    )
    .with_hint("write it like \"https://training.example.org\" (no query, no fragment)");
    d.push(match at {
        Some((src, span)) => diag.at(src, span),
        None => diag.with_hint(
            "--base-url must be an absolute http(s) URL like https://preview.example.org/pr-12",
        ),
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spec_example() {
        let text = r#"title = "International Training Centre"
base_url = "https://training.example.org/"
default_language = "en"
languages = ["en", "fr", "es", "ar"]
timezone = "Europe/Rome"
theme = "default"

[organisation]
name = "International Training Centre of the ILO"
url = "https://training.example.org"
"#;
        let mut d = Diagnostics::new();
        let c = parse(text, None, &mut d).unwrap();
        assert!(!d.has_errors(), "{:?}", d);
        assert_eq!(c.base_url, "https://training.example.org");
        assert_eq!(c.base_path(), "");
        assert_eq!(c.languages.len(), 4);
        let c = parse(text, Some("https://p.example.org/pr-3/"), &mut d).unwrap();
        assert_eq!(c.base_path(), "/pr-3");
    }

    #[test]
    fn reports_bad_zone_and_default_language() {
        let text = "title = \"x\"\nbase_url = \"https://a.org\"\ndefault_language = \"de\"\nlanguages = [\"en\"]\ntimezone = \"Europe/Roma\"\n";
        let mut d = Diagnostics::new();
        assert!(parse(text, None, &mut d).is_none());
        let items = d.into_sorted();
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].line, items[0].code), (3, "unknown-language"));
        assert_eq!((items[1].line, items[1].code), (5, "bad-timezone"));
        assert_eq!(
            items[1].hint.as_deref(),
            Some("did you mean `Europe/Rome`?")
        );
    }
}
