"""Shared fixtures: the newsdiff binary, a small generated corpus with planted near-duplicates, and a local Spark.

The corpus is made here from the sentences of the bundled seed articles (no data outside the repository): base
articles of 12 to 30 sentences, and copies of some of them with a few words changed, sentences dropped or the
case changed, so that it holds exact copies, near-duplicates above 0.8 and related articles below it.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def newsdiff_bin() -> str:
    """The release binary: $NEWSDIFF_BIN, or target/release/newsdiff under $CARGO_TARGET_DIR or the repository."""
    if os.environ.get("NEWSDIFF_BIN"):
        return os.environ["NEWSDIFF_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    path = target / "release" / "newsdiff"
    if not path.exists():
        pytest.skip(f"{path} is missing: build it with cargo build --release")
    return str(path)


def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    return sentences


def make_corpus(n: int, seed: int = 7) -> list[dict]:
    """`n` articles: about 60% originals, the rest edited copies of earlier ones."""
    rng = random.Random(seed)
    pool = seed_sentences()
    words = [w for s in pool for w in s.split()]
    articles: list[dict] = []
    for i in range(n):
        if articles and rng.random() < 0.4:
            src = rng.choice(articles)["text"].split()
            kind = rng.random()
            if kind < 0.15:
                text = " ".join(src).upper()  # exact duplicate after normalization
            elif kind < 0.75:
                for _ in range(rng.randint(1, max(1, len(src) // 100))):  # a few replaced words
                    src[rng.randrange(len(src))] = rng.choice(words)
                text = " ".join(src)
            else:
                cut = rng.randint(len(src) // 5, len(src) // 2)  # a heavy cut: usually below the threshold
                text = " ".join(src[cut:])
        else:
            text = " ".join(rng.sample(pool, rng.randint(12, min(30, len(pool)))))
        articles.append({"id": f"a{i:05d}", "text": text})
    articles.append({"id": "empty", "text": " ... "})  # no words: never clustered
    return articles


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")
    return path


def cli_clusters(path: Path, *extra: str) -> dict:
    """`newsdiff dedup --json` on a file: {id: (cluster representative id, kept)}."""
    out = subprocess.run([newsdiff_bin(), "dedup", "--json", "--quiet", *extra, str(path)],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    ids = [json.loads(line)["id"] for line in open(path, encoding="utf-8")]
    return result, ids


@pytest.fixture(scope="session")
def corpus_file(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", make_corpus(400))


@pytest.fixture(scope="session")
def spark():
    pyspark = pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime")
    from pyspark.sql import SparkSession

    from newsdiff.spark import local_conf

    # Python workers run this interpreter, which has the extension installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    builder = (SparkSession.builder.master("local[2]").appName("newsdiff-tests")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.ui.showConsoleProgress", "false"))
    for key, value in local_conf(os.environ.get("PYSPARK_SUBMIT_ARGS", "")).items():  # as the command's
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
