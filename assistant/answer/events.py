"""What ``ask_stream`` tells its reader while an answer is made: four kinds of event."""

from __future__ import annotations

from dataclasses import dataclass

from ..retrieval import Hit
from .result import Answer


@dataclass(frozen=True)
class Candidates:
    """The sentences found, before the model is asked (shown while it serves another request)."""

    hits: list[Hit]


@dataclass(frozen=True)
class Token:
    """A piece of the answer as the model writes it; provisional until ``Done``."""

    text: str


@dataclass(frozen=True)
class Revised:
    """The whole answer text so far, rewritten (a number check, a second question, a translation)."""

    text: str


@dataclass(frozen=True)
class Done:
    """The checked answer; always the last event."""

    answer: Answer


AskEvent = Candidates | Token | Revised | Done
