"""One row per stated figure: same quantity, same actor, place, time and source, and its relation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .. import thing_vectors
from ..actors import corpus_names, corpus_source, names_source, owners_in, source_of
from ..config import Settings
from ..embedding import Embedder
from ..figure_table import Quantity, figure_quantity
from ..figures import Figure
from ..index import Index
from ..places import about_place, places_in, places_ordered
from ..quantities import (
    fold,
    groups_in,
    includes,
    quantity_before,
)
from ..readings import Reading, comparable, read
from ..stored_readings import figure_readings
from .candidates import GAP, Candidate
from .compare import agrees, is_increment, states_another, sum_figure
from .pairing import claim_parts, claimed_figure, other_contradicted, sentence_parts
from .result import FigureRow
from .votes import closest_in_article, settled


def _thing_score(
    quantity: Quantity, fig_concept: str | None, fig_phrase: str, vector, settings: Settings
) -> float:
    """How well a stated figure's counted thing matches the claim's, 0-1. Lexicon quantities (the
    optional data file) decide by name; other words by their embeddings (``vector``: a phrase's
    query embedding, computed once per phrase). A side that names no thing ("stieg auf 400.000")
    scores the floor: it passes, but loses to a figure that names the thing."""
    if _by_embedding(quantity, fig_concept, fig_phrase):
        return float(vector(quantity.phrase) @ vector(fig_phrase))
    if quantity.concept is not None and fig_concept is not None:
        return 1.0 if quantity.concept == fig_concept else 0.0
    return 1.0 if fig_phrase and quantity.phrase else settings.figure_thing_min  # the same noun, or none


def _by_embedding(quantity: Quantity, fig_concept: str | None, fig_phrase: str) -> bool:
    """Does ``_thing_score`` compare the two things by their embeddings: both name a thing, the
    lexicon does not decide, and they do not share their noun?"""
    return (
        not (quantity.concept is not None and fig_concept is not None)
        and bool(fig_phrase and quantity.phrase)
        and not same_head(quantity.phrase, fig_phrase)
    )


def same_head(a: str, b: str) -> bool:
    """Do two counted things share their noun: the same word, or a compound ending in the other
    („Gastwirte“ are „Wirte“, „Berufssoldaten“ „Soldaten“)? EmbeddingGemma puts single German
    compounds far apart: "Gastwirte"/"Wirte" 0.45."""
    first = [fold(p.split()[0]).split("-")[-1] for p in (a, b)]
    short, long_ = sorted(first, key=len)
    # the modifier of a compound has a syllable at least: „Karten“ are no „Arten“
    return short == long_ or (len(short) >= 4 and len(long_) - len(short) >= 3 and long_.endswith(short))


def _attributed(source: str, sentence: str, before: str, document: str) -> bool:
    """Can a sentence be what the claim's ``source`` is reported to say? Yes when it or the sentence
    before names the source; no when it names a source of its own ("laut …", "… zufolge") that is
    not the claim's; otherwise when the article names the source somewhere."""
    if not source or names_source(source, f"{before} {sentence}"):
        return True
    if source_of(sentence):
        return False
    return names_source(source, document)


class _Vectors:
    """Phrases' query embeddings, each computed once. ``warm`` embeds many in one batch: one call
    per phrase costs 30-40 ms, so a count claim whose sentences name a dozen things took 0.3 s."""

    def __init__(
        self, embedder: Embedder, stored: dict[str, np.ndarray], known: dict[str, np.ndarray]
    ) -> None:
        self.embedder = embedder
        self.stored = stored  # the corpus's phrases, embedded at ingest (``thing_vectors``)
        self.known = dict(known)  # the claim's phrase, embedded with its query

    def warm(self, phrases) -> None:
        todo = sorted({p for p in phrases if p and p not in self.known and p not in self.stored})
        if todo:
            self.known.update(zip(todo, self.embedder.encode(todo, kind="query")))

    def __call__(self, phrase: str) -> np.ndarray:
        self.warm([phrase])
        return self.known[phrase] if phrase in self.known else self.stored[phrase]

    def encode(self, texts: list[str], kind: str = "query") -> np.ndarray:
        """``Embedder.encode`` for query texts, each embedded once per check (the claim's parts are
        paired with every sentence's)."""
        self.warm(texts)
        return np.stack([self(t) for t in texts])


@dataclass
class _Claim:
    """What every stated figure is measured against: the claim's figure, its reading, source and
    quantity, and what is worked out from them once."""

    text: str
    stated: list[Figure]
    reading: Reading
    source: str
    quantity: Quantity
    index: Index
    settings: Settings
    vector: _Vectors  # a phrase's query embedding, once per phrase
    groups: frozenset
    increment: bool
    by_thing: bool  # a count, or a calibre ("240-mm rocket launchers"), is judged by the thing it names
    best: float  # the best candidate's score
    names: frozenset  # names the claim shares with the corpus
    units: frozenset  # the claim's unit words, folded
    parts: list[tuple[Figure, str]]  # each claim figure of the claimed dimension, with its part of the claim
    others: list  # a claim's two or more figures (years aside), with their readings; else none

    @property
    def figure(self) -> Figure:
        return self.stated[0]

    @property
    def margin(self) -> float:
        s = self.settings
        return s.figure_count_margin if self.by_thing else s.figure_statement_margin


@dataclass
class _Rows:
    """Rows as they are collected: those that vote, those shown as related, other quantities."""

    voting: list[FigureRow] = field(default_factory=list)
    closeness: dict[int, float] = field(default_factory=dict)  # id(voting row) -> its sentence's score
    related: list[FigureRow] = field(default_factory=list)  # parts of sums
    others: list[tuple[float, FigureRow]] = field(default_factory=list)  # by closeness to the claim
    seen: set[tuple] = field(default_factory=set)


def figure_rows(
    claim: str,
    stated: list[Figure],
    reading: Reading,
    source: str,
    quantity: Quantity,
    candidates: list[Candidate],
    index: Index,
    embedder: Embedder,
    settings: Settings,
    known: dict[str, np.ndarray] | None = None,
) -> list[FigureRow]:
    """One row per figure of the claimed quantity (sums and totals resolved), then a few related ones.

    A figure is the claimed quantity when its sentence's masked statement is close to the claim's
    (at least ``figure_statement_min`` and within ``figure_statement_margin`` of the closest; a count
    is judged by the thing it counts instead, because a sentence often lists several), the
    readings are ``comparable`` (dimension, change or level, expectation, country, year), the sentence
    or the one before names the claimed source, and a counted thing agrees (``_thing_score``).
    """
    source = corpus_source(source, index)
    ctx = _Claim(
        claim, stated, reading, source, quantity, index, settings,
        vector=_Vectors(embedder, thing_vectors.stored(index, embedder.name), known or {}),
        groups=groups_in(claim),
        increment=is_increment(claim, stated[0], reading.dimension),
        by_thing=reading.dimension == "count" or bool(re.search(r"\d-?(?:mm|cm)$", stated[0].text)),
        best=max((c.score for c in candidates), default=0.0),
        names=corpus_names(claim, index),
        units=frozenset(fold(w) for f in stated for w in f.unit.split()),
        parts=claim_parts(claim, stated, reading.dimension),
        others=[(f, read(f, claim, others=tuple(stated))) for f in stated] if len(stated) > 1 else [],
    )  # fmt: skip
    by_row: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_row.setdefault(c.row, []).append(c)
    out = _Rows()
    prepared = {row: _prepared(ctx, row, group) for row, group in by_row.items()}
    if ctx.by_thing:  # the things that need comparing, embedded in one batch
        things = [
            phrase
            for phrases, concepts, _, reasons in prepared.values()
            for phrase, concept, why in zip(phrases, concepts, reasons)
            if not why and _by_embedding(quantity, concept, phrase)
        ]
        if things:
            ctx.vector.warm([quantity.phrase, *things])
    for row, group in by_row.items():
        _sentence_rows(ctx, row, group, out, prepared[row])
    rows = closest_in_article(settled(out.voting, source, stated, settings), out.closeness)
    related = [r for r in rows if r.relation == "related"] + out.related
    rows = [r for r in rows if r.relation != "related"]
    order = {"supports": 0, "contradicts": 1}
    rows.sort(key=lambda r: (order[r.relation], r.date or "9999", r.doc_id, r.figure_start))  # undated last
    out.others.sort(key=lambda t: -t[0])  # the figures of other quantities closest to the claim
    return rows + related + [r for _, r in out.others[: settings.related_figures]]


def _described(ctx: _Claim, figs: list[Figure], doc, sentence) -> tuple[list[str], list, list[str]]:
    """Each figure's counted thing (phrase, lexicon quantity) and a note for the parts of a total."""
    described = [figure_quantity(f, doc.text, doc.language) for f in figs]
    phrases = [p for p, _ in described]
    concepts = [c for _, c in described]
    notes = [""] * len(figs)
    for i in range(1, len(figs)):
        # "50.000 Soldaten, darunter 10.000 Nordkoreaner": the group counts what its total counts
        if concepts[i] is None and includes(doc.text[figs[i - 1].end : figs[i].start]):
            concepts[i] = concepts[i - 1]
            named = groups_in(figs[i].unit) & ctx.groups
            notes[i - 1 if named else i] = "total including others" if named else "part of the total"
    for i, fig in enumerate(figs):
        if concepts[i] is None and not phrases[i]:  # "die Zahl der Opfer auf … 1.500 täglich"
            phrases[i], concepts[i] = quantity_before(doc.text[sentence.start : fig.start], doc.language)
    return phrases, concepts, notes


def _reasons(ctx: _Claim, row: int, group: list[Candidate], notes: list[str]) -> list[str]:
    """Why each candidate figure of one sentence is not the claimed quantity ("" when it is)."""
    index, settings, reading, source = ctx.index, ctx.settings, ctx.reading, ctx.source
    sentence = index.sentences[row]
    doc = index.documents[sentence.doc_id]
    before = index.sentences[row - 1].text if row > 0 and index.sentences[row - 1].doc_id == doc.id else ""
    named = places_in(f"{doc.title} {doc.text}") if reading.place else frozenset()
    in_lead = places_ordered(f"{doc.title}. {doc.text[:300]}") if reading.places else ()
    # whose figure: a name the claim shares with the sentence places it in one of its parts
    owners = owners_in(ctx.names, index, row, [c.figure for c in group], ctx.units)
    reasons = []
    figs, readings = index.figures.get(row, []), figure_readings(index).get(row, [])
    for c, note, owner in zip(group, notes, owners):
        # a figure its sentence gives to the actor the claim names, or whose sentence states
        # another of the claim's figures too, needs no absolute closeness
        least = (
            settings.figure_candidate_min
            if owner or states_another(ctx.others, figs, readings, c.figure, settings)
            else -1.0
            if ctx.by_thing
            else settings.figure_statement_min
        )
        if note:
            reasons.append(note)
        elif why := comparable(reading, c.reading, frozenset(in_lead)):
            reasons.append(why)
        elif owner is False:
            reasons.append("another actor in the sentence")
        elif c.score < max(least, ctx.best - ctx.margin) and not (
            # a sentence that itself names the claim's source is what the source is reported
            # to say, however it words it („Bei der AMS-Erhebung lag diese Quote bei …“)
            source and c.score >= settings.figure_statement_min and names_source(source, sentence.text)
        ):
            reasons.append("another statement")
        elif not _attributed(source, sentence.text, before, doc.text):
            reasons.append("another source")
        elif named and reading.place not in named | c.reading.places:
            # the article never names the claim's country (its first: the actor, not "the border
            # between Serbia and Hungary" that a claim about Austria's police officers names)
            reasons.append("another country")
        elif reading.place and not c.reading.places and about_place(reading.place, row, index) is False:
            reasons.append("another country")  # the sentences before name only other countries
        else:
            reasons.append("")
    return reasons


def _other_things(ctx: _Claim, reasons: list[str], concepts: list, phrases: list[str]) -> None:
    """For a count: of the figures still in, those that count another thing than the claim's (the
    closest thing, if close enough, is the claim's)."""
    things = [
        _thing_score(ctx.quantity, concept, phrase, ctx.vector, ctx.settings) if not why else -1.0
        for why, concept, phrase in zip(reasons, concepts, phrases)
    ]
    top = max(things, default=-1.0)
    for i, score in enumerate(things):
        if not reasons[i] and (
            score < ctx.settings.figure_thing_min or score < top - ctx.settings.thing_margin
        ):
            reasons[i] = "another quantity"


def _prepared(ctx: _Claim, row: int, group: list[Candidate]) -> tuple[list, list, list, list[str]]:
    """A sentence's candidate figures: their things (phrases, lexicon quantities), notes, and why
    each is not the claimed quantity ("" when it may be)."""
    sentence = ctx.index.sentences[row]
    phrases, concepts, notes = _described(
        ctx, [c.figure for c in group], ctx.index.documents[sentence.doc_id], sentence
    )
    return phrases, concepts, notes, _reasons(ctx, row, group, notes)


def _sentence_rows(ctx: _Claim, row: int, group: list[Candidate], out: _Rows, prepared: tuple) -> None:
    """The rows of one sentence's candidate figures: one vote per sentence (a compatible figure,
    the sum or a part, if there is one), the rest related or of other quantities."""
    sentence = ctx.index.sentences[row]
    doc = ctx.index.documents[sentence.doc_id]
    figs = [c.figure for c in group]
    phrases, concepts, _, reasons = prepared
    if ctx.by_thing:
        _other_things(ctx, reasons, concepts, phrases)
    same = [not why for why in reasons]
    readings = {id(c.figure): c.reading for c in group}
    increment = [is_increment(doc.text, c.figure, c.reading.dimension) for c in group]
    parts = [f for f, ok in zip(figs, same) if ok]
    total = None if ctx.increment or ctx.reading.dimension != "count" else sum_figure(doc.text, parts)
    if total is not None:
        readings[id(total)] = readings[id(parts[0])]
    # an increment ("weitere 3.000") answers only a claim about an increment, and vice versa
    options = ([total] if total else []) + [
        f for f, ok, inc in zip(figs, same, increment) if ok and inc == ctx.increment
    ]

    def fits(fig: Figure) -> bool:
        return agrees(ctx.figure, ctx.reading, fig, readings.get(id(fig), ctx.reading), ctx.settings)

    chosen = _paired(ctx, row, options, fits) if total is None else None
    chosen = chosen or next((f for f in options if fits(f)), options[0] if options else None)
    # the claim's other figures of its dimension, each paired with its own in this sentence
    checked = chosen is not None and fits(chosen) and total is None
    other = _other_contradicted(ctx, row, figs, chosen, readings) if checked else None
    for fig in [other[1], *(f for f in options if f is not other[1])] if other else options:
        note = f"sum of {len(parts)} figures" if fig is total else ("part of a sum" if total else "")
        relation = ("supports" if fits(fig) else "contradicts") if fig is chosen else "related"
        if other:
            relation = "contradicts" if fig is other[1] else "related"
            note = f"the claim's {ctx.parts[other[0]][0].text}" if fig is other[1] else note
        if fig.unit == GAP:  # a derived gap only supports; see percentage_gaps
            note, relation = GAP, "related" if relation == "contradicts" else relation
        key = (doc.id, fig.value, fig.high, fig.qualifier, relation)
        if key in out.seen:
            continue  # the same figure repeated in the same article
        out.seen.add(key)
        row_ = _row(doc, sentence, fig, relation, note)
        (out.voting if relation != "related" else out.related).append(row_)
        out.closeness[id(row_)] = group[0].score
    for c, ok, inc, why in zip(group, same, increment, reasons):
        if other and c.figure is other[1]:
            continue
        if ok and c.figure not in options and total:
            out.related.append(_row(doc, sentence, c.figure, "related", "part of a sum"))
        elif ok and c.figure not in options:
            note = "an increment" if inc else "a total, not an increment"
            out.others.append((c.score, _row(doc, sentence, c.figure, "related", note)))
        elif not ok:
            out.others.append((c.score, _row(doc, sentence, c.figure, "related", why)))


def _option_parts(ctx: _Claim, row: int, options: list[Figure]) -> list[str] | None:
    """The options' parts of their sentence, when claim and sentence each list several figures of
    the claimed dimension (``pairing``), else None."""
    if len(ctx.parts) < 2 or len(options) < 2 or any(f.unit == GAP for f in options):
        return None
    sentence = ctx.index.sentences[row]
    text = ctx.index.documents[sentence.doc_id].text
    return sentence_parts(text, ctx.index.figures.get(row, []), options, sentence.start, sentence.end)


def _paired(ctx: _Claim, row: int, options: list[Figure], fits) -> Figure | None:
    """The stated figure the claimed one goes with, when the pairing decides it, else None."""
    if (parts := _option_parts(ctx, row, options)) is None:
        return None
    claimed = [p for _, p in ctx.parts]
    return claimed_figure(claimed, parts, options, fits, ctx.vector, ctx.settings.figure_pairing_margin)


def _other_contradicted(
    ctx: _Claim, row: int, options: list[Figure], chosen: Figure, readings: dict
) -> tuple | None:
    """(j, stated figure) when the pairing gives the claim's ``j``-th figure of the claimed
    dimension another value in this sentence (``pairing.other_contradicted``), else None. Only
    when a claimed figure has no agreeing figure in the sentence and a stated one agrees with
    none of the claim's: else nothing can contradict, and nothing is embedded."""
    if len(ctx.parts) < 2:
        return None
    of = {id(f): r for f, r in ctx.others}  # read once per check: a claim with several figures
    own = [of[id(f)] for f, _ in ctx.parts]

    def fits_of(f: Figure, r: Reading):
        return lambda g: agrees(f, r, g, readings.get(id(g), r), ctx.settings)

    fits = [fits_of(f, r) for (f, _), r in zip(ctx.parts, own)]
    if all(any(fit(g) for g in options) for fit in fits[1:]) or all(
        any(fit(g) for fit in fits) for g in options
    ):
        return None
    if (parts := _option_parts(ctx, row, options)) is None:
        return None
    claimed = [p for _, p in ctx.parts]
    margin = ctx.settings.figure_pairing_margin
    return other_contradicted(claimed, parts, options, chosen, fits, ctx.vector, margin)


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


def dedupe_sentences(rows: list[FigureRow]) -> list[FigureRow]:
    seen: set[tuple[str, int]] = set()
    out = []
    for r in rows:
        if (r.doc_id, r.start) not in seen:
            seen.add((r.doc_id, r.start))
            out.append(r)
    return out
