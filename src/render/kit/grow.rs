//! Room for a long file written item by item (a feed, the sitemap): reserved once from the
//! size of its first item, instead of the string doubling a dozen times on the way. Each
//! doubling of a multi-megabyte string copied it and made the kernel hand over fresh pages
//! (perf at 5,000 courses: a thirtieth of the build in those reallocations).

/// After the first of `total` items has made `s` grow from `before` bytes, reserves room for
/// the others at that item's size and a quarter more. Nothing for a short list: its few
/// doublings cost nothing.
pub fn for_the_rest(s: &mut String, before: usize, total: usize) {
    let one = s.len().saturating_sub(before);
    let rest = total.saturating_sub(1);
    if rest >= 8 {
        s.reserve(rest.saturating_mul(one + one / 4));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserves_for_the_other_items_from_the_first() {
        let mut s = String::from("head ");
        let before = s.len();
        s.push_str(&"x".repeat(100));
        for_the_rest(&mut s, before, 101);
        assert!(s.capacity() >= s.len() + 100 * 125, "{}", s.capacity());
        let mut short = String::from("head ");
        short.push_str("xx");
        let cap = short.capacity();
        for_the_rest(&mut short, 5, 3);
        assert_eq!(short.capacity(), cap);
    }
}
