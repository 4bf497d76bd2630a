"""Count questions: the sentences that state the count asked about, and whether it was answered."""

from __future__ import annotations

import numpy as np

from ..asked import EXTENT, MEASURE, asked_figure
from ..config import Settings
from ..figure_table import quantity_rows
from ..figures import values
from ..index import Index
from ..language import detect_language
from ..quantities import asked_quantity
from ..readings import Reading
from ..retrieval import Hit, sentence_hit
from ..stored_readings import figures_where
from .numbers import same_value, unread_number

# what a figure question asks for when it names no thing or unit: a sentence with such a figure
# may be about anything, so it is not quoted in place of an answer whose figure it lacks
GENERIC_ASKS = frozenset({"cost", "amount", "count", "change"})


def asked_count(question: str, language: str, index: Index, checks: dict) -> dict[int, list] | None:
    """For a figure question, the sentences (row -> figures) that state a figure of the kind asked
    for, from the figures stored at ingest; None for any other question.

    "How many soldiers …?" (a thing the optional lexicon knows) -> the figures that count soldiers;
    "How many tonnes …" -> masses; "By how much did … rise" -> changes; "What does … cost" -> money;
    "How many drone instructors" -> counts. The question is read in its own language, whatever
    language the answer is wanted in.
    """

    concept = asked_quantity(question, detect_language(question, default=language))
    if concept is not None:
        checks["asks_count"] = concept
        checks["asks_dimension"] = "count"
        return quantity_rows(index, concept)
    asked = asked_figure(question)
    if asked is None:
        return None
    checks["asks_count"] = asked.label
    checks["asks_dimension"] = asked.dimension or ("change" if asked.change else "any")

    def fits(r: Reading) -> bool:
        if asked.dimension in ("duration", EXTENT) and is_period(r):
            return True  # "How long was it in operation?" -> „von 1870 bis 1939“
        if asked.dimension == MEASURE:
            return r.dimension not in ("count", "duration")
        if asked.dimension == EXTENT:
            return r.dimension in ("length", "duration")
        if asked.dimension and r.dimension != asked.dimension:
            return False
        return not asked.change or r.kind == "change" or r.dimension == "count"

    # a span of years („Evelyn Lambart (1914-1999)“) answers "how long", never "how many films"
    periods = asked.dimension in ("duration", EXTENT)
    return {row: [f for f, _ in pairs] for row, pairs in figures_where(index, fits, periods).items()}


def is_period(r: Reading) -> bool:
    """A span of years („von 1870 bis 1939“, „1990–1995“), which answers "how long"."""
    high = r.base_high
    return (
        r.dimension == "count" and high is not None and r.base.is_integer() and high.is_integer()
        and 1000 <= r.base < high <= 2100
    )  # fmt: skip


def with_counts(
    hits: list[Hit], counting: dict | None, settings: Settings, index: Index, qv: np.ndarray
) -> list[Hit]:
    """The candidates for the model. For a count question, the sentences that state a figure of
    the thing asked about come first (up to ``settings.count_sentences``: those the search ranked, then the
    others by their similarity to the question), then the usual best hits, so that "How many
    howitzers?" sees „50 … Haubitzen“ even when sentences about soldiers rank higher."""
    if not counting:
        return hits[: settings.answer_sentences]
    first = [h for h in hits if h.row in counting][: settings.count_sentences]
    if len(first) < settings.count_sentences:
        ranked = {h.row for h in hits}
        others = sorted(
            (sentence_hit(index, row, qv) for row in counting if row not in ranked), key=lambda h: -h.score
        )
        first += others[: settings.count_sentences - len(first)]
    rest = [h for h in hits if h not in first]
    return (first + rest)[: settings.answer_sentences]


def counted_quotes(cited: list[str], ids: list[str], hits: list[Hit], counting: dict, checks: dict):
    """A figure question answered by quoting the evidence (``repair`` "fallback") quotes only the
    sentences that state a figure of the kind asked for; with none, it is declined. Quoting a
    sentence without such a figure answered "How many Bank Austria customers were affected?" with
    „zahlreiche Nutzer“, and "How many police officers …?" with a sentence about a hotel."""
    counted = [s for s in cited if hits[ids.index(s)].row in counting]
    if not counted:
        checks["gate"] = f"no quoted sentence gives a figure for the {checks['asks_count']} asked about"
        return True, cited
    return False, counted


def count_answered(
    text: str, cited: list[str], ids: list[str], hits: list[Hit], counting: dict, checks: dict
) -> tuple[bool, list[str]]:
    """A count question's answer must rest on a figure of the thing asked about.

    Citing no sentence that counts it: insufficient (the model answered with another quantity, or
    about another actor). Citing one, but stating none of its figures: the answer becomes the
    quoted sentences that do count it (the evidence-only fallback).
    """
    rows = {s: hits[ids.index(s)].row for s in cited}
    counted = [s for s in cited if rows[s] in counting]
    if (
        not counted
        and checks.get("asks_dimension") == "count"
        and any(unread_number(text, hits[ids.index(s)].text) for s in cited)
    ):
        # „der zwei verschiedene Teams … führte“, „die sechs-malige Grammy-Gewinnerin“: the
        # extractor reads a number word only right before a noun, so this count was never stored
        # and cannot be judged here; the answer's other checks stand
        checks["count_gate"] = "a number word the figure reader skips"
        return False, cited
    if not counted:
        checks["gate"] = f"no cited sentence gives a figure for the {checks['asks_count']} asked about"
        checks["withdrawn"] = text
        return True, cited
    stated = values(text)
    figures = [f for s in counted for f in counting[rows[s]]]
    if not any(same_value(a, v) for f in figures for v in (f.value, f.high) if v is not None for a in stated):
        if checks["asks_count"] in GENERIC_ASKS:
            # any euro or any count is no evidence of the one asked about: quoting the sentences
            # would answer "How much did a barrel of Brent cost?" with an IT write-down
            checks["gate"] = f"the answer's figure is in none of the cited sentences ({checks['asks_count']})"
            checks["withdrawn"] = text
            return True, cited
        checks["repair"] = "count"  # the answer's figure counts something else: quote the sentences
        return False, counted
    return False, cited
