#!/bin/sh
# The whole `newsdiff report` on a large batch, with its wall time and peak resident memory (issue 13).
#
#   scripts/bench-report.sh                       # a generated batch of 100,000 articles (examples/gen_stories)
#   scripts/bench-report.sh 37554                 # a generated batch of that many articles
#   scripts/bench-report.sh day.jsonl [FLAGS...]  # a batch of your own, with report flags (--text-field ...)
#
# The report is written as JSON Lines (--jsonl) to /dev/null, so only the work is timed. Peak memory is the
# maximum resident set size as GNU time reports it (/usr/bin/time -v), which this script needs. Generated
# batches are kept in target/tmp/ for the next run. Run it from the repository root on an idle machine.
set -eu

what="${1:-100000}"
[ $# -gt 0 ] && shift
if [ ! -x /usr/bin/time ]; then
    echo "bench-report: needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi
cargo build --release --locked --bin newsdiff --example gen_stories >&2
case "$what" in
    *[!0-9]*) batch="$what" ;;
    *)
        batch="target/tmp/stories-$what.jsonl"
        if [ ! -s "$batch" ]; then
            mkdir -p target/tmp
            target/release/examples/gen_stories "$what" > "$batch.part"
            mv "$batch.part" "$batch"
        fi
        ;;
esac
if [ ! -s "$batch" ]; then
    echo "bench-report: $batch: no such batch" >&2
    exit 2
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/bin/time -v target/release/newsdiff report -q --jsonl "$@" "$batch" > /dev/null 2> "$log" || {
    cat "$log" >&2
    exit 1
}
articles=$(wc -l < "$batch" | tr -d ' ')
mb=$(du -m "$batch" | cut -f1)
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
cpu_user=$(sed -n 's/.*User time (seconds): //p' "$log")
peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
echo "batch      $batch ($articles lines, $mb MB)"
echo "wall       $wall"
echo "cpu        ${cpu_user} s user"
echo "peak RSS   $((peak_kb / 1024)) MB"
