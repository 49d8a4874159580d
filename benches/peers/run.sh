#!/usr/bin/env bash
# Side by side: `newsdiff dedup` against datasketch and rensa (and a bare Rust read+shingle+hash loop) on one
# generated corpus with planted near-duplicates, with the same 5-word shingles, 128 permutations and threshold
# 0.8. Prints wall time, peak memory (/usr/bin/time), pairs found, and recall/precision against the exact
# Jaccard. Not part of CI: it installs Python packages and takes a few minutes.
#
#   benches/peers/run.sh                 # 100,000 articles (about 240 MB)
#   ARTICLES=20000 benches/peers/run.sh  # smaller
#   SKIP_DATASKETCH=1 benches/peers/run.sh
#
# Work files go to target/peers/ (the corpus is reused between runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
ARTICLES=${ARTICLES:-100000}
SEED=${SEED:-42}
THRESHOLD=0.8
WORK=target/peers
mkdir -p "$WORK"

if ! [ -x /usr/bin/time ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi
if ! [ -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install -q 'datasketch==2.0.0' 'rensa==0.5.0'
cargo build --release --quiet --bin newsdiff --example gen_corpus --example dedup_bare --example dedup_eval

CORPUS="$WORK/corpus-$ARTICLES-$SEED.jsonl"
if ! [ -s "$CORPUS" ]; then
    ./target/release/examples/gen_corpus "$ARTICLES" "$CORPUS" "$SEED"
fi
echo "corpus: $CORPUS, $(wc -l <"$CORPUS") articles, $(du -m "$CORPUS" | cut -f1) MB; $(nproc) cores"

# measure NAME COMMAND...: runs COMMAND with its stdout in $WORK/NAME.out, records "seconds peak-KB".
measure() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out"
    read -r secs kb <"$WORK/$name.time"
    printf '%-11s %8.2f s %8d MB\n' "$name" "$secs" "$((kb / 1024))"
}

# Warm the page cache so that every tool reads from memory.
cat "$CORPUS" >/dev/null
measure bare ./target/release/examples/dedup_bare "$CORPUS"
measure newsdiff ./target/release/newsdiff -q dedup --json --threshold "$THRESHOLD" "$CORPUS"
measure rensa "$WORK/venv/bin/python" benches/peers/peer_rensa.py "$CORPUS" "$WORK/rensa.csv" "$THRESHOLD" 128 5
cp "$WORK/newsdiff.out" "$WORK/newsdiff.json"
results=("newsdiff=$WORK/newsdiff.json" "rensa=$WORK/rensa.csv")
if [ -z "${SKIP_DATASKETCH:-}" ]; then
    measure datasketch "$WORK/venv/bin/python" benches/peers/peer_datasketch.py "$CORPUS" "$WORK/datasketch.csv" \
        "$THRESHOLD" 128 5
    results+=("datasketch=$WORK/datasketch.csv")
fi

echo
./target/release/examples/dedup_eval "$CORPUS" "$THRESHOLD" "${results[@]}"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
nd=$(cut -d' ' -f1 "$WORK/newsdiff.time")
echo "newsdiff vs bare loop: $(ratio "$nd" "$(cut -d' ' -f1 "$WORK/bare.time")")x the time"
peers=(rensa)
[ -z "${SKIP_DATASKETCH:-}" ] && peers+=(datasketch)
for peer in "${peers[@]}"; do
    if [ -s "$WORK/$peer.time" ]; then
        p=$(cut -d' ' -f1 "$WORK/$peer.time")
        pm=$(cut -d' ' -f2 "$WORK/$peer.time")
        nm=$(cut -d' ' -f2 "$WORK/newsdiff.time")
        echo "newsdiff vs $peer: $(ratio "$p" "$nd")x faster, $(ratio "$pm" "$nm")x less memory"
    fi
done
