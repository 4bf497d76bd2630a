"""Is an answer supported by its cited sentences? The support score and the judgement."""

from __future__ import annotations

import re

from ..config import Settings
from ..embedding import Embedder
from ..index import Index
from ..llm import Generator
from ..retrieval import Hit
from .counts import count_answered
from .gates import about_asked_country, about_asked_year, another_actors
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
    if text and not cited:
        # answered without citing: attribute it to the candidate that supports it best, if strongly
        scores = support_scores(text, hits, index, embedder)
        best = max(range(len(hits)), key=lambda i: scores[i])
        if scores[best] >= settings.strong_support:
            cited = [ids[best]]
            checks["attributed"] = ids[best]

    if not flag and cited:
        quotes = [hits[ids.index(s)].text for s in cited]
        missing = ungrounded_numbers(text, quotes, question)
        if missing:
            checks["ungrounded_numbers"] = missing
            flag, text, cited, usage = repair(
                generator, messages, raw, cited, schema, ids, missing, usage, settings.answer_max_tokens
            )
            quotes = [hits[ids.index(s)].text for s in cited]
            if not flag and cited and not ungrounded_numbers(text, quotes, question):
                checks["repair"] = "reasked"
            elif cited and max(hits[ids.index(s)].score for s in cited) >= settings.fallback_relevance:
                checks["repair"] = "fallback"  # answer from the evidence only
                flag = False
            else:
                # the model keeps inventing a figure and its sentences hardly touch the question
                checks["repair"] = "withdrawn"
                flag = True
    if text and cited and checks["repair"] != "fallback":
        support, checks["support_of"] = answer_support(
            question, text, [hits[ids.index(s)] for s in cited], index, embedder, settings
        )
        checks["support"] = round(support, 3)
        if checks["support"] < settings.min_answer_support:
            # the small model often cites the sentence next to the one it answered from: an answer
            # another candidate bears out strongly, with all its figures, is cited to that one
            own, stated = support_parts(question, text, hits, index, embedder, settings)
            best, best_of = max(
                (supported(o, stated[i] if stated is not None else None), i) for i, o in enumerate(own)
            )
            if best[0] >= settings.strong_support and not ungrounded_numbers(
                text, [hits[best_of].text], question
            ):
                checks["recited"] = f"{','.join(cited)}->{ids[best_of]}"
                cited = [ids[best_of]]
                support, checks["support_of"] = best
                checks["support"] = round(support, 3)
        if checks["support"] < settings.min_answer_support:
            checks["gate"] = "unsupported: the answer does not match its cited sentences"
            checks["withdrawn"] = text  # for reading failures (ask --json, eval results), not the page
            flag = True
        elif flag and checks["support"] >= settings.strong_support and checks["support_of"] == "answer":
            # the small model often adds "insufficient" after a well-supported answer (a terse
            # one such as "Unknown" may score high only through the question, so it never does)
            checks["flag_overridden"] = True
            flag = False
    if counting and not flag and cited and checks["repair"] != "fallback":
        flag, cited = count_answered(text, cited, ids, hits, counting, checks)
    quoted = [hits[ids.index(s)] for s in cited]
    gates = (  # a test the answer fails, and the reason recorded
        (
            lambda: bool(counting) and another_actors(question, text, quoted, index),
            "the answer's figure belongs to another actor in its sentence",
        ),
        (
            lambda: not about_asked_country(question, quoted, index),
            "no cited article names the country asked about",
        ),
        (
            lambda: not about_asked_year(question, quoted),
            "every cited sentence names another year than the one asked about",
        ),
    )
    for fails, why in gates:
        if not flag and cited and fails():
            checks["gate"] = why
            checks["withdrawn"] = text
            flag = True
    return flag, text, cited, usage
