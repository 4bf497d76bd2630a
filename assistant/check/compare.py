"""Numbers compared by the program: a figure's reach by qualifier, sums, increments."""

from __future__ import annotations

import dataclasses
import re

from ..config import Settings
from ..figures import Figure, extract_figures
from ..numerals import parse_number
from ..readings import Reading
from ..words import INCREMENT_AFTER, INCREMENT_BEFORE, SUM_CUES, alternation


def reach(fig: Figure, settings: Settings) -> tuple[float, float]:
    """The values a stated figure is compatible with (``Settings.figure_exact``, ``figure_about``,
    ``figure_bound``)."""
    v = fig.value
    if fig.qualifier == "range" and fig.high is not None:
        return min(v, fig.high) / (1 + settings.figure_exact), max(v, fig.high) * (1 + settings.figure_exact)
    if fig.qualifier == "about":
        return v / (1 + settings.figure_about), v * (1 + settings.figure_about)
    if fig.qualifier in ("more_than", "at_least"):
        return v, v * settings.figure_bound
    if fig.qualifier in ("up_to", "less_than"):
        return v / settings.figure_bound, v
    tolerance = min(abs(v) * settings.figure_exact, half_unit(fig, settings))
    return v - tolerance, v + tolerance


def half_unit(fig: Figure, settings: Settings) -> float:
    """Half the unit of a figure's last stated digit, in its value's scale: "103" -> 0.5, "12.000" ->
    500, "2,4 Prozent" -> 0.05, "8 Millionen" -> 500 000. A stated number stands for the values that
    round to it: 103 is not 106, while "12,000 soldiers" may be 11,800."""
    fallback = abs(fig.value) * settings.figure_exact  # a figure whose digits cannot be read again
    match = re.search(r"\d[\d.,\u00a0\u202f ]*", fig.text)
    token = match.group(0).strip(" .,\u00a0\u202f") if match else ""
    try:
        number = parse_number(token) if token else 0.0
    except ValueError:
        number = 0.0
    if not number or not fig.value:
        return fallback
    scale = abs(fig.value / number)
    decimals = re.search(r"[.,](\d{1,2})$", token)
    if decimals and not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        unit = 10 ** -len(decimals.group(1))
    else:
        digits = re.sub(r"\D", "", token)
        unit = 10 ** (len(digits) - len(digits.rstrip("0")))
    return 0.5 * unit * scale


def compatible(claimed: Figure, stated: Figure, settings: Settings) -> bool:
    """Do the two figures' ranges overlap?"""
    lo1, hi1 = reach(claimed, settings)
    lo2, hi2 = reach(stated, settings)
    return lo1 <= hi2 and lo2 <= hi1


def agrees(claimed: Figure, claim: Reading, stated: Figure, reading: Reading, settings: Settings) -> bool:
    """Is the stated figure compatible with the claimed one? A rise never agrees with a fall;
    otherwise the values in base units (tonnes -> kg) are compared as ``compatible`` ranges."""
    if claim.sign and reading.sign and claim.sign != reading.sign:
        return False

    def base(fig: Figure, factor: float) -> Figure:
        high = fig.high * factor if fig.high is not None else None
        return dataclasses.replace(fig, value=fig.value * factor, high=high)

    return compatible(base(claimed, claim.factor), base(stated, reading.factor), settings)


_SUM_CUE = re.compile(rf"\b(?:{alternation(SUM_CUES)})\b", re.IGNORECASE)


def sum_figure(text: str, parts: list[Figure]) -> Figure | None:
    """ "mehr als 11.000 Soldaten … sowie weitere 3.000 Soldaten" -> more than 14,000, or None.

    Two or more figures of the same quantity in one sentence are a sum when a cue ("weitere",
    "plus", "another", …) stands between each pair. ``text`` is the document text (figure offsets).
    """
    if len(parts) < 2 or any(p.qualifier == "range" for p in parts):
        return None
    parts = sorted(parts, key=lambda f: f.start)
    for a, b in zip(parts, parts[1:]):
        if not _SUM_CUE.search(text[a.end : b.start]):
            return None
    qualifiers = {p.qualifier for p in parts}
    if qualifiers & {"more_than", "at_least"}:
        qualifier = "more_than" if "more_than" in qualifiers else "at_least"
    elif qualifiers & {"about", "up_to", "less_than"}:
        qualifier = "about"
    else:
        qualifier = "exact"
    start, end = parts[0].start, parts[-1].end
    return Figure(
        sum(p.value for p in parts), qualifier, parts[-1].unit, start, end, text[start:end], None, False
    )


_INCREMENT_BEFORE = re.compile(rf"\b(?:{alternation(INCREMENT_BEFORE)})\s+$", re.IGNORECASE)
_INCREMENT_AFTER = re.compile(rf"^\s*(?:{alternation(INCREMENT_AFTER)})\b", re.IGNORECASE)


def is_increment(text: str, fig: Figure, dimension: str = "count") -> bool:
    """Is the figure an addition to an earlier one ("weitere 3.000 Soldaten", "3,000 more soldiers")?
    "More" after a share or an amount compares („80 Prozent mehr als im Vorjahr“): a change."""
    before = text[max(0, fig.start - 30) : fig.start]
    after = dimension == "count" and _INCREMENT_AFTER.match(text[fig.end : fig.end + 20])
    return bool(_INCREMENT_BEFORE.search(before) or after)


def states_all(sentence: str, claimed: list[Figure], settings: Settings) -> bool:
    """Does ``sentence`` state each of a claim's two or more figures (years aside)?"""
    figures = [f for f in claimed if not f.is_year]
    found = extract_figures(sentence)
    return len(figures) > 1 and all(any(compatible(f, g, settings) for g in found) for f in figures)


def states_another(
    others: list[tuple[Figure, Reading]],
    figures: list[Figure],
    readings: list[Reading],
    candidate: Figure,
    settings: Settings,
) -> bool:
    """Does a sentence (its ``figures`` and their ``readings``) state, besides ``candidate``, one of
    a claim's figures (``others``: the figures of a claim that states two or more, years aside, with
    their readings): the same dimension and unit, an agreeing value? "raise its dividend by two
    percent to 12.6 pence" and „um zwei Prozent auf 12,6 Pence … erhöht“ state the same thing,
    whatever the similarity of their masked statements."""
    return any(
        g.start != candidate.start
        and not g.is_year
        and (r.dimension, r.unit) == (claimed.dimension, claimed.unit)
        and agrees(f, claimed, g, r, settings)
        for f, claimed in others
        for g, r in zip(figures, readings)
    )
