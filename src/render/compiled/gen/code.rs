//! Writing Rust source for the generator: indented lines, string literals and the Rust names of
//! template variables.

/// Rust source being written, one statement per line, indented by block.
#[derive(Default)]
pub struct Code {
    buf: String,
    depth: usize,
    /// Template text not written yet: consecutive text nodes become one `push_str`.
    text: String,
}

impl Code {
    /// A line at the current depth.
    pub fn line(&mut self, s: &str) {
        self.flush();
        self.raw_line(s);
    }

    fn raw_line(&mut self, s: &str) {
        for _ in 0..self.depth {
            self.buf.push_str("    ");
        }
        self.buf.push_str(s);
        self.buf.push('\n');
    }

    /// A line ending in `{`; what follows is one level deeper.
    pub fn open(&mut self, s: &str) {
        self.line(s);
        self.depth += 1;
    }

    /// Closes a level with `s` (`}`, `} else {`…), which may open the next one.
    pub fn close(&mut self, s: &str) {
        self.flush();
        self.depth = self.depth.saturating_sub(1);
        self.raw_line(s);
        if s.ends_with('{') {
            self.depth += 1;
        }
    }

    /// Template text, written out by the next statement.
    pub fn text(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            let t = std::mem::take(&mut self.text);
            let mut chars = t.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => self.raw_line(&format!("out.push({c:?});")),
                _ => self.raw_line(&format!("out.push_str({});", literal(&t))),
            }
        }
    }

    /// The source written, pending text included.
    pub fn finish(mut self) -> String {
        self.flush();
        self.buf
    }
}

/// `s` as a Rust string literal.
pub fn literal(s: &str) -> String {
    format!("{s:?}")
}

/// Names the generated code uses itself; a template variable may not have them.
const INTERNAL: &[&str] = &["view", "out", "rt", "View"];

/// Rust keywords (strict and reserved, 2021 edition).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// The Rust name of a template variable or field; `None` when it cannot have one that is sure
/// not to meet a name of the generator's (which all end in `_`) and to be a snake-case name.
pub fn ident(name: &str) -> Option<String> {
    if name.is_empty()
        || name.ends_with('_')
        || name.contains("__")
        || name.chars().any(|c| c.is_ascii_uppercase())
        || INTERNAL.contains(&name)
        || ["self", "Self", "super", "crate"].contains(&name)
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        || name.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    Some(if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indents_blocks_and_joins_text() {
        let mut c = Code::default();
        c.text("<p>");
        c.text("\"a\"\n");
        c.open("if x {");
        c.line("f();");
        c.close("} else {");
        c.text("'");
        c.close("}");
        assert_eq!(
            c.finish(),
            "out.push_str(\"<p>\\\"a\\\"\\n\");\nif x {\n    f();\n} else {\n    out.push('\\'');\n}\n"
        );
    }

    #[test]
    fn names_of_variables() {
        assert_eq!(ident("course").as_deref(), Some("course"));
        assert_eq!(ident("type").as_deref(), Some("r#type"));
        for reserved in ["out", "view", "a__b", "a_", "isOpen", "self", "_", "1a", ""] {
            assert_eq!(ident(reserved), None, "{reserved}");
        }
    }
}
