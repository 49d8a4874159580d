#!/usr/bin/env bash
# CI for the Python package and its Spark job (called by .ci/run after the Rust tests, which build
# target/release/newsdiff for the agreement tests). python/ is its own cargo workspace; Spark needs a Java runtime;
# the Python packages come pinned into a virtual environment; the extension is built into the main target/
# directory with the same release profile, so only pyo3 and the extension are compiled (the other dependencies
# are reused).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
if ! command -v java >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
export CARGO_TARGET_DIR="$PWD/target"
VENV="$CARGO_TARGET_DIR/ci-venv"
cargo fmt --all --check --manifest-path python/Cargo.toml
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
export PATH="$VENV/bin:$PATH"  # maturin for pip's build, this Python for Spark's workers
"$VENV/bin/pip" install -q -r python/requirements-ci.txt
PYO3_PYTHON="$VENV/bin/python" cargo clippy --locked --manifest-path python/Cargo.toml -- -D warnings
# The documented install (pip install ./python), with the pinned maturin and the lock file.
MATURIN_PEP517_ARGS="--locked" "$VENV/bin/pip" install -q --no-build-isolation --force-reinstall --no-deps ./python
# From the repository root, so that python/newsdiff (without the built extension) does not shadow the install.
"$VENV/bin/pytest" -q -p no:cacheprovider python/tests
echo "python/ci.sh: $(($(date +%s) - started)) s"
