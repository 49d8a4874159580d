#!/usr/bin/env python3
"""Fits the claim pair model (src/claims/pair_model.rs) on labelled article pairs, cross-validated by event.

    cargo run --release --example pair_features -- PAIRS.jsonl > /tmp/semantic.tsv
    cargo run --release --example pair_features -- PAIRS.jsonl --no-model > /tmp/lexical.tsv
    scripts/train-pair-model.py PAIRS.jsonl /tmp/semantic.tsv /tmp/lexical.tsv [--write]

PAIRS.jsonl holds labelled article pairs (the format is in scripts/claimeval.py). For each model (semantic,
lexical) it prints the claim F1, pair precision and claim recall of held-out folds: leave one event out, the
model fitted on the other events, the thresholds chosen on the other events' held-out predictions. Then it fits
the model on every event, chooses the thresholds on all held-out predictions, and with --write replaces the
generated block of src/claims/pair_model.rs.

The selection mirrors the aligner's (src/claims/align.rs `select`): a maximum-weight one-to-one matching of
the pairs at or above the threshold, then further partners at or above the many-to-many threshold, then, for
a claim still without a partner, its best candidates at or above the orphan threshold even when they have a
partner already; at most MAX_PARTNERS per claim. Needs numpy, scipy and scikit-learn.
"""
import argparse
import csv
import os
import re
import sys
from collections import defaultdict

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from claimeval import Tally, claim_pairs_to_sentences, gold_of, load_pairs  # noqa: E402

MAX_PARTNERS = 3
THRESHOLDS = [round(x, 3) for x in np.arange(0.10, 0.90, 0.025)]
MANY = [0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
ORPHAN = [0.3, 0.4, 0.5, 0.6, 1.01]
C = 1.0


def read_table(path, drop=()):
    """The candidate table; columns whose name starts with one of `drop` are left out."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    head, rows = rows[0], rows[1:]
    keep = [k for k, n in enumerate(head) if k >= 8 and not any(n.startswith(d) for d in drop)]
    names = [head[k] for k in keep]
    meta = [(int(r[0]), r[1], int(r[2]), int(r[3]), (int(r[4]), int(r[5])), (int(r[6]), int(r[7]))) for r in rows]
    x = np.array([[float(r[k]) for k in keep] for r in rows], dtype=np.float64)
    return names, meta, x


def sentence_pairs(meta, recs):
    """The labelled sentence pairs each candidate stands for."""
    return [frozenset(claim_pairs_to_sentences(recs[m[0]], [(m[4], m[5])])) for m in meta]


def labels(meta, recs, sents):
    gold = {}
    y = np.zeros(len(meta))
    for k, m in enumerate(meta):
        if m[0] not in gold:
            gold[m[0]] = gold_of(recs[m[0]])[0]
        y[k] = 1 if sents[k] & gold[m[0]] else 0
    return y


def select(rows, t, t_many, t_orphan):
    """rows: [(i, j, p, sentence_pairs)] of one article pair -> chosen rows."""
    above = [r for r in rows if r[2] >= t]
    if not above:
        return []
    ia = sorted({r[0] for r in above})
    jb = sorted({r[1] for r in above})
    w = np.zeros((len(ia), len(jb)))
    pos_a, pos_b = {v: k for k, v in enumerate(ia)}, {v: k for k, v in enumerate(jb)}
    by_ij = {}
    for r in above:
        w[pos_a[r[0]], pos_b[r[1]]] = r[2]
        by_ij[(r[0], r[1])] = r
    ri, ci = linear_sum_assignment(w, maximize=True)
    chosen = {(ia[r], jb[c]) for r, c in zip(ri, ci) if w[r, c] > 0}
    na, nb = defaultdict(int), defaultdict(int)
    for i, j in chosen:
        na[i] += 1
        nb[j] += 1
    ranked = sorted(above, key=lambda r: (-r[2], r[0], r[1]))

    def add(r):
        if (r[0], r[1]) in chosen or na[r[0]] >= MAX_PARTNERS or nb[r[1]] >= MAX_PARTNERS:
            return
        chosen.add((r[0], r[1]))
        na[r[0]] += 1
        nb[r[1]] += 1

    for r in ranked:
        if r[2] >= t_many:
            add(r)
    for r in ranked:
        if r[2] >= t_orphan and (na[r[0]] == 0 or nb[r[1]] == 0):
            add(r)
    return [by_ij[ij] for ij in sorted(chosen)]


GOLD = {}


def tally(records, recs, probs, t, t_many, t_orphan):
    tl = Tally()
    for rec_no, rows in records.items():
        if rec_no not in GOLD:
            GOLD[rec_no] = gold_of(recs[rec_no])[0]
        chosen = select([(i, j, probs[k], sp) for k, i, j, sp in rows], t, t_many, t_orphan)
        pred = set().union(*[r[3] for r in chosen]) if chosen else set()
        tl.add(pred, GOLD[rec_no])
    return tl


def best_thresholds(records, recs, probs):
    best = None
    for t in THRESHOLDS:
        for m in MANY:
            for o in ORPHAN:
                if m < t or o < t:
                    continue
                f = tally(records, recs, probs, t, m, o).figures()["claim_f1"]
                if best is None or f > best[0] + 1e-9:
                    best = (f, t, m, o)
    return best[1:]


def context(meta, p):
    """The second stage's context features (src/claims/pair_model.rs `context_features`), per article pair."""
    rows, at = defaultdict(list), {}
    by_a, by_b = defaultdict(list), defaultdict(list)
    for k, m in enumerate(meta):
        by_a[(m[0], m[2])].append(p[k])
        by_b[(m[0], m[3])].append(p[k])
        at[(m[0], m[2], m[3])] = p[k]
    for v in list(by_a.values()) + list(by_b.values()):
        v.sort(reverse=True)
    out = np.zeros((len(meta), 8))
    for k, m in enumerate(meta):
        ra, rb, q = by_a[(m[0], m[2])], by_b[(m[0], m[3])], p[k]
        nb = max([at.get((m[0], m[2] + d, m[3] + e), 0.0) for d, e in ((-1, -1), (1, 1), (-1, 0), (1, 0), (0, -1), (0, 1))])
        ga, gb = q - ra[0], q - rb[0]
        ka, kb = 1 / (1 + sum(v > q for v in ra)), 1 / (1 + sum(v > q for v in rb))
        sa, sb = ra[1] if len(ra) > 1 else 0.0, rb[1] if len(rb) > 1 else 0.0
        out[k] = [q, min(ga, gb), max(ga, gb), min(ka, kb), max(ka, kb), min(sa, sb), max(sa, sb), nb]
    return out


def fit(x, y):
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=C, max_iter=2000).fit(scaler.transform(x), y)
    return scaler, model


def predict(scaler, model, x):
    return model.predict_proba(scaler.transform(x))[:, 1]


def train(name, table, recs, drop=()):
    names, meta, x = read_table(table, drop)
    sents = sentence_pairs(meta, recs)
    y = labels(meta, recs, sents)
    events = sorted({m[1] for m in meta})
    records = defaultdict(list)
    for k, (rec_no, _, i, j, _, _) in enumerate(meta):
        records[rec_no].append((k, i, j, sents[k]))
    def held_out(features):
        out = np.zeros(len(y))
        for e in events:
            test = np.array([m[1] == e for m in meta])
            scaler, model = fit(features[~test], y[~test])
            out[test] = predict(scaler, model, features[test])
        return out
    # Two stages: the first on the pair's own features, the second on those and how the first stage's
    # probability compares with the pair's rivals (from held-out first-stage predictions).
    x2 = np.hstack([x, context(meta, held_out(x))])
    oof = held_out(x2)
    # Held-out figures: thresholds for event e chosen on the other events' held-out predictions.
    held = Tally()
    for e in events:
        others = {r: rows for r, rows in records.items() if recs[r]["event"] != e}
        mine = {r: rows for r, rows in records.items() if recs[r]["event"] == e}
        part = tally(mine, recs, oof, *best_thresholds(others, recs, oof))
        for attr in ("tp", "pred", "gold", "claims", "found"):
            setattr(held, attr, getattr(held, attr) + getattr(part, attr))
    t, m, o = best_thresholds(records, recs, oof)
    scaler1, model1 = fit(x, y)
    scaler, model = fit(x2, y)
    print(f"{name}: {len(y)} candidate pairs, {int(y.sum())} sharing a claim, {len(events)} events")
    print(held.line(f"{name} (held out, leave one event out)"))
    print(f"  thresholds on all held-out predictions: {t} (one-to-one), {m} (further partners), {o} (claims alone)")
    fitted = predict(scaler, model, np.hstack([x, context(meta, predict(scaler1, model1, x))]))
    print(tally(records, recs, fitted, t, m, o).line(f"{name} (training fit, for reference)"))
    all_names = names + ["first_stage", "gap_min", "gap_max", "rank_min", "rank_max", "second_min", "second_max",
                         "neighbour"]
    for n, w in sorted(zip(all_names, model.coef_[0]), key=lambda p: -abs(p[1]))[:12]:
        print(f"    {n:18s} {w:+.3f}")
    return {"pair": (scaler1, model1), "context": (scaler, model), "threshold": t, "threshold_many": m,
            "threshold_orphan": o,
            "figures": held.figures(), "pairs": len(recs), "events": len(events)}


def rust_logistic(scaler, model):
    def num(x):
        # Six decimals, without trailing zeros (clippy's excessive_precision counts them as noise).
        text = f"{x:.6f}".rstrip("0")
        return text + "0" if text.endswith(".") else text

    arr = lambda v: "[" + ", ".join(num(x) for x in v) + "]"
    return (f"Logistic {{\n        mean: {arr(scaler.mean_)},\n        scale: {arr(scaler.scale_)},\n"
            f"        weights: {arr(model.coef_[0])},\n        intercept: {num(model.intercept_[0])},\n    }}")


def rust_const(const, doc, name, fit):
    f = fit["figures"]
    return (f"/// {doc}\n///\n/// Fitted by `scripts/train-pair-model.py` on {fit['pairs']} labelled article pairs of "
            f"{fit['events']} events;\n/// held out (leave one event out): claim F1 {f['claim_f1']:.3f}, pair "
            f"precision {f['pair_precision']:.3f}, claim recall {f['claim_recall']:.3f}.\n"
            f"pub const {const}: PairModel = PairModel {{\n    name: \"{name}\",\n"
            f"    pair: {rust_logistic(*fit['pair'])},\n    context: {rust_logistic(*fit['context'])},\n"
            f"    threshold: {fit['threshold']},\n    threshold_many: {min(fit['threshold_many'], 1.0)},\n"
            f"    threshold_orphan: {min(fit['threshold_orphan'], 1.0)},\n}};\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs")
    ap.add_argument("semantic")
    ap.add_argument("lexical")
    ap.add_argument("--write", action="store_true", help="write the weights into src/claims/pair_model.rs")
    ap.add_argument("--drop", action="append", default=[], metavar="PREFIX",
                    help="leave out the columns whose name starts with PREFIX (repeatable)")
    ap.add_argument("--also-without", action="append", default=[], metavar="PREFIXES",
                    help="also fit the semantic table without the columns starting with these comma-separated "
                         "prefixes, in the same run, to measure what they add (repeatable)")
    ap.add_argument("--no-orphan", action="store_true",
                    help="without the selection's third step (a claim left alone joining a taken partner), to "
                         "measure what it adds")
    a = ap.parse_args()
    if a.no_orphan:
        ORPHAN[:] = [1.01]
    recs = load_pairs(a.pairs)
    sem = train("semantic", a.semantic, recs, a.drop)
    for prefixes in a.also_without:
        train(f"semantic without {prefixes}", a.semantic, recs, a.drop + prefixes.split(","))
    lex = train("lexical", a.lexical, recs, a.drop)
    if a.write:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "claims", "pair_model.rs")
        src = open(path, encoding="utf-8").read()
        block = ("// BEGIN GENERATED by scripts/train-pair-model.py: do not edit by hand.\n"
                 + rust_const("SEMANTIC", "The default model: word overlap and the sentence encoder's cosine.",
                              "semantic", sem)
                 + rust_const("LEXICAL", "The lexical-only model (`--no-model`): the same features without the "
                              "cosine.", "lexical", lex)
                 + "// END GENERATED")
        src = re.sub(r"// BEGIN GENERATED.*?// END GENERATED", lambda _: block, src, flags=re.S)
        open(path, "w", encoding="utf-8").write(src)
        print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
