//! The integration tests, in one test binary (one build and link instead of one per file): the subcommands
//! run as a user runs them (one module each), hostile inputs, the HTML report in a browser, property tests of
//! the library, and checks of the test data generators. `common` holds what the tests share; `testdata` is
//! the generated test data shared with the benchmarks and examples.
//!
//! Snapshots (insta) are in `snapshots/`, named after the module path: `cli__compare__<name>.snap`.

mod common;
mod compare;
mod dedup;
mod generators;
mod hostile;
mod html_browser;
mod input;
mod layers;
mod messages;
mod output_files;
mod prop_compare;
mod prop_normalize;
mod readme;
mod report;
mod score;
#[path = "../../testdata/mod.rs"]
mod testdata;
mod tokens;
mod variants;
