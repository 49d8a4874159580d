//! CLI tests for `newsdiff dedup` (issue 5), on corpora from the planted-duplicate generator.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use newsdiff::dedup::{Shingler, jaccard};
use serde_json::{Value, json};

use super::common::{assert_clear_error, json_of, newsdiff, run_json, stderr_of, tempdir, write, write_jsonl};
use super::testdata::corpus::{CorpusConfig, GenArticle, generate};

fn corpus(dir: &Path, articles: usize, seed: u64) -> (PathBuf, Vec<GenArticle>) {
    let generated = generate(CorpusConfig { articles, seed, ..CorpusConfig::default() });
    let path = write_jsonl(dir, &format!("corpus-{seed}.jsonl"), &generated);
    (path, generated)
}

fn dedup_json(args: &[&str]) -> Value {
    run_json("dedup", args)
}

/// Reported pairs as id pairs, with the pairs implied by exact copies (reported with the first copy only).
fn found_pairs(result: &Value) -> HashSet<(String, String)> {
    let mut copies: HashMap<String, Vec<String>> = HashMap::new();
    let mut pairs = HashSet::new();
    let mut near = Vec::new();
    for p in result["pairs"].as_array().unwrap() {
        let (a, b) = (p["a"].as_str().unwrap().to_string(), p["b"].as_str().unwrap().to_string());
        if p["exact"] == true {
            copies.entry(a.clone()).or_insert_with(|| vec![a.clone()]).push(b);
        } else {
            near.push((a, b));
        }
    }
    let members = |x: &String| copies.get(x).cloned().unwrap_or_else(|| vec![x.clone()]);
    let ordered = |a: &String, b: &String| if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    for group in copies.values() {
        for (i, x) in group.iter().enumerate() {
            for y in &group[i + 1..] {
                pairs.insert(ordered(x, y));
            }
        }
    }
    for (a, b) in &near {
        for x in members(a) {
            for y in members(b) {
                pairs.insert(ordered(&x, &y));
            }
        }
    }
    pairs
}

#[test]
fn planted_pairs_are_found_and_distinct_articles_left_alone() {
    let dir = tempdir();
    let (path, generated) = corpus(dir.path(), 3000, 7);
    let result = dedup_json(&[path.to_str().unwrap()]);
    let shingler = Shingler::new();
    let sets: HashMap<&str, Vec<u64>> =
        generated.iter().map(|a| (a.id.as_str(), shingler.shingles_of(&a.text, 5))).collect();
    let group: HashMap<&str, usize> = generated.iter().map(|a| (a.id.as_str(), a.group)).collect();

    // Truth: pairs inside a planted group with exact Jaccard >= 0.8.
    let mut by_group: HashMap<usize, Vec<&str>> = HashMap::new();
    for a in &generated {
        by_group.entry(a.group).or_default().push(&a.id);
    }
    let mut truth = HashSet::new();
    for members in by_group.values() {
        for (i, x) in members.iter().enumerate() {
            for y in &members[i + 1..] {
                if jaccard(&sets[x], &sets[y]) >= 0.8 {
                    truth.insert((x.to_string(), y.to_string()));
                }
            }
        }
    }
    assert!(truth.len() > 100, "the corpus plants enough duplicates: {}", truth.len());
    let found = found_pairs(&result);
    let recall = truth.iter().filter(|p| found.contains(*p)).count() as f64 / truth.len() as f64;
    assert!(recall >= 0.95, "recall {recall}");
    // Every reported pair is verified: exact Jaccard at least the threshold, inside one planted group.
    for p in result["pairs"].as_array().unwrap() {
        let (a, b) = (p["a"].as_str().unwrap(), p["b"].as_str().unwrap());
        let j = jaccard(&sets[a], &sets[b]);
        assert!(j >= 0.8, "{a} {b}: {j}");
        assert!((p["jaccard"].as_f64().unwrap() - j).abs() < 1e-6);
        assert_eq!(group[a], group[b], "distinct articles are never paired: {a} {b}");
    }
    let s = &result["summary"];
    assert_eq!(s["articles"], 3000);
    assert!(s["exact_duplicates"].as_u64().unwrap() > 10);
    // Clusters: every member id appears once; representatives are members.
    let mut seen = HashSet::new();
    for c in result["clusters"].as_array().unwrap() {
        let members: Vec<&str> = c["members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
        assert!(members.contains(&c["representative"].as_str().unwrap()));
        assert_eq!(c["size"], members.len());
        for m in members {
            assert!(seen.insert(m.to_string()), "{m} in two clusters");
        }
    }
}

#[test]
fn output_is_identical_with_one_and_two_threads() {
    let dir = tempdir();
    let (path, _) = corpus(dir.path(), 1500, 11);
    for format in ["--json", "--csv", "--color=never"] {
        let run = |threads: &str| {
            let out = newsdiff()
                .env("RAYON_NUM_THREADS", threads)
                .args(["dedup", format, "--containment", "0.9", path.to_str().unwrap()])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr_of(&out));
            out.stdout
        };
        let one = run("1");
        assert!(!one.is_empty());
        assert_eq!(one, run("2"), "{format}");
    }
}

#[test]
fn csv_has_one_row_per_pair() {
    let dir = tempdir();
    let (path, _) = corpus(dir.path(), 800, 3);
    let result = dedup_json(&[path.to_str().unwrap()]);
    let out = newsdiff().args(["dedup", "--csv", path.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("cluster,a,b,jaccard,containment,exact,representative"));
    assert_eq!(lines.count(), result["pairs"].as_array().unwrap().len());
}

#[test]
fn output_writes_the_deduplicated_corpus_atomically_and_never_over_an_input() {
    let dir = tempdir();
    let (path, _) = corpus(dir.path(), 1200, 5);
    let out_path = dir.path().join("clean.jsonl");
    let out = newsdiff()
        .args(["dedup", "--json", "-o", out_path.to_str().unwrap(), path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let result = json_of(&out);
    let input = fs::read_to_string(&path).unwrap();
    let input_lines: HashSet<&str> = input.lines().collect();
    let written = fs::read_to_string(&out_path).unwrap();
    let kept: Vec<&str> = written.lines().collect();
    let removed = result["summary"]["removed"].as_u64().unwrap() as usize;
    assert!(removed > 50);
    assert_eq!(kept.len(), 1200 - removed);
    assert!(kept.iter().all(|l| input_lines.contains(l)), "lines are copied unchanged");
    // One article per cluster survives: its representative.
    let kept_ids: HashSet<String> =
        kept.iter().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    for c in result["clusters"].as_array().unwrap() {
        let survivors: Vec<&Value> =
            c["members"].as_array().unwrap().iter().filter(|m| kept_ids.contains(m.as_str().unwrap())).collect();
        assert_eq!(survivors, [&c["representative"]]);
    }

    // An existing file is refused without --force and left untouched; nothing temporary is left behind.
    let again = newsdiff().args(["dedup", "-o", out_path.to_str().unwrap(), path.to_str().unwrap()]).output().unwrap();
    assert_clear_error(&again, "--force");
    assert_eq!(fs::read_to_string(&out_path).unwrap(), written);
    let names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.starts_with(".newsdiff-")), "{names:?}");
    newsdiff()
        .args(["dedup", "-q", "--force", "-o", out_path.to_str().unwrap(), path.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&out_path).unwrap(), written);

    // An output that names an input is refused, even with --force, and the input is untouched.
    let over =
        newsdiff().args(["dedup", "--force", "-o", path.to_str().unwrap(), path.to_str().unwrap()]).output().unwrap();
    assert_clear_error(&over, "input");
    assert_eq!(fs::read_to_string(&path).unwrap(), input);
}

#[test]
fn text_files_are_written_as_json_lines() {
    let dir = tempdir();
    let texts = dir.path().join("texts");
    fs::create_dir(&texts).unwrap();
    let wire = "Delegations from both countries met in Geneva on Friday to resume talks on a ceasefire, officials \
                said, adding that a second round would follow next week in Istanbul after consultations.";
    write(&texts, "a.txt", format!("Talks resume\n\n{wire}"));
    write(&texts, "b.txt", format!("Talks resume\n\n{}", wire.to_uppercase()));
    write(&texts, "c.txt", "Rates\n\nThe central bank left rates unchanged on Thursday.");
    let out_path = dir.path().join("out.jsonl");
    newsdiff().args(["dedup", "-q", "-o", out_path.to_str().unwrap(), texts.to_str().unwrap()]).assert().success();
    let lines: Vec<Value> =
        fs::read_to_string(&out_path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert!(lines[0]["text"].as_str().unwrap().contains("Geneva on Friday"));
    assert_eq!(lines[0]["title"], "Talks resume");
}

#[test]
fn keep_chooses_the_representative() {
    let dir = tempdir();
    let base = "Delegations from both countries met in Geneva on Friday to resume talks on a ceasefire, officials \
                said, adding that a second round would follow next week in Istanbul after consultations with allies \
                and that both sides had agreed on an agenda for the humanitarian questions first.";
    let longer = format!("{base} The talks are expected to last three days.");
    let lines = [
        json!({"id": "first", "date": "2025-03-02", "text": base}),
        json!({"id": "long", "date": "2025-03-03", "text": longer}),
        json!({"id": "early", "date": "2025-03-01", "text": format!("{base} ")}),
        json!({"id": "other", "text": "The central bank left interest rates unchanged on Thursday."}),
    ];
    let path = write_jsonl(&dir, "k.jsonl", &lines);
    let rep = |keep: &str| {
        let r = dedup_json(&["--threshold", "0.7", "--keep", keep, path.to_str().unwrap()]);
        assert_eq!(r["clusters"].as_array().unwrap().len(), 1, "{r}");
        r["clusters"][0]["representative"].as_str().unwrap().to_string()
    };
    assert_eq!(rep("first"), "first");
    assert_eq!(rep("longest"), "long");
    assert_eq!(rep("earliest"), "early");
}

#[test]
fn saved_index_round_trip_matches_a_single_run() {
    let dir = tempdir();
    let generated = generate(CorpusConfig { articles: 1600, seed: 9, ..CorpusConfig::default() });
    let day1 = write_jsonl(&dir, "day1.jsonl", &generated[..800]);
    let day2 = write_jsonl(&dir, "day2.jsonl", &generated[800..]);
    let index = dir.path().join("day1.idx");
    let first = dedup_json(&["--save-index", index.to_str().unwrap(), day1.to_str().unwrap()]);
    assert!(index.exists());
    let both = dedup_json(&[day1.to_str().unwrap(), day2.to_str().unwrap()]);
    let second = dedup_json(&["--against", index.to_str().unwrap(), day2.to_str().unwrap()]);
    assert_eq!(second["summary"]["indexed"], 800);
    assert_eq!(second["summary"]["articles"], 800);
    // Pairs touching day 2 are the same whether day 1 is read again or loaded from its index.
    let day2_ids: HashSet<&str> = generated[800..].iter().map(|a| a.id.as_str()).collect();
    let touching = |r: &Value| -> Vec<String> {
        let mut v: Vec<String> = r["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| day2_ids.contains(p["a"].as_str().unwrap()) || day2_ids.contains(p["b"].as_str().unwrap()))
            .map(|p| format!("{} {} {} {}", p["a"], p["b"], p["jaccard"], p["exact"]))
            .collect();
        v.sort();
        v
    };
    let expected = touching(&both);
    assert!(expected.len() > 20);
    assert_eq!(touching(&second), expected);
    assert!(first["pairs"].as_array().unwrap().iter().all(|p| !day2_ids.contains(p["b"].as_str().unwrap())));

    // An index built with other settings, or a file that is not an index, is refused clearly.
    let other = newsdiff()
        .args(["dedup", "--shingle", "4", "--against", index.to_str().unwrap(), day2.to_str().unwrap()])
        .output()
        .unwrap();
    assert_clear_error(&other, "shingle");
    let bogus =
        newsdiff().args(["dedup", "--against", day1.to_str().unwrap(), day2.to_str().unwrap()]).output().unwrap();
    assert_clear_error(&bogus, "not a newsdiff dedup index");
}

#[test]
fn duplicate_ids_are_reported_and_kept_apart_and_empty_texts_never_clustered() {
    let dir = tempdir();
    let lines = [
        json!({"id": "x", "text": "Delegations met in Geneva on Friday to resume talks on a ceasefire."}),
        json!({"id": "x", "text": "The central bank left interest rates unchanged on Thursday, it said."}),
        json!({"id": "e1", "text": ""}),
        json!({"id": "e2", "text": " — "}),
        json!({"id": "e3", "text": "..."}),
    ];
    let path = write_jsonl(&dir, "ids.jsonl", &lines);
    let out = newsdiff().args(["dedup", "--json", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("id \"x\" is used by 2 articles"), "{err}");
    assert!(err.contains("ids.jsonl:1") && err.contains("ids.jsonl:2"), "{err}");
    let r = json_of(&out);
    assert_eq!(r["summary"]["articles"], 5);
    assert_eq!(r["summary"]["empty"], 3);
    assert_eq!(r["pairs"], json!([]));
    assert_eq!(r["duplicate_ids"][0]["id"], "x");
    assert_eq!(r["duplicate_ids"][0]["origins"].as_array().unwrap().len(), 2);
}

#[test]
fn broken_lines_stop_the_run_or_are_skipped_and_counted() {
    let dir = tempdir();
    let (path, _) = corpus(dir.path(), 300, 13);
    let mut text = fs::read_to_string(&path).unwrap();
    text.insert_str(0, "{\"id\": \"broken\", \"text\": \n");
    text.push_str("not json at all\n{\"id\": \"no-text\"}\n");
    fs::write(&path, &text).unwrap();
    let out = newsdiff().args(["dedup", path.to_str().unwrap()]).output().unwrap();
    assert_clear_error(&out, &format!("{}:1: invalid JSON", path.display()));
    let out = newsdiff().args(["dedup", "--skip-bad", "--json", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let r = json_of(&out);
    assert_eq!(r["summary"]["skipped"], 3);
    assert_eq!(r["summary"]["articles"], 300);
    let err = stderr_of(&out);
    assert!(err.contains(":302: invalid JSON") && err.contains(":303: no text field"), "{err}");
    assert!(err.contains("3 bad articles or lines skipped"), "{err}");
}

#[test]
fn containment_finds_a_wire_story_inside_a_longer_article() {
    let dir = tempdir();
    let generated = generate(CorpusConfig { articles: 40, seed: 21, reprint_share: 0.0, ..CorpusConfig::default() });
    let wire = &generated[0].text;
    // The wire story, then 60% more words of another article: Jaccard about 0.6, containment 1.
    let words = wire.split_whitespace().count();
    let extra: Vec<&str> = generated[1].text.split_whitespace().cycle().take(words * 6 / 10).collect();
    let longer = format!("{wire}\n\n{}", extra.join(" "));
    let mut lines = vec![json!({"id": "wire", "text": wire}), json!({"id": "longer", "text": longer})];
    lines.extend(generated[2..].iter().map(|a| json!({"id": a.id, "text": a.text})));
    let path = write_jsonl(&dir, "c.jsonl", &lines);
    let plain = dedup_json(&[path.to_str().unwrap()]);
    assert_eq!(plain["pairs"], json!([]), "Jaccard alone is below 0.8");
    let with = dedup_json(&["--containment", "0.9", path.to_str().unwrap()]);
    let pairs = with["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{with}");
    assert_eq!((pairs[0]["a"].as_str(), pairs[0]["b"].as_str()), (Some("wire"), Some("longer")));
    assert_eq!(pairs[0]["containment"], 1.0);
    assert!(pairs[0]["jaccard"].as_f64().unwrap() < 0.8);
}

#[test]
fn terminal_summary_and_bad_flags() {
    let dir = tempdir();
    let (path, _) = corpus(dir.path(), 400, 17);
    let out = newsdiff().args(["dedup", "--color=never", "--top", "2", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(stderr_of(&out), "", "no progress bar or warnings when stderr is not a terminal");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("400 articles\n"), "{text}");
    for needle in ["exact duplicates", "near-duplicate pairs", "clusters", "would be removed", "Largest clusters"] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    assert!(!text.contains('\u{1b}'), "no colour when asked");
    let bad = newsdiff().args(["dedup", "--threshold", "1.5", path.to_str().unwrap()]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr_of(&bad).contains("--threshold"));
    let missing = newsdiff().args(["dedup", "no/such/file.jsonl"]).output().unwrap();
    assert_clear_error(&missing, "no/such/file.jsonl");
}

#[test]
fn standard_input_is_read_twice_through_a_temporary_copy() {
    let dir = tempdir();
    let (path, _) = corpus(dir.path(), 500, 19);
    let from_file = dedup_json(&[path.to_str().unwrap()]);
    let out_path = dir.path().join("clean.jsonl");
    let out = newsdiff()
        .args(["dedup", "--json", "-o", out_path.to_str().unwrap(), "-"])
        .write_stdin(fs::read(&path).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let from_stdin = json_of(&out);
    assert_eq!(from_stdin["pairs"], from_file["pairs"]);
    let removed = from_file["summary"]["removed"].as_u64().unwrap() as usize;
    assert_eq!(fs::read_to_string(&out_path).unwrap().lines().count(), 500 - removed);
}
