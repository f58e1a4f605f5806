//! Marking a text shown in another language than its surroundings (a translation's text taken
//! from a sibling, a name given in one language only): its element gets `lang`, and `dir` when
//! the direction differs, through the templates' `m::lang` macro.

use serde::Serialize;

/// The `lang` (and `dir`) attributes of a text in another language.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct LangMark {
    pub lang: String,
    /// `rtl` or `ltr`, only when it differs from the surroundings' direction.
    pub dir: Option<&'static str>,
}

/// The mark of a text written in `text` (its language, when known) shown among text in
/// `around`: none when they are the same language or the text's language is not known.
pub fn mark(around: &str, text: Option<&str>) -> Option<LangMark> {
    let text = text.filter(|t| *t != around)?;
    let dir = super::head::dir(text);
    Some(LangMark {
        lang: text.to_string(),
        dir: (dir != super::head::dir(around)).then_some(dir),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_another_language_with_dir_when_it_changes() {
        assert_eq!(mark("en", Some("en")), None);
        assert_eq!(mark("en", None), None);
        assert_eq!(
            mark("en", Some("es")),
            Some(LangMark {
                lang: "es".into(),
                dir: None
            })
        );
        assert_eq!(
            mark("en", Some("ar")),
            Some(LangMark {
                lang: "ar".into(),
                dir: Some("rtl")
            })
        );
        assert_eq!(
            mark("ar", Some("fr")),
            Some(LangMark {
                lang: "fr".into(),
                dir: Some("ltr")
            })
        );
    }
}
