//! CLI tests for `newsdiff variants` (issue 4): the seeds, constructed style files and name lists, output
//! formats, bad input and determinism.

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::common::{
    assert_clear_error, json_of, newsdiff, newsdiff_process, path_str, stderr_of, stdout_of, tempdir, write,
};

/// Writes a test file and returns its path as a string, for argument lists.
fn file(dir: impl AsRef<Path>, name: &str, text: &str) -> String {
    path_str(&write(dir, name, text)).to_string()
}

fn forms_of(group: &Value) -> Vec<String> {
    group["forms"].as_array().unwrap().iter().map(|f| f["form"].as_str().unwrap().to_string()).collect()
}

/// The forms of every group, as a list of lists.
fn all_forms(doc: &Value) -> Vec<Vec<String>> {
    doc["groups"].as_array().unwrap().iter().map(forms_of).collect()
}

#[test]
fn seeds_zelenskyy_is_one_group_with_002_using_both() {
    let out = newsdiff().args(["variants", "--json", "seeds"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json_of(&out);
    let groups = doc["groups"].as_array().unwrap();
    let z = groups.iter().find(|g| g["canonical"] == "Zelenskyy").expect("a Zelenskyy group");
    assert_eq!(forms_of(z), ["Zelenskyy", "Zelenskiy"]);
    assert_eq!(z["forms"][0]["count"], 13);
    assert_eq!(z["forms"][1]["sources"]["001_7fb53fbd3c46e9a8"], 6);
    assert_eq!(z["forms"][1]["sources"]["002_6b34b3c9854d6455"], 1);
    let mixed = z["mixed"].as_array().unwrap();
    assert_eq!(mixed.len(), 1);
    assert_eq!(mixed[0]["source"], "002_6b34b3c9854d6455");
    assert_eq!(mixed[0]["forms"]["Zelenskyy"], 8);
    assert_eq!(mixed[0]["forms"]["Zelenskiy"], 1);
}

#[test]
fn seeds_never_merge_derived_words_or_look_alike_places() {
    let out = newsdiff().args(["variants", "--json", "--all", "seeds"]).output().unwrap();
    let groups = all_forms(&json_of(&out));
    let group_of = |name: &str| groups.iter().position(|g| g.iter().any(|f| f == name));
    for (a, b) in [("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("Donbas", "Donetsk"), ("Moscow", "Kyiv")] {
        let (ga, gb) = (group_of(a), group_of(b));
        assert!(ga.is_some() && gb.is_some(), "{a} and {b} are names in the seeds");
        assert_ne!(ga, gb, "{a} and {b} merged");
    }
    assert!(group_of("Trump").is_some());
    assert!(group_of("Meanwhile").is_none() && group_of("The").is_none(), "function words are not names");
}

#[test]
fn json_mentions_point_at_the_words_in_the_files() {
    let out = newsdiff().args(["variants", "--json", "--all", "seeds"]).output().unwrap();
    let doc = json_of(&out);
    let mut checked = 0;
    for g in doc["groups"].as_array().unwrap() {
        for f in g["forms"].as_array().unwrap() {
            let form = f["form"].as_str().unwrap();
            let mentions = f["mentions"].as_array().unwrap();
            assert_eq!(mentions.len() as u64, f["count"].as_u64().unwrap());
            let by_source: u64 = f["sources"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
            assert_eq!(by_source, f["count"].as_u64().unwrap());
            for m in mentions {
                let path = Path::new("seeds").join(format!("{}.txt", m["article"].as_str().unwrap()));
                let text = fs::read_to_string(path).unwrap();
                let (s, e) = (m["span"][0].as_u64().unwrap() as usize, m["span"][1].as_u64().unwrap() as usize);
                assert_eq!(text[s..e].to_lowercase(), form.to_lowercase(), "span of {form}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked} mentions checked");
}

#[test]
fn terminal_output_of_the_seeds() {
    let out = newsdiff().args(["variants", "--color", "never", "seeds"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("seeds_terminal", stdout_of(&out));
}

#[test]
fn all_lists_names_with_one_spelling_too() {
    let plain = stdout_of(&newsdiff().args(["variants", "--color", "never", "seeds"]).output().unwrap());
    let all = stdout_of(&newsdiff().args(["variants", "--color", "never", "--all", "seeds"]).output().unwrap());
    assert!(!plain.lines().any(|l| l.starts_with("Kyiv ")));
    assert!(all.lines().any(|l| l.starts_with("Kyiv  10  ")), "{all}");
}

#[test]
fn csv_has_a_row_per_form_and_source() {
    let out = newsdiff().args(["variants", "--csv", "seeds"]).output().unwrap();
    insta::assert_snapshot!("seeds_csv", stdout_of(&out));
}

#[test]
fn colour_only_when_asked() {
    let never = stdout_of(&newsdiff().args(["variants", "seeds"]).output().unwrap());
    assert!(!never.contains('\u{1b}'), "no colour into a pipe");
    let always = stdout_of(&newsdiff().args(["variants", "--color", "always", "seeds"]).output().unwrap());
    assert!(always.contains('\u{1b}'));
}

#[test]
fn style_file_reports_departures_like_a_linter() {
    let dir = tempdir();
    let style = file(&dir, "style.tsv", "# house style\nZelensky\tZelenskyy\nKyiv\tKiev\n");
    let article_text = "Talks in Kiev\n\nPresident Zelenskyy met envoys in Kiev on Friday.\nLater Zelenskiy and Zelensky spoke in Kyiv.\n";
    let article = file(&dir, "a.txt", article_text);
    let out = newsdiff().args(["variants", "--color", "never", "--style", &style, &article]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "departures found: exit 1");
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].ends_with("a.txt:1:10: Kiev → Kyiv (house style, style line 3)"), "{text}");
    assert!(lines[1].ends_with("a.txt:3:11: Zelenskyy → Zelensky (house style, style line 2)"), "{text}");
    assert!(lines[2].ends_with("a.txt:3:35: Kiev → Kyiv (house style, style line 3)"), "{text}");
    assert!(lines[3].ends_with("a.txt:4:7: Zelenskiy → Zelensky (house style, variant spelling, style line 2)"));
    assert_eq!(lines[4], "4 departures from the house style in 1 article");

    let out = newsdiff().args(["variants", "--json", "--style", &style, &article]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json_of(&out);
    let d = &doc["departures"][1];
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(11)));
    assert_eq!(
        (d["found"].as_str(), d["preferred"].as_str(), d["kind"].as_str()),
        (Some("Zelenskyy"), Some("Zelensky"), Some("listed"))
    );
    let z = doc["groups"].as_array().unwrap().iter().find(|g| forms_of(g).contains(&"Zelensky".to_string())).unwrap();
    assert_eq!(z["canonical"], "Zelensky", "the style's preferred form is canonical");

    let out = newsdiff().args(["variants", "--csv", "--style", &style, &article]).output().unwrap();
    let csv = stdout_of(&out);
    assert!(csv.starts_with("path,line,column,article,source,start,end,found,preferred,kind\n"));
    assert_eq!(csv.lines().count(), 5);
}

#[test]
fn style_without_departures_exits_0_and_jsonl_gives_the_line() {
    let dir = tempdir();
    let style = file(&dir, "style.tsv", "Kyiv Kiev\n");
    let clean = file(&dir, "clean.txt", "Officials in Kyiv said so.\n");
    let out = newsdiff().args(["variants", "--style", &style, &clean]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_of(&out), "no departures from the house style\n");
    let jsonl_text = "{\"id\": \"x\", \"source\": \"S\", \"text\": \"Officials in Kyiv said so.\"}\n\n{\"id\": \"y\", \"source\": \"T\", \"text\": \"Officials in Kiev said so.\"}\n";
    let jsonl = file(&dir, "batch.jsonl", jsonl_text);
    let out = newsdiff().args(["variants", "--color", "never", "--style", &style, &jsonl]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout_of(&out).starts_with(&format!("{jsonl}:3: [13..17): Kiev → Kyiv")), "{}", stdout_of(&out));
}

#[test]
fn bad_style_files_are_clear_errors() {
    let dir = tempdir();
    let article = file(&dir, "a.txt", "Officials in Kyiv said so.\n");
    let missing = dir.path().join("missing.tsv").display().to_string();
    let twice = file(&dir, "twice.tsv", "Kyiv\tKiev\nKiev\tKyyiv\n");
    let empty = file(&dir, "empty.tsv", "# nothing here\n");
    for (style, needle) in [(&twice, format!("{twice}:2:")), (&empty, "no entries".into()), (&missing, missing.clone())]
    {
        assert_clear_error(&newsdiff().args(["variants", "--style", style, &article]).output().unwrap(), &needle);
    }
}

#[test]
fn name_list_groups_with_counts() {
    let dir = tempdir();
    let names_text = "name\tcount\nSergei\t12\nSergey\t7\nSerhiy\t2\nZelenskyy\t5\nZelenskiy\t3\nZelensky\t1\nOdesa\t4\nOdessa\t2\n\
Austria\t9\nAustralia\t9\nRussia\t3\nRussian\t3\n";
    let names = file(&dir, "names.tsv", names_text);
    let out = newsdiff().args(["variants", "--names", &names, "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json_of(&out);
    insta::assert_json_snapshot!("names_json", doc);
    let groups = all_forms(&doc);
    assert!(groups.contains(&vec!["Zelenskyy".into(), "Zelenskiy".into(), "Zelensky".into()]));
    assert!(groups.contains(&vec!["Sergei".into(), "Sergey".into(), "Serhiy".into()]));
    assert!(groups.contains(&vec!["Odesa".into(), "Odessa".into()]));
    assert!(groups.iter().all(|g| !g.contains(&"Austria".to_string()) && !g.contains(&"Russia".to_string())));
    let all = newsdiff().args(["variants", "--names", &names, "--json", "--all"]).output().unwrap();
    assert_eq!(all_forms(&json_of(&all)).len(), 7, "with --all every name is listed");
    let human = newsdiff().args(["variants", "--color", "never", "--names", &names]).output().unwrap();
    insta::assert_snapshot!("names_terminal", stdout_of(&human));
}

#[test]
fn name_list_from_stdin_without_counts() {
    let out = newsdiff()
        .args(["variants", "--names", "-", "--csv"])
        .write_stdin("Kharkiv\nKharkiv\nKherson\nHerson\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout_of(&out),
        "group,canonical,form,count,source,source_count\n1,Herson,Herson,1,,\n1,Herson,Kherson,1,,\n"
    );
}

/// Distinct places that look alike, and spellings of one place: a list like those the project is judged on.
#[test]
fn look_alike_places_stay_apart_in_a_name_list() {
    let distinct = "Donbas Donetsk Moscow Moldova Kupiansk Pokrovsk Austria Australia Luhansk Lutsk Kharkiv Kherson \
Slovakia Slovenia Iran Iraq Niger Nigeria Gambia Zambia Mali Malawi Guinea Guyana Pokrov Toretsk Torez Chernihiv \
Chernivtsi Mykolaiv Mykolaivka Hamburg Homburg Colombia Columbia Rostov Rostock Kaliningrad Kalinin Volgograd Vologda \
Salzburg Strasbourg Gdansk Gdynia Sumy Irpin Bakhmut Kursk Kyiv Berlin Vienna Georgia Malta Yalta Latvia Lithuania \
Armenia Romania Kazan Kazakhstan Belgorod Belgrade Vinnytsia Vilnius Kremenchuk Kremenets Avdiivka Andriivka Paris \
Parish Austin Boston Dallas Dakar Lagos Lviv Lyon Lisbon Melitopol Mariupol Marinka";
    let dir = tempdir();
    let list: String = distinct.split_whitespace().map(|n| format!("{n}\n")).collect();
    let variants = "Odesa\nOdessa\nZaporizhzhia\nZaporizhia\nMariupol\nMarioupol\nLysychansk\nLisichansk\n";
    let names = file(&dir, "places.txt", &(list + variants));
    let out = newsdiff().args(["variants", "--names", &names, "--json"]).output().unwrap();
    let groups = all_forms(&json_of(&out));
    let mut expected = vec![
        vec!["Mariupol".to_string(), "Marioupol".to_string()],
        vec!["Lysychansk".to_string(), "Lisichansk".to_string()],
        vec!["Odesa".to_string(), "Odessa".to_string()],
        vec!["Zaporizhzhia".to_string(), "Zaporizhia".to_string()],
    ];
    let mut got = groups.clone();
    for g in got.iter_mut().chain(expected.iter_mut()) {
        g.sort();
    }
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn bad_name_lists_and_flag_misuse_are_clear_errors() {
    let dir = tempdir();
    let bad = file(&dir, "bad.tsv", "Sergei\t3\nSergey\tmany\n");
    assert_clear_error(&newsdiff().args(["variants", "--names", &bad]).output().unwrap(), &format!("{bad}:2: count"));
    let binary = file(&dir, "bin.tsv", "Ser\0gei\n");
    assert_clear_error(&newsdiff().args(["variants", "--names", &binary]).output().unwrap(), "binary");
    let missing = dir.path().join("none.tsv").display().to_string();
    assert_clear_error(&newsdiff().args(["variants", "--names", &missing]).output().unwrap(), &missing);
    let out = newsdiff().args(["variants", "--names", &bad, "seeds"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = newsdiff().args(["variants", "--json", "--csv", "seeds"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = newsdiff().args(["variants"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clear_error(&newsdiff().args(["variants", "no/such/dir"]).output().unwrap(), "no/such/dir");
}

/// A batch big enough to spread over threads: the seeds many times over with different sources.
fn batch(dir: &Path) -> String {
    let seeds: Vec<String> = fs::read_dir("seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    let mut out = String::new();
    for i in 0..300 {
        let text = seeds[i % seeds.len()].replace("Zelenskyy", if i % 7 == 0 { "Zelensky" } else { "Zelenskyy" });
        let line = serde_json::json!({"id": format!("a{i}"), "source": format!("outlet{}", i % 11), "text": text});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    file(dir, "batch.jsonl", &out)
}

#[test]
fn output_is_identical_with_one_or_many_threads() {
    let dir = tempdir();
    let path = batch(dir.path());
    let one = newsdiff().args(["-j", "1", "variants", "--json", "--all", &path]).output().unwrap();
    let many = newsdiff().args(["-j", "4", "variants", "--json", "--all", &path]).output().unwrap();
    assert_eq!(one.status.code(), Some(0));
    assert!(one.stdout == many.stdout, "JSON differs between 1 and 4 threads");
    let doc = json_of(&one);
    let z = doc["groups"].as_array().unwrap().iter().find(|g| g["canonical"] == "Zelenskyy").unwrap();
    assert_eq!(forms_of(z), ["Zelenskyy", "Zelenskiy", "Zelensky"]);
}

#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempdir();
    let path = batch(dir.path());
    let mut child = newsdiff_process()
        .args(["variants", "--all", &path])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr_of(&out).contains("panicked"));
}

#[test]
fn min_count_hides_rare_names_and_says_how_many() {
    let all = json_of(&newsdiff().args(["variants", "--json", "seeds"]).output().unwrap());
    let out = newsdiff().args(["variants", "--json", "--min-count", "14", "seeds"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let shown = json_of(&out);
    let counts = |doc: &Value| -> Vec<u64> {
        doc["groups"].as_array().unwrap().iter().map(|g| g["count"].as_u64().unwrap()).collect()
    };
    assert!(counts(&all).iter().any(|&n| n < 14), "the seeds have a variant group under 14 mentions");
    assert!(!counts(&shown).is_empty() && counts(&shown).iter().all(|&n| n >= 14), "{:?}", counts(&shown));
    let human = stdout_of(
        &newsdiff().args(["variants", "--color", "never", "--all", "--min-count", "2", "seeds"]).output().unwrap(),
    );
    assert!(human.contains("shown only with a lower --min-count than 2"), "{human}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let out = newsdiff().args(["variants", "seeds"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr_of(&out), "", "no progress bar or warnings when stderr is not a terminal");
}

/// The spellings real outlets use for one name are grouped, and look-alike names of different things are not
/// (the pairs of issue 16, in articles written for the test).
#[test]
fn transliterations_group_and_look_alikes_stay_apart_in_articles() {
    let dir = tempdir();
    let texts = [
        (
            "a.txt",
            "Moammar Gadhafi ruled Libya from Tripoli. Russian troops left Kiev. Al-Qaeda claimed the attack. \
The sheriff said the joint medical team came. Then Sheriff Brown spoke. Julian Assange was charged. Michelle Obama spoke. \
French Guiana voted.",
        ),
        (
            "b.txt",
            "Muammar Qaddafi was killed in 2011. Kyiv was hit again. An al-Qaida affiliate claimed it. A sheriff \
and a joint medical office. Sherif Ali and John Joynt met. Medi-Cal pays. Julián Castro ran. Michele Bachmann spoke. \
Guyana voted.",
        ),
        (
            "c.txt",
            "Muammar Gaddafi fell. Yisrael Beiteinu and Israel voted. The sheriff left a joint statement on medical \
care. The Joint Chiefs met at the Medical Center.",
        ),
    ];
    for (name, text) in texts {
        write(&dir, name, text);
    }
    let doc = json_of(&newsdiff().args(["variants", "--json", "--all", path_str(dir.path())]).output().unwrap());
    let groups = all_forms(&doc);
    let group_of = |form: &str| groups.iter().find(|g| g.iter().any(|f| f == form)).cloned().unwrap_or_default();
    for (a, b) in [("Kiev", "Kyiv"), ("Gadhafi", "Qaddafi"), ("Gaddafi", "Qaddafi"), ("Moammar", "Muammar")] {
        assert!(group_of(a).contains(&b.to_string()), "{a} / {b} should be one name: {:?}", group_of(a));
    }
    assert!(group_of("Al-Qaeda").contains(&"al-Qaida".to_string()), "{:?}", group_of("Al-Qaeda"));
    for form in ["Israel", "Yisrael", "Sheriff", "Sherif", "Joynt", "Joint", "Medi-Cal", "Medical", "Julián", "Michele"]
    {
        assert!(!group_of(form).is_empty(), "{form} is a name of the articles");
    }
    for (a, b) in [
        ("Israel", "Yisrael"),
        ("Sheriff", "Sherif"),
        ("Joynt", "Joint"),
        ("Medi-Cal", "Medical"),
        ("Guiana", "Guyana"),
        ("Julian", "Julián"),
        ("Michelle", "Michele"),
    ] {
        assert!(!group_of(a).contains(&b.to_string()), "{a} / {b} are different names: {:?}", group_of(a));
    }
}
