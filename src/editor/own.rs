//! The form's fields of a key that takes ids from a data file or tables of its own (a course's
//! `cancellation`, `contacts`, `instructors`; a notice's `contacts`): a CMS field has one kind,
//! so the key is two fields, the shared ids and the own tables, which the editor's script
//! (`assets/form.js`) maps to the file's one key and back.

use super::fields::{field, widget, Choices};
use crate::schema::{Field, Kind, Lang};
use serde_json::{json, Map, Value};

/// The form's name for a key's own tables (`cancellation` + OWN): a key that takes ids from a
/// data file or tables written in the file is two fields in the form, the shared ids under its
/// own name and the tables under this one; the editor's script (`form.js`) maps the two to
/// the file's one key and back.
pub const OWN: &str = "__own";

/// The form's fields for one key: one, or for a key that takes shared ids or tables of its own
/// (`cancellation`, `contacts`, `instructors`), the shared ids and then the own tables.
pub fn fields(f: &Field, choices: &Choices) -> Vec<Value> {
    let Kind::Ids {
        many,
        inline: Some(sub),
        ..
    } = f.kind
    else {
        return vec![field(f, choices)];
    };
    let own_label = own_label(f.label);
    let mut shared = field(f, choices);
    shared["label"] = json!(format!("{} (shared)", f.label));
    let how = if many {
        format!("Shared ones, or \"{own_label}\" below, or both.")
    } else {
        format!("Choose one, or fill in \"{own_label}\" below: not both.")
    };
    shared["hint"] = json!(format!("{} {how}", f.hint));
    let mut own = Map::new();
    own.insert("name".into(), json!(format!("{}{OWN}", f.key)));
    own.insert("label".into(), json!(own_label));
    let rules = if many {
        "Entered once, the same in every language."
    } else {
        "Only when the shared ones do not fit. Entered once, the same in every language."
    };
    own.insert("hint".into(), json!(rules));
    own.insert("required".into(), json!(false));
    own.insert("i18n".into(), json!("duplicate"));
    own.insert("widget".into(), json!(if many { "list" } else { "object" }));
    let subs: Vec<Value> = sub.iter().map(|s| own_field(s, choices)).collect();
    own.insert("fields".into(), Value::Array(subs));
    if many {
        own.insert(
            "label_singular".into(),
            json!(if f.one.is_empty() { f.key } else { f.one }),
        );
        own.insert(
            "summary".into(),
            json!(format!(
                "{{{{{}.{}}}}}",
                sub[0].key,
                choices.default_language()
            )),
        );
    }
    vec![shared, Value::Object(own)]
}

/// "Own cancellation policy", from "Cancellation policy".
fn own_label(label: &str) -> String {
    let mut c = label.chars();
    let first = c
        .next()
        .map(|x| x.to_lowercase().to_string())
        .unwrap_or_default();
    format!("Own {first}{}", c.as_str())
}

/// A field of an own table: a fact as in a course, a text as one field per language of the
/// site (written `name = "…"` when only the default language's is given, else `name = { en =
/// "…", fr = "…" }`, as in the data files); all entered once for every language.
fn own_field(s: &Field, choices: &Choices) -> Value {
    let mut v = field(s, choices);
    v["i18n"] = json!("duplicate");
    if s.lang != Lang::Text || !matches!(s.kind, Kind::Line | Kind::Paragraph | Kind::Markdown) {
        if let Some(Value::Array(subs)) = v.get_mut("fields") {
            for x in subs.iter_mut() {
                x["i18n"] = json!("duplicate");
            }
        }
        return v;
    }
    let per_lang: Vec<Value> = choices
        .site_languages
        .iter()
        .enumerate()
        .map(|(i, (code, name))| {
            let mut m = widget(s, choices);
            m.insert("name".into(), json!(code));
            m.insert("label".into(), json!(name));
            m.insert("required".into(), json!(s.required && i == 0));
            m.insert("i18n".into(), json!("duplicate"));
            Value::Object(m)
        })
        .collect();
    json!({
        "name": s.key,
        "label": s.label,
        "hint": format!("{} In each language needed; a language left empty shows the {} text.", s.hint, choices.site_languages.first().map_or("default language's", |(_, n)| n.as_str())),
        "required": s.required,
        "i18n": "duplicate",
        "widget": "object",
        "fields": per_lang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::fields::tests::empty;
    use crate::schema::COURSE;

    #[test]
    fn shared_ids_and_own_tables_are_two_fields() {
        let c = empty();
        let policy = fields(crate::schema::find(COURSE, "cancellation").unwrap(), &c);
        assert_eq!(policy.len(), 2);
        assert_eq!(policy[0]["name"], "cancellation");
        assert_eq!(policy[0]["widget"], "select");
        assert_eq!(policy[1]["name"], format!("cancellation{OWN}"));
        assert_eq!(policy[1]["label"], "Own cancellation policy");
        assert_eq!(
            (policy[1]["widget"].as_str(), &policy[1]["i18n"]),
            (Some("object"), &json!("duplicate"))
        );
        // The notice, a text: one field per language of the site, the default's first.
        let notice = &policy[1]["fields"][0];
        assert_eq!(notice["widget"], "object");
        assert_eq!(notice["fields"][0]["name"], "en");
        assert_eq!(notice["fields"][1]["name"], "fr");
        assert_eq!(notice["fields"][1]["widget"], "markdown");
        // Contacts: a list of own tables, whose required name is required in the default language.
        let contacts = fields(crate::schema::find(COURSE, "contacts").unwrap(), &c);
        assert_eq!(contacts[1]["widget"], "list");
        assert_eq!(contacts[1]["label_singular"], "contact");
        let name = &contacts[1]["fields"][0];
        assert_eq!(
            (
                &name["fields"][0]["required"],
                &name["fields"][1]["required"]
            ),
            (&json!(true), &json!(false))
        );
        // Any other key: one field.
        assert_eq!(
            fields(crate::schema::find(COURSE, "topics").unwrap(), &c).len(),
            1
        );
    }
}
