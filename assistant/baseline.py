"""A plain RAG baseline, as the usual local RAG tools work: the top chunks pasted into a prompt,
a free-text answer with free-text quotes, no structured output, no verbatim rendering.

The prompt is LlamaIndex's default question-answering template ("Context information is below …
Given the context information and not prior knowledge, answer the query"), plus the answer
language, a request to quote, and "if the context does not answer the query, say that it does
not". The first version said 'say "I don't know"', after LangChain's; the bundled 1.5B model then
said "I don't know" to 22 of 22 XQuAD questions and to 7 of 8 answerable gold questions, which
made the baseline a straw man.

Same model, same embedder, same index as the assistant, so an evaluation compares the method only.
"""

from __future__ import annotations

import re
import time

from .evaluation import RETRIEVAL_K, verbatim
from .language import detect_language
from .llm import Generator, prompt
from .retrieval import rank, rank_chunks
from .translation import LANGUAGE_NAMES

_QUOTE = re.compile(r"[„“\"«]([^„“”\"«»]{12,600})[“”\"»]")
# how a free-text answer says the context does not answer, in the gold set's languages
_UNKNOWN = re.compile(
    r"i don'?t know|not (?:contain|mention|say|state|provide|include|specify|answer|give)|no information|"
    r"cannot (?:be )?(?:answer|determine)|"
    r"weiß (?:es )?nicht|nicht (?:enthalten|erwähnt|bekannt|angegeben|genannt|beantwortet|beantworten)|"
    r"enthält keine|keine (?:informationen|angaben|antwort)|"
    r"je ne sais pas|ne (?:contient|mentionne|précise|fournit|répond|donne|indique) pas|aucune information|"
    r"no lo sé|no (?:contiene|menciona|proporciona|especifica|responde|indica)|no hay información|"
    r"non lo so|non (?:contiene|menziona|fornisce|specifica|risponde|indica)|nessuna informazione|"
    r"weet het niet|(?:bevat|vermeldt|noemt|beantwoordt|geeft) (?:geen|niet)|niet vermeld|"
    r"não sei|não (?:contém|menciona|fornece|especifica|responde|indica)|nenhuma informação",
    re.IGNORECASE,
)
_LABEL = re.compile(r"not[_ ]enough[_ ]evidence|supported|refuted|conflicting", re.IGNORECASE)


def _generate(generator: Generator, messages: list[dict], max_tokens: int) -> tuple[str, dict]:
    started = time.perf_counter()
    ttft = None
    pieces = []
    for piece in generator.generate(messages, stream=True, max_tokens=max_tokens):
        if ttft is None:
            ttft = time.perf_counter()
        pieces.append(piece)
    end = time.perf_counter()
    usage = dict(generator.last_usage)
    timings = {
        "ttft_ms": round(((ttft or end) - started) * 1000, 1),
        "total_ms": round((end - started) * 1000, 1),
        **usage,
    }
    return "".join(pieces), timings


def quotes_in(answer: str) -> list[str]:
    """The passages the answer puts in quotation marks."""
    return [m.group(1).strip() for m in _QUOTE.finditer(answer)]


def baseline_output(item, index, embedder, generator: Generator, settings) -> dict:
    """One gold item (``ask`` or ``check``) through the baseline, described like the assistant's."""
    t0 = time.perf_counter()
    # the same query embedding and chunk ranking serve the prompt's chunks and retrieval recall
    qv = embedder.encode([item.text], kind="query")[0]
    qlang = detect_language(item.text)
    chunks = rank_chunks(index, qv, item.text, qlang, settings)
    hits = rank(
        index, qv, item.text, qlang, settings, k=settings.baseline_chunks, unit="chunk", chunks=chunks
    )
    retrieved = [h.doc_id for h in rank(index, qv, item.text, qlang, settings, k=RETRIEVAL_K, chunks=chunks)]
    context = "\n\n".join(f"[{i}] {h.title} ({h.date or 'undated'})\n{h.text}" for i, h in enumerate(hits, 1))
    language = LANGUAGE_NAMES.get(item.language, "English")
    template = "baseline.ask.txt" if item.type == "ask" else "baseline.check.txt"
    messages = [
        {"role": "system", "content": prompt("baseline.system.txt")},
        {
            "role": "user",
            "content": prompt(template).format(context=context, text=item.text, language=language),
        },
    ]
    answer, timings = _generate(generator, messages, settings.baseline_max_tokens)
    timings["retrieval_ms"] = round((time.perf_counter() - t0) * 1000 - timings["total_ms"], 1)
    quotes = []
    for quote in quotes_in(answer):
        source = next((h.doc_id for h in hits if verbatim(quote, {h.doc_id: h.text})), None)
        quotes.append(
            {
                "quote": quote,
                "doc_id": None,
                "start": None,
                "language": "de",
                "translation": None,
                "source": source,
            }
        )
    cited = list(dict.fromkeys(q["source"] for q in quotes if q["source"]))
    verdict = None
    if item.type == "check":
        label = _LABEL.search(answer)
        verdict = label.group(0).lower().replace(" ", "_") if label else None
    insufficient = bool(_UNKNOWN.search(answer)) if item.type == "ask" else None
    return {
        "answer": answer.strip(),
        "insufficient": insufficient,
        "verdict": verdict,
        "cited_docs": cited,
        "retrieved_docs": list(dict.fromkeys(retrieved)),
        "quotes": quotes,
        "timings": timings,
    }
