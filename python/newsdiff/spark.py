"""Near-duplicate articles in a Spark DataFrame, with newsdiff's MinHash, bands and exact verification.

:func:`dedup` is ``newsdiff dedup`` spread over a cluster, in plain DataFrame operations (no Spark package to
download):

1. **Sketch**: each partition's texts go through the Rust extension in Arrow batches (``mapInArrow``): word
   count and the band keys of the MinHash signature, the same values ``newsdiff dedup`` computes.
   (:func:`dedup_jsonl` reads JSON Lines as text and the workers parse each line as they sketch it.)
2. **Candidates**: each member of a bucket pairs with the next ``max_bucket_pairs`` members, as in the command
   line, which keeps a bucket of boilerplate linear. Up to ``driver_keys`` band keys, the sketches are
   collected and each band sorted on the driver (NumPy). Beyond, the band keys are exploded to
   ``(band, key, pos)`` rows, shuffled by bucket and sorted within each partition; the runs of equal keys are
   the buckets (NumPy over Arrow batches), and the pairs are checkpointed: every later step reads them once.
3. **Verification**: the exact Jaccard similarity of 5-word shingles of each candidate pair; pairs under the
   threshold go. With the candidates on the driver, at most ``driver_pairs`` of them and at most
   ``driver_words`` words in their texts, the texts are collected and compared there by the extension. Else
   the texts of the articles in candidate pairs are joined to the pairs and compared in the executors
   (``mapInArrow``); with at most ``driver_pairs`` candidates their positions are broadcast, so only the texts
   needed are shuffled.
4. **Clusters**: connected components of the verified pairs. Up to ``driver_pairs`` pairs (the usual case: a
   few per hundred articles) they are collected and joined on the driver (vectorised union-find); beyond that,
   by iterative min-label propagation with DataFrame joins, plus pointer jumping (a node takes its label's
   label), until no label changes. Either way every article of a component ends with the smallest input
   position in it, which makes the result deterministic.
5. **Representatives**: ``keep="first"`` keeps the first article in input order, ``keep="longest"`` the one with
   the most words (the first of those on a tie), as ``newsdiff dedup --keep``; on the driver with the
   components, or by joins.

Input order is the order of ``order_col`` when given (unique integers; the input is then read twice instead of
being persisted), else Spark's ``monotonically_increasing_id`` at the input
(for files: file order, then line order, which is the order ``newsdiff dedup`` reads them in). No step's result
depends on which side, driver or Spark, did it.

Run as a command::

    python -m newsdiff.spark dedup INPUT OUTPUT_DIR [--master local[2]] [--threshold 0.8] \\
        [--text-field text] [--id-field id] [--keep first|longest]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from typing import Callable, Dict, Iterator, List, NamedTuple, Optional

import numpy as np

import newsdiff

#: Pairs a bucket member makes with the members after it (``newsdiff::dedup::lsh::MAX_BUCKET_PAIRS``).
MAX_BUCKET_PAIRS = 256

#: Label propagation rounds before giving up (each round at least halves the distance to the smallest label
#: with pointer jumping; 64 rounds is far more than any real cluster needs).
MAX_ROUNDS = 64

#: Verified pairs up to which the connected components are found on the driver (union-find in NumPy over
#: the collected pairs: 16 bytes a pair, 80 MB at this bound) instead of by rounds of DataFrame joins. Each join
#: round is a few Spark jobs with their shuffles, which cost far more than the pairs themselves below this size
#: (100,000 articles of the generated corpus give 10,128 verified pairs; see docs/spark.md).
DRIVER_PAIRS = 5_000_000

#: Band keys (articles times bands) up to which the candidate pairs are found on the driver: the sketches'
#: positions, ids, word counts and keys are collected (8 bytes a key: 80 MB at this bound, about 476,000
#: articles at 21 bands, under Spark's default ``spark.driver.maxResultSize`` of 1 GB) and each band is sorted
#: in NumPy, instead of the keys being exploded to rows, shuffled and sorted by Spark. At 100,000 articles the
#: Spark way was the slowest step of a run after the sketches (15 s on a loaded 2-core machine; docs/spark.md).
DRIVER_KEYS = 10_000_000

#: Words in the texts of the candidate pairs up to which they are verified on the driver (the texts collected,
#: then compared by the extension on every core) instead of being joined to the pairs and verified in Spark:
#: about 130 MB of text at the 6.7 bytes a word of the generated corpus, well under the driver's result limit.
#: The 26,944 candidates of 100,000 generated articles need 38,740 texts, 13.1 million words (87 MB); the
#: driver's Python process peaked at 630 MB with them and their shingle sets (docs/spark.md), so expect about
#: 1 GB at this bound.
DRIVER_WORDS = 20_000_000

_KEEP = ("first", "longest")

#: Settings the command gives a Spark it starts in local mode (one machine, one short-lived JVM), unless
#: ``PYSPARK_SUBMIT_ARGS`` sets them. ``-XX:TieredStopAtLevel=1`` compiles with the JIT's quick first tier only:
#: the second tier's compilations of Spark's start-up and planning code took more CPU than they gave back within
#: one run (docs/spark.md, "Where the time went": on a loaded 2-core machine, local Spark's start-up to the end
#: of its first job went from 46.5 s to 18.0 s with both settings, python/bench/startup.py; 100,000 articles,
#: with the two other changes made then, from a median of 107.8 s to 69.6 s in alternated runs). The web UI is
#: off (nobody watches a command's UI, and its server's start-up is in every run). The Python workers are forked
#: from :mod:`newsdiff.spark_daemon`, which imports NumPy, pyarrow and the extension once for all of them.
LOCAL_CONF = {
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1",
    "spark.ui.enabled": "false",
    "spark.python.daemon.module": "newsdiff.spark_daemon",
}


class DedupError(ValueError):
    """Bad input or settings for :func:`dedup` (a missing column, an empty DataFrame, an unknown ``keep``)."""


def _numbers(values: np.ndarray, dtype=np.int64):
    """A pyarrow array of a NumPy array of numbers, made from its buffer. ``pa.array`` would do, but its first
    call in a process imports pandas (pyarrow checks every input for pandas types): about 3 s in each Python
    worker of a loaded 2-core machine, more than sketching 50,000 articles."""
    import pyarrow as pa

    values = np.ascontiguousarray(values, dtype=dtype)
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values), [None, pa.py_buffer(values)])


def _values(array, dtype=np.int64) -> np.ndarray:
    """The values of a pyarrow array of numbers as a NumPy array, read from its buffer (``to_numpy`` imports
    pandas too, see :func:`_numbers`)."""
    if array.null_count:
        return array.to_numpy(zero_copy_only=False).astype(dtype)
    return np.frombuffer(array.buffers()[1], dtype=dtype)[array.offset:array.offset + len(array)]


def _strings(values: List[str]):
    """A pyarrow string array of Python strings, made from its buffers (see :func:`_numbers`)."""
    import pyarrow as pa

    data = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum([len(d) for d in data], out=offsets[1:])
    if offsets[-1] < 2**31:
        return pa.Array.from_buffers(pa.string(), len(data), [None, pa.py_buffer(offsets.astype(np.int32)),
                                                             pa.py_buffer(b"".join(data))])
    return pa.Array.from_buffers(pa.large_string(), len(data), [None, pa.py_buffer(offsets),
                                                               pa.py_buffer(b"".join(data))])


def _buffers(array) -> tuple:
    """The arguments of the extension's Arrow functions for a pyarrow string array (or a chunked one): its
    offsets, data and validity buffers as NumPy arrays, its offset and its length."""
    import pyarrow as pa

    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    validity, offsets, data = array.buffers()
    large = pa.types.is_large_string(array.type)
    return (np.frombuffer(offsets, dtype=np.int64 if large else np.int32),
            np.frombuffer(data if data is not None else b"", dtype=np.uint8),
            None if validity is None else np.frombuffer(validity, dtype=np.uint8), array.offset, len(array))


def _sketch_record(pos, ids, texts, num_perm: int, shingle: int, bands: int):
    """One (pos, id, words, keys) Arrow batch from the positions, ids and texts of a batch of articles."""
    import pyarrow as pa

    sigs, words = newsdiff.sketch(texts, num_perm=num_perm, shingle=shingle)
    keys = newsdiff.band_keys(sigs, bands=bands).view(np.int64)
    # Articles without words are never clustered: no band keys.
    lengths = np.where(words > 0, bands, 0).astype(np.int32)
    offsets = np.zeros(len(words) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    values = keys[words > 0].reshape(-1)
    key_lists = pa.ListArray.from_arrays(_numbers(offsets, np.int32), _numbers(values))
    return pa.RecordBatch.from_arrays([pos, ids, _numbers(words, np.int32), key_lists],
                                      names=["pos", "id", "words", "keys"])


def _sketch_batches(batches, num_perm: int, shingle: int, bands: int, strict: Optional[str]) -> Iterator:
    """mapInArrow body: (pos, id, text) batches to (pos, id, words, keys) batches. With ``strict`` (the input's
    name), a missing text or id is an error naming it."""
    for batch in batches:
        texts, ids = batch.column("text"), batch.column("id")
        if strict is not None and texts.null_count:
            raise ValueError(f"{strict}: an article has no text (choose the field with --text-field)")
        if strict is not None and ids.null_count:
            raise ValueError(f"{strict}: an article has no id (choose the field with --id-field)")
        yield _sketch_record(batch.column("pos"), ids, texts, num_perm, shingle, bands)


def _scalar(value) -> Optional[str]:
    """An id as ``newsdiff dedup`` reads it: a string, or a number or boolean as written in JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return json.dumps(value)
    return None


def _text(value) -> Optional[str]:
    """A text as ``newsdiff dedup`` reads it: a string, or a list of strings (paragraphs) joined by blank lines."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def _json_articles(lines, text_field: str, id_field: str, path: str):
    """The articles of a batch of JSON lines (a pyarrow string array): ``(rows, ids, texts)``, ``rows`` being
    the indices of the lines that hold one (blank lines hold none). A line that is not a JSON object (quoted in
    the message), or has no text or no id, is a ``ValueError`` naming ``path``."""
    rows, ids, texts = [], [], []
    for i, line in enumerate(lines.to_pylist()):
        if line is None or not line.strip():
            continue
        line = line.lstrip("\ufeff")
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"{path}: invalid JSON: {exc}: {line.strip()[:80]}") from None
        if not isinstance(obj, dict):
            raise ValueError(f"{path}: invalid JSON: not an object: {line.strip()[:80]}")
        text = _text(obj.get(text_field))
        if text is None:
            raise ValueError(f"{path}: an article has no text field (looked for {text_field}; "
                             "choose one with --text-field)")
        ident = _scalar(obj.get(id_field))
        if ident is None:
            raise ValueError(f"{path}: an article has no id (looked for {id_field}; choose one with --id-field)")
        rows.append(i)
        ids.append(ident)
        texts.append(text)
    return np.array(rows, dtype=np.int64), ids, texts


def _sketch_lines(batches, text_field: str, id_field: str, path: str, num_perm: int, shingle: int,
                  bands: int) -> Iterator:
    """mapInArrow body: (pos, line) batches of JSON lines to (pos, id, words, keys) batches."""
    for batch in batches:
        rows, ids, texts = _json_articles(batch.column("line"), text_field, id_field, path)
        pos = _numbers(_values(batch.column("pos"))[rows])
        yield _sketch_record(pos, _strings(ids), texts, num_perm, shingle, bands)


def _text_lines(batches, text_field: str, id_field: str, path: str) -> Iterator:
    """mapInArrow body: (pos, line) batches of JSON lines to (pos, text) batches."""
    import pyarrow as pa

    for batch in batches:
        rows, _, texts = _json_articles(batch.column("line"), text_field, id_field, path)
        yield pa.RecordBatch.from_arrays([_numbers(_values(batch.column("pos"))[rows]), _strings(texts)],
                                         names=["pos", "text"])


#: Candidate pairs per Arrow batch out of the bucket step (16 MB of positions): a boilerplate bucket of a million
#: members makes 256 million pairs, which go out in pieces of this size rather than in one array.
PAIRS_PER_BATCH = 1 << 20


def _run_pairs(pos: np.ndarray, starts: np.ndarray, max_pairs: int) -> Iterator:
    """Candidate pairs of sorted bucket runs, as ``(a, b)`` arrays of at most about :data:`PAIRS_PER_BATCH`
    pairs: ``pos`` holds the members of consecutive buckets, each run sorted, ``starts`` the index where each run
    begins; every member pairs with the next ``max_pairs`` of its run."""
    n = len(pos)
    ends = np.append(starts[1:], n)
    after = np.repeat(ends, ends - starts) - np.arange(n) - 1  # members after each one in its run
    idx = np.flatnonzero(after >= 1)
    a, b, held = [], [], 0
    d = 1
    while len(idx) and d <= max_pairs:
        a.append(pos[idx])
        b.append(pos[idx + d])
        held += len(idx)
        if held >= PAIRS_PER_BATCH:
            yield np.concatenate(a), np.concatenate(b)
            a, b, held = [], [], 0
        d += 1
        idx = idx[after[idx] >= d]
    if a:
        yield np.concatenate(a), np.concatenate(b)


def _bucket_batches(batches, max_pairs: int) -> Iterator:
    """mapInArrow body over (band, key, pos) rows sorted by key, band and pos within the partition (so each bucket
    is one run of rows, which may go on into the next batch): (a, b) candidate pairs, a < b, each member of a
    bucket with the next ``max_pairs`` members. A bucket of one member gives nothing."""
    import pyarrow as pa

    band, key, pos = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)

    def pairs(pos, starts):
        for a, b in _run_pairs(pos, starts, max_pairs):
            yield pa.RecordBatch.from_arrays([_numbers(a), _numbers(b)], names=["a", "b"])

    for batch in batches:
        band = np.concatenate((band, _values(batch.column("band"), np.int32)))
        key = np.concatenate((key, _values(batch.column("key"), np.int64)))
        pos = np.concatenate((pos, _values(batch.column("pos"), np.int64)))
        starts = np.concatenate(([0], np.flatnonzero((band[1:] != band[:-1]) | (key[1:] != key[:-1])) + 1))
        # The last bucket of the batch may go on in the next one: held back until it ends.
        last = starts[-1]
        if last:
            yield from pairs(pos[:last], starts[:-1])
            band, key, pos = band[last:], key[last:], pos[last:]
    if len(pos):
        yield from pairs(pos, np.zeros(1, dtype=np.int64))


def _verify_batches(batches, shingle: int, threshold: float) -> Iterator:
    """mapInArrow body: (a, b, text_a, text_b) batches to verified (a, b, jaccard) batches."""
    import pyarrow as pa

    for batch in batches:
        ta = [t or "" for t in batch.column("text_a").to_pylist()]
        tb = [t or "" for t in batch.column("text_b").to_pylist()]
        jac = newsdiff.verify(ta, tb, shingle=shingle)
        keep = jac >= threshold
        yield pa.RecordBatch.from_arrays(
            [_numbers(_values(batch.column("a"))[keep]), _numbers(_values(batch.column("b"))[keep]),
             _numbers(jac[keep], np.float64)],
            names=["a", "b", "jaccard"],
        )


def _components_local(a: np.ndarray, b: np.ndarray):
    """Connected components of the pairs ``(a[i], b[i])`` on the driver: ``(nodes, labels)``, every node in a pair
    with the smallest node of its component (the same result as :func:`_components`).

    Union-find by hooking and pointer jumping, vectorised: each round every pair's two roots hook onto the
    smaller one, then every node jumps to its root; the smallest node of a component is never hooked, so it ends
    as the root of them all."""
    nodes, index = np.unique(np.concatenate((a, b)), return_inverse=True)
    ia, ib = index[: len(a)], index[len(a):]
    parent = np.arange(len(nodes))
    while True:
        ra, rb = parent[ia], parent[ib]
        if np.array_equal(ra, rb):
            return nodes, nodes[parent]
        low = np.minimum(ra, rb)
        np.minimum.at(parent, ra, low)
        np.minimum.at(parent, rb, low)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def _components(spark, edges):
    """Connected components of ``edges`` (columns a, b): a DataFrame (v, label) for every node in an edge, the
    label being the smallest node of its component."""
    from pyspark.sql import functions as F

    both = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).unionByName(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst")))
    both = both.localCheckpoint()
    labels = both.groupBy("src").agg(F.least(F.col("src"), F.min("dst")).alias("label")) \
        .withColumnRenamed("src", "v").localCheckpoint()
    for _ in range(MAX_ROUNDS):
        # Each node takes the smallest label among itself and its neighbours ...
        seen = both.join(labels.withColumnRenamed("v", "dst").withColumnRenamed("label", "l"), "dst") \
            .groupBy("src").agg(F.min("l").alias("l")).withColumnRenamed("src", "v")
        step = labels.join(seen, "v").select("v", F.least("label", "l").alias("label"))
        # ... then its label's label (pointer jumping: labels are nodes of the same component).
        hop = step.select(F.col("v").alias("label"), F.col("label").alias("hop"))
        new = step.join(hop, "label", "left") \
            .select("v", F.least(F.col("label"), F.coalesce(F.col("hop"), F.col("label"))).alias("label"))
        new = new.localCheckpoint()
        changed = new.join(labels.withColumnRenamed("label", "old"), "v").filter(F.col("label") != F.col("old"))
        if changed.limit(1).count() == 0:
            return new
        labels = new
    raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")


def _collect_pairs(pairs):
    """The (a, b) columns of a small DataFrame of pairs as two int64 NumPy arrays on the driver."""
    table = _arrow_table(pairs)
    return (table.column("a").to_numpy().astype(np.int64), table.column("b").to_numpy().astype(np.int64))


def _arrow_table(frame):
    """A small DataFrame on the driver as a ``pyarrow.Table`` (Spark 4's ``toArrow``, without Row objects;
    before Spark 4, through pandas)."""
    if hasattr(frame, "toArrow"):
        return frame.toArrow()
    import pyarrow as pa

    return pa.Table.from_pandas(frame.toPandas(), preserve_index=False)


def _long_frame(spark, **columns: np.ndarray):
    """A DataFrame of int64 columns made on the driver from NumPy arrays (as one Arrow table with Spark 4)."""
    from pyspark.sql import DataFrame
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField(name, T.LongType()) for name in columns])
    if hasattr(DataFrame, "toArrow"):  # Spark 4 takes a pyarrow.Table
        import pyarrow as pa

        table = pa.table({name: pa.array(values, type=pa.int64()) for name, values in columns.items()})
        return spark.createDataFrame(table, schema)
    return spark.createDataFrame(list(zip(*(values.tolist() for values in columns.values()))), schema)


def _check(threshold: float, num_perm: int, bands: Optional[int], keep: str, max_bucket_pairs: int,
           driver_keys: int, driver_pairs: int, driver_words: int):
    """Checks the settings of :func:`dedup`; returns the number of bands."""
    if keep not in _KEEP:
        raise DedupError(f"keep: {keep!r} is not one of {', '.join(_KEEP)}")
    if not 0.0 <= threshold <= 1.0:
        raise DedupError(f"threshold: not a number between 0 and 1: \"{threshold}\" (example: 0.8)")
    default, _ = newsdiff.banding(num_perm, threshold)  # also checks num_perm
    if bands is None:
        bands = default
    elif not 1 <= bands <= num_perm:
        raise DedupError(f"bands: {bands} is not in 1..={num_perm}")
    if max_bucket_pairs < 1:
        raise DedupError(f"max_bucket_pairs: {max_bucket_pairs} is not a positive number")
    for name, bound in (("driver_keys", driver_keys), ("driver_pairs", driver_pairs), ("driver_words", driver_words)):
        if bound < 0:
            raise DedupError(f"{name}: {bound} is negative")
    return bands


def dedup(df, text_col: str = "text", id_col: str = "id", threshold: float = 0.8, num_perm: int = 128,
          bands: Optional[int] = None, keep: str = "first", *, shingle: int = 5, order_col: Optional[str] = None,
          max_bucket_pairs: int = MAX_BUCKET_PAIRS, driver_keys: int = DRIVER_KEYS,
          driver_pairs: int = DRIVER_PAIRS, driver_words: int = DRIVER_WORDS, _strict: Optional[str] = None):
    """Near-duplicate clusters of the articles of a Spark DataFrame.

    Returns a DataFrame with one row per input row, in input order: ``id`` (string), ``cluster`` (the id of the
    article kept for its cluster; a singleton is its own cluster) and ``kept`` (whether a deduplicated corpus
    keeps it). Two articles are duplicates when the exact Jaccard similarity of their ``shingle``-word shingle
    sets is at least ``threshold``; clusters are the connected components of duplicate pairs, as in
    ``newsdiff dedup``. ``bands`` defaults to the command line's band shape for ``threshold`` and ``num_perm``.

    ``order_col`` names a column of unique integers that gives the input order (``keep="first"`` keeps the
    smallest); without it the order is Spark's ``monotonically_increasing_id`` and the selected columns are
    persisted (memory and disk) so that it stays the same through the run.

    Small inputs are finished on the driver, where a Spark job would cost more than the work: the candidate
    pairs when the articles' band keys number at most ``driver_keys`` (collected, then sorted per band in
    NumPy); their verification when there are at most ``driver_pairs`` candidates whose texts hold at most
    ``driver_words`` words (collected, then compared by the extension); the connected components and
    representatives when at most ``driver_pairs`` pairs are verified (NumPy). Above a bound, that step runs in
    Spark: a shuffle and a sort, joins with the texts, rounds of joins. ``0`` forces Spark for the step. The
    result is the same either way.

    Raises :class:`DedupError` (a ``ValueError``) for a missing column, an empty DataFrame or bad settings.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    columns = df.columns
    for what, col in (("text", text_col), ("id", id_col)):
        if col not in columns:
            raise DedupError(f"no {what} column {col!r} (columns: {', '.join(columns) or 'none'}; "
                             f"choose one with {what}_col)")
    if order_col is not None and order_col not in columns:
        raise DedupError(f"no order column {order_col!r} (columns: {', '.join(columns)})")
    bands = _check(threshold, num_perm, bands, keep, max_bucket_pairs, driver_keys, driver_pairs, driver_words)
    spark = df.sparkSession

    pos = F.col(order_col).cast("long") if order_col else F.monotonically_increasing_id()
    base = df.select(pos.alias("pos"), F.col(id_col).cast("string").alias("id"),
                     F.col(text_col).cast("string").alias("text"))
    if order_col is None:
        # Persisted so that positions stay those of one evaluation: the sketches and the texts joined for
        # verification must agree even when the input's row order is not deterministic (after a repartition).
        # Kept as Spark's columnar batches (_DESER): serialized, they went through Java serialization and LZ4
        # once to be stored and once to be read back for the verification.
        base = base.persist(StorageLevel.MEMORY_AND_DISK_DESER)

    # 1. Sketches: (pos, id, words, keys), kept for the end.
    sketches = base.mapInArrow(
        lambda it: _sketch_batches(it, num_perm, shingle, bands, _strict), _sketch_schema()
    ).persist()
    texts = base.select("pos", "text")

    def texts_of(needed):
        return texts.join(needed, "pos", "left_semi")

    def collect(needed):
        table = _arrow_table(texts_of(needed))
        return table.column("pos").to_numpy(), table.column("text")

    return _clusters(spark, sketches, _Texts(texts_of, collect), [base],
                     _Settings(threshold, shingle, bands, keep, order_col is not None, max_bucket_pairs, driver_keys,
                               driver_pairs, driver_words))


def dedup_jsonl(spark, path: str, text_field: str = "text", id_field: str = "id", threshold: float = 0.8,
                num_perm: int = 128, bands: Optional[int] = None, keep: str = "first", *, shingle: int = 5,
                max_bucket_pairs: int = MAX_BUCKET_PAIRS, driver_keys: int = DRIVER_KEYS,
                driver_pairs: int = DRIVER_PAIRS, driver_words: int = DRIVER_WORDS):
    """:func:`dedup` of JSON Lines files (a path, a directory or a glob, as ``spark.read.text`` takes them), read
    as ``newsdiff dedup`` reads them.

    Each non-blank line is one article, a JSON object with the text in ``text_field`` (a string, or a list of
    paragraphs) and the id in ``id_field`` (a string or a number). The lines are read as text by Spark and
    parsed by the Python workers, which sketch them at once: Spark's JSON reader would parse every line in the
    JVM only to hand the text over. Nothing is persisted but the sketches: the input is read a second time for
    the texts of the candidate pairs (only those lines are parsed again), so it must not change during the run.
    Input order is Spark's order of the files, then line order. A line that is not a JSON object or lacks its
    text or id fails the job with a message naming ``path``.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    bands = _check(threshold, num_perm, bands, keep, max_bucket_pairs, driver_keys, driver_pairs, driver_words)
    lines = spark.read.text(path).select(F.monotonically_increasing_id().alias("pos"), F.col("value").alias("line"))
    sketches = lines.mapInArrow(
        lambda it: _sketch_lines(it, text_field, id_field, path, num_perm, shingle, bands), _sketch_schema()
    ).persist()
    texts_schema = T.StructType([T.StructField("pos", T.LongType()), T.StructField("text", T.StringType())])

    def texts_of(needed):
        return lines.join(needed, "pos", "left_semi").mapInArrow(
            lambda it: _text_lines(it, text_field, id_field, path), texts_schema)

    def collect(needed):
        # The lines themselves are collected and parsed here: a Python worker's round trip costs more than
        # parsing the few lines needed (at 100,000 articles: 2.8 s, against 4.9 s through a worker, both warm).
        table = _arrow_table(lines.join(needed, "pos", "left_semi"))
        rows, _, texts = _json_articles(table.column("line").combine_chunks(), text_field, id_field, path)
        return table.column("pos").to_numpy()[rows], _strings(texts)

    return _clusters(spark, sketches, _Texts(texts_of, collect), [],
                     _Settings(threshold, shingle, bands, keep, False, max_bucket_pairs, driver_keys, driver_pairs,
                               driver_words))


def _sketch_schema():
    """The sketches' schema: (pos, id, words, keys)."""
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("pos", T.LongType()), T.StructField("id", T.StringType()),
        T.StructField("words", T.IntegerType()), T.StructField("keys", T.ArrayType(T.LongType())),
    ])


class _Settings(NamedTuple):
    """What :func:`_clusters` needs of :func:`dedup`'s arguments, checked."""

    threshold: float
    shingle: int
    bands: int
    keep: str
    ordered: bool  # positions from order_col: the sketches are not in position order
    max_bucket_pairs: int
    driver_keys: int
    driver_pairs: int
    driver_words: int


class _Texts(NamedTuple):
    """The texts of the articles at the positions of a one-column DataFrame (pos) ``needed``, for verification."""

    #: ``of(needed)``: a DataFrame (pos, text), to join with the pairs in Spark.
    of: Callable
    #: ``collect(needed)``: ``(positions, texts)`` on the driver, a NumPy array and a pyarrow string array.
    collect: Callable


def _clusters(spark, sketches, texts: _Texts, cached: list, s: _Settings):
    """Steps 2 to 5 on persisted ``sketches`` (pos, id, words, keys): the (id, cluster, kept) DataFrame.
    ``texts`` gives the texts of the candidates; ``cached`` are DataFrames to unpersist when the input is
    empty."""
    from pyspark.sql import functions as F

    count = sketches.count()
    if count == 0:
        sketches.unpersist()
        for frame in cached:
            frame.unpersist()
        raise DedupError("empty DataFrame: no articles to deduplicate")

    # 2. Candidate pairs: members of a bucket, each with the next max_bucket_pairs members. On the driver when
    # the band keys are few enough (one collect, then a sort per band in NumPy), else by a shuffle and a sort.
    table = a = b = pairs = None
    if count * s.bands <= s.driver_keys:
        table = _arrow_table(sketches)
        a, b = _candidates_local(table, s.bands, s.max_bucket_pairs)
        candidates = len(a)
    else:
        pairs = _candidates(sketches, s.max_bucket_pairs)
        candidates = pairs.count()

    # 3. Verification with the exact Jaccard similarity, of the texts of the articles in candidate pairs only:
    # on the driver when the pairs and their texts are few enough, else in the executors after joins.
    verified = None
    if table is not None and candidates <= s.driver_pairs and _words(table, a, b) <= s.driver_words:
        a, b = _verify_local(spark, texts.collect, a, b, s.shingle, s.threshold)
    else:
        if pairs is None:
            pairs = _long_frame(spark, a=a, b=b)
        verified = _verify(pairs, texts.of, candidates <= s.driver_pairs, s.shingle, s.threshold)

    # 4. Clusters: on the driver when the verified pairs are few enough, else by rounds of joins.
    if verified is not None:
        if verified.count() > s.driver_pairs:
            return _assign(_components(spark, verified), sketches, s.keep)
        a, b = _collect_pairs(verified)
    nodes, labels = _components_local(a, b)

    # 5. Representatives: also on the driver, from the ids and word counts of the clustered articles; the other
    # articles are their own clusters.
    v, ids, words, label = _members(spark, sketches, table, nodes, labels)
    # Sorted by cluster, then by preference: the first row of each cluster is its representative.
    order = np.lexsort((v, -words.astype(np.int64), label)) if s.keep == "longest" else np.lexsort((v, label))
    first = np.ones(len(order), dtype=bool)
    first[1:] = label[order][1:] != label[order][:-1]
    rep_row = order[first][np.cumsum(first) - 1]  # in sorted order: each row's cluster's first row
    rep_of = np.empty(len(order), dtype=np.int64)
    rep_of[order] = rep_row
    clusters = _cluster_frame(spark, v, [ids[i] for i in rep_of], v == v[rep_of])
    out = sketches.select("pos", "id").join(F.broadcast(clusters), "pos", "left").select(
        "pos", "id", F.coalesce("cluster", "id").alias("cluster"), F.coalesce("kept", F.lit(True)).alias("kept"))
    # The broadcast join keeps the sketches' partitions; without order_col they are in position order already.
    out = out.orderBy("pos") if s.ordered else out.sortWithinPartitions("pos")
    return out.drop("pos")


def _candidates(sketches, max_pairs: int):
    """Candidate pairs in Spark: a checkpointed DataFrame (a, b), each pair once. The (band, key, pos) rows are
    shuffled by bucket and sorted, and the pairs come from runs of equal keys (no per-bucket lists)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    members_of = sketches.select("pos", F.posexplode("keys").alias("band", "key"))
    pairs_schema = T.StructType([T.StructField("a", T.LongType()), T.StructField("b", T.LongType())])
    # Sorted by key first: Spark's sort compares a 64-bit prefix of the first column before whole rows, and the
    # keys (hashes) nearly all differ, so the prefix decides almost every comparison (by band first, 21 values,
    # it decided none). Equal (band, key) rows are consecutive either way.
    return members_of.repartition("band", "key").sortWithinPartitions("key", "band", "pos") \
        .mapInArrow(lambda it: _bucket_batches(it, int(max_pairs)), pairs_schema) \
        .distinct().localCheckpoint()


def _candidates_local(table, bands: int, max_pairs: int):
    """Candidate pairs ``(a, b)`` (positions, ``a < b``, each pair once, sorted) from the collected sketches
    (pos, keys): per band, the articles sorted by key and position, and each member of a run of equal keys
    paired with the next ``max_pairs`` members, as the bucket step does in Spark.

    The articles are numbered in position order first, so that one stable sort of each band's keys leaves the
    members of a bucket in position order, and a pair is one number (``a * n + b`` of those numbers) to make
    unique: both cheaper than sorting by two keys and making rows of two columns unique (the 21 bands of
    100,000 generated articles, best of 5 on a loaded 2-core machine: 0.33 s, against 0.56 s that way)."""
    pos = table.column("pos").to_numpy()
    keys_col = table.column("keys").combine_chunks()
    keyed = keys_col.value_lengths().fill_null(0).to_numpy(zero_copy_only=False) > 0  # no words, no keys
    pos = pos[keyed]
    keys = keys_col.flatten().to_numpy(zero_copy_only=False).reshape(len(pos), bands)
    by_pos = np.argsort(pos, kind="stable")
    pos = pos[by_pos]
    keys = np.ascontiguousarray(keys[by_pos].T)  # one contiguous row of keys per band
    n = len(pos)
    codes = [np.zeros(0, dtype=np.int64)]
    for band in range(bands):
        order = np.argsort(keys[band], kind="stable")  # equal keys stay in position order
        k = keys[band][order]
        new = np.ones(n, dtype=bool)
        new[1:] = k[1:] != k[:-1]
        starts = np.flatnonzero(new)
        sizes = np.diff(np.append(starts, n))
        shared = sizes > 1  # buckets of one member pair with nobody: left out before pairing
        members = order[np.repeat(shared, sizes)]
        run_starts = np.concatenate(([0], np.cumsum(sizes[shared])[:-1])).astype(np.int64)
        for x, y in _run_pairs(members, run_starts, max_pairs):
            codes.append(x * n + y)
    both = np.unique(np.concatenate(codes))
    return pos[both // n], pos[both % n]


def _words(table, a: np.ndarray, b: np.ndarray) -> int:
    """Words in the texts of the articles of the pairs ``(a, b)``, from the collected sketches."""
    pos = table.column("pos").to_numpy()
    words = table.column("words").to_numpy(zero_copy_only=False).astype(np.int64)
    return int(words[np.isin(pos, np.concatenate((a, b)))].sum())


def _verify_local(spark, collect, a: np.ndarray, b: np.ndarray, shingle: int, threshold: float):
    """The pairs ``(a, b)`` whose exact Jaccard similarity reaches ``threshold``, verified on the driver: the
    texts of the articles in them are collected (``collect``, one job) and compared by the extension."""
    from pyspark.sql import functions as F

    needed = np.unique(np.concatenate((a, b)))
    if len(needed) == 0:
        return a, b
    pos, texts = collect(F.broadcast(_long_frame(spark, pos=needed)))
    order = np.argsort(pos)
    ia, ib = order[np.searchsorted(pos, a, sorter=order)], order[np.searchsorted(pos, b, sorter=order)]
    # Each text shingled once, however many pairs it is in (the extension's verify would shingle it per pair).
    jac = np.frombuffer(newsdiff._native.verify_arrow(*_buffers(texts), ia.astype(np.int64), ib.astype(np.int64),
                                                      shingle), dtype="<f8")
    keep = jac >= threshold
    return a[keep], b[keep]


def _verify(pairs, texts_of, few: bool, shingle: int, threshold: float):
    """The verified pairs in Spark: a checkpointed DataFrame (a, b) of the ``pairs`` (a, b) whose exact Jaccard
    similarity reaches ``threshold``. ``few``: the positions of the candidates are broadcast, so that only the
    texts needed are picked where they lie instead of all of them being shuffled to meet the positions."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    needed = pairs.select(F.col("a").alias("pos")).unionByName(pairs.select(F.col("b").alias("pos"))).distinct()
    texts = texts_of(F.broadcast(needed) if few else needed)
    joined = pairs.join(texts.select(F.col("pos").alias("a"), F.col("text").alias("text_a")), "a") \
        .join(texts.select(F.col("pos").alias("b"), F.col("text").alias("text_b")), "b") \
        .select("a", "b", "text_a", "text_b")
    verified_schema = T.StructType([
        T.StructField("a", T.LongType()), T.StructField("b", T.LongType()), T.StructField("jaccard", T.DoubleType()),
    ])
    return joined.mapInArrow(lambda it: _verify_batches(it, shingle, threshold), verified_schema) \
        .select("a", "b").localCheckpoint()


def _members(spark, sketches, table, nodes: np.ndarray, labels: np.ndarray):
    """``(v, ids, words, label)`` of the clustered articles ``nodes``: from the collected sketches ``table`` when
    there is one, else by a broadcast join with the sketches (one job)."""
    from pyspark.sql import functions as F

    if table is None:
        table = _arrow_table(sketches.select("pos", "id", "words")
                             .join(F.broadcast(_long_frame(spark, pos=nodes)), "pos"))
    pos = table.column("pos").to_numpy()
    rows = np.flatnonzero(np.isin(pos, nodes))
    v = pos[rows]
    ids = table.column("id").take(rows).to_pylist()
    words = table.column("words").take(rows).to_numpy(zero_copy_only=False)
    label = labels[np.searchsorted(nodes, v)]  # nodes are sorted (np.unique)
    return v, ids, words, label


def _assign(labels, sketches, keep: str):
    """Representatives and one row per article from a DataFrame of component labels (v, label), by joins."""
    from pyspark.sql import functions as F

    members = labels.join(sketches.select(F.col("pos").alias("v"), "words"), "v")
    if keep == "first":
        reps = labels.groupBy("label").agg(F.min("v").alias("rep"))
    else:
        reps = members.groupBy("label").agg(F.min(F.struct((-F.col("words")).alias("w"), F.col("v"))).alias("s")) \
            .select("label", F.col("s.v").alias("rep"))
    rep_ids = sketches.select(F.col("pos").alias("rep"), F.col("id").alias("rep_id"))
    cluster_of = labels.join(reps, "label").join(rep_ids, "rep").select(F.col("v").alias("pos"), "rep", "rep_id")
    out = sketches.select("pos", "id").join(cluster_of, "pos", "left").select(
        "pos", "id",
        F.coalesce(F.col("rep_id"), F.col("id")).alias("cluster"),
        (F.col("rep").isNull() | (F.col("rep") == F.col("pos"))).alias("kept"),
    )
    return out.orderBy("pos").drop("pos")


def _cluster_frame(spark, pos: np.ndarray, cluster: List[str], kept: np.ndarray):
    """A DataFrame (pos, cluster, kept) made on the driver (as one Arrow table with Spark 4)."""
    from pyspark.sql import DataFrame
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField("pos", T.LongType()), T.StructField("cluster", T.StringType()),
                           T.StructField("kept", T.BooleanType())])
    if hasattr(DataFrame, "toArrow"):
        import pyarrow as pa

        table = pa.table({"pos": pa.array(pos, type=pa.int64()), "cluster": pa.array(cluster, type=pa.string()),
                          "kept": pa.array(kept, type=pa.bool_())})
        return spark.createDataFrame(table, schema)
    return spark.createDataFrame(list(zip(pos.tolist(), cluster, kept.tolist())), schema)


def _read(spark, path: str, text_field: str, id_field: str, fmt: Optional[str], **settings):
    """:func:`dedup_jsonl` of JSON Lines, or :func:`dedup` of Parquet (by ``fmt``, else by the name)."""
    if "://" not in path and not os.path.exists(path):  # local paths only (hdfs://, s3a://: Spark's error)
        raise DedupError(f"{path}: no such file or directory")
    if fmt is None:
        probe = path.rstrip("/")
        fmt = "parquet" if probe.endswith(".parquet") or (
            os.path.isdir(probe) and any(f.endswith(".parquet") for f in os.listdir(probe))) else "json"
    if fmt == "parquet":
        return dedup(spark.read.parquet(path), text_col=text_field, id_col=id_field, _strict=path, **settings)
    return dedup_jsonl(spark, path, text_field=text_field, id_field=id_field, **settings)


def _message(exc: BaseException) -> str:
    """The one-line message of an error, also when it comes back from a Python worker inside Spark."""
    text = str(exc)
    for line in reversed(text.splitlines()):
        for prefix in ("newsdiff.spark.DedupError: ", "DedupError: ", "ValueError: "):
            if line.startswith(prefix):
                return line[len(prefix):]
    return text.splitlines()[0] if text else type(exc).__name__


def master_is_local(master: Optional[str]) -> bool:
    """True when the command will run Spark in local mode (its own default, or a local[...] master)."""
    return master is None and not os.environ.get("SPARK_ENV_LOADED") or bool(master and master.startswith("local"))


def local_conf(submit_args: str) -> Dict[str, str]:
    """The settings of :data:`LOCAL_CONF` that ``submit_args`` (``PYSPARK_SUBMIT_ARGS``) does not set itself."""
    return {key: value for key, value in LOCAL_CONF.items() if key not in submit_args}


class _ClassArchive:
    """A class-data-sharing archive of the driver JVM's classes, kept in the user's cache for the command's
    local mode (docs/spark.md, "Start-up"): Spark's start-up is mostly the JVM loading, verifying and
    interpreting some 10,000 classes, and an archive of them, mapped at start, takes that off every run after
    the first.

    The archive is only valid for the Java runtime and the Spark jars it was made with, so its name is a hash
    of their paths, sizes and modification times (a different Java or Spark gets its own). The first run makes
    it with ``-XX:ArchiveClassesAtExit`` into a file of its own, waits for the JVM to write it when Spark
    stops, and renames it into place only when the JVM exited cleanly, so that no run ever maps a partial
    file. About 150 MB; ``NEWSDIFF_SPARK_CDS=0`` turns it off."""

    def __init__(self, path: str):
        self.path = path
        self.making = not os.path.exists(path)
        self.partial = f"{path}.{os.getpid()}.part"

    @classmethod
    def find(cls) -> "Optional[_ClassArchive]":
        """The archive for the Java and the Spark the command will start, or None when there is none to use
        (turned off, or no ``java`` found)."""
        import hashlib

        if os.environ.get("NEWSDIFF_SPARK_CDS", "1") == "0":
            return None
        java_home = os.environ.get("JAVA_HOME")
        java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java")
        if not java or not os.path.exists(java):
            return None
        from pyspark.find_spark_home import _find_spark_home

        jars = os.path.join(os.environ.get("SPARK_HOME") or _find_spark_home(), "jars")
        if not os.path.isdir(jars):
            return None
        digest = hashlib.sha256()
        for path in [os.path.realpath(java)] + sorted(os.path.join(jars, name) for name in os.listdir(jars)):
            st = os.stat(path)
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return cls(os.path.join(cache, "newsdiff", f"spark-classes-{digest.hexdigest()[:16]}.jsa"))

    def java_options(self) -> str:
        """The JVM options that make or use the archive (its warnings off: they are about classes it skips)."""
        if self.making:
            folder = os.path.dirname(self.path)
            os.makedirs(folder, exist_ok=True)
            # What runs that were killed while writing left behind (a day is far longer than any write).
            for name in os.listdir(folder):
                part = os.path.join(folder, name)
                if name.endswith(".part") and os.path.getmtime(part) < time.time() - 86400:
                    os.remove(part)
            return f"-XX:ArchiveClassesAtExit={self.partial} -Xlog:cds=off -Xlog:cds+dynamic=off"
        return f"-XX:SharedArchiveFile={self.path} -Xlog:cds=off -Xlog:cds+dynamic=off"

    def finish(self, proc) -> None:
        """After Spark stopped: when making the archive, ends the JVM (``proc``, the process PySpark started)
        and waits for it to write the archive, then puts the archive in place (or removes what was written)."""
        if not self.making:
            return
        try:
            if proc is not None:
                proc.stdin.close()  # the JVM exits when its standard input closes, and writes the archive
                proc.wait(timeout=600)
            if proc is not None and proc.returncode == 0 and os.path.getsize(self.partial) > 0:
                os.replace(self.partial, self.path)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
        finally:
            if os.path.exists(self.partial):
                os.remove(self.partial)


def main(argv: Optional[List[str]] = None) -> int:
    """``python -m newsdiff.spark dedup INPUT OUTPUT_DIR ...``: writes ``{"id", "cluster", "kept"}`` lines."""
    parser = argparse.ArgumentParser(prog="python -m newsdiff.spark",
                                     description="newsdiff near-duplicate detection on Spark")
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dedup", help="near-duplicate clusters of a JSONL or Parquet corpus",
                       description="Reads INPUT (JSON Lines, or Parquet) with Spark and writes one JSON line per "
                                   "article, {\"id\", \"cluster\", \"kept\"}, into OUTPUT_DIR (Spark's write.json).")
    d.add_argument("input", metavar="INPUT")
    d.add_argument("output", metavar="OUTPUT_DIR")
    d.add_argument("--master", default=None, help="Spark master (default: spark-submit's, or local[2])")
    d.add_argument("--threshold", type=float, default=0.8, help="Jaccard similarity of duplicates (default 0.8)")
    d.add_argument("--text-field", default="text", help="field holding the text (default text)")
    d.add_argument("--id-field", default="id", help="field holding the id (default id)")
    d.add_argument("--keep", choices=_KEEP, default="first", help="article kept per cluster (default first)")
    d.add_argument("--num-perm", type=int, default=128, help="MinHash values per article (default 128)")
    d.add_argument("--bands", type=int, default=None, help="LSH bands (default: tuned for the threshold)")
    d.add_argument("--format", choices=("json", "parquet"), default=None, help="input format (default: by name)")
    d.add_argument("--partitions", type=int, default=None,
                   help="shuffle partitions (default: Spark's, or 4 per core in local mode)")
    d.add_argument("--force", action="store_true", help="replace an existing OUTPUT_DIR")
    args = parser.parse_args(argv)

    if os.path.exists(args.output) and not args.force:
        print(f"newsdiff.spark: {args.output}: already exists (pass --force to replace it)", file=sys.stderr)
        return 2
    if "://" not in args.input and not os.path.exists(args.input):
        print(f"newsdiff.spark: {args.input}: no such file or directory", file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession

    if master_is_local(args.master):
        # Local Python workers run this interpreter, which has the extension (not whatever python3 is on PATH).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newsdiff-dedup").config("spark.ui.showConsoleProgress", "false")
    master = args.master or (None if os.environ.get("SPARK_ENV_LOADED") else "local[2]")
    if master:
        builder = builder.master(master)
    archive = None
    if master and master.startswith("local"):
        settings = local_conf(os.environ.get("PYSPARK_SUBMIT_ARGS", ""))
        archive = _ClassArchive.find() if "spark.driver.extraJavaOptions" in settings else None
        if archive is not None:
            settings["spark.driver.extraJavaOptions"] += " " + archive.java_options()
        for key, value in settings.items():
            builder = builder.config(key, value)
    if args.partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(args.partitions))
    elif master and master.startswith("local"):
        cores = os.cpu_count() or 2
        builder = builder.config("spark.sql.shuffle.partitions", str(4 * cores))
    # A session that is already running (a notebook's, a test's) is used as it is and left running.
    existing = SparkSession.getActiveSession()
    spark = existing or builder.getOrCreate()
    if existing is None:
        spark.sparkContext.setLogLevel("ERROR")
    else:
        archive = None  # not this command's JVM
    try:
        result = _read(spark, args.input, args.text_field, args.id_field, args.format, threshold=args.threshold,
                       num_perm=args.num_perm, bands=args.bands, keep=args.keep)
        result.write.mode("overwrite" if args.force else "errorifexists").json(args.output)
    except Exception as exc:  # one line, naming the input; Spark's stack traces are not for users
        print(f"newsdiff.spark: {_message(exc)}", file=sys.stderr)
        return 2
    finally:
        if existing is None:
            proc = getattr(spark.sparkContext._gateway, "proc", None)
            spark.stop()
            if archive is not None:
                archive.finish(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
