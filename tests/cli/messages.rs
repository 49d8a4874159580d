//! Messages a new user meets (issue 14): one cause said once, counts that agree in number, a malformed style
//! line named, and `--explain` pairing names only as the same-name rule does.

use super::common::{S000, S001, S002, assert_clear_error, newsdiff, path_str, stderr_of, stdout_of, tempdir, write};

#[test]
fn a_missing_file_is_named_once_with_its_cause_once() {
    let dir = tempdir();
    let missing = dir.path().join("nope.tsv");
    let m = path_str(&missing);
    for args in [vec!["variants", "--style", m, S000], vec!["dedup", "--against", m, S000]] {
        let out = newsdiff().args(&args).output().unwrap();
        assert_clear_error(&out, m);
        let err = stderr_of(&out);
        assert_eq!(err.matches("os error").count(), 1, "{args:?}: {err}");
        assert_eq!(err.matches(m).count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn counts_agree_in_number() {
    let out = newsdiff().args(["compare", S000]).output().unwrap();
    assert_clear_error(&out, "holds 1 article;");
    let dir = tempdir();
    let bad = write(&dir, "b.jsonl", "{\"text\": \"Talks resumed in Geneva on Friday.\"}\nnot json\n");
    let out = newsdiff().args(["variants", "--skip-bad", path_str(&bad)]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("1 bad article or line skipped"), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains(" in 1 article\n"), "{}", stdout_of(&out));
    let out = newsdiff().args(["tokens", path_str(&bad), "--skip-bad", "-q"]).output().unwrap();
    assert!(stdout_of(&out).contains("  1 sentence, "), "{}", stdout_of(&out));
    let out = newsdiff().args(["dedup", "docs/examples/reprints.jsonl"]).output().unwrap();
    assert!(stdout_of(&out).contains("(verified, of 1 candidate)"), "{}", stdout_of(&out));
}

#[test]
fn a_style_line_that_starts_with_a_tab_is_an_error_naming_its_line() {
    let dir = tempdir();
    let style = write(&dir, "style.tsv", "Kyiv\tKiev\n\t\tbad\n");
    let out = newsdiff().args(["variants", "--style", path_str(&style), "seeds/"]).output().unwrap();
    assert_clear_error(&out, &format!("{}:2: starts with a tab", style.display()));
}

#[test]
fn explain_pairs_names_only_as_the_same_name_rule_does() {
    // White House Press Secretary (001) and President (002): different names that share a prefix.
    let out = newsdiff().args(["compare", "--explain", S001, S002]).output().unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("matched:"), "{text}");
    assert!(!text.contains("press=president"), "{text}");
    // Spelling variants of one name still match by spelling.
    let dir = tempdir();
    let a = write(&dir, "a.txt", "Zelenskyy met Trump in Florida on Sunday.");
    let b = write(&dir, "b.txt", "Zelenskiy met Trump in Florida on Sunday.");
    let out = newsdiff().args(["compare", "--explain", "--no-model", path_str(&a), path_str(&b)]).output().unwrap();
    assert!(stdout_of(&out).contains("zelenskyy=zelenskiy ~"), "{}", stdout_of(&out));
}
