"""newsdiff for Python: near-duplicate detection and claim comparison from the newsdiff Rust library.

The computation is the Rust crate's (this package is a thin layer over its extension module), so
:func:`minhash` gives the signatures ``newsdiff dedup`` computes, and :func:`compare` the document
``newsdiff compare --json`` prints. Batch functions take a list of texts (or a ``pyarrow`` string array)
and return NumPy arrays; they release the GIL and use every core.

Pipeline for near-duplicates (what :mod:`newsdiff.spark` does on a cluster)::

    sigs = newsdiff.minhash(texts)                    # (n, 128) uint32
    keys = newsdiff.band_keys(sigs)                   # (n, 21) uint64 for the LSH join
    # ... rows sharing a key in one column are candidate pairs ...
    j = newsdiff.verify(texts_a, texts_b)             # exact Jaccard of each candidate pair
"""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence, Tuple

import numpy as np

from . import _native

__all__ = [
    "minhash",
    "sketch",
    "banding",
    "band_keys",
    "jaccard",
    "verify",
    "compare",
    "tokens",
]


def _is_arrow_strings(texts: Any) -> bool:
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow is optional
        return False
    if isinstance(texts, pa.ChunkedArray):
        return True
    return isinstance(texts, pa.Array) and (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type))


def _sketch_arrow(texts: Any, num_perm: int, shingle: int) -> Tuple[np.ndarray, np.ndarray]:
    import pyarrow as pa

    if isinstance(texts, pa.ChunkedArray):
        parts = [_sketch_arrow(chunk, num_perm, shingle) for chunk in texts.chunks]
        if not parts:
            return np.zeros((0, num_perm), dtype=np.uint32), np.zeros(0, dtype=np.uint32)
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    validity, offsets, data = texts.buffers()
    if data is None:  # an array of nulls or of empty strings only
        data = pa.py_buffer(b"")
    offsets_np = np.frombuffer(offsets, dtype=np.int64 if pa.types.is_large_string(texts.type) else np.int32)
    sigs, words = _native.sketch_arrow(
        offsets_np, np.frombuffer(data, dtype=np.uint8),
        None if validity is None else np.frombuffer(validity, dtype=np.uint8), texts.offset,
        len(texts), num_perm, shingle,
    )
    return _as_signatures(sigs, len(texts), num_perm), np.frombuffer(words, dtype="<u4")


def _as_signatures(raw: bytes, n: int, num_perm: int) -> np.ndarray:
    return np.frombuffer(raw, dtype="<u4").reshape(n, num_perm)


def sketch(texts: Any, num_perm: int = 128, shingle: int = 5) -> Tuple[np.ndarray, np.ndarray]:
    """MinHash signatures and word counts of a batch of texts.

    Returns ``(signatures, words)``: a read-only ``(len(texts), num_perm)`` ``uint32`` array and a
    ``uint32`` array of word counts (a text without words has an all-zero signature; ``newsdiff dedup``
    never clusters it). ``texts`` is a sequence of ``str`` or a ``pyarrow`` string array (nulls count as
    empty texts). Raises ``ValueError`` for settings ``newsdiff dedup`` refuses.
    """
    if _is_arrow_strings(texts):
        return _sketch_arrow(texts, num_perm, shingle)
    if isinstance(texts, str):
        raise TypeError("texts: expected a sequence of str, got one str (wrap it in a list)")
    texts = list(texts)
    sigs, words = _native.sketch(texts, num_perm, shingle)
    return _as_signatures(sigs, len(texts), num_perm), np.frombuffer(words, dtype="<u4")


def minhash(texts: Any, num_perm: int = 128, shingle: int = 5) -> np.ndarray:
    """MinHash signatures of a batch of texts, identical to ``newsdiff dedup``'s for the same settings.

    ``shingle`` words per shingle (1 to 16), ``num_perm`` values per signature (8 to 1024). The values are
    32-bit (one-permutation hashing keeps the low 32 bits of each bin's minimum), so the result is a
    ``(len(texts), num_perm)`` ``uint32`` array; ``.astype(np.uint64)`` widens it. There is no seed: the
    hashing is fixed, which is what makes signatures comparable across runs, machines and the command line.
    """
    return sketch(texts, num_perm, shingle)[0]


def banding(num_perm: int = 128, threshold: float = 0.8) -> Tuple[int, int]:
    """The band shape ``(bands, rows)`` ``newsdiff dedup`` uses: the widest bands that still make a pair of
    Jaccard ``threshold`` a candidate with probability 0.995 (``(21, 6)`` for 128 values at 0.8)."""
    return _native.banding(num_perm, threshold)


def band_keys(signatures: np.ndarray, bands: Optional[int] = None, threshold: float = 0.8) -> np.ndarray:
    """Per-document band hashes for the LSH join: a ``(n, bands)`` ``uint64`` array.

    Two documents are candidates when they share the key of some band ``b`` (column ``b``; keys of different
    bands never collide in meaning, so compare within a column). ``bands`` defaults to
    :func:`banding`'s for ``threshold``; with ``bands`` given, each band has ``num_perm // bands`` rows.
    """
    sigs = np.ascontiguousarray(signatures, dtype=np.uint32)
    if sigs.ndim != 2:
        raise ValueError(f"signatures: expected a 2-D array, got {sigs.ndim} dimensions")
    n, num_perm = sigs.shape
    if bands is None:
        bands, rows = banding(num_perm, threshold)
    else:
        if bands < 1:
            raise ValueError(f"bands: {bands} is not a positive number")
        rows = num_perm // bands
    raw = _native.band_keys(sigs.reshape(-1), num_perm, bands, rows)
    return np.frombuffer(raw, dtype="<u8").reshape(n, bands)


def jaccard(text_a: str, text_b: str, shingle: int = 5) -> float:
    """Exact Jaccard similarity of the ``shingle``-word shingle sets of two texts (what ``newsdiff dedup``
    verifies a candidate pair with)."""
    return _native.jaccard(text_a, text_b, shingle)


def verify(texts_a: Sequence[str], texts_b: Sequence[str], shingle: int = 5,
           containment: bool = False) -> Any:
    """Exact Jaccard similarity of each pair ``(texts_a[i], texts_b[i])``: a ``float64`` array.

    With ``containment=True``, returns ``(jaccard, containment)``, the second being the share of the smaller
    shingle set found in the larger.
    """
    jac, con = _native.verify(list(texts_a), list(texts_b), shingle)
    jac = np.frombuffer(jac, dtype="<f8")
    return (jac, np.frombuffer(con, dtype="<f8")) if containment else jac


def compare(a: str, b: str, *, model: bool = True, id_a: str = "a", id_b: str = "b") -> dict:
    """Aligns the claims of two articles: the document ``newsdiff compare --json`` prints, as a dict.

    Each text is read like a text file (a first line followed by a blank line is its title); ``id_a`` and
    ``id_b`` stand for the file names. ``model=False`` is ``--no-model`` (word overlap only, no sentence
    encoder).
    """
    return json.loads(_native.compare(a, b, id_a, id_b, model))


def tokens(text: str, *, id: str = "text") -> dict:
    """What the normalizer makes of a text: the object ``newsdiff tokens --json`` prints (sentences with
    byte spans, each with its tokens and their normalized forms)."""
    return json.loads(_native.tokens(text, id))
