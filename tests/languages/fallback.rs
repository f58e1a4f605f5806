//! Texts shown in another language than their page's: a course translation that leaves out its
//! summary, objectives, session names or places shows its sibling's, marked with that
//! language (`lang`, and `dir` when the direction changes); the page's own texts are not marked.

use crate::support::*;

/// The base fixture with its course's English file giving a summary, objectives and a session
/// name and place, a French file giving its own place only, and an Arabic file with a title.
fn built() -> Built {
    let s = Site::fixture("base");
    let site = s.read("site.toml").replace(
        "languages = [\"en\", \"fr\"]",
        "languages = [\"en\", \"fr\", \"ar\"]",
    );
    s.write("site.toml", site);
    let en = s.read("content/courses/base-course.md");
    let en = en
        .replace(
            "location = \"eCampus\"",
            "name = \"Online weeks\"\nlocation = \"eCampus\"",
        )
        .replace(
            "contacts = [\"ilsgen\"]",
            "contacts = [\"ilsgen\"]\nobjectives = [\"Plan an audit.\"]",
        );
    s.write("content/courses/base-course.md", en);
    s.write(
        "content/courses/base-course.fr.md",
        "+++\ncode = \"B0000001\"\ntitle = \"Cours de base\"\n\n[[sessions]]\nstart = 2025-10-06\nend = 2025-10-31\nlocation = \"Campus en ligne\"\n\n[application]\nurl = \"https://apply.example.org/B0000001/fr\"\n+++\nUn cours valide.\n",
    );
    s.write(
        "content/courses/base-course.ar.md",
        "+++\ncode = \"B0000001\"\ntitle = \"دورة أساسية\"\n+++\nدورة صالحة.\n",
    );
    let b = s.built();
    assert_success(&b.report);
    b
}

/// The opening tag of the first element of `name` with class `class` in `page`.
fn tag_of<'a>(page: &'a str, name: &str, class: &str) -> Element<'a> {
    elements(page, name)
        .into_iter()
        .find(|e| {
            e.attr("class")
                .is_some_and(|c| c.split(' ').any(|x| x == class))
        })
        .unwrap_or_else(|| panic!("no <{name} class={class}>"))
}

#[test]
fn a_text_from_another_translation_carries_its_language() {
    let b = built();
    let fr = b.page("fr/courses/base-course/index.html");
    // Summary, objectives and the session name come from the English file.
    let lead = tag_of(&fr, "p", "lead");
    assert_eq!(lead.attr("lang").as_deref(), Some("en"), "{}", lead.tag);
    assert_eq!(lead.attr("dir"), None, "same direction: {}", lead.tag);
    let objectives = tag_of(&fr, "ul", "objectives");
    assert_eq!(objectives.attr("lang").as_deref(), Some("en"));
    let name = tag_of(&fr, "strong", "session-name");
    assert_eq!(name.attr("lang").as_deref(), Some("en"));
    assert_eq!(name.text(), "Online weeks");
    // The French file's own place is French: not marked.
    let place = fr
        .split("Campus en ligne")
        .next()
        .and_then(|before| before.rsplit('<').next())
        .expect("the French place");
    assert!(!place.contains("lang="), "own text marked: <{place}");

    // On the Arabic page, English text is marked with its direction too.
    let ar = b.page("ar/courses/base-course/index.html");
    let name = tag_of(&ar, "strong", "session-name");
    assert_eq!(name.attr("lang").as_deref(), Some("en"));
    assert_eq!(name.attr("dir").as_deref(), Some("ltr"), "{}", name.tag);
    let lead = tag_of(&ar, "p", "lead");
    assert_eq!(
        (lead.attr("lang").as_deref(), lead.attr("dir").as_deref()),
        (Some("en"), Some("ltr"))
    );

    // The English page's own texts carry no mark.
    let en = b.page("en/courses/base-course/index.html");
    for (name, class) in [
        ("p", "lead"),
        ("ul", "objectives"),
        ("strong", "session-name"),
    ] {
        assert_eq!(
            tag_of(&en, name, class).attr("lang"),
            None,
            "{name}.{class}"
        );
    }
}

#[test]
fn a_session_name_stands_apart_from_its_dates() {
    let b = built();
    let fr = b.page("fr/courses/base-course/index.html");
    let session = elements(&fr, "li")
        .into_iter()
        .find(|e| e.inner.contains("session-name"))
        .expect("a named session");
    // The name is an element of its own, before the dates' own element (the stylesheet puts it
    // on a line of its own).
    let name_end = session.inner.find("</strong>").expect("name closed");
    let when = session.inner.find("session-when").expect("dates");
    assert!(name_end < when, "{}", session.inner);
    assert!(
        !text(&session.inner[..when]).contains(':'),
        "{}",
        session.inner
    );
}

/// The innermost element of `name` whose text is `text` in `page` (the last of nested ones).
fn with_text<'a>(page: &'a str, name: &str, text: &str) -> Element<'a> {
    elements(page, name)
        .into_iter()
        .rev()
        .find(|e| e.text() == text)
        .unwrap_or_else(|| panic!("no <{name}> \"{text}\""))
}

#[test]
fn fee_labels_a_starts_note_and_the_footer_from_another_language_carry_it() {
    let s = Site::fixture("base");
    let site = s
        .read("site.toml")
        .replace(
            "languages = [\"en\", \"fr\"]",
            "languages = [\"en\", \"fr\", \"ar\"]",
        )
        .replace(
            "name = \"Test Training Centre\"",
            "name = \"Test Training Centre\"\naddress.en = \"1 Main Street, Turin\"\naddress.fr = \"1 rue Principale, Turin\"",
        );
    s.write("site.toml", site);
    let en = s.read("content/courses/base-course.md").replace(
        "currency = \"EUR\"",
        "currency = \"EUR\"\nlabel = \"Tuition\"\n\n[[fee.lines]]\nlabel = \"Board and lodging\"\namount = 300\n\n[[fee.options]]\nname = \"Early booking\"\namount = 700\nuntil = 2025-09-01\n\n[[fee.options]]\nname = \"Staff rate\"\namount = 800\nfor = \"staff of partner ministries\"",
    );
    s.write("content/courses/base-course.md", en);
    s.write(
        "content/courses/base-course.fr.md",
        "+++\ncode = \"B0000001\"\ntitle = \"Cours de base\"\n+++\nUn cours valide.\n",
    );
    s.write(
        "content/courses/on-request.md",
        "+++\ncode = \"B0000002\"\ntitle = \"On request\"\nsummary = \"Given when asked.\"\ntopics = [\"gender-equality\"]\nmodality = \"face-to-face\"\nlanguages = [\"en\"]\ncontacts = [\"ilsgen\"]\nstarts = \"on-request\"\nstarts_note = \"For groups of ten\"\n\n[application]\nurl = \"mailto:apply@example.org\"\n+++\nA course on request.\n",
    );
    s.write(
        "content/courses/on-request.ar.md",
        "+++\ncode = \"B0000002\"\ntitle = \"عند الطلب\"\n+++\nدورة عند الطلب.\n",
    );
    let b = s.built();
    assert_success(&b.report);

    // The French page takes the fee's label, line labels and price options from the English
    // file: each is marked English; the French words around them ("jusqu'au …") are not.
    let fr = b.page("fr/courses/base-course/index.html");
    for label in ["Tuition", "Board and lodging"] {
        let th = with_text(&fr, "th", label);
        assert_eq!(th.attr("lang").as_deref(), Some("en"), "{}", th.tag);
    }
    for text in ["Early booking", "Staff rate", "staff of partner ministries"] {
        let span = with_text(&fr, "span", text);
        assert_eq!(span.attr("lang").as_deref(), Some("en"), "{}", span.tag);
    }
    let until = elements(&fr, "span")
        .into_iter()
        .find(|e| e.attr("class").as_deref() == Some("fee-note") && e.text().contains("2025"))
        .expect("the early price's end");
    assert_eq!(until.attr("lang"), None, "{}", until.tag);
    // The English page's own labels carry no mark.
    let en = b.page("en/courses/base-course/index.html");
    assert_eq!(with_text(&en, "th", "Tuition").attr("lang"), None);
    assert_eq!(with_text(&en, "span", "Early booking").attr("lang"), None);

    // The Arabic page of a course on request shows the English `starts_note`, marked English and
    // left to right, in its facts and on its card; the English page does not mark it.
    let ar = b.page("ar/courses/on-request/index.html");
    let dd = with_text(&ar, "dd", "For groups of ten");
    assert_eq!(
        (dd.attr("lang").as_deref(), dd.attr("dir").as_deref()),
        (Some("en"), Some("ltr")),
        "{}",
        dd.tag
    );
    let cat = b.page("ar/courses/index.html");
    let card = with_text(&cat, "span", "For groups of ten");
    assert_eq!(card.attr("lang").as_deref(), Some("en"), "{}", card.tag);
    let en = b.page("en/courses/on-request/index.html");
    assert_eq!(with_text(&en, "dd", "For groups of ten").attr("lang"), None);

    // The footer's address: given in English and French, the Arabic pages show the English one,
    // marked; the French pages their own.
    let ar_home = b.page("ar/index.html");
    let address = with_text(&ar_home, "address", "1 Main Street, Turin");
    assert_eq!(
        (
            address.attr("lang").as_deref(),
            address.attr("dir").as_deref()
        ),
        (Some("en"), Some("ltr")),
        "{}",
        address.tag
    );
    let fr_home = b.page("fr/index.html");
    assert_eq!(
        with_text(&fr_home, "address", "1 rue Principale, Turin").attr("lang"),
        None
    );
}
