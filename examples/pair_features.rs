//! Developer tool: dumps the pair model's candidate table for labelled article pairs, to train and evaluate the
//! model (`scripts/train-pair-model.py` reads it).
//!
//! Input: JSON Lines of article pairs, each `{"event", "a": {"id", "source", "text"}, "b": {...}}` (extra
//! fields, such as the labels, are ignored). Each pair is aligned exactly as `newsdiff compare` aligns a
//! two-line JSONL file of those articles, and every candidate pair is printed as a TSV row: record number,
//! event, claim indices, byte spans of both claims, then the features in `FEATURE_NAMES` order.
//!
//! With `--conflicts` it prints instead every candidate pair whose claims disagree on a number, date or name
//! (`Aligner::detail_conflicts`): record number, event, claim indices, byte spans, the pair's probability, the probability had the claims agreed on the detail, and the conflicts
//! (`scripts/train-conflicts.py` reads it).
//!
//! With `--idf-from FILE` (JSON Lines of articles with a `text` field) the word weights also count the sentences
//! of those articles, as `compare --idf-from` does: to try a background document frequency.
//!
//! ```text
//! cargo run --release --example pair_features -- PAIRS.jsonl [--no-model] [--clauses] [--conflicts] [--idf-from FILE] > features.tsv
//! ```

use std::io::{BufRead, Write};

use newsdiff::claims::pair_model::FEATURE_NAMES;
use newsdiff::claims::{AlignConfig, Aligner, Idf, Matcher};
use newsdiff::input::{InputOptions, parse_jsonl_bytes, read_inputs};
use newsdiff::normalize::Normalizer;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .enumerate()
        .find(|(k, a)| !a.starts_with("--") && (*k == 0 || args[k - 1] != "--idf-from"))
        .map(|(_, a)| a)
    else {
        anyhow::bail!("usage: pair_features PAIRS.jsonl [--no-model] [--clauses] [--conflicts] [--idf-from FILE]");
    };
    let matcher = if args.iter().any(|a| a == "--no-model") { Matcher::Lexical } else { Matcher::Semantic };
    let clauses = args.iter().any(|a| a == "--clauses");
    let conflicts = args.iter().any(|a| a == "--conflicts");
    let aligner = Aligner::new(AlignConfig { matcher, clauses, ..AlignConfig::default() });
    let normalizer = Normalizer::new();
    let opts = InputOptions::default();
    let background = match args.iter().position(|a| a == "--idf-from") {
        Some(k) => {
            let path = args.get(k + 1).ok_or_else(|| anyhow::anyhow!("--idf-from needs a file"))?;
            Some(Idf::from_articles(&read_inputs(&[path.into()], &opts)?.articles))
        }
        None => None,
    };
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    if conflicts {
        writeln!(out, "record\tevent\ti\tj\ta_start\ta_end\tb_start\tb_end\tprobability\tagreed\tconflicts")?;
    } else {
        writeln!(out, "record\tevent\ti\tj\ta_start\ta_end\tb_start\tb_end\t{}", FEATURE_NAMES.join("\t"))?;
    }
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    for (record, line) in file.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: serde_json::Value = serde_json::from_str(&line)?;
        let article = |side: &str| -> anyhow::Result<newsdiff::article::Article> {
            let v = &rec[side];
            let json = serde_json::json!({"id": v["id"], "source": v["source"], "text": v["text"]}).to_string();
            let mut warnings = Vec::new();
            Ok(parse_jsonl_bytes(json.as_bytes(), path, record + 1, "pairs", &opts, &mut warnings)?)
        };
        let (a, b) = (article("a")?, article("b")?);
        let (da, db) = (normalizer.normalize(&a), normalizer.normalize(&b));
        let mut idf = Idf::from_documents([&da, &db]);
        if let Some(background) = &background {
            idf.merge(background);
        }
        let event = rec["event"].as_str().unwrap_or("?");
        if conflicts {
            let spans = aligner.candidates(&a, &da, &b, &db, &idf);
            for d in aligner.detail_conflicts(&a, &da, &b, &db, &idf) {
                let Some(c) = spans.iter().find(|c| (c.a, c.b) == (d.a, d.b)) else { continue };
                let what: Vec<String> =
                    d.conflicts.iter().map(|x| format!("{:?}: {} / {}", x.what, x.a, x.b)).collect();
                writeln!(
                    out,
                    "{record}\t{event}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}",
                    d.a,
                    d.b,
                    c.a_span[0],
                    c.a_span[1],
                    c.b_span[0],
                    c.b_span[1],
                    d.probability,
                    d.agreed,
                    what.join(" | ").replace(['\t', '\n'], " ")
                )?;
            }
            continue;
        }
        for c in aligner.candidates(&a, &da, &b, &db, &idf) {
            let features: Vec<String> = c.features.iter().map(|f| format!("{f:.5}")).collect();
            writeln!(
                out,
                "{record}\t{event}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                c.a,
                c.b,
                c.a_span[0],
                c.a_span[1],
                c.b_span[0],
                c.b_span[1],
                features.join("\t")
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
