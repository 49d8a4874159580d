#!/usr/bin/env python3
"""Chooses CONFLICT_MIN_AGREED (src/claims/align.rs) on labelled article pairs, cross-validated by event.

    cargo run --release --example pair_features -- PAIRS.jsonl --conflicts > conflicts.tsv
    scripts/train-conflicts.py PAIRS.jsonl conflicts.tsv

PAIRS.jsonl holds labelled article pairs (the format is in scripts/claimeval.py); conflicts.tsv lists every
candidate pair whose claims disagree on a number, date or name, with the pair model's probability and the
probability it gives the pair once the detail agrees (`agreed`). `compare` calls such a pair a conflict when
its probability is at least 0.5 (CONFLICT_MIN_PROBABILITY) or its `agreed` probability is at least the
threshold chosen here.

Held-out figures: leave one event out; the threshold for each event is the one with the best F0.5 of
conflicts (precision weighs more than recall: a conflict that is not real is worse than a miss; of tied
thresholds the middle one) on the other events. Printed: flagged conflicts, how many are labelled `conflict`, how many
share a claim at all, and how many of the labelled conflicts are found. The final threshold is chosen the same
way on every event. Standard library only.
"""
import argparse
import csv
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from claimeval import claim_pairs_to_sentences, gold_of, load_pairs  # noqa: E402

CONFLICT_MIN_PROBABILITY = 0.5
THRESHOLDS = [round(0.30 + 0.025 * k, 3) for k in range(25)]  # 0.3 .. 0.9
BETA = 0.5


def read(path, recs):
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rec_no = int(r["record"])
            rec = recs[rec_no]
            spans = ((int(r["a_start"]), int(r["a_end"])), (int(r["b_start"]), int(r["b_end"])))
            sents = claim_pairs_to_sentences(rec, [spans])
            gold, gold_conf = gold_of(rec)
            rows.append({"record": rec_no, "event": r["event"], "p": float(r["probability"]),
                         "agreed": float(r["agreed"]), "what": r["conflicts"], "sents": sents,
                         "conflict": bool(sents & gold_conf), "shared": bool(sents & gold),
                         "i": int(r["i"]), "j": int(r["j"])})
    return rows


def flagged(rows, t):
    return [r for r in rows if r["p"] >= CONFLICT_MIN_PROBABILITY or r["agreed"] >= t]


def score(rows, t, labelled):
    f = flagged(rows, t)
    hits = sum(r["conflict"] for r in f)
    p = hits / len(f) if f else 1.0
    rc = hits / labelled if labelled else 0.0
    b2 = BETA * BETA
    return (1 + b2) * p * rc / (b2 * p + rc) if p + rc else 0.0


def best(rows, labelled):
    """The threshold with the best F0.5; of tied thresholds the middle one (the largest margin either side)."""
    scores = [round(score(rows, t, labelled), 9) for t in THRESHOLDS]
    tied = [t for t, s in zip(THRESHOLDS, scores) if s == max(scores)]
    return tied[(len(tied) - 1) // 2]


def labelled_conflicts(recs, records):
    return sum(len(gold_of(recs[k])[1]) for k in records)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs")
    ap.add_argument("conflicts")
    ap.add_argument("--show", action="store_true", help="print every candidate with agreed >= 0.3")
    a = ap.parse_args()
    recs = load_pairs(a.pairs)
    rows = read(a.conflicts, recs)
    events = sorted({r["event"] for r in recs})
    by_event = defaultdict(list)
    for r in rows:
        by_event[r["event"]].append(r)
    records_of = defaultdict(list)
    for k, rec in enumerate(recs):
        records_of[rec["event"]].append(k)
    total = labelled_conflicts(recs, range(len(recs)))
    print(f"{len(rows)} candidate pairs disagreeing on a detail, {sum(r['conflict'] for r in rows)} of them on "
          f"labelled conflicts ({total} labelled conflicts), {len(events)} events")
    n_flag = n_conf = n_shared = 0
    found = set()
    chosen = []
    for e in events:
        others = [r for x in events if x != e for r in by_event[x]]
        t = best(others, labelled_conflicts(recs, [k for x in events if x != e for k in records_of[x]]))
        chosen.append(t)
        f = flagged(by_event[e], t)
        n_flag += len(f)
        n_conf += sum(r["conflict"] for r in f)
        n_shared += sum(r["shared"] for r in f)
        found |= {(r["record"], s) for r in f if r["conflict"] for s in r["sents"] & gold_of(recs[r["record"]])[1]}
    print(f"held out (leave one event out; thresholds {', '.join(map(str, chosen))}): {n_flag} flagged, "
          f"{n_conf} on labelled conflicts, {n_shared} on shared claims; {len(found)} of {total} labelled "
          f"conflicts found")
    base = [r for r in rows if r["p"] >= CONFLICT_MIN_PROBABILITY]
    print(f"probability >= {CONFLICT_MIN_PROBABILITY} alone (before): {len(base)} flagged, "
          f"{sum(r['conflict'] for r in base)} on labelled conflicts, {sum(r['shared'] for r in base)} on shared "
          f"claims")
    t = best(rows, total)
    f = flagged(rows, t)
    print(f"threshold on every event: {t} ({len(f)} flagged, {sum(r['conflict'] for r in f)} on labelled "
          f"conflicts; training fit)")
    if a.show:
        for r in sorted(rows, key=lambda r: -r["agreed"]):
            if r["agreed"] < 0.3:
                break
            mark = "CONFLICT" if r["conflict"] else ("shared" if r["shared"] else "-")
            print(f"  {r['agreed']:.3f} (p {r['p']:.3f}) {mark:8s} rec {r['record']} {r['i']}~{r['j']} {r['what']}")
        print("labelled conflicts among the candidates:")
        for r in rows:
            if r["conflict"]:
                print(f"  {r['agreed']:.3f} (p {r['p']:.3f}) rec {r['record']} {r['i']}~{r['j']} {r['what']}")


if __name__ == "__main__":
    main()
