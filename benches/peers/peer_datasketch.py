"""Near-duplicate pairs with datasketch (MinHash + MinHashLSH), the way its documentation shows.

Usage: python peer_datasketch.py CORPUS.jsonl PAIRS.csv [THRESHOLD] [NUM_PERM] [SHINGLE]
Shingles as in peer_common.py. Each article is queried against the articles before it, then inserted; a
candidate is kept when the estimated Jaccard is at least THRESHOLD.
"""
from datasketch import MinHash, MinHashLSH

from peer_common import arguments, documents, write_pairs


def main():
    corpus, out, threshold, num_perm, k, _ = arguments()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = {}
    pairs = []
    for doc_id, sh in documents(corpus, k):
        m = MinHash(num_perm=num_perm)
        m.update_batch([s.encode("utf-8") for s in sh])
        for other in lsh.query(m):
            if m.jaccard(sketches[other]) >= threshold:
                pairs.append((other, doc_id))
        lsh.insert(doc_id, m)
        sketches[doc_id] = m
    write_pairs(out, pairs, "datasketch")


if __name__ == "__main__":
    main()
