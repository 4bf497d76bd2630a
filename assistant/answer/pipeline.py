"""Grounded answers: numbered evidence in, schema-constrained JSON out, quotes rendered by the program."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator

from ..config import Settings
from ..embedding import Embedder
from ..evidence import Evidence, quote_translation
from ..figures import values
from ..index import Index
from ..inputs import user_text
from ..language import detect_language
from ..llm import GenerationError, Generator
from ..retrieval import rank
from ..translation import TranslationCache, translate_checked
from ..untrusted import meta_question
from .counts import asked_count, with_counts
from .prompt import answer_schema, build_messages, order_for_prompt, select_evidence
from .result import FALLBACK, NOT_ABOUT_ARTICLES, Answer, fresh_checks, insufficient
from .stream import AnswerField, parse_reply
from .support import judged, word_count


def ask_stream(
    question: str,
    index: Index,
    embedder: Embedder,
    generator: Generator,
    settings: Settings,
    lang: str | None = None,
    translations: TranslationCache | None = None,
    previous: str | None = None,
) -> Iterator[dict]:
    """Answer ``question`` from the index, yielding events.

    ``previous`` is the question before it in a chat: a short follow-up ("And missiles?") is
    searched together with it and shown to the model as a follow-up.

    Events: ``{"type": "evidence", "hits"}``, the candidates, before the model is asked;
    ``{"type": "token", "text"}`` while the answer streams (provisional);
    ``{"type": "replace", "text"}`` if a repair rewrote it; finally ``{"type": "answer", "answer"}``.
    """
    question = user_text(question, settings)
    t0 = time.perf_counter()
    language = lang or detect_language(question)
    if meta := meta_question(question):
        # "What should I answer?" asks about the assistant; a planted article that tells the
        # model what to answer would otherwise be the closest text to it
        checks = {**fresh_checks(), "gate": f"not about the articles: {meta}"}
        answer = insufficient(question, language, {}, checks, t0)
        answer.answer = NOT_ABOUT_ARTICLES.get(language, NOT_ABOUT_ARTICLES["en"])
        yield {"type": "answer", "answer": answer}
        return
    query, asked = question, question
    if previous and previous.strip() and len(question.split()) <= settings.follow_up_words:
        previous = previous.strip()[: settings.max_question_chars]
        query = f"{previous} {question}"
        asked = f'{question} (a follow-up to the earlier question "{previous}")'
    checks = fresh_checks()
    counting = asked_count(question, language, index, checks)
    qv = embedder.encode([query], kind="query")[0]
    k = settings.answer_sentences + (settings.count_pool if counting else 0)
    ranked = rank(index, qv, query, language, settings, k=k)
    candidates = with_counts(ranked, counting, settings, index, qv)
    hits = order_for_prompt(select_evidence(candidates, settings))
    t_retrieved = time.perf_counter()
    timings: dict[str, float] = {"retrieval_ms": round((t_retrieved - t0) * 1000, 1)}
    checks["candidates"] = len(hits)
    ids = [f"S{i}" for i in range(1, len(hits) + 1)]
    checks["best_score"] = round(max((h.score for h in hits), default=0.0), 3)
    if not hits or checks["best_score"] < settings.min_evidence_score:
        checks["gate"] = "off-topic: no sentence is close to the question"
        yield {"type": "answer", "answer": insufficient(question, language, timings, checks, t0)}
        return
    if counting == {}:
        checks["gate"] = f"no article gives a figure for the {checks['asks_count']} asked about"
        yield {"type": "answer", "answer": insufficient(question, language, timings, checks, t0)}
        return

    yield {"type": "evidence", "hits": hits}  # shown while the model is busy with another request
    messages = build_messages(asked, language, hits, settings)
    schema = answer_schema(ids, settings)
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
            yield {"type": "token", "text": text}
    usage = dict(generator.last_usage)
    raw = "".join(pieces)
    timings["ttft_ms"] = round(((ttft or time.perf_counter()) - t_retrieved) * 1000, 1)
    flag, text, cited, checks["dropped_ids"] = parse_reply(raw, ids)
    first = text
    judge = functools.partial(
        judged, question, counting=counting, generator=generator, index=index, embedder=embedder,
        settings=settings,
    )  # fmt: skip
    flag, text, cited, usage = judge(flag, text, cited, raw, hits, ids, messages, schema, usage, checks)
    focus = order_for_prompt(sorted(candidates, key=lambda h: -h.score)[: settings.focus_sentences])
    if (flag or not cited) and focus and {h.row for h in focus} != {h.row for h in hits}:
        # A small model loses a plain answer among distractors: on XQuAD it declined 15 of 145
        # questions whose answer sentence ranked first. Shown only the candidates closest to the
        # question, it is asked once more; what it answers then passes every check a first
        # answer passes, and it may not fall back to quoting sentences it misread.
        f_ids = [f"S{i}" for i in range(1, len(focus) + 1)]
        f_messages, f_schema = (
            build_messages(asked, language, focus, settings),
            answer_schema(f_ids, settings),
        )
        f_raw = str(
            generator.generate(
                f_messages, schema=f_schema, stream=False, max_tokens=settings.answer_max_tokens
            )
        )
        usage = {k: usage[k] + generator.last_usage.get(k, 0) for k in usage}
        f_checks = fresh_checks()
        f_flag, f_text, f_cited, f_checks["dropped_ids"] = parse_reply(f_raw, f_ids)
        if counting:
            f_checks["asks_count"] = checks["asks_count"]
        f_flag, f_text, f_cited, usage = judge(
            f_flag, f_text, f_cited, f_raw, focus, f_ids, f_messages, f_schema, usage, f_checks
        )
        if f_checks["repair"] == "fallback":
            f_flag = True
        if f_flag or not f_cited:
            checks["focused"] = {"declined": True, **f_checks}
        else:
            kept = {k: checks[k] for k in ("candidates", "best_score") if k in checks}
            first_declined = checks.get("gate") or f"by the model (repair: {checks['repair']})"
            checks = {**kept, **f_checks, "focused": "answered", "first_declined": first_declined}
            flag, text, cited, hits, ids = f_flag, f_text, f_cited, focus, f_ids
    if not flag and cited and text != first:
        yield {"type": "replace", "text": text}
    if flag or not cited:
        answer = insufficient(question, language, timings, checks, t0)
        answer.timings.update(
            prompt_tokens=usage["prompt_tokens"], completion_tokens=usage["completion_tokens"]
        )
        yield {"type": "answer", "answer": answer}
        return

    cited_hits = [hits[ids.index(s)] for s in cited]
    t_tr = time.perf_counter()
    evidence = [
        Evidence.of(
            h,
            index,
            **quote_translation(h.text, h.doc_id, index, generator, embedder, settings, translations),
        )
        for h in cited_hits
    ]
    timings["translation_ms"] = round((time.perf_counter() - t_tr) * 1000, 1)
    if checks["repair"] in ("fallback", "count"):
        text = " ".join(
            [FALLBACK.get(language, FALLBACK["en"])]
            + [
                f"„{e.quote}“"
                + (f" ({e.translation})" if e.translation and not e.translation_doubtful else "")
                for e in evidence
            ]
        )
        yield {"type": "replace", "text": text}
    else:
        t_lang = time.perf_counter()
        in_language, found = answer_in_language(text, language, generator, embedder, settings, translations)
        if in_language != text:
            checks["answer_translated"] = f"{found}->{language}"
            timings["answer_translation_ms"] = round((time.perf_counter() - t_lang) * 1000, 1)
            text = in_language
            yield {"type": "replace", "text": text}
    timings.update(
        total_ms=round((time.perf_counter() - t0) * 1000, 1),
        prompt_tokens=usage["prompt_tokens"],
        completion_tokens=usage["completion_tokens"],
    )
    if translations is not None:
        checks["translation_cache"] = {"hits": translations.hits, "misses": translations.misses}
    yield {"type": "answer", "answer": Answer(question, language, text, False, evidence, timings, checks)}


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
        if event["type"] == "answer":
            final = event["answer"]
    if final is None:  # pragma: no cover - ask_stream always ends with an answer event
        raise GenerationError("No answer was produced.")
    return final
