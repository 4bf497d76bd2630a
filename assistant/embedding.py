"""The embedder seam: EmbeddingGemma through sentence-transformers, with query and document prompts."""

from __future__ import annotations

import functools
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from .config import Settings
from .errors import MissingDependencyError, ModelError

Kind = Literal["query", "document"]
ProgressFn = Callable[[int, int], None]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str
    dim: int

    def encode(
        self,
        texts: Sequence[str],
        kind: Kind = "document",
        titles: Sequence[str | None] | None = None,
        progress: ProgressFn | None = None,
    ) -> np.ndarray: ...


def normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class SentenceTransformerEmbedder:
    """A local sentence-transformers model (EmbeddingGemma by default), loaded on first use."""

    def __init__(
        self, path: Path, dtype: str = "float32", batch_size: int = 8, threads: int | None = None
    ) -> None:
        self.path = path
        self.name = path.name
        self.dtype = dtype
        self.batch_size = batch_size
        self.threads = threads
        self.load_seconds = 0.0
        self._model = None

    @property
    def model(self):
        """The SentenceTransformer, loaded the first time it is needed (an unchanged re-ingest never is)."""
        if self._model is None:
            self._model = self._load()
        return self._model

    def _load(self):
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise MissingDependencyError(
                "Embeddings need sentence-transformers and torch: run `make setup`"
            ) from exc
        if self.threads:
            torch.set_num_threads(self.threads)
        for noisy in ("sentence_transformers", "transformers"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except ImportError:  # pragma: no cover
            pass
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        started = time.perf_counter()
        try:
            model = SentenceTransformer(
                str(self.path),
                device="cpu",
                local_files_only=True,
                model_kwargs={"dtype": getattr(torch, self.dtype)},
            )
        except (OSError, ValueError) as exc:
            raise ModelError(f"Cannot load the embedder from {self.path}: {exc}") from None
        self.load_seconds = time.perf_counter() - started
        prompts = getattr(model, "prompts", {}) or {}
        self.query_prompt = prompts.get("query", "")
        self.document_prompt = prompts.get("document", "")
        return model

    @property
    def dim(self) -> int:
        get_dim = getattr(self.model, "get_embedding_dimension", None)
        return int((get_dim or self.model.get_sentence_embedding_dimension)())

    def _document_text(self, text: str, title: str | None) -> str:
        # EmbeddingGemma's document prompt has a title slot: "title: none | text: ".
        if "title: none" in self.document_prompt:
            slot = (title or "none").replace("|", "/").replace("\n", " ").strip() or "none"
            return self.document_prompt.replace("title: none", f"title: {slot}") + text
        return self.document_prompt + text

    def encode(
        self,
        texts: Sequence[str],
        kind: Kind = "document",
        titles: Sequence[str | None] | None = None,
        progress: ProgressFn | None = None,
    ) -> np.ndarray:
        model = self.model  # loads on first use; sets the prompts
        if kind == "query":
            prepared = [self.query_prompt + t for t in texts]
        else:
            titles = titles or [None] * len(texts)
            prepared = [self._document_text(t, ti) for t, ti in zip(texts, titles)]
        if not prepared:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = []
        step = self.batch_size * 4
        for i in range(0, len(prepared), step):
            out.append(
                model.encode(
                    prepared[i : i + step],
                    batch_size=self.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            )
            if progress is not None:
                progress(min(i + step, len(prepared)), len(prepared))
        return normalize(np.concatenate(out))


_CACHE: dict[tuple, SentenceTransformerEmbedder] = {}


@functools.cache
def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU computes bfloat16 natively: AVX512-BF16 or AMX on x86, BF16 on ARM.
    Elsewhere torch emulates it, and it is several times slower than float32."""
    try:
        flags = cpuinfo.read_text(errors="replace")
    except OSError:
        return False
    return bool(re.search(r"\b(avx512_bf16|amx_bf16|bf16)\b", flags))


def resolved_dtype(settings: Settings) -> str:
    """The embedder's precision: ``embed_dtype``, with "auto" decided by the CPU."""
    if settings.embed_dtype != "auto":
        return settings.embed_dtype
    return "bfloat16" if native_bf16() else "float32"


def load_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    """The configured embedder, loaded once per process."""
    from .models import model_path

    path = model_path(settings, "embedder")
    dtype = resolved_dtype(settings)
    key = (str(path), dtype, settings.embed_batch_size, settings.threads)
    if key not in _CACHE:
        _CACHE[key] = SentenceTransformerEmbedder(path, dtype, settings.embed_batch_size, settings.threads)
    return _CACHE[key]
