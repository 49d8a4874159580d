//! A generator of synthetic news batches with known stories, for benchmarks and scale tests.
//!
//! Real batches cannot be shipped with the repository, and copies of one text are near-duplicates rather than
//! independent coverage. This generator writes stories the way outlets do: each story has its own invented
//! names, places and figures, and each of its articles is a different selection of background sentences (from
//! the bundled seed articles) into which the story's facts are woven in different words and order. So articles
//! of one story share informative terms but not their text, and articles of different stories share only the
//! background prose. Deterministic for a given seed ([`super::rng::Rng`]).

use newsdiff::article::{Article, Origin};

use super::SEEDS;
use super::rng::Rng;

const SYLLABLES: [&str; 24] = [
    "ka", "ro", "vel", "min", "tor", "sa", "li", "dre", "mo", "zan", "ek", "bu", "ri", "tal", "os", "fen", "ga", "nu",
    "pel", "ich", "var", "do", "qui", "lem",
];

const VERBS: [&str; 8] =
    ["announced", "confirmed", "rejected", "signed", "criticized", "postponed", "approved", "investigated"];

/// One synthetic article and the story it was written for.
#[derive(Debug, Clone)]
pub struct SynthArticle {
    /// The article.
    pub article: Article,
    /// The planted story (0-based).
    pub story: usize,
}

/// Generates `articles` articles in stories of 1 to 5 articles (3 on average), from 20 outlets, dated over
/// `articles / 60` days or more. Ids are `a{n}`, sources `outlet-{k}`.
#[must_use]
pub fn generate(articles: usize, seed: u64) -> Vec<SynthArticle> {
    let background: Vec<&str> = SEEDS
        .iter()
        .flat_map(|s| s.split_inclusive(['.', '\n']))
        .map(str::trim)
        .filter(|s| s.len() > 40 && s.ends_with('.'))
        .collect();
    let mut rng = Rng::new(seed);
    let word = |rng: &mut Rng, parts: usize| -> String {
        let mut w: String = (0..parts).map(|_| rng.pick(&SYLLABLES)).collect();
        if let Some(first) = w.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        w
    };
    let mut out = Vec::with_capacity(articles);
    let mut story = 0;
    while out.len() < articles {
        let size = rng.pick(&[1, 2, 3, 3, 4, 5]).min(articles - out.len());
        let names: Vec<String> = (0..4).map(|_| format!("{} {}", word(&mut rng, 2), word(&mut rng, 3))).collect();
        let places: Vec<String> = (0..2).map(|_| word(&mut rng, 3)).collect();
        let figures: Vec<usize> = (0..3).map(|_| 10 + rng.below(9_000)).collect();
        let verb = rng.pick(&VERBS);
        let day = 19_000 + (story / 20) as i64;
        for _ in 0..size {
            let n = out.len();
            let mut facts = vec![
                format!("{} {verb} the plan in {} on Monday.", names[0], places[0]),
                format!("According to {}, {} people in {} were affected.", names[1], figures[0], places[0]),
                format!("{} said the {} measures would cost {} million.", names[2], places[1], figures[1]),
                format!("Officials in {} counted {} incidents, {} told reporters.", places[1], figures[2], names[3]),
                format!("The decision by {} drew criticism from {}.", names[0], names[1]),
                format!("{} and {} are expected to meet again in {}.", names[2], names[3], places[0]),
            ];
            // Each outlet reports most of the facts, in its own order.
            for k in (1..facts.len()).rev() {
                facts.swap(k, rng.below(k + 1));
            }
            facts.truncate(4 + rng.below(3));
            let mut text = String::new();
            let title = format!("{} {verb} {} plan", names[0], places[0]);
            text.push_str(&title);
            text.push_str("\n\n");
            for fact in facts {
                text.push_str(&fact);
                text.push(' ');
                for _ in 0..2 {
                    text.push_str(rng.pick(&background));
                    text.push(' ');
                }
                if rng.below(3) == 0 {
                    text.push_str("\n\n");
                }
            }
            let date = iso_day(day + rng.below(2) as i64);
            let id = format!("a{n}");
            let mut article = Article::from_text(&id, &format!("date {date}\n{text}"));
            article.source = format!("outlet-{}", rng.below(20));
            article.origin = Origin { path: "generated".to_string(), line: Some(n + 1) };
            out.push(SynthArticle { article, story });
        }
        story += 1;
    }
    out
}

/// The `YYYY-MM-DD` form of a day number (days since 1970-01-01).
#[must_use]
pub fn iso_day(day: i64) -> String {
    // Civil from days (Howard Hinnant's algorithm).
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
