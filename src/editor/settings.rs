//! `[editor]` in site.toml: whether the build writes the browser editor (`/admin/`), and where
//! the editor saves: the site's repository on GitHub, GitLab or Gitea/Forgejo.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::fields::Fields;

/// The forges the editor can save to (Sveltia CMS's Git backends).
pub const BACKENDS: [&str; 3] = ["github", "gitlab", "gitea"];

/// The settings, a part of the site's configuration.
pub use crate::model::config::EditorSettings as Settings;

const HINT: &str = "see \"Editing in the browser\" in docs/authors.md";

/// Reads the `[editor]` table: `None` when the editor is not enabled (or the table is wrong,
/// each problem reported).
pub fn parse(mut f: Fields<'_, '_>, d: &mut Diagnostics) -> Option<Settings> {
    let enabled = f.boolean(d, "enabled");
    let backend = f.string(d, "backend");
    let repo = f.string(d, "repo");
    let branch = f.string(d, "branch");
    let base_url = f.string(d, "base_url");
    let api_root = f.string(d, "api_root");
    let app_id = f.string(d, "app_id");
    let errors = d.error_count();
    let src = f.src;
    if let Some(b) = &backend {
        if !BACKENDS.contains(&b.get_ref().as_str()) {
            let hint = if b.get_ref() == "local" {
                "the local workflow needs no setting: open /admin/ from `prospectus serve` and choose \"Work with Local Repository\"; `backend` names where the site's repository is published: \"github\", \"gitlab\" or \"gitea\"".to_string()
            } else {
                crate::diag::suggest(b.get_ref(), &BACKENDS, "backends")
            };
            d.push(
                Diagnostic::error(
                    "bad-value",
                    format!("editor backend \"{}\" is not one we know", b.get_ref()),
                )
                .at(&src, b.span())
                .with_hint(hint),
            );
        }
    }
    if let Some(r) = &repo {
        let v = r.get_ref();
        let parts: Vec<&str> = v.split('/').collect();
        let plain = parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && !p.contains(|c: char| c.is_whitespace() || c == ':'));
        if !plain {
            d.push(
                Diagnostic::error(
                    "bad-value",
                    format!("`repo` \"{v}\" is not a repository name"),
                )
                .at(&src, r.span())
                .with_hint("write the owner and the name of the repository, e.g. repo = \"itcilo/training-site\" (not its web address)"),
            );
        }
    }
    if let Some(b) = &branch {
        if b.get_ref().is_empty() || b.get_ref().contains(char::is_whitespace) {
            d.push(
                Diagnostic::error(
                    "bad-value",
                    "`branch` must be a branch name, without spaces",
                )
                .at(&src, b.span())
                .with_hint("e.g. branch = \"main\""),
            );
        }
    }
    for u in [&base_url, &api_root].into_iter().flatten() {
        crate::load::shared::check_url(&f, d, "address", u, false);
    }
    let on = enabled.as_ref().is_some_and(|e| *e.get_ref());
    if on {
        if backend.is_none() && !f.has("backend") {
            f.missing(d, "backend", "name the forge the site's repository is on: backend = \"github\" (or \"gitlab\", \"gitea\")");
        }
        if repo.is_none() && !f.has("repo") {
            f.missing(
                d,
                "repo",
                "name the site's repository: repo = \"itcilo/training-site\"",
            );
        }
    }
    if enabled.is_none() && !f.has("enabled") {
        f.missing(
            d,
            "enabled",
            &format!("write enabled = true to build the editor into /admin/ ({HINT})"),
        );
    }
    f.finish(d);
    if !on || d.error_count() > errors {
        return None;
    }
    Some(Settings {
        backend: backend?.into_inner(),
        repo: repo?.into_inner(),
        branch: branch.map_or_else(|| "main".to_string(), |b| b.into_inner()),
        base_url: base_url.map(|u| u.into_inner()),
        api_root: api_root.map(|u| u.into_inner()),
        app_id: app_id.map(|u| u.into_inner()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceText;
    use toml::de::DeTable;

    fn read(text: &str) -> (Option<Settings>, Vec<Diagnostic>) {
        let t = DeTable::parse(text).unwrap();
        let mut d = Diagnostics::new();
        let f = Fields::new(
            SourceText::new("site.toml", text),
            t.get_ref(),
            t.span(),
            "[editor]",
        );
        let s = parse(f, &mut d);
        (s, d.into_sorted())
    }

    #[test]
    fn enabled_with_a_repository() {
        let (s, d) = read("enabled = true\nbackend = \"gitea\"\nrepo = \"org/site\"\nbase_url = \"https://codeberg.org\"\n");
        assert!(d.is_empty(), "{d:?}");
        let s = s.unwrap();
        assert_eq!((s.backend.as_str(), s.branch.as_str()), ("gitea", "main"));
        assert_eq!(s.base_url.as_deref(), Some("https://codeberg.org"));
    }

    #[test]
    fn disabled_writes_nothing_and_needs_nothing() {
        let (s, d) = read("enabled = false\n");
        assert!(s.is_none() && d.is_empty(), "{d:?}");
    }

    #[test]
    fn each_mistake_is_reported() {
        let (s, d) = read("enabled = true\nbackend = \"local\"\nrepo = \"https://github.com/org/site\"\nbranch = \"my branch\"\nrepos = \"x\"\n");
        assert!(s.is_none());
        let codes: Vec<_> = d.iter().map(|x| (x.line, x.code)).collect();
        assert_eq!(
            codes,
            [
                (2, "bad-value"),
                (3, "bad-value"),
                (4, "bad-value"),
                (5, "unknown-key")
            ]
        );
        assert!(d[0].hint.as_deref().unwrap().contains("prospectus serve"));
        assert_eq!(d[3].hint.as_deref(), Some("did you mean `repo`?"));
        let (_, d) = read("enabled = true\n");
        let missing: Vec<_> = d.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            missing,
            [
                "`backend` is required in [editor]",
                "`repo` is required in [editor]"
            ]
        );
    }
}
