"""Near-duplicate pairs with rensa (R-MinHash + RMinHashLSH), using its batch sketching API.

Usage: python peer_rensa.py CORPUS.jsonl PAIRS.csv [THRESHOLD] [NUM_PERM] [SHINGLE] [BANDS]
Words are lowercase \\w+ runs; shingles are SHINGLE consecutive words. Sketches are built in batches with
RMinHash.from_token_sets; each article is queried against the articles before it, then inserted; a candidate
is kept when the estimated Jaccard is at least THRESHOLD.
"""
import json
import re
import sys

from rensa import RMinHash, RMinHashLSH

WORD = re.compile(r"\w+")
BATCH = 10_000


def shingles(text, k):
    words = WORD.findall(text.lower())
    if len(words) < k:
        return [" ".join(words)] if words else []
    return list({" ".join(words[i : i + k]) for i in range(len(words) - k + 1)})


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.8
    num_perm = int(sys.argv[4]) if len(sys.argv) > 4 else 128
    k = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    bands = int(sys.argv[6]) if len(sys.argv) > 6 else 16
    lsh = RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=bands)
    ids, sketches, pairs = [], [], []

    def flush(batch_ids, batch_shingles):
        for doc_id, m in zip(batch_ids, RMinHash.from_token_sets(batch_shingles, num_perm=num_perm, seed=42)):
            key = len(sketches)
            for other in lsh.query(m):
                if m.jaccard(sketches[other]) >= threshold:
                    pairs.append((ids[other], doc_id))
            lsh.insert(key, m)
            ids.append(doc_id)
            sketches.append(m)

    batch_ids, batch_shingles = [], []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            sh = shingles(doc["text"], k)
            if not sh:
                continue
            batch_ids.append(doc["id"])
            batch_shingles.append(sh)
            if len(batch_ids) == BATCH:
                flush(batch_ids, batch_shingles)
                batch_ids, batch_shingles = [], []
    flush(batch_ids, batch_shingles)
    with open(out, "w", encoding="utf-8") as f:
        for a, b in pairs:
            f.write(f"{a},{b}\n")
    print(f"rensa: {len(pairs)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
