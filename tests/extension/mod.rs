//! The newcomer's site (`tests/fixtures/extension/`): a university's continuing-education
//! catalogue in French and Arabic, written from SPEC.md and docs/authors.md alone by someone
//! who had never seen the project, with what real catalogues have: missing fees and deadlines,
//! dates to be confirmed, long titles, dirhams and euros, a cancelled course, a course given
//! three times, weekly evening classes, online, hybrid and self-paced courses, an expired
//! notice. `check` passes on it, and its pages say what a visitor needs, in both languages.

use crate::support::*;
use prospectus::{Options, Outcome};

const NOW: &str = "2026-02-10T09:00:00Z";

fn options(s: &Site, out: &std::path::Path) -> Options {
    let mut o = s.options(out);
    o.now = prospectus::parse_now(NOW).expect("now parses");
    o
}

fn page(out: &std::path::Path, rel: &str) -> String {
    let html = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    text(&html)
}

#[test]
fn the_newcomer_s_site_checks_and_reads_as_its_notes_say() {
    let s = Site::fixture("extension");
    let out = s.out();
    // check: no error (an e-mail address in <…> on the contact page was a "broken link").
    let r = prospectus::check(&options(&s, &out));
    assert_eq!(r.outcome, Outcome::Success, "{}", show(&r));
    let r = prospectus::build(&options(&s, &out));
    assert_success(&r);

    let contact = std::fs::read_to_string(out.join("fr/contact/index.html")).unwrap();
    assert!(contact.contains(r#"<a href="mailto:fc@univ-cote.example.ma">"#));

    // The course given three times: its open run, the full one, the past one.
    let excel = page(&out, "fr/courses/excel-analyse-donnees/index.html");
    for want in [
        "17–19 mars 2026",
        "FC-EXC-02",
        "FC-EXC-03",
        "Formation complète",
        "20–22 janvier 2026",
    ] {
        assert!(excel.contains(want), "excel page lacks {want}:\n{excel}");
    }
    // Weekly Saturdays with a day skipped: the last meeting counted, in Arabic too.
    let mpp = page(&out, "fr/courses/management-projets-publics/index.html");
    assert!(mpp.contains("2 mars – 13 juin 2026"), "{mpp}");
    let mpp_ar = page(&out, "ar/courses/management-projets-publics/index.html");
    assert!(mpp_ar.contains("2 مارس – 13 يونيو 2026"), "{mpp_ar}");
    // A deadline at an hour, during Ramadan's UTC+0 in Morocco, joined the Arabic way.
    let mpd_ar = page(&out, "ar/courses/marches-publics-dematerialises/index.html");
    assert!(mpd_ar.contains("23 فبراير 2026، 11:00"), "{mpd_ar}");
    // Unknown is not a claim: no fee where none is given, "on request" where it says so.
    let eng = page(&out, "fr/courses/anglais-professionnel/index.html");
    assert!(!eng.contains("Gratuit") && !eng.contains("MAD"), "{eng}");
    let grh = page(&out, "fr/courses/gestion-rh-fonction-publique/index.html");
    assert!(grh.contains("Sur demande"), "{grh}");
    // Dates to be confirmed, in the author's words.
    let med = page(&out, "fr/courses/mediation-familiale/index.html");
    assert!(
        med.contains("Dates à confirmer (prévu à la rentrée 2026)"),
        "{med}"
    );
    // The cancelled course says so and its printed page does not say where to apply.
    let cpt =
        std::fs::read_to_string(out.join("fr/courses/comptabilite-publique/index.html")).unwrap();
    assert!(text(&cpt).contains("Formation annulée") && !cpt.contains("apply-at"));
    // The expired notice is archived; the current one links its two courses.
    let notices = page(&out, "fr/notices/index.html");
    let archive = notices.find("Archives").expect("an archive");
    assert!(
        notices[archive..].contains("Inscriptions aux formations de l'automne 2025"),
        "{notices}"
    );
    let news = page(&out, "fr/notices/nouveau-certificat-projets/index.html");
    assert!(
        news.contains("Marchés publics dématérialisés")
            && news.contains("Certificat universitaire"),
        "{news}"
    );
    // Fees in dirhams and euros, written the French way.
    let cyber = page(&out, "fr/courses/cybersecurite-agents-publics/index.html");
    assert!(
        cyber.contains("450 €") || cyber.contains("450\u{a0}€"),
        "{cyber}"
    );
}
