//! Word-boundary segmentation with an ASCII fast path.
//!
//! Unicode word boundaries (UAX #29, `unicode-segmentation`) are right for every script but cost more than
//! everything else the normalizer does. Most news text is ASCII, where the rules reduce to a few cases, so the
//! text is cut at whitespace into chunks: an ASCII chunk is segmented by a hand-written scanner that follows the
//! same rules (letters and digits join; `.` and `'` join letters to letters and digits to digits; `,` and `;`
//! join digits to digits; `_` joins anything word-like). The same scanner takes the chunks whose only non-ASCII
//! characters are the curly quotes and dashes of English news (`‘` and `’` join as `'` does; `“`, `”`, `–` and
//! `—` stand alone, as in UAX #29); any other chunk goes through `unicode-segmentation`.
//!
//! One difference from UAX #29 has always been there and is kept (the reference tests of `reference.rs` pin
//! the output): UAX #29 joins letters across a colon (`a:b`, for Swedish), this scanner does not, so
//! `Note:This` is three tokens in an ASCII chunk and one in a chunk that also holds a non-ASCII character (a
//! chunk with a colon and a curly quote goes through `unicode-segmentation`, as it always did).
//!
//! On real news the scanner's cost is less its instructions than the branches the processor cannot predict (the
//! end of every word), so a word is scanned 16 bytes at a time ([`word_prefix`], 8 without SSE2), and each
//! segment is handed over with the classes of its bytes and the whitespace before it, so that the tokenizer does
//! not read them again (figures in `docs/evaluation.md`, "The normalizer").

use unicode_segmentation::UnicodeSegmentation;

/// ASCII whitespace (`u8::is_ascii_whitespace`: space, tab, LF, FF, CR).
const SPACE: u8 = 1;
/// An ASCII uppercase letter.
pub(super) const UPPER: u8 = 2;
/// An ASCII digit.
pub(super) const DIGIT: u8 = 4;
/// `_`, which joins anything word-like.
const UNDER: u8 = 8;
/// `.` and `'`: join letters to letters and digits to digits.
pub(super) const MID_LETTER_NUM: u8 = 16;
/// `,` and `;`: join digits to digits.
const MID_NUM: u8 = 32;
/// A byte of a multi-byte character.
const NON_ASCII: u8 = 64;
/// An ASCII lowercase letter.
pub(super) const LOWER: u8 = 128;
/// An ASCII letter of either case.
const LETTER: u8 = UPPER | LOWER;
/// The classes that form words on their own.
const WORDISH: u8 = LETTER | DIGIT | UNDER;

/// The class of every byte, one table lookup per byte (the scanner's inner loops are branch-light this way).
static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = match byte {
            b' ' | b'\t' | b'\n' | b'\x0C' | b'\r' => SPACE,
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            b'_' => UNDER,
            b'.' | b'\'' => MID_LETTER_NUM,
            b',' | b';' => MID_NUM,
            0x80..=0xFF => NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    table
};

#[inline]
fn class(b: u8) -> u8 {
    CLASSES[usize::from(b)]
}

/// The classes of the bytes of an ASCII segment, or-ed together (what the scanner hands over with each segment,
/// see [`Piece::Segment`]).
pub(super) fn ascii_classes(segment: &[u8]) -> u8 {
    segment.iter().fold(0, |seen, &b| seen | class(b))
}

/// Whether a middle character of class `mid` between a word-like character of class `last` and a character of
/// class `next` joins them into one segment: `.` and `'` join letters to letters and digits to digits, `,` and
/// `;` digits to digits.
#[inline]
fn joins(mid: u8, last: u8, next: u8) -> bool {
    if mid == MID_LETTER_NUM {
        (last & LETTER != 0 && next & LETTER != 0) || (last == DIGIT && next == DIGIT)
    } else {
        last == DIGIT && next == DIGIT
    }
}

/// One segment the segmenter hands to the tokenizer: a segment in the sense of UAX #29 (a word, a number, a
/// punctuation mark, or a run of non-ASCII whitespace), with what the ASCII whitespace before it held. Runs of
/// ASCII whitespace are not segments of their own: UAX #29 keeps CR LF together and every other line break
/// apart, and the tokenizer only needs to know that whitespace came and how many line feeds it held, so the
/// scanner counts them and hands the count over with the next segment (one call of the tokenizer per segment,
/// not one more per space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece<'t> {
    /// Offset of the segment in the text given to [`for_each_segment`].
    pub offset: usize,
    /// The segment's text.
    pub text: &'t str,
    /// True when the segment is known to be ASCII (it comes from the ASCII scanner), so that the tokenizer need
    /// not check it again.
    pub ascii: bool,
    /// When `ascii`, the classes of its bytes or-ed together (the scanner reads every byte's class anyway): the
    /// tokenizer reads the case shape, the marks and whether it is all digits from them instead of reading the
    /// bytes again. 0 otherwise.
    pub classes: u8,
    /// ASCII whitespace (`u8::is_ascii_whitespace`) lies between the previous segment and this one.
    pub spaced: bool,
    /// The number of `\n` bytes in that whitespace.
    pub newlines: usize,
}

/// Calls `emit` for every segment of `text`, in order; the ASCII whitespace between segments is counted here
/// (see [`Piece`]), so that the tokenizer never looks at it again.
pub(crate) fn for_each_segment<'t>(text: &'t str, mut emit: impl FnMut(Piece<'t>)) {
    let bytes = text.as_bytes();
    let mut ends = [0; CHUNK_SEGMENTS];
    let mut classes = [0; CHUNK_SEGMENTS];
    // The whitespace since the last segment: whether there was any, and its line feeds.
    let (mut spaced, mut newlines) = (false, 0);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        // A whitespace run (ASCII whitespace only; Unicode spaces are handled by the slow path).
        if class(bytes[i]) == SPACE {
            newlines += usize::from(bytes[i] == b'\n');
            i += 1;
            while i < bytes.len() && class(bytes[i]) == SPACE {
                newlines += usize::from(bytes[i] == b'\n');
                i += 1;
            }
            spaced = true;
            continue;
        }
        // The first segment of a chunk gets the whitespace before it, the others none.
        let mut emit = |offset: usize, text: &'t str, ascii: bool, classes: u8| {
            emit(Piece { offset, text, ascii, classes, spaced, newlines });
            (spaced, newlines) = (false, 0);
        };
        // The common case in one pass: an ASCII chunk segmented as it is read, its segments emitted once its end
        // shows that it holds no other character.
        let (stop, count, ascii) = scan_ascii_chunk(bytes, start, &mut ends, &mut classes);
        if ascii {
            let mut from = start;
            for (&to, &classes) in ends[..count].iter().zip(&classes[..count]) {
                debug_assert!(start <= from && from < to && to <= stop && text.is_char_boundary(to));
                // SAFETY: `text[start..stop]` is ASCII (`scan_ascii_chunk` says so) and the ends of its segments
                // grow from `start` to at most `stop`, so `from..to` is a range of `text` on character boundaries.
                // (The checked slice tested both boundaries of every segment: about 8% of the normalizer's
                // instructions on news text.)
                emit(from, unsafe { text.get_unchecked(from..to) }, true, classes);
                from = to;
            }
            i = stop;
            continue;
        }
        // Otherwise the whole chunk is looked at again (`text[start..stop]` is ASCII).
        let mut seen = 0;
        i = stop;
        while i < bytes.len() {
            let c = class(bytes[i]);
            if c == SPACE {
                break;
            }
            seen |= c;
            i += 1;
        }
        let chunk = &text[start..i];
        if seen & NON_ASCII == 0 || is_typographic_chunk(chunk.as_bytes()) {
            scan_segments(chunk, |o, s, classes| {
                let ascii = classes & NON_ASCII == 0;
                emit(start + o, s, ascii, if ascii { classes } else { 0 });
            });
        } else {
            for (o, s) in chunk.split_word_bound_indices() {
                emit(start + o, s, false, 0);
            }
        }
    }
}

/// The most segments of a chunk that [`scan_ascii_chunk`] keeps before handing the chunk to the two-pass path;
/// chunks of words with their punctuation have a few, longer ones (URLs, lists without spaces) are rare.
const CHUNK_SEGMENTS: usize = 16;

/// Segments the chunk that starts at `bytes[start]` (not whitespace) in one pass, as [`scan_segments`] does, and
/// writes the end of each segment into `ends` and the classes of its bytes (or-ed) into `classes`. Returns where
/// it stopped, the number of segments and whether the chunk is done: true when it stopped at whitespace or at
/// the end of the text, false when it stopped at a non-ASCII byte or because `ends` is full (then
/// `bytes[start..stop]` is ASCII and nothing is to be emitted).
fn scan_ascii_chunk(
    bytes: &[u8],
    start: usize,
    ends: &mut [usize; CHUNK_SEGMENTS],
    classes: &mut [u8; CHUNK_SEGMENTS],
) -> (usize, usize, bool) {
    let n = bytes.len();
    let (mut i, mut count) = (start, 0);
    while i < n {
        let c = class(bytes[i]);
        if c == SPACE {
            break;
        }
        if c == NON_ASCII || count == CHUNK_SEGMENTS {
            return (i, count, false);
        }
        i += 1;
        let mut seen = c;
        if c & WORDISH != 0 {
            let mut last = c;
            while i < n {
                // `WORD_WINDOW` bytes at a time where the text has them: the end of the word is found without a
                // branch per byte (whose outcome, at the end of each word, the processor cannot predict).
                if let Some(window) = bytes.get(i..).and_then(<[u8]>::first_chunk::<WORD_WINDOW>) {
                    let (k, window_seen) = word_prefix(window);
                    seen |= window_seen;
                    // The last word-like byte (`bytes[i - 1]` itself when the window starts after the word).
                    last = class(bytes[i + k - 1]);
                    i += k;
                    if k == WORD_WINDOW {
                        continue;
                    }
                } else {
                    let c = class(bytes[i]);
                    if c & WORDISH != 0 {
                        last = c;
                        seen |= c;
                        i += 1;
                        continue;
                    }
                }
                // At a byte that is not word-like. As in `scan_segments`; the byte after the chunk is whitespace,
                // which joins nothing.
                let c = class(bytes[i]);
                if c & (MID_LETTER_NUM | MID_NUM) != 0 && i + 1 < n && joins(c, last, class(bytes[i + 1])) {
                    seen |= c;
                    i += 1;
                    continue;
                }
                break;
            }
        }
        ends[count] = i;
        classes[count] = seen;
        count += 1;
    }
    (i, count, true)
}

/// How many bytes [`word_prefix`] looks at: 16 with SSE2 (every x86-64 processor has it), which takes nearly all
/// words in one step, 8 (one 64-bit word) elsewhere.
#[cfg(target_arch = "x86_64")]
const WORD_WINDOW: usize = 16;
/// How many bytes [`word_prefix`] looks at: 16 with SSE2 (every x86-64 processor has it), which takes nearly all
/// words in one step, 8 (one 64-bit word) elsewhere.
#[cfg(not(target_arch = "x86_64"))]
const WORD_WINDOW: usize = 8;

/// How many of the bytes of `window` are word-like (ASCII letters, digits, `_`) before the first one that is
/// not, and the classes of those bytes or-ed together: what a loop over `class` gives, with byte-wise
/// comparisons of all 16 bytes at once, and a bit per byte for each class.
#[cfg(target_arch = "x86_64")]
#[inline]
fn word_prefix(window: &[u8; WORD_WINDOW]) -> (usize, u8) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_slli_epi16,
    };
    // SAFETY: SSE2 is part of x86_64, and the load reads the 16 bytes of `window`.
    let (letter, lower, digit, under) = unsafe {
        let b = _mm_loadu_si128(window.as_ptr().cast::<__m128i>());
        // Signed comparisons: non-ASCII bytes are negative and fall in no range. `b | 0x20` puts both cases of
        // a letter in `a..=z`.
        let folded = _mm_or_si128(b, _mm_set1_epi8(0x20));
        let letter =
            _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8(0x60)), _mm_cmpgt_epi8(_mm_set1_epi8(0x7B), folded));
        let digit = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8(0x2F)), _mm_cmpgt_epi8(_mm_set1_epi8(0x3A), b));
        let under = _mm_cmpeq_epi8(b, _mm_set1_epi8(0x5F));
        // The case bit 0x20 of each byte moved to its high bit (a shift by 2 within 16-bit lanes moves no other
        // byte's bit there): set for lowercase letters.
        let lower = _mm_and_si128(letter, _mm_slli_epi16(b, 2));
        let bits = |v: __m128i| _mm_movemask_epi8(v).cast_unsigned();
        (bits(letter), bits(lower), bits(digit), bits(under))
    };
    // The bytes before the first one that is not word-like (all 16 when there is none).
    let k = (!(letter | digit | under)).trailing_zeros() as usize;
    let prefix = (1u32 << k) - 1;
    let seen = (u8::from((letter & !lower) & prefix != 0) * UPPER)
        | (u8::from(lower & prefix != 0) * LOWER)
        | (u8::from(digit & prefix != 0) * DIGIT)
        | (u8::from(under & prefix != 0) * UNDER);
    (k, seen)
}

/// How many of the 8 bytes of `window` are word-like (ASCII letters, digits, `_`) before the first one that is
/// not, and the classes of those bytes or-ed together: what a loop over `class` gives, in a few operations on
/// one 64-bit word (each byte's test sets its high bit; no carry crosses a byte since the low 7 bits are tested).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn word_prefix(window: &[u8; WORD_WINDOW]) -> (usize, u8) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = u64::from_le_bytes(*window);
    // The low 7 bits of each byte; bytes with the high bit set (non-ASCII) are never word-like.
    let x = w & !HIGH;
    let ascii = !w & HIGH;
    // The bytes in `lo..=hi`: `x + (0x80 - lo)` has its high bit set when `x >= lo`, `x + (0x7F - hi)` when `x > hi`.
    let within = |lo: u64, hi: u64| (x + ONES * (0x80 - lo)) & !(x + ONES * (0x7F - hi)) & ascii;
    let (upper, lower, digit, under) = (within(0x41, 0x5A), within(0x61, 0x7A), within(0x30, 0x39), within(0x5F, 0x5F));
    let stops = !(upper | lower | digit | under) & HIGH;
    // The bits below the first stop (all of them when there is none).
    let prefix = stops.wrapping_sub(1) & !stops;
    let k = (stops.trailing_zeros() / 8) as usize;
    let seen = (u8::from(upper & prefix != 0) * UPPER)
        | (u8::from(lower & prefix != 0) * LOWER)
        | (u8::from(digit & prefix != 0) * DIGIT)
        | (u8::from(under & prefix != 0) * UNDER);
    (k, seen)
}

/// The class of one of the typographic characters the scanner knows, from the third byte of its UTF-8 form
/// (all six are `E2 80 xx`): `‘` and `’` are MidNumLet in UAX #29 and join like `'` and `.`; `“`, `”`, `–`
/// and `—` are segments of their own. `None` for any other `E2 80 xx` character.
fn typographic_class(third: u8) -> Option<u8> {
    match third {
        0x98 | 0x99 => Some(MID_LETTER_NUM),
        0x93 | 0x94 | 0x9C | 0x9D => Some(0),
        _ => None,
    }
}

/// True when every non-ASCII character of `chunk` is one of the typographic quotes and dashes of
/// [`typographic_class`] and there is no `:` (which UAX #29 treats apart, see the module docs): the scanner then
/// segments it exactly as UAX #29 does. Curly quotes and dashes are in most paragraphs of English news.
fn is_typographic_chunk(chunk: &[u8]) -> bool {
    let mut i = 0;
    while i < chunk.len() {
        match chunk[i] {
            b':' => return false,
            0xE2 if chunk.get(i + 1) == Some(&0x80)
                && chunk.get(i + 2).is_some_and(|&t| typographic_class(t).is_some()) =>
            {
                i += 3;
            }
            b if b >= 0x80 => return false,
            _ => i += 1,
        }
    }
    true
}

/// Segments a chunk without whitespace whose characters are ASCII or typographic quotes and dashes (see
/// [`is_typographic_chunk`]). `emit` gets each segment's offset, its text and the classes of its characters
/// or-ed together, with `NON_ASCII` when it holds a typographic character.
fn scan_segments<'t>(chunk: &'t str, mut emit: impl FnMut(usize, &'t str, u8)) {
    let b = chunk.as_bytes();
    let n = b.len();
    // The class and the width in bytes of the character at `i`.
    let at = |i: usize| -> (u8, usize) {
        if b[i] < 0x80 { (class(b[i]), 1) } else { (b.get(i + 2).and_then(|&t| typographic_class(t)).unwrap_or(0), 3) }
    };
    let mut i = 0;
    while i < n {
        let start = i;
        let (c, width) = at(i);
        i += width;
        let mut seen = c | if width > 1 { NON_ASCII } else { 0 };
        if c & WORDISH == 0 {
            emit(start, &chunk[start..i], seen);
            continue;
        }
        let mut last = c;
        while i < n {
            let (c, width) = at(i);
            if c & WORDISH != 0 {
                last = c;
                seen |= c;
                i += width;
                continue;
            }
            // A single middle character joins when the same kind of character is on both sides.
            if c & (MID_LETTER_NUM | MID_NUM) != 0 && i + width < n && joins(c, last, at(i + width).0) {
                seen |= c | if width > 1 { NON_ASCII } else { 0 };
                i += width;
                continue;
            }
            break;
        }
        emit(start, &chunk[start..i], seen);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut offset = 0;
        for_each_segment(text, |piece| {
            // The whitespace before a segment, as a segment of its own (as in UAX #29).
            if piece.spaced {
                out.push(&text[offset..piece.offset]);
            }
            out.push(piece.text);
            offset = piece.offset + piece.text.len();
        });
        if offset < text.len() {
            out.push(&text[offset..]);
        }
        out
    }

    #[test]
    fn ascii_path_agrees_with_uax29_on_news_text() {
        let text = "U.S. President Donald J. Trump's 28-point plan: 3.6 million, 1,200 troops; \"peace\" (2022) e-mail_x don't end.";
        let fast = segs(text);
        let slow: Vec<&str> = text.split_word_bounds().collect();
        // UAX #29 splits runs of spaces the same way; compare the non-space segments.
        let fast: Vec<&str> = fast.into_iter().filter(|s| !s.trim().is_empty()).collect();
        let slow: Vec<&str> = slow.into_iter().filter(|s| !s.trim().is_empty()).collect();
        assert_eq!(fast, slow);
    }

    #[test]
    fn typographic_chunks_agree_with_uax29() {
        let text = "Zelenskyy’s ‘peace’ plan—“we are ready,” 5’000 rock ’n’ roll a’’b 1–2 O’Neill’s’ x’.y";
        assert!(text.split(' ').all(|chunk| is_typographic_chunk(chunk.as_bytes())));
        let fast: Vec<&str> = segs(text).into_iter().filter(|s| !s.trim().is_empty()).collect();
        let slow: Vec<&str> = text.split_word_bounds().filter(|s| !s.trim().is_empty()).collect();
        assert_eq!(fast, slow);
        // Any other non-ASCII character, or a colon, sends the chunk to `unicode-segmentation`.
        assert!(!is_typographic_chunk("São’s".as_bytes()));
        assert!(!is_typographic_chunk("a’:b".as_bytes()));
        assert!(!is_typographic_chunk("a…".as_bytes()));
    }

    #[test]
    fn word_prefix_agrees_with_the_classes() {
        for text in [
            &b"abcdefghijklmnopq"[..],
            b"Trump's plan for the",
            b"U.S. and the rest of",
            b"28-point plan, the war",
            b"x_1,200; more text here",
            b"@[`{/:09 and more text",
            b"AZaz09_\xC3 and more text",
            b"\xE2\x80\x99s more and more text",
            b"                         ",
            b"Constitutionally speaking",
            b"abcdefghijklmno.",
            b"ABCDEFGHIJKLMNOP",
        ] {
            let window = text.first_chunk::<WORD_WINDOW>().expect("long enough");
            let k = window.iter().take_while(|&&b| class(b) & WORDISH != 0).count();
            assert_eq!(word_prefix(window), (k, ascii_classes(&window[..k])), "{window:?}");
        }
        for b in 0..=255u8 {
            let window = [b; WORD_WINDOW];
            let wordish = class(b) & WORDISH != 0;
            assert_eq!(word_prefix(&window), if wordish { (WORD_WINDOW, class(b)) } else { (0, 0) }, "{b}");
            // The byte after a word-like prefix of every length.
            for k in 0..WORD_WINDOW {
                let mut window = [b'a'; WORD_WINDOW];
                window[k] = b;
                let expected = if wordish { WORD_WINDOW } else { k };
                let seen = ascii_classes(&window[..expected]);
                assert_eq!(word_prefix(&window), (expected, seen), "{b} at {k}");
            }
        }
    }

    #[test]
    fn offsets_are_exact() {
        let text = "Kyiv’s  mayor, 3.6\tmillion.\r\n\n São";
        let mut rebuilt = String::new();
        let mut newlines = Vec::new();
        for_each_segment(text, |Piece { offset, text: s, ascii, classes, spaced, newlines: n }| {
            assert!(!ascii || s.is_ascii(), "{s:?}");
            assert_eq!(classes, if ascii { ascii_classes(s.as_bytes()) } else { 0 }, "{s:?}");
            // Whatever lies between two segments is ASCII whitespace, said by `spaced`, its line feeds by `newlines`.
            let gap = &text[rebuilt.len()..offset];
            assert!(gap.bytes().all(|b| b.is_ascii_whitespace()));
            assert_eq!(spaced, !gap.is_empty(), "{s:?}");
            assert_eq!(n, gap.matches('\n').count(), "{s:?}");
            newlines.push(n);
            rebuilt.push_str(gap);
            rebuilt.push_str(s);
        });
        rebuilt.push_str(&text[rebuilt.len()..]);
        assert_eq!(rebuilt, text);
        assert_eq!(newlines.iter().sum::<usize>(), 2);
    }
}
