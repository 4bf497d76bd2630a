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
from typing import Protocol

import numpy as np

from ..figures import Figure
from ..readings import CLAUSE_END, read
from ..words import CONJUNCTIONS, GRAMMAR_WORDS, alternation, words_of

_JOIN = re.compile(rf"(?<!\w)(?:{alternation(words_of(CONJUNCTIONS))})(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")


class Encoder(Protocol):
    """What pairing needs of an embedder (``Embedder``, or a check's cache of phrase vectors)."""

    def encode(self, texts: list[str], kind: str = "query") -> np.ndarray: ...


MAX_CLAIMED = 3  # at most this many of a claim's figures are paired (permutations stay few)
MAX_STATED = 5
LEAD_WORDS = 4  # of the words before a sentence's first figure, its part keeps these many


def part(text: str, figures: Sequence[Figure], i: int, lo: int = 0, hi: int | None = None) -> str:
    """Figure ``i``'s own part of the sentence ``text[lo:hi]`` (``figures``: the sentence's figures,
    in text order), the figure replaced by "X"."""
    hi = len(text) if hi is None else hi
    fig = figures[i]
    left = max([lo] + [f.end for f in figures[:i] if f.end <= fig.start])
    right = min([hi] + [f.start for f in figures[i + 1 :] if f.start >= fig.end])
    before = text[left : fig.start]
    # the text after the figure before belongs to it up to a clause end or a conjunction ("… in
    # health insurance and by X"): this figure's part starts after them
    cuts = [m.end() for m in (*CLAUSE_END.finditer(before), *(_JOIN.finditer(before) if i else ()))]
    before = before[max(cuts) :] if cuts else before
    # the first figure's lead-in names what all the figures share („Dabei stiegen die Einnahmen …“)
    # and does not tell them apart: the words nearest the figure do
    if not i:
        before = " ".join(before.split()[-LEAD_WORDS:]) + (" " if before.endswith(" ") else "")
    after = text[fig.end : right]
    stop = min((m.start() for m in (CLAUSE_END.search(after), _JOIN.search(after)) if m), default=len(after))
    return " ".join(f"{before}X{after[:stop]}".split()).rstrip(".,;:!?")


def claim_parts(claim: str, stated: list[Figure], dimension: str) -> list[tuple[Figure, str]]:
    """Each of the claim's figures of the claimed figure's ``dimension``, the claimed figure
    (``stated[0]``) first, with its part of the claim's text."""
    ordered = sorted(stated, key=lambda f: f.start)
    same = [
        f for f in stated if f is stated[0] or read(f, claim, others=tuple(stated)).dimension == dimension
    ]
    return [(f, part(claim, ordered, ordered.index(f))) for f in same]


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
    embedder: Encoder,
    margin: float,
) -> Figure | None:
    """The stated figure (of ``options``, whose parts are ``stated_parts``) that the claim's first
    figure (part ``claim_parts[0]``) goes with, when the pairing decides it; else None. ``fits``: does
    a stated figure's value agree with the claimed one?"""
    scored, _ = _assignments(claim_parts, stated_parts, options, embedder)
    if not scored:
        return None
    return _decided(scored, 0, options, fits, margin)


def other_contradicted(
    claim_parts: list[str],
    stated_parts: list[str],
    options: list[Figure],
    chosen: Figure,
    fits: list[Callable[[Figure], bool]],
    embedder: Encoder,
    margin: float,
) -> tuple[int, Figure] | None:
    """(j, stated figure) when the pairing decides that the claim's ``j``-th figure (``j`` ≥ 1; its
    own test ``fits[j]``) goes with a stated figure of another value: "10 bis 11 Prozent, heute
    18 Prozent" against „damals … bei 10 bis 11 Prozent, jetzt bei 22 Prozent“. A claim is true
    only when each of its figures is. Else None.

    Only when the best assignment gives the claimed figure ``chosen`` (the one it was found to
    agree with), and the two parts are each other's closest: a claimed figure the sentence does not
    speak of ("passed X laws" against „nahmen … X Berichte der Regierung zur Kenntnis“) is left
    alone."""
    scored, sim = _assignments(claim_parts, stated_parts, options, embedder)
    if not scored or options[max(scored, key=lambda t: t[0])[1][0]] is not chosen:
        return None
    for j in range(1, min(len(fits), len(scored[0][1]))):
        mine = _decided(scored, j, options, fits[j], margin)
        if mine is None or fits[j](mine):
            continue
        p = options.index(mine)
        if sim[j].argmax() == p and sim[:, p].argmax() == j:
            return j, mine
    return None


def _assignments(
    claim_parts: list[str], stated_parts: list[str], options: list[Figure], embedder: Encoder
) -> tuple[list[tuple[float, tuple[int, ...]]], np.ndarray]:
    """Every one-to-one assignment of the claim's parts to the stated ones, with its summed
    similarity (none when there is nothing to pair), and the parts' similarities."""
    if len(claim_parts) < 2 or len(options) < 2 or len(options) > MAX_STATED:
        return [], np.zeros((0, 0))
    if not all(names_something(p) for p in [*claim_parts, *stated_parts]):
        return [], np.zeros((0, 0))
    claim_parts = claim_parts[:MAX_CLAIMED]
    vectors = embedder.encode([*claim_parts, *stated_parts], kind="query")
    sim = np.asarray(vectors[: len(claim_parts)]) @ np.asarray(vectors[len(claim_parts) :]).T
    k = min(len(claim_parts), len(options))
    scored = [
        (float(sum(sim[j, p] for j, p in enumerate(perm))), perm)
        for perm in itertools.permutations(range(len(options)), k)
    ]
    return scored, sim


def _decided(
    scored: list[tuple[float, tuple[int, ...]]], j: int, options: list[Figure], fits, margin: float
) -> Figure | None:
    """The stated figure the claim's ``j``-th figure goes with in the best assignment, when it
    fits, or when the best beats every assignment giving it a fitting one by ``margin``."""
    best, perm = max(scored, key=lambda t: t[0])
    mine = options[perm[j]]
    if fits(mine):
        return mine
    agreeing = [total for total, p in scored if fits(options[p[j]])]
    if not agreeing or best - max(agreeing) >= margin:
        return mine
    return None
