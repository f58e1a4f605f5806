//! Embeds the default theme (`themes/default/`) into the binary, so that a site needs no copy of
//! it: writes `$OUT_DIR/default_theme.rs` with every file's path and bytes. Generates the
//! compiled templates from the theme's templates into `$OUT_DIR/templates/` (see
//! `src/render/compiled/gen/`), and from the generator's test templates
//! (`tests/fixtures/templates/`) into `$OUT_DIR/test_templates/`.

#[path = "src/render/compiled/gen/mod.rs"]
mod gen;
// (Shared with the renderer, which uses parts the generator does not.)
#[allow(dead_code)]
#[path = "src/render/compiled/tree.rs"]
mod tree;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        // Hidden files and folders (`.DS_Store`, an editor's swap file) are never part of it.
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if p.is_dir() {
            collect(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

/// The templates below `dir`, by name (path below `dir`, `/`-separated).
fn templates(dir: &Path) -> BTreeMap<String, String> {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files
        .iter()
        .filter_map(|f| {
            let name = f
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            // A template that is not UTF-8 is reported by the loader; nothing to generate.
            Some((name, std::fs::read_to_string(f).ok()?))
        })
        .collect()
}

/// Writes the generated code of the templates in `from` to `to`.
fn generate(from: &Path, to: &Path) {
    println!("cargo:rerun-if-changed={}", from.display());
    std::fs::create_dir_all(to).expect("create the generated templates' folder");
    for (file, code) in gen::generate(&templates(from)) {
        let path = to.join(file);
        // Unchanged files keep their time: cargo recompiles only what the theme changed.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(code.as_str()) {
            std::fs::write(&path, code).expect("write generated template code");
        }
    }
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let theme = manifest.join("themes").join("default");
    println!("cargo:rerun-if-changed={}", theme.display());
    println!("cargo:rerun-if-changed=src/render/compiled/gen");
    println!("cargo:rerun-if-changed=src/render/compiled/tree.rs");
    let mut files = Vec::new();
    collect(&theme, &mut files);
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&theme)
            .expect("inside theme")
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            f.display().to_string()
        );
    }
    code.push_str("];\n");
    std::fs::write(out.join("default_theme.rs"), code).expect("write default_theme.rs");
    generate(&theme.join("templates"), &out.join("templates"));
    generate(
        &manifest.join("tests").join("fixtures").join("templates"),
        &out.join("test_templates"),
    );
}
