"""Near-duplicate pairs with rensa (R-MinHash + RMinHashLSH), using its batch sketching API.

Usage: python peer_rensa.py CORPUS.jsonl PAIRS.csv [THRESHOLD] [NUM_PERM] [SHINGLE] [BANDS]
Shingles as in peer_common.py. Sketches are built in batches with RMinHash.from_token_sets; each article is
queried against the articles before it, then inserted; a candidate is kept when the estimated Jaccard is at
least THRESHOLD.
"""
from rensa import RMinHash, RMinHashLSH

from peer_common import arguments, documents, write_pairs

BATCH = 10_000


def main():
    corpus, out, threshold, num_perm, k, rest = arguments()
    bands = int(rest[0]) if rest else 16
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
    for doc_id, sh in documents(corpus, k):
        batch_ids.append(doc_id)
        batch_shingles.append(list(sh))
        if len(batch_ids) == BATCH:
            flush(batch_ids, batch_shingles)
            batch_ids, batch_shingles = [], []
    flush(batch_ids, batch_shingles)
    write_pairs(out, pairs, "rensa")


if __name__ == "__main__":
    main()
