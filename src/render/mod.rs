//! Renderers: terminal, JSON, CSV and HTML output of the comparison results.
//!
//! Computation never prints; renderers never compute. Each renderer writes to any [`std::io::Write`], and
//! colour is an option decided once by the caller ([`crate::output::color_enabled`]).

pub mod compare;
pub mod dedup;
pub mod style;
pub mod tokens;
pub mod variants;
