"""Check a claim against every source: each article's figure for the same quantity, and a verdict.

A claim with a figure goes through four steps:
1. parse: the claimed figure (value, qualifier, unit) comes from ``figures.extract_figures``;
2. candidates: the sentences that state a figure (stored at ingest) are ranked against the claim;
3. same quantity: the model says, schema-constrained, which candidate figures count what the claim
   counts (it never judges the numbers);
4. compare and decide: numbers are compared by the program, as intervals that the qualifiers
   define, and the verdict follows from the relations by the rules in ``decide``.

A claim without a figure gets the same four labels from schema-constrained entailment over the
retrieved sentences; the verdict again follows from the per-sentence relations by ``decide``."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import asdict

import numpy as np

from ..actors import source_of
from ..config import Settings
from ..embedding import Embedder
from ..evidence import Evidence
from ..figure_table import Quantity, claim_quantity
from ..figures import Figure, extract_figures
from ..index import Index
from ..inputs import user_text
from ..language import detect_language
from ..llm import Generator
from ..places import places_ordered
from ..readings import masked, read
from ..translation import TranslationCache
from .candidates import figure_candidates
from .entailment import check_entailment
from .explain import explain, translate_rows
from .pairing import part
from .result import CheckResult, Progress, decide
from .rows import dedupe_sentences, figure_rows


def check(
    claim: str,
    index: Index,
    embedder: Embedder,
    generator: Generator,
    settings: Settings,
    lang: str | None = None,
    translations: TranslationCache | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check ``claim`` against every article in ``index``; see the module docstring."""
    claim = user_text(claim, settings, "claim")
    t0 = time.perf_counter()
    language = lang or detect_language(claim)
    stated = [f for f in extract_figures(claim, language) if not f.is_year]
    # an age describes someone ("the 31-year-old Frenchman won by 23 seconds"): the claim's figure
    # is another one it states, if any
    stated.sort(key=lambda f: read(f, claim, others=tuple(stated)).dimension == "age")
    # a figure claim is searched by its statement with the figures masked; one embedding either way
    query = masked(claim, stated) if stated else claim
    # what a count counts is compared with the things the articles' figures count (embedded at
    # ingest): the claim's thing is embedded in the same batch as its query
    quantity = claim_quantity(claim, stated[0], language) if stated else None
    things = [quantity.phrase] if quantity and quantity.phrase else []
    # a claim's figures each have their part of it, paired with the parts of sentences that
    # state several figures (``pairing``): embedded in the same batch
    ordered = sorted(stated, key=lambda f: f.start)
    parts = [part(claim, ordered, i) for i in range(len(ordered))] if len(ordered) > 1 else []
    qv, *vectors = embedder.encode([query, *things, *parts], kind="query")
    if progress:
        progress("searching the articles")
    if quantity is not None:
        known = dict(zip([*things, *parts], vectors))
        result = check_figure(
            claim, language, stated, quantity, query, qv, known, index, embedder, settings, t0
        )
    else:
        result = check_entailment(claim, language, qv, index, generator, settings, progress, t0)
    t_tr = time.perf_counter()
    if progress and translations is not None:
        progress("translating the quotes")
    translate_rows(result, index, generator, embedder, settings, translations)
    result.timings["translation_ms"] = round((time.perf_counter() - t_tr) * 1000, 1)
    result.explanation, result.rule = explain(result, generator, translations, embedder, settings)
    result.timings["total_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    if translations is not None:
        result.checks["translation_cache"] = {"hits": translations.hits, "misses": translations.misses}
    return result


def check_figure(
    claim: str,
    language: str,
    stated: list[Figure],
    quantity: Quantity,
    statement: str,
    mv: np.ndarray,
    known: dict[str, np.ndarray],
    index: Index,
    embedder: Embedder,
    settings: Settings,
    t0: float,
) -> CheckResult:
    claimed = stated[0]
    reading = read(claimed, claim, others=tuple(stated))
    source = source_of(claim)
    if source:  # a country named in the source is the source's, not the figure's ("the Upper
        # Austrian Chamber of Labour"); a long source outruns places_ordered's attribution window
        ordered = places_ordered(claim.replace(source, " "))
        reading = dataclasses.replace(reading, places=frozenset(ordered), place=ordered[0] if ordered else "")
    checks: dict = {"claim_figures": len(stated), "reading": reading.label(), "source": source}
    candidates = figure_candidates(index, mv, statement, language, reading, settings)
    t1 = time.perf_counter()
    timings = {"retrieval_ms": round((t1 - t0) * 1000, 1)}
    checks["quantity"] = quantity.concept
    checks["candidates"] = len(candidates)
    rows = figure_rows(claim, stated, reading, source, quantity, candidates, index, embedder, settings, known)
    timings["judge_ms"] = round((time.perf_counter() - t1) * 1000, 1)
    timings.update(prompt_tokens=0, completion_tokens=0)
    verdict = decide([r.relation for r in rows if r.relation != "related"])
    claimed_json = {
        "text": claimed.text,
        "value": claimed.value,
        "qualifier": claimed.qualifier,
        "unit": quantity.phrase,
        "reading": asdict(reading) | {"places": sorted(reading.places), "years": sorted(reading.years)},
    }
    if claimed.high is not None:
        claimed_json["high"] = claimed.high
    evidence = [
        (
            Evidence(
                r.doc_id, r.title, r.date, r.quote, r.start, r.end, index.documents[r.doc_id].language, None
            ),
            r.relation,
        )
        for r in dedupe_sentences(rows)
        if r.relation != "related"
    ]
    return CheckResult(claim, language, verdict, claimed_json, "", "", rows, evidence, timings, checks)
