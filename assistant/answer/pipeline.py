"""Grounded answers: numbered evidence in, schema-constrained JSON out, quotes rendered by the program."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..config import Settings
from ..embedding import Embedder
from ..evidence import Evidence, quote_translation
from ..figures import values
from ..index import Index
from ..inputs import user_text
from ..language import detect_language
from ..llm import GenerationError, Generator
from ..retrieval import Hit, rank
from ..translation import TranslationCache, translate_checked
from ..untrusted import meta_question
from .counts import asked_count, with_counts
from .events import AskEvent, Candidates, Done, Revised, Token
from .prompt import answer_schema, build_messages, order_for_prompt, select_evidence
from .result import FALLBACK, NOT_ABOUT_ARTICLES, Answer, fresh_checks, insufficient
from .stream import AnswerField, parse_reply
from .support import judged, word_count


@dataclass
class Question:
    """A question on its way through the steps: what is searched, what the model is shown, and
    the record kept with its answer (``checks`` and ``timings``, written to JSON as they are)."""

    text: str
    language: str
    query: str  # what is searched: a follow-up together with the question before it
    asked: str  # what the model is shown
    t0: float
    checks: dict = field(default_factory=fresh_checks)
    timings: dict[str, float] = field(default_factory=dict)
    counting: dict | None = None  # sentence row -> figures of the count asked about, if one is
    retrieved_at: float = 0.0


@dataclass
class Found:
    """The search's candidates, and those that fit the prompt (in prompt order) with their ids."""

    candidates: list[Hit]
    hits: list[Hit]
    ids: list[str]


@dataclass
class Reply:
    """A judged reply of the model: whether it declined, its text, the ids it cites, and the
    sentences those ids stand for."""

    flag: bool
    text: str
    cited: list[str]
    hits: list[Hit]
    ids: list[str]


def ask_stream(
    question: str,
    index: Index,
    embedder: Embedder,
    generator: Generator,
    settings: Settings,
    lang: str | None = None,
    translations: TranslationCache | None = None,
    previous: str | None = None,
) -> Iterator[AskEvent]:
    """Answer ``question`` from the index, yielding events.

    ``previous`` is the question before it in a chat: a short follow-up ("And missiles?") is
    searched together with it and shown to the model as a follow-up.

    Events (``events.AskEvent``): ``Candidates``, the sentences found, before the model is asked;
    ``Token`` while the answer streams (provisional); ``Revised`` if a check rewrote it; and last
    ``Done`` with the answer.
    """
    question = user_text(question, settings)
    t0 = time.perf_counter()
    language = lang or detect_language(question)
    if meta := meta_question(question):
        yield Done(_not_about_the_articles(question, language, meta, t0))
        return
    q = _question(question, language, previous, settings, t0)
    q.counting = asked_count(question, language, index, q.checks)
    found = _retrieve(q, index, embedder, settings)
    if gate := _retrieval_gate(q, found, settings):
        q.checks["gate"] = gate
        yield Done(insufficient(question, language, q.timings, q.checks, t0))
        return
    yield Candidates(found.hits)  # shown while the model serves another request
    judge = functools.partial(
        judged, question, counting=q.counting, generator=generator, index=index, embedder=embedder,
        settings=settings,
    )  # fmt: skip
    usage: dict = {}
    reply, first = yield from _first_reply(q, found, generator, settings, judge, usage)
    reply = _focused(q, found, reply, generator, settings, judge, usage)
    if not reply.flag and reply.cited and reply.text != first:
        yield Revised(reply.text)
    if reply.flag or not reply.cited:
        answer = insufficient(question, language, q.timings, q.checks, t0)
        answer.timings.update(
            prompt_tokens=usage["prompt_tokens"], completion_tokens=usage["completion_tokens"]
        )
        yield Done(answer)
        return
    evidence = _evidence(q, reply, index, generator, embedder, settings, translations)
    text = yield from _in_asked_language(q, reply.text, evidence, generator, embedder, settings, translations)
    q.timings.update(
        total_ms=round((time.perf_counter() - t0) * 1000, 1),
        prompt_tokens=usage["prompt_tokens"],
        completion_tokens=usage["completion_tokens"],
    )
    if translations is not None:
        q.checks["translation_cache"] = {"hits": translations.hits, "misses": translations.misses}
    yield Done(Answer(question, language, text, False, evidence, q.timings, q.checks))


def _not_about_the_articles(question: str, language: str, meta: str, t0: float) -> Answer:
    """ "What should I answer?" asks about the assistant; a planted article that tells the model
    what to answer would otherwise be the closest text to it."""
    checks = {**fresh_checks(), "gate": f"not about the articles: {meta}"}
    answer = insufficient(question, language, {}, checks, t0)
    answer.answer = NOT_ABOUT_ARTICLES.get(language, NOT_ABOUT_ARTICLES["en"])
    return answer


def _question(question: str, language: str, previous: str | None, settings: Settings, t0: float) -> Question:
    """The question, read as a follow-up to ``previous`` when it is short."""
    query, asked = question, question
    if previous and previous.strip() and len(question.split()) <= settings.follow_up_words:
        previous = previous.strip()[: settings.max_question_chars]
        query = f"{previous} {question}"
        asked = f'{question} (a follow-up to the earlier question "{previous}")'
    return Question(question, language, query, asked, t0)


def _retrieve(q: Question, index: Index, embedder: Embedder, settings: Settings) -> Found:
    """Search; a count question also gets the sentences that state the count asked about."""
    qv = embedder.encode([q.query], kind="query")[0]
    k = settings.answer_sentences + (settings.count_pool if q.counting else 0)
    ranked = rank(index, qv, q.query, q.language, settings, k=k)
    candidates = with_counts(ranked, q.counting, settings, index, qv)
    hits = order_for_prompt(select_evidence(candidates, settings))
    q.retrieved_at = time.perf_counter()
    q.timings["retrieval_ms"] = round((q.retrieved_at - q.t0) * 1000, 1)
    q.checks["candidates"] = len(hits)
    q.checks["best_score"] = round(max((h.score for h in hits), default=0.0), 3)
    return Found(candidates, hits, [f"S{i}" for i in range(1, len(hits) + 1)])


def _retrieval_gate(q: Question, found: Found, settings: Settings) -> str | None:
    """Why the question is declined before the model is asked, if it is."""
    if not found.hits or q.checks["best_score"] < settings.min_evidence_score:
        return "off-topic: no sentence is close to the question"
    if q.counting == {}:
        return f"no article gives a figure for the {q.checks['asks_count']} asked about"
    return None


def _first_reply(q: Question, found: Found, generator: Generator, settings: Settings, judge, usage: dict):
    """The model's streamed reply, judged; yields its answer text as it comes, and returns the
    judged reply and the text as first written."""
    messages = build_messages(q.asked, q.language, found.hits, settings)
    schema = answer_schema(found.ids, settings)
    field_stream = AnswerField()
    ttft = None
    pieces = []
    for piece in generator.generate(
        messages, schema=schema, stream=True, max_tokens=settings.answer_max_tokens
    ):
        if ttft is None:
            ttft = time.perf_counter()
        pieces.append(piece)
        text = field_stream.feed(piece)
        if text and field_stream.insufficient is not True:
            yield Token(text)
    usage.update(generator.last_usage)
    raw = "".join(pieces)
    q.timings["ttft_ms"] = round(((ttft or time.perf_counter()) - q.retrieved_at) * 1000, 1)
    flag, text, cited, q.checks["dropped_ids"] = parse_reply(raw, found.ids)
    first = text
    flag, text, cited, judged_usage = judge(
        flag, text, cited, raw, found.hits, found.ids, messages, schema, dict(usage), q.checks
    )
    usage.update(judged_usage)
    return Reply(flag, text, cited, found.hits, found.ids), first


def _focused(
    q: Question, found: Found, reply: Reply, generator: Generator, settings: Settings, judge, usage: dict
) -> Reply:
    """A declined reply asked once more, with only the closest candidates.

    A small model loses a plain answer among distractors: on XQuAD it declined 15 of 145 questions
    whose answer sentence ranked first. Shown only the candidates closest to the question, it is
    asked once more; what it answers then passes every check a first answer passes, and it may
    not fall back to quoting sentences it misread. The record of the first attempt is kept.
    """
    focus = order_for_prompt(sorted(found.candidates, key=lambda h: -h.score)[: settings.focus_sentences])
    if not (
        (reply.flag or not reply.cited) and focus and {h.row for h in focus} != {h.row for h in found.hits}
    ):
        return reply
    f_ids = [f"S{i}" for i in range(1, len(focus) + 1)]
    f_messages, f_schema = (
        build_messages(q.asked, q.language, focus, settings),
        answer_schema(f_ids, settings),
    )
    f_raw = str(
        generator.generate(f_messages, schema=f_schema, stream=False, max_tokens=settings.answer_max_tokens)
    )
    usage.update({k: usage[k] + generator.last_usage.get(k, 0) for k in usage})
    f_checks = fresh_checks()
    f_flag, f_text, f_cited, f_checks["dropped_ids"] = parse_reply(f_raw, f_ids)
    if q.counting:
        f_checks["asks_count"] = q.checks["asks_count"]
        f_checks["asks_dimension"] = q.checks["asks_dimension"]
    f_flag, f_text, f_cited, judged_usage = judge(
        f_flag, f_text, f_cited, f_raw, focus, f_ids, f_messages, f_schema, dict(usage), f_checks
    )
    usage.update(judged_usage)
    if f_checks["repair"] == "fallback":
        f_flag = True
    if f_flag or not f_cited:
        q.checks["focused"] = {"declined": True, **f_checks}
        return reply
    kept = {k: q.checks[k] for k in ("candidates", "best_score") if k in q.checks}
    first_declined = q.checks.get("gate") or f"by the model (repair: {q.checks['repair']})"
    q.checks = {**kept, **f_checks, "focused": "answered", "first_declined": first_declined}
    return Reply(f_flag, f_text, f_cited, focus, f_ids)


def _evidence(
    q: Question, reply: Reply, index, generator, embedder, settings, translations
) -> list[Evidence]:
    """The cited sentences as evidence, each with its English translation."""
    t_tr = time.perf_counter()
    evidence = [
        Evidence.of(
            h,
            index,
            **quote_translation(h.text, h.doc_id, index, generator, embedder, settings, translations),
        )
        for h in (reply.hits[reply.ids.index(s)] for s in reply.cited)
    ]
    q.timings["translation_ms"] = round((time.perf_counter() - t_tr) * 1000, 1)
    return evidence


def _in_asked_language(q: Question, text: str, evidence, generator, embedder, settings, translations):
    """The answer's final text: the cited sentences themselves when the model's figures were not
    in them (``repair`` "fallback" or "count"), else the answer in the asker's language. Yields a
    replacement when the text changes; returns the text."""
    if q.checks["repair"] in ("fallback", "count"):
        text = " ".join(
            [FALLBACK.get(q.language, FALLBACK["en"])]
            + [
                f"„{e.quote}“"
                + (f" ({e.translation})" if e.translation and not e.translation_doubtful else "")
                for e in evidence
            ]
        )
        yield Revised(text)
        return text
    t_lang = time.perf_counter()
    in_language, found = answer_in_language(text, q.language, generator, embedder, settings, translations)
    if in_language != text:
        q.checks["answer_translated"] = f"{found}->{q.language}"
        q.timings["answer_translation_ms"] = round((time.perf_counter() - t_lang) * 1000, 1)
        yield Revised(in_language)
    return in_language


def answer_in_language(
    text: str, language: str, generator: Generator, embedder: Embedder, settings: Settings, cache
) -> tuple[str, str]:
    """The answer in the asker's language, and the language it came in. The small model often
    answers an English question in German, or half in each ("The Bericht wurde am Donnerstag
    veröffentlicht"); such an answer is translated once. The translation is kept only if it states
    the same figures as the answer, which were checked against the cited sentences, and passes the
    meaning check (``translation.translate_checked``); otherwise the answer stays as written."""
    if word_count(text) < 4:
        return text, language
    found = detect_language(text, default=language)
    if found == language:
        return text, found
    out = translate_checked(
        [text], generator, embedder, cache, found, language, settings.translation_min_similarity
    )[0]
    if out.doubtful or values(out.text) != values(text):
        return text, found
    return out.text, found


def ask(
    question: str,
    index: Index,
    embedder: Embedder,
    generator: Generator,
    settings: Settings,
    lang: str | None = None,
    translations: TranslationCache | None = None,
) -> Answer:
    """The final answer of ``ask_stream``."""
    final = None
    for event in ask_stream(question, index, embedder, generator, settings, lang, translations):
        if isinstance(event, Done):
            final = event.answer
    if final is None:  # pragma: no cover - ask_stream always ends with an answer event
        raise GenerationError("No answer was produced.")
    return final
