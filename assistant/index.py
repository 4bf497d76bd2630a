"""The on-disk index (SQLite, FAISS, BM25); every write is a new version, swapped in atomically."""

from __future__ import annotations

import functools
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .actors import document_words
from .chunking import Chunk, Sentence
from .corpus import Document
from .errors import BadInputError, IndexCorruptError, IndexMissingError, IndexSchemaError
from .figures import FIGURES_VERSION, Figure, extract_figures
from .lexical import Bm25Set
from .readings import Reading
from .stored_readings import reading_of, readings_version
from .untrusted import INSTRUCTIONS_VERSION, instruction_reason

SCHEMA_VERSION = 3  # 3: figures stored per sentence
VECTORS_SINCE = 2  # versions from this one on have reusable vectors (an upgrade need not re-embed)
CURRENT = "CURRENT"


@dataclass
class IndexData:
    """Everything one index version holds; rows of the vector arrays follow the sentence/chunk lists."""

    documents: list[Document]
    sentences: list[Sentence]
    chunks: list[Chunk]
    sentence_vectors: np.ndarray
    chunk_vectors: np.ndarray
    info: dict[str, str] = field(default_factory=dict)
    # figure readings already known, by sentence row: those of the sentences kept from the
    # previous version (``carried_readings``); the others are read when the version is written
    readings: dict[int, list[Reading]] = field(default_factory=dict)


def carried_readings(old: Index, sources: list[int | str]) -> dict[int, list[Reading]]:
    """The previous version's readings for the sentences a new version keeps: ``sources[i]`` is
    the old row of new row ``i`` (or "new"). None are carried when the old readings are stale."""
    if old.readings is None:
        return {}
    return {i: old.readings[src] for i, src in enumerate(sources) if src != "new" and src in old.readings}


def faiss_module():
    import faiss

    return faiss


# ---------------------------------------------------------------- writing


def sentence_figures(sentences: list[Sentence]) -> dict[int, list[Figure]]:
    """Every sentence's figures, by sentence row, with document offsets (``text`` is verbatim)."""
    out: dict[int, list[Figure]] = {}
    for row, sentence in enumerate(sentences):
        figs = extract_figures(sentence.text)
        if figs:
            out[row] = [
                Figure(
                    f.value,
                    f.qualifier,
                    f.unit,
                    sentence.start + f.start,
                    sentence.start + f.end,
                    f.text,
                    f.high,
                    f.is_year,
                )
                for f in figs
            ]
    return out


def flag_instructions(sentences: list[Sentence]) -> dict[int, str]:
    """Sentence row -> why it reads as an instruction to a model (``untrusted.instruction_reason``)."""
    return {row: reason for row, s in enumerate(sentences) if (reason := instruction_reason(s.text))}


# ---------------------------------------------------------------- reading


class Index:
    """One loaded index version, read-only and held in memory."""

    def __init__(
        self,
        root: Path,
        version: str,
        documents: dict[str, Document],
        sentences: list[Sentence],
        chunks: list[Chunk],
        sentence_index,
        chunk_index,
        bm25: Bm25Set,
        sentence_bm25: Bm25Set,
        info: dict[str, str],
        figures: dict[int, list[Figure]] | None = None,
        schema_version: int = SCHEMA_VERSION,
        readings: dict[int, list[Reading]] | None = None,
        instructions: dict[int, str] | None = None,
    ) -> None:
        self.root = root
        self.version = version
        self.documents = documents
        self.sentences = sentences
        self.chunks = chunks
        self.sentence_index = sentence_index
        self.chunk_index = chunk_index
        self.bm25 = bm25  # over chunks
        self.sentence_bm25 = sentence_bm25
        self.info = info
        # sentence row -> why it addresses a model; such a sentence is shown, never evidence
        self.instructions = instructions if instructions is not None else flag_instructions(sentences)
        figures = figures if figures is not None else sentence_figures(sentences)
        # by sentence row; a flagged sentence's figures are not evidence for anything
        self.figures = {row: figs for row, figs in figures.items() if row not in self.instructions}
        self.schema_version = schema_version
        # figure readings as stored at ingest; None: worked out on first use (stored_readings.figure_readings)
        self.readings = readings
        # tables worked out from this version on first use by the modules that need them (the
        # figures by the quantity they count: ``figure_table.quantity_rows``), dropped with it
        self.derived: dict[str, object] = {}
        self._doc_sentences: dict[str, list[int]] = {}
        for row, sentence in enumerate(sentences):
            self._doc_sentences.setdefault(sentence.doc_id, []).append(row)

    @functools.cached_property
    def word_documents(self) -> dict[str, int]:
        """Folded word -> the number of documents that contain it. A name is in few of them, a
        common noun („Haft“, „Prozent“) in many; worked out on first use (57 ms for 180 articles)."""
        counts: dict[str, int] = {}
        for doc in self.documents.values():
            for word in document_words(doc.text):
                counts[word] = counts.get(word, 0) + 1
        return counts

    def instruction_count(self, doc_id: str) -> int:
        """How many of a document's sentences address a model (shown marked, never evidence)."""
        return sum(1 for row in self.sentence_rows(doc_id) if row in self.instructions)

    @staticmethod
    def exists(root: Path) -> bool:
        return (root / CURRENT).exists()

    @classmethod
    def load(cls, root: Path, oldest: int = SCHEMA_VERSION) -> Index:
        """Load the current version; ``oldest`` lets an ingest read an older format to upgrade it.

        Raises:
            IndexMissingError: nothing has been built at ``root``.
            IndexCorruptError: the files cannot be read.
        """
        hint = f"Build it with: factcheck ingest corpus/ --index-dir {root}"
        if not (root / CURRENT).exists():
            raise IndexMissingError(f"No index at {root}.", hint)
        version = (root / CURRENT).read_text().strip()
        folder = root / version
        try:
            if not version.startswith("v-") or not folder.is_dir():
                raise OSError(f"version folder {version!r} is missing")
            manifest = json.loads((folder / "manifest.json").read_text())
            schema = manifest.get("schema_version")
            if not isinstance(schema, int) or not oldest <= schema <= SCHEMA_VERSION:
                upgradable = isinstance(schema, int) and VECTORS_SINCE <= schema < SCHEMA_VERSION
                raise IndexSchemaError(
                    f"The index at {root} has format version {schema}; "
                    f"this program reads version {SCHEMA_VERSION}.",
                    f"Upgrade it (no re-embedding) with: factcheck ingest corpus/ --index-dir {root}"
                    if upgradable
                    else f"Rebuild it with: factcheck ingest corpus/ --rebuild --index-dir {root}",
                )
            documents, sentences, chunks, info, figures, readings, instructions = _read_sqlite(
                folder / "meta.sqlite", schema
            )
            faiss = faiss_module()
            sentence_index = faiss.read_index(str(folder / "sentences.faiss"))
            chunk_index = faiss.read_index(str(folder / "chunks.faiss"))
            bm25 = Bm25Set.load(folder / "bm25")
            sentence_bm25 = Bm25Set.load(folder / "bm25-sentences")
            if (sentence_index.ntotal, chunk_index.ntotal) != (len(sentences), len(chunks)):
                raise OSError("vector counts do not match the metadata")
        except (OSError, ValueError, KeyError, RuntimeError, sqlite3.Error) as exc:
            raise IndexCorruptError(
                f"The index at {root} cannot be read ({exc}).",
                f"Rebuild it with: factcheck ingest corpus/ --rebuild --index-dir {root}",
            ) from None
        return cls(
            root,
            version,
            documents,
            sentences,
            chunks,
            sentence_index,
            chunk_index,
            bm25,
            sentence_bm25,
            info,
            figures,
            schema,
            readings,
            instructions,
        )

    def document(self, doc_id: str) -> Document:
        if doc_id not in self.documents:
            raise BadInputError(
                f"No document with id {doc_id!r} in the index.", "List them with: factcheck docs"
            )
        return self.documents[doc_id]

    def sentence_rows(self, doc_id: str) -> list[int]:
        return self._doc_sentences.get(doc_id, [])

    def vectors(self, kind: str) -> np.ndarray:
        index = self.sentence_index if kind == "sentence" else self.chunk_index
        if index.ntotal == 0:
            return np.zeros((0, index.d), dtype=np.float32)
        return index.reconstruct_n(0, index.ntotal)

    def to_data(self) -> IndexData:
        return IndexData(
            list(self.documents.values()),
            list(self.sentences),
            list(self.chunks),
            self.vectors("sentence"),
            self.vectors("chunk"),
            dict(self.info),
        )


def _documents(con: sqlite3.Connection) -> dict[str, Document]:
    rows = con.execute(
        "SELECT id, title, text, date, author, language, source, content_hash FROM documents ORDER BY rowid"
    )
    return {row[0]: Document(*row) for row in rows}


def read_documents(root: Path) -> dict[str, Document]:
    """Only the documents of the current version; readable across format versions."""
    folder = root / (root / CURRENT).read_text().strip()
    con = sqlite3.connect(f"file:{folder / 'meta.sqlite'}?mode=ro", uri=True)
    try:
        return _documents(con)
    except sqlite3.Error as exc:
        raise IndexCorruptError(f"The index at {root} cannot be read ({exc}).") from None
    finally:
        con.close()


def _read_sqlite(path: Path, schema: int = SCHEMA_VERSION):
    if not path.exists():
        raise OSError("meta.sqlite is missing")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        info = dict(con.execute("SELECT key, value FROM info"))
        documents = _documents(con)
        sentences = [
            Sentence(doc_id, idx, start, end, documents[doc_id].text[start:end])
            for doc_id, idx, start, end in con.execute(
                'SELECT doc_id, idx, start, "end" FROM sentences ORDER BY row'
            )
        ]
        chunks = [
            Chunk(doc_id, idx, first, last, start, end, documents[doc_id].text[start:end])
            for doc_id, idx, first, last, start, end in con.execute(
                'SELECT doc_id, idx, first, last, start, "end" FROM chunks ORDER BY row'
            )
        ]
        figures: dict[int, list[Figure]] | None = None  # None: extracted again at load
        if schema >= 3 and info.get("figures_version") == FIGURES_VERSION:
            figures = {}
            for row, start, end, value, high, qualifier, unit, is_year in con.execute(
                'SELECT sentence_row, start, "end", value, high, qualifier, unit, is_year FROM figures '
                "ORDER BY sentence_row, start"
            ):
                text = documents[sentences[row].doc_id].text[start:end]
                figures.setdefault(row, []).append(
                    Figure(value, qualifier, unit, start, end, text, high, bool(is_year))
                )
        readings = stored_readings_of(con, info, figures)
        instructions = _stored_instructions(con, info)
    finally:
        con.close()
    return documents, sentences, chunks, info, figures, readings, instructions


def _stored_instructions(con, info: dict) -> dict[int, str] | None:
    """The sentences flagged at ingest, if flagged by this program's patterns (None: flag them again)."""
    if info.get("instructions_version") != INSTRUCTIONS_VERSION:
        return None
    return dict(con.execute("SELECT sentence_row, reason FROM instructions"))


def stored_readings_of(con, info: dict, figures: dict | None) -> dict[int, list[Reading]] | None:
    """The readings stored at ingest, if they are of this program's version and match the figures
    (an index written before readings were stored has none: they are worked out on first use)."""
    if figures is None or info.get("readings_version") != readings_version():
        return None
    readings: dict[int, list[Reading]] = {}
    for row, _position, *fields in con.execute("SELECT * FROM readings ORDER BY sentence_row, position"):
        readings.setdefault(row, []).append(reading_of(tuple(fields)))
    if any(len(readings.get(row, ())) != len(figs) for row, figs in figures.items()):
        return None
    return readings
