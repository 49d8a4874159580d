"""Shared by scripts/train-pair-model.py and scripts/eval-claims.py: labelled article pairs and the claim metrics.

Labelled pairs are JSON Lines, one article pair per line:
    {"event", "a": {"id", "source", "text"}, "b": {...},
     "sentences_a": [[start, end], ...], "sentences_b": [...],     # code-point offsets into each text
     "pairs": [[i, j, "same" | "partial" | "conflict"], ...]}       # sentence i of a and j of b share a claim

A claim newsdiff aligns (a byte span) stands for the labelled sentences it overlaps by at least half of the claim
or of the sentence. Figures, summed over article pairs:
  pair precision  predicted sentence pairs that are labelled pairs
  claim recall    labelled sentences (either side) paired with one of their labelled partners
  claim F1        harmonic mean of the two
"""
import json
from collections import defaultdict


def load_pairs(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def byte_to_char(text):
    """A function mapping byte offsets of `text`'s UTF-8 encoding to code-point offsets."""
    table = []
    for k, ch in enumerate(text):
        table.extend([k] * len(ch.encode("utf-8")))
    table.append(len(text))
    return lambda b: table[min(b, len(table) - 1)]


def sentences_of(span, sentences):
    s, e = span
    out = []
    for k, (a, b) in enumerate(sentences):
        ov = min(e, b) - max(s, a)
        if ov > 0 and (ov >= 0.5 * (e - s) or ov >= 0.5 * (b - a)):
            out.append(k)
    return out


class Tally:
    """Pair precision, claim recall and claim F1, summed over article pairs."""

    def __init__(self):
        self.tp = self.pred = self.gold = self.claims = self.found = 0
        self.conf_pred = self.conf_gold_conf = self.conf_shared = self.gold_conf = 0

    def add(self, pred, gold, conflicts=(), gold_conflicts=()):
        self.tp += len(pred & gold)
        self.pred += len(pred)
        self.gold += len(gold)
        for side in (0, 1):
            partners, got = defaultdict(set), defaultdict(set)
            for g in gold:
                partners[g[side]].add(g[1 - side])
            for p in pred:
                got[p[side]].add(p[1 - side])
            self.claims += len(partners)
            self.found += sum(1 for k, v in partners.items() if got[k] & v)
        conflicts, gold_conflicts = set(conflicts), set(gold_conflicts)
        self.conf_pred += len(conflicts)
        self.conf_gold_conf += len(conflicts & gold_conflicts)
        self.conf_shared += len(conflicts & gold)
        self.gold_conf += len(gold_conflicts)

    def figures(self):
        p = self.tp / self.pred if self.pred else 0.0
        cr = self.found / self.claims if self.claims else 0.0
        f = 2 * p * cr / (p + cr) if p + cr else 0.0
        return {"claim_f1": f, "pair_precision": p, "claim_recall": cr, "predicted": self.pred, "gold": self.gold,
                "conflicts_flagged": self.conf_pred, "conflicts_on_shared": self.conf_shared,
                "conflicts_labelled_found": self.conf_gold_conf, "conflicts_labelled": self.gold_conf}

    def line(self, name):
        x = self.figures()
        return (f"{name:12s} claim F1 {x['claim_f1']:.3f}  pair P {x['pair_precision']:.3f}  "
                f"claim R {x['claim_recall']:.3f}  ({x['predicted']} pairs predicted, {x['gold']} labelled; "
                f"conflicts: {x['conflicts_flagged']} flagged, {x['conflicts_on_shared']} on shared claims, "
                f"{x['conflicts_labelled_found']} of {x['conflicts_labelled']} labelled found)")


def gold_of(rec):
    return {(i, j) for i, j, _ in rec["pairs"]}, {(i, j) for i, j, rel in rec["pairs"] if rel == "conflict"}


def claim_pairs_to_sentences(rec, claim_pairs):
    """Maps `(a_byte_span, b_byte_span)` claim pairs to labelled sentence pairs."""
    ca, cb = byte_to_char(rec["a"]["text"]), byte_to_char(rec["b"]["text"])
    out = set()
    for (sa, ea), (sb, eb) in claim_pairs:
        for i in sentences_of((ca(sa), ca(ea)), rec["sentences_a"]):
            for j in sentences_of((cb(sb), cb(eb)), rec["sentences_b"]):
                out.add((i, j))
    return out
