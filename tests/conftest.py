"""Shared fixtures: a deterministic fake embedder and settings that write only under tmp_path."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.config import PROJECT_DIR, Settings

CORPUS = PROJECT_DIR / "corpus"
XQUAD = Path(os.environ.get("FACTCHECK_XQUAD", PROJECT_DIR.parent / "shared" / "data" / "xquad"))


class FakeEmbedder:
    """Hashed bag of lower-cased words: same words, similar vectors; deterministic and fast."""

    name = "fake-hash-64"
    dim = 64

    def __init__(self) -> None:
        self.calls: list[int] = []  # number of texts per encode call

    def encode(self, texts, kind="document", titles=None, progress=None):
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.md5(word.encode()).digest()
                out[i, digest[0] % self.dim] += 1.0 if digest[1] % 2 else -1.0
        if progress:
            progress(len(texts), len(texts))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    @property
    def embedded(self) -> int:
        return sum(self.calls)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # The fake embedder's hashed words carry no meaning across languages, and the fake model's
    # translations are placeholders: checked, every one would fail. The check has its own tests
    # (test_translation.py).
    # A declined question is asked a second time (``focus_sentences``); the fake model's queued
    # replies would all need a second one. The retry has its own tests (test_answer.py).
    return Settings(
        home=tmp_path / "home",
        index_dir=tmp_path / "index",
        translation_min_similarity=None,
        focus_sentences=0,
    )


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


class FakeGenerator:
    """Queued replies, every prompt recorded; streams a reply in small pieces."""

    name = "fake-generator"

    def __init__(self, replies: list[str] | None = None, default: str | None = None) -> None:
        self.replies = list(replies or [])
        self.default = default
        self.calls: list[dict] = []
        self.last_usage = {"prompt_tokens": 0, "completion_tokens": 0}

    def generate(self, messages, schema=None, stream=False, max_tokens=512):
        self.calls.append({"messages": messages, "schema": schema, "stream": stream})
        if self.replies:
            reply = self.replies.pop(0)
        elif self.default is not None:
            reply = self.default
        else:
            raise AssertionError(f"FakeGenerator has no reply queued for: {messages[-1]['content'][:80]}")
        self.last_usage = {
            "prompt_tokens": sum(len(m["content"]) // 4 for m in messages),
            "completion_tokens": len(reply) // 4,
        }
        if not stream:
            return reply
        return (reply[i : i + 3] for i in range(0, len(reply), 3))


@pytest.fixture
def fake_generator() -> FakeGenerator:
    return FakeGenerator()


@pytest.fixture(scope="session")
def real(tmp_path_factory):
    """The real models over a private index of the sample corpus, each loaded or built once per
    test run (integration tests only).

    The index starts from a copy of the checkout's index when there is one (`make test` builds it
    during set-up), so unchanged documents keep their vectors; ingest re-embeds whatever changed,
    and any document that is not in the sample corpus is removed. One translation cache serves
    the whole run, in-process tests and the page's server alike, so no sentence is translated twice.
    """
    from assistant.ingest import ingest, remove_documents
    from assistant.session import Session

    root = tmp_path_factory.mktemp("real")
    settings = Settings(index_dir=root / "index", translations_path=root / "translations.sqlite")
    source = Settings().resolved_index_dir()
    if (source / "CURRENT").exists():
        shutil.copytree(
            source,
            settings.index_dir,
            ignore=shutil.ignore_patterns(".lock", ".building-*", "translations.sqlite*"),
        )
    session = Session(settings)
    embedder = session.embedder
    report = ingest([CORPUS], settings, embedder)
    corpus_ids = set(report.added) | set(report.updated) | set(report.unchanged)
    assert len(corpus_ids) == 5, report  # the five sample articles, each read and indexed
    index = session.reload()
    extra = [d for d in index.documents if d not in corpus_ids]
    if extra:
        remove_documents(extra, settings)
        index = session.reload()
    return settings, embedder, index, session.generator, session.translations
