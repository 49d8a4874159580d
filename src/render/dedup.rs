//! Output of `newsdiff dedup`: a terminal summary, JSON and CSV.
//!
//! ## JSON (`--json`): one object
//! ```text
//! {"summary": {"articles", "indexed", "empty", "skipped", "exact_duplicates", "near_duplicate_pairs",
//!              "candidates", "clusters", "clustered_articles", "removed"},
//!  "config": {"shingle_size", "num_perm", "threshold", "containment" (null when off), "keep", "bands", "rows"},
//!  "pairs": [{"a": id, "b": id, "jaccard", "containment", "exact": bool, "cluster": n}],
//!  "clusters": [{"id": n, "size": n, "representative": id, "members": [id, ...]}],
//!  "duplicate_ids": [{"id", "origins": ["file:line", ...]}]}
//! ```
//! Ids are the articles' own ids. Pairs are sorted by input order of `a` then `b` (`a` before `b`; an indexed
//! article before this run's); an exact duplicate is paired with the first copy only. Similarities are exact,
//! rounded to 6 decimals.
//!
//! ## CSV (`--csv`): one row per verified pair
//! `cluster,a,b,jaccard,containment,exact,representative`, where `representative` is the id the cluster keeps:
//! the members of a cluster are the ids of its rows.
//!
//! ## The deduplicated corpus (`--output`)
//! [`write_corpus`]: JSON Lines, one kept article per line in input order; JSONL input lines are copied
//! unchanged, a text file becomes `{"id", "source", "title", "date", "text"}`.

use std::io::Write;

use serde::Serialize;

use super::style::{Painter, Role};
use super::text::clip;
use crate::dedup::{Dedup, DedupConfig, Summary};
use crate::input::PathKind;
use crate::input::stream::{InputFile, RawRef, Rereader};

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[derive(Serialize)]
struct WireSummary<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    skipped: usize,
}

#[derive(Serialize)]
struct WireConfig<'a> {
    #[serde(flatten)]
    config: &'a DedupConfig,
    bands: usize,
    rows: usize,
}

#[derive(Serialize)]
struct WirePair<'a> {
    a: &'a str,
    b: &'a str,
    jaccard: f64,
    containment: f64,
    exact: bool,
    cluster: usize,
}

#[derive(Serialize)]
struct WireCluster<'a> {
    id: usize,
    size: usize,
    representative: &'a str,
    members: Vec<&'a str>,
}

#[derive(Serialize)]
struct Wire<'a> {
    summary: WireSummary<'a>,
    config: WireConfig<'a>,
    pairs: Vec<WirePair<'a>>,
    clusters: Vec<WireCluster<'a>>,
    duplicate_ids: &'a [crate::dedup::DuplicateId],
}

fn cluster_ids(result: &Dedup) -> Vec<usize> {
    result.cluster_of().into_iter().map(|c| c.unwrap_or(usize::MAX)).collect()
}

/// Writes the result as one JSON object (schema in the module docs). `skipped` counts bad input lines.
///
/// # Errors
/// I/O errors.
pub fn render_json(w: &mut dyn Write, result: &Dedup, skipped: usize) -> anyhow::Result<()> {
    let id = |i: u32| result.articles[i as usize].id.as_str();
    let cluster = cluster_ids(result);
    let wire = Wire {
        summary: WireSummary { summary: &result.summary, skipped },
        config: WireConfig { config: &result.config, bands: result.banding.bands, rows: result.banding.rows },
        pairs: result
            .pairs
            .iter()
            .map(|p| WirePair {
                a: id(p.a),
                b: id(p.b),
                jaccard: round6(p.jaccard),
                containment: round6(p.containment),
                exact: p.exact,
                cluster: cluster[p.a as usize],
            })
            .collect(),
        clusters: result
            .clusters
            .iter()
            .map(|c| WireCluster {
                id: c.id,
                size: c.members.len(),
                representative: id(c.representative),
                members: c.members.iter().map(|&m| id(m)).collect(),
            })
            .collect(),
        duplicate_ids: &result.duplicate_ids,
    };
    serde_json::to_writer(&mut *w, &wire)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// Writes every verified pair as a CSV row (schema in the module docs).
///
/// # Errors
/// I/O errors.
pub fn render_csv(w: &mut dyn Write, result: &Dedup) -> anyhow::Result<()> {
    let id = |i: u32| result.articles[i as usize].id.as_str();
    let cluster = cluster_ids(result);
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["cluster", "a", "b", "jaccard", "containment", "exact", "representative"])?;
    for p in &result.pairs {
        let c = cluster[p.a as usize];
        out.write_record([
            c.to_string().as_str(),
            id(p.a),
            id(p.b),
            &format!("{:.6}", p.jaccard),
            &format!("{:.6}", p.containment),
            if p.exact { "true" } else { "false" },
            id(result.clusters[c].representative),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// Writes the terminal summary: counts, then the `top` largest clusters with ids, sources and titles.
///
/// # Errors
/// I/O errors.
pub fn render_human(w: &mut dyn Write, result: &Dedup, skipped: usize, top: usize, color: bool) -> anyhow::Result<()> {
    let p = Painter::new(color);
    let s = &result.summary;
    let mut head = counted(s.articles, "article");
    if s.indexed > 0 {
        head.push_str(&format!(" checked against {} indexed", group(s.indexed)));
    }
    let mut notes = Vec::new();
    if s.empty > 0 {
        notes.push(format!("{} empty", group(s.empty)));
    }
    if skipped > 0 {
        notes.push(format!("{} bad skipped", group(skipped)));
    }
    if !notes.is_empty() {
        head.push_str(&format!(" ({})", notes.join(", ")));
    }
    writeln!(w, "{}", p.paint(Role::Heading, &head))?;
    let c = &result.config;
    let rows = [
        ("exact duplicates", group(s.exact_duplicates)),
        (
            "near-duplicate pairs",
            format!("{} (verified, of {})", group(s.near_duplicate_pairs), counted(s.candidates, "candidate")),
        ),
        ("clusters", format!("{} with {}", group(s.clusters), counted(s.clustered_articles, "article"))),
        ("would be removed", format!("{} (keeping the {} of each cluster)", group(s.removed), keep_word(c))),
    ];
    for (label, value) in rows {
        writeln!(w, "  {:<22}{value}", p.paint(Role::Dim, label))?;
    }
    let containment = c.containment.map_or(String::new(), |x| format!(", containment ≥ {x}"));
    writeln!(
        w,
        "  {}",
        p.paint(
            Role::Dim,
            &format!(
                "jaccard ≥ {} on {}-word shingles{containment}; {} MinHash values in {} bands of {}",
                c.threshold, c.shingle_size, c.num_perm, result.banding.bands, result.banding.rows
            )
        )
    )?;
    if result.clusters.is_empty() || top == 0 {
        return Ok(());
    }
    let mut order: Vec<usize> = (0..result.clusters.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(result.clusters[i].members.len()), i));
    let mut lowest = vec![1.0f64; result.clusters.len()];
    let cluster = cluster_ids(result);
    for pair in &result.pairs {
        let l = &mut lowest[cluster[pair.a as usize]];
        *l = l.min(pair.jaccard);
    }
    writeln!(w)?;
    writeln!(w, "{}", p.paint(Role::Heading, "Largest clusters"))?;
    for &i in order.iter().take(top) {
        let cl = &result.clusters[i];
        writeln!(
            w,
            "  {} {} articles, lowest pair jaccard {:.2}",
            p.paint(Role::Heading, &format!("#{}", cl.id)),
            cl.members.len(),
            lowest[i]
        )?;
        const SHOWN: usize = 8;
        for &m in cl.members.iter().take(SHOWN) {
            let a = &result.articles[m as usize];
            let mark = if m == cl.representative { p.paint(Role::Good, "*") } else { " ".into() };
            let title = a.title.as_deref().map(|t| clip(t, 60)).unwrap_or_default();
            let indexed = if a.indexed { p.paint(Role::Dim, " (indexed)") } else { String::new() };
            writeln!(w, "    {mark} {}  {}  {title}{indexed}", a.id, p.paint(Role::Dim, &a.source))?;
        }
        if cl.members.len() > SHOWN {
            writeln!(w, "      {}", p.paint(Role::Dim, &format!("... and {} more", cl.members.len() - SHOWN)))?;
        }
    }
    if result.clusters.len() > top {
        writeln!(
            w,
            "  {}",
            p.paint(Role::Dim, &format!("... {} more clusters (--top, --json)", result.clusters.len() - top))
        )?;
    }
    Ok(())
}

/// Writes the deduplicated corpus: the articles of this run that `result` keeps (one per cluster, and every
/// article in no cluster), in input order, as JSON Lines. `raws` are where this run's articles are in `files`
/// (the stream's [`crate::input::stream::ArticleStream::files`]), in input order, and `reader` reads them
/// again: a JSONL line is copied byte for byte, a text file becomes `{"id", "source", "title", "date",
/// "text"}`. Indexed articles (`--against`) are never written.
///
/// # Errors
/// I/O errors, reading the input again or writing.
pub fn write_corpus(
    out: &mut dyn Write,
    result: &Dedup,
    raws: &[RawRef],
    files: &[InputFile],
    reader: &Rereader<'_>,
) -> anyhow::Result<()> {
    let kept = result.kept();
    let offset = result.summary.indexed;
    for (i, raw) in raws.iter().enumerate() {
        if !kept[offset + i] {
            continue;
        }
        let bytes = reader.raw(*raw)?;
        let kind = files[raw.file as usize].kind;
        if kind == PathKind::Jsonl {
            out.write_all(&bytes)?;
        } else if kind == PathKind::Json {
            // An object of a `.json` file may span lines: written again on one line, its fields unchanged.
            let value: serde_json::Value = serde_json::from_slice(&bytes)?;
            serde_json::to_writer(&mut *out, &value)?;
        } else {
            let info = &result.articles[offset + i];
            let text = String::from_utf8_lossy(&bytes);
            let line = serde_json::json!({
                "id": info.id, "source": info.source, "title": info.title, "date": info.date, "text": text,
            });
            serde_json::to_writer(&mut *out, &line)?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn keep_word(c: &DedupConfig) -> &'static str {
    match c.keep {
        crate::dedup::Keep::First => "first",
        crate::dedup::Keep::Longest => "longest",
        crate::dedup::Keep::Earliest => "earliest",
    }
}

/// A count and its noun, singular for one: `1 article`, `12,345 articles`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{} {noun}s", group(n)) }
}

/// `12345` as `12,345`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::dedup::{DedupConfig, Deduplicator};

    fn sample() -> Dedup {
        let wire = "Delegations from both countries met in Geneva on Friday to resume talks on a ceasefire, \
                    officials said, adding that a second round would follow next week in Istanbul.";
        let articles = [
            Article::from_text("a", wire),
            Article::from_text("b", &wire.replace("Friday", "Saturday")),
            Article::from_text("c", "Rates were left unchanged on Thursday."),
            Article::from_text("d", &wire.to_uppercase()),
        ];
        let mut d = Deduplicator::new(DedupConfig { threshold: 0.5, ..DedupConfig::default() }).unwrap();
        d.add_articles(&articles).unwrap();
        d.finish().unwrap()
    }

    #[test]
    fn json_and_csv_schema() {
        let r = sample();
        let mut out = Vec::new();
        render_json(&mut out, &r, 0).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["summary"]["articles"], 4);
        assert_eq!(v["summary"]["exact_duplicates"], 1);
        assert_eq!(v["pairs"][0]["a"], "a");
        assert_eq!(v["pairs"][0]["b"], "b");
        assert_eq!(v["pairs"][1]["exact"], true);
        assert_eq!(v["clusters"][0]["members"], serde_json::json!(["a", "b", "d"]));
        assert_eq!(v["config"]["bands"], r.banding.bands);
        let mut csv = Vec::new();
        render_csv(&mut csv, &r).unwrap();
        let text = String::from_utf8(csv).unwrap();
        assert!(text.starts_with("cluster,a,b,jaccard,containment,exact,representative\n0,a,b,"), "{text}");
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn corpus_keeps_one_per_cluster_and_copies_jsonl_lines() {
        use crate::input::InputOptions;
        use crate::input::stream::ArticleStream;
        let wire = "Delegations from both countries met in Geneva on Friday to resume talks on a ceasefire, \
                    officials said, adding that a second round would follow next week in Istanbul.";
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("a.jsonl");
        let lines = [
            serde_json::json!({"id": "a", "source": "x", "text": wire}).to_string(),
            serde_json::json!({"id": "b", "text": wire, "extra": 1}).to_string(),
            serde_json::json!({"id": "c", "text": "Rates were left unchanged on Thursday."}).to_string(),
        ];
        std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
        let text = dir.path().join("d.txt");
        std::fs::write(&text, "Markets closed higher on Monday after a quiet session.").unwrap();
        let mut stream = ArticleStream::open(&[jsonl, text], &InputOptions::default()).unwrap();
        let mut dedup = Deduplicator::new(DedupConfig::default()).unwrap();
        let mut raws = Vec::new();
        stream
            .for_each_chunk(|chunk| -> anyhow::Result<()> {
                dedup.add_articles(&chunk.articles)?;
                raws.extend(chunk.raw);
                Ok(())
            })
            .unwrap();
        let result = dedup.finish().unwrap();
        let mut out = Vec::new();
        write_corpus(&mut out, &result, &raws, stream.files(), &stream.rereader().unwrap()).unwrap();
        let out = String::from_utf8(out).unwrap();
        let written: Vec<&str> = out.lines().collect();
        assert_eq!(written.len(), 3, "{out}");
        assert_eq!(written[0], lines[0], "a JSONL line is copied as is");
        assert_eq!(written[1], lines[2]);
        let d: serde_json::Value = serde_json::from_str(written[2]).unwrap();
        assert_eq!(d["id"], "d");
        assert_eq!(d["text"], "Markets closed higher on Monday after a quiet session.");
    }

    #[test]
    fn human_summary() {
        let mut out = Vec::new();
        render_human(&mut out, &sample(), 1, 10, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("4 articles (1 bad skipped)\n"), "{text}");
        assert!(text.contains("* a  a"), "{text}");
        assert!(text.contains("would be removed      2 (keeping the first"), "{text}");
        assert_eq!(group(1234567), "1,234,567");
    }
}
