#!/usr/bin/env bash
# `python -m newsdiff.spark dedup` (Spark local mode, start-up included) beside `newsdiff dedup` on one generated
# corpus, and the Python `minhash` beside the command line's sketching time. Not part of CI: a few minutes.
#
#   python/bench/run.sh                    # 100,000 articles, local[2], 3 rounds
#   ARTICLES=20000 ROUNDS=1 python/bench/run.sh
#
# Each round runs the command line, then the Spark job, so that both meet the same load; a warm-up run on 1,000
# articles first makes the JVM's class archive if there is none yet (docs/spark.md, "The command").
# Needs the extension installed in PYTHON's environment (default python/.venv/bin/python, see docs/spark.md) and
# a Java runtime. Work files go to target/spark-bench/. The environment's .pyc files must be current (pip install
# compiles them): in a copied environment, with PYTHONDONTWRITEBYTECODE=1, every Python process of the job
# recompiles PySpark, pandas and NumPy, about 3 s of CPU each (python -m compileall on its site-packages fixes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
ARTICLES=${ARTICLES:-100000}
ROUNDS=${ROUNDS:-3}
MASTER=${MASTER:-local[2]}
PYTHON=${PYTHON:-python/.venv/bin/python}
WORK=target/spark-bench
mkdir -p "$WORK"
for exe in target/release/newsdiff target/release/examples/gen_corpus target/release/examples/dedup_eval; do
    [ -x "$exe" ] || cargo build --release --quiet --bin newsdiff --example gen_corpus --example dedup_eval
done
CORPUS="$WORK/corpus-$ARTICLES.jsonl"
[ -s "$CORPUS" ] || ./target/release/examples/gen_corpus "$ARTICLES" "$CORPUS" 42
echo "corpus: $CORPUS, $(wc -l <"$CORPUS") articles, $(du -m "$CORPUS" | cut -f1) MB; $(nproc) cores;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$CORPUS" >/dev/null
[ -s "$WORK/corpus-1000.jsonl" ] || ./target/release/examples/gen_corpus 1000 "$WORK/corpus-1000.jsonl" 42
"$PYTHON" -m newsdiff.spark dedup "$WORK/corpus-1000.jsonl" "$WORK/warm-out" --master "$MASTER" --force 2>/dev/null

for round in $(seq "$ROUNDS"); do
    echo "round $round: load average $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "cli:   %e s wall, %U+%S s CPU, %M KB peak" ./target/release/newsdiff -v dedup --json "$CORPUS" \
        >"$WORK/cli.json" 2>"$WORK/cli.err" || true
    grep -h "wall\|sketched" "$WORK/cli.err" || cat "$WORK/cli.err"
    /usr/bin/time -f "spark: %e s wall, %M KB peak (driver)" "$PYTHON" -m newsdiff.spark dedup "$CORPUS" \
        "$WORK/spark-out" --master "$MASTER" --force 2>"$WORK/spark.err" || { tail -5 "$WORK/spark.err"; exit 1; }
    grep -h "wall" "$WORK/spark.err"
done
"$PYTHON" - "$CORPUS" <<'PY'
import json, sys, time
import newsdiff
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    newsdiff.minhash(texts)
    best = min(best, time.perf_counter() - t)
print(f"python minhash: {best:.2f} s for {len(texts)} texts (best of 3, texts already in memory)")
PY
"$PYTHON" python/bench/agreement.py "$CORPUS" "$WORK/cli.json" "$WORK/spark-out" "$WORK/pairs"
./target/release/examples/dedup_eval "$CORPUS" 0.8 "newsdiff=$WORK/cli.json" "cli-clusters=$WORK/pairs-cli.csv" \
    "spark-clusters=$WORK/pairs-spark.csv"
