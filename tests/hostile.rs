//! Hostile inputs against the real binary (issue 7): each ends in a result or a clear one-line error, never a
//! panic or a hang. Every run has a generous wall-clock guard (`GUARD`) that only catches hangs; no test
//! asserts a speed.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Kills a run that hangs. Far above what any of these runs needs on a slow machine.
const GUARD: Duration = Duration::from_secs(300);

fn newsdiff() -> Command {
    let mut cmd = Command::cargo_bin("newsdiff").expect("binary built");
    cmd.env_remove("NO_COLOR").env("RAYON_NUM_THREADS", "2").timeout(GUARD);
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exit 0 or 1 (a result), no panic.
fn assert_result(out: &std::process::Output, what: &str) {
    let err = stderr_of(out);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{what}: status {:?}, stderr: {err}", out.status);
    assert!(!err.contains("panicked"), "{what}: {err}");
}

/// Exit 2 with one line on stderr naming `needle`, no panic.
fn assert_clear_error(out: &std::process::Output, needle: &str) {
    let err = stderr_of(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(err.starts_with("newsdiff: "), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "stderr should name {needle:?}: {err}");
    assert!(!err.contains("panicked"));
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

#[test]
fn a_100_mb_single_line_is_refused_by_default_and_handled_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("line.txt");
    let mut text = String::with_capacity(100 << 20);
    let mut i = 0u32;
    while text.len() < 100 << 20 {
        text.push_str(["kyiv ", "talks ", "delegation ", "Zelenskyy ", "2025 ", "plan, "][(i % 6) as usize]);
        i = i.wrapping_mul(1_103_515_245).wrapping_add(12_345) >> 3;
    }
    fs::write(&file, &text).unwrap();
    drop(text);
    let out = newsdiff().args(["dedup", path_str(&file)]).output().unwrap();
    assert_clear_error(&out, "line.txt");
    assert!(stderr_of(&out).contains("--max-bytes"), "the error says how to raise the limit");
    for cmd in ["dedup", "variants"] {
        let out = newsdiff().args([cmd, "--max-bytes", "200M", path_str(&file)]).output().unwrap();
        assert_result(&out, cmd);
    }
}

#[test]
fn a_million_tiny_articles_stream_through_dedup_and_the_article_limit_is_clear() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tiny.jsonl");
    let mut data = String::with_capacity(40 << 20);
    for i in 0..1_000_000u32 {
        data.push_str(&format!("{{\"id\":\"a{i}\",\"text\":\"Story {} of the day.\"}}\n", i % 5000));
    }
    fs::write(&file, data).unwrap();
    let out = newsdiff().args(["dedup", "--json", path_str(&file)]).output().unwrap();
    assert_result(&out, "dedup");
    let report: Value = serde_json::from_slice(&out.stdout).expect("dedup --json is JSON");
    assert_eq!(report["summary"]["articles"], 1_000_000);
    let out = newsdiff().args(["variants", "--max-articles", "1000", path_str(&file)]).output().unwrap();
    assert_clear_error(&out, "--max-articles");
}

#[test]
fn one_word_repeated_ten_million_times_stays_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, "buffalo ".repeat(10_000_000)).unwrap();
    fs::write(&b, "buffalo ".repeat(9_999_999) + "bison").unwrap();
    let out = newsdiff().args(["compare", "--max-bytes", "200M", path_str(&a), path_str(&b)]).output().unwrap();
    assert_result(&out, "compare");
    let out =
        newsdiff().args(["compare", "--json", "--max-bytes", "200M", path_str(&a), path_str(&a)]).output().unwrap();
    assert_result(&out, "self-compare");
    for cmd in ["variants", "dedup", "report"] {
        let out = newsdiff().args([cmd, "--max-bytes", "200M", path_str(&a), path_str(&b)]).output().unwrap();
        assert_result(&out, cmd);
    }
}

#[test]
fn the_diff_time_limit_is_a_flag_and_an_expired_limit_still_gives_a_result() {
    let a = "seeds/001_7fb53fbd3c46e9a8.txt";
    let b = "seeds/002_6b34b3c9854d6455.txt";
    let out = newsdiff().args(["compare", "--timeout", "0", a, a]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "identical claims stay `same` with a coarse diff");
    let out = newsdiff().args(["compare", "--json", "--timeout", "0", a, b]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!report["pairs"].as_array().unwrap().is_empty(), "pairs are still aligned");
    let out = newsdiff().args(["report", "--json", "--timeout", "0", "seeds"]).output().unwrap();
    assert_result(&out, "report --timeout 0");
    let out = newsdiff().args(["compare", "--timeout", "soon", a, b]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deeply_nested_and_enormous_json_values() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("nested.jsonl");
    let depth = 100_000;
    fs::write(
        &nested,
        format!("{{\"text\": \"ok.\"}}\n{{\"text\": {}\"x\"{}}}\n", "[".repeat(depth), "]".repeat(depth)),
    )
    .unwrap();
    for cmd in ["tokens", "variants", "dedup", "report"] {
        let out = newsdiff().args([cmd, path_str(&nested)]).output().unwrap();
        assert_clear_error(&out, "nested.jsonl:2");
    }

    let big = dir.path().join("big.jsonl");
    let paragraphs: Vec<String> = (0..200_000).map(|i| format!("Paragraph {i} about the talks in Kyiv.")).collect();
    let mut data = serde_json::to_string(&serde_json::json!({"id": "p", "text": paragraphs})).unwrap();
    data.push('\n');
    data.push_str(&serde_json::to_string(&serde_json::json!({"id": "s", "text": "word ".repeat(3_000_000)})).unwrap());
    data.push('\n');
    fs::write(&big, data).unwrap();
    let out = newsdiff().args(["dedup", "--json", path_str(&big)]).output().unwrap();
    assert_result(&out, "dedup");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["articles"], 2);
}

#[test]
fn binary_nul_invalid_utf8_and_utf16_in_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let nul = dir.path().join("nul.txt");
    fs::write(&nul, b"Talks in Kyiv.\0\0\x01binary").unwrap();
    let good = "seeds/000_685572fa8566e146.txt";
    for args in [vec!["tokens"], vec!["variants"], vec!["dedup"], vec!["report"], vec!["compare", good]] {
        let out = newsdiff().args(&args).arg(&nul).output().unwrap();
        assert_clear_error(&out, "nul.txt");
    }

    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"Caf\xE9 owners in S\xE3o Paulo met the mayor. He said the plan works.").unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Zelenskyy met Macron in Paris. They discussed the plan.".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let utf16_path = dir.path().join("utf16.txt");
    fs::write(&utf16_path, utf16).unwrap();
    let out = newsdiff().args(["compare"]).arg(&latin1).arg(&utf16_path).output().unwrap();
    assert_result(&out, "compare latin1 utf16");
    assert!(stderr_of(&out).contains("latin1.txt"), "the lossy decoding is reported: {}", stderr_of(&out));
    let out = newsdiff().args(["compare", "--strict"]).arg(&latin1).arg(&utf16_path).output().unwrap();
    assert_clear_error(&out, "latin1.txt");
}

#[cfg(unix)]
#[test]
fn symlink_loops_dangling_links_and_unreadable_files() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::write(root.join("a.txt"), "Talks in Kyiv went on for hours. The delegation left on Friday.").unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    // A file that vanished between listing and reading looks like a dangling link to the reader.
    symlink("vanished.txt", root.join("gone.txt")).unwrap();
    for cmd in ["tokens", "variants", "dedup", "report"] {
        let out = newsdiff().arg(cmd).arg(&root).output().unwrap();
        assert_result(&out, cmd);
        let err = stderr_of(&out);
        assert!(err.contains("symlink loop"), "{cmd}: {err}");
        assert!(err.contains("gone.txt"), "{cmd}: {err}");
    }
    let out = newsdiff().arg("tokens").arg(root.join("gone.txt")).output().unwrap();
    assert_clear_error(&out, "gone.txt");

    let locked = dir.path().join("locked.txt");
    fs::write(&locked, "Secret talks.").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = fs::read(&locked).is_ok(); // true when the tests run as root
    let out = newsdiff().arg("tokens").arg(&locked).output().unwrap();
    if readable_anyway {
        assert_result(&out, "tokens on a file root can read");
    } else {
        assert_clear_error(&out, "locked.txt");
    }
}

#[test]
fn punctuation_emoji_right_to_left_and_combining_marks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("odd.txt");
    fs::write(
        &file,
        "🙂🙂 !!! ??? … 🇺🇦\n\n‽‽ — «» ⁂. שלום עליכם אמר נתניהו בירושלים. مرحبا قال محمد في القاهرة.\n\
         Zoe\u{301} and Zoë met the Cafe\u{301} owner. \u{202E}evil\u{202C} RTL override. ÅÅÅ ØØØ.",
    )
    .unwrap();
    let f = path_str(&file);
    let out = newsdiff().args(["compare", f, f]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "an article compared with itself is the same: {}", stderr_of(&out));
    for cmd in ["tokens", "variants", "dedup", "report"] {
        let out = newsdiff().args([cmd, "--json", f]).output().unwrap();
        assert_result(&out, cmd);
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        for line in text.lines().filter(|l| !l.trim().is_empty()).take(1) {
            assert!(line.starts_with('{'), "{cmd} --json prints JSON: {line}");
        }
    }
    let names = dir.path().join("names.txt");
    fs::write(&names, "🙂\t3\n!!!\t2\n—\n\u{301}\nשלום\nZelenskyy\t4\nZelenskiy\t2\n").unwrap();
    let out = newsdiff().args(["variants", "--json", "--names", path_str(&names)]).output().unwrap();
    assert_result(&out, "variants --names");
}

#[cfg(unix)]
#[test]
fn interrupting_a_run_leaves_no_temporary_file() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let mut data = String::new();
    for i in 0..200_000u32 {
        data.push_str(&format!(
            "{{\"id\":\"{i}\",\"text\":\"Article {i} reports talks in city {} on day {}.\"}}\n",
            i % 977,
            i % 31
        ));
    }
    fs::write(&input, data).unwrap();
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("dedup.jsonl");
    let bin = assert_cmd::cargo::cargo_bin("newsdiff");
    let child = std::process::Command::new(bin)
        .args(["dedup", "-q", "-o"])
        .arg(&target)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let out = child.wait_with_output().unwrap();
    assert!(!stderr_of(&out).contains("panicked"));
    let left: Vec<String> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "dedup.jsonl")
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
    if out.status.success() {
        assert!(target.exists(), "a finished run wrote its output");
    } else {
        assert!(!target.exists(), "an interrupted run leaves no partial output");
    }
}
