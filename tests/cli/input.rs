//! What every subcommand reads (issue 14): the header block of a text article, outlet folders as sources,
//! `.json` files, and directories without articles.

use serde_json::Value;

use super::common::{assert_clear_error, newsdiff, path_str, run_json, stderr_of, stdout_of, tempdir, write};

/// The articles `newsdiff tokens --json` reads from `paths`, one JSON object each.
fn articles(paths: &[&str]) -> Vec<Value> {
    let out = newsdiff().args(["tokens", "--json"]).args(paths).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr_of(&out));
    super::common::json_lines(&out.stdout)
}

fn sentences(article: &Value) -> Vec<String> {
    article["sentences"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap().to_string()).collect()
}

const BODY_A: &str = "Delegations from Kyiv and Washington met in Geneva on Friday to discuss the 28-point plan, \
                      officials said. The talks lasted six hours.";
const BODY_B: &str = "Ukrainian and American negotiators held six hours of talks in Geneva on Friday about the \
                      28-point plan. Officials called them productive.";

#[test]
fn a_header_block_after_the_title_gives_date_source_and_url() {
    let dir = tempdir();
    let text = format!(
        "Talks resume in Geneva\nDATE 2024-03-05\nurl: https://example.com/geneva\nSource: Daily Courier\n\n{BODY_A}\n"
    );
    let path = write(&dir, "a.txt", text);
    let a = &articles(&[path_str(&path)])[0];
    assert_eq!(a["title"], "Talks resume in Geneva");
    assert_eq!(a["date"], "2024-03-05");
    assert_eq!(a["source"], "Daily Courier");
    assert_eq!(a["url"], "https://example.com/geneva");
    let s = sentences(a);
    assert_eq!(s[0], "Talks resume in Geneva");
    assert!(s.iter().all(|s| !s.contains("2024") && !s.contains("example.com") && !s.contains("Courier")), "{s:?}");
}

#[test]
fn a_date_line_after_the_title_is_not_a_shared_claim() {
    // The case: the date line became a sentence that `report` listed as a claim of several sources.
    let dir = tempdir();
    let a = write(&dir, "a.txt", format!("Talks resume in Geneva\ndate 2024-03-05\n\n{BODY_A}\n"));
    let b = write(&dir, "b.txt", format!("Geneva talks restart\ndate 2024-03-05\n\n{BODY_B}\n"));
    let report = run_json("report", &["--no-model", path_str(&a), path_str(&b)]);
    let text = report.to_string();
    assert!(!text.contains("date 2024-03-05"), "{text}");
    let dates: Vec<&Value> = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["articles"].as_array().unwrap().iter().map(|a| &a["date"]))
        .collect();
    assert_eq!(dates, [&Value::from("2024-03-05"), &Value::from("2024-03-05")]);
}

#[test]
fn articles_in_outlet_folders_take_the_folder_as_source() {
    let dir = tempdir();
    let day = dir.path().join("day");
    for outlet in ["fox", "nyt"] {
        std::fs::create_dir_all(day.join(outlet)).unwrap();
    }
    write(&day, "loose.txt", format!("Loose article\n\n{BODY_A}"));
    write(day.join("fox"), "a.txt", format!("Talks resume\n\n{BODY_A}"));
    write(day.join("fox"), "named.txt", format!("Talks resume\nsource: Wire Service\n\n{BODY_A}"));
    write(day.join("nyt"), "b.txt", format!("Geneva talks\n\n{BODY_B}"));
    let found: Vec<(String, String)> = articles(&[path_str(&day)])
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a["source"].as_str().unwrap().to_string()))
        .collect();
    // Ids keep the folder (`fox/a`), so that `fox/a.txt` and `nyt/a.txt` would stay apart.
    let expected = [("fox/a", "fox"), ("fox/named", "Wire Service"), ("nyt/b", "nyt"), ("loose", "loose")];
    for (id, source) in expected {
        assert!(found.contains(&(id.to_string(), source.to_string())), "{id} from {source}: {found:?}");
    }
    // Named directly, a file has no outlet folder: its stem, as before.
    let direct = articles(&[path_str(&day.join("fox").join("a.txt"))]);
    assert_eq!(direct[0]["source"], "a");
    // The report's per-source summary is per outlet.
    let report = run_json("report", &["--no-model", path_str(&day)]);
    let sources: Vec<&str> =
        report["summary"]["sources"].as_array().unwrap().iter().map(|s| s["source"].as_str().unwrap()).collect();
    assert!(sources.contains(&"fox") && sources.contains(&"nyt"), "{sources:?}");
}

#[test]
fn a_json_file_holds_one_article_or_an_array_of_them() {
    let dir = tempdir();
    let array = format!(
        "[\n  {{\"id\": \"a1\", \"source\": \"AP\", \"text\": \"{BODY_A}\"}},\n  {{\"id\": \"b1\", \"text\": \"{BODY_B}\"}}\n]\n"
    );
    let path = write(&dir, "day.json", array);
    let found = articles(&[path_str(&path)]);
    let ids: Vec<(&str, &str, u64)> = found
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["source"].as_str().unwrap(), a["origin"]["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(ids, [("a1", "AP", 2), ("b1", "day", 3)]);
    let one = write(&dir, "one.json", format!("{{\"title\": \"Geneva\", \"body\": \"{BODY_B}\"}}"));
    assert_eq!(articles(&[path_str(&one)])[0]["title"], "Geneva");
    // The deduplicated corpus of a .json file is valid JSON Lines, one object per line.
    let out = dir.path().join("out.jsonl");
    let run = newsdiff().args(["dedup", "-o", path_str(&out), path_str(&path)]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let lines = super::common::json_lines(&std::fs::read(&out).unwrap());
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a1");
}

#[test]
fn a_json_file_without_articles_is_refused_when_named_and_skipped_in_a_folder() {
    let dir = tempdir();
    let numbers = write(&dir, "numbers.json", "[1, 2]");
    let package = write(&dir, "package.json", "{\"name\": \"tool\", \"version\": \"1.0\"}");
    let broken = write(&dir, "broken.json", "[{\"text\": \"One.\"},\n{\"text\": ");
    for (path, needle) in [
        (&numbers, "numbers.json:1: a number, not an article object"),
        (&package, "package.json: no article objects"),
        (&broken, "broken.json:2: invalid JSON"),
    ] {
        for sub in ["tokens", "dedup"] {
            let out = newsdiff().args([sub, path_str(path)]).output().unwrap();
            assert_clear_error(&out, needle);
        }
    }
    // In a folder: the articles are read, the file without articles is skipped with a warning.
    let folder = dir.path().join("mixed");
    std::fs::create_dir(&folder).unwrap();
    write(&folder, "a.txt", format!("Talks resume\n\n{BODY_A}"));
    write(&folder, "package.json", "{\"name\": \"tool\"}");
    let out = newsdiff().args(["tokens", "--json", path_str(&folder)]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(super::common::json_lines(&out.stdout).len(), 1);
    assert!(stderr_of(&out).contains("skipped") && stderr_of(&out).contains("package.json"), "{}", stderr_of(&out));
}

#[test]
fn a_directory_without_articles_is_the_same_error_in_every_subcommand() {
    let dir = tempdir();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let junk = dir.path().join("junk");
    std::fs::create_dir(&junk).unwrap();
    write(&junk, "blank.txt", "  \n");
    write(&junk, "picture.png", "not an article");
    for folder in [&empty, &junk] {
        let p = path_str(folder);
        let runs: [&[&str]; 6] = [
            &["tokens", p],
            &["compare", p, p],
            &["variants", p],
            &["dedup", p],
            &["report", p],
            &["report", "--json", p],
        ];
        for args in runs {
            let out = newsdiff().args(args).output().unwrap();
            assert_clear_error(&out, &format!("{p}: no articles found"));
            assert!(stdout_of(&out).is_empty(), "{args:?}: {}", stdout_of(&out));
        }
    }
    let out = newsdiff().args(["dedup", path_str(&junk)]).output().unwrap();
    assert!(stderr_of(&out).contains("(2 files skipped)"), "{}", stderr_of(&out));
}

#[test]
fn every_article_skipped_as_bad_is_no_articles_too() {
    let dir = tempdir();
    let bad = write(&dir, "bad.jsonl", "not json\n{\"id\": 1}\n");
    for sub in ["variants", "dedup", "report"] {
        let out = newsdiff().args(["-q", sub, "--skip-bad", path_str(&bad)]).output().unwrap();
        assert_clear_error(&out, "bad.jsonl: no articles found");
    }
}
