//! A story's data packed for the HTML page: raw deflate (RFC 1951), then base64 (RFC 4648).
//!
//! Most of the bytes of a large report page are the texts of the articles of multi-source stories, embedded so
//! that claims can link into them (on 5,000 AllSides articles, 6.8 of the 9.6 MB). News prose deflates to about
//! 40% of its JSON, and base64 brings that to about 55%; the page inflates a story's data with the browser's own
//! `DecompressionStream("deflate-raw")` when the story is opened, with no script but its own. Packing is used
//! only when it makes a block smaller (the data of a story of one article without its text, a few hundred
//! bytes, barely shrinks and stays plain JSON).

use std::io::Write;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use flate2::Compression;
use flate2::write::DeflateEncoder;

/// The data packed (raw deflate, then base64) when that is shorter than `json`; `None` when it is not.
#[must_use]
pub fn pack(json: &str) -> Option<String> {
    // The default level: on the 5,000 AllSides articles' story data, level 9 gained 0.1% over 6 for 25% more
    // time, level 1 lost 9% (measured with zlib, whose levels miniz_oxide follows).
    let mut deflate = DeflateEncoder::new(Vec::with_capacity(json.len() / 2), Compression::default());
    // Writing into a Vec cannot fail.
    deflate.write_all(json.as_bytes()).ok()?;
    let raw = deflate.finish().ok()?;
    // Standard base64 with padding, as the browser's `atob` reads it.
    (raw.len().div_ceil(3) * 4 < json.len()).then(|| STANDARD.encode(&raw))
}

/// The JSON of packed data (what the page's script does), for tests.
#[cfg(test)]
pub(crate) fn unpack(packed: &str) -> String {
    use std::io::Read;
    let mut json = String::new();
    let raw = STANDARD.decode(packed).expect("packed data is base64");
    flate2::read::DeflateDecoder::new(&raw[..]).read_to_string(&mut json).unwrap();
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_data_inflates_to_the_json() {
        let sentence = "Officials said 40,000 litres of diesel reached the water near the pier. ";
        let json = serde_json::to_string(&serde_json::json!({"a": [["Wire", sentence.repeat(20)]]})).unwrap();
        let packed = pack(&json).expect("repetitive text packs smaller");
        assert!(packed.len() < json.len() / 2, "{} of {}", packed.len(), json.len());
        assert!(packed.bytes().all(|c| c.is_ascii_alphanumeric() || b"+/=".contains(&c)), "nothing to escape");
        assert_eq!(unpack(&packed), json);
    }

    #[test]
    fn small_data_stays_plain() {
        assert_eq!(pack(r#"{"kt":["vote"],"a":[["Wire","2024-05-06","Title","id",12,null]]}"#), None);
        assert_eq!(pack(""), None);
    }
}
