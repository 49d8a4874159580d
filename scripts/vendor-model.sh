#!/bin/sh
# Copies the sentence encoder newsdiff embeds into assets/encoder/: paraphrase-MiniLM-L3-v2 with its matrices
# quantized to 4 bits, as the pocket-encoder crate (version 0.1.2, MIT AND Apache-2.0) bundles it, with the
# licences and the provenance record. docs/model.md says what each file is.
#
#     scripts/vendor-model.sh
#
# The files come from cargo's own copy of the crate (downloaded with `cargo fetch` when it is missing) and are
# checked against the SHA-256 sums the crate records in assets/provenance.json. src/claims/semantic.rs compiles
# them into the binary; nothing is downloaded at build or run time.
set -eu

version=0.1.2
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/assets/encoder"
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"

find_crate() {
    for d in "$registry"/*/pocket-encoder-$version; do
        if [ -d "$d/assets" ]; then
            echo "$d"
            return
        fi
    done
}

crate=$(find_crate)
if [ -z "$crate" ]; then
    # A throw-away project that depends on the crate, so that cargo downloads it into its registry.
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/src"
    printf '[package]\nname = "fetch-encoder"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\npocket-encoder = "=%s"\n' \
        "$version" > "$tmp/Cargo.toml"
    : > "$tmp/src/lib.rs"
    cargo fetch --manifest-path "$tmp/Cargo.toml"
    crate=$(find_crate)
fi
if [ -z "$crate" ]; then
    echo "vendor-model.sh: pocket-encoder $version is not in $registry and cargo fetch did not bring it" >&2
    exit 1
fi

check() {
    sum=$(sha256sum "$1" | cut -d' ' -f1)
    if [ "$sum" != "$2" ]; then
        echo "vendor-model.sh: $1 has SHA-256 $sum, provenance.json says $2" >&2
        exit 1
    fi
}

provenance="$crate/assets/provenance.json"
field() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$provenance" "$1"
}
check "$crate/assets/model.safetensors" "$(field bundled_sha256)"
check "$crate/assets/tokenizer.json" "$(field tokenizer_sha256)"

mkdir -p "$dest"
for f in model.safetensors shapes.json config.json tokenizer.json provenance.json MODEL-LICENSE; do
    cp "$crate/assets/$f" "$dest/$f"
done
cp "$crate/LICENSE" "$dest/POCKET-ENCODER-LICENSE"
cp "$crate/NOTICE" "$dest/NOTICE"
echo "copied pocket-encoder $version's model into ${dest#"$root"/}"
