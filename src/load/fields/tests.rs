//! Unit tests of reading typed fields from a TOML table.

use super::*;

#[test]
fn reports_every_unknown_key_and_wrong_type() {
    let text = "titel = \"x\"\ncode = 5\nfoo = 1\n";
    let table = DeTable::parse(text).unwrap();
    let src = SourceText::new("a.md", text);
    let mut d = Diagnostics::new();
    let mut f = Fields::new(src, table.get_ref(), table.span(), "");
    assert!(f.string(&mut d, "title").is_none());
    assert!(f.string(&mut d, "code").is_none());
    f.finish(&mut d);
    let items = d.into_sorted();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].code, "unknown-key");
    assert_eq!(items[0].hint.as_deref(), Some("did you mean `title`?"));
    assert_eq!((items[1].line, items[1].code), (2, "wrong-type"));
    assert_eq!(items[2].line, 3);
}
