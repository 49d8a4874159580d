"""Cluster agreement of `python -m newsdiff.spark dedup` with `newsdiff dedup --json` on one corpus.

    python agreement.py CORPUS.jsonl CLI.json SPARK_OUTPUT_DIR PAIRS_PREFIX

Prints the co-membership agreement (pairs of articles in one cluster: |both| / |either|) and the share of
articles with the same cluster and the same kept flag; writes every co-member pair of each side as `a,b` CSV
(PAIRS_PREFIX-cli.csv, PAIRS_PREFIX-spark.csv) for `examples/dedup_eval`, which scores them against the exact
Jaccard similarity.
"""

import json
import sys
from itertools import combinations
from pathlib import Path


def co_pairs(assign):
    groups = {}
    for article, (cluster, _kept) in assign.items():
        groups.setdefault(cluster, []).append(article)
    return {tuple(sorted(p)) for g in groups.values() if len(g) > 1 for p in combinations(g, 2)}


def main():
    corpus, cli, spark_dir, prefix = sys.argv[1:5]
    ids = [json.loads(line)["id"] for line in open(corpus, encoding="utf-8")]
    result = json.load(open(cli, encoding="utf-8"))
    cli_assign = {i: (i, True) for i in ids}
    for c in result["clusters"]:
        for m in c["members"]:
            cli_assign[m] = (c["representative"], m == c["representative"])
    spark_assign = {}
    for f in sorted(Path(spark_dir).glob("part-*.json")):
        for line in open(f, encoding="utf-8"):
            r = json.loads(line)
            spark_assign[r["id"]] = (r["cluster"], r["kept"])
    a, b = co_pairs(cli_assign), co_pairs(spark_assign)
    same = sum(cli_assign[i] == spark_assign.get(i) for i in ids)
    print(f"articles {len(ids)}, co-member pairs: cli {len(a)}, spark {len(b)}, both {len(a & b)}")
    print(f"co-membership agreement {len(a & b) / max(1, len(a | b)):.4f}; same cluster and kept flag for "
          f"{same / len(ids):.4f} of the articles")
    for name, pairs in (("cli", a), ("spark", b)):
        with open(f"{prefix}-{name}.csv", "w", encoding="utf-8") as out:
            out.writelines(f"{x},{y}\n" for x, y in sorted(pairs))


if __name__ == "__main__":
    main()
