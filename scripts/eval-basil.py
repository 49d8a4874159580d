#!/usr/bin/env python3
"""Story grouping quality on BASIL: newsdiff against a TF-IDF baseline, measured in the same run.

Usage (from the repository root, after `cargo build --release`):
    scripts/eval-basil.py [BASIL_DIR] [--bin target/release/newsdiff] [--splits 20]

BASIL_DIR holds JSON Lines files with `id`, `event`, `source`, `date`, `title`, `text` (default:
../shared/data/basil next to the repository). The `event` field is removed before newsdiff sees the articles.

What is reported, each as pairwise precision / recall / F1 and the adjusted Rand index (ARI):
- newsdiff report --json, default settings (dates used, --window 7);
- newsdiff report --json --ignore-dates (text only, as the baseline);
- the baseline: TF-IDF cosine (scikit-learn's TfidfVectorizer defaults, reimplemented with the standard
  library: lowercase, tokens of 2+ word characters, smoothed idf, l2 norm) and average-linkage clustering cut at
  its best threshold on these very events (an optimistic figure: the threshold is chosen on the answers);
- a leave-half-out check: the events are split at random into two halves (--splits times); newsdiff keeps its
  fixed defaults and is scored on each half; the baseline picks its best threshold on one half and is scored
  on the other. Mean and worst F1 over the splits.
Only the standard library is used.
"""
import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "data", "basil")


def load(data_dir):
    files = sorted(f for f in os.listdir(data_dir) if f.endswith(".jsonl"))
    recs = []
    for f in files:
        with open(os.path.join(data_dir, f), encoding="utf-8") as fh:
            recs += [json.loads(line) for line in fh if line.strip()]
    return recs


def newsdiff_labels(bin_, recs, extra):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "batch.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps({k: v for k, v in r.items() if k != "event"}) + "\n")
        out = subprocess.run([bin_, "-q", "report", "--json", *extra, path], capture_output=True)
    if out.returncode != 0:
        sys.exit(f"newsdiff report failed (exit {out.returncode}): {out.stderr.decode(errors='replace')[:400]}")
    report = json.loads(out.stdout)
    label = {}
    for k, story in enumerate(report["stories"]):
        for a in story["articles"]:
            label[a["id"]] = k
    return [label[r["id"]] for r in recs]


def pairwise(pred, gold, idx):
    tp = fp = fn = 0
    for i, j in combinations(idx, 2):
        same_p, same_g = pred[i] == pred[j], gold[i] == gold[j]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if tp else 0.0)


def ari(pred, gold, idx):
    n = len(idx)
    cont = Counter((gold[i], pred[i]) for i in idx)
    a = Counter(gold[i] for i in idx)
    b = Counter(pred[i] for i in idx)
    s = sum(math.comb(v, 2) for v in cont.values())
    sa = sum(math.comb(v, 2) for v in a.values())
    sb = sum(math.comb(v, 2) for v in b.values())
    exp = sa * sb / math.comb(n, 2)
    mx = (sa + sb) / 2
    return (s - exp) / (mx - exp) if mx != exp else 1.0


TOKEN = re.compile(r"(?u)\b\w\w+\b")


def tfidf(texts):
    """scikit-learn's TfidfVectorizer defaults: raw counts x smoothed idf, l2-normalized."""
    docs = [Counter(TOKEN.findall(t.lower())) for t in texts]
    n = len(docs)
    df = Counter(w for d in docs for w in d)
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
    vecs = []
    for d in docs:
        v = {w: c * idf[w] for w, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def cosine_matrix(vecs):
    n = len(vecs)
    m = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = (vecs[i], vecs[j]) if len(vecs[i]) < len(vecs[j]) else (vecs[j], vecs[i])
            m[i][j] = m[j][i] = sum(x * b.get(w, 0.0) for w, x in a.items())
    return m


def average_linkage(sim, idx, threshold):
    """Merge the two clusters with the highest average similarity while it is at least `threshold`."""
    clusters = {i: [i] for i in idx}
    link = {}
    for a, b in combinations(idx, 2):
        link[(a, b)] = sim[a][b]
    while True:
        best = None
        for (a, b), total in link.items():
            avg = total / (len(clusters[a]) * len(clusters[b]))
            if avg >= threshold and (best is None or avg > best[0]):
                best = (avg, a, b)
        if best is None:
            break
        _, a, b = best
        for c in list(clusters):
            if c in (a, b):
                continue
            key_b = (min(b, c), max(b, c))
            key_a = (min(a, c), max(a, c))
            link[key_a] = link.get(key_a, 0.0) + link.pop(key_b, 0.0)
        link.pop((min(a, b), max(a, b)), None)
        clusters[a] += clusters.pop(b)
    label = {}
    for k, members in clusters.items():
        for i in members:
            label[i] = k
    return label


THRESHOLDS = [x / 100 for x in range(2, 60, 2)]


def baseline_best(sim, gold, idx):
    """The threshold with the best pairwise F1 on `idx` and that F1."""
    best = (-1.0, None)
    for t in THRESHOLDS:
        f = pairwise(average_linkage(sim, idx, t), gold, idx)[2]
        if f > best[0]:
            best = (f, t)
    return best[1]


def line(name, pred, gold, idx):
    p, r, f = pairwise(pred, gold, idx)
    return f"{name:<50} {p:9.3f} {r:6.3f} {f:6.3f} {ari(pred, gold, idx):6.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=DEFAULT_DATA, help="directory of BASIL JSONL files")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "newsdiff"))
    ap.add_argument("--splits", type=int, default=20, help="random half splits for the leave-half-out check")
    a = ap.parse_args()
    if not os.path.isdir(a.data) or not any(f.endswith(".jsonl") for f in os.listdir(a.data)):
        sys.exit(f"eval-basil: no BASIL data at {a.data} (JSONL files with id, event, source, date, title, text); "
                 "pass the directory as the first argument")
    if not os.access(a.bin, os.X_OK):
        sys.exit(f"eval-basil: no executable at {a.bin}: run `cargo build --release` first or pass --bin")
    recs = load(a.data)
    gold = [r["event"] for r in recs]
    idx = list(range(len(recs)))
    events = sorted(set(gold))
    print(f"BASIL: {len(events)} events, {len(recs)} articles, {sum(1 for _ in combinations(idx, 2))} pairs")
    nd = newsdiff_labels(a.bin, recs, [])
    nd_nodates = newsdiff_labels(a.bin, recs, ["--ignore-dates"])
    texts = [(r.get("title") or "") + "\n" + r["text"] for r in recs]
    sim = cosine_matrix(tfidf(texts))
    t_best = baseline_best(sim, gold, idx)
    base = average_linkage(sim, idx, t_best)
    print(f"{'':<50} {'precision':>9} {'recall':>6} {'F1':>6} {'ARI':>6}")
    print(line("newsdiff report (defaults, --window 7)", nd, gold, idx))
    print(line("newsdiff report --ignore-dates", nd_nodates, gold, idx))
    print(line(f"baseline TF-IDF + average linkage (t={t_best:.2f}, best)", base, gold, idx))

    # Leave-half-out: newsdiff's defaults are fixed; the baseline tunes on one half, is scored on the other.
    rnd = random.Random(6)
    scores = defaultdict(list)
    for _ in range(a.splits):
        ev = events[:]
        rnd.shuffle(ev)
        half = set(ev[: len(ev) // 2])
        tune = [i for i in idx if gold[i] in half]
        test = [i for i in idx if gold[i] not in half]
        sub = [r for i, r in enumerate(recs) if i in set(test)]
        sub_gold = [gold[i] for i in test]
        sub_idx = list(range(len(sub)))
        scores["newsdiff"].append(pairwise(newsdiff_labels(a.bin, sub, []), sub_gold, sub_idx)[2])
        scores["newsdiff --ignore-dates"].append(
            pairwise(newsdiff_labels(a.bin, sub, ["--ignore-dates"]), sub_gold, sub_idx)[2])
        t = baseline_best(sim, gold, tune)
        scores["baseline (threshold from the other half)"].append(
            pairwise(average_linkage(sim, test, t), gold, test)[2])
    print(f"\nleave-half-out, {a.splits} random splits of the events: pairwise F1 on the held-out half")
    for name, fs in scores.items():
        print(f"  {name:<50} mean {sum(fs) / len(fs):.3f}  worst {min(fs):.3f}")


if __name__ == "__main__":
    main()
