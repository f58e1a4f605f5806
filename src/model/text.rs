//! An item's texts by language, and the one rule for which text a page in some language shows
//! when the item (or a data file's text) has none in that language.

use super::Lang;
use std::collections::BTreeMap;

/// The text of `map` for a page in `lang`: its own, else the first of `order` (the site's
/// language order, [`super::SiteConfig::text_order`]: the default language, then the
/// others as `site.toml` lists them), else the first by language code. `None` only when the
/// map is empty.
pub fn pick<'a, T>(
    map: &'a BTreeMap<Lang, T>,
    lang: &str,
    order: &[Lang],
) -> Option<(&'a Lang, &'a T)> {
    map.get_key_value(lang)
        .or_else(|| order.iter().find_map(|l| map.get_key_value(l)))
        .or_else(|| map.iter().next())
}

/// The texts of one course, notice or page by language: never empty (an item exists because
/// one of its files does).
#[derive(Clone, Debug)]
pub struct Texts<T> {
    map: BTreeMap<Lang, T>,
}

impl<T> Texts<T> {
    /// `None` for an empty map.
    pub fn new(map: BTreeMap<Lang, T>) -> Option<Texts<T>> {
        (!map.is_empty()).then_some(Texts { map })
    }

    /// Every text, to change in place (the set of languages stays).
    pub fn values_mut(&mut self) -> std::collections::btree_map::ValuesMut<'_, Lang, T> {
        self.map.values_mut()
    }

    /// Every text with its language, to change in place (the set of languages stays).
    pub fn iter_mut(&mut self) -> std::collections::btree_map::IterMut<'_, Lang, T> {
        self.map.iter_mut()
    }

    /// The text a page in `lang` shows, with its language: see [`pick`].
    pub fn pick<'a>(&'a self, lang: &str, order: &[Lang]) -> (&'a str, &'a T) {
        let (l, t) = match pick(&self.map, lang, order) {
            Some(x) => x,
            // `new` refuses an empty map.
            None => unreachable!("an item has at least one text"),
        };
        (l.as_str(), t)
    }
}

impl<T> std::ops::Deref for Texts<T> {
    type Target = BTreeMap<Lang, T>;
    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl<'a, T> IntoIterator for &'a Texts<T> {
    type Item = (&'a Lang, &'a T);
    type IntoIter = std::collections::btree_map::Iter<'a, Lang, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(langs: &[&str]) -> Texts<String> {
        Texts::new(
            langs
                .iter()
                .map(|l| (l.to_string(), format!("text {l}")))
                .collect(),
        )
        .unwrap()
    }

    fn order(langs: &[&str]) -> Vec<Lang> {
        langs.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn own_language_then_the_site_order_then_any() {
        let t = texts(&["ar", "fr"]);
        assert_eq!(t.pick("ar", &order(&["en", "fr", "ar"])).0, "ar");
        // Not in map order (ar before fr): in the site's order.
        assert_eq!(t.pick("es", &order(&["en", "fr", "ar"])).0, "fr");
        assert_eq!(t.pick("es", &order(&["en", "ar", "fr"])).0, "ar");
        assert_eq!(t.pick("es", &order(&["en"])).0, "ar");
        assert!(Texts::<String>::new(BTreeMap::new()).is_none());
    }
}
