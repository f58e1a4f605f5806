//! What the catalogue filters and the site search run on in the visitor's browser: one compact
//! JSON file per language for the courses (`/<lang>/courses/index.json`, read by the filters
//! and by the search page), one for the notices and pages (`/<lang>/search/index.json`), the
//! filter form's options (the search page is [`super::pages::search`]).
//!
//! Why our own index and not Pagefind: Pagefind is a well-kept static search engine (its npm
//! package even ships the binary), but it indexes the *HTML* after the build, as a second tool
//! with its own runtime (a WebAssembly module and many index fragments). That would add a Node
//! step to every site's CI, take the search out of `prospectus build` (no atomic output, no
//! same-bytes guarantee) and know nothing of the course facts the filters need (topic, format,
//! language, month, deadline). A catalogue has hundreds of courses and tens of notices: the
//! titles, summaries and codes of all of them fit in a file smaller than one photo, which the
//! browser searches in a millisecond with accent folding (`find.js`). The facet data had to
//! exist anyway; the search reuses it for courses and adds only notices and pages.
//!
//! Sizes (example site): 320 to 370 bytes of JSON per course, about 180 gzipped; the file is
//! fetched only once the visitor uses the filters (or opens a filtered URL). Past some ten
//! thousand courses, splitting the text from the facets would be the next step.

use super::cards::card_data;
use super::facets::{data_facets, form_facets, run_countries, run_month, run_places, Facets};
use super::kit::words::notice_kind;
use super::view::{Choice, FilterForm};
use super::Ctx;
use crate::i18n::cldr;
use crate::model::Course;
use crate::state;
use serde_json::{json, Value};

/// Format version of both JSON files; `find.js` ignores files of another version.
pub const VERSION: u32 = 4;

/// Order of the fields of one course in `courses` (also written into the file as `fields`).
pub const COURSE_FIELDS: [&str; 13] = [
    "code",
    "url",
    "title",
    "summary",
    "dates",
    "modality",
    "topics",
    "languages",
    "start",
    "end",
    "place",
    "runs",
    "other",
];

/// Order of the fields of one run in a course's `runs` (written into the file as `run_fields`).
pub const RUN_FIELDS: [&str; 8] = [
    "state",
    "opens",
    "closes",
    "start",
    "end",
    "month",
    "countries",
    "places",
];

/// Order of the fields of one item in the search file's `items`.
pub const ITEM_FIELDS: [&str; 6] = ["kind", "title", "summary", "url", "text", "meta"];

/// How much of a notice's or page's body text the search file keeps.
const TEXT_CHARS: usize = 600;

/// Application states (`state::ApplicationState::id`); a run's `state` is an index here.
const STATES: [&str; 7] = [
    "none",
    "not-yet-open",
    "open",
    "closing-soon",
    "closed",
    "unavailable",
    "nomination",
];

fn instant_secs(t: Option<chrono::DateTime<chrono::Utc>>) -> Value {
    t.map_or(Value::Null, |t| Value::from(t.timestamp()))
}

fn pos(list: &[String], x: &str) -> usize {
    list.iter().position(|y| y == x).unwrap_or(0)
}

/// One run of a course as the filters see it (`RUN_FIELDS`): its application state at the
/// build and the instants it changes by (which the page script restates by the visitor's
/// clock), when it starts and ends, its start month, its countries and its places in `lang`
/// (indexes into `f`).
fn run_row(ctx: &Ctx<'_>, lang: &str, r: &Course, f: &Facets) -> Value {
    let now = ctx.now;
    let app = r.application();
    let st = state::admission(&r.admission, r.status, now).id();
    json!([
        STATES.iter().position(|s| *s == st).unwrap_or(0),
        instant_secs(app.and_then(|a| a.opens).map(|o| o.at)),
        instant_secs(app.and_then(|a| a.closes).map(|c| c.at)),
        instant_secs(r.first_start().map(|s| s.start_instant(r.tz))),
        instant_secs(r.last_end().map(|e| e.end_instant(r.tz))),
        run_month(r).map_or(Value::Null, |m| json!(pos(&f.months, &m))),
        json!(run_countries(r)
            .iter()
            .map(|k| pos(&f.countries, k))
            .collect::<Vec<_>>()),
        json!(run_places(ctx, r, lang)
            .iter()
            .map(|p| pos(&f.places, p))
            .collect::<Vec<_>>()),
    ])
}

/// A course's runs for the filters, the run its card shows (`Course::lead`) first, then the
/// others in the note's order: a course matches a filter when any of its runs does.
fn runs_rows(ctx: &Ctx<'_>, lang: &str, c: &Course, f: &Facets) -> Value {
    let lead = c.lead(ctx.now);
    let mut rows = vec![run_row(ctx, lang, lead, f)];
    for r in c.runs().iter().filter(|r| !std::ptr::eq(*r, lead)) {
        rows.push(run_row(ctx, lang, r, f));
    }
    Value::Array(rows)
}

/// `/<lang>/courses/index.json`: every course of the catalogue (all its pages), in catalogue
/// order, one row per course with its runs inside it. Shape:
/// `{"v":4,"base":"/en/courses/","fields":[…],"run_fields":[…],"topics":[ids],
///   "modalities":[ids],"languages":[codes],"months":["2025-09",…],"countries":["DE",…],
///   "places":["Beirut",…],"states":[ids],"courses":[[…],…]}`; scripts find a field by its name in `fields` (a
/// course's) and `run_fields` (one of its runs').
/// A course's `url` is its slug when the page is `base` + slug + `/`, else a root-relative URL
/// (a page in another language; then `other`, its code, is the last field); `place` is the
/// card's places (searched as text); facets are indexes into the lists above; `start`/`end`
/// are Unix seconds or null (self-paced): when the run its card shows starts and ends, from
/// which the page script orders the list by the visitor's clock (`state::listing`).
/// `runs` holds one row per run, the card's first (see [`runs_rows`]): its application state
/// at the build (an index into `states`), `opens`/`closes` (Unix seconds or null: the first and
/// the last instant applications are accepted, `model::Application`), its `start`/`end`, its
/// start `month` (an index, or null), its `countries` and its `places` (indexes; a place is the
/// start of an in-person session's `location`, `facets::place_of`). The rows are in catalogue
/// order at the build's "now": the courses of the catalogue's pages, then (with `[catalogue]
/// past = "archive"`) those of the archive's; with `past = "hide"`, courses finished at the
/// build are left out.
pub fn course_data(ctx: &Ctx<'_>, lang: &str) -> Vec<u8> {
    let site = ctx.site;
    let f = data_facets(ctx, lang);
    let base = ctx.urls.catalogue(lang, 1);
    let courses: Vec<Value> = ctx
        .catalogue_data()
        .iter()
        .map(|&i| {
            let c = &site.courses[i];
            let card = card_data(ctx, i, lang);
            let own = format!("{base}{}/", c.slug);
            let url = if card.url == own {
                c.slug.clone()
            } else {
                card.url.clone()
            };
            // A course given several times: the run its card shows.
            let r = c.lead(ctx.now);
            let mut row = vec![
                json!(c.code),
                json!(url),
                json!(card.title),
                json!(card.summary.as_deref().unwrap_or("")),
                // What the card's dates say, with "(1 more date)" for a course given again.
                json!(match &card.more_dates {
                    Some(more) => format!("{} ({more})", card.dates),
                    None => card.dates.clone(),
                }),
                json!(pos(&f.modalities, c.modality.id())),
                json!(c
                    .topics
                    .iter()
                    .map(|t| pos(&f.topics, t))
                    .collect::<Vec<_>>()),
                json!(c
                    .languages
                    .iter()
                    .map(|l| pos(&f.languages, l))
                    .collect::<Vec<_>>()),
                instant_secs(r.first_start().map(|s| s.start_instant(r.tz))),
                instant_secs(r.last_end().map(|e| e.end_instant(r.tz))),
                json!(card
                    .places
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" · ")),
                runs_rows(ctx, lang, c, &f),
            ];
            if let Some(o) = &card.other_lang_code {
                row.push(json!(o));
            }
            Value::Array(row)
        })
        .collect();
    let v = json!({
        "v": VERSION,
        "base": base,
        "fields": COURSE_FIELDS,
        "run_fields": RUN_FIELDS,
        "topics": f.topics,
        "modalities": f.modalities,
        "languages": f.languages,
        "months": f.months,
        "countries": f.countries,
        "places": f.places,
        "states": STATES,
        "courses": courses,
    });
    let mut out = serde_json::to_vec(&v).expect("JSON values serialise");
    out.push(b'\n');
    out
}

/// Plain text of rendered HTML: tags dropped, the common entities decoded, spaces collapsed,
/// cut to about `max` characters at a word boundary.
pub fn plain_text(html: &str, max: usize) -> String {
    let mut text = String::with_capacity(html.len().min(max * 2));
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    // Every entity starts with `&`: a text without one (most headings) is kept as it is.
    let text = if text.contains('&') {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&")
    } else {
        text
    };
    let mut out = String::new();
    // Characters in `out` so far.
    let mut chars = 0;
    for w in text.split_whitespace() {
        let n = w.chars().count();
        if chars + n > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += n;
    }
    out
}

/// `/<lang>/search/index.json`: notices and plain pages (courses come from the catalogue's
/// file). `{"v":1,"fields":[…],"items":[["n"|"p",title,summary,url,text,meta],…]}`, where
/// `text` is the start of the body and `meta` the notice's kind and date; an item shown in
/// another language has that language's code as a 7th field.
pub fn search_data(ctx: &Ctx<'_>, lang: &str) -> Vec<u8> {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let mut items: Vec<Value> = Vec::new();
    for n in &site.notices {
        let (tlang, t) = n.texts.pick(lang, &site.config.text_order);
        let kind = notice_kind(&l, &n.kind).unwrap_or_else(|| n.kind.replace('-', " "));
        let date = cldr::long_date(lang, n.date.date_in(site.config.timezone));
        let mut item = vec![
            json!("n"),
            json!(t.title),
            json!(t.summary.as_deref().unwrap_or("")),
            json!(ctx.urls.notice(tlang, &n.slug)),
            json!(plain_text(&ctx.body_html(t.file), TEXT_CHARS)),
            json!(format!("{kind} · {date}")),
        ];
        if tlang != lang {
            item.push(json!(tlang));
        }
        items.push(Value::Array(item));
    }
    for p in &site.pages {
        if p.is_section_index {
            continue;
        }
        let (plang, t) = p.texts.pick(lang, &site.config.text_order);
        let mut item = vec![
            json!("p"),
            json!(t.title),
            json!(t.summary.as_deref().unwrap_or("")),
            json!(ctx.urls.page(plang, &p.path)),
            json!(plain_text(&ctx.body_html(t.file), TEXT_CHARS)),
            json!(""),
        ];
        if plang != lang {
            item.push(json!(plang));
        }
        items.push(Value::Array(item));
    }
    let v = json!({ "v": VERSION, "fields": ITEM_FIELDS, "items": items });
    let mut out = serde_json::to_vec(&v).expect("JSON values serialise");
    out.push(b'\n');
    out
}

/// The catalogue's filter form in `lang`, made once per build.
pub fn filter_form(ctx: &Ctx<'_>, lang: &str) -> FilterForm {
    match ctx.filter_forms.get(lang) {
        Some(cell) => cell.get_or_init(|| form(ctx, lang)).clone(),
        None => form(ctx, lang),
    }
}

/// The filter form of the catalogue (`catalogue.html`): options in the page's language and the
/// URLs the script needs.
fn form(ctx: &Ctx<'_>, lang: &str) -> FilterForm {
    let f = form_facets(ctx, lang);
    let l = ctx.lctx(lang);
    let mut topics: Vec<Choice> = f
        .topics
        .iter()
        .map(|t| Choice {
            value: t.clone(),
            label: ctx.topic_label(t, lang),
        })
        .collect();
    topics.sort_by(|a, b| a.label.cmp(&b.label));
    let mut languages: Vec<Choice> = f
        .languages
        .iter()
        .map(|x| Choice {
            value: x.clone(),
            label: cldr::language_name(lang, x),
        })
        .collect();
    languages.sort_by(|a, b| a.label.cmp(&b.label));
    FilterForm {
        action: ctx.urls.catalogue(lang, 1),
        data: ctx.urls.filter_data(lang),
        script: ctx.asset("assets/find.js"),
        topics,
        modalities: f
            .modalities
            .iter()
            .map(|m| Choice {
                value: m.clone(),
                label: l
                    .t
                    .get(&format!("modality_{}", m.replace('-', "_")))
                    .to_string(),
            })
            .collect(),
        languages,
        countries: {
            let mut v: Vec<Choice> = f
                .countries
                .iter()
                .map(|k| Choice {
                    value: k.clone(),
                    label: cldr::territories::name(lang, k).unwrap_or(k).to_string(),
                })
                .collect();
            v.sort_by(|a, b| a.label.cmp(&b.label));
            v
        },
        places: f
            .places
            .iter()
            .map(|p| Choice {
                value: p.clone(),
                label: p.clone(),
            })
            .collect(),
        months: f
            .months
            .iter()
            .map(|m| {
                let (y, mo) = m.split_once('-').unwrap_or((m, "1"));
                Choice {
                    value: m.clone(),
                    label: cldr::month_year(
                        lang,
                        y.parse().unwrap_or(1970),
                        mo.parse().unwrap_or(1),
                    ),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn plain_text_drops_tags_and_cuts_at_words() {
        assert_eq!(
            plain_text(
                "<p>Égalité &amp; <em>diversité</em></p>\n<p>au travail</p>",
                100
            ),
            "Égalité & diversité au travail"
        );
        assert_eq!(plain_text("<p>one two three</p>", 8), "one two");
    }
}
