"""newsdiff.spark in local mode: the same clusters as `newsdiff dedup --json`, and clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import cli_clusters, make_corpus, write_jsonl

spark_dedup = pytest.importorskip("newsdiff.spark")


def cli_assignment(path, *extra):
    """{id: (cluster, kept)} from the binary, with the Spark output's conventions (a singleton is its own cluster)."""
    result, ids = cli_clusters(path, *extra)
    out = {i: (i, True) for i in ids}
    for c in result["clusters"]:
        for m in c["members"]:
            out[m] = (c["representative"], m == c["representative"])
    return out


def spark_assignment(rows):
    return {r["id"]: (r["cluster"], r["kept"]) for r in rows}


@pytest.mark.parametrize("keep", ["first", "longest"])
def test_same_clusters_as_the_binary(spark, corpus_file, keep):
    expected = cli_assignment(corpus_file, "--keep", keep)
    df = spark.read.json(str(corpus_file))
    rows = spark_dedup.dedup(df, keep=keep).collect()
    got = spark_assignment(rows)
    assert got == expected
    # Input order, and a corpus where duplicates were planted really has clusters.
    assert [r["id"] for r in rows] == [json.loads(line)["id"] for line in open(corpus_file)]
    assert sum(1 for c, k in got.values() if not k) > 50


def test_deterministic_over_partitionings(spark, corpus_file):
    df = spark.read.json(str(corpus_file))
    one = spark_dedup.dedup(df.coalesce(1)).collect()
    many = spark_dedup.dedup(df.repartition(7), order_col=None).collect()
    # repartition shuffles rows, so input order (and with it the kept article) may change; co-membership may not.
    def groups(rows):
        by = {}
        for r in rows:
            by.setdefault(r["cluster"], set()).add(r["id"])
        return sorted(sorted(g) for g in by.values())
    assert groups(one) == groups(many)


def test_order_column_and_bands(spark):
    articles = make_corpus(120, seed=9)
    rows = [(i, a["id"], a["text"]) for i, a in enumerate(articles)]
    df = spark.createDataFrame(list(reversed(rows)), "n long, doc string, body string")
    got = spark_dedup.dedup(df, text_col="body", id_col="doc", order_col="n", bands=32).collect()
    assert [r["id"] for r in got] == [a["id"] for a in articles]


def test_missing_column_and_empty_input(spark):
    df = spark.createDataFrame([("a", "some text here")], "id string, body string")
    with pytest.raises(ValueError, match=r"no text column 'text' \(columns: id, body; choose one with text_col\)"):
        spark_dedup.dedup(df)
    with pytest.raises(ValueError, match="no id column 'doc'"):
        spark_dedup.dedup(df, text_col="body", id_col="doc")
    with pytest.raises(ValueError, match="empty DataFrame"):
        spark_dedup.dedup(df.filter("id = 'none'"), text_col="body")
    with pytest.raises(ValueError, match="keep: 'last' is not one of first, longest"):
        spark_dedup.dedup(df, text_col="body", keep="last")
    with pytest.raises(ValueError, match="threshold: not a number between 0 and 1"):
        spark_dedup.dedup(df, text_col="body", threshold=2.0)


def run_command(*args, cache=None):
    env = dict(os.environ, XDG_CACHE_HOME=str(cache)) if cache else None
    return subprocess.run([sys.executable, "-m", "newsdiff.spark", *args], capture_output=True, text=True,
                          timeout=600, env=env)


def test_command_writes_json_lines(tmp_path, corpus_file):
    # The command makes the JVM's class archive in the (test's) cache: written whole when Spark stops. (Runs
    # after the first map it; test_class_archive checks the options and the renaming.)
    out, cache = tmp_path / "out", tmp_path / "cache"
    done = run_command("dedup", str(corpus_file), str(out), "--master", "local[2]", "--partitions", "4", cache=cache)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for f in sorted(out.glob("part-*.json")) for line in open(f)]
    assert spark_assignment(rows) == cli_assignment(corpus_file)
    archives = list((cache / "newsdiff").glob("*"))
    assert [a.suffix for a in archives] == [".jsa"] and archives[0].stat().st_size > 1_000_000
    # Nothing of the user's is overwritten.
    again = run_command("dedup", str(corpus_file), str(out))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_command_refuses_bad_input(spark, tmp_path, capsys):
    # In this process: main() uses the running session and leaves it running.
    def run(*args):
        code = spark_dedup.main(["dedup", *map(str, args)])
        return code, capsys.readouterr().err.strip().splitlines()[-1]

    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "body": "no text field here"}])
    assert run(bad, tmp_path / "o1") == (
        2, f"newsdiff.spark: {bad}: an article has no text field (looked for text; choose one with --text-field)")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": "fine words here"}\n{"id": "y", "text": \n')
    code, err = run(broken, tmp_path / "o2")
    assert code == 2 and err.startswith(f"newsdiff.spark: {broken}: invalid JSON: ")
    no_id = write_jsonl(tmp_path / "noid.jsonl", [{"text": "words without an id"}])
    code, err = run(no_id, tmp_path / "o3")
    assert code == 2 and "an article has no id" in err
    code, err = run(tmp_path / "nope.jsonl", tmp_path / "o4")
    assert code == 2 and err == f"newsdiff.spark: {tmp_path / 'nope.jsonl'}: no such file or directory"
    assert not (tmp_path / "o1").exists() and spark.range(1).count() == 1


def test_command_reads_parquet(spark, tmp_path, capsys):
    articles = make_corpus(80, seed=13)
    jsonl = write_jsonl(tmp_path / "c.jsonl", articles)
    parquet = tmp_path / "c.parquet"
    spark.createDataFrame([(a["id"], a["text"]) for a in articles], "doc string, body string") \
        .coalesce(1).write.parquet(str(parquet))
    out = tmp_path / "out"
    assert spark_dedup.main(["dedup", str(parquet), str(out), "--id-field", "doc", "--text-field", "body"]) == 0
    rows = [json.loads(line) for f in sorted(out.glob("part-*.json")) for line in open(f)]
    assert spark_assignment(rows) == cli_assignment(jsonl)


#: Bounds that send each step to Spark in turn: candidates (then a broadcast join of the texts), verification
#: alone (from the pairs found on the driver), verification by a shuffle join and components by rounds of joins,
#: and everything.
SPARK_PATHS = [dict(driver_keys=0), dict(driver_words=0), dict(driver_pairs=0),
               dict(driver_keys=0, driver_pairs=0, driver_words=0)]


@pytest.mark.parametrize("bounds", SPARK_PATHS, ids=lambda b: ",".join(b))
def test_steps_on_the_driver_and_in_spark_agree(spark, corpus_file, bounds):
    df = spark.read.json(str(corpus_file))
    local = spark_dedup.dedup(df, keep="longest").collect()
    assert spark_dedup.dedup(df, keep="longest", **bounds).collect() == local
    assert sum(1 for r in local if not r["kept"]) > 50


def test_json_lines_read_by_the_workers_as_by_spark(spark, corpus_file):
    # dedup_jsonl parses the lines in Python; dedup takes Spark's JSON reader's DataFrame: the same rows.
    rows = spark_dedup.dedup_jsonl(spark, str(corpus_file)).collect()
    assert rows == spark_dedup.dedup(spark.read.json(str(corpus_file))).collect()
    # Its texts for Spark's verification are parsed in the workers (on the driver, from the collected lines).
    assert spark_dedup.dedup_jsonl(spark, str(corpus_file), **SPARK_PATHS[-1]).collect() == rows


def test_json_articles():
    import pyarrow as pa

    lines = pa.array(['{"id": "a", "text": "one"}', "", "  ", None, '{"id": 7, "text": ["p1", "p2"]}',
                      '\ufeff{"id": 1.5, "text": "x", "other": 1}'])
    rows, ids, texts = spark_dedup._json_articles(lines, "text", "id", "in.jsonl")
    assert rows.tolist() == [0, 4, 5] and ids == ["a", "7", "1.5"] and texts == ["one", "p1\n\np2", "x"]
    for line, message in [('{"id": "a", "text": ', "in.jsonl: invalid JSON: "),
                          ('["id", "text"]', "in.jsonl: invalid JSON: not an object: "),
                          ('{"id": "a", "body": "x"}', "in.jsonl: an article has no text field (looked for text"),
                          ('{"id": "a", "text": 3}', "in.jsonl: an article has no text field"),
                          ('{"id": null, "text": "x"}', "in.jsonl: an article has no id (looked for id")]:
        with pytest.raises(ValueError) as err:
            spark_dedup._json_articles(pa.array([line]), "text", "id", "in.jsonl")
        assert str(err.value).startswith(message), err.value


def test_candidates_on_the_driver():
    import numpy as np
    import pyarrow as pa

    # Band 0: positions 3, 10, 20 share a key (pairs with the next 1 member only); band 1: 3 and 20 share one;
    # position 30 has no words, so no keys.
    table = pa.table({"pos": pa.array([20, 3, 10, 30], type=pa.int64()),
                      "keys": pa.array([[5, 9], [5, 9], [5, 8], None], type=pa.list_(pa.int64()))})
    a, b = spark_dedup._candidates_local(table, 2, 1)
    assert list(zip(a.tolist(), b.tolist())) == [(3, 10), (3, 20), (10, 20)]
    a, b = spark_dedup._candidates_local(table.slice(3), 2, 1)
    assert len(a) == len(b) == 0 and a.dtype == np.int64


def test_local_components_and_bucket_pairs():
    import numpy as np

    # A chain given in a scrambled order, a star, a pair; labels are each component's smallest node.
    a = np.array([9, 5, 7, 30, 30, 30, 100], dtype=np.int64)
    b = np.array([8, 9, 5, 31, 2, 40, 101], dtype=np.int64)
    nodes, labels = spark_dedup._components_local(a, b)
    assert dict(zip(nodes.tolist(), labels.tolist())) == {
        5: 5, 7: 5, 8: 5, 9: 5, 2: 2, 30: 2, 31: 2, 40: 2, 100: 100, 101: 101 - 1}
    # Two buckets: each member pairs with the next two of its own bucket only.
    got = [p for x, y in spark_dedup._run_pairs(np.array([1, 4, 6, 9, 2, 3], dtype=np.int64), np.array([0, 4]), 2)
           for p in zip(x.tolist(), y.tolist())]
    assert sorted(got) == [(1, 4), (1, 6), (2, 3), (4, 6), (4, 9), (6, 9)]
    # A bucket of boilerplate: its pairs come out in pieces, all of them, none twice.
    big = np.arange(5000, dtype=np.int64)
    pieces = list(spark_dedup._run_pairs(big, np.array([0]), 256))
    assert len(pieces) > 1 and max(len(x) for x, _ in pieces) < 2 * spark_dedup.PAIRS_PER_BATCH
    pairs = {p for x, y in pieces for p in zip(x.tolist(), y.tolist())}
    assert len(pairs) == sum(len(x) for x, _ in pieces) == sum(min(256, 4999 - i) for i in range(5000))


def test_no_duplicates(spark):
    df = spark.createDataFrame([("x", "one two three four five six seven"), ("y", "eight nine ten eleven twelve")],
                               "id string, text string")
    for bounds in ({}, SPARK_PATHS[-1]):
        rows = spark_dedup.dedup(df, keep="longest", **bounds).collect()
        assert [(r["id"], r["cluster"], r["kept"]) for r in rows] == [("x", "x", True), ("y", "y", True)]


def test_class_archive(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("SPARK_HOME", str(tmp_path / "spark"))
    (tmp_path / "spark" / "jars").mkdir(parents=True)
    (tmp_path / "spark" / "jars" / "a.jar").write_bytes(b"one")
    archive = spark_dedup._ClassArchive.find()
    assert archive.making and archive.path.startswith(str(tmp_path / "newsdiff"))
    stale, fresh = tmp_path / "newsdiff" / "x.jsa.1.part", tmp_path / "newsdiff" / "x.jsa.2.part"
    (tmp_path / "newsdiff").mkdir()
    stale.write_bytes(b"left by a killed run")
    fresh.write_bytes(b"being written")
    os.utime(stale, (0, 0))
    assert "-XX:ArchiveClassesAtExit=" in archive.java_options() and archive.partial in archive.java_options()
    assert not stale.exists() and fresh.exists()
    # Another Spark (a jar changed) has another archive; the setting turns it off.
    (tmp_path / "spark" / "jars" / "a.jar").write_bytes(b"two!")
    assert spark_dedup._ClassArchive.find().path != archive.path
    monkeypatch.setenv("NEWSDIFF_SPARK_CDS", "0")
    assert spark_dedup._ClassArchive.find() is None

    class Proc:  # the JVM's process: it writes the archive when its standard input closes
        def __init__(self, code):
            self.code, self.stdin = code, self

        def close(self):
            open(archive.partial, "wb").write(b"archive")

        def wait(self, timeout):
            self.returncode = self.code

    archive.finish(Proc(1))  # a JVM that failed: nothing kept
    assert not os.path.exists(archive.partial) and not os.path.exists(archive.path)
    archive.finish(Proc(0))
    assert open(archive.path, "rb").read() == b"archive" and not os.path.exists(archive.partial)
    assert not spark_dedup._ClassArchive(archive.path).making
    assert "-XX:SharedArchiveFile=" in spark_dedup._ClassArchive(archive.path).java_options()


def test_local_conf_leaves_what_the_user_sets():
    # The command's local-mode settings (quick JIT tier, no web UI) give way to the user's PYSPARK_SUBMIT_ARGS.
    assert spark_dedup.local_conf("") == spark_dedup.LOCAL_CONF
    mine = spark_dedup.local_conf("--conf spark.driver.extraJavaOptions=-Xss4m pyspark-shell")
    assert "spark.driver.extraJavaOptions" not in mine and mine["spark.ui.enabled"] == "false"
