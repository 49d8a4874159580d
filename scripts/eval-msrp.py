#!/usr/bin/env python3
"""Measures `newsdiff score` on the MSRP training split, next to simple baselines measured in the same run.

Usage (from the repository root, after `cargo build --release`):
    scripts/eval-msrp.py [--bin target/release/newsdiff] [PATH/msr_paraphrase_train.txt]

The data is read from ../shared/data/msrp/msr_paraphrase_train.txt (relative to the repository root) unless a
path is given; it is never copied into the repository. Printed for newsdiff and for each baseline:
- "default": the verdicts `newsdiff score --json` gives at its default threshold (the baselines have none);
- "5-fold CV": the threshold chosen on four folds (best accuracy) and measured on the fifth, over all folds.
Baselines: majority class, word Jaccard (lowercase word sets) and difflib's SequenceMatcher ratio.
Only the standard library is used.
"""
import argparse, difflib, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(ROOT, "..", "shared", "data", "msrp", "msr_paraphrase_train.txt")


def load(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8-sig")]
    rows = [r for r in rows[1:] if len(r) >= 5]
    return [(r[3], r[4], r[0] == "1") for r in rows]


def measure(pred, gold):
    acc = sum(p == g for p, g in zip(pred, gold)) / len(gold)
    tp = sum(p and g for p, g in zip(pred, gold))
    f1 = 2 * tp / (sum(pred) + sum(gold)) if tp else 0.0
    return acc, f1


def best_threshold(scores, gold):
    best = (-1.0, 0.5)
    for t in sorted(set(round(s, 3) for s in scores)):
        acc, _ = measure([s >= t for s in scores], gold)
        if acc > best[0]:
            best = (acc, t)
    return best[1]


def cross_validate(scores, gold, folds=5):
    pred = [False] * len(gold)
    thresholds = []
    for f in range(folds):
        train = [i for i in range(len(gold)) if i % folds != f]
        t = best_threshold([scores[i] for i in train], [gold[i] for i in train])
        thresholds.append(t)
        for i in range(f, len(gold), folds):
            pred[i] = scores[i] >= t
    acc, f1 = measure(pred, gold)
    return acc, f1, sum(thresholds) / len(thresholds)


WORD = re.compile(r"\w+")


def jaccard(a, b):
    x, y = set(WORD.findall(a.lower())), set(WORD.findall(b.lower()))
    return len(x & y) / len(x | y) if x | y else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newsdiff"))
    ap.add_argument("data", nargs="?", default=DEFAULT_DATA)
    a = ap.parse_args()
    if not os.path.exists(a.data):
        sys.exit(f"MSRP data not found at {a.data}: it is not part of the repository; pass its path.")
    if not os.access(a.bin, os.X_OK):
        sys.exit(f"no executable at {a.bin}: build first (cargo build --release) or pass --bin")
    rows = load(a.data)
    gold = [g for _, _, g in rows]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "pairs.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(f"{x}\t{y}\n" for x, y, _ in rows))
        out = subprocess.run([a.bin, "score", "--json", path], capture_output=True, check=True).stdout
    recs = [json.loads(l) for l in out.decode().splitlines() if l.strip()]
    if len(recs) != len(rows):
        sys.exit(f"{len(recs)} results for {len(rows)} pairs")
    print(f"MSRP training split, {len(rows)} pairs ({sum(gold)} same claim)\n")
    print(f"{'method':28} {'default acc':>11} {'F1':>6}   {'5-fold CV acc':>13} {'F1':>6}  mean threshold")
    majority = measure([True] * len(gold), gold)
    print(f"{'majority class':28} {majority[0]:11.3f} {majority[1]:6.3f}   {majority[0]:13.3f} {majority[1]:6.3f}")
    for name, scores in [
        ("word Jaccard", [jaccard(x, y) for x, y, _ in rows]),
        ("difflib ratio", [difflib.SequenceMatcher(None, x, y).ratio() for x, y, _ in rows]),
    ]:
        acc, f1, t = cross_validate(scores, gold)
        print(f"{name:28} {'-':>11} {'-':>6}   {acc:13.3f} {f1:6.3f}  {t:.3f}")
    scores = [r["score"] for r in recs]
    d_acc, d_f1 = measure([bool(r["same"]) for r in recs], gold)
    acc, f1, t = cross_validate(scores, gold)
    print(f"{'newsdiff score':28} {d_acc:11.3f} {d_f1:6.3f}   {acc:13.3f} {f1:6.3f}  {t:.3f}")


if __name__ == "__main__":
    main()
