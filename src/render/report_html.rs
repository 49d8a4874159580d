//! The story report as one self-contained HTML page (`newsdiff report --html FILE`).
//!
//! The page needs no network: CSS and the small script ([`SCRIPT`], in `report.js`) are inline, and a
//! Content-Security-Policy forbids every load (`default-src 'none'`), allows only styles written in the page
//! and only this one script, by its SHA-256 hash. Every piece of text from the articles (ids, sources, titles,
//! sentences, names) goes through [`esc`], in text and in attributes alike, so an article containing `<script>`
//! or `"><img onerror=...>` shows as text. Even if an escape were forgotten, the policy would keep an injected
//! script from running.
//!
//! Layout: the batch summary, then one collapsible `<details>` per story with its articles, a heatmap of the
//! similarity matrix, near-duplicates, shared claims, conflicting claims (aligned, changes highlighted),
//! claims only one source makes, the name-variant table, and the text of each article with an anchor on every
//! sentence: each claim links to its sentence (`#S1-a2-s7`: story, article, sentence), and the script opens the
//! collapsed parts on the way.

use std::borrow::Cow;
use std::io::Write;

use super::ReportRenderer;
use super::text::plural;
use crate::report::{DiffSpan, DiffSpanOp, Report, Story, StoryClaimRef};

/// The page's script.
pub const SCRIPT: &str = include_str!("report.js");

/// SHA-256 of [`SCRIPT`], base64, as the Content-Security-Policy allows it. `tests/html_browser.rs` checks in a
/// real browser that the script runs (so that this hash is right) and that nothing else does.
pub const SCRIPT_SHA256: &str = "k06GqtzOK0DoToEGA9PMOMZtT26WGxeTRHpoevz2yeo=";

/// Stories with more articles than this show their texts collapsed and no heatmap numbers.
const LARGE_STORY: usize = 30;

/// Most single-article stories shown with their text; beyond this they are listed without it.
const SINGLES_WITH_TEXT: usize = 200;

const STYLE: &str = r#"
:root{--fg:#1d232b;--dim:#667085;--line:#d7dce3;--bg:#fff;--soft:#f5f7fa;--acc:#2457c5;--add:#dff5e3;--del:#fde2e1;--conf:#fff0b3}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.15rem;margin:0}h3{font-size:1rem;margin:1.2rem 0 .4rem}
.dim{color:var(--dim)}.num{font-variant-numeric:tabular-nums}
.summary{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.8rem 0 1rem}
.summary b{font-size:1.3rem;display:block}
.tools button{font:inherit;border:1px solid var(--line);background:var(--soft);border-radius:6px;padding:.2rem .7rem;cursor:pointer}
details.story{border:1px solid var(--line);border-radius:10px;margin:1rem 0;padding:0 1rem}
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
        self.head(report, out)?;
        self.summary(report, out)?;
        writeln!(out, "<main>")?;
        let multi = report.stories.iter().filter(|s| s.articles.len() > 1).count();
        let mut singles = 0;
        for story in &report.stories {
            let with_text = story.articles.len() > 1 || singles < SINGLES_WITH_TEXT;
            if story.articles.len() == 1 {
                singles += 1;
            }
            self.story(story, multi <= 20 && story.articles.len() > 1, with_text, out)?;
        }
        writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>")?;
        Ok(())
    }
}

impl Html {
    /// The document up to `<body>`: the Content-Security-Policy, the title and the style sheet.
    fn head(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        let s = &report.summary;
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
             script-src 'sha256-{SCRIPT_SHA256}'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>newsdiff report: {} {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            s.stories,
            if s.stories == 1 { "story" } else { "stories" }
        )?;
        Ok(())
    }

    /// The page header: the batch totals, the sources and settings, and the expand / collapse buttons.
    fn summary(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        let s = &report.summary;
        writeln!(out, "<header><h1>newsdiff report</h1>")?;
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
        writeln!(
            out,
            "<p class=\"dim\">Sources: {}. Threshold {:.2}, {window}.</p>",
            s.sources
                .iter()
                .map(|x| format!(
                    "{} ({}, {})",
                    esc(&x.source),
                    plural(x.articles, "article"),
                    plural(x.stories, "story")
                ))
                .collect::<Vec<_>>()
                .join(", "),
            s.settings.threshold
        )?;
        writeln!(
            out,
            "<p class=\"tools\"><button id=\"expand-all\" type=\"button\">Expand all</button> \
             <button id=\"collapse-all\" type=\"button\">Collapse all</button></p></header>"
        )?;
        Ok(())
    }

    /// One story as a collapsible section: its summary line, then one part per section of the report.
    fn story(&self, story: &Story, open: bool, with_text: bool, out: &mut dyn Write) -> anyhow::Result<()> {
        let id = esc(&story.id);
        writeln!(out, "<details class=\"story\" id=\"{id}\"{}>", if open { " open" } else { "" })?;
        writeln!(
            out,
            "<summary><h2>{id} · {}</h2><span class=\"dim\">{} · {} · cohesion {:.2}</span> {}</summary>",
            esc(&story.headline),
            plural(story.articles.len(), "article"),
            plural(story.sources.len(), "source"),
            story.cohesion,
            story.key_terms.iter().map(|t| format!("<span class=\"tag\">{}</span>", esc(t))).collect::<String>()
        )?;
        self.articles(story, out)?;
        if story.articles.len() > 1 {
            self.heatmap(story, out)?;
            self.duplicates(story, out)?;
            self.shared_claims(story, out)?;
            self.conflicts(story, out)?;
            self.unique_claims(story, out)?;
            self.variants(story, out)?;
        }
        if with_text {
            self.texts(story, out)?;
        }
        writeln!(out, "</details>")?;
        Ok(())
    }

    /// The table of the story's articles.
    fn articles(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(
            out,
            "<h3>Articles</h3><table><tr><th>#</th><th>source</th><th>date</th><th>title</th><th>id</th><th>words</th></tr>"
        )?;
        for (k, a) in story.articles.iter().enumerate() {
            writeln!(
                out,
                "<tr><td class=\"num\">{}</td><td class=\"src\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"dim\">{}</td><td class=\"num\">{}</td></tr>",
                k + 1,
                esc(&a.source),
                esc(a.date.as_deref().unwrap_or("")),
                esc(a.title.as_deref().unwrap_or("")),
                esc(&a.id),
                a.words
            )?;
        }
        writeln!(out, "</table>")?;
        Ok(())
    }

    /// The near-duplicate pairs of the story.
    fn duplicates(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "<h3>Near-duplicates</h3>")?;
        if story.duplicates.is_empty() {
            writeln!(out, "<p class=\"dim\">None: each article was written on its own.</p>")?;
            return Ok(());
        }
        writeln!(out, "<table><tr><th>article</th><th>article</th><th>resemblance</th><th></th></tr>")?;
        for d in &story.duplicates {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.2}</td><td>{}</td></tr>",
                esc(&d.a),
                esc(&d.b),
                d.similarity,
                if d.exact { "exact copy" } else { "near copy" }
            )?;
        }
        writeln!(out, "</table>")?;
        Ok(())
    }

    /// The claims several sources make, each with its mentions.
    fn shared_claims(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "<h3>Claims made by several sources</h3>")?;
        if story.shared_claims.is_empty() {
            writeln!(out, "<p class=\"dim\">None found.</p>")?;
        }
        for c in &story.shared_claims {
            writeln!(
                out,
                "<div class=\"claim\"><span class=\"dim\">{} · {} · similarity {:.2}</span>",
                c.kind.as_str(),
                c.sources.iter().map(|s| esc(s).into_owned()).collect::<Vec<_>>().join(", "),
                c.similarity
            )?;
            for m in &c.mentions {
                self.claim_line(story, m, out)?;
            }
            writeln!(out, "</div>")?;
        }
        Ok(())
    }

    /// The conflicting claims, both sentences with the word diff highlighted.
    fn conflicts(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "<h3>Conflicting claims</h3>")?;
        if story.conflicts.is_empty() {
            writeln!(out, "<p class=\"dim\">None found.</p>")?;
        }
        for c in &story.conflicts {
            writeln!(out, "<div class=\"pair\">")?;
            if !c.details.is_empty() {
                writeln!(out, "<div><mark>{}</mark></div>", esc(&c.details.join("; ")))?;
            }
            for (claim, spans) in [(&c.a, &c.diff_a), (&c.b, &c.diff_b)] {
                writeln!(
                    out,
                    "<div><span class=\"src\">{}</span>: {} {}</div>",
                    esc(&claim.source),
                    diff_html(spans, &claim.text),
                    self.link(story, claim)
                )?;
            }
            writeln!(out, "</div>")?;
        }
        Ok(())
    }

    /// The claims only one source makes, collapsed.
    fn unique_claims(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "<h3>Claims only one source makes</h3>")?;
        if story.unique_claims.is_empty() {
            writeln!(out, "<p class=\"dim\">None found.</p>")?;
            return Ok(());
        }
        writeln!(out, "<details><summary>{}</summary>", plural(story.unique_claims.len(), "claim"))?;
        for c in &story.unique_claims {
            writeln!(out, "<div class=\"claim\">")?;
            self.claim_line(story, c, out)?;
            writeln!(out, "</div>")?;
        }
        writeln!(out, "</details>")?;
        Ok(())
    }

    /// The table of names spelled in several ways.
    fn variants(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "<h3>Name variants</h3>")?;
        if story.variants.is_empty() {
            writeln!(out, "<p class=\"dim\">Every name is spelled one way.</p>")?;
            return Ok(());
        }
        writeln!(out, "<table class=\"variants\"><tr><th>#</th><th>spelling</th><th>count</th><th>sources</th></tr>")?;
        for (g, group) in story.variants.iter().enumerate() {
            for f in &group.forms {
                writeln!(
                    out,
                    "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                    g + 1,
                    esc(&f.form),
                    f.count,
                    f.sources.iter().map(|s| esc(s).into_owned()).collect::<Vec<_>>().join(", ")
                )?;
            }
        }
        writeln!(out, "</table>")?;
        Ok(())
    }

    /// The text of each article, collapsed, with an anchor on every sentence (`S1-a2-s7`).
    fn texts(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        let id = esc(&story.id);
        writeln!(out, "<h3>Texts</h3>")?;
        for (k, a) in story.articles.iter().enumerate() {
            writeln!(
                out,
                "<details class=\"text\"><summary><span class=\"src\">{}</span> {}</summary><div class=\"body\">",
                esc(&a.source),
                esc(a.title.as_deref().unwrap_or(&a.id))
            )?;
            let mut at = 0;
            for (n, &(start, end)) in a.sentences.iter().enumerate() {
                if start < at || end > a.text.len() || !a.text.is_char_boundary(start) || !a.text.is_char_boundary(end)
                {
                    continue;
                }
                out.write_all(esc(&a.text[at..start]).as_bytes())?;
                write!(out, "<span id=\"{}-a{}-s{}\">{}</span>", id, k + 1, n, esc(&a.text[start..end]))?;
                at = end;
            }
            out.write_all(esc(&a.text[at..]).as_bytes())?;
            writeln!(out, "</div></details>")?;
        }
        Ok(())
    }

    fn heatmap(&self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        let n = story.articles.len();
        writeln!(out, "<h3>Similarity</h3><table class=\"heat\"><tr><th></th>")?;
        for k in 0..n {
            write!(out, "<th title=\"{}\">{}</th>", esc(&story.articles[k].source), k + 1)?;
        }
        writeln!(out, "</tr>")?;
        for (i, row) in story.similarity.iter().enumerate() {
            write!(out, "<tr><th title=\"{}\">{}</th>", esc(&story.articles[i].source), i + 1)?;
            for (j, v) in row.iter().enumerate() {
                let alpha = if i == j { 0.08 } else { v.clamp(0.0, 1.0) * 0.9 + 0.05 };
                let fg = if i != j && *v > 0.55 { "#fff" } else { "inherit" };
                let label = if i == j || n > LARGE_STORY { String::new() } else { format!("{v:.2}") };
                write!(
                    out,
                    "<td class=\"num\" style=\"background:rgba(36,87,197,{alpha:.2});color:{fg}\" title=\"{} / {}: {v:.3}\">{label}</td>",
                    esc(&story.articles[i].source),
                    esc(&story.articles[j].source)
                )?;
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(out, "</table>")?;
        Ok(())
    }

    /// A link to a claim's sentence in its article's text.
    fn link(&self, story: &Story, c: &StoryClaimRef) -> String {
        match story.articles.iter().position(|a| a.id == c.article) {
            Some(k) => format!(
                "<a href=\"#{}-a{}-s{}\" title=\"show in the text of {}\">¶&#xFE0E;&nbsp;in&nbsp;text</a>",
                esc(&story.id),
                k + 1,
                c.sentence,
                esc(&c.article)
            ),
            None => String::new(),
        }
    }

    fn claim_line(&self, story: &Story, c: &StoryClaimRef, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(
            out,
            "<div><span class=\"src\">{}</span>: {} {}</div>",
            esc(&c.source),
            esc(&c.text),
            self.link(story, c)
        )?;
        Ok(())
    }
}

/// One side of a conflict's word diff as HTML: each run escaped, the changed ones marked up (`fallback`, the
/// sentence itself, when the diff has no runs).
fn diff_html(spans: &[DiffSpan], fallback: &str) -> String {
    if spans.is_empty() {
        return esc(fallback).into_owned();
    }
    spans
        .iter()
        .map(|d| {
            let t = esc(&d.text);
            match d.op {
                DiffSpanOp::Equal => t.into_owned(),
                DiffSpanOp::Removed => format!("<del>{t}</del>"),
                DiffSpanOp::Added => format!("<ins>{t}</ins>"),
                DiffSpanOp::Conflict => format!("<mark>{t}</mark>"),
                DiffSpanOp::Variant => format!("<span class=\"variant\">{t}</span>"),
                DiffSpanOp::Changed => format!("<span class=\"changed\">{t}</span>"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_dangerous() {
        assert_eq!(esc(r#"<script>"x"&'y'</script>"#), "&lt;script&gt;&quot;x&quot;&amp;&#x27;y&#x27;&lt;/script&gt;");
    }
}
