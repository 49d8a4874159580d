"""What the Python peers share: the shingles, the command line and the pairs file.

Words are lowercase \\w+ runs; shingles are K consecutive words (a text of fewer words is one shingle).
"""
import json
import re
import sys

WORD = re.compile(r"\w+")


def shingles(text, k):
    """The set of K-word shingles of TEXT."""
    words = WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def documents(corpus, k):
    """(id, shingle set) of each article of the JSONL file CORPUS that has words, in file order."""
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            sh = shingles(doc["text"], k)
            if sh:
                yield doc["id"], sh


def arguments():
    """CORPUS, PAIRS, THRESHOLD (0.8), NUM_PERM (128), SHINGLE (5) and what follows, from the command line."""
    corpus, out = sys.argv[1], sys.argv[2]
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.8
    num_perm = int(sys.argv[4]) if len(sys.argv) > 4 else 128
    k = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    return corpus, out, threshold, num_perm, k, sys.argv[6:]


def write_pairs(out, pairs, tool):
    """Writes PAIRS as `a,b` lines to OUT and says how many on stderr."""
    with open(out, "w", encoding="utf-8") as f:
        for a, b in pairs:
            f.write(f"{a},{b}\n")
    print(f"{tool}: {len(pairs)} pairs", file=sys.stderr)
