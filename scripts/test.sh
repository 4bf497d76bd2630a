#!/usr/bin/env bash
# Runs lint and the whole test suite (unit tests with fakes, then the real-model and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1
# The browser tests drive Debian's Chromium through Playwright; Playwright never downloads one.
if [ ! -x /usr/bin/chromium ]; then
    echo "==> installing Debian's chromium and chromium-driver for the browser tests"
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -q chromium chromium-driver >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null; }
    else
        sudo -n apt-get install -y -q chromium chromium-driver >/dev/null
    fi
fi
.venv/bin/ruff check assistant tests eval
.venv/bin/python -m pytest -q --durations=12 "$@"
