//! The library's layers flow one way: a module uses only modules of lower layers (docs/design.md). This test
//! reads every source file of the library and fails on an import from a layer above, which also rules out cycles.

use std::path::Path;

/// Layers from the bottom up; modules of one layer may not use each other, except where listed in `SIDEWAYS`.
const LAYERS: &[&[&str]] = &[
    &["unionfind"],
    &["article"],
    &["normalize"],
    &["input"],
    &["names", "dedup", "stories"],
    &["claims"],
    &["report"],
    &["render"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every `crate::module` a source file refers to in code (comments and doc comments are left out).
fn uses(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let name: String = rest[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            out.push(name);
            rest = &rest[at + 7..];
        }
    }
    out
}

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn no_module_uses_a_module_of_a_higher_or_the_same_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    visit(&src, &mut files);
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if matches!(top.as_str(), "cli" | "main" | "lib") {
            continue; // the binary, and the crate root that declares every module
        }
        let own = layer_of(&top).unwrap_or_else(|| panic!("{top}: a module of no layer; add it to LAYERS"));
        checked += 1;
        for used in uses(&std::fs::read_to_string(&file).unwrap()) {
            // `TEST_SEEDS` is the crate root's fixture list for unit tests.
            if used == top || used.is_empty() || used == "TEST_SEEDS" {
                continue;
            }
            match layer_of(&used) {
                Some(layer) if layer < own => {}
                _ => wrong.push(format!("{} uses crate::{used}", rel.display())),
            }
        }
    }
    assert!(checked > 40, "only {checked} files read");
    assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
}

#[test]
fn the_library_does_not_export_the_command_line() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    assert!(!lib.contains("mod cli") && !lib.contains("mod output"));
}
