//! The HTML report in a real browser (issue 6): headless Chromium loads a report made from hostile articles,
//! and the test checks that the stories render, that the page's own script ran (its CSP hash is right) and
//! that nothing from the articles ran or became markup. A screenshot is saved under `target/tmp/`.
//!
//! Chromium is `/usr/bin/chromium` (Debian's package; `.ci/run` installs it), or `$CHROMIUM`. When it is
//! missing the test fails, unless `NEWSDIFF_SKIP_BROWSER=1` is set, which turns the failure into a notice for
//! local runs on machines without a browser.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::common::{newsdiff_process, tempdir, write_jsonl};
use super::testdata::synth;

/// Articles written to break out of HTML text, attributes and the page's title.
fn hostile_batch(dir: &Path) -> PathBuf {
    let script = "<script>document.title='PWNED';document.documentElement.setAttribute('data-pwned','script')</script>";
    let img = "\"><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">";
    let body = |lead: &str| {
        format!(
            "{lead} The harbour authority of Valparaíso closed the port on Monday after a fuel spill from the \
             tanker Aurora Borealis. {script} Officials said 40,000 litres of diesel reached the water near the \
             Muelle Prat pier. {img} Clean-up crews from the Chilean Navy worked through the night, and the \
             port is expected to reopen on Thursday, harbour master Carla Núñez said."
        )
    };
    let lines = [
        serde_json::json!({"id": "spill-1", "source": "Harbour News", "date": "2024-05-06",
            "title": format!("Fuel spill closes Valparaíso port {script}"), "text": body("Fuel spill in Valparaíso.")}),
        serde_json::json!({"id": format!("spill-2{img}"), "source": format!("Evil {img} Source"), "date": "2024-05-06",
            "title": "Valparaíso port shut after diesel spill", "text": body("Diesel reached the bay.")}),
        serde_json::json!({"id": "spill-3", "source": "Wire</title><script>alert(1)</script>", "date": "2024-05-07",
            "title": "Chilean Navy cleans up Valparaíso spill", "text": body("The Navy cleans up.")}),
        serde_json::json!({"id": "other", "source": "Sports", "date": "2024-05-06",
            "title": "Colo-Colo wins the derby", "text": format!("Colo-Colo beat Universidad de Chile 2-1 in Santiago. {script}")}),
    ];
    write_jsonl(dir, "hostile.jsonl", &lines)
}

fn chromium() -> Option<PathBuf> {
    let candidates = [std::env::var_os("CHROMIUM").map(PathBuf::from), Some(PathBuf::from("/usr/bin/chromium"))];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

/// Runs Chromium headless with a fresh profile and no network features; returns its standard output.
fn run_chromium(bin: &Path, profile: &Path, extra: &[String], url: &str) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // Opening a story inflates its data with a stream, asynchronously: let the page finish that work
            // (virtual time runs ahead while the page is idle, so this costs no real time) before the DOM is
            // dumped or the screenshot taken.
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    // Read standard output while Chromium runs: a large page's DOM does not fit the pipe's buffer.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut dom = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut dom);
        dom
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    String::from_utf8_lossy(&reader.join().expect("reader thread")).into_owned()
}

/// The browser, or `None` when the test may be skipped (`NEWSDIFF_SKIP_BROWSER=1`); a missing browser fails
/// the test otherwise.
fn browser_or_skip() -> Option<PathBuf> {
    let browser = chromium();
    if browser.is_none() {
        if std::env::var_os("NEWSDIFF_SKIP_BROWSER").is_some_and(|v| v == "1") {
            eprintln!("NOTICE: skipping the browser test: no chromium (NEWSDIFF_SKIP_BROWSER=1)");
            return None;
        }
        panic!(
            "the HTML report test needs Chromium at /usr/bin/chromium or $CHROMIUM (apt-get install chromium); \
             set NEWSDIFF_SKIP_BROWSER=1 to skip it locally"
        );
    }
    browser
}

/// A generated batch of 5,000 articles (planted stories of 1 to 5 articles from 20 outlets) as JSON Lines.
fn large_batch(dir: &Path) -> PathBuf {
    let lines: Vec<serde_json::Value> = synth::generate(5_000, 13)
        .iter()
        .map(|s| {
            let a = &s.article;
            serde_json::json!({"id": a.id, "source": a.source, "date": a.date, "title": a.title, "text": a.body()})
        })
        .collect();
    write_jsonl(dir, "large.jsonl", &lines)
}

/// Runs `newsdiff report -q --html HTML BATCH` and returns the page it wrote.
fn write_html_report(batch: &Path, html: &Path) -> String {
    let status = newsdiff_process()
        .args(["report", "-q", "--html"])
        .arg(html)
        .arg(batch)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    fs::read_to_string(html).unwrap()
}

/// Issue 13: the page of 5,000 articles is compact (story details are data until opened), loads, and a link
/// to a story (`#S3`) opens it and renders its details with the page's own script.
#[test]
fn html_report_of_5000_articles_loads_and_a_story_opens() {
    let Some(browser) = browser_or_skip() else { return };
    let dir = tempdir();
    let batch = large_batch(dir.path());
    let html = dir.path().join("large.html");
    let page = write_html_report(&batch, &html);
    let stories = page.matches("<details class=\"story\"").count();
    assert!(stories > 1_000, "{stories} stories");
    assert!(!page.contains("<details class=\"story\" id=\"S3\" open"), "large reports start collapsed");
    // Nothing of a collapsed story is markup yet: no article table, no claim.
    assert!(!page.contains("<table"), "story details are rendered by the script, not written out");
    assert!(page.contains("<details class=\"sources\"><summary>20 sources</summary>"), "the source list is collapsed");
    let s3_data = &page[page.find("id=\"S3\"").unwrap()..];
    let s3_data = &s3_data[..s3_data.find("</details>").unwrap()];
    assert!(s3_data.contains("<script type=\"application/x-newsdiff-deflate\">"), "S3's data is deflated");

    let url = format!("file://{}#S3", html.display());
    let dom = run_chromium(&browser, &dir.path().join("profile"), &["--dump-dom".to_string()], &url);
    let html_tag = &dom[dom.find("<html").expect("an html element")..];
    let html_tag = &html_tag[..=html_tag.find('>').unwrap()];
    assert!(html_tag.contains("data-script=\"ran\""), "the page's script ran");
    assert!(html_tag.contains("data-ready"), "the script showed the story list (hidden while the page loads)");
    let s3 = &dom[dom.find("id=\"S3\"").expect("story S3")..];
    let s3 = &s3[..s3.find("</details>\n").map_or(s3.len(), |e| e + 10)];
    assert!(
        s3.contains("open=\"\"") && s3.contains("data-rendered=\"yes\""),
        "#S3 opened the story: {}",
        s3.chars().take(600).collect::<String>()
    );
    assert!(s3.contains("<h3>Articles</h3>"), "its details were rendered");
    let s4 = &dom[dom.find("id=\"S4\"").expect("story S4")..];
    assert!(!s4[..s4.find('>').unwrap()].contains("data-rendered"), "other stories stay as data");
}

#[test]
fn html_report_renders_stories_and_runs_no_content_script() {
    let Some(browser) = browser_or_skip() else { return };
    let dir = tempdir();
    let batch = hostile_batch(dir.path());
    let html = dir.path().join("report.html");
    let page = write_html_report(&batch, &html);
    assert!(!page.contains("<img"), "no article text becomes an element");
    assert_eq!(page.matches("<script>").count(), 1, "only the page's own script");
    assert!(page.contains("<script type=\"application/x-newsdiff-deflate\">"), "the texts are deflated");

    let url = format!("file://{}", html.display());
    let dom = run_chromium(&browser, &dir.path().join("profile"), &["--dump-dom".to_string()], &url);
    assert!(dom.contains("<details class=\"story\" id=\"S1\""), "stories render: {}", &dom[..dom.len().min(2000)]);
    assert!(dom.contains("Fuel spill closes Valparaíso port &lt;script&gt;"), "the hostile title shows as text");
    assert!(dom.contains("Evil \"&gt;&lt;img src=x onerror="), "the hostile source shows as text");
    // The hostile scripts would set an attribute on <html> and change the title; the page's script sets
    // data-script. The text "data-pwned" itself does appear, escaped, inside the articles.
    let html_tag = &dom[dom.find("<html").expect("an html element")..];
    let html_tag = &html_tag[..=html_tag.find('>').unwrap()];
    assert!(
        html_tag.contains("data-script=\"ran\""),
        "the page's own script ran (its CSP hash is current): {html_tag}"
    );
    assert!(!html_tag.contains("data-pwned"), "no script from the articles ran: {html_tag}");
    assert!(dom.contains("<title>newsdiff report: 2 stories</title>"), "the title was not changed");
    assert!(!dom.contains("<img"), "no image element was created");
    // The spill story has three sources; the derby stands alone.
    assert!(dom.contains("3 articles · 3 sources"));
    // Claims link to their sentence in the article text, which carries the anchor.
    let link = dom.find("href=\"#S1-a").expect("a claim links to its sentence");
    let target = &dom[link + 7..];
    let target = &target[..target.find('"').unwrap()];
    assert!(dom.contains(&format!("id=\"{target}\"")), "the anchor {target} exists");

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report.png");
    let _ = fs::remove_file(&shot);
    let args = [format!("--screenshot={}", shot.display()), "--window-size=1280,1600".to_string()];
    run_chromium(&browser, &dir.path().join("profile2"), &args, &url);
    let png = fs::read(&shot).expect("a screenshot was saved");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a real screenshot ({} bytes)", png.len());
    eprintln!("screenshot: {}", shot.display());
}
