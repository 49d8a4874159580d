//! `newsdiff._native`: the Python bindings of the newsdiff library.
//!
//! Every function here is a thin wrapper: the computation is the library's (`newsdiff::dedup` for shingles,
//! MinHash and bands, `newsdiff::claims` and `newsdiff::render` for `compare`), so a signature computed from
//! Python is the one `newsdiff dedup` computes. Batches cross the boundary as plain buffers (little-endian
//! `u32`/`u64`/`f64` arrays as `bytes`); the Python package (`newsdiff/__init__.py`) turns them into NumPy
//! arrays. Work on a batch releases the GIL and runs on rayon's thread pool.

use newsdiff::article::Article;
use newsdiff::claims::{AlignConfig, Aligner, Idf, Matcher};
use newsdiff::dedup::lsh::Banding;
use newsdiff::dedup::{Shingler, intersection_size, minhash};
use newsdiff::normalize::Normalizer;
use pyo3::buffer::PyBuffer;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyBytes;
use rayon::prelude::*;

/// Signature lengths the `newsdiff dedup --num-perm` flag accepts.
const NUM_PERM: std::ops::RangeInclusive<usize> = 8..=1024;
/// Shingle sizes the `newsdiff dedup --shingle` flag accepts.
const SHINGLE: std::ops::RangeInclusive<usize> = 1..=16;

/// The same range check (and message) as the command line's flags.
fn check_range(name: &str, value: usize, range: &std::ops::RangeInclusive<usize>) -> PyResult<()> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!("{name}: {value} is not in {}..={}", range.start(), range.end())))
    }
}

/// The same check (and message) as the command line's 0..=1 flags.
fn check_unit(name: &str, value: f64) -> PyResult<()> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!("{name}: not a number between 0 and 1: \"{value}\" (example: 0.8)")))
    }
}

fn le_bytes<T: Copy, const N: usize>(values: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * N);
    for &v in values {
        out.extend_from_slice(&f(v));
    }
    out
}

/// Words and MinHash signature of one text, as `newsdiff dedup` computes them (`Deduplicator::sketch`).
fn sketch_one(shingler: &Shingler, text: &str, shingle: usize, sig: &mut [u32]) -> u32 {
    let words = shingler.words(text);
    let window = words.shingle_hashes(shingle);
    minhash::signature(&window, sig);
    u32::try_from(words.hashes.len()).unwrap_or(u32::MAX)
}

/// Signatures (`n × num_perm` little-endian `u32`) and word counts (`n` `u32`) of a batch of texts.
#[pyfunction]
#[pyo3(signature = (texts, num_perm = 128, shingle = 5))]
fn sketch<'py>(
    py: Python<'py>,
    texts: Vec<PyBackedStr>,
    num_perm: usize,
    shingle: usize,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    check_range("num_perm", num_perm, &NUM_PERM)?;
    check_range("shingle", shingle, &SHINGLE)?;
    let texts: Vec<&str> = texts.iter().map(|t| &**t).collect();
    let (sigs, words) = py.detach(|| sketch_texts(&texts, num_perm, shingle));
    Ok((PyBytes::new(py, &le_bytes(&sigs, u32::to_le_bytes)), PyBytes::new(py, &le_bytes(&words, u32::to_le_bytes))))
}

fn sketch_texts(texts: &[&str], num_perm: usize, shingle: usize) -> (Vec<u32>, Vec<u32>) {
    let shingler = Shingler::new();
    let mut sigs = vec![0u32; texts.len() * num_perm];
    let mut words = vec![0u32; texts.len()];
    sigs.par_chunks_mut(num_perm)
        .zip(words.par_iter_mut())
        .zip(texts.par_iter())
        .with_min_len(8)
        .for_each(|((sig, w), text)| *w = sketch_one(&shingler, text, shingle, sig));
    (sigs, words)
}

/// An Arrow string array's buffers, copied out of Python: `offsets` (`i32` or `i64`), `data` (UTF-8 bytes) and
/// `validity` (a bitmap, or None), with the array's `offset` and `length`.
struct ArrowStrings {
    bounds: Vec<i64>,
    data: Vec<u8>,
    valid: Option<Vec<u8>>,
    offset: usize,
    length: usize,
}

impl ArrowStrings {
    fn read(
        py: Python<'_>,
        offsets: &Bound<'_, PyAny>,
        data: &Bound<'_, PyAny>,
        validity: Option<&Bound<'_, PyAny>>,
        offset: usize,
        length: usize,
    ) -> PyResult<Self> {
        let data: Vec<u8> = PyBuffer::<u8>::get(data)?.to_vec(py)?;
        let bounds: Vec<i64> = match PyBuffer::<i32>::get(offsets) {
            Ok(b) => b.to_vec(py)?.into_iter().map(i64::from).collect(),
            Err(_) => PyBuffer::<i64>::get(offsets)?.to_vec(py)?,
        };
        let valid: Option<Vec<u8>> = validity.map(|v| PyBuffer::<u8>::get(v)?.to_vec(py)).transpose()?;
        if bounds.len() < offset + length + 1 {
            return Err(PyValueError::new_err("Arrow offsets shorter than the array"));
        }
        Ok(Self { bounds, data, valid, offset, length })
    }

    /// The strings, an empty one for a null.
    fn texts(&self) -> PyResult<Vec<&str>> {
        (self.offset..self.offset + self.length)
            .map(|i| {
                let is_valid = self.valid.as_ref().is_none_or(|v| v.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1));
                if !is_valid {
                    return Ok("");
                }
                let (start, end) = (self.bounds[i], self.bounds[i + 1]);
                let bytes = usize::try_from(start)
                    .ok()
                    .zip(usize::try_from(end).ok())
                    .and_then(|(s, e)| self.data.get(s..e))
                    .ok_or_else(|| PyValueError::new_err("Arrow offsets out of the data buffer"))?;
                std::str::from_utf8(bytes)
                    .map_err(|e| PyValueError::new_err(format!("invalid UTF-8 in Arrow data: {e}")))
            })
            .collect()
    }
}

/// [`sketch`] over an Arrow string array given by its buffers: `offsets` (`i32` or `i64`, `length + 1` values
/// from `offset`), `data` (UTF-8 bytes) and `validity` (a bitmap, or None); a null gives an empty text.
#[pyfunction]
#[pyo3(signature = (offsets, data, validity, offset, length, num_perm = 128, shingle = 5))]
#[allow(clippy::too_many_arguments)]
fn sketch_arrow<'py>(
    py: Python<'py>,
    offsets: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
    validity: Option<&Bound<'py, PyAny>>,
    offset: usize,
    length: usize,
    num_perm: usize,
    shingle: usize,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    check_range("num_perm", num_perm, &NUM_PERM)?;
    check_range("shingle", shingle, &SHINGLE)?;
    let array = ArrowStrings::read(py, offsets, data, validity, offset, length)?;
    let texts = array.texts()?;
    let (sigs, words) = py.detach(|| sketch_texts(&texts, num_perm, shingle));
    Ok((PyBytes::new(py, &le_bytes(&sigs, u32::to_le_bytes)), PyBytes::new(py, &le_bytes(&words, u32::to_le_bytes))))
}

/// The band shape `newsdiff dedup` uses for `num_perm` values and a Jaccard threshold: `(bands, rows)`.
#[pyfunction]
#[pyo3(signature = (num_perm = 128, threshold = 0.8))]
fn banding(num_perm: usize, threshold: f64) -> PyResult<(usize, usize)> {
    check_range("num_perm", num_perm, &NUM_PERM)?;
    check_unit("threshold", threshold)?;
    let b = Banding::for_threshold(num_perm, threshold);
    Ok((b.bands, b.rows))
}

/// Band keys (`n × bands` little-endian `u64`) of `n` signatures of `num_perm` values (a `u32` buffer).
#[pyfunction]
fn band_keys<'py>(
    py: Python<'py>,
    signatures: &Bound<'py, PyAny>,
    num_perm: usize,
    bands: usize,
    rows: usize,
) -> PyResult<Bound<'py, PyBytes>> {
    check_range("num_perm", num_perm, &NUM_PERM)?;
    if bands == 0 || rows == 0 || bands * rows > num_perm {
        return Err(PyValueError::new_err(format!(
            "bands: {bands} bands of {rows} rows do not fit in signatures of {num_perm} values"
        )));
    }
    let sigs: Vec<u32> = PyBuffer::<u32>::get(signatures)?.to_vec(py)?;
    if !sigs.len().is_multiple_of(num_perm) {
        return Err(PyValueError::new_err(format!(
            "signatures: {} values is not a whole number of signatures of {num_perm}",
            sigs.len()
        )));
    }
    let banding = Banding { bands, rows };
    let keys: Vec<u64> = py.detach(|| {
        sigs.par_chunks(num_perm)
            .with_min_len(64)
            .flat_map_iter(|sig| (0..bands).map(move |b| banding.key(sig, b)))
            .collect()
    });
    Ok(PyBytes::new(py, &le_bytes(&keys, u64::to_le_bytes)))
}

/// Exact Jaccard similarity of the `shingle`-word shingle sets of two texts.
#[pyfunction]
#[pyo3(signature = (a, b, shingle = 5))]
fn jaccard(a: &str, b: &str, shingle: usize) -> PyResult<f64> {
    check_range("shingle", shingle, &SHINGLE)?;
    let s = Shingler::new();
    Ok(newsdiff::dedup::jaccard(&s.shingles_of(a, shingle), &s.shingles_of(b, shingle)))
}

/// Exact Jaccard similarity and containment of pairs of texts (`a[i]` with `b[i]`): two `f64` buffers.
#[pyfunction]
#[pyo3(signature = (a, b, shingle = 5))]
fn verify<'py>(
    py: Python<'py>,
    a: Vec<PyBackedStr>,
    b: Vec<PyBackedStr>,
    shingle: usize,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    check_range("shingle", shingle, &SHINGLE)?;
    if a.len() != b.len() {
        return Err(PyValueError::new_err(format!(
            "verify: {} texts in a, {} in b; pairs need as many",
            a.len(),
            b.len()
        )));
    }
    let pairs: Vec<(&str, &str)> = a.iter().zip(&b).map(|(x, y)| (&**x, &**y)).collect();
    let (jac, con): (Vec<f64>, Vec<f64>) = py.detach(|| {
        let s = Shingler::new();
        pairs
            .par_iter()
            .map(|(x, y)| {
                let (sa, sb) = (s.shingles_of(x, shingle), s.shingles_of(y, shingle));
                let inter = intersection_size(&sa, &sb);
                let union = sa.len() + sb.len() - inter;
                // The same arithmetic as `Deduplicator`'s verification.
                (inter as f64 / union.max(1) as f64, inter as f64 / sa.len().min(sb.len()).max(1) as f64)
            })
            .unzip()
    });
    Ok((PyBytes::new(py, &le_bytes(&jac, f64::to_le_bytes)), PyBytes::new(py, &le_bytes(&con, f64::to_le_bytes))))
}

/// Exact Jaccard similarity of pairs of texts given by index: `texts[a[i]]` with `texts[b[i]]` (`a` and `b`
/// little-endian `i64`), the texts an Arrow string array given by its buffers (as for [`sketch_arrow`]; a null
/// is an empty text). Each text is shingled once, however many pairs it is in (the shingle sets of all the
/// texts are held at once: 8 bytes a word). Returns the similarities (`f64`).
#[pyfunction]
#[pyo3(signature = (offsets, data, validity, offset, length, a, b, shingle = 5))]
#[allow(clippy::too_many_arguments)]
fn verify_arrow<'py>(
    py: Python<'py>,
    offsets: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
    validity: Option<&Bound<'py, PyAny>>,
    offset: usize,
    length: usize,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    shingle: usize,
) -> PyResult<Bound<'py, PyBytes>> {
    check_range("shingle", shingle, &SHINGLE)?;
    let array = ArrowStrings::read(py, offsets, data, validity, offset, length)?;
    let texts = array.texts()?;
    let (a, b) = (PyBuffer::<i64>::get(a)?.to_vec(py)?, PyBuffer::<i64>::get(b)?.to_vec(py)?);
    if a.len() != b.len() {
        return Err(PyValueError::new_err(format!(
            "verify: {} indices in a, {} in b; pairs need as many",
            a.len(),
            b.len()
        )));
    }
    let index = |i: i64| usize::try_from(i).ok().filter(|&i| i < texts.len());
    let pairs: Vec<(usize, usize)> = a
        .iter()
        .zip(&b)
        .map(|(&x, &y)| index(x).zip(index(y)))
        .collect::<Option<_>>()
        .ok_or_else(|| PyValueError::new_err(format!("verify: an index is not in 0..{}", texts.len())))?;
    let jac: Vec<f64> = py.detach(|| {
        let s = Shingler::new();
        let sets: Vec<Vec<u64>> = texts.par_iter().map(|t| s.shingles_of(t, shingle)).collect();
        pairs
            .par_iter()
            .map(|&(x, y)| {
                let (sa, sb) = (&sets[x], &sets[y]);
                let inter = intersection_size(sa, sb);
                // The same arithmetic as `Deduplicator`'s verification (and `verify`).
                inter as f64 / (sa.len() + sb.len() - inter).max(1) as f64
            })
            .collect()
    });
    Ok(PyBytes::new(py, &le_bytes(&jac, f64::to_le_bytes)))
}

/// `newsdiff compare --json` on two texts (parsed like text files named `id_a` and `id_b`): the JSON text.
#[pyfunction]
#[pyo3(signature = (a, b, id_a = "a", id_b = "b", model = true))]
fn compare(py: Python<'_>, a: &str, b: &str, id_a: &str, id_b: &str, model: bool) -> PyResult<String> {
    let (a, b) = (Article::from_text(id_a, a), Article::from_text(id_b, b));
    py.detach(|| {
        let normalizer = Normalizer::new();
        let (da, db) = (normalizer.normalize(&a), normalizer.normalize(&b));
        let idf = Idf::from_documents([&da, &db]);
        let config =
            AlignConfig { matcher: if model { Matcher::Semantic } else { Matcher::Lexical }, ..AlignConfig::default() };
        let alignment = Aligner::new(config).align(&a, &da, &b, &db, &idf);
        let mut out = Vec::new();
        newsdiff::render::compare::render_json(&mut out, &a, &b, &alignment, alignment.threshold)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        String::from_utf8(out).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    })
}

/// `newsdiff tokens --json` on one text (parsed like a text file named `id`): the JSON text.
#[pyfunction]
#[pyo3(signature = (text, id = "text"))]
fn tokens(text: &str, id: &str) -> PyResult<String> {
    let article = Article::from_text(id, text);
    let doc = Normalizer::new().normalize(&article);
    let mut out = Vec::new();
    newsdiff::render::tokens::render_json(&mut out, &article, &doc)
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    String::from_utf8(out).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sketch, m)?)?;
    m.add_function(wrap_pyfunction!(sketch_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(banding, m)?)?;
    m.add_function(wrap_pyfunction!(band_keys, m)?)?;
    m.add_function(wrap_pyfunction!(jaccard, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(verify_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    Ok(())
}
