//! The comparison core: claim alignment, name variants, near-duplicates and stories.
//!
//! Everything here works on normalized documents and returns plain data; rendering lives in
//! [`crate::render`].

pub mod stories;
