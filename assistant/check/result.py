"""A check's result: verdicts, relations, one row per source's figure, and the rule that decides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..evidence import Evidence

VERDICTS = ("supported", "refuted", "conflicting", "not_enough_evidence")


RELATIONS = ("supports", "contradicts", "related")


@dataclass(frozen=True)
class FigureRow:
    """One source's figure for the claimed quantity: ``document.text[start:end] == quote``."""

    doc_id: str
    title: str
    date: str | None
    figure: str  # the figure as stated, verbatim: "mehr als 11.000"
    value: float
    high: float | None
    qualifier: str
    unit: str
    quote: str  # the whole sentence
    start: int
    end: int
    figure_start: int
    figure_end: int
    translation: str | None
    relation: str  # supports | contradicts | related
    note: str = ""  # "sum of 2 figures", "part of a sum", "another quantity"
    translation_doubtful: bool = False  # failed the meaning check: shown marked, beside the quote

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class CheckResult:
    claim: str
    language: str
    verdict: str
    claimed: dict | None
    explanation: str
    rule: str
    figures: list[FigureRow]
    evidence: list[tuple[Evidence, str]]  # (sentence, relation)
    timings: dict[str, float] = field(default_factory=dict)
    checks: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "language": self.language,
            "verdict": self.verdict,
            "claimed": self.claimed,
            "explanation": self.explanation,
            "rule": self.rule,
            "figures": [r.to_json() for r in self.figures],
            "evidence": [{**asdict(e), "relation": rel} for e, rel in self.evidence],
            "timings": self.timings,
            "checks": self.checks,
        }


def decide(relations: list[str]) -> str:
    """The verdict from the relations of the sources that state the quantity.

    supported: some support, none contradicts; refuted: some contradict, none supports;
    conflicting: both; not_enough_evidence: neither. ``prompts/check.explain.json`` words it.
    """
    supports = relations.count("supports")
    contradicts = relations.count("contradicts")
    if supports and contradicts:
        return "conflicting"
    if supports:
        return "supported"
    if contradicts:
        return "refuted"
    return "not_enough_evidence"


Progress = Callable[[str], None]
