//! One test per rule of [`super::check`]: a block that follows them all, then that block
//! broken in one way at a time.

use super::*;
use serde_json::json;

/// A course page's block as the build writes it.
fn course_block() -> Value {
    json!({
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Course",
                "@id": "https://training.example.org/en/courses/x/#course",
                "name": "Budgeting",
                "description": "Public budgets for beginners.",
                "courseCode": "A1",
                "url": "https://training.example.org/en/courses/x/",
                "provider": {"@type": "Organization", "name": "Centre",
                             "url": "https://training.example.org", "sameAs": "https://training.example.org"},
                "inLanguage": ["en", "fr"],
                "image": "https://training.example.org/en/courses/x/cover.jpg",
                "educationalCredentialAwarded": "Certificate of achievement",
                "offers": [{
                    "@type": "Offer", "url": "https://apply.example.org/A1",
                    "category": "Paid", "price": 2400, "priceCurrency": "EUR",
                    "priceSpecification": {"@type": "CompoundPriceSpecification", "priceComponent": [
                        {"@type": "UnitPriceSpecification", "name": "Tuition", "price": 2400, "priceCurrency": "EUR"},
                        {"@type": "UnitPriceSpecification", "name": "Subsistence", "price": "1500.50", "priceCurrency": "EUR"}
                    ]},
                    "validFrom": "2025-06-01T22:00:00Z", "validThrough": "2025-09-14T21:59:59Z",
                    "availability": "https://schema.org/InStock"
                }],
                "hasCourseInstance": [{
                    "@type": "CourseInstance", "courseMode": "Blended",
                    "startDate": "2025-10-06", "endDate": "2025-11-28", "courseWorkload": "PT60H",
                    "location": [
                        {"@type": "VirtualLocation", "url": "https://training.example.org/en/courses/x/", "name": "eCampus"},
                        {"@type": "Place", "name": "Abidjan", "address": "Abidjan"}
                    ],
                    "eventStatus": "https://schema.org/EventCancelled"
                }]
            },
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://training.example.org/en/"},
                    {"@type": "ListItem", "position": 2, "name": "Budgeting", "item": "https://training.example.org/en/courses/x/"}
                ]
            }
        ]
    })
}

/// The problems of the course block after `change`.
fn broken(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut b = course_block();
    change(&mut b);
    check(&b)
}

fn course(b: &mut Value) -> &mut Value {
    &mut b["@graph"][0]
}

fn offer(b: &mut Value) -> &mut Value {
    &mut b["@graph"][0]["offers"][0]
}

fn instance(b: &mut Value) -> &mut Value {
    &mut b["@graph"][0]["hasCourseInstance"][0]
}

/// `problems` is exactly one problem, at `at`.
fn one_at(problems: Vec<String>, at: &str) {
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(at),
        "{problems:?}, expected at {at}"
    );
}

#[test]
fn the_blocks_the_build_writes_pass() {
    assert_eq!(check(&course_block()), Vec::<String>::new());
    let list = json!({"@context": "https://schema.org", "@graph": [
        {"@type": "ItemList", "name": "Courses", "itemListElement": [
            {"@type": "ListItem", "position": 1, "url": "https://training.example.org/en/courses/x/"}]},
        {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://training.example.org/en/"}]}
    ]});
    assert_eq!(check(&list), Vec::<String>::new());
    let article = json!({"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "News", "datePublished": "2025-08-01T22:00:00Z",
         "inLanguage": "en", "url": "https://training.example.org/en/notices/n/",
         "publisher": {"@type": "Organization", "name": "Centre"},
         "author": {"@type": "Organization", "name": "Centre"},
         "expires": "2025-09-15T21:59:59Z"}
    ]});
    assert_eq!(check(&article), Vec::<String>::new());
}

#[test]
fn the_block_needs_the_schema_org_context_and_a_graph() {
    one_at(
        broken(|b| b["@context"] = json!("http://schema.org")),
        "@context",
    );
    one_at(broken(|b| b["@graph"] = json!([])), "@graph");
    one_at(broken(|b| b["name"] = json!("x")), "name");
    // Only pages' own things stand at the top: an Offer belongs to a Course.
    one_at(
        broken(|b| b["@graph"][1] = json!({"@type": "Offer", "category": "Free"})),
        "@graph[1].@type",
    );
}

#[test]
fn required_properties_must_be_there() {
    one_at(
        broken(|b| drop(course(b).as_object_mut().unwrap().remove("name"))),
        "@graph[0].name",
    );
    one_at(
        broken(|b| {
            drop(
                course(b)["provider"]
                    .as_object_mut()
                    .unwrap()
                    .remove("name"),
            )
        }),
        "@graph[0].provider.name",
    );
    one_at(
        broken(|b| drop(instance(b).as_object_mut().unwrap().remove("courseMode"))),
        "@graph[0].hasCourseInstance[0].courseMode",
    );
    one_at(
        broken(|b| instance(b)["location"][1] = json!({"@type": "Place", "name": "Abidjan"})),
        "@graph[0].hasCourseInstance[0].location[1].address",
    );
}

#[test]
fn unknown_properties_and_types_are_refused() {
    one_at(
        broken(|b| course(b)["coursecode"] = json!("A1")),
        "@graph[0].coursecode",
    );
    one_at(
        broken(|b| offer(b)["@type"] = json!("AggregateOffer")),
        "@graph[0].offers[0].@type",
    );
    one_at(
        broken(|b| instance(b)["location"] = json!({"@type": "PostalAddress", "name": "x"})),
        "@graph[0].hasCourseInstance[0].location.@type",
    );
}

#[test]
fn a_property_with_one_value_takes_no_list() {
    one_at(
        broken(|b| course(b)["name"] = json!(["a", "b"])),
        "@graph[0].name",
    );
    one_at(
        broken(|b| course(b)["offers"] = json!([])),
        "@graph[0].offers",
    );
}

#[test]
fn text_must_not_be_empty() {
    one_at(
        broken(|b| course(b)["description"] = json!("  ")),
        "@graph[0].description",
    );
    one_at(broken(|b| course(b)["name"] = json!(12)), "@graph[0].name");
}

#[test]
fn urls_are_absolute() {
    one_at(
        broken(|b| course(b)["url"] = json!("/en/courses/x/")),
        "@graph[0].url",
    );
    one_at(
        broken(|b| course(b)["image"] = json!("https://")),
        "@graph[0].image",
    );
    one_at(
        broken(|b| offer(b)["url"] = json!("javascript:alert(1)")),
        "@graph[0].offers[0].url",
    );
}

#[test]
fn dates_and_instants_are_iso_8601() {
    one_at(
        broken(|b| instance(b)["startDate"] = json!("2025-10-6")),
        "@graph[0].hasCourseInstance[0].startDate",
    );
    one_at(
        broken(|b| offer(b)["validThrough"] = json!("2025-09-14")),
        "@graph[0].offers[0].validThrough",
    );
}

#[test]
fn workloads_are_iso_8601_durations() {
    for ok in ["PT22H", "PT7.5H", "P2W", "P1DT2H", "PT90M"] {
        assert!(duration(ok), "{ok}");
    }
    for bad in [
        "22 hours", "PT", "P", "P1H", "PT1D", "P1D2Y", "PT.5H", "22H",
    ] {
        assert!(!duration(bad), "{bad}");
    }
    one_at(
        broken(|b| instance(b)["courseWorkload"] = json!("60 hours")),
        "@graph[0].hasCourseInstance[0].courseWorkload",
    );
}

#[test]
fn prices_currencies_and_languages_are_checked() {
    one_at(
        broken(|b| offer(b)["price"] = json!(-5)),
        "@graph[0].offers[0].price",
    );
    one_at(
        broken(|b| offer(b)["price"] = json!("2,400")),
        "@graph[0].offers[0].price",
    );
    one_at(
        broken(|b| offer(b)["priceCurrency"] = json!("eur")),
        "@graph[0].offers[0].priceCurrency",
    );
    one_at(
        broken(|b| course(b)["inLanguage"] = json!(["en", "fr FR"])),
        "@graph[0].inLanguage[1]",
    );
}

#[test]
fn values_from_a_list_are_spelled_as_schema_org_does() {
    one_at(
        broken(|b| offer(b)["category"] = json!("free")),
        "@graph[0].offers[0].category",
    );
    one_at(
        broken(|b| offer(b)["availability"] = json!("SoldOut")),
        "@graph[0].offers[0].availability",
    );
    one_at(
        broken(|b| instance(b)["courseMode"] = json!("online")),
        "@graph[0].hasCourseInstance[0].courseMode",
    );
}

#[test]
fn a_start_comes_before_its_end() {
    one_at(
        broken(|b| instance(b)["endDate"] = json!("2025-10-01")),
        "@graph[0].hasCourseInstance[0]: startDate",
    );
    one_at(
        broken(|b| offer(b)["validFrom"] = json!("2025-10-01T00:00:00Z")),
        "@graph[0].offers[0]: validFrom",
    );
}

#[test]
fn a_price_has_its_currency_and_agrees_with_its_category() {
    one_at(
        broken(|b| drop(offer(b).as_object_mut().unwrap().remove("priceCurrency"))),
        "@graph[0].offers[0].price",
    );
    one_at(
        broken(|b| offer(b)["category"] = json!("Free")),
        "@graph[0].offers[0]: category \"Free\"",
    );
    one_at(
        broken(|b| {
            offer(b)["price"] = json!(0);
        }),
        "@graph[0].offers[0]: category \"Paid\"",
    );
    // A free course: category "Free", with a price of 0 or none.
    assert!(broken(|b| {
        offer(b)["category"] = json!("Free");
        offer(b)["price"] = json!(0);
        drop(
            offer(b)
                .as_object_mut()
                .unwrap()
                .remove("priceSpecification"),
        );
    })
    .is_empty());
}

#[test]
fn list_items_are_numbered_from_one_and_say_what_they_list() {
    one_at(
        broken(|b| b["@graph"][1]["itemListElement"][1]["position"] = json!(3)),
        "@graph[1].itemListElement[1].position",
    );
    let zero = broken(|b| b["@graph"][1]["itemListElement"][0]["position"] = json!(0));
    assert!(
        !zero.is_empty()
            && zero
                .iter()
                .all(|p| p.starts_with("@graph[1].itemListElement[0].position")),
        "{zero:?}"
    );
    one_at(
        broken(|b| {
            drop(
                b["@graph"][1]["itemListElement"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("item"),
            )
        }),
        "@graph[1].itemListElement[0].item",
    );
    let list = json!({"@context": "https://schema.org", "@graph": [
        {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "position": 1}]}]});
    one_at(check(&list), "@graph[0].itemListElement[0].url");
}

#[test]
fn no_type_lists_more_properties_than_a_node_check_can_mark() {
    for (name, props) in TYPES {
        assert!(
            props.len() <= MAX_PROPS,
            "{name}: {} properties",
            props.len()
        );
    }
}
