#!/usr/bin/env python3
"""Cross-validated quality of `newsdiff variants --names` on the Wikidata name data, beside a Jaro-Winkler
baseline measured in the same run.

Usage (from the repository root, after `cargo build --release`):
    scripts/eval-names.py [--data ../shared/data] [--bin target/release/newsdiff] [--folds 5] [--seed 0]
                          [--no-baseline]

The data is `names/wikidata-names-train.tsv` (TSV: latin, cyrillic, count): Latin spellings that share a
Cyrillic original are variants of one name. Names are split into k folds by their Cyrillic original (all
spellings of one name land in the same fold), and each fold is a held-out name set of its own:

- newsdiff: `newsdiff variants --names FOLD --json` on the fold alone (its rules are not fitted to the data;
  the folds measure it on name sets of the size it will meet, which matters because precision falls as a
  list grows).
- baseline: a Jaro-Winkler threshold on the accent-folded names, grouped by single link (what most users
  would try), comparing names that share a first letter. The threshold is chosen on the other k-1 folds and
  applied to the held-out fold.

Pairwise precision, recall and F1 against "same Cyrillic original" are printed per fold and as the mean.
Only the standard library is used.
"""
import argparse, collections, itertools, json, os, random, subprocess, sys, tempfile, unicodedata
from multiprocessing import Pool

SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(SPECIAL.get(c, c) for c in s if not unicodedata.combining(c) and c.isalnum())


def jaro(a, b):
    la, lb = len(a), len(b)
    if a == b:
        return 1.0
    if not la or not lb:
        return 0.0
    r = max(max(la, lb) // 2 - 1, 0)
    ma, mb, m = [False] * la, [False] * lb, 0
    for i, c in enumerate(a):
        for j in range(max(0, i - r), min(lb, i + r + 1)):
            if not mb[j] and b[j] == c:
                ma[i] = mb[j] = True
                m += 1
                break
    if not m:
        return 0.0
    t = k = 0
    for i in range(la):
        if ma[i]:
            while not mb[k]:
                k += 1
            t += a[i] != b[k]
            k += 1
    return (m / la + m / lb + (m - t / 2) / m) / 3


def jaro_winkler(a, b):
    j = jaro(a, b)
    p = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        p += 1
    return j + p * 0.1 * (1 - j)


LOWEST = 0.80  # lowest threshold tried for the baseline


def jw_scores(names):
    """Pairs of distinct folded names with Jaro-Winkler >= LOWEST, among names with the same first letter (pure
    Python cannot afford every pair; Jaro-Winkler's prefix bonus makes those the pairs that pass anyway)."""
    blocks = collections.defaultdict(list)
    for k in sorted({fold(n) for n in names}):
        blocks[k[:1]].append(k)
    out = []
    for keys in blocks.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                s = jaro_winkler(a, b)
                if s >= LOWEST:
                    out.append((s, a, b))
    return out


def groups_single_link(names, scored, threshold):
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s, a, b in scored:
        if s >= threshold:
            parent[find(a)] = find(b)
    by = collections.defaultdict(list)
    for n in names:
        by[find(fold(n))].append(n)
    return list(by.values())


def pairs_of(groups):
    return {p for g in groups for p in itertools.combinations(sorted(set(g)), 2)}


def prf(pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if tp else 0.0)


def newsdiff_groups(binary, rows):
    with tempfile.TemporaryDirectory() as d:
        f = os.path.join(d, "names.tsv")
        with open(f, "w", encoding="utf-8") as fh:
            fh.write("".join(f"{lat}\t{c}\n" for lat, _, c in rows))
        r = subprocess.run([binary, "variants", "--names", f, "--json"], capture_output=True)
        if r.returncode != 0:
            sys.exit(f"newsdiff exited {r.returncode}: {r.stderr.decode(errors='replace')[:300]}")
        out = json.loads(r.stdout)
    return [[f["form"] for f in g["forms"]] for g in out["groups"]]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--bin", default=os.path.join(here, "..", "target", "release", "newsdiff"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-baseline", action="store_true", help="skip the baseline (a minute or two of pure Python)")
    a = ap.parse_args()
    tsv = os.path.join(a.data, "names", "wikidata-names-train.tsv")
    if not os.path.exists(tsv):
        sys.exit(f"no name data at {tsv}: pass --data DIR (the folder holding names/)")
    if not os.access(a.bin, os.X_OK):
        sys.exit(f"no executable at {a.bin}: build first (cargo build --release) or pass --bin")
    with open(tsv, encoding="utf-8") as fh:
        rows = [l.rstrip("\n").split("\t") for l in fh][1:]
    cyrs = sorted({r[1] for r in rows})
    random.Random(a.seed).shuffle(cyrs)
    fold_of = {c: i % a.folds for i, c in enumerate(cyrs)}
    folds = [[r for r in rows if fold_of[r[1]] == k] for k in range(a.folds)]
    golds = []
    for rs in folds:
        by = collections.defaultdict(list)
        for lat, cyr, _ in rs:
            by[cyr].append(lat)
        golds.append(pairs_of(by.values()))
    print(f"{len(rows)} names, {a.folds} folds of about {len(rows) // a.folds} names, seed {a.seed}")

    ours = []
    for k, rs in enumerate(folds):
        ours.append(prf(pairs_of(newsdiff_groups(a.bin, rs)), golds[k]))

    base = None
    if not a.no_baseline:
        with Pool(min(2, os.cpu_count() or 1)) as pool:
            scored = pool.map(jw_scores, [[r[0] for r in rs] for rs in folds])
        thresholds = [round(0.80 + 0.01 * i, 2) for i in range(20)]
        table = [[prf(pairs_of(groups_single_link([r[0] for r in rs], sc, t)), g) for t in thresholds]
                 for rs, sc, g in zip(folds, scored, golds)]
        base = []
        for k in range(a.folds):
            others = [i for i in range(a.folds) if i != k]
            best = max(range(len(thresholds)), key=lambda t: sum(table[i][t][2] for i in others))
            base.append((thresholds[best],) + table[k][best])

    print(f"{'fold':>4}  {'newsdiff P':>10} {'R':>6} {'F1':>6}" + ("   JW threshold  P      R      F1" if base else ""))
    for k in range(a.folds):
        line = f"{k:>4}  {ours[k][0]:>10.3f} {ours[k][1]:>6.3f} {ours[k][2]:>6.3f}"
        if base:
            line += f"   {base[k][0]:>12.2f}  {base[k][1]:.3f}  {base[k][2]:.3f}  {base[k][3]:.3f}"
        print(line)
    mean = lambda xs, i: sum(x[i] for x in xs) / len(xs)
    line = f"mean  {mean(ours, 0):>10.3f} {mean(ours, 1):>6.3f} {mean(ours, 2):>6.3f}"
    if base:
        line += f"   {'':>12}  {mean(base, 1):.3f}  {mean(base, 2):.3f}  {mean(base, 3):.3f}"
    print(line)


if __name__ == "__main__":
    main()
