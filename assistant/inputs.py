"""What a user types, checked before any model loads: a clear message for what cannot be a question."""

from __future__ import annotations

import re

from .config import Settings
from .errors import BadInputError
from .language import SUPPORTED

_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def user_text(text: str | None, settings: Settings, what: str = "question") -> str:
    """``text`` as the pipeline takes it (controls removed, whitespace collapsed), or why not.

    Raises:
        BadInputError: empty, longer than ``settings.max_question_chars``, or without a letter in
            any script (emoji, punctuation, digits alone: "🚀💣" scored 0.367 in search, above the
            off-topic cut-off, and was answered).
    """
    text = " ".join(_CONTROL.sub(" ", text or "").split())
    example = (
        'Example: factcheck ask "Wie viele Soldaten hat Nordkorea geschickt?"'
        if what == "question"
        else 'Example: factcheck check "North Korea sent 12,000 soldiers"'
    )
    if not text:
        raise BadInputError(f"The {what} is empty.", example)
    limit = settings.max_question_chars
    if len(text) > limit:
        raise BadInputError(
            f"The {what} has {len(text):,} characters; the limit is {limit:,}.",
            "Ask about one thing at a time. To check a long text, save it as an article and ingest it."
            if what == "question"
            else "Check one statement at a time.",
        )
    if not _LETTER.search(text):
        raise BadInputError(f"The {what} has no words, only symbols or digits.", example)
    return text


def language_code(lang: str | None) -> str | None:
    """A requested answer language, lower-cased, if it is one the assistant writes; None: detect it.

    Raises:
        BadInputError: a code the assistant does not support ("xx", "deutsch").
    """
    if lang is None or not lang.strip():
        return None
    code = lang.strip().lower()
    if code not in SUPPORTED:
        raise BadInputError(f"Unknown language {lang!r}.", f"Use one of: {', '.join(SUPPORTED)}.")
    return code
