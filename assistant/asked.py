"""What a question asks for when it asks for a figure: "How many tonnes …" -> a mass, "By how much
did … rise" -> a change, "What does … cost" -> money; read with the language's question words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from .quantities import fold


@dataclass(frozen=True)
class Asked:
    """What a figure question asks for: "How many tonnes …" -> mass; "By how much did … rise" -> a
    change of any dimension; "What does … cost" -> money; "How many soldiers" -> a count."""

    dimension: str | None  # None: any dimension (a change, or "how high is …")
    change: bool  # asks by how much something changed
    label: str  # for messages: "tonnes", "cost", "change", the counted thing


def asked_figure(question: str) -> Asked | None:
    """The figure a question asks for, read with the language's question words; None for a
    question that does not ask for a figure."""
    folded = fold(question)

    def has(patterns: tuple[str, ...]) -> bool:
        return any(re.search(p, folded) for p in patterns)

    if has(cues.QUESTION_AGE):
        return Asked("age", False, "age")
    change = has(cues.QUESTION_CHANGE)
    amount = re.search(r"(?:" + "|".join(cues.QUESTION_AMOUNT) + r")\s+(?:de |d'|di |of |an )?(.*)", folded)
    if amount:
        words = re.findall(r"[^\W\d_][\w'-]*|%", amount.group(1))[:3]
        for n in (2, 1):
            key = " ".join(words[:n])
            if key in cues.UNITS and not (n == 1 and key in ("an", "a", "t", "l", "m", "g")):
                dimension = cues.UNITS[key][0]
                return Asked(dimension, change, key)
    if has(cues.QUESTION_DATA):
        return Asked("data", change, "data")
    if has(cues.QUESTION_PERCENT) or (amount and has(cues.QUESTION_RATE)):
        return Asked("percent", change, "percentage")
    if has(cues.QUESTION_MASS):
        return Asked("mass", change, "mass")
    if has(cues.QUESTION_EXTENT):
        return Asked(EXTENT, change, "length")
    if has(cues.QUESTION_DURATION):
        return Asked("duration", change, "duration")
    if has(cues.QUESTION_MONEY):
        return Asked("money", change, "cost")
    if change:
        return Asked(None, True, "change")
    if amount and re.search(
        r"(?:how many|wie ?viele|combien d|quant[ie] |cuant[oa]s |quant[oa]s |hoeveel )", folded
    ):
        return Asked("count", False, "count")
    if (amount and re.search(_ANY_AMOUNT, folded)) or re.search(_QUANTITY, folded):
        # „Wie hoch ist die Jugendarbeitslosigkeit?“, "How high is the deficit?", « Quelle quantité
        # d'or … ? »: a figure, of a dimension the question does not name
        return Asked(None, False, "amount")
    much = re.search(r"(?:how much|wie ?viel|quant[oa]|cuant[oa])\s+([^\W\d_]+)", folded)
    if much and much.group(1) not in _NOT_A_NOUN and not much.group(1).endswith("er"):
        # "How much compensation …", „Wie viel Förderung …“: an amount of something not counted
        # (not "How much of …", "How much higher …", "How much did …", "How much time …")
        return Asked(MEASURE, False, "amount")
    return None


_ANY_AMOUNT = (
    r"(?:how (?:high|large|big)|wie (?:hoch|gross)|quanto (?:e|era|sono) (?:alt|grand)|"
    r"(?:que|quel) (?:tan|est|etait) (?:alt|grand|le niveau)|hoe (?:hoog|groot)|"
    r"what (?:was|is|were) the (?:level|amount|total|sum))"
)
# "What quantity of gold …", « Quelle quantité d'or … »: a figure of any dimension
_QUANTITY = (
    r"(?:(?:what|which) quantity|welche menge|quelle quantite|que cantidad|quale quantita|que quantidade|"
    r"welke hoeveelheid)"
)

_NOT_A_NOUN = {
    "of", "time", "zeit", "tempo", "tiempo", "did", "does", "do", "has", "have", "had", "is", "was", "were",
    "can", "could", "will", "would", "more", "less", "mehr", "weniger", "hat", "haben", "ist", "sind",
    "war", "waren", "wird", "kann", "di", "de", "e", "es", "ha", "han", "foi", "costa", "cuesta", "custa",
}  # fmt: skip


MEASURE = "measure"  # an asked dimension: any but counts and durations (money, mass, percent …)
EXTENT = "extent"  # an asked dimension: a length or a duration ("How long is the river?")
