//! CLI tests for `newsdiff tokens` and the article input it shares with every subcommand (issue 2).

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use super::common::{
    S000, S001, assert_clear_error, json_lines, newsdiff, newsdiff_process, stderr_of, tempdir, utf16le_with_bom, write,
};

#[test]
fn help_lists_every_subcommand() {
    let out = newsdiff().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for sub in ["tokens", "compare", "variants", "score", "dedup", "report"] {
        assert!(text.contains(sub), "--help lists {sub}");
    }
}

#[test]
fn seeds_directory_reads_three_articles_in_order_with_exact_spans() {
    let out = newsdiff().args(["tokens", "--json", "seeds"]).assert().success();
    let articles = json_lines(&out.get_output().stdout);
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["000_685572fa8566e146", "001_7fb53fbd3c46e9a8", "002_6b34b3c9854d6455"]);
    assert_eq!(articles[0]["title"], "Zelenskyy says meeting with Trump to happen ‘in the near future’");
    assert_eq!(articles[2]["date"], "2025-11-29");
    for article in &articles {
        let path = Path::new("seeds").join(format!("{}.txt", article["id"].as_str().unwrap()));
        let original = fs::read_to_string(path).unwrap();
        for sentence in article["sentences"].as_array().unwrap() {
            let span = sentence["span"].as_array().unwrap();
            let (s, e) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
            assert_eq!(&original[s..e], sentence["text"].as_str().unwrap());
            for token in sentence["tokens"].as_array().unwrap() {
                let span = token["span"].as_array().unwrap();
                let (s, e) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
                assert_eq!(&original[s..e], token["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn possessives_compounds_and_numbers_in_json() {
    let out = newsdiff().args(["tokens", "--json", S001]).assert().success();
    let article = &json_lines(&out.get_output().stdout)[0];
    let tokens: Vec<&Value> =
        article["sentences"].as_array().unwrap().iter().flat_map(|s| s["tokens"].as_array().unwrap()).collect();
    let find = |text: &str| tokens.iter().find(|t| t["text"] == text).unwrap_or_else(|| panic!("token {text}"));
    assert_eq!(find("Zelenskiy’s")["norm"], "zelenskiy");
    assert_eq!(find("28-point")["kind"], "compound");
    assert_eq!(find("28-point")["value"], 28.0);
    assert_eq!(find("US-backed")["kind"], "compound");
}

#[test]
fn human_output_shows_sentences() {
    newsdiff()
        .args(["tokens", S000])
        .assert()
        .success()
        .stdout(predicate::str::contains("#0 title"))
        .stdout(predicate::str::contains("Zelenskyy’s→zelenskyy"));
}

#[test]
fn jsonl_default_and_custom_fields() {
    let dir = tempdir();
    let text = "{\"ID\": 7, \"outlet\": \"Wire\", \"headline\": \"Talks\", \"content_original\": \"Talks resumed. Both sides met.\"}\n\
     \n\
     {\"id\": \"b\", \"body\": [\"First paragraph.\", \"Second paragraph.\"]}\n";
    let file = write(&dir, "batch.jsonl", text);
    let out = newsdiff().args(["tokens", "--json"]).arg(&file).assert().success();
    let articles = json_lines(&out.get_output().stdout);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["id"], "7");
    assert_eq!(articles[0]["source"], "Wire");
    assert_eq!(articles[0]["title"], "Talks");
    assert_eq!(articles[0]["origin"]["line"], 1);
    assert_eq!(articles[1]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(articles[1]["source"], "batch");

    let custom = write(&dir, "custom.ndjson", "{\"key\": \"k1\", \"words\": \"Custom text.\", \"paper\": \"P\"}\n");
    let out = newsdiff()
        .args(["tokens", "--json", "--text-field", "words", "--id-field", "key", "--source-field", "paper"])
        .arg(&custom)
        .assert()
        .success();
    let a = &json_lines(&out.get_output().stdout)[0];
    assert_eq!((a["id"].as_str(), a["source"].as_str()), (Some("k1"), Some("P")));
}

#[test]
fn jsonl_bad_lines_name_file_and_line_or_are_skipped() {
    let dir = tempdir();
    let text = "{\"text\": \"Good.\"}\n{broken\n{\"title\": \"no text\"}\n{\"text\": \"Also good.\"}\n";
    let file = write(&dir, "bad.jsonl", text);
    let out = newsdiff().args(["tokens", "--json"]).arg(&file).output().unwrap();
    assert_clear_error(&out, "bad.jsonl:2");
    let out = newsdiff().args(["tokens", "--json", "--skip-bad"]).arg(&file).output().unwrap();
    assert!(out.status.success());
    assert_eq!(json_lines(&out.stdout).len(), 2);
    let err = stderr_of(&out);
    assert!(err.contains("bad.jsonl:2") && err.contains("bad.jsonl:3"), "{err}");
    assert!(err.contains("2 bad articles or lines skipped"), "{err}");
}

#[test]
fn stdin_text_and_jsonl() {
    let out = newsdiff()
        .args(["tokens", "--json", "-"])
        .write_stdin("Kyiv talks\n\nDelegations met in Kyiv on Friday.")
        .assert()
        .success();
    let a = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(a["title"], "Kyiv talks");
    assert_eq!(a["origin"]["path"], "-");
    let out = newsdiff()
        .args(["tokens", "--json", "-"])
        .write_stdin("{\"id\":\"x\",\"text\":\"One.\"}\n{\"id\":\"y\",\"text\":\"Two.\"}\n")
        .assert()
        .success();
    assert_eq!(json_lines(&out.get_output().stdout).len(), 2);
}

#[test]
fn bom_crlf_and_trailing_blank_lines() {
    let dir = tempdir();
    let file = write(&dir, "crlf.txt", "\u{FEFF}Title here\r\n\r\nFirst sentence. Second one.\r\n\r\n\r\n");
    let out = newsdiff().args(["tokens", "--json"]).arg(&file).assert().success();
    let a = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(a["title"], "Title here");
    let texts: Vec<&str> = a["sentences"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Title here", "First sentence.", "Second one."]);
}

#[test]
fn directory_skips_hidden_and_binary_files_with_warnings() {
    let dir = tempdir();
    write(&dir, "b.txt", "Second article.");
    write(&dir, "a.md", "First article.");
    write(&dir, ".hidden.txt", "Hidden.");
    write(&dir, "blob", b"\x00\x01\x02binary");
    write(&dir, "image.png", b"\x89PNG");
    let out = newsdiff().args(["tokens", "--json"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let ids: Vec<String> = json_lines(&out.stdout).iter().map(|a| a["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "b"]);
    let err = stderr_of(&out);
    assert!(err.contains("blob") && err.contains("binary"), "{err}");
    assert!(err.contains(".hidden.txt: hidden"), "{err}");
    assert!(err.contains("image.png: not an article file"), "{err}");
}

#[test]
fn missing_path_is_a_clear_error() {
    let out = newsdiff().args(["tokens", "no/such/file.txt"]).output().unwrap();
    assert_clear_error(&out, "no/such/file.txt");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning_or_refused_with_strict() {
    let dir = tempdir();
    let file = write(&dir, "latin1.txt", b"Caf\xe9 in S\xe3o Paulo.");
    let out = newsdiff().args(["tokens", "--json"]).arg(&file).output().unwrap();
    assert!(out.status.success());
    assert!(stderr_of(&out).contains("2 bytes replaced"), "{}", stderr_of(&out));
    let out = newsdiff().args(["tokens", "--strict"]).arg(&file).output().unwrap();
    assert_clear_error(&out, "latin1.txt");
}

#[test]
fn nul_bytes_empty_files_and_size_limit() {
    let dir = tempdir();
    let nul = write(&dir, "nul.txt", b"Some\x00text.");
    assert_clear_error(&newsdiff().arg("tokens").arg(&nul).output().unwrap(), "nul.txt");
    let empty = write(&dir, "empty.txt", b"  \n\n");
    assert_clear_error(&newsdiff().arg("tokens").arg(&empty).output().unwrap(), "empty.txt");
    let big = write(&dir, "big.txt", "word ".repeat(1000));
    let out = newsdiff().args(["tokens", "--max-bytes", "1K"]).arg(&big).output().unwrap();
    assert_clear_error(&out, "--max-bytes");
    newsdiff().args(["tokens", "--max-bytes", "1M"]).arg(&big).assert().success();
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempdir();
    let file = write(&dir, "utf16.txt", utf16le_with_bom("Київ talks resumed."));
    let out = newsdiff().args(["tokens", "--json"]).arg(&file).assert().success();
    let a = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(a["sentences"][0]["tokens"][0]["norm"], "київ");
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempdir();
    let line = "{\"text\": \"Delegations met in Kyiv on Friday to discuss the plan.\"}\n";
    let file = write(&dir, "many.jsonl", line.repeat(20_000));
    let mut child = newsdiff_process()
        .args(["tokens", "--json"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr_of(&out));
    assert!(out.stderr.is_empty(), "quiet: {}", stderr_of(&out));
}

#[test]
fn color_only_when_asked() {
    let plain = newsdiff().args(["tokens", S000]).output().unwrap();
    assert!(!plain.stdout.contains(&0x1b), "no escape codes when not a terminal");
    let forced = newsdiff().args(["--color", "always", "tokens", S000]).output().unwrap();
    assert!(forced.stdout.contains(&0x1b));
    let never = newsdiff().env("NO_COLOR", "1").args(["tokens", S000]).output().unwrap();
    assert!(!never.stdout.contains(&0x1b));
}
