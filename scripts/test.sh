#!/usr/bin/env bash
# Runs lint and the whole test suite (unit tests with fakes, then the real-model tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1
.venv/bin/ruff check assistant tests eval
.venv/bin/python -m pytest -q "$@"
