//! `prospectus new course|notice|page <slug>`: a commented skeleton with every field, written
//! into the site's layout. Fields to fill hold `???` (text) or `"YYYY-MM-DD"` (dates), which
//! `check` reports until they are filled; optional fields are commented out.

use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Course,
    Notice,
    Page,
}

/// The text left in a skeleton where the author must write something.
pub const UNFILLED: &str = "???";

/// A course's skeleton in `lang`: taught in that language, its example alias an address in it.
pub fn course(lang: &str) -> String {
    let languages = format!("languages = [\"{lang}\"]");
    format!(
        r#"+++
code = "???"                     # activity code, e.g. "A9718007"; the same in every translation
title = "???"                    # the course's title in this language
summary = "???"                  # one or two sentences for lists and search engines
topics = ["???"]                 # topic ids from data/topics.toml
modality = "online"              # online | face-to-face | blended | hybrid | self-paced
{languages:<32} # languages the course is taught in (codes: en, fr, es, ar…)
workload = "???"                 # free text, e.g. "8 weeks, about 6 hours per week"
# hours = 30                     # optional: total study hours (a whole number); leave out if unknown
# credential = "…"               # optional: what participants receive, e.g. "Certificate of achievement"
# timezone = "Europe/Rome"       # optional: the course's time zone if not the site's
# status = "scheduled"           # scheduled | cancelled | postponed | full
# capacity = 25                  # how many participants the course takes
# website = "https://…"          # a "More information" page about the course elsewhere
# instructors = ["…"]            # ids from data/people.toml (or [[instructors]] tables)
# starts = "rolling"             # rolling | on-request: no [[sessions]] then, and
# starts_note = "…"              #   say when it starts in words, e.g. "Every Monday"
# draft = true                   # drafts are built only with --drafts
objectives = [                   # what participants will be able to do (Markdown allowed)
  "???",
]
contacts = ["???"]               # contact ids from data/contacts.toml
cancellation = "???"             # policy id from data/policies.toml (or an inline [cancellation] table)
# selection = "…"                # for nominated participants: how they are selected
# aliases = ["/{lang}/courses/old-name/"]   # old addresses of this page, redirected here

[[sessions]]                     # one table per phase; remove for a self-paced course
name = "???"                     # optional name of the phase
start = "YYYY-MM-DD"             # first day, written without quotes: 2025-09-08
end = "YYYY-MM-DD"               # last day (included), without quotes
location = "???"                 # city and venue, or the online platform
# modality = "face-to-face"      # if this phase differs from the course's modality

[application]
url = "https://???"              # the application form (https:// or mailto:)
deadline = "YYYY-MM-DD"          # last day to apply, without quotes; or 2025-08-25T12:00:00+02:00
# opens = 2025-05-01             # optional: first day applications are accepted
# by = "nomination"              # instead of url/deadline/opens: participants are nominated

[fee]
amount = 0                       # number without currency sign; 0 = free
currency = "EUR"                 # ISO 4217 code: EUR, USD, CHF…
includes = ["???"]               # what the fee covers
# scholarships = "…"             # optional text about scholarships
# [[fee.lines]]                  # optional further amounts in the same currency
# label = "Subsistence"
# amount = 1500
+++
??? Write the course description here in Markdown: context, target group, programme, method.
"#
    )
}

/// A notice's skeleton in `lang` (its example alias is an address in that language).
pub fn notice(lang: &str) -> String {
    format!(
        r#"+++
title = "???"                    # the notice's title in this language
summary = "???"                  # one or two sentences for lists and the feed
date = "YYYY-MM-DD"              # publication date, without quotes: 2025-08-01
# expires = 2025-09-15           # optional: after this day the notice is archived
kind = "news"                    # news | announcement | call-for-tender
# related_courses = ["A9718007"] # optional: codes of the courses it concerns
# contacts = ["ilsgen"]          # optional: contact ids from data/contacts.toml
# aliases = ["/{lang}/notices/old-name/"]   # old addresses of this page, redirected here
+++
??? Write the notice here in Markdown.
"#
    )
}

pub fn page() -> String {
    r#"+++
title = "???"                    # the page's title in this language
# summary = "…"                  # optional: for search engines
# menu = true                    # show the page in the main menu
# weight = 10                    # order in the menu (smaller first)
# draft = true
+++
??? Write the page here in Markdown.
"#
    .to_string()
}

/// Where the file of a new item goes: `content/courses/<slug>.<lang>.md` (no suffix for the
/// default language).
pub fn path_for(root: &Path, kind: Kind, slug: &str, lang: &str, default_lang: &str) -> PathBuf {
    let dir = match kind {
        Kind::Course => root.join("content").join("courses"),
        Kind::Notice => root.join("content").join("notices"),
        Kind::Page => root.join("content"),
    };
    if lang == default_lang {
        dir.join(format!("{slug}.md"))
    } else {
        dir.join(format!("{slug}.{lang}.md"))
    }
}

/// Checks a slug given on the command line.
pub fn slug_ok(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('/').all(|s| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_are_valid_toml_and_paths() {
        for text in [course("fr"), notice("fr"), page()] {
            let fm = text.split("+++").nth(1).unwrap();
            toml::de::DeTable::parse(fm).unwrap();
        }
        let p = path_for(Path::new("/s"), Kind::Course, "x", "fr", "en");
        assert!(p.ends_with("content/courses/x.fr.md"));
        assert!(slug_ok("about/team") && !slug_ok("../x") && !slug_ok("a b"));
    }

    #[test]
    fn examples_are_in_the_chosen_language() {
        for lang in ["ar", "fr", "en"] {
            for text in [course(lang), notice(lang)] {
                let alias = text
                    .lines()
                    .find(|l| l.starts_with("# aliases = "))
                    .expect("an example alias");
                assert!(alias.contains(&format!("[\"/{lang}/")), "{lang}: {alias}");
                let other = ["/en/", "/fr/", "/ar/"].map(|p| p.to_string());
                for p in other.iter().filter(|p| **p != format!("/{lang}/")) {
                    assert!(!text.contains(p.as_str()), "{lang}: {p} in\n{text}");
                }
            }
            let line = course(lang);
            let line = line.lines().find(|l| l.starts_with("languages")).unwrap();
            assert_eq!(line.find('#'), Some(33), "comments stay aligned: {line}");
        }
    }
}
