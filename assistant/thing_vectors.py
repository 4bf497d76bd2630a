"""The embeddings of what the corpus's figures count, computed at ingest.

A count claim is judged by the thing it counts: the claim's „Gastwirte“ against each stated
figure's „Wirte“ or „Personen“ (``check.rows``). Those phrases are the same for every claim, so
they are embedded once, when the index is written, and kept beside it in ``things.npz``. A check
then embeds only the claim's own phrase (in one batch with its query). Without the file (an index
written before it, or a phrase read differently by newer code) a phrase is embedded when a check
first needs it, as before: the file only saves time, it never changes a verdict.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .figure_table import figure_quantity
from .index import Index
from .quantities import quantity_before

FILE = "things.npz"


def stated_things(index: Index) -> list[str]:
    """Every phrase a check may compare a claim's counted thing with: each figure's thing
    (``figure_quantity``), or, when it names none, the quantity named before it in its sentence
    (``quantity_before``), as ``check.rows`` reads them."""
    phrases: set[str] = set()
    for row, figs in (index.figures or {}).items():
        sentence = index.sentences[row]
        doc = index.documents[sentence.doc_id]
        for fig in figs:
            if fig.is_year:
                continue
            phrase, concept = figure_quantity(fig, doc.text, doc.language)
            if not phrase and concept is None:
                phrase = quantity_before(doc.text[sentence.start : fig.start], doc.language)[0]
            if phrase:
                phrases.add(phrase)
    return sorted(phrases)


def _path(index: Index) -> Path:
    return Path(index.root) / index.version / FILE


def stored(index: Index, embedder_name: str) -> dict[str, np.ndarray]:
    """The phrase vectors kept with ``index`` (empty when there are none, or they are another
    embedder's); read once per index."""
    key = ("thing_vectors", embedder_name)
    if key not in index.derived:
        table: dict[str, np.ndarray] = {}
        try:
            with np.load(_path(index), allow_pickle=False) as data:
                if str(data["embedder"]) == embedder_name:
                    table = dict(zip(data["phrases"].tolist(), data["vectors"]))
        except (OSError, KeyError, ValueError):
            pass  # none, or unreadable: phrases are embedded when needed
        index.derived[key] = table
    return index.derived[key]


def present(index: Index) -> bool:
    return _path(index).exists()


def save(
    index: Index,
    embedder_name: str,
    encode: Callable[[list[str]], np.ndarray] | None = None,
    known: dict[str, np.ndarray] | None = None,
) -> int:
    """Write the vectors of ``index``'s figure phrases beside it, atomically: those in ``known``
    (the previous version's ``stored``, read before it was replaced) are reused, the others
    embedded with ``encode`` (none without it, as when documents are only removed). Returns how
    many were embedded."""
    phrases = stated_things(index)
    known = known or {}
    missing = [p for p in phrases if p not in known]
    fresh = dict(zip(missing, encode(missing))) if missing and encode else {}
    table = {p: v for p in phrases if (v := known.get(p, fresh.get(p))) is not None}
    path = _path(index)
    tmp = path.with_name(f".{FILE}.tmp")
    with open(tmp, "wb") as out:
        np.savez(
            out,
            embedder=np.array(embedder_name),
            phrases=np.array(list(table), dtype=str),
            vectors=np.array(list(table.values()), dtype=np.float32)
            if table
            else np.zeros((0, 0), np.float32),
        )
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    index.derived[("thing_vectors", embedder_name)] = table
    return len(fresh)
