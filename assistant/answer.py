"""Grounded answers: numbered evidence in, schema-constrained JSON out, quotes rendered by the program."""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

import numpy as np

from .config import Settings
from .embedding import Embedder
from .figures import ARTICLES, NUMBER_WORDS, extract_figures, values
from .index import Index
from .inputs import user_text
from .language import detect_language
from .llm import GenerationError, Generator, prompt
from .readings import (
    MEASURE,
    Reading,
    about_place,
    asked_figure,
    corpus_names,
    figures_where,
    owners_in,
    places_in,
    places_ordered,
    years_in,
)
from .retrieval import Hit, rank, sentence_hit
from .translation import LANGUAGE_NAMES, TranslationCache, to_english, translate_checked
from .untrusted import meta_question, neutral, prompt_title

INSUFFICIENT = {
    "en": "The articles do not answer this question.",
    "de": "Die Artikel beantworten diese Frage nicht.",
    "fr": "Les articles ne répondent pas à cette question.",
    "es": "Los artículos no responden a esta pregunta.",
    "it": "Gli articoli non rispondono a questa domanda.",
    "nl": "De artikelen beantwoorden deze vraag niet.",
    "pt": "Os artigos não respondem a esta pergunta.",
    "pl": "Artykuły nie odpowiadają na to pytanie.",
}
FALLBACK = {
    "en": "The cited sentences state:",
    "de": "Die zitierten Sätze besagen:",
    "fr": "Les phrases citées indiquent :",
    "es": "Las frases citadas dicen:",
    "it": "Le frasi citate affermano:",
    "nl": "De geciteerde zinnen zeggen:",
    "pt": "As frases citadas afirmam:",
    "pl": "Cytowane zdania mówią:",
}
NOT_ABOUT_ARTICLES = {
    "en": "This asks about the assistant, not about the articles. Ask what the articles report.",
    "de": "Das ist eine Frage an den Assistenten, nicht an die Artikel. "
    "Fragen Sie, was die Artikel berichten.",
    "fr": "Cette question porte sur l'assistant, pas sur les articles. "
    "Demandez ce que rapportent les articles.",
    "es": "Esto pregunta por el asistente, no por los artículos. Pregunte qué informan los artículos.",
    "it": "Questa domanda riguarda l'assistente, non gli articoli. Chieda che cosa riportano gli articoli.",
    "nl": "Dit gaat over de assistent, niet over de artikelen. Vraag wat de artikelen melden.",
    "pt": "Isto pergunta pelo assistente, não pelos artigos. Pergunte o que os artigos relatam.",
    "pl": "To pytanie o asystenta, a nie o artykuły. Proszę zapytać, o czym piszą artykuły.",
}
CHARS_PER_TOKEN = 3.4  # German news text with the Qwen tokenizer (measured: 3.46 on the sample corpus)
MAX_ANSWER_TOKENS = 320
# a sentence's most characters in a prompt. With the question's limit (``inputs.user_text``), the
# evidence budget and the answer's tokens, a prompt stays inside the 4,096-token window: 1,000
# characters of question, 1,200 of the longest sentence and 450 estimated tokens of the others
# come to about 1,600 tokens of German with the ~350 of the system prompt
PROMPT_SENTENCE_CHARS = 1200
MAX_CITED = 4
FALLBACK_RELEVANCE = 0.5  # least question-sentence score for an evidence-only answer
FOLLOW_UP_WORDS = 8  # a question this short, after another one, is read as a follow-up
COUNT_POOL = 30  # extra search results scanned for sentences that state the count asked about
COUNT_SENTENCES = 3  # of which at most this many go to the model first
STRONG_SUPPORT = 0.55  # answer-evidence similarity that outweighs the model's own doubt


@dataclass(frozen=True)
class Evidence:
    """A cited sentence, exactly as it stands in the document: ``document.text[start:end] == quote``."""

    doc_id: str
    title: str
    date: str | None
    quote: str
    start: int
    end: int
    quote_language: str
    translation: str | None
    translation_doubtful: bool = False  # failed the meaning check: shown marked, beside the quote

    @classmethod
    def of(
        cls, hit: Hit, index: Index, translation: str | None = None, translation_doubtful: bool = False
    ) -> Evidence:
        """A retrieved sentence as evidence, in its document's language."""
        language = index.documents[hit.doc_id].language
        return cls(
            hit.doc_id,
            hit.title,
            hit.date,
            hit.text,
            hit.start,
            hit.end,
            language,
            translation,
            translation_doubtful,
        )


@dataclass
class Answer:
    question: str
    language: str
    answer: str
    insufficient_evidence: bool
    evidence: list[Evidence]
    timings: dict[str, float] = field(default_factory=dict)
    checks: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "language": self.language,
            "answer": self.answer,
            "insufficient_evidence": self.insufficient_evidence,
            "evidence": [asdict(e) for e in self.evidence],
            "timings": self.timings,
            "checks": self.checks,
        }


def answer_schema(ids: list[str]) -> dict:
    """The JSON the model must produce. Ids come first and are limited to the ones it was given:
    a small model chooses its evidence better before it writes than after."""
    return {
        "type": "object",
        "properties": {
            "sentence_ids": {
                "type": "array",
                "items": {"type": "string", "enum": ids},
                "maxItems": min(MAX_CITED, len(ids)),
            },
            "answer": {"type": "string", "maxLength": 700},
            "insufficient_evidence": {"type": "boolean"},
        },
        "required": ["sentence_ids", "answer", "insufficient_evidence"],
    }


def select_evidence(hits: list[Hit], budget_tokens: int) -> list[Hit]:
    """Best hits first, while their estimated tokens fit the budget (at least one)."""
    chosen: list[Hit] = []
    used = 0
    for hit in hits:
        cost = int(len(hit.text) / CHARS_PER_TOKEN) + 4  # "[S1] " (titles are written once per article)
        if chosen and used + cost > budget_tokens:
            break
        chosen.append(hit)
        used += cost
    return chosen


def build_messages(question: str, language: str, hits: list[Hit]) -> list[dict[str, str]]:
    """System prompt (fixed, so llama.cpp reuses its cache), then the data block and the question.

    Sentences are grouped by article so each title and date is written once; ``hits`` must be in
    the order ``order_for_prompt`` gives, so that S1, S2, … follow the listing.
    """
    lines = []
    current = None
    for i, hit in enumerate(hits, start=1):
        if hit.doc_id != current:
            current = hit.doc_id
            title = hit.title if len(hit.title) <= 80 else hit.title[:77] + "…"
            lines.append(f"Article: {prompt_title(title, hit.doc_id)} ({hit.date or 'undated'})")
        lines.append(f"[S{i}] {neutral(hit.text, PROMPT_SENTENCE_CHARS)}")
    user = prompt("answer.user.txt").format(
        sources="\n".join(lines),
        question=neutral(question),
        language=LANGUAGE_NAMES.get(language, "English"),
    )
    return [{"role": "system", "content": prompt("answer.system.txt")}, {"role": "user", "content": user}]


def order_for_prompt(hits: list[Hit]) -> list[Hit]:
    """Group by article (articles in order of their best hit), sentences in text order within one."""
    first_seen: dict[str, int] = {}
    for place, hit in enumerate(hits):
        first_seen.setdefault(hit.doc_id, place)
    return sorted(hits, key=lambda h: (first_seen[h.doc_id], h.start))


class AnswerField:
    """Pulls the decoded "answer" string out of JSON while it streams, character by character."""

    def __init__(self) -> None:
        self.raw = ""
        self.pos: int | None = None  # where the answer string's content starts in raw
        self.done = False
        self.insufficient: bool | None = None

    def feed(self, piece: str) -> str:
        self.raw += piece
        if self.insufficient is None:
            flag = re.search(r'"insufficient_evidence"\s*:\s*(true|false)', self.raw)
            if flag:
                self.insufficient = flag.group(1) == "true"
        if self.done:
            return ""
        if self.pos is None:
            start = re.search(r'"answer"\s*:\s*"', self.raw)
            if not start:
                return ""
            self.pos = start.end()
        out = []
        i = self.pos
        while i < len(self.raw):
            ch = self.raw[i]
            if ch == '"':
                self.done = True
                i += 1
                break
            if ch == "\\":
                if i + 1 >= len(self.raw):
                    break
                code = self.raw[i + 1]
                if code == "u":
                    if i + 6 > len(self.raw):
                        break
                    out.append(chr(int(self.raw[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                out.append({"n": "\n", "t": "\t", "r": "", "b": "", "f": ""}.get(code, code))
                i += 2
                continue
            out.append(ch)
            i += 1
        self.pos = i
        return "".join(out)


def _equal(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def ungrounded_numbers(answer: str, cited: list[str], question: str) -> list[str]:
    """Figures in the answer that no cited sentence (nor the question) states, in any number form."""
    allowed = values(question)
    for sentence in cited:
        allowed |= values(sentence)
    missing = []
    for fig in extract_figures(answer):
        for value in (fig.value, fig.high):
            if value is not None and not any(_equal(value, a) for a in allowed):
                missing.append(fig.text)
                break
    return missing


def _parse(raw: str, ids: list[str]) -> tuple[bool, str, list[str], int]:
    """The flag, the answer text, the known cited ids (in order, once each) and how many were unknown."""
    try:
        data = json.loads(raw)
        flag, text, cited = bool(data["insufficient_evidence"]), str(data["answer"]), data["sentence_ids"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise GenerationError(f"The model's reply is not the expected JSON ({exc}).") from None
    cited = cited if isinstance(cited, list) else []
    known = []
    for sid in cited:
        if sid in ids and sid not in known:
            known.append(sid)  # unknown ids are dropped
    return flag, text.strip(), known, sum(1 for sid in cited if sid not in ids)


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
        checks = {**_fresh_checks(), "gate": f"not about the articles: {meta}"}
        answer = _insufficient(question, language, {}, checks, t0)
        answer.answer = NOT_ABOUT_ARTICLES.get(language, NOT_ABOUT_ARTICLES["en"])
        yield {"type": "answer", "answer": answer}
        return
    query, asked = question, question
    if previous and previous.strip() and len(question.split()) <= FOLLOW_UP_WORDS:
        previous = previous.strip()[: settings.max_question_chars]
        query = f"{previous} {question}"
        asked = f'{question} (a follow-up to the earlier question "{previous}")'
    checks = _fresh_checks()
    counting = _asked_count(question, language, index, checks)
    qv = embedder.encode([query], kind="query")[0]
    k = settings.answer_sentences + (COUNT_POOL if counting else 0)
    ranked = rank(index, qv, query, language, settings, k=k)
    candidates = _with_counts(ranked, counting, settings, index, qv)
    hits = order_for_prompt(select_evidence(candidates, settings.prompt_token_budget))
    t_retrieved = time.perf_counter()
    timings: dict[str, float] = {"retrieval_ms": round((t_retrieved - t0) * 1000, 1)}
    checks["candidates"] = len(hits)
    ids = [f"S{i}" for i in range(1, len(hits) + 1)]
    checks["best_score"] = round(max((h.score for h in hits), default=0.0), 3)
    if not hits or checks["best_score"] < settings.min_evidence_score:
        checks["gate"] = "off-topic: no sentence is close to the question"
        yield {"type": "answer", "answer": _insufficient(question, language, timings, checks, t0)}
        return
    if counting == {}:
        checks["gate"] = f"no article gives a figure for the {checks['asks_count']} asked about"
        yield {"type": "answer", "answer": _insufficient(question, language, timings, checks, t0)}
        return

    yield {"type": "evidence", "hits": hits}  # shown while the model is busy with another request
    messages = build_messages(asked, language, hits)
    schema = answer_schema(ids)
    field_stream = AnswerField()
    ttft = None
    pieces = []
    for piece in generator.generate(messages, schema=schema, stream=True, max_tokens=MAX_ANSWER_TOKENS):
        if ttft is None:
            ttft = time.perf_counter()
        pieces.append(piece)
        text = field_stream.feed(piece)
        if text and field_stream.insufficient is not True:
            yield {"type": "token", "text": text}
    usage = dict(generator.last_usage)
    raw = "".join(pieces)
    timings["ttft_ms"] = round(((ttft or time.perf_counter()) - t_retrieved) * 1000, 1)
    flag, text, cited, checks["dropped_ids"] = _parse(raw, ids)
    first = text
    judge = functools.partial(
        _judged, question, counting=counting, generator=generator, index=index, embedder=embedder,
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
        f_messages, f_schema = build_messages(asked, language, focus), answer_schema(f_ids)
        f_raw = str(
            generator.generate(f_messages, schema=f_schema, stream=False, max_tokens=MAX_ANSWER_TOKENS)
        )
        usage = {k: usage[k] + generator.last_usage.get(k, 0) for k in usage}
        f_checks = _fresh_checks()
        f_flag, f_text, f_cited, f_checks["dropped_ids"] = _parse(f_raw, f_ids)
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
        answer = _insufficient(question, language, timings, checks, t0)
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
        in_language, found = _in_language(text, language, generator, embedder, settings, translations)
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


def _asked_count(question: str, language: str, index: Index, checks: dict) -> dict[int, list] | None:
    """For a figure question, the sentences (row -> figures) that state a figure of the kind asked
    for, from the figures stored at ingest; None for any other question.

    "How many soldiers …?" (a thing the optional lexicon knows) -> the figures that count soldiers;
    "How many tonnes …" -> masses; "By how much did … rise" -> changes; "What does … cost" -> money;
    "How many drone instructors" -> counts. The question is read in its own language, whatever
    language the answer is wanted in.
    """
    from .factcheck import quantity_rows  # factcheck builds on this module
    from .quantities import asked_quantity

    concept = asked_quantity(question, detect_language(question, default=language))
    if concept is not None:
        checks["asks_count"] = concept
        return quantity_rows(index, concept)
    asked = asked_figure(question)
    if asked is None:
        return None
    checks["asks_count"] = asked.label

    def fits(r: Reading) -> bool:
        if asked.dimension == "duration" and _period(r):
            return True  # "How long was it in operation?" -> „von 1870 bis 1939“
        if asked.dimension == MEASURE:
            return r.dimension not in ("count", "duration")
        if asked.dimension and r.dimension != asked.dimension:
            return False
        return not asked.change or r.kind == "change" or r.dimension == "count"

    return {row: [f for f, _ in pairs] for row, pairs in figures_where(index, fits).items()}


def _period(r: Reading) -> bool:
    """A span of years („von 1870 bis 1939“, „1990–1995“), which answers "how long"."""
    high = r.base_high
    return (
        r.dimension == "count" and high is not None and r.base.is_integer() and high.is_integer()
        and 1000 <= r.base < high <= 2100
    )  # fmt: skip


def _with_counts(
    hits: list[Hit], counting: dict | None, settings: Settings, index: Index, qv: np.ndarray
) -> list[Hit]:
    """The candidates for the model. For a count question, the sentences that state a figure of
    the thing asked about come first (up to ``COUNT_SENTENCES``: those the search ranked, then the
    others by their similarity to the question), then the usual best hits, so that "How many
    howitzers?" sees „50 … Haubitzen“ even when sentences about soldiers rank higher."""
    if not counting:
        return hits[: settings.answer_sentences]
    first = [h for h in hits if h.row in counting][:COUNT_SENTENCES]
    if len(first) < COUNT_SENTENCES:
        ranked = {h.row for h in hits}
        others = sorted(
            (sentence_hit(index, row, qv) for row in counting if row not in ranked), key=lambda h: -h.score
        )
        first += others[: COUNT_SENTENCES - len(first)]
    rest = [h for h in hits if h not in first]
    return (first + rest)[: settings.answer_sentences]


def _unread_number(answer: str, sentence: str) -> bool:
    """Does ``sentence`` state, as a number word the figure reader did not read, a number that
    ``answer`` states ("zwei", "sechs"; or "2" in the answer for „zwei“ in the sentence)?"""
    stated = values(answer) | {v for _, v in _number_words(answer)}
    read = [(f.start, f.end) for f in extract_figures(sentence)]
    return any(
        not any(a <= start < b for a, b in read) and any(_equal(x, value) for x in stated)
        for start, value in _number_words(sentence)
    )


def _number_words(text: str) -> list[tuple[int, float]]:
    """(offset, value) of every number word in ``text`` but those that are usually articles."""
    out = []
    for m in re.finditer(r"[^\W\d_]+", text):
        word = m.group(0).lower()
        if word in NUMBER_WORDS and word not in ARTICLES:
            out.append((m.start(), float(NUMBER_WORDS[word])))
    return out


def _about_asked_country(question: str, cited: list[Hit], index: Index) -> bool:
    """A question about a country ("Quanti soldati ha inviato l'Iran?") is answered only from
    articles that name it: an answer about North Korea's soldiers is not one about Iran's."""
    asked = places_ordered(question)
    if not asked:
        return True
    about = [about_place(asked[0], h.row, index) for h in cited]
    if True in about:
        return True
    if False in about:
        return False
    return any(asked[0] in places_in(f"{h.title} {index.documents[h.doc_id].text}") for h in cited)


def _fresh_checks() -> dict:
    """What an answer's checks record before any of them ran."""
    return {"dropped_ids": 0, "ungrounded_numbers": [], "repair": "none"}


def _judged(
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
        if scores[best] >= STRONG_SUPPORT:
            cited = [ids[best]]
            checks["attributed"] = ids[best]

    if not flag and cited:
        quotes = [hits[ids.index(s)].text for s in cited]
        missing = ungrounded_numbers(text, quotes, question)
        if missing:
            checks["ungrounded_numbers"] = missing
            flag, text, cited, usage = _repair(generator, messages, raw, cited, schema, ids, missing, usage)
            quotes = [hits[ids.index(s)].text for s in cited]
            if not flag and cited and not ungrounded_numbers(text, quotes, question):
                checks["repair"] = "reasked"
            elif cited and max(hits[ids.index(s)].score for s in cited) >= FALLBACK_RELEVANCE:
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
            own, stated = _support_parts(question, text, hits, index, embedder, settings)
            best, best_of = max(
                (_supported(o, stated[i] if stated is not None else None), i) for i, o in enumerate(own)
            )
            if best[0] >= STRONG_SUPPORT and not ungrounded_numbers(text, [hits[best_of].text], question):
                checks["recited"] = f"{','.join(cited)}->{ids[best_of]}"
                cited = [ids[best_of]]
                support, checks["support_of"] = best
                checks["support"] = round(support, 3)
        if checks["support"] < settings.min_answer_support:
            checks["gate"] = "unsupported: the answer does not match its cited sentences"
            checks["withdrawn"] = text  # for reading failures (ask --json, eval results), not the page
            flag = True
        elif flag and checks["support"] >= STRONG_SUPPORT and checks["support_of"] == "answer":
            # the small model often adds "insufficient" after a well-supported answer (a terse
            # one such as "Unknown" may score high only through the question, so it never does)
            checks["flag_overridden"] = True
            flag = False
    if counting and not flag and cited and checks["repair"] != "fallback":
        flag, cited = _count_answered(text, cited, ids, hits, counting, checks)
    quoted = [hits[ids.index(s)] for s in cited]
    gates = (  # a test the answer fails, and the reason recorded
        (
            lambda: bool(counting) and _another_actors(question, text, quoted, index),
            "the answer's figure belongs to another actor in its sentence",
        ),
        (
            lambda: not _about_asked_country(question, quoted, index),
            "no cited article names the country asked about",
        ),
        (
            lambda: not _about_asked_year(question, quoted),
            "every cited sentence names another year than the one asked about",
        ),
    )
    for fails, why in gates:
        if not flag and cited and fails():
            checks["gate"] = why
            checks["withdrawn"] = text
            flag = True
    return flag, text, cited, usage


def _another_actors(question: str, answer: str, cited: list[Hit], index: Index) -> bool:
    """Does every cited sentence give the answer's figure to another actor than the one the question
    names? "¿Cuántos escaños obtuvo el PSOE?" answered "65" from „Die PSOE kam auf 89 Sitze,
    Podemos stellt 65“: 65 is in the part without the PSOE while 89's part has it. False when the
    question names no one (``readings.claim_names``) or any sentence gives the figure to them."""
    names = corpus_names(question, index)
    stated = values(answer)
    if not names or not stated:
        return False
    verdicts = []
    for hit in cited:
        figs = [f for f in index.figures.get(hit.row, []) if not f.is_year]
        for fig, owner in zip(figs, owners_in(names, index, hit.row, figs)):
            if any(_equal(a, fig.value) for a in stated):
                verdicts.append(owner)
    return bool(verdicts) and all(v is False for v in verdicts)


def _about_asked_year(question: str, cited: list[Hit]) -> bool:
    """A question about a year ("How many text messages were sent in the third quarter of 2014?")
    is not answered from sentences that each name only other years („im 3. Quartal 2015 … 857
    Millionen SMS“, cited with „Seither werden SMS immer öfter verdrängt“). Sentences that name
    no year at all cannot contradict."""
    asked = years_in(question)
    if not asked or any(asked & years_in(h.text) for h in cited):
        return True
    return not any(years_in(h.text) for h in cited)


def _count_answered(
    text: str, cited: list[str], ids: list[str], hits: list[Hit], counting: dict, checks: dict
) -> tuple[bool, list[str]]:
    """A count question's answer must rest on a figure of the thing asked about.

    Citing no sentence that counts it: insufficient (the model answered with another quantity, or
    about another actor). Citing one, but stating none of its figures: the answer becomes the
    quoted sentences that do count it (the evidence-only fallback).
    """
    rows = {s: hits[ids.index(s)].row for s in cited}
    counted = [s for s in cited if rows[s] in counting]
    if not counted and any(_unread_number(text, hits[ids.index(s)].text) for s in cited):
        # „der zwei verschiedene Teams … führte“, „die sechs-malige Grammy-Gewinnerin“: the
        # extractor reads a number word only right before a noun, so this count was never stored
        # and cannot be judged here; the answer's other checks stand
        checks["count_gate"] = "a number word the figure reader skips"
        return False, cited
    if not counted:
        checks["gate"] = f"no cited sentence gives a figure for the {checks['asks_count']} asked about"
        checks["withdrawn"] = text
        return True, cited
    stated = values(text)
    figures = [f for s in counted for f in counting[rows[s]]]
    if not any(_equal(a, v) for f in figures for v in (f.value, f.high) if v is not None for a in stated):
        if checks["asks_count"] in GENERIC_ASKS:
            # any euro or any count is no evidence of the one asked about: quoting the sentences
            # would answer "How much did a barrel of Brent cost?" with an IT write-down
            checks["gate"] = f"the answer's figure is in none of the cited sentences ({checks['asks_count']})"
            checks["withdrawn"] = text
            return True, cited
        checks["repair"] = "count"  # the answer's figure counts something else: quote the sentences
        return False, counted
    return False, cited


# what a figure question asks for when it names no thing or unit: a sentence with such a figure
# may be about anything, so it is not quoted in place of an answer whose figure it lacks
GENERIC_ASKS = frozenset({"cost", "amount", "count", "change"})


def _in_language(
    text: str, language: str, generator: Generator, embedder: Embedder, settings: Settings, cache
) -> tuple[str, str]:
    """The answer in the asker's language, and the language it came in. The small model often
    answers an English question in German, or half in each ("The Bericht wurde am Donnerstag
    veröffentlicht"); such an answer is translated once. The translation is kept only if it states
    the same figures as the answer, which were checked against the cited sentences, and passes the
    meaning check (``translation.translate_checked``); otherwise the answer stays as written."""
    if _words(text) < 4:
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


def _words(text: str) -> int:
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
    own, stated = _support_parts(question, text, cited, index, embedder, settings)
    return _supported(max(own), max(stated) if stated is not None else None)


def _support_parts(
    question: str, text: str, hits: list[Hit], index: Index, embedder: Embedder, settings: Settings
) -> tuple[list[float], list[float] | None]:
    """Each sentence's similarity to the answer, and (a terse answer only) to the question
    followed by the answer: the answer is embedded once, or twice, for all the sentences."""
    own = support_scores(text, hits, index, embedder)
    if _words(text) >= settings.terse_answer_words:
        return own, None
    return own, support_scores(f"{question} {text}", hits, index, embedder)


def _supported(own: float, stated: float | None) -> tuple[float, str]:
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


def _repair(
    generator: Generator,
    messages,
    raw: str,
    first_cited: list[str],
    schema: dict,
    ids: list[str],
    missing: list[str],
    usage: dict,
) -> tuple[bool, str, list[str], dict]:
    """Re-ask once, pointing at the numbers that no cited sentence gives."""
    retry = [
        *messages,
        {"role": "assistant", "content": raw},
        {"role": "user", "content": prompt("answer.repair.txt").format(numbers=", ".join(missing))},
    ]
    reply = generator.generate(retry, schema=schema, stream=False, max_tokens=MAX_ANSWER_TOKENS)
    total = {k: usage[k] + generator.last_usage.get(k, 0) for k in usage}
    flag, text, cited, _ = _parse(str(reply), ids)
    # without new citations, keep what the first reply cited, for the evidence-only fallback
    return flag, text, cited or first_cited, total


def quote_translation(
    text: str,
    doc_id: str,
    index: Index,
    generator: Generator,
    embedder: Embedder,
    settings: Settings,
    cache: TranslationCache | None,
) -> dict:
    """A quote's checked English translation, as the fields ``Evidence`` and ``FigureRow`` show
    (none without a cache, or for an English quote)."""
    out = None
    if cache is not None:
        language = index.documents[doc_id].language
        out = to_english(text, language, generator, cache, embedder, settings.translation_min_similarity)
    return {"translation": out.text if out else None, "translation_doubtful": bool(out and out.doubtful)}


def _insufficient(question: str, language: str, timings: dict, checks: dict, t0: float) -> Answer:
    timings.setdefault("ttft_ms", 0.0)
    timings["total_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    timings.setdefault("prompt_tokens", 0)
    timings.setdefault("completion_tokens", 0)
    return Answer(
        question, language, INSUFFICIENT.get(language, INSUFFICIENT["en"]), True, [], timings, checks
    )


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
