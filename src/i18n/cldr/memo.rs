//! The memo of formatted results (dates, amounts, language names), per rendering thread.

/// What a memoised result is of.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Memo {
    LongDate,
    DayMonth,
    Time,
    Money,
    LanguageName,
    Number,
    Zone,
}

/// A memoised result with what it is of.
struct MemoEntry {
    kind: Memo,
    lang: Box<str>,
    n: i64,
    extra: Box<str>,
    value: String,
}

/// The memo's results by the FNV hash of what they are of (entries with the same hash side by
/// side): a lookup hashes its parts as they are, without making a key of owned strings first.
#[derive(Default)]
struct MemoTable {
    by_hash: std::collections::HashMap<u64, Vec<MemoEntry>, fnv::FnvBuildHasher>,
    len: usize,
}

thread_local! {
    /// Formatting builds ICU4X formatters from compiled data on every call (a few µs); a site
    /// shows the same few dates and amounts on thousands of pages, so results are kept per
    /// rendering thread.
    static MEMO: std::cell::RefCell<MemoTable> = Default::default();
}

pub(super) fn memo(
    kind: Memo,
    lang: &str,
    n: i64,
    extra: &str,
    f: impl FnOnce() -> String,
) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = fnv::FnvHasher::default();
    (kind, lang, n, extra).hash(&mut h);
    let hash = h.finish();
    let same = |e: &MemoEntry| e.kind == kind && e.n == n && *e.lang == *lang && *e.extra == *extra;
    let hit = MEMO.with(|m| {
        let m = m.borrow();
        let found = m.by_hash.get(&hash)?.iter().find(|e| same(e));
        found.map(|e| e.value.clone())
    });
    if let Some(hit) = hit {
        return hit;
    }
    let value = f();
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len > 100_000 {
            m.by_hash.clear();
            m.len = 0;
        }
        m.len += 1;
        m.by_hash.entry(hash).or_default().push(MemoEntry {
            kind,
            lang: lang.into(),
            n,
            extra: extra.into(),
            value: value.clone(),
        });
    });
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_kept_for_exactly_what_it_is_of() {
        let first = memo(Memo::Number, "xx-test", 7, "a", || "seven a".into());
        assert_eq!(first, "seven a");
        // The same parts: the kept result, without formatting again.
        let again = memo(Memo::Number, "xx-test", 7, "a", || unreachable!("kept"));
        assert_eq!(again, "seven a");
        // Any part different: formatted anew.
        for (kind, lang, n, extra) in [
            (Memo::Money, "xx-test", 7, "a"),
            (Memo::Number, "xx-tesu", 7, "a"),
            (Memo::Number, "xx-test", 8, "a"),
            (Memo::Number, "xx-test", 7, "b"),
            (Memo::Number, "xx-test", 7, ""),
        ] {
            let v = memo(kind, lang, n, extra, || format!("{lang} {n} {extra}"));
            assert_eq!(v, format!("{lang} {n} {extra}"));
        }
    }
}
