"""Candidate sentences for a claim's figure: the stored figures ranked against the claim."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..config import Settings
from ..figures import Figure
from ..index import Index
from ..readings import Reading
from ..retrieval import rank
from ..stored_readings import figures_where


@dataclass
class Candidate:
    id: str  # F1, F2, …
    row: int  # sentence row
    figure: Figure
    score: float  # masked-statement similarity to the claim
    reading: Reading


def figure_candidates(
    index: Index, mv: np.ndarray, statement: str, language: str, claim: Reading, settings: Settings
) -> list[Candidate]:
    """Figures of the claimed dimension, unit and rate, in the sentences whose statement is closest
    to the claim's, both with their figures masked (``mv``: the masked claim's query embedding).

    ``statement`` is the masked claim: a sentence among its search results scores its fused search
    score, any other its dense similarity. The best ``settings.figure_sentences`` sentences, at most
    ``settings.figure_sentences_per_document`` per article, are kept.
    """
    found = figures_where(
        index, lambda r: (r.dimension, r.unit, r.per) == (claim.dimension, claim.unit, claim.per)
    )
    if claim.unit == "pp":  # also the gap between two percentages a sentence states
        for row, gaps in percentage_gaps(index, claim).items():
            found.setdefault(row, []).extend(gaps)
    rows = list(found)
    if not rows:
        return []
    hits = rank(index, mv, statement, language, settings, k=max(40, settings.figure_sentences * 4))
    fused = {h.row: h.score for h in hits}
    vectors = np.stack([index.sentence_index.reconstruct(int(r)) for r in rows]).astype(np.float32)
    dense = vectors @ mv
    scored = sorted(((fused.get(r, float(d)), r) for r, d in zip(rows, dense)), reverse=True)
    per_doc: dict[str, int] = {}
    picked: list[tuple[float, int]] = []
    for score, row in scored:
        doc = index.sentences[row].doc_id
        if (
            score < settings.figure_candidate_min
            or per_doc.get(doc, 0) >= settings.figure_sentences_per_document
        ):
            continue
        per_doc[doc] = per_doc.get(doc, 0) + 1
        picked.append((score, row))
        if len(picked) == settings.figure_sentences:
            break
    picked.sort(key=lambda t: t[1])  # text order, article by article
    out: list[Candidate] = []
    for score, row in picked:
        for fig, reading in found[row]:
            out.append(Candidate(f"F{len(out) + 1}", row, fig, score, reading))
    return out


GAP = "gap between two percentages"  # the unit, and the note, of a derived figure


def percentage_gaps(index: Index, claim: Reading) -> dict[int, list[tuple[Figure, Reading]]]:
    """Sentence row -> the gap between the two percentages it states, as a derived figure in
    percentage points: „muss die Bank nur 7 Prozent … beitragen, während alle anderen 22 Prozent
    bezahlen müssten“ states a gap of 15 points. Only sentences with exactly two percentage levels,
    neither a range; the figure spans both, verbatim. Which side is larger depends on the
    sentence's grammar, so the gap takes the claim's direction and only its size is checked: a gap
    can support a claim, never refute it (``figure_rows``)."""
    out: dict[int, list[tuple[Figure, Reading]]] = {}
    for row, pairs in figures_where(index, lambda r: r.unit == "%" and r.kind == "level").items():
        if len(pairs) != 2 or any(f.high is not None for f, _ in pairs):
            continue
        (a, reading), (b, _) = sorted(pairs, key=lambda p: p[0].start)
        text = index.documents[index.sentences[row].doc_id].text
        qualifier = "exact" if a.qualifier == b.qualifier == "exact" else "about"
        size = round(abs(a.value - b.value), 6)
        gap = Figure(size, qualifier, GAP, a.start, b.end, text[a.start : b.end], None, False)
        derived = dataclasses.replace(
            reading,
            dimension=claim.dimension,
            unit="pp",
            base=size,
            base_high=None,
            kind=claim.kind,
            sign=claim.sign,
            factor=1.0,
        )
        out[row] = [(gap, derived)]
    return out
