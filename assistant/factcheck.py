"""Check a claim against every source: each article's figure for the same quantity, and a verdict.

A claim with a figure goes through four steps:
1. parse: the claimed figure (value, qualifier, unit) comes from ``figures.extract_figures``;
2. candidates: the sentences that state a figure (stored at ingest) are ranked against the claim;
3. same quantity: the model says, schema-constrained, which candidate figures count what the claim
   counts (it never judges the numbers);
4. compare and decide: numbers are compared by the program, as intervals that the qualifiers
   define, and the verdict follows from the relations by the rules in ``decide``.

A claim without a figure gets the same four labels from schema-constrained entailment over the
retrieved sentences; the verdict again follows from the per-sentence relations by ``decide``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from .answer import Evidence, quote_translation
from .config import Settings
from .embedding import Embedder
from .figures import Figure, extract_figures, parse_number
from .index import Index
from .inputs import user_text
from .language import detect_language
from .llm import Generator, prompt
from .quantities import (
    about_losses,
    counts_time,
    fold,
    groups_in,
    head_phrase,
    includes,
    per_day,
    quantity_after,
    quantity_before,
    quantity_of,
)
from .readings import (
    Reading,
    about_place,
    comparable,
    corpus_names,
    figures_where,
    masked,
    names_source,
    owners_in,
    places_in,
    places_ordered,
    read,
    source_of,
)
from .retrieval import Hit, rank
from .translation import TranslationCache, translate_checked
from .untrusted import neutral, prompt_title

VERDICTS = ("supported", "refuted", "conflicting", "not_enough_evidence")
RELATIONS = ("supports", "contradicts", "related")

# How far a stated figure reaches, relative to its value, by qualifier. Two figures are compatible
# when their ranges overlap: "12,000" [11 650, 12 360] overlaps "etwa 12 000" [10 430, 13 800]
# but not "50.000". "Up to 9 million" reaches down to 6 million, not to 3 million: a qualified
# figure is an estimate near its number, not an open interval.
EXACT = 0.03  # rounding: "12,000" for 11,800
ABOUT = 0.15
BOUND = 1.5  # "more than X" reaches X * 1.5, "up to X" X / 1.5

MAX_FIGURE_SENTENCES = 24  # candidate sentences with a figure
MAX_PER_DOCUMENT = 8
MAX_RELATED = 4  # figures of another quantity shown for context
ENTAILMENT_SENTENCES = 6
MIN_CANDIDATE_SCORE = 0.25  # a figure sentence scoring lower against the claim is not a candidate
JUDGE_TOKENS = 120
ENTAIL_SIMILARITY = 0.6  # claim-sentence dense similarity for a counted support or contradiction
# measured on the sample corpus: stated claims 0.62-0.74 against their sentence; "Ukraine received
# missiles from North Korea" 0.61, "… an aircraft carrier" 0.53
ENTAIL_STRONG = 0.7
THING_MARGIN = 0.05  # in one sentence, a counted thing this much less like the claim's is another
# EmbeddingGemma on single words, measured: "soldiers"/"Truppen" 0.74, "howitzers"/"Haubitzen" 0.54,
# "artillery shells"/"Artilleriegranaten" 0.74; "soldiers"/"Wahlkämpfer" 0.41, "ammunition"/
# "Ausschuss" 0.32, "missiles"/"Mehrfachraketenwerfer" 0.62 (the lexicon decides that pair)

_SUM_CUE = re.compile(
    r"\b(?:sowie weitere|weitere|weiteren|zusätzlich|zusätzliche|plus|another|additional|further|"
    r"autres|supplémentaires|otros|otras|adicionales)\b",
    re.IGNORECASE,
)
_DIMENSIONS = {"%": "percent", "mm": "length", "cm": "length", "km": "length", "kg": "mass", "t": "mass"}


@dataclass(frozen=True)
class FigureRow:
    """One source's figure for the claimed quantity: ``document.text[start:end] == quote``."""

    doc_id: str
    title: str
    date: str | None
    figure: str  # the figure as stated, verbatim: "mehr als 11.000"
    value: float
    high: float | None
    qualifier: str
    unit: str
    quote: str  # the whole sentence
    start: int
    end: int
    figure_start: int
    figure_end: int
    translation: str | None
    relation: str  # supports | contradicts | related
    note: str = ""  # "sum of 2 figures", "part of a sum", "another quantity"
    translation_doubtful: bool = False  # failed the meaning check: shown marked, beside the quote

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class CheckResult:
    claim: str
    language: str
    verdict: str
    claimed: dict | None
    explanation: str
    rule: str
    figures: list[FigureRow]
    evidence: list[tuple[Evidence, str]]  # (sentence, relation)
    timings: dict[str, float] = field(default_factory=dict)
    checks: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "language": self.language,
            "verdict": self.verdict,
            "claimed": self.claimed,
            "explanation": self.explanation,
            "rule": self.rule,
            "figures": [r.to_json() for r in self.figures],
            "evidence": [{**asdict(e), "relation": rel} for e, rel in self.evidence],
            "timings": self.timings,
            "checks": self.checks,
        }


# ---------------------------------------------------------------- numbers


def reach(fig: Figure) -> tuple[float, float]:
    """The values a stated figure is compatible with (see ``EXACT``, ``ABOUT``, ``BOUND``)."""
    v = fig.value
    if fig.qualifier == "range" and fig.high is not None:
        return min(v, fig.high) / (1 + EXACT), max(v, fig.high) * (1 + EXACT)
    if fig.qualifier == "about":
        return v / (1 + ABOUT), v * (1 + ABOUT)
    if fig.qualifier in ("more_than", "at_least"):
        return v, v * BOUND
    if fig.qualifier in ("up_to", "less_than"):
        return v / BOUND, v
    tolerance = min(abs(v) * EXACT, half_unit(fig))
    return v - tolerance, v + tolerance


def half_unit(fig: Figure) -> float:
    """Half the unit of a figure's last stated digit, in its value's scale: "103" -> 0.5, "12.000" ->
    500, "2,4 Prozent" -> 0.05, "8 Millionen" -> 500 000. A stated number stands for the values that
    round to it: 103 is not 106, while "12,000 soldiers" may be 11,800."""
    fallback = abs(fig.value) * EXACT  # a figure whose digits cannot be read again
    match = re.search(r"\d[\d.,\u00a0\u202f ]*", fig.text)
    token = match.group(0).strip(" .,\u00a0\u202f") if match else ""
    try:
        number = parse_number(token) if token else 0.0
    except ValueError:
        number = 0.0
    if not number or not fig.value:
        return fallback
    scale = abs(fig.value / number)
    decimals = re.search(r"[.,](\d{1,2})$", token)
    if decimals and not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        unit = 10 ** -len(decimals.group(1))
    else:
        digits = re.sub(r"\D", "", token)
        unit = 10 ** (len(digits) - len(digits.rstrip("0")))
    return 0.5 * unit * scale


def compatible(claimed: Figure, stated: Figure) -> bool:
    """Do the two figures' ranges overlap?"""
    lo1, hi1 = reach(claimed)
    lo2, hi2 = reach(stated)
    return lo1 <= hi2 and lo2 <= hi1


def dimension(fig: Figure) -> str:
    """What kind of number: "percent", "length", "mass", "time" ("drei Jahren"), "daily" ("1.500
    täglich", "per day") or "count"."""
    if counts_time(fig.unit):
        return "time"
    if per_day(fig.unit):
        return "daily"
    return _DIMENSIONS.get(fig.unit, "count")


def decide(relations: list[str]) -> str:
    """The verdict from the relations of the sources that state the quantity.

    supported: some support, none contradicts; refuted: some contradict, none supports;
    conflicting: both; not_enough_evidence: neither. ``prompts/check.explain.json`` words it.
    """
    supports = relations.count("supports")
    contradicts = relations.count("contradicts")
    if supports and contradicts:
        return "conflicting"
    if supports:
        return "supported"
    if contradicts:
        return "refuted"
    return "not_enough_evidence"


def sum_figure(text: str, parts: list[Figure]) -> Figure | None:
    """ "mehr als 11.000 Soldaten … sowie weitere 3.000 Soldaten" -> more than 14,000, or None.

    Two or more figures of the same quantity in one sentence are a sum when a cue ("weitere",
    "plus", "another", …) stands between each pair. ``text`` is the document text (figure offsets).
    """
    if len(parts) < 2 or any(p.qualifier == "range" for p in parts):
        return None
    parts = sorted(parts, key=lambda f: f.start)
    for a, b in zip(parts, parts[1:]):
        if not _SUM_CUE.search(text[a.end : b.start]):
            return None
    qualifiers = {p.qualifier for p in parts}
    if qualifiers & {"more_than", "at_least"}:
        qualifier = "more_than" if "more_than" in qualifiers else "at_least"
    elif qualifiers & {"about", "up_to", "less_than"}:
        qualifier = "about"
    else:
        qualifier = "exact"
    start, end = parts[0].start, parts[-1].end
    return Figure(
        sum(p.value for p in parts), qualifier, parts[-1].unit, start, end, text[start:end], None, False
    )


# ---------------------------------------------------------------- candidates


@dataclass
class Candidate:
    id: str  # F1, F2, …
    row: int  # sentence row
    figure: Figure
    score: float  # masked-statement similarity to the claim
    reading: Reading


def figure_candidates(
    index: Index, mv: np.ndarray, statement: str, language: str, claim: Reading, settings: Settings
) -> list[Candidate]:
    """Figures of the claimed dimension, unit and rate, in the sentences whose statement is closest
    to the claim's, both with their figures masked (``mv``: the masked claim's query embedding).

    ``statement`` is the masked claim: a sentence among its search results scores its fused search
    score, any other its dense similarity. The best ``MAX_FIGURE_SENTENCES`` sentences, at most
    ``MAX_PER_DOCUMENT`` per article, are kept.
    """
    found = figures_where(
        index, lambda r: (r.dimension, r.unit, r.per) == (claim.dimension, claim.unit, claim.per)
    )
    if claim.unit == "pp":  # also the gap between two percentages a sentence states
        for row, gaps in percentage_gaps(index, claim).items():
            found.setdefault(row, []).extend(gaps)
    rows = list(found)
    if not rows:
        return []
    hits = rank(index, mv, statement, language, settings, k=max(40, MAX_FIGURE_SENTENCES * 4))
    fused = {h.row: h.score for h in hits}
    vectors = np.stack([index.sentence_index.reconstruct(int(r)) for r in rows]).astype(np.float32)
    dense = vectors @ mv
    scored = sorted(((fused.get(r, float(d)), r) for r, d in zip(rows, dense)), reverse=True)
    per_doc: dict[str, int] = {}
    picked: list[tuple[float, int]] = []
    for score, row in scored:
        doc = index.sentences[row].doc_id
        if score < MIN_CANDIDATE_SCORE or per_doc.get(doc, 0) >= MAX_PER_DOCUMENT:
            continue
        per_doc[doc] = per_doc.get(doc, 0) + 1
        picked.append((score, row))
        if len(picked) == MAX_FIGURE_SENTENCES:
            break
    picked.sort(key=lambda t: t[1])  # text order, article by article
    out: list[Candidate] = []
    for score, row in picked:
        for fig, reading in found[row]:
            out.append(Candidate(f"F{len(out) + 1}", row, fig, score, reading))
    return out


GAP = "gap between two percentages"  # the unit, and the note, of a derived figure


def percentage_gaps(index: Index, claim: Reading) -> dict[int, list[tuple[Figure, Reading]]]:
    """Sentence row -> the gap between the two percentages it states, as a derived figure in
    percentage points: „muss die Bank nur 7 Prozent … beitragen, während alle anderen 22 Prozent
    bezahlen müssten“ states a gap of 15 points. Only sentences with exactly two percentage levels,
    neither a range; the figure spans both, verbatim. Which side is larger depends on the
    sentence's grammar, so the gap takes the claim's direction and only its size is checked: a gap
    can support a claim, never refute it (``_figure_rows``)."""
    out: dict[int, list[tuple[Figure, Reading]]] = {}
    for row, pairs in figures_where(index, lambda r: r.unit == "%" and r.kind == "level").items():
        if len(pairs) != 2 or any(f.high is not None for f, _ in pairs):
            continue
        (a, reading), (b, _) = sorted(pairs, key=lambda p: p[0].start)
        text = index.documents[index.sentences[row].doc_id].text
        qualifier = "exact" if a.qualifier == b.qualifier == "exact" else "about"
        size = round(abs(a.value - b.value), 6)
        gap = Figure(size, qualifier, GAP, a.start, b.end, text[a.start : b.end], None, False)
        derived = dataclasses.replace(
            reading,
            dimension=claim.dimension,
            unit="pp",
            base=size,
            base_high=None,
            kind=claim.kind,
            sign=claim.sign,
            factor=1.0,
        )
        out[row] = [(gap, derived)]
    return out


def _json(raw: str) -> dict:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------- the check


Progress = Callable[[str], None]


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
    stated = [f for f in extract_figures(claim) if not f.is_year]
    # a figure claim is searched by its statement with the figures masked; one embedding either way
    query = masked(claim, stated) if stated else claim
    qv = embedder.encode([query], kind="query")[0]
    if progress:
        progress("searching the articles")
    if stated:
        result = _check_figure(claim, language, stated, query, qv, index, embedder, settings, t0)
    else:
        result = _check_entailment(claim, language, qv, index, generator, settings, progress, t0)
    t_tr = time.perf_counter()
    if progress and translations is not None:
        progress("translating the quotes")
    _translate_rows(result, index, generator, embedder, settings, translations)
    result.timings["translation_ms"] = round((time.perf_counter() - t_tr) * 1000, 1)
    result.explanation, result.rule = explain(result, generator, translations, embedder, settings)
    result.timings["total_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    if translations is not None:
        result.checks["translation_cache"] = {"hits": translations.hits, "misses": translations.misses}
    return result


def _check_figure(
    claim: str,
    language: str,
    stated: list[Figure],
    statement: str,
    mv: np.ndarray,
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
    quantity = claim_quantity(claim, claimed, language)
    checks["quantity"] = quantity.concept
    checks["candidates"] = len(candidates)
    rows = _figure_rows(claim, stated, reading, source, quantity, candidates, index, embedder, settings)
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
        for r in _dedupe_sentences(rows)
        if r.relation != "related"
    ]
    return CheckResult(claim, language, verdict, claimed_json, "", "", rows, evidence, timings, checks)


@dataclass(frozen=True)
class Quantity:
    phrase: str  # as the claim says it: "soldiers", "Artilleriegranaten"
    concept: str | None  # the lexicon's name, or None for a word outside it


def claim_quantity(claim: str, claimed: Figure, language: str) -> Quantity:
    """What the claimed figure counts.

    Its unit phrase's head ("soldiers to Russia" -> soldiers); for a percentage the first lexicon
    word after it ("60 percent of the shells" -> ammunition); soldiers that were lost are
    casualties; failing all that, the first lexicon word anywhere in the claim.
    """
    if claimed.unit in _DIMENSIONS:  # "60 percent of the shells", "240-mm rocket launchers"
        phrase = head_phrase(claim[claimed.end :].strip(" -"))
        concept = quantity_of(phrase, language)
        if concept is None:
            phrase, concept = quantity_after(claim[claimed.end :], language)
    else:
        # "2 milioni di droni", "5 millions de dollars": the thing follows the preposition
        unit = re.sub(r"^(?:(?:di|de|of|van|do|da|du|des|del|degli|dei)\s+|[dl]['’])", "", claimed.unit)
        phrase = head_phrase(unit) if claimed.unit not in _DIMENSIONS else ""
        concept = quantity_of(phrase, language) if phrase else None
    if concept is None and not phrase:
        for word in re.findall(r"[^\W\d_][\w-]*", claim):
            concept = quantity_of(word, language)
            if concept:
                phrase = word
                break
    if concept == "soldiers" and about_losses(claim):
        concept = "casualties"
    return Quantity(phrase, concept)


def figure_quantity(fig: Figure, text: str, language: str) -> tuple[str, str | None]:
    """(head phrase, lexicon quantity) of a stated figure; ``text`` is its document's text."""
    if fig.unit in _DIMENSIONS:  # "60 Prozent der … Granaten", "240-mm-Mehrfachraketenwerfersystemen"
        return quantity_after(text[fig.end : fig.end + 200], language)
    phrase = head_phrase(fig.unit)
    return phrase, quantity_of(phrase, language)


def quantity_rows(index: Index, concept: str) -> dict[int, list[Figure]]:
    """Sentence row -> its figures that count ``concept`` (a lexicon quantity), over the whole index.

    Worked out once per loaded index (every stored figure's quantity) and kept on it.
    """
    table: dict[str, dict[int, list[Figure]]] | None = getattr(index, "_quantity_table", None)
    if table is None:
        table = {}
        for row, figs in index.figures.items():
            sentence = index.sentences[row]
            doc = index.documents[sentence.doc_id]
            for fig in figs:
                if fig.is_year or dimension(fig) not in ("count", "daily"):
                    continue
                concept_of = figure_quantity(fig, doc.text, doc.language)[1]
                if concept_of == "soldiers" and about_losses(sentence.text):
                    table.setdefault("casualties", {}).setdefault(row, []).append(fig)
                if concept_of:
                    table.setdefault(concept_of, {}).setdefault(row, []).append(fig)
        index._quantity_table = table
    return table.get(concept, {})


def _thing_score(
    quantity: Quantity, fig_concept: str | None, fig_phrase: str, vector, settings: Settings
) -> float:
    """How well a stated figure's counted thing matches the claim's, 0-1. Lexicon quantities (the
    optional data file) decide by name; other words by their embeddings (``vector``: a phrase's
    query embedding, computed once per phrase). A side that names no thing ("stieg auf 400.000")
    scores the floor: it passes, but loses to a figure that names the thing."""
    if quantity.concept is not None and fig_concept is not None:
        return 1.0 if quantity.concept == fig_concept else 0.0
    if not fig_phrase or not quantity.phrase:
        return settings.figure_thing_min
    return float(vector(quantity.phrase) @ vector(fig_phrase))


def _another_period(row: FigureRow, supporting: FigureRow) -> bool:
    """Does ``row``'s sentence state years (or a decade) that the supporting sentence does not?"""
    years = set(re.findall(r"(?:19|20)\d\d", row.quote))
    return bool(years - set(re.findall(r"(?:19|20)\d\d", supporting.quote)))


def _attributed(source: str, sentence: str, before: str, document: str) -> bool:
    """Can a sentence be what the claim's ``source`` is reported to say? Yes when it or the sentence
    before names the source; no when it names a source of its own ("laut …", "… zufolge") that is
    not the claim's; otherwise when the article names the source somewhere."""
    if not source or names_source(source, f"{before} {sentence}"):
        return True
    if source_of(sentence):
        return False
    return names_source(source, document)


def agrees(claimed: Figure, claim: Reading, stated: Figure, reading: Reading) -> bool:
    """Is the stated figure compatible with the claimed one? A rise never agrees with a fall;
    otherwise the values in base units (tonnes -> kg) are compared as ``compatible`` ranges."""
    if claim.sign and reading.sign and claim.sign != reading.sign:
        return False

    def base(fig: Figure, factor: float) -> Figure:
        high = fig.high * factor if fig.high is not None else None
        return dataclasses.replace(fig, value=fig.value * factor, high=high)

    return compatible(base(claimed, claim.factor), base(stated, reading.factor))


def _figure_rows(
    claim: str,
    stated: list[Figure],
    reading: Reading,
    source: str,
    quantity: Quantity,
    candidates: list[Candidate],
    index: Index,
    embedder: Embedder,
    settings: Settings,
) -> list[FigureRow]:
    """One row per figure of the claimed quantity (sums and totals resolved), then a few related ones.

    A figure is the claimed quantity when its sentence's masked statement is close to the claim's
    (at least ``figure_statement_min`` and within ``figure_statement_margin`` of the closest; a count
    is judged by the thing it counts instead, because a sentence often lists several), the
    readings are ``comparable`` (dimension, change or level, expectation, country, year), the sentence
    or the one before names the claimed source, and a counted thing agrees (``_thing_score``).
    """
    claimed = stated[0]
    rows: list[FigureRow] = []
    related: list[FigureRow] = []  # parts of sums
    others: list[tuple[float, FigureRow]] = []  # another quantity, totals that include others, increments
    seen: set[tuple] = set()
    by_row: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_row.setdefault(c.row, []).append(c)
    claim_groups = groups_in(claim)
    claim_increment = is_increment(claim, claimed, reading.dimension)
    # a count, or a calibre ("240-mm rocket launchers"), is judged by the thing it names
    by_thing = reading.dimension == "count" or bool(re.search(r"\d-?(?:mm|cm)$", claimed.text))
    # a phrase's query embedding, once per phrase and only for figures that pass the other tests
    vector = functools.cache(lambda phrase: embedder.encode([phrase], kind="query")[0])
    best = max((c.score for c in candidates), default=0.0)
    margin = settings.figure_count_margin if by_thing else settings.figure_statement_margin
    names = corpus_names(claim, index)
    claim_units = frozenset(fold(w) for f in stated for w in f.unit.split())
    for row, group in by_row.items():
        sentence = index.sentences[row]
        doc = index.documents[sentence.doc_id]
        figs = [c.figure for c in group]
        described = [figure_quantity(f, doc.text, doc.language) for f in figs]
        phrases = [p for p, _ in described]
        concepts = [c for _, c in described]
        notes = [""] * len(figs)
        for i in range(1, len(figs)):
            # "50.000 Soldaten, darunter 10.000 Nordkoreaner": the group counts what its total counts
            if concepts[i] is None and includes(doc.text[figs[i - 1].end : figs[i].start]):
                concepts[i] = concepts[i - 1]
                named = groups_in(figs[i].unit) & claim_groups
                notes[i - 1 if named else i] = "total including others" if named else "part of the total"
        for i, fig in enumerate(figs):
            if concepts[i] is None and not phrases[i]:  # "die Zahl der Opfer auf … 1.500 täglich"
                phrases[i], concepts[i] = quantity_before(doc.text[sentence.start : fig.start], doc.language)
        before = (
            index.sentences[row - 1].text if row > 0 and index.sentences[row - 1].doc_id == doc.id else ""
        )
        named = places_in(f"{doc.title} {doc.text}") if reading.places else frozenset()
        in_lead = places_ordered(f"{doc.title}. {doc.text[:300]}") if reading.places else ()
        # whose figure: a name the claim shares with the sentence places it in one of its parts
        owners = owners_in(names, index, row, figs, claim_units)
        reasons = []
        for c, note, owner in zip(group, notes, owners):
            # a figure its sentence gives to the actor the claim names needs no absolute closeness
            least = MIN_CANDIDATE_SCORE if owner else -1.0 if by_thing else settings.figure_statement_min
            if note:
                reasons.append(note)
            elif why := comparable(reading, c.reading, frozenset(in_lead)):
                reasons.append(why)
            elif owner is False:
                reasons.append("another actor in the sentence")
            elif c.score < max(least, best - margin) and not (
                # a sentence that itself names the claim's source is what the source is reported
                # to say, however it words it („Bei der AMS-Erhebung lag diese Quote bei …“)
                source and c.score >= settings.figure_statement_min and names_source(source, sentence.text)
            ):
                reasons.append("another statement")
            elif not _attributed(source, sentence.text, before, doc.text):
                reasons.append("another source")
            elif named and not reading.places <= named | c.reading.places:
                reasons.append("another country")  # the article never names the claimed country
            elif reading.place and not c.reading.places and about_place(reading.place, row, index) is False:
                reasons.append("another country")  # the sentences before name only other countries
            else:
                reasons.append("")
        if by_thing:  # the figures of the thing the claim counts: the closest, if close enough
            things = [
                _thing_score(quantity, concept, phrase, vector, settings) if not why else -1.0
                for why, concept, phrase in zip(reasons, concepts, phrases)
            ]
            top = max(things, default=-1.0)
            for i, score in enumerate(things):
                if not reasons[i] and (score < settings.figure_thing_min or score < top - THING_MARGIN):
                    reasons[i] = "another quantity"
        same = [not why for why in reasons]
        readings = {id(c.figure): c.reading for c in group}
        increment = [is_increment(doc.text, c.figure, c.reading.dimension) for c in group]
        parts = [f for f, ok in zip(figs, same) if ok]
        total = None if claim_increment or reading.dimension != "count" else sum_figure(doc.text, parts)
        if total is not None:
            readings[id(total)] = readings[id(parts[0])]
        # an increment ("weitere 3.000") answers only a claim about an increment, and vice versa
        options = ([total] if total else []) + [
            f for f, ok, inc in zip(figs, same, increment) if ok and inc == claim_increment
        ]

        def fits(fig: Figure, readings: dict = readings) -> bool:
            return agrees(claimed, reading, fig, readings.get(id(fig), reading))

        # one vote per sentence: a compatible figure (the sum or a part) if there is one
        chosen = next((f for f in options if fits(f)), options[0] if options else None)
        for fig in options:
            note = f"sum of {len(parts)} figures" if fig is total else ("part of a sum" if total else "")
            relation = ("supports" if fits(fig) else "contradicts") if fig is chosen else "related"
            if fig.unit == GAP:  # a derived gap only supports; see percentage_gaps
                note, relation = GAP, "related" if relation == "contradicts" else relation
            key = (doc.id, fig.value, fig.high, fig.qualifier, relation)
            if key in seen:
                continue  # the same figure repeated in the same article
            seen.add(key)
            (rows if relation != "related" else related).append(_row(doc, sentence, fig, relation, note))
        for c, ok, inc, why in zip(group, same, increment, reasons):
            if ok and c.figure not in options and total:
                related.append(_row(doc, sentence, c.figure, "related", "part of a sum"))
            elif ok and c.figure not in options:
                note = "an increment" if inc else "a total, not an increment"
                others.append((c.score, _row(doc, sentence, c.figure, "related", note)))
            elif not ok:
                others.append((c.score, _row(doc, sentence, c.figure, "related", why)))
    # an article that states the claimed figure does not also contradict it with a figure of
    # another period or place it reports ("0,18 Prozent in den 1990er-Jahren", "0,08 Prozent in den
    # vergangenen fünf Jahren"): its other figures are shown, not counted
    supporting = {r.doc_id: r for r in rows if r.relation == "supports"}
    rows = [
        dataclasses.replace(
            r, relation="related", note="another period in an article that states the claim's"
        )
        if r.relation == "contradicts" and r.doc_id in supporting and _another_period(r, supporting[r.doc_id])
        else r
        for r in rows
    ]
    # what a source is reported to say: where a sentence of an article names the claim's source
    # itself, that article's sentences that take it only from their context do not vote
    direct = {r.doc_id for r in rows if r.relation != "related" and source and names_source(source, r.quote)}
    rows = [
        dataclasses.replace(r, relation="related", note="the article gives the source's figure elsewhere")
        if r.relation != "related" and r.doc_id in direct and not names_source(source, r.quote)
        else r
        for r in rows
    ]
    # a claim with several figures names its quantity precisely when one sentence states them all
    # ("45,000, with 16,000 of them in Duisburg" against „45.000 Demonstranten, davon 16.000 in
    # Duisburg“): that article's other figures („20.300 Beschäftigte“ at one rally) count other things
    complete = {r.doc_id for r in rows if r.relation == "supports" and _states_all(r.quote, stated)}
    rows = [
        dataclasses.replace(
            r, relation="related", note="another quantity in an article that states the claim's"
        )
        if r.relation == "contradicts" and r.doc_id in complete
        else r
        for r in rows
    ]
    related = [r for r in rows if r.relation == "related"] + related
    rows = [r for r in rows if r.relation != "related"]
    order = {"supports": 0, "contradicts": 1}
    rows.sort(key=lambda r: (order[r.relation], r.date or "9999", r.doc_id, r.figure_start))  # undated last
    others.sort(key=lambda t: -t[0])  # the figures of other quantities closest to the claim
    return rows + related + [r for _, r in others[:MAX_RELATED]]


_INCREMENT_BEFORE = re.compile(
    r"\b(?:weitere|weiteren|zusätzliche|zusätzlich|another|additional|further|extra|autres|"
    r"supplémentaires|otros|otras|adicionales)\s+$",
    re.IGNORECASE,
)
_INCREMENT_AFTER = re.compile(r"^\s*(?:more|additional|extra|de plus|más|mehr)\b", re.IGNORECASE)


def _states_all(sentence: str, claimed: list[Figure]) -> bool:
    """Does ``sentence`` state each of a claim's two or more figures (years aside)?"""
    figures = [f for f in claimed if not f.is_year]
    found = extract_figures(sentence)
    return len(figures) > 1 and all(any(compatible(f, g) for g in found) for f in figures)


def is_increment(text: str, fig: Figure, dimension: str = "count") -> bool:
    """Is the figure an addition to an earlier one ("weitere 3.000 Soldaten", "3,000 more soldiers")?
    "More" after a share or an amount compares („80 Prozent mehr als im Vorjahr“): a change."""
    before = text[max(0, fig.start - 30) : fig.start]
    after = dimension == "count" and _INCREMENT_AFTER.match(text[fig.end : fig.end + 20])
    return bool(_INCREMENT_BEFORE.search(before) or after)


def _row(doc, sentence, fig: Figure, relation: str, note: str) -> FigureRow:
    return FigureRow(
        doc.id,
        doc.title,
        doc.date,
        fig.text,
        fig.value,
        fig.high,
        fig.qualifier,
        fig.unit,
        sentence.text,
        sentence.start,
        sentence.end,
        fig.start,
        fig.end,
        None,
        relation,
        note,
    )


def _dedupe_sentences(rows: list[FigureRow]) -> list[FigureRow]:
    seen: set[tuple[str, int]] = set()
    out = []
    for r in rows:
        if (r.doc_id, r.start) not in seen:
            seen.add((r.doc_id, r.start))
            out.append(r)
    return out


# ---------------------------------------------------------------- claims without a figure


def entailment_schema(ids: list[str]) -> dict:
    pick = {"type": "array", "items": {"type": "string", "enum": ids}, "maxItems": min(3, len(ids))}
    return {
        "type": "object",
        "properties": {"supporting": pick, "contradicting": pick},
        "required": ["supporting", "contradicting"],
    }


_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|n't|kein|keine|keinen|keiner|nicht|nie|niemals|weder|bestritten|"
    r"denied|denies|ne|pas|jamais|aucun|aucune|ni|nunca|ningún|ninguna|tampoco|negaron)\b",
    re.IGNORECASE,
)


def negated(text: str) -> bool:
    """Does the text say something is not so ("nicht", "never", "bestritten", "ne … pas")?"""
    return bool(_NEGATION.search(text))


def entailment_relation(label: str | None, claim: str, hit: Hit) -> str | None:
    """The model's label for one sentence, kept only where the program can back it.

    Measured on the sample corpus, the bundled model marks nearly every retrieved sentence as
    contradicting. So a support needs the sentence to be close to the claim (``ENTAIL_SIMILARITY``)
    with the same polarity; a contradiction needs the same closeness and opposite polarity
    ("has not delivered" against "lieferte"). Anything else is not counted. A sentence at least
    ``ENTAIL_STRONG`` close counts even when the model left it out (it often picks nothing).
    """
    same_polarity = negated(claim) == negated(hit.text)
    if hit.dense >= ENTAIL_STRONG and label != "contradicts":
        return "supports" if same_polarity else "contradicts"
    if label is None or hit.dense < ENTAIL_SIMILARITY:
        return None
    if label == "supports" and same_polarity:
        return "supports"
    if label in ("supports", "contradicts") and not same_polarity:
        return "contradicts"
    return None


def _check_entailment(
    claim: str,
    language: str,
    qv: np.ndarray,
    index: Index,
    generator: Generator,
    settings: Settings,
    progress: Progress | None,
    t0: float,
) -> CheckResult:
    hits = rank(index, qv, claim, language, settings, k=ENTAILMENT_SENTENCES)
    t1 = time.perf_counter()
    timings = {"retrieval_ms": round((t1 - t0) * 1000, 1), "judge_ms": 0.0}
    checks: dict = {"candidates": len(hits), "best_score": round(max((h.score for h in hits), default=0), 3)}
    usage = {"prompt_tokens": 0, "completion_tokens": 0}
    relations: dict[str, str] = {}
    if hits and checks["best_score"] >= settings.min_evidence_score:
        if progress:
            progress("reading what the articles say")
        ids = [f"S{i}" for i in range(1, len(hits) + 1)]
        lines = [
            f"[{i}] ({prompt_title(h.title[:60], h.doc_id)}, {h.date or 'undated'}) {neutral(h.text)}"
            for i, h in zip(ids, hits)
        ]
        messages = [
            {"role": "system", "content": prompt("check.entail.system.txt")},
            {
                "role": "user",
                "content": prompt("check.entail.user.txt").format(
                    sentences="\n".join(lines), claim=neutral(claim)
                ),
            },
        ]
        reply = _json(
            str(generator.generate(messages, schema=entailment_schema(ids), max_tokens=JUDGE_TOKENS))
        )
        usage = dict(generator.last_usage)
        labels: dict[str, str] = {}
        for key, label in (("contradicting", "contradicts"), ("supporting", "supports")):
            for i in reply.get(key) or []:
                if i in ids:
                    labels[i] = label
        checks["model_labels"] = labels
        for i, hit in zip(ids, hits):
            relation = entailment_relation(labels.get(i), claim, hit)
            if relation:
                relations[i] = relation
        checks["relations"] = relations
    else:
        checks["gate"] = "off-topic: no sentence is close to the claim"
    timings["judge_ms"] = round((time.perf_counter() - t1) * 1000, 1)
    timings.update(usage)
    evidence = []
    for i, hit in enumerate(hits, start=1):
        rel = relations.get(f"S{i}")
        if rel:
            evidence.append((Evidence.of(hit, index), rel))
    verdict = decide(list(relations.values()))
    return CheckResult(claim, language, verdict, None, "", "", [], evidence, timings, checks)


# ---------------------------------------------------------------- translation and explanation


def _translate_rows(
    result: CheckResult,
    index: Index,
    generator: Generator,
    embedder: Embedder,
    settings: Settings,
    cache: TranslationCache | None,
) -> None:
    if cache is None:
        return

    def english(text: str, doc_id: str) -> dict:
        return quote_translation(text, doc_id, index, generator, embedder, settings, cache)

    result.figures = [FigureRow(**{**asdict(r), **english(r.quote, r.doc_id)}) for r in result.figures]
    result.evidence = [
        (Evidence(**{**asdict(e), **english(e.quote, e.doc_id)}), rel) for e, rel in result.evidence
    ]


@functools.cache
def _templates() -> dict[str, dict[str, str]]:
    return json.loads(prompt("check.explain.json"))


def explain(
    result: CheckResult,
    generator: Generator,
    cache: TranslationCache | None,
    embedder: Embedder | None = None,
    settings: Settings | None = None,
) -> tuple[str, str]:
    """The explanation and the verdict's rule, in the claim's language.

    English, German, French, Spanish, Italian and Portuguese come from
    ``prompts/check.explain.json``; another language gets the English text translated by the
    local model (cached) if the translation passes the meaning check, or English without a cache,
    an embedder, or when it fails.
    """
    templates = _templates()
    lang = result.language if result.language in templates else "en"
    t = templates[lang]
    kind = "figure" if result.claimed is not None else "text"
    if kind == "figure":
        votes = [r for r in result.figures if r.relation != "related"]
        support = [r for r in votes if r.relation == "supports"]
        contradict = [r for r in votes if r.relation == "contradicts"]
        text = t[f"figure.{result.verdict}"].format(
            quantity=result.claimed["unit"] or result.claimed["text"],
            claimed=result.claimed["text"],
            n_sources=len({r.doc_id for r in votes}),
            n_support=len({r.doc_id for r in support}),
            support=_listing(support),
            contradict=_listing(contradict),
        )
        rule = f"{t[f'rule.{result.verdict}']} {t['rule.figures']}"
    else:
        support = [e for e, rel in result.evidence if rel == "supports"]
        contradict = [e for e, rel in result.evidence if rel == "contradicts"]
        text = t[f"text.{result.verdict}"].format(
            n_support=len(support),
            n_contradict=len(contradict),
            support=", ".join(dict.fromkeys(_source(e.doc_id, e.date) for e in support)),
            contradict=", ".join(dict.fromkeys(_source(e.doc_id, e.date) for e in contradict)),
        )
        rule = f"{t[f'rule.{result.verdict}']} {t['rule.text']}"
    if lang != result.language and cache is not None and embedder is not None and settings is not None:
        out = translate_checked(
            [text, rule],
            generator,
            embedder,
            cache,
            "en",
            result.language,
            settings.translation_min_similarity,
        )
        if not any(t.doubtful for t in out):
            text, rule = out[0].text, out[1].text
    return text, rule


def _source(doc_id: str, date: str | None) -> str:
    return f"{doc_id}, {date}" if date else doc_id


def _listing(rows: list[FigureRow]) -> str:
    return "; ".join(f"„{r.figure}“ ({_source(r.doc_id, r.date)})" for r in rows)
