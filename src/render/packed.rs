//! A story's data packed for the HTML page: raw deflate (RFC 1951), then base64 (RFC 4648).
//!
//! Most of the bytes of a large report page are the texts of the articles of multi-source stories, embedded so
//! that claims can link into them (on 5,000 AllSides articles, 6.8 of the 9.6 MB). News prose deflates to about
//! 40% of its JSON, and base64 brings that to about 55%; the page inflates a story's data with the browser's own
//! `DecompressionStream("deflate-raw")` when the story is opened, with no script but its own. Packing is used
//! only when it makes a block smaller (the data of a story of one article without its text, a few hundred
//! bytes, barely shrinks and stays plain JSON).

use std::io::Write;

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
    (raw.len().div_ceil(3) * 4 < json.len()).then(|| base64(&raw))
}

/// Standard base64 with padding, as the browser's `atob` reads it.
#[must_use]
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The JSON of packed data (what the page's script does), for tests.
#[cfg(test)]
pub(crate) fn unpack(packed: &str) -> String {
    use std::io::Read;
    let mut json = String::new();
    flate2::read::DeflateDecoder::new(&tests::unbase64(packed)[..]).read_to_string(&mut json).unwrap();
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes standard base64 (the test's side of `atob`).
    pub(super) fn unbase64(text: &str) -> Vec<u8> {
        let value = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        };
        let mut out = Vec::new();
        for chunk in text.as_bytes().chunks(4) {
            let digits: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').map(value).collect();
            let n = digits.iter().enumerate().fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            out.extend((0..digits.len() - 1).map(|i| (n >> (16 - 8 * i)) as u8));
        }
        out
    }

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded);
            assert_eq!(unbase64(encoded), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(unbase64(&base64(&all)), all);
    }

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
