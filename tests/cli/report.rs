//! CLI tests for `newsdiff report` (issue 6): stories on the seeds and on a constructed batch, the JSON
//! layout (snapshot), CSV tables, HTML file handling, thread independence and bad input.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::common::{
    S000, S001, assert_clear_error, json_of, newsdiff, run_json, stderr_of, tempdir, write, write_jsonl,
};

fn report_json(args: &[&str]) -> Value {
    run_json("report", args)
}

fn story_ids(report: &Value) -> Vec<Vec<String>> {
    report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect())
        .collect()
}

/// A second story, written three ways by three invented outlets, and one unrelated article, all dated the day
/// of the seeds so that only their content can keep them apart.
const WILDFIRE: [(&str, &str, &str, &str); 4] = [
    (
        "fire-a",
        "Le Quotidien",
        "Wildfire near Marseille forces 1,200 to evacuate",
        "A wildfire fanned by the mistral wind forced about 1,200 residents of Martigues to leave their homes on \
         Saturday, the Bouches-du-Rhône prefecture said. More than 600 firefighters and four Canadair water \
         bombers fought the blaze, which had burned 900 hectares of pine forest by the evening. The A55 motorway \
         between Marseille and Martigues was closed. Prefect Georges-François Leclerc said no one had been hurt.",
    ),
    (
        "fire-b",
        "Provence Matin",
        "Martigues fire: 900 hectares burned, motorway closed",
        "Firefighters battled a forest fire near Martigues for a second day as strong mistral gusts pushed the \
         flames towards the coast. Around 1,200 people were evacuated, according to the prefecture of \
         Bouches-du-Rhône, and the A55 motorway to Marseille remained shut. Some 600 firefighters, supported by \
         Canadair aircraft, were deployed. Prefect Georges-François Leclerc urged residents to follow \
         instructions.",
    ),
    (
        "fire-c",
        "Southern Wire",
        "Mistral-driven blaze near Marseille",
        "French authorities evacuated some 1,200 residents of Martigues, west of Marseille, as a wildfire spread \
         across 900 hectares. The Bouches-du-Rhône prefecture said 600 firefighters and water-bombing Canadair \
         planes were at work, and the A55 motorway was closed in both directions. Prefect Georges-François \
         Leclerc said the mistral made the fire hard to contain.",
    ),
    (
        "chess",
        "Board Weekly",
        "Carlsen wins the rapid final in Oslo",
        "Magnus Carlsen won the rapid chess final in Oslo on Saturday, beating Hikaru Nakamura 2.5 to 1.5 in a \
         tense tiebreak. The Norwegian champion said the second game, a Catalan opening, decided the match.",
    ),
];

/// Writes the seeds plus [`WILDFIRE`] as one JSONL batch, interleaved so that input order does not group them.
fn mixed_batch(dir: &Path) -> PathBuf {
    let seeds: Vec<(String, String)> = ["000_685572fa8566e146", "001_7fb53fbd3c46e9a8", "002_6b34b3c9854d6455"]
        .iter()
        .map(|id| (id.to_string(), fs::read_to_string(format!("seeds/{id}.txt")).unwrap()))
        .collect();
    let mut lines = Vec::new();
    for (k, &(id, source, title, text)) in WILDFIRE.iter().enumerate() {
        lines.push(serde_json::json!({"id": id, "source": source, "title": title, "date": "2025-11-29", "text": text}));
        if let Some((id, text)) = seeds.get(k) {
            lines.push(serde_json::json!({"id": id, "source": format!("outlet-{k}"), "text": text}));
        }
    }
    write_jsonl(dir, "batch.jsonl", &lines)
}

#[test]
fn seeds_are_one_story_with_three_sources() {
    let out = newsdiff().args(["report", "--json", "seeds"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("{\n  \"stories\": ["), "stories come first");
    let report = json_of(&out);
    assert_eq!(
        story_ids(&report),
        [["000_685572fa8566e146", "001_7fb53fbd3c46e9a8", "002_6b34b3c9854d6455"]],
        "the three seeds tell one story"
    );
    let story = &report["stories"][0];
    assert_eq!(story["sources"].as_array().unwrap().len(), 3);
    assert_eq!(story["similarity"].as_array().unwrap().len(), 3);
    assert_eq!(report["summary"]["multi_source_stories"], 1);
    // Claims several sources make, each naming at least two sources and only this story's articles.
    let shared = story["shared_claims"].as_array().unwrap();
    assert!(!shared.is_empty(), "shared claims found");
    for claim in shared {
        assert!(claim["sources"].as_array().unwrap().len() >= 2);
        for m in claim["mentions"].as_array().unwrap() {
            assert!(m["article"].as_str().unwrap().starts_with("00"));
        }
    }
    assert!(shared.iter().any(|c| c["mentions"].to_string().contains("Witkoff")), "the Witkoff talks are shared");
    assert!(!story["unique_claims"].as_array().unwrap().is_empty());
    // Zelenskyy (000, 002) and Zelenskiy (001, 002): one name, two spellings, and who uses which.
    let variants = story["variants"].as_array().unwrap();
    let zelensky = variants
        .iter()
        .find(|g| g["forms"].as_array().unwrap().iter().any(|f| f["form"] == "Zelenskiy"))
        .expect("Zelenskyy/Zelenskiy reported");
    let forms: Vec<(&str, Vec<&str>)> = zelensky["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let sources = f["sources"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
            (f["form"].as_str().unwrap(), sources)
        })
        .collect();
    assert_eq!(
        forms,
        [
            ("Zelenskyy", vec!["000_685572fa8566e146", "002_6b34b3c9854d6455"]),
            ("Zelenskiy", vec!["001_7fb53fbd3c46e9a8", "002_6b34b3c9854d6455"])
        ]
    );
    assert!(report.get("unavailable").is_none(), "every section is computed: no list of unavailable ones");
    assert_eq!(report["schema_version"], 2);
}

#[test]
fn two_unrelated_stories_are_kept_apart() {
    let dir = tempdir();
    let batch = mixed_batch(dir.path());
    let report = report_json(&[batch.to_str().unwrap()]);
    let mut stories = story_ids(&report);
    for s in &mut stories {
        s.sort();
    }
    assert_eq!(
        stories,
        vec![
            vec!["fire-a", "fire-b", "fire-c"],
            vec!["000_685572fa8566e146", "001_7fb53fbd3c46e9a8", "002_6b34b3c9854d6455"],
            vec!["chess"],
        ],
        "largest first, then by the first article's place in the input"
    );
    let fire = &report["stories"][0];
    assert_eq!(fire["sources"], serde_json::json!(["Le Quotidien", "Provence Matin", "Southern Wire"]));
    let terms: Vec<&str> = fire["key_terms"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert!(terms.contains(&"martigues"), "{terms:?}");
    // A story object only names its own articles (what evaluation scripts rely on).
    let text = fire.to_string();
    assert!(!text.contains("000_685572fa8566e146") && !text.contains("\"chess\""));
}

#[test]
fn window_and_ignore_dates() {
    let dir = tempdir();
    let line = |id: &str, date: &str| {
        let (_, source, title, text) = WILDFIRE[0];
        serde_json::json!({"id": id, "source": source, "title": title, "date": date, "text": text})
    };
    let path = write_jsonl(&dir, "b.jsonl", &[line("early", "2025-01-01"), line("late", "2025-03-01")]);
    let p = path.to_str().unwrap();
    assert_eq!(story_ids(&report_json(&[p])).len(), 2, "two months apart: two stories");
    assert_eq!(story_ids(&report_json(&["--window", "90", p])).len(), 1);
    assert_eq!(story_ids(&report_json(&["--ignore-dates", p])).len(), 1);
}

#[test]
fn json_snapshot_on_the_seeds() {
    // The raw text, so that the snapshot also shows the field order.
    let out = newsdiff().args(["report", "--json", "seeds"]).output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("report_seeds", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn same_output_with_one_or_two_threads() {
    let dir = tempdir();
    let batch = mixed_batch(dir.path());
    let run = |threads: &str| {
        let out = newsdiff().args(["-j", threads, "report", "--json"]).arg(&batch).output().unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(run("1"), run("2"));
    let text = |threads: &str| {
        newsdiff().args(["-j", threads, "report", "--color", "never"]).arg(&batch).output().unwrap().stdout
    };
    assert_eq!(text("1"), text("2"));
}

/// Issue 13: `--jsonl` is one line per story in report order, then the summary; with `--all` a story line is
/// the story object of `--json`, without it the unique claims are sentence numbers per article.
#[test]
fn json_lines_are_the_stories_then_the_summary() {
    let dir = tempdir();
    let batch = mixed_batch(dir.path());
    let whole = report_json(&[batch.to_str().unwrap()]);
    let lines = |all: bool| -> Vec<Value> {
        let mut cmd = newsdiff();
        cmd.args(["report", "--jsonl"]);
        if all {
            cmd.arg("--all");
        }
        let out = cmd.arg(&batch).output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let stories = whole["stories"].as_array().unwrap();
    let full = lines(true);
    assert_eq!(full.len(), stories.len() + 1);
    assert_eq!(&full[..stories.len()], stories.as_slice());
    assert_eq!(full[stories.len()]["summary"], whole["summary"]);
    assert_eq!(full[stories.len()]["schema_version"], whole["schema_version"]);
    let short = lines(false);
    let mut listed = 0;
    for (line, story) in short.iter().zip(stories) {
        assert!(line.get("unique_claims").is_none());
        let numbers: usize = line["unique_claims_by_article"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["sentences"].as_array().unwrap().len())
            .sum();
        assert_eq!(numbers, story["unique_claims"].as_array().unwrap().len());
        listed += numbers;
    }
    assert!(listed > 0);
    let both = newsdiff().args(["report", "--json", "--jsonl"]).arg(&batch).output().unwrap();
    assert_eq!(both.status.code(), Some(2), "--json and --jsonl exclude each other");
}

#[test]
fn terminal_listing_fits_80_columns_without_colour() {
    let dir = tempdir();
    let batch = mixed_batch(dir.path());
    let out = newsdiff().args(["report", "--all"]).arg(&batch).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
    }
    assert!(text.contains("S1 "), "{text}");
    assert!(text.contains("Articles in no story (1)"), "{text}");
    assert!(text.contains("Summary"));
    let colored = newsdiff().args(["report", "--color", "always"]).arg(&batch).output().unwrap();
    assert!(String::from_utf8_lossy(&colored.stdout).contains('\u{1b}'));
}

#[test]
fn csv_tables_and_html_are_written_atomically_and_not_over_inputs() {
    let dir = tempdir();
    let batch = mixed_batch(dir.path());
    let tables = dir.path().join("tables");
    let html = dir.path().join("report.html");
    let out =
        newsdiff().args(["report", "-q", "--csv"]).arg(&tables).arg("--html").arg(&html).arg(&batch).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    for name in ["articles.csv", "stories.csv", "pairs.csv", "claims.csv", "variants.csv"] {
        assert!(tables.join(name).is_file(), "{name}");
    }
    let articles = fs::read_to_string(tables.join("articles.csv")).unwrap();
    assert_eq!(articles.lines().count(), 1 + 7, "a header and one row per article");
    assert!(articles.starts_with("story,article,source,date,title,origin,words\n"));
    let pairs = fs::read_to_string(tables.join("pairs.csv")).unwrap();
    assert_eq!(pairs.lines().count(), 1 + 3 + 3, "three pairs in each story of three");
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Content-Security-Policy"));
    assert!(
        !fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with(".newsdiff-"))
    );
    // Existing files are kept without --force, replaced with it; an input is never overwritten.
    let again = newsdiff().args(["report", "--html"]).arg(&html).arg(&batch).output().unwrap();
    assert_clear_error(&again, "--force");
    let again = newsdiff().args(["report", "--csv"]).arg(&tables).arg(&batch).output().unwrap();
    assert_clear_error(&again, "--force");
    newsdiff().args(["report", "-q", "--force", "--html"]).arg(&html).arg(&batch).assert().success();
    let over = newsdiff().args(["report", "--force", "--html"]).arg(&batch).arg(&batch).output().unwrap();
    assert_clear_error(&over, "input");
    assert!(fs::read_to_string(&batch).unwrap().starts_with('{'), "the input is untouched");
    // A file read from inside an input directory is an input too.
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).unwrap();
    fs::copy(S000, articles.join("a.txt")).unwrap();
    fs::copy(S001, articles.join("b.txt")).unwrap();
    let inside =
        newsdiff().args(["report", "--force", "--html"]).arg(articles.join("a.txt")).arg(&articles).output().unwrap();
    assert_clear_error(&inside, "input");
    assert!(fs::read_to_string(articles.join("a.txt")).unwrap().starts_with("Zelenskyy says"), "untouched");
}

#[test]
fn bad_input_is_one_line_naming_the_file() {
    let dir = tempdir();
    let missing = dir.path().join("missing.jsonl");
    let out = newsdiff().arg("report").arg(&missing).output().unwrap();
    assert_clear_error(&out, "missing.jsonl");
    let bad = write(&dir, "bad.jsonl", "{\"text\": \"One article.\"}\nnot json\n");
    let out = newsdiff().arg("report").arg(&bad).output().unwrap();
    assert_clear_error(&out, "bad.jsonl:2");
    let out = newsdiff().args(["report", "--threshold", "2", "seeds"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("between 0 and 1"));
}
