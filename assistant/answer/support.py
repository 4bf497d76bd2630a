"""Is an answer supported by its cited sentences? The support score and the judgement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Settings
from ..embedding import Embedder
from ..index import Index
from ..llm import Generator
from ..retrieval import Hit
from .counts import count_answered, counted_quotes
from .gates import (
    about_asked_country,
    about_asked_year,
    another_actors,
    invented_name,
    names_the_asked,
    repeats_the_question,
)
from .numbers import ungrounded_numbers
from .stream import repair


def word_count(text: str) -> int:
    """Words of two letters or more; figures and one-letter tokens do not count."""
    return len(re.findall(r"[^\W\d_]{2,}", text))


def answer_support(
    question: str, text: str, cited: list[Hit], index: Index, embedder: Embedder, settings: Settings
) -> tuple[float, str]:
    """How well the answer is borne out by its best cited sentence, and what was compared.

    A terse answer ("77", "SI Analytics") carries too little meaning to embed alone: "77" scored
    0.257 against „Nordkorea hat im Oktober 77 Spezialausbilder für Drohnen … geschickt“ and was
    withdrawn although it is right. Such an answer is judged as the question followed by the
    answer, the statement it makes; it also keeps its own score if that is higher. A longer
    answer is judged alone, so an invented statement cannot borrow the question's similarity.
    """
    own, stated = support_parts(question, text, cited, index, embedder, settings)
    return supported(max(own), max(stated) if stated is not None else None)


def support_parts(
    question: str, text: str, hits: list[Hit], index: Index, embedder: Embedder, settings: Settings
) -> tuple[list[float], list[float] | None]:
    """Each sentence's similarity to the answer, and (a terse answer only) to the question
    followed by the answer: the answer is embedded once, or twice, for all the sentences."""
    own = support_scores(text, hits, index, embedder)
    if word_count(text) >= settings.terse_answer_words:
        return own, None
    return own, support_scores(f"{question} {text}", hits, index, embedder)


def supported(own: float, stated: float | None) -> tuple[float, str]:
    return (stated, "question+answer") if stated is not None and stated > own else (own, "answer")


def support_scores(text: str, cited: list[Hit], index: Index, embedder: Embedder) -> list[float]:
    """Similarity of the answer (embedded once, query side) to each sentence's stored vector.

    Measured: grounded answers 0.64-0.75 against their sentences; "Australia's capital is
    Canberra." citing a sentence that lists Australia among MSMT members, 0.17.
    """
    if not text.strip():
        return [0.0] * len(cited)
    vector = embedder.encode([text], kind="query")[0]
    return [float(index.sentence_index.reconstruct(h.row) @ vector) for h in cited]


def judged(
    question: str,
    flag: bool,
    text: str,
    cited: list[str],
    raw: str,
    hits: list[Hit],
    ids: list[str],
    messages: list[dict],
    schema: dict,
    usage: dict,
    checks: dict,
    *,
    counting: dict | None,
    generator: Generator,
    index: Index,
    embedder: Embedder,
    settings: Settings,
) -> tuple[bool, str, list[str], dict]:
    """A reply after the program's checks: (insufficient, text, cited ids, token usage).

    An uncited answer is attributed to the sentence that supports it strongly; invented figures
    are re-asked once, else answered from the evidence alone or withdrawn; an answer its sentences
    do not bear out is withdrawn; a figure question must be answered from a sentence stating a
    figure of that kind; a question about a country or a year, from sentences about it. What was
    decided and why goes into ``checks``.
    """
    ctx = _Judging(
        question, raw, hits, ids, messages, schema, checks, counting, generator, index, embedder, settings
    )
    draft = _Draft(flag, text, cited, usage)
    _attribute_uncited(ctx, draft)
    _reask_invented_numbers(ctx, draft)
    if draft.text and draft.cited and checks["repair"] != "fallback":
        _support_gate(ctx, draft)
    if counting and not draft.flag and draft.cited:
        draft.flag, draft.cited = (
            counted_quotes(draft.cited, ids, hits, counting, checks)
            if checks["repair"] == "fallback"
            else count_answered(draft.text, draft.cited, ids, hits, counting, checks)
        )
    _topic_gates(ctx, draft)
    return draft.flag, draft.text, draft.cited, draft.usage


@dataclass
class _Judging:
    """What a reply is judged against, and the record of the judgement (``checks``)."""

    question: str
    raw: str
    hits: list[Hit]
    ids: list[str]
    messages: list[dict]
    schema: dict
    checks: dict
    counting: dict | None
    generator: Generator
    index: Index
    embedder: Embedder
    settings: Settings

    def quoted(self, cited: list[str]) -> list[Hit]:
        return [self.hits[self.ids.index(s)] for s in cited]


@dataclass
class _Draft:
    """The reply as the checks change it: declined or not, its text, its cited ids, tokens used."""

    flag: bool
    text: str
    cited: list[str]
    usage: dict


def _attribute_uncited(ctx: _Judging, d: _Draft) -> None:
    """An answer without citations is attributed to the candidate that supports it best, if strongly."""
    if d.text and not d.cited:
        scores = support_scores(d.text, ctx.hits, ctx.index, ctx.embedder)
        best = max(range(len(ctx.hits)), key=lambda i: scores[i])
        if scores[best] >= ctx.settings.strong_support:
            d.cited = [ctx.ids[best]]
            ctx.checks["attributed"] = ctx.ids[best]


def _reask_invented_numbers(ctx: _Judging, d: _Draft) -> None:
    """Numbers no cited sentence gives are re-asked once; else the answer is the evidence alone
    ("fallback"), or withdrawn when the sentences hardly touch the question."""
    if d.flag or not d.cited:
        return
    missing = ungrounded_numbers(d.text, [h.text for h in ctx.quoted(d.cited)], ctx.question)
    if not missing:
        return
    checks = ctx.checks
    checks["ungrounded_numbers"] = missing
    d.flag, d.text, d.cited, d.usage = repair(
        ctx.generator, ctx.messages, ctx.raw, d.cited, ctx.schema, ctx.ids, missing, d.usage,
        ctx.settings.answer_max_tokens,
    )  # fmt: skip
    quotes = [h.text for h in ctx.quoted(d.cited)]
    if not d.flag and d.cited and not ungrounded_numbers(d.text, quotes, ctx.question):
        checks["repair"] = "reasked"
    elif d.cited and max(h.score for h in ctx.quoted(d.cited)) >= ctx.settings.fallback_relevance:
        checks["repair"] = "fallback"  # answer from the evidence only
        d.flag = False
    else:
        # the model keeps inventing a figure and its sentences hardly touch the question
        checks["repair"] = "withdrawn"
        d.flag = True


def _support_gate(ctx: _Judging, d: _Draft) -> None:
    """An answer its sentences do not bear out is re-cited to a candidate that does, or withdrawn;
    a well-supported answer the model marked insufficient is kept."""
    checks, settings = ctx.checks, ctx.settings
    support, checks["support_of"] = answer_support(
        ctx.question, d.text, ctx.quoted(d.cited), ctx.index, ctx.embedder, settings
    )
    checks["support"] = round(support, 3)
    if checks["support"] < settings.min_answer_support:
        # the small model often cites the sentence next to the one it answered from: an answer
        # another candidate bears out strongly, with all its figures, is cited to that one
        own, stated = support_parts(ctx.question, d.text, ctx.hits, ctx.index, ctx.embedder, settings)
        best, best_of = max(
            (supported(o, stated[i] if stated is not None else None), i) for i, o in enumerate(own)
        )
        if best[0] >= settings.strong_support and not ungrounded_numbers(
            d.text, [ctx.hits[best_of].text], ctx.question
        ):
            checks["recited"] = f"{','.join(d.cited)}->{ctx.ids[best_of]}"
            d.cited = [ctx.ids[best_of]]
            support, checks["support_of"] = best
            checks["support"] = round(support, 3)
    if checks["support"] < settings.min_answer_support:
        checks["gate"] = "unsupported: the answer does not match its cited sentences"
        checks["withdrawn"] = d.text  # for reading failures (ask --json, eval results), not the page
        d.flag = True
    elif d.flag and checks["support"] >= settings.strong_support and checks["support_of"] == "answer":
        # the small model often adds "insufficient" after a well-supported answer (a terse
        # one such as "Unknown" may score high only through the question, so it never does)
        checks["flag_overridden"] = True
        d.flag = False


def _topic_gates(ctx: _Judging, d: _Draft) -> None:
    """An answer from sentences about another actor, country or year than asked is withdrawn."""
    quoted = ctx.quoted(d.cited)
    question, index = ctx.question, ctx.index
    gates = (  # a test the answer fails, and the reason recorded
        (
            lambda: ctx.checks.get("repair") != "fallback" and repeats_the_question(question, d.text),
            "the answer only repeats the question",
        ),
        (
            lambda: bool(ctx.counting) and another_actors(question, d.text, quoted, index),
            "the answer's figure belongs to another actor in its sentence",
        ),
        (
            lambda: bool(ctx.counting) and not names_the_asked(question, d.text, quoted, index),
            "no cited article names what the question names",
        ),
        (
            lambda: not about_asked_country(question, quoted, index, d.text),
            "no cited article names the country asked about",
        ),
        (
            lambda: bool(invented_name(question, d.text, quoted, index)),
            "the answer names someone no cited article names",
        ),
        (
            lambda: not about_asked_year(question, quoted),
            "every cited sentence names another year than the one asked about",
        ),
    )
    for fails, why in gates:
        if not d.flag and d.cited and fails():
            ctx.checks["gate"] = why
            ctx.checks["withdrawn"] = d.text
            d.flag = True
