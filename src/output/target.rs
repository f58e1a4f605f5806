//! Where a build may write: the rules an output folder (`--out`) must pass before anything is
//! read or written, and the marker that tells a folder Prospectus wrote from any other.
//!
//! The output folder is replaced as a whole by every build, so it must be a folder that holds
//! nothing but an earlier output: not the site or a folder holding it, not a source folder (nor
//! inside or around one), not an existing file, not a folder of someone else's files. A
//! symbolic link to a folder is followed deliberately: the real folder is replaced, beside its
//! real parent, and the link keeps pointing at it.

use super::OutputError;
use std::path::{Component, Path, PathBuf};

/// The marker written into every output, relative to the output folder.
pub const MARKER: &str = ".prospectus/output";

/// What the marker says to a person who opens it.
pub const MARKER_TEXT: &str = "This folder was written by `prospectus build`, which replaces it \
as a whole at every build.\nDo not keep other files in it: they would be deleted.\n";

/// Outputs written before the marker existed carry only this file; they count as marked.
const LEGACY_MARKER: &str = ".prospectus/next-change";

/// Why an output folder is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It exists and is not a folder (`site.toml`, any other file).
    NotAFolder,
    /// A symbolic link to nothing (its target as the link says it).
    BrokenLink(PathBuf),
    /// The site's folder, or a folder that holds it.
    HoldsSite,
    /// A source folder of the site (`content`, `data`…), a folder inside one or holding one.
    Source(&'static str, Place),
    /// An existing folder with files in it and no marker: not an earlier output.
    NotOurs,
}

/// Where a refused folder is, from a source folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Is,
    Inside,
    Holds,
}

/// An output folder that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The real folder: absolute, symbolic links resolved (it may not exist yet).
    pub dir: PathBuf,
}

impl Target {
    /// Checks `out` (as given on the command line) against the site at `root`.
    pub fn resolve(root: &Path, out: &Path) -> Result<Target, OutputError> {
        let refuse = |why| OutputError::Refused {
            out: out.to_path_buf(),
            root: root.to_path_buf(),
            why,
        };
        let meta = std::fs::symlink_metadata(out).ok();
        if meta.as_ref().is_some_and(|m| m.file_type().is_symlink()) && out.canonicalize().is_err()
        {
            let to = std::fs::read_link(out).unwrap_or_default();
            return Err(refuse(Refusal::BrokenLink(to)));
        }
        let dir = real(out);
        if dir.exists() && !dir.is_dir() {
            return Err(refuse(Refusal::NotAFolder));
        }
        let site = real(root);
        if site.starts_with(&dir) {
            return Err(refuse(Refusal::HoldsSite));
        }
        for name in crate::load::SOURCE_DIRS {
            let src = real(&site.join(name));
            let place = if dir == src {
                Place::Is
            } else if dir.starts_with(&src) {
                Place::Inside
            } else if src.starts_with(&dir) {
                Place::Holds
            } else {
                continue;
            };
            return Err(refuse(Refusal::Source(name, place)));
        }
        if dir.is_dir() && !may_replace(&dir) {
            return Err(refuse(Refusal::NotOurs));
        }
        Ok(Target { dir })
    }
}

/// Whether a folder may be deleted by a build: it carries the marker, or holds no file at all.
pub fn may_replace(dir: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return true; // nothing there
    };
    meta.is_dir()
        && (dir.join(MARKER).is_file() || dir.join(LEGACY_MARKER).is_file() || holds_no_file(dir))
}

/// A folder whose tree has nothing but folders (an unreadable part counts as holding files).
fn holds_no_file(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .all(|e| e.is_ok_and(|e| e.file_type().is_dir()))
}

/// `p` made absolute, with every symbolic link resolved in the part that exists, and `.` and
/// `..` taken away in the rest (as the system will resolve them once the folders are made).
pub fn real(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    let mut exists = true;
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
                if let Ok(c) = out.canonicalize() {
                    // Back in a folder that exists (`new/..`): resolve from here on again.
                    out = c;
                    exists = true;
                }
            }
            other => {
                out.push(other);
                if exists {
                    match out.canonicalize() {
                        Ok(c) => out = c,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    out
}

impl Refusal {
    /// Why the folder cannot be used, after "`--out X` ".
    pub fn reason(&self, root: &Path) -> String {
        match self {
            Refusal::NotAFolder => "is an existing file, not a folder; the build replaces its \
                output folder as a whole, so the file would be lost"
                .to_string(),
            Refusal::BrokenLink(to) => format!(
                "is a symbolic link to {}, which does not exist",
                to.display()
            ),
            Refusal::HoldsSite => format!(
                "is the site's folder {} or a folder that holds it; the build replaces its output \
                 folder as a whole, so the site would be deleted",
                root.display()
            ),
            Refusal::Source(name, place) => format!(
                "{} the site's `{name}` folder, which holds sources; the build replaces its output \
                 folder as a whole, so they would be deleted (or the output read back as sources)",
                match place {
                    Place::Is => "is",
                    Place::Inside => "lies inside",
                    Place::Holds => "holds",
                }
            ),
            Refusal::NotOurs => format!(
                "is a folder with files in it that no build of Prospectus wrote (there is no {MARKER} \
                 in it); the build replaces its output folder as a whole, so they would be deleted"
            ),
        }
    }

    /// What to do instead.
    pub fn hint(&self, root: &Path) -> String {
        let public = root.join("public");
        match self {
            Refusal::BrokenLink(_) => format!(
                "create the folder the link points to, or give the real folder with --out (e.g. --out {})",
                public.display()
            ),
            Refusal::NotOurs => format!(
                "give a new or empty folder with --out (e.g. --out {}), or move the files out of this one first",
                public.display()
            ),
            _ => format!(
                "give the output its own folder, outside content/, data/, static/, templates/, i18n/ \
                 and themes/: a new or empty one, or one an earlier build wrote (the default is --out {})",
                public.display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(root: &Path, out: &Path) -> Option<Refusal> {
        match Target::resolve(root, out) {
            Ok(_) => None,
            Err(OutputError::Refused { why, .. }) => Some(why),
            Err(e) => panic!("{e}"),
        }
    }

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for d in ["content/courses", "data", "static"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("site.toml"), "title = \"x\"\n").unwrap();
        std::fs::write(root.join("content/courses/a.md"), "+++\n+++\n").unwrap();
        (dir, root)
    }

    #[test]
    fn the_site_and_the_folders_holding_it_are_refused() {
        let (dir, root) = site();
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join("content/.."),
            root.join("."),
            PathBuf::from("/"),
        ] {
            assert_eq!(
                refusal(&root, &bad),
                Some(Refusal::HoldsSite),
                "{}",
                bad.display()
            );
        }
    }

    #[test]
    fn source_folders_inside_and_around_are_refused() {
        let (_dir, root) = site();
        for (out, name, place) in [
            ("content", "content", Place::Is),
            ("content/courses", "content", Place::Inside),
            ("content/new-folder", "content", Place::Inside),
            ("data", "data", Place::Is),
            ("static/x", "static", Place::Inside),
            // Not there yet: still refused, the output would become a source folder.
            ("templates", "templates", Place::Is),
            ("i18n", "i18n", Place::Is),
            ("themes/default", "themes", Place::Inside),
            ("public/../data", "data", Place::Is),
        ] {
            assert_eq!(
                refusal(&root, &root.join(out)),
                Some(Refusal::Source(name, place)),
                "{out}"
            );
        }
    }

    #[test]
    fn a_file_is_refused() {
        let (_dir, root) = site();
        let r = refusal(&root, &root.join("site.toml"));
        assert_eq!(r, Some(Refusal::NotAFolder));
    }

    #[test]
    fn a_folder_of_other_files_is_refused_an_empty_or_marked_one_is_not() {
        let (dir, root) = site();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("empty/inside")).unwrap();
        assert_eq!(refusal(&root, &out), None, "only empty folders");
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        assert_eq!(refusal(&root, &out), Some(Refusal::NotOurs));
        std::fs::create_dir_all(out.join(".prospectus")).unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(refusal(&root, &out), None);
        std::fs::remove_file(out.join(MARKER)).unwrap();
        std::fs::write(out.join(LEGACY_MARKER), "").unwrap();
        assert_eq!(
            refusal(&root, &out),
            None,
            "an output of an earlier version"
        );
        // New folders anywhere else are fine, also inside the site.
        assert_eq!(refusal(&root, &root.join("public")), None);
        assert_eq!(refusal(&root, &dir.path().join("a/b/c")), None);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_to_the_real_folder() {
        use std::os::unix::fs::symlink;
        let (dir, root) = site();
        let real_out = dir.path().join("www/site");
        std::fs::create_dir_all(&real_out).unwrap();
        let link = dir.path().join("public");
        symlink(&real_out, &link).unwrap();
        let t = Target::resolve(&root, &link).unwrap();
        assert_eq!(t.dir, real_out.canonicalize().unwrap());
        // A link into a source folder is judged by where it leads.
        let to_content = dir.path().join("to-content");
        symlink(root.join("content"), &to_content).unwrap();
        assert_eq!(
            refusal(&root, &to_content),
            Some(Refusal::Source("content", Place::Is))
        );
        // A source folder linked from elsewhere: the folder holding its target is refused.
        let moved = dir.path().join("elsewhere/data");
        std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
        std::fs::rename(root.join("data"), &moved).unwrap();
        symlink(&moved, root.join("data")).unwrap();
        assert_eq!(
            refusal(&root, &dir.path().join("elsewhere")),
            Some(Refusal::Source("data", Place::Holds))
        );
        // A link to nothing.
        let broken = dir.path().join("broken");
        symlink(dir.path().join("nowhere"), &broken).unwrap();
        assert!(matches!(
            refusal(&root, &broken),
            Some(Refusal::BrokenLink(_))
        ));
    }

    #[test]
    fn real_resolves_dots_in_the_part_that_does_not_exist() {
        let (dir, _root) = site();
        let base = dir.path().canonicalize().unwrap();
        assert_eq!(real(&base.join("new/../x/./y")), base.join("x/y"));
        assert_eq!(real(&base.join("site/content/..")), base.join("site"));
    }
}
