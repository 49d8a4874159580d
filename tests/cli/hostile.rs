//! Hostile inputs against the real binary (issue 7): each ends in a result or a clear one-line error, never a
//! panic or a hang. Every run has a generous wall-clock guard (`common::newsdiff`) that only catches hangs; no
//! test asserts a speed.

use std::fs;
use std::time::Duration;

use super::common::{
    S000, S001, S002, assert_clear_error, assert_result, json_of, newsdiff, newsdiff_process, path_str, stderr_of,
    tempdir, utf16le_with_bom, write,
};
use super::testdata::rng::Rng;

#[test]
fn a_100_mb_single_line_is_refused_by_default_and_handled_when_allowed() {
    let dir = tempdir();
    let mut text = String::with_capacity(100 << 20);
    let mut rng = Rng::new(0);
    while text.len() < 100 << 20 {
        text.push_str(rng.pick(&["kyiv ", "talks ", "delegation ", "Zelenskyy ", "2025 ", "plan, "]));
    }
    let file = write(&dir, "line.txt", &text);
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
    let dir = tempdir();
    let mut data = String::with_capacity(40 << 20);
    for i in 0..1_000_000u32 {
        data.push_str(&format!("{{\"id\":\"a{i}\",\"text\":\"Story {} of the day.\"}}\n", i % 5000));
    }
    let file = write(&dir, "tiny.jsonl", data);
    let out = newsdiff().args(["dedup", "--json", path_str(&file)]).output().unwrap();
    assert_result(&out, "dedup");
    let report = json_of(&out);
    assert_eq!(report["summary"]["articles"], 1_000_000);
    let out = newsdiff().args(["variants", "--max-articles", "1000", path_str(&file)]).output().unwrap();
    assert_clear_error(&out, "--max-articles");
}

#[test]
fn one_word_repeated_two_million_times_stays_bounded() {
    // Two million words (16 MB) are as telling as ten: anything quadratic in the words would not finish.
    let dir = tempdir();
    let a = write(&dir, "a.txt", "buffalo ".repeat(2_000_000));
    let b = write(&dir, "b.txt", "buffalo ".repeat(1_999_999) + "bison");
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
    let (a, b) = (S001, S002);
    let out = newsdiff().args(["compare", "--timeout", "0", a, a]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "identical claims stay `same` with a coarse diff");
    let out = newsdiff().args(["compare", "--json", "--timeout", "0", a, b]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    assert!(!report["pairs"].as_array().unwrap().is_empty(), "pairs are still aligned");
    let out = newsdiff().args(["report", "--json", "--timeout", "0", "seeds"]).output().unwrap();
    assert_result(&out, "report --timeout 0");
    let out = newsdiff().args(["compare", "--timeout", "soon", a, b]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deeply_nested_and_enormous_json_values() {
    let dir = tempdir();
    let depth = 100_000;
    let nested_text = format!("{{\"text\": \"ok.\"}}\n{{\"text\": {}\"x\"{}}}\n", "[".repeat(depth), "]".repeat(depth));
    let nested = write(&dir, "nested.jsonl", nested_text);
    for cmd in ["tokens", "variants", "dedup", "report"] {
        let out = newsdiff().args([cmd, path_str(&nested)]).output().unwrap();
        assert_clear_error(&out, "nested.jsonl:2");
    }

    let paragraphs: Vec<String> = (0..200_000).map(|i| format!("Paragraph {i} about the talks in Kyiv.")).collect();
    let mut data = serde_json::to_string(&serde_json::json!({"id": "p", "text": paragraphs})).unwrap();
    data.push('\n');
    data.push_str(&serde_json::to_string(&serde_json::json!({"id": "s", "text": "word ".repeat(3_000_000)})).unwrap());
    data.push('\n');
    let big = write(&dir, "big.jsonl", data);
    let out = newsdiff().args(["dedup", "--json", path_str(&big)]).output().unwrap();
    assert_result(&out, "dedup");
    let report = json_of(&out);
    assert_eq!(report["summary"]["articles"], 2);
}

#[test]
fn binary_nul_invalid_utf8_and_utf16_in_every_subcommand() {
    let dir = tempdir();
    let nul = write(&dir, "nul.txt", b"Talks in Kyiv.\0\0\x01binary");
    let good = S000;
    for args in [vec!["tokens"], vec!["variants"], vec!["dedup"], vec!["report"], vec!["compare", good]] {
        let out = newsdiff().args(&args).arg(&nul).output().unwrap();
        assert_clear_error(&out, "nul.txt");
    }

    let latin1 = write(&dir, "latin1.txt", b"Caf\xE9 owners in S\xE3o Paulo met the mayor. He said the plan works.");
    let utf16 = utf16le_with_bom("Zelenskyy met Macron in Paris. They discussed the plan.");
    let utf16_path = write(&dir, "utf16.txt", utf16);
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
    let dir = tempdir();
    let root = dir.path().join("articles");
    fs::create_dir_all(root.join("sub")).unwrap();
    write(&root, "a.txt", "Talks in Kyiv went on for hours. The delegation left on Friday.");
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

    let locked = write(&dir, "locked.txt", "Secret talks.");
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
    let dir = tempdir();
    let text = "🙂🙂 !!! ??? … 🇺🇦\n\n‽‽ — «» ⁂. שלום עליכם אמר נתניהו בירושלים. مرحبا قال محمد في القاهرة.\n\
     Zoe\u{301} and Zoë met the Cafe\u{301} owner. \u{202E}evil\u{202C} RTL override. ÅÅÅ ØØØ.";
    let file = write(&dir, "odd.txt", text);
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
    let names = write(&dir, "names.txt", "🙂\t3\n!!!\t2\n—\n\u{301}\nשלום\nZelenskyy\t4\nZelenskiy\t2\n");
    let out = newsdiff().args(["variants", "--json", "--names", path_str(&names)]).output().unwrap();
    assert_result(&out, "variants --names");
}

#[cfg(unix)]
#[test]
fn interrupting_a_run_leaves_no_temporary_file() {
    use std::process::Stdio;
    let dir = tempdir();
    let mut data = String::new();
    for i in 0..200_000u32 {
        data.push_str(&format!(
            "{{\"id\":\"{i}\",\"text\":\"Article {i} reports talks in city {} on day {}.\"}}\n",
            i % 977,
            i % 31
        ));
    }
    let input = write(&dir, "in.jsonl", data);
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("dedup.jsonl");
    let child = newsdiff_process()
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
