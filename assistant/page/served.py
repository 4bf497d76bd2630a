"""What the page serves from: the session (index, models, translation cache) and the one model's line."""

from __future__ import annotations

from ..config import Settings
from ..session import Session
from ..sharing import LinedGenerator, ModelLine


class Assistant:
    """The loaded models and index, shared by every session; the index is swapped after an ingest."""

    def __init__(self, settings: Settings, embedder=None, generator=None, index=None) -> None:
        self.session = Session(settings, index=index, embedder=embedder, generator=generator)
        self.settings, self.root = settings, self.session.root
        self.embedder = self.session.embedder
        self.line = ModelLine()  # one model: requests take turns (``sharing``)
        self.generator = LinedGenerator(self.session.generator, self.line)
        self.index = self.session.index if self.session.has_index() else None
        self.translations = self.session.translations

    def require_index(self):
        from ..errors import IndexMissingError

        if self.index is None:
            raise IndexMissingError(
                f"No index at {self.root}.",
                "Upload documents in the Sources tab, or run: factcheck ingest corpus/",
            )
        return self.index

    def reload(self) -> None:
        self.index = self.session.reload()

    def status(self) -> str:
        docs = len(self.index.documents) if self.index else 0
        sentences = len(self.index.sentences) if self.index else 0
        llm = getattr(self.generator, "name", "?")
        return (
            f"**{docs} documents** ({sentences} sentences) indexed · answers by `{llm}` · "
            f"search by `{self.embedder.name}` · everything runs on this machine"
        )
