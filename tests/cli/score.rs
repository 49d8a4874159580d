//! CLI tests for `newsdiff score` (issue 3): TSV without and with a header, chosen columns, JSON Lines in and
//! out, input order, bad input, and a snapshot of the TSV output.

use super::common::{assert_clear_error, json_lines, newsdiff, tempdir, write};

/// Claim pairs in the style of a fact-checker's list: same claims reworded, and different claims on one story.
const PAIRS: &str = "\
Russian drones attacked Kyiv overnight, killing at least three people.\tAt least three people were killed when Russian drones attacked Kyiv overnight.
Zelenskyy met Trump in Florida on Sunday.\tZelenskiy met Trump in Florida on Sunday.
The 28-point plan was drafted by Witkoff and Dmitriev.\tThe refined 19-point plan leaves the fate of Donetsk open.
Yermak resigned after anti-corruption raids on his home.\tUkraine's energy grid was hit by massive air attacks.
Kyiv\tKiev
";

#[test]
fn headerless_tsv_scores_every_row_in_order() {
    let dir = tempdir();
    let path = write(&dir, "pairs.tsv", PAIRS);
    let out = newsdiff().args(["score", "--json"]).arg(&path).assert().success();
    let rows = json_lines(&out.get_output().stdout);
    assert_eq!(rows.len(), 5, "the first row is a pair, not a header");
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5]);
    let same: Vec<bool> = rows.iter().map(|r| r["same"].as_bool().unwrap()).collect();
    assert_eq!(same, [true, true, false, false, false]);
    for r in &rows {
        let s = r["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s));
    }
    assert!(rows[3]["score"].as_f64().unwrap() < 0.05, "unrelated claims score near zero");
    assert!(rows[0]["a"].as_str().unwrap().starts_with("Russian drones"));
}

#[test]
fn threshold_and_explain() {
    let dir = tempdir();
    let path = write(&dir, "pairs.tsv", PAIRS);
    let out = newsdiff().args(["score", "--json", "--min-score", "0.0", "--explain"]).arg(&path).assert().success();
    let rows = json_lines(&out.get_output().stdout);
    assert!(rows.iter().all(|r| r["same"] == true));
    let matched = rows[1]["explain"]["matched"].as_array().unwrap();
    assert!(matched.iter().any(|m| m["a"] == "zelenskyy" && m["b"] == "zelenskiy" && m["how"] == "fuzzy"));
    assert!(rows[0]["explain"]["coverage_a"].as_f64().unwrap() > 0.9);
}

/// `--model`: the embedded encoder's cosine joins the components; a reworded claim still beats an unrelated one,
/// the explanation carries the cosine, and the default threshold is the semantic model's.
#[test]
fn model_adds_the_encoders_cosine() {
    let dir = tempdir();
    let path = write(&dir, "pairs.tsv", PAIRS);
    let out = newsdiff().args(["score", "--json", "--model", "--explain"]).arg(&path).assert().success();
    let rows = json_lines(&out.get_output().stdout);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["same"], true, "{}", rows[0]);
    assert_eq!(rows[3]["same"], false, "{}", rows[3]);
    let cosine = rows[0]["explain"]["cosine"].as_f64().unwrap();
    assert!(cosine > rows[3]["explain"]["cosine"].as_f64().unwrap() + 0.3, "{cosine}");
    let plain = newsdiff().args(["score", "--json", "--explain"]).arg(&path).assert().success();
    let plain = json_lines(&plain.get_output().stdout);
    assert!(plain[0]["explain"].get("cosine").is_none(), "no cosine without --model");
}

#[test]
fn header_is_detected_and_columns_chosen_by_number_or_name() {
    let dir = tempdir();
    let msrp_like = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n\
1\t1\t2\tAmrozi accused his brother of deliberately distorting his evidence.\tAmrozi accused his brother of distorting his evidence.\n\
0\t3\t4\tThe stock rose $2.11 on Friday.\tPG&E shares jumped $1.63 on Friday.\n";
    let path = write(&dir, "msrp.tsv", msrp_like);
    for args in [vec![], vec!["--columns", "4,5"], vec!["--columns", "#1 String,#2 String"]] {
        let out = newsdiff().args(["score", "--json"]).args(&args).arg(&path).assert().success();
        let rows = json_lines(&out.get_output().stdout);
        assert_eq!(rows.len(), 2, "{args:?}");
        assert_eq!(rows[0]["line"], 2);
        assert!(rows[0]["a"].as_str().unwrap().starts_with("Amrozi"));
        assert_eq!(rows[0]["same"], true);
    }
    // --header no keeps the header row as a pair.
    let out = newsdiff().args(["score", "--json", "--header", "no", "--columns", "4,5"]).arg(&path).assert().success();
    assert_eq!(json_lines(&out.get_output().stdout).len(), 3);
}

#[test]
fn jsonl_pairs_and_stdin() {
    let dir = tempdir();
    let text = "{\"claim\": \"Yermak resigned on Friday.\", \"evidence\": \"Andriy Yermak resigned on Friday.\"}\n";
    let path = write(&dir, "pairs.jsonl", text);
    let out = newsdiff().args(["score", "--json", "--columns", "claim,evidence"]).arg(&path).assert().success();
    let rows = json_lines(&out.get_output().stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["same"], true);
    let out = newsdiff()
        .args(["score", "-"])
        .write_stdin("{\"a\": \"One claim.\", \"b\": \"One claim.\"}\n")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert_eq!(text.lines().next(), Some("score\tsame\ta\tb"));
    assert!(text.lines().nth(1).unwrap().starts_with("1.0000\ttrue\t"));
}

#[test]
fn bad_input_is_one_clear_line_and_exit_2() {
    let dir = tempdir();
    let one_column = write(&dir, "one.tsv", "Only one column here.\nAnd here.\n");
    let out = newsdiff().args(["score"]).arg(&one_column).output().unwrap();
    assert_clear_error(&out, "one.tsv:1");
    for (name, text) in [("empty.tsv", "\n\n"), ("bad.jsonl", "{\"a\": 1, \"b\": 2}\n"), ("bin.tsv", "a\0b\tc\n")] {
        let path = write(&dir, name, text);
        assert_clear_error(&newsdiff().args(["score"]).arg(&path).output().unwrap(), name);
    }
    assert_clear_error(&newsdiff().args(["score", "missing.tsv"]).output().unwrap(), "missing.tsv");
}

#[test]
fn snapshot_tsv_output() {
    let dir = tempdir();
    let path = write(&dir, "pairs.tsv", PAIRS);
    let out = newsdiff().args(["score"]).arg(&path).assert().success();
    insta::assert_snapshot!("score_tsv", String::from_utf8_lossy(&out.get_output().stdout));
}
