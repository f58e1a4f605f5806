//! The data every HTML page's head and frame need ([`Common`]): language and direction, title,
//! description, canonical and alternate addresses, link previews, navigation, language switcher,
//! footer, stylesheet and script, the strings of the state script. Breadcrumbs, JSON-LD and a
//! course's own preview picture are the page's own, added to it.

use super::lang::mark;
use super::share::{icons, share};
use crate::i18n::cldr;
use crate::render::view::{Alternate, Common, FooterView, Link, NavItem, SwitchItem};
use crate::render::{Ctx, Lctx};

/// The parts common to every page. `alts` lists (language, root-relative URL) of the page's
/// translations, the current one included.
pub fn common(
    ctx: &Ctx<'_>,
    l: &Lctx<'_>,
    title: &str,
    description: Option<&str>,
    url: &str,
    alts: &[(String, String)],
) -> Common {
    let cfg = &ctx.site.config;
    let alternates: Vec<Alternate> = cfg
        .languages
        .iter()
        .filter_map(|lang| alts.iter().find(|(a, _)| a == lang))
        .map(|(lang, href)| Alternate {
            lang: lang.clone(),
            name: cldr::language_name(lang, lang),
            href: href.clone(),
            abs: ctx.urls.abs(href),
            current: *lang == l.lang,
        })
        .collect();
    let x_default = alts
        .iter()
        .find(|(a, _)| *a == cfg.default_language)
        .or_else(|| alts.first())
        .map(|(_, h)| ctx.urls.abs(h));
    let site_title = cfg.title.get(&l.lang, &cfg.text_order).to_string();
    let mut nav = vec![
        nav_item(ctx.urls.home(&l.lang), l.t.get("nav_home"), url),
        nav_item(ctx.urls.catalogue(&l.lang, 1), l.t.get("nav_courses"), url),
        nav_item(ctx.urls.notices(&l.lang), l.t.get("nav_notices"), url),
        nav_item(ctx.urls.calendar(&l.lang), l.t.get("nav_calendar"), url),
        nav_item(ctx.urls.search(&l.lang), l.t.get("nav_search"), url),
    ];
    for p in ctx
        .site
        .pages
        .iter()
        .filter(|p| p.menu && !p.is_section_index)
    {
        let (lang, t) = p.texts.pick(&l.lang, &ctx.site.config.text_order);
        nav.push(nav_item(ctx.urls.page(lang, &p.path), &t.title, url));
    }
    let description = description
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(|| site_description(ctx, &l.lang), str::to_string);
    let langs: Vec<&str> = alternates.iter().map(|a| a.lang.as_str()).collect();
    let share = share(ctx, &l.lang, title, &description, url, &langs);
    Common {
        lang: l.lang.clone(),
        dir: dir(&l.lang),
        title: if title == site_title {
            title.to_string()
        } else {
            format!("{title} | {site_title}")
        },
        site_title,
        description,
        share,
        icons: icons(ctx),
        switcher: switcher(ctx, &l.lang, url, alts),
        footer: footer(ctx, l),
        canonical: ctx.urls.abs(url),
        home: ctx.urls.home(&l.lang),
        nav,
        alternates,
        x_default,
        css: ctx.asset("assets/style.css"),
        js: ctx.asset("assets/prospectus.js"),
        live_reload: ctx.opts.live_reload.clone(),
        jsonld: None,
        breadcrumbs: Vec::new(),
        state_strings: ctx.state_strings(&l.lang),
        as_of: None,
        feeds: feeds(ctx, l),
    }
}

/// What the site offers in `lang`, for pages without a summary of their own: `description` of
/// site.toml, else the text of the home page's `_index` file's `summary`, else the theme's words.
pub fn site_description(ctx: &Ctx<'_>, lang: &str) -> String {
    let cfg = &ctx.site.config;
    if let Some(d) = &cfg.description {
        let text = d.get(lang, &cfg.text_order).trim();
        if !text.is_empty() {
            return text.to_string();
        }
    }
    let home = ctx
        .site
        .section("")
        .map(|p| p.texts.pick(lang, &cfg.text_order));
    match home.and_then(|(_, t)| t.summary.as_deref()).map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => ctx.strings[lang].get("site_description").to_string(),
    }
}

/// Every language of the site: the page's translation where there is one (`alts`), else that
/// language's part of the site the page belongs to (the course list for a course, the notices
/// for a notice, the home page for anything else), marked as such.
fn switcher(ctx: &Ctx<'_>, lang: &str, url: &str, alts: &[(String, String)]) -> Vec<SwitchItem> {
    let home = ctx.urls.home(lang);
    let section = url
        .strip_prefix(&home)
        .and_then(|rest| rest.split_once('/'));
    ctx.site
        .config
        .languages
        .iter()
        .map(|x| {
            let name = cldr::language_name(x, x);
            match alts.iter().find(|(a, _)| a == x) {
                Some((_, href)) => SwitchItem {
                    lang: x.clone(),
                    dir: dir(x),
                    name,
                    href: href.clone(),
                    current: x == lang,
                    missing: None,
                },
                None => SwitchItem {
                    lang: x.clone(),
                    dir: dir(x),
                    name,
                    href: match section {
                        Some(("courses", _)) => ctx.urls.catalogue(x, 1),
                        Some(("notices", _)) => ctx.urls.notices(x),
                        _ => ctx.urls.home(x),
                    },
                    current: false,
                    missing: Some(ctx.strings[x.as_str()].get("switcher_missing").to_string()),
                },
            }
        })
        .collect()
}

/// The footer in the page's language: `[organisation]` `name`, `address`, and the links
/// `contact`, `privacy`, `accessibility` that site.toml gives.
fn footer(ctx: &Ctx<'_>, l: &Lctx<'_>) -> FooterView {
    let cfg = &ctx.site.config;
    let text = |v: &Option<crate::model::Localized>| {
        v.as_ref()
            .map(|v| v.get(&l.lang, &cfg.text_order).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let f = &cfg.footer;
    let links = [
        (&f.contact, "footer_contact"),
        (&f.privacy, "footer_privacy"),
        (&f.accessibility, "footer_accessibility"),
    ]
    .into_iter()
    .filter_map(|(v, key)| {
        // Checked and made whole (`mailto:`) by the loader; a page of the site gets the base path.
        let target = text(v)?;
        let href = if target.starts_with('/') {
            ctx.urls.asset(target.trim_start_matches('/'))
        } else {
            target
        };
        Some(Link {
            href,
            label: l.t.get(key).to_string(),
        })
    })
    .collect();
    let (name, name_lang) = cfg.organisation_name.get_in(&l.lang, &cfg.text_order);
    let (address, address_lang) = f
        .address
        .as_ref()
        .map(|a| a.get_in(&l.lang, &cfg.text_order))
        .map(|(a, lang)| (a.trim(), lang))
        .filter(|(a, _)| !a.is_empty())
        .unzip();
    FooterView {
        name: name.to_string(),
        name_lang: mark(&l.lang, name_lang),
        address: address.map(str::to_string),
        address_lang: mark(&l.lang, address_lang.flatten()),
        links,
    }
}

/// "This page shows the situation on 20 August 2025.": the build's day in the site's zone, for
/// [`Common::as_of`].
pub fn as_of(ctx: &Ctx<'_>, l: &Lctx<'_>) -> String {
    let day = ctx
        .now
        .with_timezone(&ctx.site.config.timezone)
        .date_naive();
    l.t.fill("as_of", &[("date", &cldr::long_date(&l.lang, day))])
}

/// The title of a language's feed of `what` (`notices_title`, `feed_courses_title`): in the
/// feed itself and in the links to it.
pub fn feed_title(ctx: &Ctx<'_>, l: &Lctx<'_>, what: &str) -> String {
    let cfg = &ctx.site.config;
    format!(
        "{} — {}",
        cfg.title.get(&l.lang, &cfg.text_order),
        l.t.get(what)
    )
}

/// The language's Atom feeds, for feed readers to discover from any of its pages: the notices
/// (always written) and the courses (when there are any).
fn feeds(ctx: &Ctx<'_>, l: &Lctx<'_>) -> Vec<Link> {
    let mut out = vec![Link {
        href: ctx.urls.atom(&l.lang),
        label: feed_title(ctx, l, "notices_title"),
    }];
    if !ctx.site.courses.is_empty() {
        out.push(Link {
            href: ctx.urls.courses_atom(&l.lang),
            label: feed_title(ctx, l, "feed_courses_title"),
        });
    }
    out
}

/// The direction of a language's text: `rtl` or `ltr`.
pub fn dir(lang: &str) -> &'static str {
    if crate::i18n::is_rtl(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

fn nav_item(href: String, label: &str, current: &str) -> NavItem {
    let is_current =
        href == current || (current.starts_with(&href) && href.matches('/').count() > 2);
    NavItem {
        href,
        label: label.to_string(),
        current: is_current,
    }
}

/// (language, `f(language)`) for every language of the site: the alternates of a page that
/// exists in all of them.
pub fn every_lang(ctx: &Ctx<'_>, f: impl Fn(&str) -> String) -> Vec<(String, String)> {
    ctx.site
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), f(l)))
        .collect()
}
