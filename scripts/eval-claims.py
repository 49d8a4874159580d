#!/usr/bin/env python3
"""Measures `newsdiff compare` against hand-labelled claim alignments (the README's claim figures).

    cargo build --release
    scripts/eval-claims.py PAIRS.jsonl [--bin target/release/newsdiff] [--show N] [-- EXTRA COMPARE ARGS]

PAIRS.jsonl holds labelled article pairs (format in scripts/claimeval.py). Each pair is written as a two-line
JSON Lines file (id, source, text: no title, since the labels cover the text) and aligned with
`newsdiff compare --json`; the aligned claims are mapped to the labelled sentences they overlap. Prints claim F1,
pair precision and claim recall, the conflicts flagged (how many lie on labelled pairs, how many on pairs
labelled `conflict`), and the wall time of the compare runs. Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from claimeval import Tally, claim_pairs_to_sentences, gold_of, load_pairs  # noqa: E402


def compare(binary, rec, extra):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "pair.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for side in ("a", "b"):
                art = rec[side]
                f.write(json.dumps({"id": art["id"], "source": art["source"], "text": art["text"]}) + "\n")
        r = subprocess.run([binary, "compare", "--json", *extra, path], capture_output=True, timeout=600)
    if r.returncode not in (0, 1):
        sys.exit(f"compare exited {r.returncode}: {r.stderr.decode(errors='replace')[:300]}")
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs")
    ap.add_argument("--bin", default="target/release/newsdiff")
    ap.add_argument("--show", type=int, default=0, help="print N wrong and N missed sentence pairs")
    ap.add_argument("extra", nargs="*", help="extra arguments for `newsdiff compare` (after --)")
    a = ap.parse_args()
    recs = load_pairs(a.pairs)
    tally, wrong, missed = Tally(), [], []
    start = time.perf_counter()
    for rec in recs:
        doc = compare(a.bin, rec, a.extra)
        spans = [(p["a"]["span"], p["b"]["span"]) for p in doc["pairs"]]
        pred = claim_pairs_to_sentences(rec, spans)
        conflicts = claim_pairs_to_sentences(
            rec, [(p["a"]["span"], p["b"]["span"]) for p in doc["pairs"] if p["kind"] == "conflict"])
        gold, gold_conflicts = gold_of(rec)
        tally.add(pred, gold, conflicts, gold_conflicts)
        text = lambda side, k: rec[side]["text"][slice(*rec["sentences_" + side][k])]
        wrong += [(rec, i, j, text("a", i), text("b", j)) for i, j in sorted(pred - gold)]
        missed += [(rec, i, j, text("a", i), text("b", j)) for i, j in sorted(gold - pred)]
    elapsed = time.perf_counter() - start
    events = len({r["event"] for r in recs})
    print(f"{len(recs)} article pairs, {events} events; {elapsed:.1f} s for {len(recs)} compare runs")
    print(tally.line("newsdiff"))
    for title, rows in (("predicted, not labelled", wrong), ("labelled, not predicted", missed)):
        if a.show and rows:
            print(f"\n{title} ({len(rows)}; first {a.show}):")
            for rec, i, j, ta, tb in rows[: a.show]:
                print(f"  {rec['a']['source']}#{i} ~ {rec['b']['source']}#{j}\n    A: {ta[:160]}\n    B: {tb[:160]}")


if __name__ == "__main__":
    main()
