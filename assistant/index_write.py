"""Writing a new index version, atomically: one writer at a time (a lock file), the SQLite tables,
the FAISS files and BM25 in a fresh folder, fsynced, then ``CURRENT`` replaced by a rename."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from .errors import BadInputError
from .figures import FIGURES_VERSION
from .index import CURRENT, SCHEMA_VERSION, IndexData, faiss_module, flag_instructions, sentence_figures
from .lexical import Bm25Set
from .stored_readings import reading_row, readings_version, sentence_readings
from .untrusted import INSTRUCTIONS_VERSION

HNSW_M = 32

_SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, date TEXT, author TEXT,
    language TEXT NOT NULL, source TEXT NOT NULL, content_hash TEXT NOT NULL);
CREATE TABLE sentences (
    row INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE TABLE figures (
    sentence_row INTEGER NOT NULL REFERENCES sentences(row), start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value REAL NOT NULL, high REAL, qualifier TEXT NOT NULL, unit TEXT NOT NULL, is_year INTEGER NOT NULL);
CREATE TABLE readings (
    sentence_row INTEGER NOT NULL REFERENCES sentences(row), position INTEGER NOT NULL,
    dimension TEXT NOT NULL, unit TEXT NOT NULL, base REAL NOT NULL, base_high REAL, per TEXT NOT NULL,
    thing TEXT NOT NULL, kind TEXT NOT NULL, sign INTEGER NOT NULL, modality TEXT NOT NULL,
    places TEXT NOT NULL, place TEXT NOT NULL, years TEXT NOT NULL, relative TEXT NOT NULL,
    factor REAL NOT NULL, span TEXT NOT NULL DEFAULT '', PRIMARY KEY (sentence_row, position));
CREATE TABLE instructions (
    sentence_row INTEGER PRIMARY KEY REFERENCES sentences(row), reason TEXT NOT NULL);
CREATE INDEX sentences_doc ON sentences(doc_id, idx);
CREATE INDEX figures_sentence ON figures(sentence_row);
CREATE INDEX chunks_doc ON chunks(doc_id, idx);
"""


def build_faiss(vectors: np.ndarray, ann_threshold: int):
    """Exact inner product below ``ann_threshold`` vectors, HNSW (approximate) above."""
    faiss = faiss_module()
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else 1
    if len(vectors) > ann_threshold:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


WAITING = "waiting for another ingest to finish"


@contextmanager
def writer_lock(root: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the index's write lock: one ingest or removal at a time. ``waiting()`` is called
    once if another writer holds it, before this one waits its turn."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        fh = open(root / ".lock", "w")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise BadInputError(f"cannot write the index folder {root}: {_reason(exc, root)}") from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _reason(exc: OSError, root: Path) -> str:
    """Why an index folder cannot be written, in words."""
    if isinstance(exc, FileExistsError) or (root.exists() and not root.is_dir()):
        return "it is a file, not a folder"
    if isinstance(exc, NotADirectoryError):
        return "a part of its path is a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or type(exc).__name__


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_sqlite(path: Path, data: IndexData) -> None:
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        info = {
            **data.info,
            "schema_version": str(SCHEMA_VERSION),
            "figures_version": FIGURES_VERSION,
            "readings_version": readings_version(),
            "instructions_version": INSTRUCTIONS_VERSION,
        }
        con.executemany("INSERT INTO info VALUES (?, ?)", sorted(info.items()))
        con.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (d.id, d.title, d.text, d.date, d.author, d.language, d.source, d.content_hash)
                for d in data.documents
            ],
        )
        con.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
            [(i, s.doc_id, s.idx, s.start, s.end) for i, s in enumerate(data.sentences)],
        )
        con.executemany(
            "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(i, c.doc_id, c.idx, c.first, c.last, c.start, c.end) for i, c in enumerate(data.chunks)],
        )
        figures = sentence_figures(data.sentences)
        con.executemany(
            "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (row, f.start, f.end, f.value, f.high, f.qualifier, f.unit, int(f.is_year))
                for row, figs in figures.items()
                for f in figs
            ],
        )
        known = {r: rs for r, rs in data.readings.items() if len(rs) == len(figures.get(r, ()))}
        unread = {r: figs for r, figs in figures.items() if r not in known}
        readings = {**sentence_readings(data.sentences, {d.id: d for d in data.documents}, unread), **known}
        con.executemany(
            f"INSERT INTO readings VALUES ({', '.join('?' * 17)})",
            [reading_row(row, i, r) for row, rs in readings.items() for i, r in enumerate(rs)],
        )
        con.executemany(
            "INSERT INTO instructions VALUES (?, ?)", sorted(flag_instructions(data.sentences).items())
        )
        con.commit()
    finally:
        con.close()


def write_version(root: Path, data: IndexData, ann_threshold: int) -> str:
    """Write ``data`` as a new version and make it current; the caller holds ``writer_lock``.

    The version is built in a hidden folder, synced, renamed into place, and only then named in
    CURRENT (itself replaced by rename). A crash at any point leaves the previous version current.
    """
    for stale in root.glob(".building-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a crashed writer; we hold the lock
    work = Path(tempfile.mkdtemp(dir=root, prefix=".building-"))
    try:
        _write_sqlite(work / "meta.sqlite", data)
        faiss = faiss_module()
        faiss.write_index(build_faiss(data.chunk_vectors, ann_threshold), str(work / "chunks.faiss"))
        faiss.write_index(build_faiss(data.sentence_vectors, ann_threshold), str(work / "sentences.faiss"))
        langs = {d.id: d.language for d in data.documents}
        Bm25Set.build([c.text for c in data.chunks], [langs[c.doc_id] for c in data.chunks]).save(
            work / "bm25"
        )
        Bm25Set.build([s.text for s in data.sentences], [langs[s.doc_id] for s in data.sentences]).save(
            work / "bm25-sentences"
        )
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "documents": len(data.documents),
            "sentences": len(data.sentences),
            "chunks": len(data.chunks),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        _fsync_tree(work)
        version = f"v-{time.strftime('%Y%m%dT%H%M%S')}-{work.name[-8:]}"
        os.rename(work, root / version)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    pointer = root / f".{CURRENT}.tmp"
    pointer.write_text(version + "\n")
    with open(pointer) as fh:
        os.fsync(fh.fileno())
    os.replace(pointer, root / CURRENT)
    dir_fd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    for old in root.glob("v-*"):
        if old.name != version:
            shutil.rmtree(old, ignore_errors=True)
    return version
