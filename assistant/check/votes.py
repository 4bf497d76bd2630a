"""Which rows vote: an article's votes it takes back because it states the claim's figure elsewhere,
or because its sentence closest to the claim supports it."""

from __future__ import annotations

import dataclasses
import re

from ..actors import names_source, source_of
from ..config import Settings
from ..figures import Figure
from .compare import states_all
from .result import FigureRow


def _another_period(row: FigureRow, supporting: FigureRow) -> bool:
    """Does ``row``'s sentence state years (or a decade) that the supporting sentence does not?"""
    years = set(re.findall(r"(?:19|20)\d\d", row.quote))
    return bool(years - set(re.findall(r"(?:19|20)\d\d", supporting.quote)))


def closest_in_article(rows: list[FigureRow], closeness: dict[int, float]) -> list[FigureRow]:
    """An article whose sentence closest to the claim supports it does not also contradict it with a
    figure of a sentence further from the claim: that one counts another thing („38 Prozent“ of
    accidents caused by distraction, and „83 Prozent der Autofahrer“ who see phoning as one).
    Unless that sentence names a source of its own: then two sources disagree."""
    best: dict[str, tuple[float, str]] = {}
    for r in rows:
        score = closeness.get(id(r))
        if r.relation != "related" and score is not None and score > best.get(r.doc_id, (-2.0, ""))[0]:
            best[r.doc_id] = (score, r.relation)
    return [
        dataclasses.replace(
            r, relation="related", note="another quantity in an article that states the claim's"
        )
        if r.relation == "contradicts"
        and best[r.doc_id][1] == "supports"
        and closeness.get(id(r), 2.0) < best[r.doc_id][0]
        and not source_of(r.quote)  # „laut Veranstaltern 10.000“: two sources disagree in one article
        else r
        for r in rows
    ]


def settled(rows: list[FigureRow], source: str, stated: list[Figure], settings: Settings) -> list[FigureRow]:
    """Votes an article takes back because it states the claim's figure elsewhere."""
    # an article that states the claimed figure does not also contradict it with a figure of
    # another period or place it reports ("0,18 Prozent in den 1990er-Jahren", "0,08 Prozent in den
    # vergangenen fünf Jahren"): its other figures are shown, not counted
    supporting = {r.doc_id: r for r in rows if r.relation == "supports"}
    rows = [
        dataclasses.replace(
            r, relation="related", note="another period in an article that states the claim's"
        )
        if r.relation == "contradicts" and r.doc_id in supporting and _another_period(r, supporting[r.doc_id])
        else r
        for r in rows
    ]
    # what a source is reported to say: where a sentence of an article names the claim's source
    # itself, that article's sentences that take it only from their context do not vote
    direct = {r.doc_id for r in rows if r.relation != "related" and source and names_source(source, r.quote)}
    rows = [
        dataclasses.replace(r, relation="related", note="the article gives the source's figure elsewhere")
        if r.relation != "related" and r.doc_id in direct and not names_source(source, r.quote)
        else r
        for r in rows
    ]
    # a claim with several figures names its quantity precisely when one sentence states them all
    # ("45,000, with 16,000 of them in Duisburg" against „45.000 Demonstranten, davon 16.000 in
    # Duisburg“): that article's other figures („20.300 Beschäftigte“ at one rally) count other things
    complete = {r.doc_id for r in rows if r.relation == "supports" and states_all(r.quote, stated, settings)}
    return [
        dataclasses.replace(
            r, relation="related", note="another quantity in an article that states the claim's"
        )
        if r.relation == "contradicts" and r.doc_id in complete
        else r
        for r in rows
    ]
