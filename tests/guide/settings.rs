//! Examples laid into the files of a site: a settings block merged into a file's, a setting
//! taken out. The settings are written back by the TOML library: comments and the order of the
//! lines are not kept, which the checks do not need.

use super::doc::At;

/// A content file's settings block (without its `+++` lines) and the text below it.
pub fn split_front_matter<'a>(file: &'a str, at: &At) -> (&'a str, &'a str) {
    let rest = file
        .strip_prefix("+++\n")
        .unwrap_or_else(|| panic!("{at}: the file does not start with +++"));
    let end = rest
        .find("\n+++\n")
        .unwrap_or_else(|| panic!("{at}: the file's settings block is not closed"));
    (&rest[..end + 1], &rest[end + 5..])
}

/// `host` with the settings of `part` in place of those of the same name (a group replaces the
/// whole group). The settings are written back by the TOML library: comments and the order of
/// the host's lines are not kept, which the examples do not need.
pub fn merge(host: &str, part: &str, front_matter: bool, at: &At) -> String {
    let (settings, body) = if front_matter {
        let (f, b) = split_front_matter(host, at);
        (f, Some(b))
    } else {
        (host, None)
    };
    let mut table: toml::Table = settings
        .parse()
        .unwrap_or_else(|e| panic!("{at}: the file the example goes into is not TOML: {e}"));
    // A block may show a whole settings block, its `+++` lines included.
    let part = part
        .strip_prefix("+++\n")
        .map_or(part, |inside| inside.trim_end().trim_end_matches("+++"));
    let part: toml::Table = part
        .parse()
        .unwrap_or_else(|e| panic!("{at}: the example is not valid TOML: {e}"));
    table.extend(part);
    let settings = toml::to_string(&table).expect("TOML out");
    match body {
        Some(b) => format!("+++\n{settings}+++\n{b}"),
        None => settings,
    }
}

/// `[organisation]` `name` → organisation.name; `[[fee.lines]]` → fee.lines; `start` under
/// `group=sessions` → sessions.start.
pub fn setting_path(code: &[String], group: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    if !code.first().is_some_and(|c| c.starts_with('[')) {
        keys.extend(group.map(str::to_string));
    }
    for c in code {
        let c = c.trim_matches(['[', ']']);
        keys.extend(c.split('.').map(str::to_string));
    }
    keys
}

/// `host` without the setting at `keys` (in every item of a repeated group on the way); `None`
/// when it has no such setting.
pub fn remove_setting(host: &str, front_matter: bool, keys: &[String], at: &At) -> Option<String> {
    fn remove(v: &mut toml::Table, keys: &[String]) -> bool {
        match keys {
            [] => false,
            [last] => v.remove(last).is_some(),
            [first, rest @ ..] => match v.get_mut(first) {
                Some(toml::Value::Table(t)) => remove(t, rest),
                Some(toml::Value::Array(items)) => {
                    items.iter_mut().fold(false, |found, item| match item {
                        toml::Value::Table(t) => remove(t, rest) || found,
                        _ => found,
                    })
                }
                _ => false,
            },
        }
    }
    let (settings, body) = if front_matter {
        let (f, b) = split_front_matter(host, at);
        (f, Some(b))
    } else {
        (host, None)
    };
    let mut table: toml::Table = settings
        .parse()
        .unwrap_or_else(|e| panic!("{at}: not TOML: {e}"));
    if !remove(&mut table, keys) {
        return None;
    }
    let settings = toml::to_string(&table).expect("TOML out");
    Some(match body {
        Some(b) => format!("+++\n{settings}+++\n{b}"),
        None => settings,
    })
}
