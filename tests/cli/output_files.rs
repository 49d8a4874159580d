//! Output files (issue 14): their permissions follow the umask, and `report` sends the report to its files
//! with only a summary on standard output unless `--print` asks for the listing.

use std::path::Path;
use std::process::Output;

use super::common::{S000, S001, newsdiff, path_str, stderr_of, stdout_of, tempdir};

/// Runs `newsdiff ARGS...` under `umask MASK`, through the shell (the test process cannot set it for a child).
#[cfg(unix)]
fn with_umask(mask: &str, args: &[&str]) -> Output {
    let bin = env!("CARGO_BIN_EXE_newsdiff");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .expect("sh runs")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn output_files_follow_the_umask() {
    for (mask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let dir = tempdir();
        let html = dir.path().join("r.html");
        let csv = dir.path().join("tables");
        let out =
            with_umask(mask, &["report", "--no-model", "--html", path_str(&html), "--csv", path_str(&csv), "seeds/"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        assert_eq!(mode(&html), expected, "umask {mask}: HTML");
        assert_eq!(mode(&csv.join("claims.csv")), expected, "umask {mask}: CSV");
        let corpus = dir.path().join("clean.jsonl");
        let index = dir.path().join("day.idx");
        let args = ["dedup", "-o", path_str(&corpus), "--save-index", path_str(&index), "docs/examples/reprints.jsonl"];
        let out = with_umask(mask, &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        assert_eq!((mode(&corpus), mode(&index)), (expected, expected), "umask {mask}: dedup outputs");
    }
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let html = dir.path().join("r.html");
    std::fs::write(&html, "old").unwrap();
    std::fs::set_permissions(&html, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = with_umask("022", &["report", "--no-model", "--force", "--html", path_str(&html), S000, S001]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(mode(&html), 0o640);
    assert!(std::fs::read_to_string(&html).unwrap().contains("<html"));
}

fn report(args: &[&str]) -> Output {
    let out = newsdiff().args(["report", "--no-model"]).args(args).arg("seeds/").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    out
}

#[test]
fn a_report_written_to_files_prints_a_summary_unless_asked_to_print() {
    let dir = tempdir();
    let html = dir.path().join("r.html");
    let csv = dir.path().join("tables");
    let listing = stdout_of(&report(&[]));
    assert!(listing.starts_with("S1 ") && listing.contains("\nSummary\n"), "{listing}");

    let out = report(&["--html", path_str(&html), "--csv", path_str(&csv)]);
    let summary = stdout_of(&out);
    let expected_head = format!("wrote {}\nwrote 5 tables into {}\nSummary\n", html.display(), csv.display());
    assert!(summary.starts_with(&expected_head), "{summary}");
    assert!(!summary.contains("S1 ") && !summary.contains("shared claims ("), "{summary}");
    // The summary is the listing's own summary section.
    let tail = &listing[listing.find("\nSummary\n").unwrap() + 1..];
    assert_eq!(&summary[expected_head.len() - "Summary\n".len()..], tail);
    assert!(stderr_of(&out).is_empty(), "{}", stderr_of(&out));

    // --print: the whole listing on stdout, where the files went on stderr.
    let out = report(&["--force", "--print", "--html", path_str(&html)]);
    assert_eq!(stdout_of(&out), listing);
    assert!(stderr_of(&out).contains(&format!("wrote {}", html.display())));
    // --json still prints the JSON document.
    let out = report(&["--force", "--json", "--html", path_str(&html)]);
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    // --print without an output file is the listing it would have been anyway.
    assert_eq!(stdout_of(&report(&["--print"])), listing);
}
