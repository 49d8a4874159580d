//! Output of `newsdiff score`: one line per claim pair, in input order.
//!
//! TSV (the default): a header `score<TAB>same<TAB>a<TAB>b`, then per pair the score (4 decimals), whether it
//! reaches the threshold (`true`/`false`) and both texts as read; with an explanation, a line
//! `#<TAB>matched: ...` follows the pair with the terms the two texts share (`a=b` when matched fuzzily).
//!
//! JSON Lines (`--json`): per pair
//! ```text
//! {"line": int, "score": float, "same": bool, "a": str, "b": str, "explain": Explanation?}
//! ```
//! where `line` is the pair's line in the input, `score` is rounded to 4 decimals and `explain` is there only
//! when asked for.

use std::io::Write;

use serde::Serialize;

use crate::claims::similarity::Explanation;
use crate::input::pairs::TextPair;

/// A pair's score and, when asked for, its explanation (as [`crate::claims::similarity::score_pairs`] gives
/// them).
pub type Scored = (f32, Option<Explanation>);

#[derive(Serialize)]
struct JsonScore<'a> {
    line: usize,
    score: f32,
    same: bool,
    a: &'a str,
    b: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a Explanation>,
}

fn round4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// Writes the pairs and their scores as TSV with a header; a pair is the same claim when its score is at least
/// `min_score`.
///
/// # Errors
/// I/O errors.
pub fn render_tsv(out: &mut dyn Write, pairs: &[TextPair], scored: &[Scored], min_score: f32) -> anyhow::Result<()> {
    writeln!(out, "score\tsame\ta\tb")?;
    for (p, (score, explanation)) in pairs.iter().zip(scored) {
        let same = *score >= min_score;
        writeln!(out, "{score:.4}\t{same}\t{}\t{}", p.a, p.b)?;
        if let Some(e) = explanation {
            let matched: Vec<String> =
                e.matched.iter().map(|m| if m.a == m.b { m.a.clone() } else { format!("{}={}", m.a, m.b) }).collect();
            writeln!(out, "#\tmatched: {}", matched.join(" "))?;
        }
    }
    Ok(())
}

/// Writes the pairs and their scores as JSON Lines; a pair is the same claim when its score is at least
/// `min_score`.
///
/// # Errors
/// I/O and serialization errors.
pub fn render_json(out: &mut dyn Write, pairs: &[TextPair], scored: &[Scored], min_score: f32) -> anyhow::Result<()> {
    for (p, (score, explanation)) in pairs.iter().zip(scored) {
        let record = JsonScore {
            line: p.line,
            score: round4(*score),
            same: *score >= min_score,
            a: &p.a,
            b: &p.b,
            explain: explanation.as_ref(),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(line: usize, a: &str, b: &str) -> TextPair {
        TextPair { line, a: a.into(), b: b.into() }
    }

    #[test]
    fn tsv_and_json_lines() {
        let pairs = [pair(1, "Kyiv", "Kiev"), pair(3, "a b", "a b")];
        let scored: Vec<Scored> = vec![(0.123_456, None), (1.0, None)];
        let mut tsv = Vec::new();
        render_tsv(&mut tsv, &pairs, &scored, 0.5).unwrap();
        assert_eq!(
            String::from_utf8(tsv).unwrap(),
            "score\tsame\ta\tb\n0.1235\tfalse\tKyiv\tKiev\n1.0000\ttrue\ta b\ta b\n"
        );
        let mut json = Vec::new();
        render_json(&mut json, &pairs, &scored, 0.5).unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            "{\"line\":1,\"score\":0.1235,\"same\":false,\"a\":\"Kyiv\",\"b\":\"Kiev\"}\n\
             {\"line\":3,\"score\":1.0,\"same\":true,\"a\":\"a b\",\"b\":\"a b\"}\n"
        );
    }
}
