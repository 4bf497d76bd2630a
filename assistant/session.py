"""One place that loads what a command, the page, a benchmark or a test works with: the index,
the embedder, the language model and the translation cache, each on first use.

The models are imported only when first used, so a command that refuses its input (or only
lists documents) answers before torch or llama.cpp is loaded. Objects already loaded can be
given instead (the page's server and the tests pass their own models).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .config import Settings

if TYPE_CHECKING:
    from .embedding import Embedder
    from .index import Index
    from .llm import Generator
    from .translation import TranslationCache


class Session:
    """The settings and what they point at, loaded once."""

    def __init__(
        self,
        settings: Settings,
        *,
        index: Index | None = None,
        embedder: Embedder | None = None,
        generator: Generator | None = None,
        translations: TranslationCache | None = None,
    ) -> None:
        self.settings = settings
        self.root = settings.resolved_index_dir()
        self._index, self._embedder, self._generator = index, embedder, generator
        self._translations = translations
        self._swap = threading.Lock()  # an ingest swaps the index while others read it

    # ---------------------------------------------------------------- the index

    def has_index(self) -> bool:
        from .index import Index

        return self._index is not None or Index.exists(self.root)

    @property
    def index(self) -> Index:
        """The index's current version, loaded on first use (``Index.load`` says clearly when there
        is none yet, or when it cannot be read)."""
        if self._index is None:
            from .index import Index

            self._index = Index.load(self.root)
        return self._index

    def reload(self) -> Index:
        """Load the index's newest version (after an ingest or removal)."""
        from .index import Index

        with self._swap:
            self._index = Index.load(self.root)
        return self._index

    # ---------------------------------------------------------------- the models

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from .embedding import load_embedder

            self._embedder = load_embedder(self.settings)
        return self._embedder

    def warm_embedder(self) -> Embedder:
        """The embedder with one query embedded: its first call is slower, and not query time."""
        self.embedder.encode(["warm-up"], kind="query")
        return self.embedder

    @property
    def generator(self) -> Generator:
        if self._generator is None:
            from .llm import load_generator

            self._generator = load_generator(self.settings)
        return self._generator

    @property
    def translations(self) -> TranslationCache:
        """The translation cache (``Settings.resolved_translations_path``), shared by everyone."""
        if self._translations is None:
            from .translation import TranslationCache

            self._translations = TranslationCache(self.settings.resolved_translations_path())
        return self._translations
