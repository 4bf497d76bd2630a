"""Numbers in an answer compared with the numbers in its cited sentences."""

from __future__ import annotations

import re

from ..figures import extract_figures, values
from ..numerals import ARTICLES, NUMBER_WORDS


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def ungrounded_numbers(answer: str, cited: list[str], question: str) -> list[str]:
    """Figures in the answer that no cited sentence (nor the question) states, in any number form."""
    allowed = values(question)
    for sentence in cited:
        allowed |= values(sentence)
    missing = []
    for fig in extract_figures(answer):
        for value in (fig.value, fig.high):
            if value is not None and not any(same_value(value, a) for a in allowed):
                missing.append(fig.text)
                break
    return missing


def unread_number(answer: str, sentence: str) -> bool:
    """Does ``sentence`` state, as a number word the figure reader did not read, a number that
    ``answer`` states ("zwei", "sechs"; or "2" in the answer for „zwei“ in the sentence)?"""
    stated = values(answer) | {v for _, v in number_words(answer)}
    read = [(f.start, f.end) for f in extract_figures(sentence)]
    return any(
        not any(a <= start < b for a, b in read) and any(same_value(x, value) for x in stated)
        for start, value in number_words(sentence)
    )


def number_words(text: str) -> list[tuple[int, float]]:
    """(offset, value) of every number word in ``text`` but those that are usually articles."""
    out = []
    for m in re.finditer(r"[^\W\d_]+", text):
        word = m.group(0).lower()
        if word in NUMBER_WORDS and word not in ARTICLES:
            out.append((m.start(), float(NUMBER_WORDS[word])))
    return out
