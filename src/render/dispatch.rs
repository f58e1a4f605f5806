//! The jobs of a build and their dispatch: one [`Job`] per unit of rendering work, each handed
//! to the one function that renders its kind of output.

use super::calendar::{self, IcsJob, PageJob};
use super::{atom, feeds, filters, pages, registry, Content, Ctx, Output};
use crate::diag::Diagnostic;
use crate::model::Lang;

/// One unit of rendering work; each gives one or more outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Chooser,
    NotFound,
    Robots,
    Sitemap,
    /// The build's state for the next build ([`crate::model::revisions::STATE_FILE`]).
    State,
    Static(String),
    Home(Lang),
    Catalogue(Lang, usize),
    /// A page of the archive of finished courses (`[catalogue] past = "archive"`).
    Past(Lang, usize),
    Course(Lang, usize),
    Topic(Lang, String, usize),
    /// A page of the notices list (from 1).
    Notices(Lang, usize),
    Notice(Lang, usize),
    Atom(Lang),
    /// The courses feed of a language.
    CoursesAtom(Lang),
    Page(Lang, usize),
    /// An attachment (index into `Site::assets`) and the file it is published as, beside the
    /// page of its bundle in one language.
    Asset(usize, String),
    Alias {
        from: String,
        to: String,
    },
    Ics(IcsJob),
    /// The calendar page of a language, or one month of it when it is split.
    CalendarPage(PageJob),
    FilterData(Lang),
    Search(Lang),
    SearchData(Lang),
    /// A file of the browser editor (`admin/…`), when site.toml enables it.
    Editor(String),
}

/// Renders one job.
pub fn render(ctx: &Ctx<'_>, job: &Job) -> Result<Vec<Output>, Diagnostic> {
    let outputs = dispatch(ctx, job)?;
    // The output registry checked the paths of the plan: they must be the ones written.
    debug_assert!(
        outputs
            .iter()
            .all(|o| o.path == registry::output_path(ctx, job)),
        "{job:?} wrote {:?}, planned {}",
        outputs.iter().map(|o| &o.path).collect::<Vec<_>>(),
        registry::output_path(ctx, job)
    );
    Ok(outputs)
}

fn dispatch(ctx: &Ctx<'_>, job: &Job) -> Result<Vec<Output>, Diagnostic> {
    let one = |path: String, bytes: Vec<u8>| Ok(vec![Output::bytes(path, bytes)]);
    let u = &ctx.urls;
    match job {
        Job::Chooser => pages::chooser(ctx),
        Job::NotFound => pages::not_found(ctx),
        Job::Home(lang) => pages::home(ctx, lang),
        Job::Catalogue(lang, page) => pages::list(ctx, lang, pages::Which::Catalogue, *page),
        Job::Past(lang, page) => pages::list(ctx, lang, pages::Which::Past, *page),
        Job::Topic(lang, topic, page) => pages::list(ctx, lang, pages::Which::Topic(topic), *page),
        Job::Course(lang, i) => pages::course(ctx, lang, *i),
        Job::Notices(lang, page) => pages::notices(ctx, lang, *page),
        Job::Notice(lang, i) => pages::notice(ctx, lang, *i),
        Job::Page(lang, i) => pages::page(ctx, lang, *i),
        Job::Search(lang) => pages::search(ctx, lang),
        Job::CalendarPage(j) => calendar::page(ctx, j),
        Job::Ics(j) => Ok(calendar::render_ics(ctx, j)),
        Job::Robots => one("robots.txt".into(), feeds::robots(ctx).into()),
        Job::Sitemap => one("sitemap.xml".into(), feeds::sitemap(ctx).into()),
        Job::State => one(
            crate::model::revisions::STATE_FILE.into(),
            super::revisions::state_file(&ctx.revisions).into(),
        ),
        Job::Atom(lang) => one(u.file_of(&u.atom(lang)), atom::notices(ctx, lang).into()),
        Job::CoursesAtom(lang) => one(
            u.file_of(&u.courses_atom(lang)),
            atom::courses(ctx, lang).into(),
        ),
        Job::Alias { from, to } => one(u.file_of(from), feeds::redirect(ctx, to).into()),
        Job::FilterData(lang) => one(
            u.file_of(&u.filter_data(lang)),
            filters::course_data(ctx, lang),
        ),
        Job::SearchData(lang) => one(
            u.file_of(&u.search_data(lang)),
            filters::search_data(ctx, lang),
        ),
        Job::Editor(path) => Ok(ctx
            .site
            .config
            .editor
            .as_ref()
            .and_then(|e| crate::editor::output(ctx, e, path))
            .into_iter()
            .collect()),
        Job::Static(name) => one(name.clone(), ctx.site.theme.statics[name].clone()),
        Job::Asset(i, path) => Ok(vec![Output {
            path: path.clone(),
            content: Content::Copy(ctx.site.assets[*i].src.clone()),
        }]),
    }
}
