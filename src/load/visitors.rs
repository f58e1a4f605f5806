//! The settings of site.toml about what visitors see beside the content: the footer's address
//! and links (`[organisation]` `address`, `contact`, `privacy`, `accessibility`) and the share
//! picture (`share_image`), checked here (read with the rest by [`super::config`]).

use super::config::CONFIG_FILE;
use super::fields::Fields;
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::config::{share_image_size, Footer};
use crate::model::{Localized, SiteConfig};

/// The share image named in site.toml is a PNG, JPEG, GIF or WebP picture among the static files
/// (the site's `static/` or the theme's). The default one may be missing (a theme of the site's
/// own without it): pages then have no picture for link previews.
pub fn check_share_image(
    text: &str,
    config: &SiteConfig,
    statics: &std::collections::BTreeMap<String, Vec<u8>>,
    d: &mut Diagnostics,
) {
    let (path, Some(span)) = &config.share_image else {
        return;
    };
    let why = match statics.get(path) {
        None => "there is no such file in static/ (nor in the theme's)",
        Some(bytes) if share_image_size(bytes).is_none() => {
            "it is not a PNG, JPEG, GIF or WebP picture"
        }
        Some(_) => return,
    };
    let src = SourceText::new(CONFIG_FILE, text);
    d.push(
        Diagnostic::error("bad-share-image", format!("share_image \"{path}\": {why}"))
            .at(&src, span.clone())
            .with_hint("put a picture of 1200×630 pixels in static/ (e.g. static/images/share.png) and write its path inside static/: share_image = \"images/share.png\""),
    );
}

/// `[organisation]` `address` (a text) and the footer's links `contact`, `privacy` and
/// `accessibility`, each once or per language.
pub fn footer_settings(org: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Footer {
    let address = org.localized(d, "address").map(|s| s.into_inner());
    let mut link = |key: &'static str| {
        let v = org.localized(d, key)?;
        let values: Vec<(Option<&String>, &String)> = match v.get_ref() {
            Localized::Plain(s) => vec![(None, s)],
            Localized::PerLang(m) => m.iter().map(|(l, s)| (Some(l), s)).collect(),
        };
        let Some((lang, bad)) = values
            .into_iter()
            .find(|(_, u)| footer_link(u, key == "contact").is_none())
        else {
            let link = |u: &String| footer_link(u, key == "contact").unwrap_or_default();
            return Some(match v.into_inner() {
                Localized::Plain(u) => Localized::Plain(link(&u)),
                Localized::PerLang(m) => {
                    Localized::PerLang(m.iter().map(|(l, u)| (l.clone(), link(u))).collect())
                }
            });
        };
        let span = lang
            .and_then(|l| org.sub_value_span(key, l))
            .unwrap_or_else(|| v.span());
        d.push(
            Diagnostic::error("bad-url", format!("`{key}` \"{bad}\" is not a usable link"))
                .at(&org.src, span)
                .with_hint(if key == "contact" {
                    "write a web address (\"https://example.org/contact\"), a page of the site (\"/en/contact/\") or an e-mail address (\"training@example.org\")"
                } else {
                    "write a web address (\"https://example.org/privacy\") or a page of the site (\"/en/privacy/\")"
                }),
        );
        None
    };
    let contact = link("contact");
    let privacy = link("privacy");
    let accessibility = link("accessibility");
    Footer {
        address,
        contact,
        privacy,
        accessibility,
    }
}

/// Where a footer link leads: an absolute http(s) address as is, a page of the site (`/…`)
/// as written (the base path is added when it is rendered), an e-mail address (with `email`) as
/// a `mailto:` address; `None` for anything else.
fn footer_link(value: &str, email: bool) -> Option<String> {
    let v = value.trim();
    if super::shared::url_problem(v, email).is_none() {
        return Some(v.to_string());
    }
    if v.starts_with('/') && !v.starts_with("//") && !v.contains([' ', '"', '<', '>', '\\']) {
        return Some(v.to_string());
    }
    let plain_email = email
        && v.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty() && b.contains('.') && !v.contains([' ', '"', '<', '>', '/', ':'])
        });
    plain_email.then(|| format!("mailto:{v}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_links_are_addresses_pages_or_e_mail() {
        assert_eq!(
            footer_link("training@example.org", true).as_deref(),
            Some("mailto:training@example.org")
        );
        assert_eq!(footer_link("training@example.org", false), None);
        assert_eq!(
            footer_link(" /en/contact/ ", false).as_deref(),
            Some("/en/contact/")
        );
        assert_eq!(
            footer_link("https://example.org/p", false).as_deref(),
            Some("https://example.org/p")
        );
        for bad in [
            "//example.org/x",
            "www.example.org",
            "javascript:alert(1)",
            "a b@c.org",
            "",
        ] {
            assert_eq!(footer_link(bad, true), None, "{bad}");
        }
    }
}
