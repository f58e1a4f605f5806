//! The course model of issue 16 as visitors and search engines see it, on the fixture site
//! `tests/fixtures/model/` (every new field, in English, French and Arabic): hybrid courses,
//! rolling and on-request starts, price options, capacity, "more information" links,
//! instructors, a weekly seminar across the change to summer time and a fee in dinars.

mod runs;

use crate::support::*;
use serde_json::Value;
use std::sync::OnceLock;

fn site() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Site::fixture("model").built())
}

fn json(b: &Built, rel: &str) -> Value {
    serde_json::from_str(&b.page(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `Course` node of a course page's JSON-LD.
fn course_node(html: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    let end = html[start..].find("</script>").expect("closed") + start;
    let v: Value = serde_json::from_str(&html[start..end]).expect("JSON");
    v["@graph"]
        .as_array()
        .and_then(|g| g.iter().find(|n| n["@type"] == "Course"))
        .cloned()
        .expect("a Course node")
}

/// The filter data's row of course `code` in `lang` (by field name, see `filter_rows`), with
/// the data.
fn row(b: &Built, lang: &str, code: &str) -> (Value, Value) {
    let d = json(b, &format!("{lang}/courses/index.json"));
    let r = filter_rows(&d)
        .into_iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("{code} is not in the {lang} filter data"));
    (Value::Object(r), d)
}

#[test]
fn the_fixture_site_builds_without_warnings_and_its_links_hold() {
    assert_links_hold(&Site::fixture("model"));
    let b = site();
    assert_success(&b.report);
    assert!(
        b.report.diagnostics.is_empty(),
        "every new field is written as the guide says: {}",
        show(&b.report)
    );
}

#[test]
fn a_hybrid_course_is_its_own_format_in_filters_cards_and_structured_data() {
    let b = site();
    for (lang, label) in [
        ("en", "Hybrid (online or in person)"),
        ("fr", "Hybride (en ligne ou en présentiel)"),
        ("ar", "هجين (عبر الإنترنت أو حضوري)"),
    ] {
        let (r, d) = row(b, lang, "M0000001");
        let n = r["modality"].as_u64().expect("modality index") as usize;
        assert_eq!(d["modalities"][n], "hybrid", "{lang}");
        let catalogue = b.page(&format!("{lang}/courses/index.html"));
        let option = elements(&catalogue, "option")
            .into_iter()
            .find(|o| o.attr("value").as_deref() == Some("hybrid"))
            .unwrap_or_else(|| panic!("{lang}: no hybrid choice in the format filter"));
        assert_eq!(option.text(), label);
        let card = elements(&catalogue, "article")
            .into_iter()
            .find(|e| e.attr("data-code").as_deref() == Some("M0000001"))
            .expect("card");
        assert_eq!(card.attr("data-modality").as_deref(), Some("hybrid"));
        assert!(card.text().contains(label), "{lang}: {}", card.text());
    }
    let page = b.page("en/courses/hybrid-evenings/index.html");
    let course = course_node(&page);
    let inst = &course["hasCourseInstance"][0];
    assert_eq!(inst["courseMode"], serde_json::json!(["Online", "Onsite"]));
    let types: Vec<&str> = inst["location"]
        .as_array()
        .expect("a room and an online link")
        .iter()
        .filter_map(|l| l["@type"].as_str())
        .collect();
    assert_eq!(types, ["Place", "VirtualLocation"]);
}

#[test]
fn a_rolling_course_is_in_the_catalogue_and_its_filters_but_in_no_list_by_date() {
    let b = site();
    for (lang, note) in [
        ("en", "A new group starts every Monday"),
        ("fr", "Un nouveau groupe démarre chaque lundi"),
        ("ar", "تبدأ مجموعة جديدة كل يوم اثنين"),
    ] {
        // The filters: its note where dates would be, no month, open now (no deadline).
        let (r, d) = row(b, lang, "M0000002");
        assert_eq!(r["dates"], note, "{lang}: the note is its dates");
        let run = &r["runs"][0];
        assert_eq!(run["month"], Value::Null, "{lang}: in no month");
        let state = run["state"].as_u64().expect("state") as usize;
        assert_eq!(d["states"][state], "open", "{lang}");
        let months: Vec<&str> = d["months"]
            .as_array()
            .expect("months")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            months,
            // The labour inspection course's three runs (June, November, February) count, and
            // the weekly seminar's March.
            ["2025-06", "2025-10", "2025-11", "2026-02", "2026-03"],
            "{lang}: only the dated courses' months"
        );
        // The catalogue's card and the course page say it, with the application link.
        let catalogue = b.page(&format!("{lang}/courses/index.html"));
        let card = elements(&catalogue, "article")
            .into_iter()
            .find(|e| e.attr("data-code").as_deref() == Some("M0000002"))
            .expect("card");
        assert!(card.text().contains(note), "{lang}: {}", card.text());
        assert_eq!(card.attr("data-month").as_deref(), Some(""));
        assert_eq!(card.attr("data-state").as_deref(), Some("open"));
        let page = b.page(&format!("{lang}/courses/rolling-language/index.html"));
        assert!(text(&page).contains(note), "{lang}");
        assert!(
            page.contains(&format!("https://apply.example.org/M0000002/{lang}")),
            "{lang}: the application link stays"
        );
        // Out of the calendar and of "starting soon"; among the courses open for applications.
        let calendar = b.page(&format!("{lang}/calendar/index.html"));
        assert!(
            !calendar.contains("M0000002"),
            "{lang}: not in the calendar"
        );
        assert!(calendar.contains("M0000001"), "{lang}: the dated course is");
        let home = b.page(&format!("{lang}/index.html"));
        let open_ids = ["open-h", "soon-h"].map(|id| {
            let at = home
                .find(&format!("id=\"{id}\""))
                .unwrap_or_else(|| panic!("{lang}: {id}"));
            let end = home[at..].find("</section>").expect("section end") + at;
            home[at..end].contains("M0000002")
        });
        assert_eq!(
            open_ids,
            [true, false],
            "{lang}: open now, not starting soon"
        );
    }
    assert!(
        !b.exists("en/courses/rolling-language/M0000002.ics")
            && !b
                .files()
                .keys()
                .any(|f| f.contains("M0000002") && f.ends_with(".ics")),
        "no calendar file: it has no dates"
    );
}

#[test]
fn an_on_request_course_without_a_note_says_so_in_each_language() {
    let b = site();
    for (lang, words) in [
        ("en", "On request: dates are agreed with you"),
        ("fr", "Sur demande\u{a0}: dates convenues avec vous"),
        ("ar", "عند الطلب: تُحدَّد المواعيد بالاتفاق معكم"),
    ] {
        let (r, _) = row(b, lang, "M0000003");
        assert_eq!(r["dates"], words, "{lang}");
        let page = b.page(&format!("{lang}/courses/on-request-audit/index.html"));
        assert!(unescape(&page).contains(words), "{lang}");
    }
}

/// Builds the fixture as of `now` (RFC 3339) into a folder of its own.
fn built_at(now: &str) -> (Site, std::path::PathBuf) {
    let s = Site::fixture("model");
    let out = s.dir.path().join(format!("out-{}", now.replace(':', "")));
    let mut o = s.options(&out);
    o.now = prospectus::parse_now(now).expect("now parses");
    assert_success(&prospectus::build(&o));
    (s, out)
}

fn read(out: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<dd>` of a course's price on a catalogue page.
fn card_price<'a>(catalogue: &'a str, code: &str) -> Element<'a> {
    let card = elements(catalogue, "article")
        .into_iter()
        .find(|e| e.attr("data-code").as_deref() == Some(code))
        .expect("card");
    elements(card.inner, "dd")
        .into_iter()
        .find(|d| d.has_attr("data-price"))
        .expect("a price")
}

#[test]
fn cards_show_the_lowest_current_price_until_early_booking_ends() {
    // 20 August: early booking (until 15 September) is the lowest price.
    let b = site();
    let cat = b.page("en/courses/index.html");
    let price = card_price(&cat, "M0000001");
    assert_eq!(price.text(), "from €1,500");
    // The state script's steps: after the last instant of 15 September in Rome, from €1,800.
    let steps: Value =
        serde_json::from_str(&price.attr("data-price-steps").expect("steps")).expect("JSON");
    assert_eq!(
        steps,
        serde_json::json!([["2025-09-15T21:59:59Z", "from ", "€1,800", "", false]])
    );
    let fr = b.page("fr/courses/index.html");
    assert_eq!(
        card_price(&fr, "M0000001").text(),
        "à partir de 1\u{202f}500\u{a0}€"
    );
    // The next builds to make: when the safety workshop (10 November in Rome) comes within the
    // home page's 60 days of "Starting soon", then when early booking ends.
    assert_eq!(
        read(&b.out, ".prospectus/next-change").trim(),
        "2025-09-10T23:00:00Z"
    );
    let (_site, out) = built_at("2025-09-11T08:00:00Z");
    assert_eq!(
        read(&out, ".prospectus/next-change").trim(),
        "2025-09-15T22:00:00Z"
    );
    // 16 September: the early-booking price is no longer current, the page says it ended.
    let (_site, out) = built_at("2025-09-16T08:00:00Z");
    let cat = read(&out, "en/courses/index.html");
    let price = card_price(&cat, "M0000001");
    assert_eq!(price.text(), "from €1,800");
    assert!(!price.has_attr("data-price-steps"), "no change ahead");
    let page = read(&out, "en/courses/hybrid-evenings/index.html");
    let early = elements(&page, "tr")
        .into_iter()
        .find(|r| r.text().contains("Early booking"))
        .expect("the early-booking row stays on the page");
    assert_eq!(early.attr("class").as_deref(), Some("past"));
    assert!(early.text().contains("until 15 September 2025"));
    let note = elements(early.inner, "span")
        .into_iter()
        .find(|s| s.has_attr("data-ended"))
        .expect("ended note");
    assert!(!note.has_attr("hidden"), "said to be no longer offered");
}

#[test]
fn the_page_lists_every_price_option_and_structured_data_has_one_offer_each() {
    let b = site();
    let page = b.page("en/courses/hybrid-evenings/index.html");
    let rows: Vec<String> = elements(&page, "tr")
        .into_iter()
        .filter(|r| r.text().contains('€'))
        .map(|r| plain_spaces(&r.text()))
        .collect();
    assert_eq!(
        rows,
        [
            "Fee €1,800",
            "Early booking until 15 September 2025 (no longer offered) €1,500",
            "Sponsored participants participants whose employer pays the fee €2,200",
        ]
    );
    let offers = course_node(&page)["offers"].clone();
    let offers = offers.as_array().expect("offers");
    assert_eq!(offers.len(), 3, "the course's offer and one per option");
    assert_eq!(offers[1]["name"], "Early booking");
    assert_eq!(offers[1]["price"], 1500);
    assert_eq!(offers[1]["priceCurrency"], "EUR");
    assert_eq!(offers[1]["validThrough"], "2025-09-15T21:59:59Z");
    assert_eq!(
        offers[2]["description"],
        "participants whose employer pays the fee"
    );
    assert!(offers[2].get("validThrough").is_none());
    // Names and "for" texts are per language; the amounts are shared.
    let ar = b.page("ar/courses/hybrid-evenings/index.html");
    assert_eq!(course_node(&ar)["offers"][1]["name"], "التسجيل المبكر");
}

#[test]
fn a_fee_on_request_says_so_and_states_no_price() {
    let b = site();
    for (lang, words) in [
        ("en", "On request"),
        ("fr", "Sur demande"),
        ("ar", "عند الطلب"),
    ] {
        let cat = b.page(&format!("{lang}/courses/index.html"));
        assert_eq!(card_price(&cat, "M0000003").text(), words, "{lang}");
    }
    let page = b.page("en/courses/on-request-audit/index.html");
    let offer = &course_node(&page)["offers"][0];
    // A fee there is, at a price the note does not state.
    assert!(offer.get("price").is_none(), "{offer}");
    assert_eq!(offer["category"], "Paid");
}

#[test]
fn the_capacity_is_on_the_page_and_in_structured_data() {
    let b = site();
    for (lang, label, places) in [
        ("en", "Places", "24 places"),
        ("fr", "Places", "24 places"),
        ("ar", "عدد المقاعد", "24 مقعدًا"),
    ] {
        let page = b.page(&format!("{lang}/courses/hybrid-evenings/index.html"));
        let row = elements(&page, "div")
            .into_iter()
            .find(|e| {
                elements(e.inner, "dt")
                    .first()
                    .is_some_and(|dt| dt.text() == label)
            })
            .unwrap_or_else(|| panic!("{lang}: no {label} in the key facts"));
        assert_eq!(elements(row.inner, "dd")[0].text(), places, "{lang}");
        let inst = &course_node(&page)["hasCourseInstance"][0];
        assert_eq!(inst["maximumAttendeeCapacity"], 24, "{lang}");
    }
    // A course that does not state it says nothing.
    let page = b.page("en/courses/rolling-language/index.html");
    assert!(!text(&page).contains("Places"));
    assert!(course_node(&page)["hasCourseInstance"][0]
        .get("maximumAttendeeCapacity")
        .is_none());
}

#[test]
fn more_information_links_apart_from_the_application() {
    let b = site();
    for (lang, href, words) in [
        (
            "en",
            "https://www.example.org/en/negotiation-evenings",
            "More information",
        ),
        (
            "fr",
            "https://www.example.org/fr/soirees-de-negociation",
            "En savoir plus",
        ),
        // No website of its own: the default language's.
        (
            "ar",
            "https://www.example.org/en/negotiation-evenings",
            "مزيد من المعلومات",
        ),
    ] {
        let page = b.page(&format!("{lang}/courses/hybrid-evenings/index.html"));
        let link = elements(&page, "a")
            .into_iter()
            .find(|a| a.attr("href").as_deref() == Some(href))
            .unwrap_or_else(|| panic!("{lang}: no link to {href}"));
        assert_eq!(link.text(), words, "{lang}");
        assert!(
            page.contains(&format!("https://apply.example.org/M0000001/{lang}")),
            "{lang}: the application link is still there"
        );
        assert_eq!(course_node(&page)["sameAs"], href, "{lang}");
    }
    let page = b.page("en/courses/rolling-language/index.html");
    assert!(course_node(&page).get("sameAs").is_none());
    assert!(!text(&page).contains("More information"));
}

#[test]
fn instructors_from_people_toml_or_written_in_the_course() {
    let b = site();
    for (lang, heading, role) in [
        ("en", "Instructors", "Occupational safety specialist"),
        (
            "fr",
            "Formateurs et formatrices",
            "Spécialiste de la sécurité au travail",
        ),
        ("ar", "المدربون", "أخصائي السلامة المهنية"),
    ] {
        let page = b.page(&format!("{lang}/courses/safety-workshop/index.html"));
        let people: Vec<String> = elements(&page, "li")
            .into_iter()
            .filter(|li| li.attr("class").as_deref() == Some("person"))
            .map(|li| li.text())
            .collect();
        assert_eq!(
            people,
            [
                format!("Kofi Mensah {role}"),
                "Ana Pereira Guest trainer".to_string()
            ],
            "{lang}"
        );
        assert!(text(&page).contains(heading), "{lang}");
        // The photo is published beside the page in every language.
        assert!(page.contains("<img src=\"mensah.png\""), "{lang}");
        assert!(b.exists(&format!("{lang}/courses/safety-workshop/mensah.png")));
        let inst = &course_node(&page)["hasCourseInstance"][0];
        assert_eq!(inst["instructor"][0]["name"], "Kofi Mensah");
        assert_eq!(inst["instructor"][0]["jobTitle"], role);
        assert_eq!(
            inst["instructor"][0]["image"],
            format!("https://training.example.org/{lang}/courses/safety-workshop/mensah.png")
        );
    }
    // An id of data/people.toml: its name, role in the page's language and page.
    let page = b.page("fr/courses/hybrid-evenings/index.html");
    let link = elements(&page, "a")
        .into_iter()
        .find(|a| a.attr("href").as_deref() == Some("https://www.example.org/people/pereira"))
        .expect("the instructor's page");
    assert_eq!(link.text(), "Ana Pereira");
    assert!(text(&page).contains("Formatrice principale en dialogue social"));
    let inst = &course_node(&page)["hasCourseInstance"][0];
    assert_eq!(
        inst["instructor"][0]["url"],
        "https://www.example.org/people/pereira"
    );
}

/// The visible text of a page.
fn text_of(html: &str) -> String {
    text(html)
}

/// The `.ics` of a course in `lang`, with its lines unfolded.
fn ics_lines(b: &Built, rel: &str) -> Vec<String> {
    b.page(rel)
        .replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

#[test]
fn a_weekly_seminar_says_its_days_hours_and_zone_in_each_language() {
    let b = site();
    for (lang, words) in [
        (
            "en",
            [
                "17 March – 9 April 2026",
                "Every Tuesday and Thursday, 6:00 PM–8:00 PM (Italy Time)",
                "No meeting on 2 April 2026",
            ],
        ),
        (
            "fr",
            [
                "17 mars – 9 avril 2026",
                "Chaque mardi et jeudi, 18:00–20:00 (heure : Italie)",
                "Pas de séance le 2 avril 2026",
            ],
        ),
        (
            "ar",
            [
                "17 مارس – 9 أبريل 2026",
                "أيام الثلاثاء والخميس، 6:00 م–8:00 م (توقيت إيطاليا)",
                "لا توجد جلسة في 2 أبريل 2026",
            ],
        ),
    ] {
        let page = b.page(&format!("{lang}/courses/weekly-seminar/index.html"));
        let sessions = elements(&page, "ul")
            .into_iter()
            .find(|u| u.attr("class").as_deref() == Some("sessions"))
            .unwrap_or_else(|| panic!("{lang}: no list of sessions"));
        let text = plain_spaces(&sessions.text());
        for w in words {
            assert!(text.contains(w), "{lang}: «{w}» not in «{text}»");
        }
        // The card of the catalogue gives the days and hours with the dates.
        let catalogue = plain_spaces(&text_of(&b.page(&format!("{lang}/courses/index.html"))));
        assert!(catalogue.contains(words[1]), "{lang}: the card's schedule");
        // "Add to Google Calendar / Outlook" would add the first meeting only: the weekly
        // session's entry offers the calendar file (its event repeats); the deadline keeps them.
        let adds = elements(&page, "ul")
            .into_iter()
            .find(|u| u.attr("class").as_deref() == Some("link-list add-events"))
            .unwrap_or_else(|| panic!("{lang}: no add-to-calendar list"));
        let items = elements(adds.inner, "li");
        assert_eq!(items.len(), 2, "{lang}: the session and the deadline");
        assert!(
            !items[0].inner.contains("calendar.google.com"),
            "{lang}: {}",
            items[0].inner
        );
        assert!(
            !items[0].inner.contains("outlook."),
            "{lang}: {}",
            items[0].inner
        );
        assert!(
            items[0]
                .inner
                .contains("weekly-seminar/M0000006.ics\" type=\"text/calendar\" download"),
            "{lang}: {}",
            items[0].inner
        );
        assert!(
            items[1].inner.contains("calendar.google.com"),
            "{lang}: {}",
            items[1].inner
        );
    }
}

#[test]
fn a_weekly_seminar_is_one_repeating_event_across_the_change_to_summer_time() {
    let b = site();
    let lines = ics_lines(b, "en/courses/weekly-seminar/M0000006.ics");
    let has = |l: &str| lines.iter().any(|x| x == l);
    assert!(
        has("DTSTART;TZID=Europe/Rome:20260317T180000"),
        "{lines:#?}"
    );
    assert!(has("DTEND;TZID=Europe/Rome:20260317T200000"));
    // The last meeting, 9 April 18:00 Rome summer time, is 16:00 UTC.
    assert!(has(
        "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=TU,TH;UNTIL=20260409T160000Z"
    ));
    assert!(has("EXDATE;TZID=Europe/Rome:20260402T180000"));
    // The zone's offsets before and after 29 March 2026, 02:00.
    assert!(has("BEGIN:VTIMEZONE") && has("TZID:Europe/Rome"));
    assert!(has("DTSTART:20260329T020000") && has("TZOFFSETTO:+0200"));
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        2,
        "the meetings and the deadline"
    );
    // The site's calendar defines the zone once.
    let all = ics_lines(b, "en/calendar.ics");
    assert_eq!(all.iter().filter(|l| *l == "BEGIN:VTIMEZONE").count(), 1);
}

#[test]
fn a_weekly_seminar_has_a_schedule_in_structured_data() {
    let b = site();
    let page = b.page("en/courses/weekly-seminar/index.html");
    let inst = course_node(&page)["hasCourseInstance"][0].clone();
    let s = &inst["courseSchedule"];
    assert_eq!(s["@type"], "Schedule");
    assert_eq!(s["repeatFrequency"], "P1W");
    assert_eq!(
        s["repeatCount"], 7,
        "17, 19, 24, 26, 31 March, 7 and 9 April"
    );
    assert_eq!(s["startTime"], "18:00:00");
    assert_eq!(s["endTime"], "20:00:00");
    assert_eq!(s["duration"], "PT2H");
    assert_eq!(s["scheduleTimezone"], "Europe/Rome");
    assert_eq!(s["startDate"], "2026-03-17");
    assert_eq!(s["endDate"], "2026-04-09");
    assert_eq!(s["exceptDate"], serde_json::json!(["2026-04-02"]));
    assert_eq!(inst["startDate"], "2026-03-17");
    assert_eq!(inst["endDate"], "2026-04-09");
}

#[test]
fn a_fee_in_dinars_keeps_its_three_decimals() {
    let b = site();
    for (lang, want) in [
        ("en", "BHD\u{a0}120.125"),
        ("fr", "120,125\u{a0}BHD"),
        ("ar", "120.125"),
    ] {
        let page = b.page(&format!("{lang}/courses/weekly-seminar/index.html"));
        assert!(page.contains(want), "{lang}: {want}");
    }
    let page = b.page("en/courses/weekly-seminar/index.html");
    let offers = &course_node(&page)["offers"];
    let offer = if offers.is_array() {
        offers[0].clone()
    } else {
        offers.clone()
    };
    assert_eq!(offer["price"], "120.125");
    assert_eq!(offer["priceCurrency"], "BHD");
}
