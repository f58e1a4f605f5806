//! Reading a guide page: its fenced blocks and its marked tables, each with the words that say
//! how it is checked (see `tests/guide/mod.rs`) and the line it starts on.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// What a block or table is asked to be checked for: `key=value` words and bare words.
#[derive(Clone, Debug, Default)]
pub struct Words(Vec<(String, Option<String>)>);

impl Words {
    fn parse(s: &str) -> Words {
        Words(
            s.split_whitespace()
                .map(|w| match w.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (w.to_string(), None),
                })
                .collect(),
        )
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == key && v.is_some())
            .and_then(|(_, v)| v.as_deref())
    }

    pub fn has(&self, word: &str) -> bool {
        self.0.iter().any(|(k, _)| k == word)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

/// Where in which guide page something is, for failure messages.
#[derive(Clone, Debug)]
pub struct At {
    pub doc: String,
    pub line: usize,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.doc, self.line)
    }
}

/// A fenced block: ```` ```toml file=content/courses/x.md ```` → language `toml`.
#[derive(Clone, Debug)]
pub struct Block {
    pub at: At,
    pub lang: String,
    pub words: Words,
    pub text: String,
}

/// A table cell: its text (Markdown marks dropped) and its `code` spans.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub text: String,
    pub code: Vec<String>,
}

/// A table that follows a `<!-- checked: … -->` comment.
#[derive(Clone, Debug)]
pub struct Table {
    pub at: At,
    pub words: Words,
    pub head: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

pub enum Item {
    Block(Block),
    Table(Table),
}

/// The comment that marks the next table as checked.
const TABLE_MARK: &str = "<!-- checked:";

/// Every fenced block and every marked table of `text` (the guide page `doc`), in order.
pub fn read(doc: &str, text: &str) -> Vec<Item> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut items = Vec::new();
    let mut block: Option<Block> = None;
    let mut mark: Option<(At, Words)> = None;
    let mut table: Option<Table> = None;
    let mut cell: Option<Cell> = None;
    let mut in_head = false;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        let at = At {
            doc: doc.to_string(),
            line: line_of(range.start),
        };
        if let Some((mark_at, _)) = &mark {
            let next_to_table = matches!(
                event,
                Event::Start(Tag::Table(_)) | Event::End(TagEnd::HtmlBlock)
            );
            assert!(
                next_to_table,
                "{mark_at}: a `{TABLE_MARK}` mark must be followed by a table"
            );
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let (lang, rest) = info.split_once(' ').unwrap_or((&info, ""));
                block = Some(Block {
                    at,
                    lang: lang.to_string(),
                    words: Words::parse(rest),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::CodeBlock) => items.push(Item::Block(block.take().unwrap())),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(rest) = html.trim().strip_prefix(TABLE_MARK) {
                    assert!(mark.is_none(), "{at}: two `{TABLE_MARK}` marks in a row");
                    let words = rest.trim().strip_suffix("-->").unwrap_or_else(|| {
                        panic!("{at}: write the mark on one line: {TABLE_MARK} … -->")
                    });
                    mark = Some((at, Words::parse(words)));
                }
            }
            Event::Start(Tag::Table(_)) => {
                if let Some((at, words)) = mark.take() {
                    table = Some(Table {
                        at,
                        words,
                        head: Vec::new(),
                        rows: Vec::new(),
                    });
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    items.push(Item::Table(t));
                }
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut table {
                    t.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(Cell::default()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(t), Some(c)) = (&mut table, cell.take()) {
                    let c = Cell {
                        text: c.text.trim().to_string(),
                        ..c
                    };
                    match (in_head, t.rows.last_mut()) {
                        (false, Some(row)) => row.push(c),
                        _ => t.head.push(c),
                    }
                }
            }
            Event::Text(s) => {
                if let Some(b) = &mut block {
                    b.text.push_str(&s);
                } else if let Some(c) = &mut cell {
                    c.text.push_str(&s);
                }
            }
            Event::Code(s) => {
                if let Some(c) = &mut cell {
                    c.text.push_str(&s);
                    c.code.push(s.to_string());
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = &mut cell {
                    c.text.push(' ');
                }
            }
            _ => {}
        }
    }
    assert!(mark.is_none(), "a `{TABLE_MARK}` mark at the end of {doc}");
    items
}

/// GitHub's anchor for a heading: lower case, spaces as `-`, other punctuation dropped.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            '_' => Some('_'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a page's headings (a repeated heading gets `-1`, `-2`… as on GitHub) and the
/// targets of its links, each with its line.
pub fn anchors_and_links(text: &str) -> (Vec<String>, Vec<(usize, String)>) {
    let mut anchors: Vec<String> = Vec::new();
    let mut links = Vec::new();
    let mut heading: Option<String> = None;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                let n = anchors
                    .iter()
                    .filter(|a| **a == base || a.starts_with(&format!("{base}-")))
                    .count();
                anchors.push(if n == 0 { base } else { format!("{base}-{n}") });
            }
            Event::Text(s) | Event::Code(s) => {
                if let Some(h) = &mut heading {
                    h.push_str(&s);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let line = text[..range.start].matches('\n').count() + 1;
                links.push((line, dest_url.to_string()));
            }
            _ => {}
        }
    }
    (anchors, links)
}
