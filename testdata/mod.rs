//! Test data for the tests, benchmarks and examples; not part of the library. Each includes this folder as a
//! module, `#[path = "../testdata/mod.rs"] mod testdata;` (`"../../testdata/mod.rs"` from `tests/cli/`), and
//! uses what it needs:
//!
//! - [`SEEDS`]: the three bundled seed articles;
//! - [`rng::Rng`]: the one deterministic random number generator of the generated data;
//! - [`synth`]: batches of articles with planted stories;
//! - [`corpus`]: corpora with planted near-duplicates.
#![allow(dead_code)]

pub mod corpus;
pub mod rng;
pub mod synth;

/// The texts of the three bundled seed articles (`seeds/`).
pub const SEEDS: [&str; 3] = [
    include_str!("../seeds/000_685572fa8566e146.txt"),
    include_str!("../seeds/001_7fb53fbd3c46e9a8.txt"),
    include_str!("../seeds/002_6b34b3c9854d6455.txt"),
];
