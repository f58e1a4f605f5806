//! What a content file is from its path alone: course, notice or page, its language (from the
//! suffix) and its slug; names that cannot be published are refused, saying how to rename them.

use super::is_markdown;
use crate::diag::Diagnostic;
use crate::model::{ContentFile, Kind};

/// Kind, language and slug of a content file from its path.
pub fn classify(
    rel: &str,
    languages: &[String],
    default_lang: &str,
) -> Result<ContentFile, Diagnostic> {
    let inner = rel.trim_start_matches("content/");
    let (dir, file) = inner.rsplit_once('/').unwrap_or(("", inner));
    let stem = if is_markdown(file) {
        &file[..file.len() - 3]
    } else {
        file
    };
    let (base, lang) = split_lang(stem, languages, default_lang).map_err(|(message, hint)| {
        Diagnostic::error("unknown-language", message)
            .with_hint(hint)
            .in_file(rel)
    })?;
    if dir.is_empty() {
        section_as_page(rel, base, &lang, default_lang)?;
    }
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    let section_index = base == "_index";
    let bundle = if base == "index" && !parts.is_empty() {
        Some(dir.to_string())
    } else {
        None
    };
    if base != "index" && !section_index {
        parts.push(base);
    }
    for p in &parts {
        check_segment(rel, p)?;
    }
    let kind = match parts.first().copied() {
        Some("courses") => Kind::Course,
        Some("notices") => Kind::Notice,
        _ => Kind::Page,
    };
    let slug = match kind {
        Kind::Course | Kind::Notice if section_index && parts.len() == 1 => String::new(),
        Kind::Course | Kind::Notice if parts.len() == 2 => parts[1].to_string(),
        Kind::Course | Kind::Notice => {
            return Err(Diagnostic::error(
                "bad-path",
                format!(
                    "{} must sit directly in content/{}/ (as <slug>.md or <slug>/index.md)",
                    if kind == Kind::Course {
                        "courses"
                    } else {
                        "notices"
                    },
                    parts[0]
                ),
            )
            .in_file(rel)
            .with_hint("move the file up one folder"))
        }
        Kind::Page => parts.join("/"),
    };
    if !section_index {
        address_taken(rel, kind, &slug, &lang, default_lang, bundle.is_some())?;
    }
    Ok(ContentFile {
        rel: rel.to_string(),
        kind,
        lang,
        slug,
        section_index,
        bundle,
        hash: 0,
    })
}

/// The file's name without its language suffix, and its language; or (message, hint) for a
/// suffix that is not one of the site's languages as site.toml writes them.
fn split_lang<'a>(
    stem: &'a str,
    languages: &[String],
    default_lang: &str,
) -> Result<(&'a str, String), (String, String)> {
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        if languages.iter().any(|l| l == suffix) {
            return Ok((base, suffix.to_string()));
        }
        if let Some(l) = languages.iter().find(|l| l.eq_ignore_ascii_case(suffix)) {
            return Err((
                format!("the language suffix `.{suffix}` is written `.{l}` in this site"),
                format!("rename the file to {base}.{l}.md (language suffixes are written as in `languages` of site.toml)"),
            ));
        }
        let looks_like_lang = (2..=3).contains(&suffix.split('-').next().unwrap_or("").len())
            && suffix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
            && suffix
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic());
        if looks_like_lang {
            let hint = match crate::diag::nearest(suffix, languages.iter().map(String::as_str)) {
                Some(n) => format!("did you mean `.{n}`? the site's languages are: {}", languages.join(", ")),
                None => format!("the site's languages are: {} (add it to `languages` in site.toml to publish it)", languages.join(", ")),
            };
            return Err((
                format!("the language suffix `.{suffix}` of {stem}.md is not one of the site's languages"),
                hint,
            ));
        }
    }
    Ok((stem, default_lang.to_string()))
}

/// `content/courses.md` (or `notices.md`) would be a page at the address of the catalogue (of
/// the notices list): refused, saying where the text of that page goes.
fn section_as_page(
    rel: &str,
    base: &str,
    lang: &str,
    default_lang: &str,
) -> Result<(), Diagnostic> {
    let what = match base {
        "courses" => "the course catalogue",
        "notices" => "the list of notices",
        _ => return Ok(()),
    };
    let suffix = if lang == default_lang {
        String::new()
    } else {
        format!(".{lang}")
    };
    Err(Diagnostic::error(
        "bad-path",
        format!("{rel} would be a page at /{lang}/{base}/, the address of {what}"),
    )
    .in_file(rel)
    .with_hint(format!(
        "for the text shown above {what}, name the file content/{base}/_index{suffix}.md; for a page of its own, give it another name, e.g. content/our-{base}{suffix}.md"
    )))
}

/// A course or notice whose slug is the name of a folder Prospectus writes in its section
/// (`/<lang>/courses/past/`, the archive; `/<lang>/courses/page/2/`, the catalogue's next pages;
/// `/<lang>/notices/page/2/`): refused, whether or not the site has those pages now (the
/// catalogue grows, `[catalogue] past` may change), saying how to rename the file.
fn address_taken(
    rel: &str,
    kind: Kind,
    slug: &str,
    lang: &str,
    default_lang: &str,
    bundle: bool,
) -> Result<(), Diagnostic> {
    let (section, item, what) = match (kind, slug) {
        (Kind::Course, "past") => ("courses", "course", "the archive of past courses"),
        (Kind::Course, "page") => (
            "courses",
            "course",
            "the catalogue's further pages (/{lang}/courses/page/2/…)",
        ),
        (Kind::Notice, "page") => (
            "notices",
            "notice",
            "the further pages of the list of notices (/{lang}/notices/page/2/…)",
        ),
        _ => return Ok(()),
    };
    let what = what.replace("{lang}", lang);
    let suffix = if lang == default_lang {
        String::new()
    } else {
        format!(".{lang}")
    };
    let instead = if bundle {
        format!("rename the folder, e.g. content/{section}/{slug}-{item}/")
    } else {
        format!("rename the file, e.g. content/{section}/{slug}-{item}{suffix}.md")
    };
    Err(Diagnostic::error(
        "reserved-address",
        format!("the {item} page of {rel} would be at /{lang}/{section}/{slug}/, the address of {what}"),
    )
    .in_file(rel)
    .with_hint(format!(
        "{instead} (with its translations): the file's name is the page's address, and /{lang}/{section}/{slug}/ is Prospectus's own"
    )))
}

fn check_segment(rel: &str, seg: &str) -> Result<(), Diagnostic> {
    let ok = !seg.is_empty()
        && seg != "."
        && seg != ".."
        && seg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        return Ok(());
    }
    Err(Diagnostic::error("bad-slug", format!("`{seg}` cannot be part of a web address"))
        .in_file(rel)
        .with_hint("rename the file or folder using only letters a–z, digits, - and _ (no spaces, accents or dots)"))
}
