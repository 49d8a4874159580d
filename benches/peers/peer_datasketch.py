"""Near-duplicate pairs with datasketch (MinHash + MinHashLSH), the way its documentation shows.

Usage: python peer_datasketch.py CORPUS.jsonl PAIRS.csv [THRESHOLD] [NUM_PERM] [SHINGLE]
Words are lowercase \\w+ runs; shingles are SHINGLE consecutive words. Each article is queried against the
articles before it, then inserted; a candidate is kept when the estimated Jaccard is at least THRESHOLD.
"""
import json
import re
import sys

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def shingles(text, k):
    words = WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.8
    num_perm = int(sys.argv[4]) if len(sys.argv) > 4 else 128
    k = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = {}
    pairs = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            sh = shingles(doc["text"], k)
            if not sh:
                continue
            m = MinHash(num_perm=num_perm)
            m.update_batch([s.encode("utf-8") for s in sh])
            for other in lsh.query(m):
                if m.jaccard(sketches[other]) >= threshold:
                    pairs.append((other, doc["id"]))
            lsh.insert(doc["id"], m)
            sketches[doc["id"]] = m
    with open(out, "w", encoding="utf-8") as f:
        for a, b in pairs:
            f.write(f"{a},{b}\n")
    print(f"datasketch: {len(pairs)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
