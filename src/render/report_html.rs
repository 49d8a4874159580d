//! The story report as one self-contained HTML page (`newsdiff report --html FILE`).
//!
//! The page needs no network: CSS and the small script ([`SCRIPT`], in `report.js`) are inline, and a
//! Content-Security-Policy forbids every load (`default-src 'none'`), allows only styles written in the page
//! and only this one script, by its SHA-256 hash. Every piece of text from the articles in the markup (ids,
//! sources, titles, headlines, key terms) goes through [`esc`], in text and in attributes alike; the details of
//! each story are JSON in a data block (`<script type="application/json">`, never executed, with every `<`
//! written `\u003c` so that nothing in it can close the block), which the script turns into elements with
//! `textContent` only. A block that is smaller deflated (the stories whose article texts are embedded) holds
//! the JSON deflated and in base64 instead (`<script type="application/x-newsdiff-deflate">`: only letters,
//! digits, `+`, `/` and `=`), which the script inflates with the browser's own `DecompressionStream` when the
//! story is opened. An article containing `<script>` or `"><img onerror=...>` shows as text, and even if an
//! escape were forgotten the policy would keep an injected script from running.
//!
//! Layout, built to open fast on thousands of articles: the batch summary (the list of sources collapsed with
//! its count), then one collapsed `<details>` per story whose header line has its counts (articles, sources,
//! shared claims, conflicts); its details (articles, a heatmap of the similarity matrix, near-duplicates,
//! shared claims, conflicting claims aligned with the changes highlighted, claims only one source makes, the
//! name-variant table and the text of each article with an anchor on every sentence) are rendered by the script
//! when the story is opened. The story list shows once the script has run (the whole page is read), and
//! stories are laid out only when they come into view (CSS `content-visibility`), so a page of thousands of
//! stories is laid out once, and only in part (see `STYLE`). Each claim links to its sentence
//! (`#S1-a2-s7`: story, article, sentence); a link to a story (`#S3`) or a sentence opens the story and scrolls
//! to it. The page is written story by story as the
//! report streams; the summary, known last, is written last and shown first (CSS `order`).
//!
//! The data of a story: `{"kt": [key term] (stories of one article: their header has none), "a": [[source, date, title, id, words, parts]], "sim": [[f32]], "dup": [[a, b,
//! resemblance, exact]], "sh": [[kind, [source], similarity, [claim]]], "co": [[claim, claim, similarity,
//! details, diff_a, diff_b]], "un": [claim], "va": [[canonical, [[form, count, [source]]]]]}` where `parts`
//! is the article's text cut at its sentences (`[gap, sentence 0, gap, sentence 1, ..., tail]`, or null when the
//! text is not embedded), a claim is `[article index, sentence index]` and a diff side is `[[op, text]]`.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use super::packed;
use super::text::plural;
use super::{ReportRenderer, StoryRenderer};
use crate::report::{DiffSpan, DiffSpanOp, Report, ReportPlan, ReportSummary, Story, StoryClaimRef};

/// The page's script.
pub const SCRIPT: &str = include_str!("report.js");

/// SHA-256 of [`SCRIPT`], base64, as the Content-Security-Policy allows it. `tests/html_browser.rs` checks in a
/// real browser that the script runs (so that this hash is right) and that nothing else does.
pub const SCRIPT_SHA256: &str = "uo3dYG0gUZQgwBjpo1BgJ4uec3kNgq4Hjz12BYDz3vs=";

/// The type of a data block packed by [`packed::pack`] (raw deflate, then base64), which the script inflates.
const PACKED_TYPE: &str = "application/x-newsdiff-deflate";

/// Stories with more articles than this show no numbers in their heatmap (the script reads the same limit
/// from the page's data, `data-large`).
const LARGE_STORY: usize = 30;

/// Stories of one source embedded with their articles' texts; beyond this they are listed without them, so that
/// the page of a large batch stays small (they have no claims pointing into the text; it is in the input). The
/// texts of stories of several sources are always embedded: their claims link to their sentences.
const OTHERS_WITH_TEXT: usize = 20;

/// The page's CSS. Stories are `content-visibility: auto`: the browser lays out only those in view, which took
/// the layout time of the 5,000 AllSides articles' page (4,340 stories) from about 0.9 s to 0.2 s in headless
/// Chromium; the size a story is given until it has been seen (`contain-intrinsic-size`, 5rem) is that of a
/// collapsed story, whose content is 76 px high with a one-line headline and 103 px with two (measured there at
/// 780 px wide), so the scroll bar is about right from the start.
///
/// The story list (`main`) is hidden until the page's script, at the end of the page, marks the page ready
/// (`data-ready`; a `<noscript>` style shows it when scripts are off), and a line saying how many stories are
/// loading stands in for it meanwhile. Otherwise the browser lays out and paints a large page again and again
/// while reading it, a cost that grows with the square of its length: on the AllSides page, hiding the list
/// took DOMContentLoaded from 0.92-1.58 s to 0.83-1.31 s, and on that page's stories written ten times over
/// (43,400 stories, 60 MB) from 92-111 s to 7-11 s (docs/evaluation.md).
const STYLE: &str = r#"
:root{--fg:#1d232b;--dim:#667085;--line:#d7dce3;--bg:#fff;--soft:#f5f7fa;--acc:#2457c5;--add:#dff5e3;--del:#fde2e1;--conf:#fff0b3}
*{box-sizing:border-box}
html:not([data-ready]) main,html[data-ready] .loading{display:none}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:1.5rem;display:flex;flex-direction:column}
header{order:-1}details.sources>summary{cursor:pointer;color:var(--dim)}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.15rem;margin:0}h3{font-size:1rem;margin:1.2rem 0 .4rem}
.dim{color:var(--dim)}.num{font-variant-numeric:tabular-nums}
.summary{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.8rem 0 1rem}
.summary b{font-size:1.3rem;display:block}
.tools button{font:inherit;border:1px solid var(--line);background:var(--soft);border-radius:6px;padding:.2rem .7rem;cursor:pointer}
details.story{border:1px solid var(--line);border-radius:10px;margin:1rem 0;padding:0 1rem;content-visibility:auto;contain-intrinsic-size:auto 5rem}
details.story>summary{cursor:pointer;padding:.8rem 0;list-style-position:outside}
details.story[open]>summary{border-bottom:1px solid var(--line);margin-bottom:.5rem}
.tag{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:99px;padding:0 .55rem;margin:.1rem .15rem;font-size:.82rem}
table{border-collapse:collapse;margin:.3rem 0}td,th{overflow-wrap:anywhere;padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-weight:600;font-size:.85rem;color:var(--dim);overflow-wrap:normal;white-space:nowrap}
.num{white-space:nowrap}
table.heat td{text-align:center;min-width:3.2rem;border:1px solid #fff;font-size:.85rem}
table.heat th{text-align:center}
.claim{margin:.35rem 0;padding:.35rem .6rem;background:var(--soft);border-radius:6px}
.claim a{text-decoration:none;color:var(--acc);font-size:.85rem;white-space:nowrap}
.src{font-weight:600;color:var(--acc)}
.pair{border-left:3px solid #e0a800;padding:.3rem .7rem;margin:.6rem 0;background:#fffdf5}
del{background:var(--del);text-decoration:line-through}ins{background:var(--add);text-decoration:none}
mark{background:var(--conf);font-weight:600}.changed{background:#e8e1fd}.variant{border-bottom:2px dotted #2457c5}
.na{color:var(--dim);font-style:italic}
details.text{margin:.4rem 0}details.text>summary{cursor:pointer}
.body{white-space:pre-wrap;background:var(--soft);border-radius:6px;padding:.6rem .8rem;max-height:30rem;overflow:auto}
.body span{border-radius:3px}.body span.hit,.hit{background:#ffe58a;outline:2px solid #e0a800}
"#;

/// The HTML renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

/// Escapes text for HTML text and quoted attributes alike (`& < > " '`).
#[must_use]
pub fn esc(text: &str) -> Cow<'_, str> {
    html_escape::encode_quoted_attribute(text)
}

impl ReportRenderer for Html {
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        super::render_streamed(&mut self.stream(), report, out)
    }
}

impl Html {
    /// The streaming form of this renderer.
    #[must_use]
    pub fn stream(&self) -> HtmlStream {
        HtmlStream::default()
    }
}

/// The HTML page written story by story.
#[derive(Debug, Clone, Default)]
pub struct HtmlStream {
    /// Stories of several articles in the report (from the plan): when few, they start open.
    multi: usize,
    /// Stories of one source seen so far.
    others: usize,
}

impl StoryRenderer for HtmlStream {
    fn begin(&mut self, plan: &ReportPlan, out: &mut dyn Write) -> anyhow::Result<()> {
        self.multi = plan.stories - plan.single_articles;
        self.others = 0;
        let stories = plural(plan.stories, "story");
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
             script-src 'sha256-{SCRIPT_SHA256}'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>newsdiff report: {stories}</title>\n<style>{STYLE}</style>\n\
             <noscript><style>main{{display:block!important}}.loading{{display:none}}</style></noscript>\n</head>\n\
             <body data-large=\"{LARGE_STORY}\">\n<p class=\"loading dim\">Loading {stories}…</p>\n<main>\n",
        )?;
        Ok(())
    }

    fn story(&mut self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        let single = story.articles.len() == 1;
        // Texts are embedded where claims point into them (stories of several sources), and for the first few
        // other stories: the rest of a large batch is listed without them.
        let with_text = story.is_multi_source() || self.others < OTHERS_WITH_TEXT;
        self.others += usize::from(!story.is_multi_source());
        let open = self.multi <= 20 && !single;
        let id = esc(&story.id);
        writeln!(out, "<details class=\"story\" id=\"{id}\"{}>", if open { " open" } else { "" })?;
        let mut counts =
            format!("{} · {}", plural(story.articles.len(), "article"), plural(story.sources.len(), "source"));
        if !single {
            counts.push_str(&format!(
                " · {} · {} · cohesion {:.2}",
                plural(story.shared_claims.len(), "shared claim"),
                plural(story.conflicts.len(), "conflict"),
                story.cohesion
            ));
        } else if let Some(date) = &story.articles[0].date {
            counts.push_str(&format!(" · {}", esc(date)));
        }
        // Key terms in the header of stories of several articles; a single article's show when it is opened.
        let terms: String = if single {
            String::new()
        } else {
            story.key_terms.iter().map(|t| format!("<span class=\"tag\">{}</span>", esc(t))).collect()
        };
        writeln!(
            out,
            "<summary><h2>{id} · {}</h2><span class=\"dim\">{counts}</span> {terms}</summary>",
            esc(&story.headline),
        )?;
        let data = serde_json::to_string(&story_data(story, with_text))?;
        writeln!(out, "{}</details>", data_block(&data))?;
        Ok(())
    }

    fn end(&mut self, s: &ReportSummary, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "</main>\n<header><h1>newsdiff report</h1>")?;
        writeln!(out, "<div class=\"summary\">")?;
        for (n, label) in [
            (s.articles, "articles"),
            (s.stories, "stories"),
            (s.multi_source_stories, "covered by several sources"),
            (s.sources.len(), "sources"),
            (s.duplicate_pairs, "near-duplicate pairs"),
            (s.shared_claims, "shared claims"),
            (s.conflicts, "conflicting claims"),
            (s.variant_groups, "variant names"),
        ] {
            writeln!(out, "<div><b class=\"num\">{n}</b><span class=\"dim\">{label}</span></div>")?;
        }
        writeln!(out, "</div>")?;
        let window = s.settings.window_days.map_or("dates ignored".to_string(), |d| format!("window {d} days"));
        writeln!(out, "<p class=\"dim\">Threshold {:.2}, {window}.</p>", s.settings.threshold)?;
        writeln!(
            out,
            "<details class=\"sources\"><summary>{}</summary><p class=\"dim\">",
            plural(s.sources.len(), "source")
        )?;
        let list: Vec<String> = s
            .sources
            .iter()
            .map(|x| format!("{} ({}, {})", esc(&x.source), plural(x.articles, "article"), plural(x.stories, "story")))
            .collect();
        writeln!(out, "{}</p></details>", list.join(", "))?;
        writeln!(
            out,
            "<p class=\"tools\"><button id=\"expand-all\" type=\"button\">Expand all</button> \
             <button id=\"collapse-all\" type=\"button\">Collapse all</button></p></header>"
        )?;
        writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>")?;
        Ok(())
    }
}

/// A claim in a story's data: the article's place in the story and the sentence's number.
type ClaimData = (usize, usize);

/// An article in a story's data: source, date, title, id, words, its text cut at its sentences.
type ArticleData<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a str, usize, Option<Vec<&'a str>>);

/// One side of a conflict's word diff: `[op, text]` runs.
type RunsData<'a> = Vec<(&'static str, &'a str)>;

/// A conflict in a story's data: both claims, their similarity, the details and both diff sides.
type ConflictData<'a> = (ClaimData, ClaimData, f32, String, RunsData<'a>, RunsData<'a>);

/// A name-variant group in a story's data: the canonical form and each form with its count and sources.
type VariantData<'a> = (&'a str, Vec<(&'a str, usize, &'a [String])>);

/// A story's details as the page's script reads them (the layout is in the module's documentation).
#[derive(Debug, Serialize)]
struct StoryData<'a> {
    kt: &'a [String],
    a: Vec<ArticleData<'a>>,
    sim: &'a [Vec<f32>],
    dup: Vec<(&'a str, &'a str, f32, bool)>,
    sh: Vec<(&'static str, &'a [String], f32, Vec<ClaimData>)>,
    co: Vec<ConflictData<'a>>,
    un: Vec<ClaimData>,
    va: Vec<VariantData<'a>>,
}

fn story_data(story: &Story, with_text: bool) -> StoryData<'_> {
    let place = |c: &StoryClaimRef| (story.articles.iter().position(|a| a.id == c.article).unwrap_or(0), c.sentence);
    StoryData {
        kt: if story.articles.len() == 1 { &story.key_terms } else { &[] },
        a: story
            .articles
            .iter()
            .map(|a| {
                let parts = with_text.then(|| text_parts(&a.text, &a.sentences));
                (a.source.as_str(), a.date.as_deref(), a.title.as_deref(), a.id.as_str(), a.words, parts)
            })
            .collect(),
        sim: if story.articles.len() > 1 { &story.similarity } else { &[] },
        dup: story.duplicates.iter().map(|d| (d.a.as_str(), d.b.as_str(), d.similarity, d.exact)).collect(),
        sh: story
            .shared_claims
            .iter()
            .map(|c| (c.kind.as_str(), c.sources.as_slice(), c.similarity, c.mentions.iter().map(place).collect()))
            .collect(),
        co: story
            .conflicts
            .iter()
            .map(|c| (place(&c.a), place(&c.b), c.similarity, c.details.join("; "), runs(&c.diff_a), runs(&c.diff_b)))
            .collect(),
        un: story.unique_claims.iter().map(place).collect(),
        va: story
            .variants
            .iter()
            .map(|g| {
                (
                    g.canonical.as_str(),
                    g.forms.iter().map(|f| (f.form.as_str(), f.count, f.sources.as_slice())).collect(),
                )
            })
            .collect(),
    }
}

/// A story's data block: the JSON packed ([`packed::pack`]) when that is smaller, else as it is with every `<`
/// written `\u003c`; either way nothing in it can close the block.
fn data_block(json: &str) -> String {
    match packed::pack(json) {
        Some(packed) => format!("<script type=\"{PACKED_TYPE}\">{packed}</script>"),
        None => format!("<script type=\"application/json\">{}</script>", json.replace('<', "\\u003c")),
    }
}

/// An article's text cut at its sentences: `[gap, sentence 0, gap, sentence 1, ..., tail]`, so that sentence
/// `n` is part `2n + 1`. A sentence whose span does not fit (never from the normalizer) is left empty and its
/// text stays in the gaps.
fn text_parts<'a>(text: &'a str, sentences: &[(usize, usize)]) -> Vec<&'a str> {
    let mut parts = Vec::with_capacity(2 * sentences.len() + 1);
    let mut at = 0;
    for &(start, end) in sentences {
        if start < at || end < start || text.get(at..start).is_none() || text.get(start..end).is_none() {
            parts.push("");
            parts.push("");
            continue;
        }
        parts.push(&text[at..start]);
        parts.push(&text[start..end]);
        at = end;
    }
    parts.push(&text[at..]);
    parts
}

/// One side of a conflict's word diff as `[op, text]` runs.
fn runs(spans: &[DiffSpan]) -> RunsData<'_> {
    spans.iter().map(|d| (op_name(d.op), d.text.as_str())).collect()
}

/// The name of a diff run's operation as the script reads it.
fn op_name(op: DiffSpanOp) -> &'static str {
    match op {
        DiffSpanOp::Equal => "equal",
        DiffSpanOp::Removed => "removed",
        DiffSpanOp::Added => "added",
        DiffSpanOp::Changed => "changed",
        DiffSpanOp::Conflict => "conflict",
        DiffSpanOp::Variant => "variant",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_dangerous() {
        assert_eq!(esc(r#"<script>"x"&'y'</script>"#), "&lt;script&gt;&quot;x&quot;&amp;&#x27;y&#x27;&lt;/script&gt;");
    }

    #[test]
    fn text_parts_alternate_gaps_and_sentences() {
        let text = "Title\n\nOne. Two.";
        let parts = text_parts(text, &[(0, 5), (7, 11), (12, 16)]);
        assert_eq!(parts, ["", "Title", "\n\n", "One.", " ", "Two.", ""]);
        assert_eq!(parts.concat(), text);
        // A span that does not fit leaves its sentence empty; the text is still all there.
        let parts = text_parts(text, &[(7, 11), (0, 5)]);
        assert_eq!(parts.concat(), text);
        assert_eq!(parts.len(), 5);
    }

    /// The page of `stories` (a report of these stories alone, without its summary).
    fn page_of(stories: &[Story]) -> String {
        let mut out = Vec::new();
        let mut html = Html.stream();
        let singles = stories.iter().filter(|s| s.articles.len() == 1).count();
        let plan = ReportPlan { articles: 0, stories: stories.len(), single_articles: singles };
        html.begin(&plan, &mut out).unwrap();
        for story in stories {
            html.story(story, &mut out).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    /// The contents of the data blocks of `page` of the given type.
    fn blocks<'a>(page: &'a str, kind: &str) -> Vec<&'a str> {
        let open = format!("<script type=\"{kind}\">");
        page.split(&open).skip(1).map(|b| &b[..b.find("</script>").unwrap()]).collect()
    }

    #[test]
    fn embedded_texts_are_packed_and_small_data_stays_json() {
        let text = "Officials said 40,000 litres of diesel reached the water near the pier. ".repeat(30);
        let article = |id: &str, source: &str| crate::report::StoryArticle {
            id: id.into(),
            source: source.into(),
            words: 12,
            text: text.as_str().into(),
            sentences: vec![(0, 71)],
            ..Default::default()
        };
        let multi = Story {
            id: "S1".into(),
            articles: vec![article("a", "Wire"), article("b", "Herald")],
            sources: vec!["Herald".into(), "Wire".into()],
            similarity: vec![vec![1.0, 0.9], vec![0.9, 1.0]],
            ..Story::default()
        };
        let mut single = Story { id: "S2".into(), articles: vec![article("c", "Wire")], ..Story::default() };
        single.sources = vec!["Wire".into()];
        let mut others: Vec<Story> =
            (3..3 + OTHERS_WITH_TEXT).map(|n| Story { id: format!("S{n}"), ..single.clone() }).collect();
        others.insert(0, single);
        others.insert(0, multi);
        let page = page_of(&others);
        // The stories whose texts are embedded (the multi-source one and the first 20 others) are packed; the
        // next one has no text, and its few bytes stay JSON.
        let packed = blocks(&page, PACKED_TYPE);
        assert_eq!(packed.len(), 1 + OTHERS_WITH_TEXT);
        assert!(packed.iter().all(|b| b.bytes().all(|c| c.is_ascii_alphanumeric() || b"+/=".contains(&c))));
        assert!(packed[0].len() < text.len() / 4, "two copies of a repetitive text pack small");
        let plain = blocks(&page, "application/json");
        assert_eq!(plain.len(), 1);
        let parsed: serde_json::Value = serde_json::from_str(plain[0]).unwrap();
        assert_eq!(parsed["a"][0][5], serde_json::Value::Null, "no text beyond the first 20 other stories");
    }

    #[test]
    fn story_data_cannot_close_its_script_block() {
        let story = Story {
            id: "S1".into(),
            headline: "</script><script>alert(1)</script>".into(),
            articles: vec![crate::report::StoryArticle {
                id: "a</script>".into(),
                text: "x</script><!-- y".into(),
                sentences: vec![(0, 16)],
                ..Default::default()
            }],
            similarity: vec![vec![1.0]],
            ..Story::default()
        };
        let mut out = Vec::new();
        let mut html = Html.stream();
        html.begin(&ReportPlan { articles: 1, stories: 1, single_articles: 1 }, &mut out).unwrap();
        html.story(&story, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        let data = &page[page.find("<script type=").unwrap()..];
        let (kind, data) = (&data[..data.find('>').unwrap()], &data[data.find('>').unwrap() + 1..]);
        let data = &data[..data.find("</script>").unwrap()];
        assert!(!data.contains('<'), "{data}");
        let json = if kind.contains(PACKED_TYPE) { packed::unpack(data) } else { data.to_string() };
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["a"][0][3], "a</script>");
        assert_eq!(parsed["a"][0][5][1], "x</script><!-- y");
        // Data too short to pack stays JSON, with its `<` escaped.
        assert_eq!(
            data_block(r#"{"t":"</script>"}"#),
            r#"<script type="application/json">{"t":"\u003c/script>"}</script>"#
        );
    }
}
