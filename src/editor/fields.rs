//! The editor's form fields, generated from the front matter's description (`crate::schema`):
//! one Sveltia CMS field per key, its widget from the key's kind, the choices of ids and codes
//! from the site (topics, contacts, policies, courses, the theme's notice kinds), facts entered
//! once for every language (`i18n: duplicate`) and texts per language (`i18n: true`).

use crate::i18n::Strings;
use crate::model::Site;
use crate::schema::{Data, Field, Kind, Lang};
use serde_json::{json, Map, Value};

/// What the fields' choices are made of, gathered once per build.
pub struct Choices {
    pub topics: Vec<Value>,
    pub contacts: Vec<Value>,
    pub people: Vec<Value>,
    pub policies: Vec<Value>,
    pub courses: Vec<Value>,
    pub notice_kinds: Vec<Value>,
    pub languages: Vec<Value>,
    pub zones: Vec<Value>,
    pub currencies: Vec<Value>,
    /// The site's languages (code, name in the default language), the default first: the
    /// per-language texts of a course's own policy, contacts or instructors.
    pub site_languages: Vec<(String, String)>,
    pub countries: Vec<Value>,
    /// UI strings of the site's default language, for the labels of fixed values.
    pub strings: Strings,
}

/// A choice shown as `label` and written as `value`.
fn option(value: &str, label: String) -> Value {
    json!({ "value": value, "label": label })
}

/// The ISO 639-1 codes the loader knows, and any other language code the site's courses use.
fn language_choices(site: &Site, lang: &str) -> Vec<Value> {
    let mut codes: Vec<String> = crate::load::course::ISO_639_1
        .split(' ')
        .map(str::to_string)
        .collect();
    for c in &site.courses {
        for l in &c.languages {
            if !codes.contains(l) {
                codes.push(l.clone());
            }
        }
    }
    let mut out: Vec<(String, String)> = codes
        .into_iter()
        .map(|c| (crate::i18n::cldr::language_name(lang, &c), c))
        .collect();
    out.sort();
    out.into_iter()
        .map(|(name, code)| option(&code, format!("{name} ({code})")))
        .collect()
}

impl Choices {
    /// The site's default language's code.
    pub fn default_language(&self) -> &str {
        self.site_languages.first().map_or("", |(c, _)| c.as_str())
    }

    pub fn new(site: &Site, strings: Strings) -> Self {
        let cfg = &site.config;
        let dl = cfg.default_language.as_str();
        let order = &cfg.text_order;
        let data = &site.data;
        let topics = data
            .topics
            .iter()
            .map(|(id, l)| option(id, l.get(dl, order).to_string()))
            .collect();
        let contacts = data
            .contacts
            .iter()
            .map(|(id, c)| {
                let name = c.name.get(dl, order);
                let label = match &c.email {
                    Some(e) => format!("{name} ({e})"),
                    None => name.to_string(),
                };
                option(id, label)
            })
            .collect();
        let people = data
            .people
            .iter()
            .map(|(id, p)| option(id, p.name.get(dl, order).to_string()))
            .collect();
        let policies = data
            .policies
            .iter()
            .map(|(id, p)| {
                let tiers: Vec<String> = p
                    .tiers
                    .iter()
                    .map(|t| format!("{} d: {} %", t.min_days, t.refund_percent))
                    .collect();
                option(id, format!("{id} ({})", tiers.join(", ")))
            })
            .collect();
        let courses = site
            .courses
            .iter()
            .map(|c| {
                let (_, t) = c.text_for(dl, order);
                let title = t.title.as_str();
                option(&c.code, format!("{} · {title}", c.code))
            })
            .collect();
        let notice_kinds = strings
            .iter()
            .filter_map(|(k, v)| {
                let id = k.strip_prefix("kind_")?.replace('_', "-");
                Some(option(&id, format!("{v} ({id})")))
            })
            .collect();
        let zones = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| json!(z.name()))
            .collect();
        // Every three-letter code, in order, that the loader takes for money (the crate lists
        // its codes only with a feature that would add a dependency).
        let letters = || b'A'..=b'Z';
        let currencies: Vec<Value> = letters()
            .flat_map(|a| letters().flat_map(move |b| letters().map(move |c| [a, b, c])))
            .filter_map(|code| {
                let code = std::str::from_utf8(&code).ok()?;
                let c = iso_currency::Currency::from_code(code)?;
                crate::i18n::cldr::currency_is_known(code)
                    .then(|| option(code, format!("{code} · {}", c.name())))
            })
            .collect();
        Choices {
            topics,
            contacts,
            people,
            policies,
            courses,
            notice_kinds,
            languages: language_choices(site, dl),
            zones,
            currencies,
            site_languages: std::iter::once(&cfg.default_language)
                .chain(cfg.languages.iter().filter(|l| **l != cfg.default_language))
                .map(|l| (l.clone(), crate::i18n::cldr::language_name(dl, l)))
                .collect(),
            countries: crate::i18n::cldr::territories::codes()
                .map(|code| {
                    let name = crate::i18n::cldr::territories::name(dl, code).unwrap_or(code);
                    option(code, format!("{name} ({code})"))
                })
                .collect(),
            strings,
        }
    }

    /// Fixed values, labelled with the theme's words for them (`modality_face_to_face`), if any.
    fn fixed(&self, key: &str, values: &[&str]) -> Vec<Value> {
        values
            .iter()
            .map(|v| {
                let k = format!("{key}_{}", v.replace('-', "_"));
                if self.strings.has(&k) {
                    option(v, self.strings.get(&k).to_string())
                } else {
                    option(v, (*v).to_string())
                }
            })
            .collect()
    }
}

/// Markdown is edited as written first: the rich-text mode rewrites the whole text in its own
/// Markdown on opening (`*a*` becomes `_a_`, a table loses its column alignment), so a file
/// opened and saved would change. Staff who prefer it switch to it for a text, knowingly.
const MARKDOWN_MODES: [&str; 2] = ["raw", "rich_text"];

/// A text field's pattern: (regular expression, message shown when it does not match).
fn pattern(kind: Kind) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        Kind::Code => (
            r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
            "Letters and digits (and - _ .), without spaces, e.g. A9718007",
        ),
        Kind::Suffix => (
            r"^[A-Za-z0-9._-]+$",
            "Letters and digits (and - _ .), without spaces, e.g. -2",
        ),
        Kind::Link { mailto: true } => (
            r#"^(https?://[^\s/"<>`][^\s"<>`]*|mailto:[^\s@]+@[^\s]+)$"#,
            "A full address starting with https:// (or mailto: followed by an e-mail address)",
        ),
        Kind::Link { mailto: false } => (
            r#"^https?://[^\s/"<>`][^\s"<>`]*$"#,
            "A full address starting with https://",
        ),
        Kind::Email => (
            r#"^[^\s@<>":]+@[^\s@<>":]+\.[^\s@<>":]+$"#,
            "An e-mail address, e.g. office@example.org",
        ),
        Kind::Phone => (
            r"^[0-9 +().-]*[0-9][0-9 +().-]*$",
            "Digits, spaces and a leading +, e.g. +39 011 693 6111",
        ),
        Kind::Aliases => (
            r"^/\S*/$",
            "An address on this site, starting and ending with /",
        ),
        _ => return None,
    })
}

/// Whether a table's fields hold any text (then the table is entered per language, its facts
/// duplicated inside it).
fn has_text(fields: &[Field]) -> bool {
    fields
        .iter()
        .any(|f| f.lang == Lang::Text || f.sub_fields().is_some_and(has_text))
}

/// The select widget over `options`.
fn select(options: &[Value], multiple: bool) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("widget".into(), json!("select"));
    m.insert("options".into(), Value::Array(options.to_vec()));
    if multiple {
        m.insert("multiple".into(), json!(true));
    }
    m
}

/// A widget with no settings.
fn plain(widget: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("widget".into(), json!(widget));
    m
}

/// The widget and its settings for one key.
pub(super) fn widget(f: &Field, choices: &Choices) -> Map<String, Value> {
    match f.kind {
        Kind::Line | Kind::Code | Kind::Suffix | Kind::Link { .. } | Kind::Email | Kind::Phone => {
            plain("string")
        }
        Kind::Paragraph => plain("text"),
        Kind::Markdown => {
            let mut m = plain("markdown");
            m.insert("modes".into(), json!(MARKDOWN_MODES));
            m
        }
        Kind::When => plain(super::WHEN_WIDGET),
        Kind::Amount => {
            let mut m = plain("number");
            m.insert("value_type".into(), json!("float"));
            m.insert("min".into(), json!(0));
            m.insert("step".into(), json!(0.01));
            m
        }
        Kind::Whole { min, max } => {
            let mut m = plain("number");
            m.insert("value_type".into(), json!("int"));
            // The page's menu order takes any whole number: no bounds to show.
            if min > i64::from(i32::MIN) {
                m.insert("min".into(), json!(min));
            }
            if max < i64::from(i32::MAX) {
                m.insert("max".into(), json!(max));
            }
            m
        }
        Kind::Flag => plain("boolean"),
        Kind::Texts | Kind::Aliases => {
            let mut item = plain("string");
            item.insert("name".into(), json!("item"));
            item.insert("label".into(), json!(f.label));
            if let Some((re, message)) = pattern(f.kind) {
                item.insert("pattern".into(), json!([re, message]));
            }
            let mut m = plain("list");
            m.insert("field".into(), Value::Object(item));
            m
        }
        Kind::Choice(values) => select(&choices.fixed(f.key, values), false),
        Kind::NoticeKind => select(&choices.notice_kinds, false),
        Kind::Ids { data, many, .. } => {
            let options = match data {
                Data::Topics => &choices.topics,
                Data::Contacts => &choices.contacts,
                Data::Policies => &choices.policies,
                Data::People => &choices.people,
            };
            select(options, many)
        }
        Kind::CourseCodes => select(&choices.courses, true),
        Kind::LanguageTags => select(&choices.languages, true),
        Kind::TimeZone => select(&choices.zones, false),
        Kind::Currency => select(&choices.currencies, false),
        Kind::Weekdays => select(
            &choices.fixed(f.key, &crate::model::repeat::DAY_NAMES),
            true,
        ),
        Kind::Dates => {
            let mut item = plain(super::WHEN_WIDGET);
            item.insert("name".into(), json!("item"));
            item.insert("label".into(), json!(f.label));
            let mut m = plain("list");
            m.insert("field".into(), Value::Object(item));
            m
        }
        Kind::Country => select(&choices.countries, false),
        Kind::Group(sub) | Kind::Groups(sub) => {
            let list = matches!(f.kind, Kind::Groups(_));
            let mut m = plain(if list { "list" } else { "object" });
            m.insert(
                "fields".into(),
                Value::Array(sub.iter().map(|s| field(s, choices)).collect()),
            );
            if list {
                // The list's summary line: its first fields' values.
                let keys: Vec<String> = sub
                    .iter()
                    .take(3)
                    .map(|s| format!("{{{{{}}}}}", s.key))
                    .collect();
                m.insert("summary".into(), json!(keys.join(" · ")));
            }
            m
        }
    }
}

/// The CMS field for one key.
pub fn field(f: &Field, choices: &Choices) -> Value {
    let mut m = widget(f, choices);
    if let Some((re, message)) = pattern(f.kind).filter(|_| !matches!(f.kind, Kind::Aliases)) {
        m.insert("pattern".into(), json!([re, message]));
    }
    let i18n = match f.sub_fields() {
        Some(sub) if matches!(f.kind, Kind::Group(_) | Kind::Groups(_)) && has_text(sub) => {
            json!(true)
        }
        _ if f.lang == Lang::Text => json!(true),
        _ => json!("duplicate"),
    };
    let mut out = Map::new();
    out.insert("name".into(), json!(f.key));
    out.insert("label".into(), json!(f.label));
    out.insert("hint".into(), json!(f.hint));
    out.insert("required".into(), json!(f.required));
    if !f.one.is_empty() {
        out.insert("label_singular".into(), json!(f.one));
    }
    out.insert("i18n".into(), i18n);
    out.extend(m);
    Value::Object(out)
}

/// The body of the page, below the front matter.
pub fn body() -> Value {
    json!({
        "name": "body",
        "label": "Text of the page",
        "hint": "Markdown: ## for a heading, **bold**, *italics*, - for a list item.",
        "widget": "markdown",
        "modes": MARKDOWN_MODES,
        "required": false,
        "i18n": true,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::schema::{COURSE, SESSION};

    pub(crate) fn empty() -> Choices {
        Choices {
            topics: vec![],
            contacts: vec![],
            people: vec![],
            policies: vec![],
            courses: vec![],
            notice_kinds: vec![],
            languages: vec![],
            zones: vec![],
            currencies: vec![],
            site_languages: vec![
                ("en".into(), "English".into()),
                ("fr".into(), "French".into()),
            ],
            countries: vec![],
            strings: Strings::default(),
        }
    }

    #[test]
    fn facts_are_duplicated_texts_per_language() {
        let c = empty();
        let code = field(crate::schema::find(COURSE, "code").unwrap(), &c);
        assert_eq!(code["i18n"], "duplicate");
        assert_eq!(code["required"], true);
        assert_eq!(code["pattern"][0], r"^[A-Za-z0-9][A-Za-z0-9._-]*$");
        let title = field(crate::schema::find(COURSE, "title").unwrap(), &c);
        assert_eq!(title["i18n"], true);
        // Sessions hold texts (name, location): per language, their dates duplicated.
        let sessions = field(crate::schema::find(COURSE, "sessions").unwrap(), &c);
        assert_eq!(
            (sessions["widget"].as_str(), &sessions["i18n"]),
            (Some("list"), &json!(true))
        );
        let start = &sessions["fields"][1];
        assert_eq!(start["name"], SESSION[1].key);
        assert_eq!(
            (start["widget"].as_str(), &start["i18n"]),
            (Some(super::super::WHEN_WIDGET), &json!("duplicate"))
        );
    }
}
