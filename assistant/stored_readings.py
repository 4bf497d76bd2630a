"""Readings kept with the index: worked out at ingest, stored by sentence row, read again when the
code that reads figures changes (``readings_version``)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .figures import Figure
from .readings import Reading, read

# every module whose code or data changes what ``read`` says of a figure
_READERS = ("readings.py", "cues.py", "words.py", "quantities.py", "numerals.py", "figures.py", "places.py")


@functools.cache
def readings_version() -> str:
    """Changes whenever the code or data that reads figures changes: stored readings of another
    version are read again (at load, lazily; an ingest then stores them anew)."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in _READERS:
        h.update((here / name).read_bytes())
    try:
        import babel

        h.update(babel.__version__.encode())  # the country names come from its CLDR data
    except ImportError:
        pass
    return h.hexdigest()[:16]


def sentence_readings(
    sentences, documents: dict, figures: dict[int, list[Figure]]
) -> dict[int, list[Reading]]:
    """Sentence row -> the readings of its figures (same order as ``figures[row]``), each read in
    its document with the sentence's bounds (measured: 5.9 s for
    gnad-dev's 1,363 figures, 4.3 ms each, on a loaded 2-core machine; stored, they load in 62 ms)."""
    table: dict[int, list[Reading]] = {}
    for row, figs in figures.items():
        sentence = sentences[row]
        text = documents[sentence.doc_id].text
        table[row] = [read(f, text, sentence.start, sentence.end, tuple(figs)) for f in figs]
    return table


def figure_readings(index) -> dict[int, list[Reading]]:
    """Sentence row -> the readings of its stored figures (same order as ``index.figures[row]``).

    Stored at ingest; an index whose stored readings are of another version (or missing) has them
    worked out once, on first use, and kept on it.
    """
    if index.readings is None:
        index.readings = sentence_readings(index.sentences, index.documents, index.figures)
    return index.readings


def reading_row(row: int, position: int, r: Reading) -> tuple:
    """One stored reading: the sentence row, the figure's position in it, then the fields."""
    return (
        row, position, r.dimension, r.unit, r.base, r.base_high, r.per, r.thing, r.kind, r.sign, r.modality,
        ",".join(sorted(r.places)), r.place, ",".join(str(y) for y in sorted(r.years)), r.relative, r.factor,
        r.span,
    )  # fmt: skip


def reading_of(fields: tuple) -> Reading:
    """The inverse of ``reading_row`` (without the row and position)."""
    dim, unit, base, high, per, thing, kind, sign, modality, places, place, years, relative, factor, span = (
        fields
    )
    return Reading(
        dim, unit, base, high, per, thing, kind, sign, modality,
        frozenset(p for p in places.split(",") if p), place,
        frozenset(int(y) for y in years.split(",") if y), relative, factor, span,
    )  # fmt: skip


def figures_where(index, test, spans_of_years: bool = True) -> dict[int, list[tuple[Figure, Reading]]]:
    """Sentence row -> its stored figures whose reading passes ``test``, with their readings; rows
    with none are left out. Single years are left out; a span of years („von 1870 bis 1939“)
    is kept when ``spans_of_years``: it answers "how long", never "how many"."""
    readings = figure_readings(index)
    out: dict[int, list[tuple[Figure, Reading]]] = {}
    for row, figs in index.figures.items():
        kept = [
            (f, r)
            for f, r in zip(figs, readings[row])
            if (not f.is_year or (spans_of_years and f.high is not None)) and test(r)
        ]
        if kept:
            out[row] = kept
    return out
