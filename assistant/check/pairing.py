"""Which stated figure goes with which claimed one, when a claim and a sentence each give several.

„Auf Sizilien sind derzeit elf Prozent aller Migranten untergebracht, in der Lombardei 13 Prozent“
against "Sicily hosts 13 % of the migrants, Lombardy 11 %": both figures are stated, each with the
other's place. So is „von 1,40 Euro auf 60 Cent“ against "from 60 cents to 1.40 euros".

Each figure has its own part of its sentence: from the clause boundary (or the figure) before it to
the clause boundary, conjunction or figure after it, with the figure masked („in der Lombardei X“).
The claim's parts are matched one to one with the sentence's, by their embeddings (EmbeddingGemma is
cross-lingual, so „Lombardei“ finds "Lombardia"): the assignment with the largest summed similarity.
When that assignment gives the claimed figure a stated figure of another value, and beats every
assignment that gives it an agreeing one by ``figure_pairing_margin``, the claimed figure's own is
the other value. No word list: the cut uses clause punctuation and the grammar words of
``words.py``, and a part needs a word of its own („auf X“ names nothing, so „von 5 auf 7 Prozent“
against "rose to 7 percent" is left to the figures' values, as before).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import numpy as np

from ..embedding import Embedder
from ..figures import Figure
from ..readings import read
from ..words import CONJUNCTIONS, GRAMMAR_WORDS, alternation, words_of

_CLAUSE_END = re.compile(r"[;:!?]|,\s|\s[–—-]\s|\.\s")
_JOIN = re.compile(rf"(?<!\w)(?:{alternation(words_of(CONJUNCTIONS))})(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
MAX_CLAIMED = 3  # at most this many of a claim's figures are paired (permutations stay few)
MAX_STATED = 5


def part(text: str, figures: Sequence[Figure], i: int, lo: int = 0, hi: int | None = None) -> str:
    """Figure ``i``'s own part of the sentence ``text[lo:hi]`` (``figures``: the sentence's figures,
    in text order), the figure replaced by "X"."""
    hi = len(text) if hi is None else hi
    fig = figures[i]
    left = max([lo] + [f.end for f in figures[:i] if f.end <= fig.start])
    right = min([hi] + [f.start for f in figures[i + 1 :] if f.start >= fig.end])
    before = text[left : fig.start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(before)]
    before = before[cuts[-1] :] if cuts else before
    after = text[fig.end : right]
    stop = min((m.start() for m in (_CLAUSE_END.search(after), _JOIN.search(after)) if m), default=len(after))
    return " ".join(f"{before}X{after[:stop]}".split()).rstrip(".,;:!?")


def claim_parts(claim: str, stated: list[Figure], dimension: str) -> list[str]:
    """The claim's part of its text for each of its figures of the claimed figure's
    ``dimension``, the claimed figure (``stated[0]``) first."""
    ordered = sorted(stated, key=lambda f: f.start)
    same = [
        f for f in stated if f is stated[0] or read(f, claim, others=tuple(stated)).dimension == dimension
    ]
    return [part(claim, ordered, ordered.index(f)) for f in same]


def sentence_parts(
    text: str, figures: Sequence[Figure], options: Sequence[Figure], lo: int, hi: int
) -> list[str] | None:
    """Each option's part of the sentence ``text[lo:hi]`` whose figures are ``figures``; None when
    an option is not one of them."""
    figs = sorted(figures, key=lambda f: f.start)
    spans = [(f.start, f.end) for f in figs]
    if any((f.start, f.end) not in spans for f in options):
        return None
    return [part(text, figs, spans.index((f.start, f.end)), lo, hi) for f in options]


def names_something(text: str) -> bool:
    """Does a part have a word of its own, beyond grammar words?"""
    return any(w.lower() not in GRAMMAR_WORDS for w in _WORD.findall(text))


def claimed_figure(
    claim_parts: list[str],
    stated_parts: list[str],
    options: list[Figure],
    fits: Callable[[Figure], bool],
    embedder: Embedder,
    margin: float,
) -> Figure | None:
    """The stated figure (of ``options``, whose parts are ``stated_parts``) that the claim's first
    figure (part ``claim_parts[0]``) goes with, when the pairing decides it; else None. ``fits``: does
    a stated figure's value agree with the claimed one?"""
    if len(claim_parts) < 2 or len(options) < 2 or len(options) > MAX_STATED:
        return None
    if not all(names_something(p) for p in [*claim_parts, *stated_parts]):
        return None
    claim_parts = claim_parts[:MAX_CLAIMED]
    vectors = embedder.encode([*claim_parts, *stated_parts], kind="query")
    sim = np.asarray(vectors[: len(claim_parts)]) @ np.asarray(vectors[len(claim_parts) :]).T
    k = min(len(claim_parts), len(options))
    scored = [
        (float(sum(sim[j, p] for j, p in enumerate(perm))), perm)
        for perm in itertools.permutations(range(len(options)), k)
    ]
    best, perm = max(scored, key=lambda t: t[0])
    mine = options[perm[0]]
    if fits(mine):
        return mine
    agreeing = [total for total, p in scored if fits(options[p[0]])]
    if not agreeing or best - max(agreeing) >= margin:
        return mine
    return None
