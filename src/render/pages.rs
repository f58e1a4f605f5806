//! HTML pages: one function per kind of page, each building its view and calling its template.

use super::compiled::{templates, Compiled};
use super::view::{self, Alternate, Common, CourseCard, Link, NavItem};
use super::{feeds, Content, Ctx, Job, Lctx, Output};
use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use serde::Serialize;
use tera::Context;

pub fn page_count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The links of a paginated list's pager: every page, labelled with its number (the templates
/// show the pager only when there are several pages).
pub(crate) fn pager_links(pages: usize, url: impl Fn(usize) -> String) -> Vec<Link> {
    (1..=pages)
        .map(|p| Link {
            href: url(p),
            label: p.to_string(),
        })
        .collect()
}

/// Renders a template with its view: by the template's compiled code where the site can use it
/// ([`super::compiled`]), else by Tera with the view serialised.
pub(crate) fn html<T: Serialize + Compiled>(
    ctx: &Ctx<'_>,
    template: &str,
    view: &T,
    path: String,
) -> Result<Vec<Output>, Diagnostic> {
    let out = render_template(ctx, template, view, 16 * 1024)?;
    Ok(vec![Output::bytes(path, out)])
}

/// The text of `template` for `view` (`capacity`: the expected size).
fn render_template<T: Serialize + Compiled>(
    ctx: &Ctx<'_>,
    template: &str,
    view: &T,
    capacity: usize,
) -> Result<String, Diagnostic> {
    if ctx.compiled.uses(template) {
        let mut out = String::with_capacity(capacity);
        if view.render_compiled(template, &mut out) {
            return Ok(out);
        }
    }
    let context =
        Context::from_serialize(view).map_err(|e| super::templates::template_error(&e))?;
    ctx.tera.render(template, &context).map_err(|e| {
        let mut d = super::templates::template_error(&e);
        d.message = format!("{template}: {}", d.message);
        d
    })
}

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
    Common {
        lang: l.lang.clone(),
        dir: if SiteConfig::is_rtl(&l.lang) {
            "rtl"
        } else {
            "ltr"
        },
        title: if title == site_title {
            title.to_string()
        } else {
            format!("{title} | {site_title}")
        },
        site_title,
        description: description.unwrap_or("").to_string(),
        canonical: ctx.urls.abs(url),
        home: ctx.urls.home(&l.lang),
        nav,
        alternates,
        x_default,
        css: ctx.urls.asset("assets/style.css"),
        js: ctx.urls.asset("assets/prospectus.js"),
        live_reload: ctx.opts.live_reload.clone(),
        jsonld: None,
        breadcrumbs: Vec::new(),
        org_name: cfg
            .organisation_name
            .get(&l.lang, &cfg.text_order)
            .to_string(),
        state_strings: ctx.state_strings(&l.lang),
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

fn all_langs(ctx: &Ctx<'_>, f: impl Fn(&str) -> String) -> Vec<(String, String)> {
    ctx.site
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), f(l)))
        .collect()
}

#[derive(Serialize)]
struct ListView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    heading: String,
    intro_html: Option<String>,
    /// Card HTML of the courses on this page (`card.html`).
    cards: Vec<String>,
    total: usize,
    count_text: String,
    pager: Vec<Link>,
    prev: Option<String>,
    next: Option<String>,
    page: usize,
    pages: usize,
    topics: Vec<Link>,
    current_topic: Option<String>,
    /// The catalogue's filter form (not on topic pages).
    filters: Option<super::filters::FilterForm>,
}
templates!(ListView<'_>: catalogue_html, topic_html);

#[derive(Serialize)]
struct HomeView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    intro_html: Option<String>,
    /// Card HTML (`card.html`) of courses open for applications, and of those starting soon.
    open: Vec<String>,
    soon: Vec<String>,
    notices: Vec<NoticeCard>,
    topics: Vec<Link>,
}
templates!(HomeView<'_>: home_html);

#[derive(Serialize)]
struct NoticeCard {
    title: String,
    summary: Option<String>,
    url: String,
    date: String,
    date_iso: String,
    kind: String,
    kind_id: String,
    expired: bool,
    other_lang: Option<String>,
    other_lang_code: Option<String>,
}

#[derive(Serialize)]
struct CourseView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    course: view::CourseView,
}
templates!(CourseView<'_>: course_html);

#[derive(Serialize)]
struct NoticeView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    notice: NoticeCard,
    body_html: String,
    courses: Vec<Link>,
    contacts: Vec<view::ContactView>,
    expires: Option<String>,
}
templates!(NoticeView<'_>: notice_html);

#[derive(Serialize)]
struct NoticesView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    intro_html: Option<String>,
    /// This page's notices: current ones first, then archived ones (each list in date order).
    current: Vec<NoticeCard>,
    archived: Vec<NoticeCard>,
    feed: String,
    /// This page (from 1), the number of pages and links to them (when there are several).
    page: usize,
    pages: usize,
    pager: Vec<Link>,
    prev: Option<String>,
    next: Option<String>,
}
templates!(NoticesView<'_>: notices_html);

#[derive(Serialize)]
struct PageView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    title: String,
    body_html: String,
}
templates!(PageView<'_>: page_html, _404_html);

#[derive(Serialize)]
struct ChooserView {
    title: String,
    default_url: String,
    languages: Vec<Alternate>,
    css: String,
    default_lang: String,
    dir: &'static str,
}
templates!(ChooserView: chooser_html);

fn topics_links(ctx: &Ctx<'_>, lang: &str) -> Vec<Link> {
    let mut v: Vec<Link> = ctx
        .site
        .data
        .topics
        .keys()
        .map(|t| Link {
            href: ctx.urls.topic(lang, t, 1),
            label: ctx.topic_label(t, lang),
        })
        .collect();
    v.sort_by(|a, b| a.label.cmp(&b.label));
    v
}

fn section_intro(ctx: &Ctx<'_>, path: &str, lang: &str) -> Option<String> {
    let p = ctx.site.section(path)?;
    let (tlang, t) = p.texts.pick(lang, &ctx.site.config.text_order);
    if tlang == lang {
        return Some(ctx.body_html(t.file));
    }
    // Another language's text stands in: mark its language and direction (WCAG 3.1.2).
    let dir = if SiteConfig::is_rtl(tlang) {
        "rtl"
    } else {
        "ltr"
    };
    Some(format!(
        "<div lang=\"{tlang}\" dir=\"{dir}\">{}</div>",
        ctx.body_html(t.file)
    ))
}

fn notice_card(ctx: &Ctx<'_>, n: &crate::model::Notice, l: &Lctx<'_>) -> NoticeCard {
    // Title, summary and link from one text, so a card never mixes languages.
    let (tlang, t) = n.texts.pick(&l.lang, &ctx.site.config.text_order);
    let kind_key = format!("kind_{}", n.kind.replace('-', "_"));
    NoticeCard {
        title: t.title.clone(),
        summary: t.summary.clone(),
        url: ctx.urls.notice(tlang, &n.slug),
        date: cldr::long_date(&l.lang, n.date.date_in(ctx.site.config.timezone)),
        date_iso: n
            .date
            .date_in(ctx.site.config.timezone)
            .format("%Y-%m-%d")
            .to_string(),
        kind: if l.t.has(&kind_key) {
            l.t.get(&kind_key).to_string()
        } else {
            n.kind.replace('-', " ")
        },
        kind_id: n.kind.clone(),
        expired: !crate::state::notice_current(n, ctx.now, ctx.site.config.timezone),
        other_lang: (tlang != l.lang).then(|| cldr::language_name(&l.lang, tlang)),
        other_lang_code: (tlang != l.lang).then(|| tlang.to_string()),
    }
}

/// A course's card data in `lang`, computed once per build.
pub fn card_data<'c>(ctx: &'c Ctx<'_>, i: usize, lang: &str) -> std::borrow::Cow<'c, CourseCard> {
    ctx.card_data.get(i, lang, || {
        view::card(&ctx.site.courses[i], &ctx.lctx(lang), ctx)
    })
}

#[derive(Serialize)]
struct CardView<'a> {
    c: &'a CourseCard,
    t: &'a crate::i18n::Strings,
    heading: &'static str,
}
templates!(CardView<'_>: card_html);

/// A course's card HTML (`card.html`) in `lang`, with an `h2` or `h3` title, rendered once
/// per build and reused by every list that shows the course.
pub fn card_html(ctx: &Ctx<'_>, i: usize, lang: &str, h2: bool) -> Result<String, Diagnostic> {
    let cache = if h2 { &ctx.cards_h2 } else { &ctx.cards_h3 };
    let html = cache.get(i, lang, || {
        let data = card_data(ctx, i, lang);
        let v = CardView {
            c: &data,
            t: ctx.strings_for(lang, "card.html"),
            heading: if h2 { "h2" } else { "h3" },
        };
        render_template(ctx, "card.html", &v, 2048).map_err(Box::new)
    });
    match html.as_ref() {
        Ok(s) => Ok(s.clone()),
        Err(e) => Err((**e).clone()),
    }
}

fn list_page(
    ctx: &Ctx<'_>,
    lang: &str,
    topic: Option<&str>,
    page: usize,
) -> Result<Vec<Output>, Diagnostic> {
    let l = ctx.lctx(lang);
    let size = ctx.site.config.page_size;
    let all = ctx.courses_of(topic);
    let pages = page_count(all.len(), size);
    let url_of = |lang: &str, p: usize| match topic {
        Some(t) => ctx.urls.topic(lang, t, p),
        None => ctx.urls.catalogue(lang, p),
    };
    let url = url_of(lang, page);
    let shown: Vec<usize> = all
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .copied()
        .collect();
    let cards = shown
        .iter()
        .map(|&i| card_html(ctx, i, lang, true))
        .collect::<Result<Vec<String>, Diagnostic>>()?;
    let heading = match topic {
        Some(t) => ctx.topic_label(t, lang),
        None => l.t.get("catalogue_title").to_string(),
    };
    let mut common = common(
        ctx,
        &l,
        &heading,
        None,
        &url,
        &all_langs(ctx, |x| url_of(x, page)),
    );
    common.breadcrumbs = vec![Link {
        href: ctx.urls.home(lang),
        label: l.t.get("nav_home").to_string(),
    }];
    if topic.is_some() {
        common.breadcrumbs.push(Link {
            href: ctx.urls.catalogue(lang, 1),
            label: l.t.get("nav_courses").to_string(),
        });
    }
    let card_urls: Vec<String> = shown
        .iter()
        .map(|&i| card_data(ctx, i, lang).url.clone())
        .collect();
    common.jsonld = Some(super::jsonld::to_script(&super::jsonld::item_list(
        ctx,
        &card_urls,
        &common.breadcrumbs,
        &heading,
        &url,
    )));
    let v = ListView {
        common,
        t: ctx.strings_for(
            lang,
            if topic.is_some() {
                "topic.html"
            } else {
                "catalogue.html"
            },
        ),
        heading,
        intro_html: if topic.is_none() {
            section_intro(ctx, "courses", lang)
        } else {
            None
        },
        cards,
        total: all.len(),
        count_text: {
            let n = i64::try_from(all.len()).unwrap_or(i64::MAX);
            l.t.count(lang, "courses_count", n, &cldr::number(lang, n))
        },
        pager: pager_links(pages, |p| url_of(lang, p)),
        prev: (page > 1).then(|| url_of(lang, page - 1)),
        next: (page < pages).then(|| url_of(lang, page + 1)),
        page,
        pages,
        topics: topics_links(ctx, lang),
        current_topic: topic.map(str::to_string),
        filters: topic.is_none().then(|| ctx.filter_form(lang)),
    };
    html(
        ctx,
        if topic.is_some() {
            "topic.html"
        } else {
            "catalogue.html"
        },
        &v,
        ctx.urls.file_of(&url),
    )
}

pub fn render(ctx: &Ctx<'_>, job: &Job) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    match job {
        Job::Chooser => {
            let cfg = &site.config;
            let dl = &cfg.default_language;
            let v = ChooserView {
                title: cfg.title.get(dl, &cfg.text_order).to_string(),
                default_url: ctx.urls.home(dl),
                default_lang: dl.clone(),
                dir: if SiteConfig::is_rtl(dl) { "rtl" } else { "ltr" },
                languages: cfg
                    .languages
                    .iter()
                    .map(|lang| Alternate {
                        lang: lang.clone(),
                        name: cldr::language_name(lang, lang),
                        href: ctx.urls.home(lang),
                        abs: ctx.urls.abs(&ctx.urls.home(lang)),
                        current: lang == dl,
                    })
                    .collect(),
                css: ctx.urls.asset("assets/style.css"),
            };
            html(ctx, "chooser.html", &v, "index.html".into())
        }
        Job::NotFound => {
            let l = ctx.lctx(&site.config.default_language);
            let mut c = common(
                ctx,
                &l,
                l.t.get("not_found_title"),
                None,
                &ctx.urls.root(),
                &[],
            );
            c.canonical = String::new();
            let v = PageView {
                common: c,
                t: ctx.strings_for(&site.config.default_language, "404.html"),
                title: l.t.get("not_found_title").to_string(),
                body_html: String::new(),
            };
            html(ctx, "404.html", &v, "404.html".into())
        }
        Job::Robots => Ok(vec![Output::bytes("robots.txt", feeds::robots(ctx))]),
        Job::Editor(path) => Ok(site
            .config
            .editor
            .as_ref()
            .and_then(|e| crate::editor::output(ctx, e, path))
            .into_iter()
            .collect()),
        Job::Sitemap => Ok(vec![Output::bytes("sitemap.xml", feeds::sitemap(ctx))]),
        Job::Static(name) => Ok(vec![Output::bytes(
            name.clone(),
            site.theme.statics[name].clone(),
        )]),
        Job::Atom(lang) => Ok(vec![Output::bytes(
            ctx.urls.file_of(&ctx.urls.atom(lang)),
            feeds::atom(ctx, lang),
        )]),
        Job::Home(lang) => {
            let l = ctx.lctx(lang);
            let url = ctx.urls.home(lang);
            let title = site
                .config
                .title
                .get(lang, &site.config.text_order)
                .to_string();
            let courses = &site.courses;
            let open = (0..courses.len())
                .filter(|&i| crate::state::application(&courses[i], ctx.now).accepts())
                .take(12)
                .map(|i| card_html(ctx, i, lang, false))
                .collect::<Result<Vec<String>, Diagnostic>>()?;
            let soon = (0..courses.len())
                .filter(|&i| {
                    crate::state::course(&courses[i], ctx.now)
                        == crate::state::CourseState::Upcoming
                })
                .take(6)
                .map(|i| card_html(ctx, i, lang, false))
                .collect::<Result<Vec<String>, Diagnostic>>()?;
            let notices = site
                .notices
                .iter()
                .filter(|n| crate::state::notice_current(n, ctx.now, site.config.timezone))
                .take(5)
                .map(|n| notice_card(ctx, n, &l))
                .collect();
            let v = HomeView {
                common: common(
                    ctx,
                    &l,
                    &title,
                    None,
                    &url,
                    &all_langs(ctx, |x| ctx.urls.home(x)),
                ),
                t: ctx.strings_for(lang, "home.html"),
                intro_html: section_intro(ctx, "", lang),
                open,
                soon,
                notices,
                topics: topics_links(ctx, lang),
            };
            html(ctx, "home.html", &v, ctx.urls.file_of(&url))
        }
        Job::Catalogue(lang, page) => list_page(ctx, lang, None, *page),
        Job::Topic(lang, topic, page) => list_page(ctx, lang, Some(topic), *page),
        Job::Course(lang, i) => {
            let c = &site.courses[*i];
            let l = ctx.lctx(lang);
            let url = ctx.urls.course(lang, &c.slug);
            let alts: Vec<(String, String)> = c
                .texts
                .keys()
                .map(|x| (x.clone(), ctx.urls.course(x, &c.slug)))
                .collect();
            let cv = view::course(c, &l, ctx);
            let mut common = common(
                ctx,
                &l,
                &cv.card.title,
                cv.card.summary.as_deref(),
                &url,
                &alts,
            );
            common.breadcrumbs = vec![
                Link {
                    href: ctx.urls.home(lang),
                    label: l.t.get("nav_home").to_string(),
                },
                Link {
                    href: ctx.urls.catalogue(lang, 1),
                    label: l.t.get("nav_courses").to_string(),
                },
            ];
            common.jsonld = Some(super::jsonld::to_script(&super::jsonld::course(
                ctx,
                c,
                lang,
                &common.breadcrumbs,
            )));
            let v = CourseView {
                common,
                t: ctx.strings_for(lang, "course.html"),
                course: cv,
            };
            let page =
                render_template(ctx, "course.html", &v, 16 * 1024 + v.course.body_html.len())?;
            Ok(vec![Output::bytes(ctx.urls.file_of(&url), page)])
        }
        Job::Notices(lang, page) => {
            let page = (*page).max(1);
            let l = ctx.lctx(lang);
            let url = ctx.urls.notices_page(lang, page);
            // Current notices first, then archived ones; above `page_size` notices the list
            // continues on further pages, as the catalogue does.
            let (current, archived): (Vec<_>, Vec<_>) = site
                .notices
                .iter()
                .partition(|n| crate::state::notice_current(n, ctx.now, site.config.timezone));
            let size = site.config.page_size.max(1);
            let pages = page_count(site.notices.len(), size);
            let (from, to) = ((page - 1) * size, page * size);
            let slice = |list: &[&crate::model::Notice], offset: usize| -> Vec<NoticeCard> {
                let a = from.saturating_sub(offset).min(list.len());
                let b = to.saturating_sub(offset).min(list.len());
                list[a..b].iter().map(|n| notice_card(ctx, n, &l)).collect()
            };
            let page_url = |p: usize| ctx.urls.notices_page(lang, p);
            let v = NoticesView {
                common: common(
                    ctx,
                    &l,
                    l.t.get("notices_title"),
                    None,
                    &url,
                    &all_langs(ctx, |x| ctx.urls.notices_page(x, page)),
                ),
                t: ctx.strings_for(lang, "notices.html"),
                intro_html: (page == 1)
                    .then(|| section_intro(ctx, "notices", lang))
                    .flatten(),
                current: slice(&current, 0),
                archived: slice(&archived, current.len()),
                feed: ctx.urls.atom(lang),
                page,
                pages,
                pager: pager_links(pages, page_url),
                prev: (page > 1).then(|| page_url(page - 1)),
                next: (page < pages).then(|| page_url(page + 1)),
            };
            html(ctx, "notices.html", &v, ctx.urls.file_of(&url))
        }
        Job::Notice(lang, i) => {
            let n = &site.notices[*i];
            let l = ctx.lctx(lang);
            let t = &n.texts[lang];
            let url = ctx.urls.notice(lang, &n.slug);
            let alts: Vec<(String, String)> = n
                .texts
                .keys()
                .map(|x| (x.clone(), ctx.urls.notice(x, &n.slug)))
                .collect();
            let mut common = common(ctx, &l, &t.title, t.summary.as_deref(), &url, &alts);
            common.breadcrumbs = vec![
                Link {
                    href: ctx.urls.home(lang),
                    label: l.t.get("nav_home").to_string(),
                },
                Link {
                    href: ctx.urls.notices(lang),
                    label: l.t.get("nav_notices").to_string(),
                },
            ];
            common.jsonld = Some(super::jsonld::to_script(&super::jsonld::notice(
                ctx,
                n,
                lang,
                &common.breadcrumbs,
            )));
            let v = NoticeView {
                common,
                t: ctx.strings_for(lang, "notice.html"),
                notice: notice_card(ctx, n, &l),
                body_html: ctx.body_html(t.file),
                courses: n
                    .related_courses
                    .iter()
                    .filter_map(|code| site.course(code))
                    .map(|c| {
                        let card = view::card(c, &l, ctx);
                        Link {
                            href: card.url,
                            label: card.title,
                        }
                    })
                    .collect(),
                contacts: n
                    .contacts
                    .iter()
                    .map(|k| view::contact(k, &l, ctx))
                    .collect(),
                expires: n
                    .expires
                    .map(|e| cldr::long_date(lang, e.date_in(site.config.timezone))),
            };
            html(ctx, "notice.html", &v, ctx.urls.file_of(&url))
        }
        Job::Page(lang, i) => {
            let p = &site.pages[*i];
            let l = ctx.lctx(lang);
            let t = &p.texts[lang];
            let url = ctx.urls.page(lang, &p.path);
            let alts: Vec<(String, String)> = p
                .texts
                .keys()
                .map(|x| (x.clone(), ctx.urls.page(x, &p.path)))
                .collect();
            let mut common = common(ctx, &l, &t.title, t.summary.as_deref(), &url, &alts);
            common.breadcrumbs = vec![Link {
                href: ctx.urls.home(lang),
                label: l.t.get("nav_home").to_string(),
            }];
            let v = PageView {
                common,
                t: ctx.strings_for(lang, "page.html"),
                title: t.title.clone(),
                body_html: ctx.body_html(t.file),
            };
            html(ctx, "page.html", &v, ctx.urls.file_of(&url))
        }
        Job::Asset(i, path) => Ok(vec![Output {
            path: path.clone(),
            content: Content::Copy(site.assets[*i].src.clone()),
        }]),
        Job::Ics(j) => Ok(super::calendar::render_ics(ctx, j)),
        Job::CalendarPage(lang) => super::calendar::page(ctx, lang),
        Job::FilterData(_) | Job::Search(_) | Job::SearchData(_) => {
            super::filters::render(ctx, job)
        }
        Job::Alias { from, to } => Ok(vec![Output::bytes(
            ctx.urls.file_of(from),
            feeds::redirect(ctx, to),
        )]),
    }
}
