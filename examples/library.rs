//! Using newsdiff as a library: read two of the bundled seed articles, normalize them, align their claims and
//! print each pair with its kind, its score and a word diff. These are the steps `newsdiff compare` takes
//! before it renders the result.
//!
//! ```sh
//! cargo run --release --example library
//! ```
//!
//! Run it from the repository root: it reads `seeds/`.

use std::path::PathBuf;

use anyhow::bail;
use newsdiff::claims::worddiff::OpTag;
use newsdiff::claims::{AlignConfig, Aligner, Idf};
use newsdiff::input::{InputOptions, read_inputs};
use newsdiff::normalize::Normalizer;

fn main() -> anyhow::Result<()> {
    // 1. Read. `read_inputs` takes what the command line takes (text files, directories, JSON Lines, `-` for
    //    standard input) and returns the articles in input order, each with its original text untouched.
    //    `newsdiff::article::Article::from_text(id, text)` builds one from a string instead.
    let paths = [PathBuf::from("seeds/001_7fb53fbd3c46e9a8.txt"), PathBuf::from("seeds/002_6b34b3c9854d6455.txt")];
    let batch = read_inputs(&paths, &InputOptions::default())?;
    let [a, b] = batch.articles.as_slice() else { bail!("expected two articles, read {}", batch.articles.len()) };

    // 2. Normalize: tokens and sentences, each keeping the byte span of the words a reader saw. One
    //    `Normalizer` serves any number of articles (and threads).
    let normalizer = Normalizer::new();
    let (doc_a, doc_b) = (normalizer.normalize(a), normalizer.normalize(b));
    println!("A: {} ({} sentences)", a.id, doc_a.sentences.len());
    println!("B: {} ({} sentences)", b.id, doc_b.sentences.len());

    // 3. Word rarity: inverse document frequency over the sentences of both articles. Rare shared words say
    //    more than common ones; `idf.merge(&Idf::from_articles(&corpus))` adds a larger corpus (`--idf-from`).
    let idf = Idf::from_documents([&doc_a, &doc_b]);

    // 4. Align: split both articles into claims and pair them globally (each claim used at most once, largest
    //    total score). `AlignConfig::default()` is what `newsdiff compare` uses: pairs need a score of at least
    //    0.2 and two shared content words.
    let alignment = Aligner::new(AlignConfig::default()).align(a, &doc_a, b, &doc_b, &idf);

    // 5. The result is plain data: pairs, claims only in A, claims only in B, and summary figures.
    for pair in &alignment.pairs {
        println!("\n{:.2} {}  A#{} ~ B#{}", pair.score, pair.kind.as_str(), pair.a.index, pair.b.index);
        // The word diff runs from A to B over normalized words; each side's segment holds that outlet's own words
        // and their byte span. Equal runs are printed in A's words.
        let mut line = String::new();
        for op in &pair.diff {
            let (a_words, b_words) = (op.a.as_ref().map(|s| s.text.as_str()), op.b.as_ref().map(|s| s.text.as_str()));
            let piece = match (op.op, a_words, b_words) {
                (OpTag::Equal, Some(words), _) => words.to_string(),
                (OpTag::Delete, Some(words), _) => format!("[-{words}-]"),
                (OpTag::Insert, _, Some(words)) => format!("{{+{words}+}}"),
                (OpTag::Replace, Some(old), Some(new)) => format!("[-{old}-] {{+{new}+}}"),
                _ => continue,
            };
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
        println!("  {line}");
        // Conflict pairs say what the two outlets disagree on.
        for conflict in &pair.conflicts {
            println!("  conflict ({:?}): {} / {}", conflict.what, conflict.a, conflict.b);
        }
    }
    let s = &alignment.summary;
    println!(
        "\n{} pairs ({} same, {} variant, {} overlap, {} conflict); {} claims only in A, {} only in B",
        s.pairs, s.same, s.variant, s.overlap, s.conflict, s.only_a, s.only_b
    );
    Ok(())
}
