//! Which courses Google can show as rich results, read from the `Course` blocks the pages carry,
//! and the note `prospectus check` prints about it (one summary, not a warning per course).
//!
//! Google has two course features on the same `Course` data
//! (developers.google.com/search/docs/appearance/structured-data/course-info and …/course):
//! * **course list**: `name`, `description` and the `provider`'s `name` on each course page,
//!   and at least three courses marked up, listed by a summary page (the catalogue's
//!   `ItemList`);
//! * **course info**: also `offers` with a price `category`, and `hasCourseInstance` whose
//!   instances give `courseMode` and the study time (`courseWorkload` or `courseSchedule`);
//!   shown for courses in English only.
//!
//! The blocks are those of [`super::course`]: a course without `[fee]` has no price category
//! and one without `hours` no study time, because the site claims neither.

use super::course::course_node;
use crate::diag::Diagnostic;
use crate::model::Course;
use crate::render::Ctx;
use serde_json::Value;

/// Why a course does not qualify for a feature: what is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// `name`, `description` or the provider's `name` (never left out by the build).
    Required,
    /// No page in English: course info is shown for English courses only.
    English,
    /// No `[fee]`: no `offers.category`.
    Fee,
    /// No `hours`: no `courseWorkload` (nor `courseSchedule`).
    StudyTime,
    /// Fewer than three courses on the site.
    FewCourses,
}

impl Missing {
    /// The feature a course lacking this misses.
    fn feature(self) -> &'static str {
        match self {
            Missing::Required => "either feature",
            Missing::FewCourses => "the course list",
            _ => "course info",
        }
    }

    /// What the course lacks, and how to give it, in the note's words.
    fn explain(self) -> (&'static str, &'static str) {
        match self {
            Missing::Required => (
                "no name, description or provider in the structured data",
                "give each a title and a summary, and the site an [organisation] name",
            ),
            Missing::English => (
                "no page in English; Google shows course info for English courses only",
                "an English translation (x.md beside x.fr.md) makes a course eligible",
            ),
            Missing::Fee => (
                "no [fee] in the note; Google needs the price category, free or paid",
                "add [fee] with amount = … and currency = \"…\" (amount = 0 for a free course) where the fee is known",
            ),
            Missing::StudyTime => (
                "no `hours` in the note; Google needs the study time",
                "add hours = … (the total study hours, e.g. hours = 30) where it is known",
            ),
            Missing::FewCourses => (
                "fewer than three courses on the site; Google's course list needs three",
                "the course list shows once the site has three courses or more",
            ),
        }
    }
}

fn text(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.trim().is_empty())
}

/// What a `Course` node lacks for Google's course list (without the site-wide count).
pub fn course_list(node: &Value) -> Vec<Missing> {
    let ok = text(&node["name"]) && text(&node["description"]) && text(&node["provider"]["name"]);
    if ok {
        Vec::new()
    } else {
        vec![Missing::Required]
    }
}

/// What a `Course` node lacks for Google's course info, for a course with (`english`) or
/// without a page in English.
pub fn course_info(node: &Value, english: bool) -> Vec<Missing> {
    let mut out = course_list(node);
    if !english {
        out.push(Missing::English);
    }
    let offers = node["offers"].as_array().map_or(&[][..], Vec::as_slice);
    if !offers.iter().any(|o| text(&o["category"])) {
        out.push(Missing::Fee);
    }
    let instances = node["hasCourseInstance"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let timed = |i: &Value| i.get("courseWorkload").is_some() || i.get("courseSchedule").is_some();
    // One mode, or several (a hybrid course is Online and Onsite).
    let mode = |v: &Value| {
        text(v)
            || v.as_array()
                .is_some_and(|m| !m.is_empty() && m.iter().all(text))
    };
    if instances.is_empty() || !instances.iter().all(|i| mode(&i["courseMode"])) {
        out.push(Missing::Required);
    }
    if !instances.iter().all(timed) || instances.is_empty() {
        out.push(Missing::StudyTime);
    }
    out.sort();
    out.dedup();
    out
}

/// The language of a course's English page, if it has one (`en`, `en-GB`…).
fn english_page(c: &Course) -> Option<&str> {
    c.texts
        .keys()
        .map(String::as_str)
        .find(|l| *l == "en" || l.starts_with("en-"))
}

/// At most this many course codes are named in a line of the summary.
const NAMED: usize = 8;

fn codes(list: &[&str]) -> String {
    let mut s = list[..list.len().min(NAMED)].join(", ");
    if list.len() > NAMED {
        s.push_str(&format!(" and {} more", list.len() - NAMED));
    }
    s
}

/// "1 course does not", "3 courses do not".
fn courses_do_not(n: usize) -> String {
    if n == 1 {
        "1 course does not".into()
    } else {
        format!("{n} courses do not")
    }
}

/// The note `check` prints: how many courses qualify for each feature and, per reason, which
/// do not and what would make them.
pub fn summary(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let site = ctx.site;
    let total = site.courses.len();
    if total == 0 {
        return Vec::new();
    }
    let mut listed = Vec::new();
    let mut info = Vec::new();
    let mut reasons: std::collections::BTreeMap<Missing, Vec<&str>> = Default::default();
    for c in &site.courses {
        let english = english_page(c);
        let lang = english.unwrap_or_else(|| c.texts.keys().next().map_or("", String::as_str));
        let node = course_node(ctx, c, lang);
        let mut list = course_list(&node);
        if total < 3 {
            list.push(Missing::FewCourses);
        }
        if list.is_empty() {
            listed.push(c.code.as_str());
        }
        let missing = course_info(&node, english.is_some());
        if missing.is_empty() {
            info.push(c.code.as_str());
        }
        for m in missing.into_iter().chain(list) {
            let codes = reasons.entry(m).or_default();
            if codes.last() != Some(&c.code.as_str()) {
                codes.push(c.code.as_str());
            }
        }
    }
    let mut out = vec![Diagnostic::info(
        "rich-results",
        format!(
            "Google rich results: {} of {total} courses qualify for the course list, {} for course info{}",
            listed.len(),
            info.len(),
            if info.is_empty() {
                String::new()
            } else {
                format!(" ({})", codes(&info))
            }
        ),
    )];
    for (m, list) in reasons {
        let (why, how) = m.explain();
        out.push(
            Diagnostic::info(
                "rich-results",
                format!(
                    "{} qualify for {} ({why}): {}",
                    courses_do_not(list.len()),
                    m.feature(),
                    codes(&list)
                ),
            )
            .with_hint(how),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node() -> Value {
        json!({
            "@type": "Course", "name": "A", "description": "B",
            "provider": {"@type": "Organization", "name": "C"},
            "offers": [{"@type": "Offer", "category": "Free"}],
            "hasCourseInstance": [{"@type": "CourseInstance", "courseMode": "Online", "courseWorkload": "PT8H"}]
        })
    }

    #[test]
    fn a_complete_english_course_qualifies_for_both() {
        assert!(course_list(&node()).is_empty());
        assert!(course_info(&node(), true).is_empty());
    }

    #[test]
    fn each_missing_fact_is_named() {
        assert_eq!(course_info(&node(), false), vec![Missing::English]);
        let mut n = node();
        n.as_object_mut().unwrap().remove("offers");
        assert_eq!(course_info(&n, true), vec![Missing::Fee]);
        let mut n = node();
        n["offers"][0].as_object_mut().unwrap().remove("category");
        assert_eq!(course_info(&n, true), vec![Missing::Fee]);
        let mut n = node();
        n["hasCourseInstance"][0]
            .as_object_mut()
            .unwrap()
            .remove("courseWorkload");
        assert_eq!(course_info(&n, true), vec![Missing::StudyTime]);
        n["hasCourseInstance"][0]["courseSchedule"] = json!({"@type": "Schedule"});
        assert!(course_info(&n, true).is_empty());
        let mut n = node();
        n["description"] = json!("");
        assert_eq!(course_list(&n), vec![Missing::Required]);
        assert_eq!(course_info(&n, true), vec![Missing::Required]);
    }
}
