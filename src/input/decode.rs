//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and lossy decoding of anything else.

use std::borrow::Cow;

/// The result of decoding a file's bytes.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The decoded text (borrowed when the bytes were valid UTF-8).
    pub text: Cow<'a, str>,
    /// How many invalid bytes were replaced by U+FFFD.
    pub replaced: usize,
    /// The bytes were UTF-16 (detected by their byte-order mark).
    pub utf16: bool,
}

/// Decodes bytes as text. Valid UTF-8 is borrowed as is (a BOM stays in the text, where the normalizer
/// ignores it, so that byte offsets match the file); UTF-16 with a BOM is converted; anything else is decoded
/// lossily and the replaced bytes are counted.
#[must_use]
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: Cow::Borrowed(text), replaced: 0, utf16: false };
    }
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let little = bytes[0] == 0xFF;
        let units = bytes[2..]
            .chunks_exact(2)
            .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
        let mut replaced = bytes.len() % 2;
        let text: String = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    replaced += 1;
                    char::REPLACEMENT_CHARACTER
                })
            })
            .collect();
        return Decoded { text: Cow::Owned(text), replaced, utf16: true };
    }
    let mut replaced = 0;
    let mut rest = bytes;
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                // SAFETY-free: the prefix was just validated.
                out.push_str(std::str::from_utf8(&rest[..valid]).unwrap_or_default());
                out.push(char::REPLACEMENT_CHARACTER);
                let bad = e.error_len().unwrap_or(rest.len() - valid);
                replaced += bad;
                rest = &rest[valid + bad..];
            }
        }
    }
    Decoded { text: Cow::Owned(out), replaced, utf16: false }
}

/// Offset of the first NUL byte, if any: text files do not contain them.
#[must_use]
pub fn first_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed() {
        let d = decode("Kyiv ✓".as_bytes());
        assert!(matches!(d.text, Cow::Borrowed("Kyiv ✓")));
        assert_eq!(d.replaced, 0);
    }

    #[test]
    fn invalid_bytes_are_counted() {
        let d = decode(b"Ky\xFFiv \xC3");
        assert_eq!(d.text, "Ky\u{FFFD}iv \u{FFFD}");
        assert_eq!(d.replaced, 2);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Kyiv".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes);
        assert!(d.utf16);
        assert_eq!(d.text, "Kyiv");
    }
}
