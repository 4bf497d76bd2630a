"""The generator seam: a local GGUF model through llama-cpp-python, loaded once per process."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from .config import Settings
from .errors import MissingDependencyError, ModelError

Message = dict[str, str]


class Generator(Protocol):
    """Chat generation; with ``schema`` the output is constrained to that JSON schema."""

    name: str

    def generate(
        self, messages: list[Message], schema: dict | None = None, stream: bool = False, max_tokens: int = 512
    ) -> str | Iterator[str]: ...


class LlamaCppGenerator:
    """In-process llama.cpp at temperature 0 with a fixed seed (deterministic answers)."""

    def __init__(self, path: Path, n_ctx: int = 4096, threads: int | None = None, seed: int = 0) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise MissingDependencyError(
                "Generation needs llama-cpp-python 0.3.36: run `make setup`"
            ) from exc
        started = time.perf_counter()
        try:
            self.llm = Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=threads or os.cpu_count(),
                seed=seed,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"Cannot load the GGUF model {path}: {exc}") from None
        self.load_seconds = time.perf_counter() - started
        self.name = path.name

    def generate(
        self, messages: list[Message], schema: dict | None = None, stream: bool = False, max_tokens: int = 512
    ) -> str | Iterator[str]:
        kwargs = {
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0.0,
            "seed": 0,
            "stream": stream,
        }
        if schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        result = self.llm.create_chat_completion(**kwargs)
        if not stream:
            return result["choices"][0]["message"]["content"] or ""
        return (part["choices"][0]["delta"].get("content") or "" for part in result)


_CACHE: dict[str, LlamaCppGenerator] = {}


def load_generator(settings: Settings) -> LlamaCppGenerator:
    """The configured local LLM, loaded once per process."""
    from .models import model_path

    path = model_path(settings, "llm")
    if str(path) not in _CACHE:
        _CACHE[str(path)] = LlamaCppGenerator(path, threads=settings.threads)
    return _CACHE[str(path)]
