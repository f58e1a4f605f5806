//! Course facts visitors and search engines act on: structured data (schema.org JSON-LD parsed
//! and checked for Google's Course / Course info required properties) and the refund table in
//! every language.

use crate::support::*;
use serde_json::Value;

fn nonempty(v: &Value, what: &str) {
    let ok = match v {
        Value::String(s) => !s.trim().is_empty(),
        Value::Number(_) => true,
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => false,
    };
    assert!(ok, "{what} missing or empty: {v}");
}

#[test]
fn every_course_page_has_complete_course_structured_data() {
    let b = Site::example_shared().built();
    let mut pages = 0;
    for rel in b.html_files() {
        let parts: Vec<&str> = rel.split('/').collect();
        if parts.len() != 4 || parts[1] != "courses" || parts[2] == "page" || parts[2] == "past" {
            continue;
        }
        let html = b.page(&rel);
        if is_redirect(&html) {
            continue; // an alias: a redirect page, not the course page
        }
        let data = jsonld(&html);
        let courses = of_type(&data, "Course");
        assert_eq!(courses.len(), 1, "{rel}: one Course");
        let c = courses[0];
        for key in ["name", "description", "courseCode", "url"] {
            nonempty(&c[key], &format!("{rel}: Course.{key}"));
        }
        nonempty(&c["provider"]["name"], &format!("{rel}: provider.name"));
        let offers = c["offers"]
            .as_array()
            .unwrap_or_else(|| panic!("{rel}: offers"));
        assert!(!offers.is_empty(), "{rel}: offers");
        for o in offers {
            let cat = o["category"].as_str().unwrap_or("");
            assert!(
                ["Free", "Partially Free", "Subscription", "Paid"].contains(&cat),
                "{rel}: category {cat}"
            );
            // A fee on request (the page's price reads "On request" in its language, in the
            // dd the state script never changes) is paid, at a price the note does not state.
            let on_request = ["On request", "Sur demande", "A consultar", "عند الطلب"]
                .iter()
                .any(|w| html.contains(&format!("<dd data-price>{w}</dd>")));
            if cat == "Paid" && !on_request {
                assert!(
                    o["price"].is_number()
                        || o["price"]
                            .as_str()
                            .is_some_and(|p| p.parse::<f64>().is_ok()),
                    "{rel}: price {}",
                    o["price"]
                );
                assert_eq!(
                    o["priceCurrency"].as_str().map(str::len),
                    Some(3),
                    "{rel}: priceCurrency"
                );
            }
        }
        let instances = c["hasCourseInstance"]
            .as_array()
            .unwrap_or_else(|| panic!("{rel}: hasCourseInstance"));
        assert!(!instances.is_empty(), "{rel}: hasCourseInstance");
        for i in instances {
            // A hybrid course is both online and onsite.
            let modes: Vec<&str> = match &i["courseMode"] {
                Value::Array(v) => v.iter().filter_map(Value::as_str).collect(),
                v => vec![v.as_str().unwrap_or("")],
            };
            assert!(
                !modes.is_empty()
                    && modes
                        .iter()
                        .all(|m| ["Online", "Onsite", "Blended"].contains(m)),
                "{rel}: courseMode {modes:?}"
            );
            assert!(
                i.get("courseWorkload").is_some() || i.get("courseSchedule").is_some(),
                "{rel}: workload or schedule"
            );
            if let (Some(s), Some(e)) = (i["startDate"].as_str(), i["endDate"].as_str()) {
                assert!(s <= e, "{rel}: startDate {s} after endDate {e}");
            }
        }
        assert_eq!(
            of_type(&data, "BreadcrumbList").len(),
            1,
            "{rel}: BreadcrumbList"
        );
        // No text can close the script element.
        let block = &html[html.find("application/ld+json").unwrap()..];
        let inner = &block[..block.find("</script>").unwrap()];
        assert!(!inner[2..].contains('<'), "{rel}: raw < in JSON-LD");
        pages += 1;
    }
    assert!(pages >= 15, "course pages checked: {pages}");

    // Facts that follow the course: the deadline, the cancelled status, a free course.
    let gender = jsonld(&b.page("en/courses/gender-audit-certification/index.html"));
    let c = of_type(&gender, "Course")[0];
    assert_eq!(c["courseCode"], "A9718007");
    assert_eq!(c["offers"][0]["price"], 1860);
    assert_eq!(c["offers"][0]["priceCurrency"], "EUR");
    assert_eq!(c["offers"][0]["validThrough"], "2025-08-25T21:59:59Z");
    assert_eq!(c["hasCourseInstance"][0]["startDate"], "2025-09-08");
    let stata = jsonld(&b.page("en/courses/stata-labour-market-analysis/index.html"));
    assert_eq!(
        of_type(&stata, "Course")[0]["hasCourseInstance"][0]["eventStatus"],
        "https://schema.org/EventCancelled"
    );
    let free = jsonld(&b.page("en/courses/introduction-labour-standards/index.html"));
    assert_eq!(of_type(&free, "Course")[0]["offers"][0]["category"], "Free");
}

#[test]
fn lists_and_notices_have_their_structured_data() {
    let b = Site::example_shared().built();
    let cat = jsonld(&b.page("en/courses/index.html"));
    let list = of_type(&cat, "ItemList");
    assert_eq!(list.len(), 1);
    let items = list[0]["itemListElement"].as_array().expect("items");
    assert_eq!(items.len(), 10, "every course of the example");
    for it in items {
        let url = it["url"].as_str().expect("url");
        assert!(b.file_for_url(url).is_some(), "{url} exists");
    }
    let notice = b
        .html_files()
        .into_iter()
        .find(|f| f.starts_with("en/notices/") && f.matches('/').count() == 3)
        .expect("a notice page");
    let data = jsonld(&b.page(&notice));
    let a = of_type(&data, "Article");
    assert_eq!(a.len(), 1, "{notice}");
    nonempty(&a[0]["headline"], "headline");
    nonempty(&a[0]["datePublished"], "datePublished");
}

#[test]
fn refund_table_has_concrete_dates_in_every_language() {
    let b = Site::example_shared().built();
    for (lang, expect) in [
        (
            "en",
            ["25 August 2025", "26–31 August 2025", "1 September 2025"],
        ),
        (
            "fr",
            ["25 août 2025", "26–31 août 2025", "1 septembre 2025"],
        ),
        (
            "es",
            [
                "25 de agosto de 2025",
                "26–31 de agosto de 2025",
                "1 de septiembre de 2025",
            ],
        ),
    ] {
        let html = b.page(&format!(
            "{lang}/courses/gender-audit-certification/index.html"
        ));
        let table = elements(&html, "table")
            .into_iter()
            .find(|t| t.attr("class").as_deref() == Some("refunds"))
            .unwrap_or_else(|| panic!("{lang}: refund table"));
        let rows: Vec<String> = elements(table.inner, "tr")
            .iter()
            .map(|r| plain_spaces(&r.text()))
            .collect();
        assert_eq!(rows.len(), 4, "{lang}: header + 3 tiers: {rows:?}");
        for (row, date) in rows[1..].iter().zip(expect) {
            assert!(row.contains(date), "{lang}: {date} in {row:?}");
        }
        assert!(
            table.inner.contains("<th scope=\"col\">"),
            "{lang}: column headers"
        );
    }
}
