//! What link previews and browsers show of a page beside its text: the Open Graph and Twitter
//! card data ([`share`]: title, description, address, locales, picture), the picture of a
//! course whose bundle has one ([`course_image`]), and the site's icons ([`icons`]).

use crate::model::Course;
use crate::render::view::{Icons, Share, ShareImage};
use crate::render::Ctx;

/// The preview of a page in `lang` at `url` (root-relative) with the site's picture;
/// `langs` are the languages the page exists in.
pub fn share(
    ctx: &Ctx<'_>,
    lang: &str,
    title: &str,
    description: &str,
    url: &str,
    langs: &[&str],
) -> Share {
    let cfg = &ctx.site.config;
    Share {
        title: title.to_string(),
        description: description.to_string(),
        url: ctx.urls.abs(url),
        site_name: cfg.title.get(lang, &cfg.text_order).to_string(),
        locale: og_locale(lang),
        locale_alternates: langs
            .iter()
            .filter(|l| **l != lang)
            .map(|l| og_locale(l))
            .collect(),
        image: site_image(ctx),
    }
}

/// `og:locale` writes a language tag with `_` (`pt_BR`); a tag without a region stays one
/// (`en`): the page does not say which country's English it is.
fn og_locale(lang: &str) -> String {
    lang.replace('-', "_")
}

/// The site's share picture (`share_image`), when it is among the static files and readable.
pub fn site_image(ctx: &Ctx<'_>) -> Option<ShareImage> {
    let path = &ctx.site.config.share_image.0;
    let (width, height) =
        crate::model::config::share_image_size(ctx.site.theme.statics.get(path)?)?;
    Some(ShareImage {
        url: ctx.urls.abs(&ctx.urls.asset(path)),
        width,
        height,
    })
}

/// A course's own picture for previews: the PNG, JPEG, GIF or WebP file of its bundle folder
/// named `share.*`, else the first such file by name; published beside its page in `lang`.
pub fn course_image(ctx: &Ctx<'_>, course: &Course, lang: &str) -> Option<ShareImage> {
    let folder = course.bundle.as_deref()?;
    let mut pictures: Vec<(&str, (u32, u32))> = ctx
        .site
        .assets
        .iter()
        .filter_map(|a| {
            let name = a.rel.strip_prefix(folder)?.strip_prefix('/')?;
            let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
            let raster = ["png", "jpg", "jpeg", "gif", "webp"].contains(&ext.as_str());
            (raster && !name.contains('/')).then_some((name, a.size?))
        })
        .collect();
    pictures.sort_by_key(|(name, _)| (!name.starts_with("share."), *name));
    let (name, (width, height)) = pictures.into_iter().next()?;
    Some(ShareImage {
        url: ctx
            .urls
            .abs(&format!("{}{name}", ctx.urls.course(lang, &course.slug))),
        width,
        height,
    })
}

/// The site's icons: those of the default theme (or files of the same names), where present.
pub fn icons(ctx: &Ctx<'_>) -> Icons {
    let statics = &ctx.site.theme.statics;
    let url = |path: &str| {
        if statics.contains_key(path) {
            ctx.urls.asset(path)
        } else {
            String::new()
        }
    };
    Icons {
        svg: url("assets/icon.svg"),
        png: url("assets/icon-192.png"),
        apple: url("apple-touch-icon.png"),
    }
}
