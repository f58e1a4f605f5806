//! Rules that look across items: unique codes, links between notices and courses, aliases,
//! and the warnings about missing translations and applications closing soon.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Parsed, SourceFile};
use crate::model::Kind;
use crate::model::SiteConfig;
use crate::model::{ClosedBy, Course, Notice};
use std::collections::{HashMap, HashSet};

pub fn site_rules(
    files: &[SourceFile],
    config: &SiteConfig,
    courses: &[Course],
    _notices: &[Notice],
    d: &mut Diagnostics,
) {
    use rayon::prelude::*;
    // Five passes over every file, side by side; their findings in this order.
    type Rule<'a> = &'a (dyn Fn(&mut Diagnostics) + Sync);
    let rules: [Rule<'_>; 5] = [
        &|d| duplicate_codes(files, d),
        &|d| duplicate_run_codes(files, courses, d),
        &|d| related_courses_exist(files, courses, d),
        &|d| aliases_are_paths(files, d),
        &|d| missing_translations(files, config, courses, d),
    ];
    let found: Vec<Diagnostics> = rules
        .par_iter()
        .with_max_len(1)
        .map(|rule| {
            let mut found = Diagnostics::new();
            rule(&mut found);
            found
        })
        .collect();
    for f in found {
        d.extend(f);
    }
}

/// `code` is unique across the site per language.
fn duplicate_codes(files: &[SourceFile], d: &mut Diagnostics) {
    let mut seen: HashMap<(&str, &str), (usize, &str)> = HashMap::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        let Parsed::Course(c) = &f.parsed else {
            continue;
        };
        let Some(code) = &c.code else { continue };
        match seen.get(&(code.get_ref().as_str(), f.meta.lang.as_str())) {
            Some((j, slug)) if *slug != f.meta.slug => {
                d.push(
                    Diagnostic::error("duplicate-code", format!("code \"{}\" is already used by {}", code.get_ref(), files[*j].meta.rel))
                        .at(&f.source(), code.span())
                        .with_hint("each course has its own activity code; translations of one course share it and have the same file name"),
                );
            }
            Some(_) => {}
            None => {
                seen.insert(
                    (code.get_ref().as_str(), f.meta.lang.as_str()),
                    (i, f.meta.slug.as_str()),
                );
            }
        }
    }
}

/// The code of a run of `[[runs]]` is no other course's code nor another course's run's. (Two
/// runs of one course with one code are reported when it is assembled; course codes by
/// [`duplicate_codes`].)
fn duplicate_run_codes(files: &[SourceFile], courses: &[Course], d: &mut Diagnostics) {
    let file_of = |c: &Course| {
        c.texts
            .values()
            .next()
            .map_or("", |t| files[t.file].meta.rel.as_str())
    };
    // Each code with the course (by slug) it belongs to and the file that states it.
    let mut seen: HashMap<&str, (&str, &str)> = HashMap::new();
    for c in courses {
        seen.insert(&c.code, (&c.slug, file_of(c)));
    }
    for c in courses {
        for r in &c.runs {
            let Some(at) = &r.run_at else { continue };
            match seen.get(r.code.as_str()) {
                Some((slug, rel)) if *slug != c.slug => d.push(
                    Diagnostic::error(
                        "duplicate-code",
                        format!("run code \"{}\" is already used by {rel}", r.code),
                    )
                    .at_spot(at)
                    .with_hint("each run has its own activity code, unique on the site: change this run's `code` or `suffix`, or the other course's"),
                ),
                Some(_) => {}
                None => {
                    seen.insert(&r.code, (&c.slug, file_of(c)));
                }
            }
        }
    }
}

/// A notice's `related_courses` name courses by their code or by a run's (`[[runs]]`: its
/// `code`, or the course's code and its `suffix`).
fn related_courses_exist(files: &[SourceFile], courses: &[Course], d: &mut Diagnostics) {
    let codes: Vec<&str> = courses
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.runs))
        .map(|c| c.code.as_str())
        .collect();
    let mut all_codes: HashSet<String> = HashSet::new();
    for f in files {
        let Parsed::Course(c) = &f.parsed else {
            continue;
        };
        let own = c.code.as_ref().map(|x| x.get_ref().as_str());
        all_codes.extend(own.map(str::to_string));
        for r in c.runs.iter().flat_map(|v| v.get_ref()) {
            match (&r.code, &r.suffix, own) {
                (Some(code), ..) => all_codes.insert(code.get_ref().clone()),
                (None, Some(s), Some(own)) => all_codes.insert(format!("{own}{}", s.get_ref())),
                _ => false,
            };
        }
    }
    // A course file that could not be read may hold the code: its own error is the one to fix.
    let some_course_broken = files
        .iter()
        .any(|f| f.meta.kind == Kind::Course && matches!(f.parsed, Parsed::Failed));
    for f in files {
        let Parsed::Notice(n) = &f.parsed else {
            continue;
        };
        for code in n.related_courses.iter().flat_map(|v| v.get_ref()) {
            if !all_codes.contains(code.get_ref()) && !some_course_broken {
                d.push(
                    Diagnostic::error(
                        "unknown-course",
                        format!("no course or run has the code \"{}\"", code.get_ref()),
                    )
                    .at(&f.source(), code.span())
                    .with_hint(crate::diag::suggest(
                        code.get_ref(),
                        &codes,
                        "course codes",
                    )),
                );
            }
        }
    }
}

fn aliases_are_paths(files: &[SourceFile], d: &mut Diagnostics) {
    for f in files {
        let aliases = match &f.parsed {
            Parsed::Course(c) => &c.aliases,
            Parsed::Notice(n) => &n.aliases,
            Parsed::Page(p) => &p.aliases,
            Parsed::Failed => continue,
        };
        for a in aliases {
            let v = a.get_ref();
            let ok = v.starts_with('/')
                && !v.contains("//")
                && v.split('/').all(|s| s != ".." && s != ".")
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/-_.~%".contains(c));
            if !ok {
                d.push(
                    Diagnostic::error("bad-alias", format!("alias \"{v}\" is not a path on this site"))
                        .at(&f.source(), a.span())
                        .with_hint("write the old address's path, starting with /, e.g. \"/en/courses/old-name/\""),
                );
            }
        }
    }
}

/// How a `missing-translation` warning is counted when there are many: under "courses with no
/// page in German", and so on for each language it lacks.
fn untranslated(d: Diagnostic, items: &str, missing: &[&str]) -> Diagnostic {
    missing.iter().fold(d, |d, l| {
        let name = crate::i18n::cldr::language_name("en", l);
        d.with_group(format!("{items} with no page in {name}"))
    })
}

/// Warning: a course has no page in a configured language (it is still listed there).
fn missing_translations(
    files: &[SourceFile],
    config: &SiteConfig,
    courses: &[Course],
    d: &mut Diagnostics,
) {
    for c in courses {
        // A course that says it has pages in some languages only is missing none of the others.
        let missing: Vec<&str> = config
            .languages
            .iter()
            .filter(|l| c.page_languages.is_empty() || c.page_languages.contains(l))
            .filter(|l| !c.texts.contains_key(*l))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let (_, t) = c.text_for(&config.default_language, &config.text_order);
        let file = &files[t.file].meta;
        let names: Vec<String> = missing
            .iter()
            .map(|l| match &file.bundle {
                Some(b) => format!("content/{b}/index.{l}.md"),
                None if *l == config.default_language => format!("content/courses/{}.md", c.slug),
                None => format!("content/courses/{}.{l}.md", c.slug),
            })
            .collect();
        let warning = Diagnostic::warning(
            "missing-translation",
            format!("course {} has no page in {}", c.code, missing.join(", ")),
        )
        .in_file(&file.rel)
        .with_hint(format!(
            "it is listed in those languages with a link to an existing page; add {} to translate it",
            names.join(", ")
        ));
        d.push(untranslated(warning, "courses", &missing));
    }
}

/// Warnings that depend on "now": applications closing within a week (so staff can check the
/// deadline is right before it passes).
pub fn now_warnings(
    site: &crate::model::Site,
    now: chrono::DateTime<chrono::Utc>,
    d: &mut Diagnostics,
) {
    // Each run of a course by its own code.
    for c in site.courses.iter().flat_map(Course::runs) {
        if crate::state::application(c, now) != crate::state::ApplicationState::ClosingSoon {
            continue;
        }
        let Some(closes) = c.application().and_then(|a| a.closes) else {
            continue;
        };
        let (_, t) = c.text_for(&site.config.default_language, &site.config.text_order);
        let when = match closes.by {
            ClosedBy::Deadline => format!("deadline {}", closes.when),
            ClosedBy::Start => format!(
                "no deadline: open until the course starts on {}",
                closes.when
            ),
        };
        // Calendar days in the course's zone, as the pages count them.
        let message = match crate::state::days_left(c, now).unwrap_or(0) {
            0 => format!(
                "applications for {}: today is the last day to apply ({when})",
                c.code
            ),
            1 => format!("applications for {} close tomorrow ({when})", c.code),
            n => format!(
                "applications for {} close in {n} {} ({when})",
                c.code,
                if crate::i18n::plural("en", n) == "one" {
                    "day"
                } else {
                    "days"
                }
            ),
        };
        d.push(
            Diagnostic::warning("closing-soon", message)
                .in_file(&site.files[t.file].rel)
                .with_hint("check the deadline; after it passes, the apply button switches to \"closed\" by itself"),
        );
    }
}

/// The translation report of `check`: pages and notices missing in a configured language
/// (courses are reported by [`site_rules`]).
pub fn translation_report(site: &crate::model::Site, d: &mut Diagnostics) {
    let langs = &site.config.languages;
    let mut report = |what: &str, name: &str, file: usize, have: Vec<&String>| {
        let missing: Vec<&str> = langs
            .iter()
            .filter(|l| !have.contains(l))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let warning = Diagnostic::warning("missing-translation", format!("{what} {name} has no page in {}", missing.join(", ")))
                .in_file(&site.files[file].rel)
                .with_hint("visitors of those languages see the switcher without it; add a translation file with the language suffix");
            d.push(untranslated(warning, &format!("{what}s"), &missing));
        }
    };
    for p in &site.pages {
        if let Some(t) = p.texts.values().next() {
            let name = if p.path.is_empty() {
                "home".to_string()
            } else {
                format!("\"{}\"", p.path)
            };
            report("page", &name, t.file, p.texts.keys().collect());
        }
    }
    for n in &site.notices {
        if let Some(t) = n.texts.values().next() {
            report(
                "notice",
                &format!("\"{}\"", n.slug),
                t.file,
                n.texts.keys().collect(),
            );
        }
    }
}
