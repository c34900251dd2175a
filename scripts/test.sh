#!/usr/bin/env bash
# Build khabar once (release wheel), install it with its test extras into a fresh virtual
# environment, then run the Rust tests and the Python tests against the installed package.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=${KHABAR_VENV:-.venv}

"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q "maturin>=1.16,<2"

start=$(date +%s)
rm -rf dist
"$VENV/bin/maturin" build --release --out dist
echo "wheel built in $(( $(date +%s) - start ))s"
wheel=$(ls dist/khabar-*.whl)
"$VENV/bin/python" -m pip install -q --force-reinstall "${wheel}[test]"
# CAMeL Tools is a reference for the compatibility presets; its dependencies pull torch, and
# the modules the tests use need only `emoji` (in the test extra).
"$VENV/bin/python" -m pip install -q --no-deps "camel-tools==1.6.0"
# Spark is a large wheel that only tests/test_scale.py's Spark test uses (local[2], needs Java).
"$VENV/bin/python" -m pip install -q "pyspark>=3.5"

# Rust: core unit, integration and doc tests (shares the release build's dependencies).
cargo test --release

# Python: the installed wheel, imported exactly as a user imports it.
"$VENV/bin/python" -m pytest tests
