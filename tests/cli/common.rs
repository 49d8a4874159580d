//! What the integration tests share: running the binary, reading what it printed, the failure contract, and
//! files in temporary directories.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// The seed articles, as paths relative to the repository root (where the tests run).
pub const S000: &str = "seeds/000_685572fa8566e146.txt";
pub const S001: &str = "seeds/001_7fb53fbd3c46e9a8.txt";
pub const S002: &str = "seeds/002_6b34b3c9854d6455.txt";

/// Kills a run that hangs. Far above what any run needs on a slow machine; no test asserts a speed.
const GUARD: Duration = Duration::from_secs(300);

/// The `newsdiff` binary, with colour left to the flags, two worker threads and a guard against hangs.
pub fn newsdiff() -> Command {
    let mut cmd = Command::cargo_bin("newsdiff").expect("binary built");
    cmd.env_remove("NO_COLOR").env("RAYON_NUM_THREADS", "2").timeout(GUARD);
    cmd
}

/// The `newsdiff` binary as a plain process, for tests that drive its pipes themselves.
pub fn newsdiff_process() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_newsdiff"))
}

/// What a run printed on standard output.
pub fn stdout_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a run printed on standard error.
pub fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output as one JSON document.
pub fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("one JSON document ({e}): {}", stderr_of(out)))
}

/// JSON Lines output, one value per line.
pub fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

/// Checks the failure contract: exit 2, one line on stderr naming `needle`, no panic.
pub fn assert_clear_error(out: &Output, needle: &str) {
    let err = stderr_of(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(err.starts_with("newsdiff: "), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "stderr should name {needle:?}: {err}");
    assert!(!err.contains("panicked"));
}

/// Exit 0 or 1 (a result), no panic.
pub fn assert_result(out: &Output, what: &str) {
    let err = stderr_of(out);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{what}: status {:?}, stderr: {err}", out.status);
    assert!(!err.contains("panicked"), "{what}: {err}");
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// Writes `contents` to the file `name` in `dir` (a path or a [`tempfile::TempDir`]) and returns its path.
pub fn write(dir: impl AsRef<Path>, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.as_ref().join(name);
    fs::write(&path, contents).expect("write a test file");
    path
}

/// Writes values as JSON Lines to `name` in `dir` and returns its path.
pub fn write_jsonl<T: serde::Serialize>(dir: impl AsRef<Path>, name: &str, lines: &[T]) -> PathBuf {
    let text: String = lines.iter().map(|l| serde_json::to_string(l).expect("JSON") + "\n").collect();
    write(dir, name, text)
}

/// A path as a string (temporary paths are UTF-8).
pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// Runs `newsdiff SUBCOMMAND --json ARGS...`, expects success, and returns the JSON document it printed.
pub fn run_json(subcommand: &str, args: &[&str]) -> Value {
    let out = newsdiff().arg(subcommand).arg("--json").args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr_of(&out));
    json_of(&out)
}

/// `text` in UTF-16 (little-endian) with a byte order mark.
pub fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    bytes
}
