"""The extension against the binary: same signatures, same band shape, same compare and tokens output."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

import newsdiff
from conftest import ROOT, make_corpus, newsdiff_bin, write_jsonl


def read_index(path: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Ids, word counts and signatures from a `newsdiff dedup --save-index` file (format in src/dedup/mod.rs)."""
    data = path.read_bytes()
    assert data[:8] == b"NDDEDUP\0"
    _version, _shingle, m, _zero, count = struct.unpack_from("<IIIIQ", data, 8)
    at = 32
    ids, words, sigs = [], [], []
    for _ in range(count):
        fields = []
        for _ in range(4):
            (n,) = struct.unpack_from("<I", data, at)
            at += 4
            if n != 0xFFFFFFFF:
                fields.append(data[at:at + n].decode())
                at += n
        ids.append(fields[0])
        (w,) = struct.unpack_from("<I", data, at)
        at += 4 + 16
        (n_shingles,) = struct.unpack_from("<I", data, at)
        at += 4
        sigs.append(np.frombuffer(data, dtype="<u4", count=m, offset=at))
        at += 4 * m + 8 * n_shingles
        words.append(w)
    return ids, np.array(words), np.stack(sigs)


@pytest.mark.parametrize("num_perm,shingle", [(128, 5), (64, 3)])
def test_minhash_is_the_binarys(tmp_path, num_perm, shingle):
    articles = make_corpus(60, seed=3)
    path = write_jsonl(tmp_path / "c.jsonl", articles)
    index = tmp_path / "c.idx"
    subprocess.run([newsdiff_bin(), "dedup", "--quiet", "--num-perm", str(num_perm), "--shingle", str(shingle),
                    "--save-index", str(index), str(path)], check=True, capture_output=True)
    ids, words, sigs = read_index(index)
    assert ids == [a["id"] for a in articles]
    texts = [a["text"] for a in articles]
    ours, our_words = newsdiff.sketch(texts, num_perm=num_perm, shingle=shingle)
    assert ours.dtype == np.uint32 and ours.shape == (len(texts), num_perm)
    np.testing.assert_array_equal(our_words, words)
    # Articles with words: the signatures the binary saved, value for value.
    has_words = words > 0
    np.testing.assert_array_equal(ours[has_words], sigs[has_words])
    np.testing.assert_array_equal(newsdiff.minhash(texts, num_perm=num_perm, shingle=shingle), ours)


def test_arrow_input_gives_the_same_signatures():
    pa = pytest.importorskip("pyarrow")
    texts = [a["text"] for a in make_corpus(50, seed=5)] + ["Zelenskyy’s office — São Paulo, ação", ""]
    arr = pa.array(texts + [None])
    expected = newsdiff.minhash(texts + [""])
    np.testing.assert_array_equal(newsdiff.minhash(arr), expected)
    np.testing.assert_array_equal(newsdiff.minhash(arr.slice(3, 20)), expected[3:23])
    np.testing.assert_array_equal(newsdiff.minhash(pa.array(texts, type=pa.large_string())), expected[:-1])
    np.testing.assert_array_equal(newsdiff.minhash(pa.chunked_array([texts[:10], texts[10:]])), expected[:-1])


def test_banding_and_band_keys():
    assert newsdiff.banding() == (21, 6)
    assert newsdiff.banding(128, 0.5)[1] < 6
    texts = [a["text"] for a in make_corpus(30, seed=11)]
    sigs = newsdiff.minhash(texts)
    keys = newsdiff.band_keys(sigs)
    assert keys.shape == (len(texts), 21) and keys.dtype == np.uint64
    # Equal bands give equal keys, a changed band a different key, and each band its own key space.
    copy = sigs.copy()
    copy[0, :6] += 1
    changed = newsdiff.band_keys(copy)
    assert changed[0, 0] != keys[0, 0]
    np.testing.assert_array_equal(changed[0, 1:], keys[0, 1:])
    same = np.tile(sigs[:1, :6], (1, 2))
    two = newsdiff.band_keys(np.ascontiguousarray(same), bands=2)
    assert two[0, 0] != two[0, 1]
    assert newsdiff.band_keys(sigs, bands=16).shape == (len(texts), 16)


def test_jaccard_and_verify():
    a = "Delegations from both countries met in Geneva on Friday to resume talks on a ceasefire, officials said."
    b = a.replace("Friday", "Saturday")
    assert newsdiff.jaccard(a, a) == 1.0
    assert newsdiff.jaccard(a.upper(), a) == 1.0
    j = newsdiff.jaccard(a, b)
    assert 0.2 < j < 0.8
    jac, con = newsdiff.verify([a, a, ""], [b, a, ""], containment=True)
    np.testing.assert_allclose(jac, [j, 1.0, 0.0])
    assert con[1] == 1.0


def test_verify_by_index_is_verify():
    # The verification newsdiff.spark does on the driver: texts as an Arrow array, pairs as indices, each text
    # shingled once; the same similarities as verify on the pairs' texts (nulls are empty texts).
    pa = pytest.importorskip("pyarrow")
    from newsdiff import _native
    from newsdiff.spark import _buffers

    texts = [a["text"] for a in make_corpus(40, seed=3)] + ["", None]
    arr = pa.array(texts)
    rng = np.random.default_rng(1)
    ia, ib = rng.integers(0, len(texts), 200), rng.integers(0, len(texts), 200)
    got = np.frombuffer(_native.verify_arrow(*_buffers(arr), ia, ib, 5), dtype="<f8")
    np.testing.assert_array_equal(got, newsdiff.verify([texts[i] or "" for i in ia], [texts[i] or "" for i in ib]))
    sliced = np.frombuffer(_native.verify_arrow(*_buffers(arr.slice(5, 10)), np.array([0, 1]), np.array([9, 0]), 5),
                           dtype="<f8")
    np.testing.assert_array_equal(sliced, newsdiff.verify([texts[5], texts[6]], [texts[14], texts[5]]))
    with pytest.raises(ValueError, match=f"not in 0..{len(texts)}"):
        _native.verify_arrow(*_buffers(arr), np.array([0]), np.array([len(texts)]), 5)


def test_settings_errors_have_the_command_lines_messages():
    with pytest.raises(ValueError, match=r"num_perm: 2000 is not in 8\.\.=1024"):
        newsdiff.minhash(["a b c"], num_perm=2000)
    with pytest.raises(ValueError, match=r"shingle: 0 is not in 1\.\.=16"):
        newsdiff.minhash(["a b c"], shingle=0)
    with pytest.raises(ValueError, match="threshold: not a number between 0 and 1"):
        newsdiff.banding(128, 1.5)
    with pytest.raises(ValueError, match="do not fit"):
        newsdiff.band_keys(np.zeros((2, 16), dtype=np.uint32), bands=17)
    with pytest.raises(TypeError, match="one str"):
        newsdiff.minhash("just one text")
    with pytest.raises(ValueError, match="pairs need as many"):
        newsdiff.verify(["a"], [])


@pytest.mark.parametrize("model", [False, True])
def test_compare_is_compare_json(model):
    a = ROOT / "seeds" / "001_7fb53fbd3c46e9a8.txt"
    b = ROOT / "seeds" / "002_6b34b3c9854d6455.txt"
    args = [newsdiff_bin(), "compare", "--json", str(a), str(b)] + ([] if model else ["--no-model"])
    expected = json.loads(subprocess.run(args, capture_output=True, text=True).stdout)
    got = newsdiff.compare(a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"), model=model,
                           id_a=a.stem, id_b=b.stem)
    # The origin names the file for the binary, the id for Python; everything else is equal.
    for doc in (expected, got):
        for side in ("a", "b"):
            doc.get(side, {}).pop("origin", None)
    assert got == expected
    assert got["pairs"], "the seeds share claims"


def test_tokens_is_tokens_json():
    path = ROOT / "seeds" / "000_685572fa8566e146.txt"
    expected = json.loads(subprocess.run([newsdiff_bin(), "tokens", "--json", str(path)],
                                         capture_output=True, text=True, check=True).stdout)
    got = newsdiff.tokens(path.read_text(encoding="utf-8"), id=path.stem)
    expected.pop("origin", None)
    got.pop("origin", None)
    assert got == expected
