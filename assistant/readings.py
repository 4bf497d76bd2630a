"""What a figure measures, read from its sentence: dimension, unit, thing, direction, modality, place, time.

A claim and an article sentence are read the same way, each in its own language, with the
language's grammar and measuring words (``cues``) and no list of topics:

    „Die Mieten sind im Vorjahr um 2,4 Prozent gestiegen“
    -> percent, +2.4 (a rise, by), thing "Mieten", fact, time "last"
    "Analysts had expected a rise of 2 percent" -> percent, +2, expectation

``comparable`` then says whether a stated figure can be about a claimed one: the same dimension
(and currency, and rate), the same kind (a change or a level), the same modality, and no
contradicting place, year or source. Whether the two statements are about the same thing is
judged apart, by comparing the sentences with their figures masked (``masked``), which works
across languages because EmbeddingGemma is cross-lingual.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import cues
from .figures import Figure
from .places import places_ordered
from .quantities import fold, head_phrase


@dataclass(frozen=True)
class Reading:
    dimension: str  # count, percent, points, money, mass, volume, length, area, energy, power, duration
    unit: str  # "", "%", "pp", "EUR", "USD", "kg", "l", "m", "d", …
    base: float  # the value in the unit's base (tonnes -> kg, months -> days); signed for a fall
    base_high: float | None
    per: str  # a rate's denominator: "year", "hour", "person" …; "" for none
    thing: str  # the unit phrase's head ("Soldaten"), or the clause's subject for % and money
    kind: str  # "change" (by how much) or "level"
    sign: int  # +1 a rise, -1 a fall, 0 no direction
    modality: str  # "fact" or "expected" (forecast, plan, demand, "soll", "voraussichtlich")
    places: frozenset[str]  # countries the sentence names (CLDR codes: "AT", "KP" …), not its sources
    place: str  # the first of them: for a claim, the actor (the subject comes first) or ""
    years: frozenset[int]  # years stated in the sentence
    relative: str  # "next", "this", "last" or ""
    factor: float = 1.0  # the unit's factor to its base unit (Tonnen -> kg: 1000)
    span: str = ""  # "part" when the sentence counts part of a year (a quarter, months, dates), else ""

    def label(self) -> str:
        """Short, for the page and the tests: "percent +2.4 change fact"."""
        unit = f" {self.unit}" if self.unit else ""
        per = f"/{self.per}" if self.per else ""
        return f"{self.dimension}{unit}{per} {self.kind} {self.modality}"


# ---------------------------------------------------------------- words


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’]*", fold(text))


def _cue_matches(token: str, cue: str) -> bool:
    """Is a one-word ``cue`` this token? A short cue (four letters or fewer) only as a whole word
    ("mehr" is not „Mehrfachraketenwerfer“); a longer one as its start ("gestiegen" ->
    "gestiegenen") or, in a German compound, its end („Umsatzrückgang“)."""
    if len(cue) <= 4:
        return token == cue
    return token.startswith(cue) or token.endswith(cue)


def _has_cue(tokens: list[str], folded: str, words: tuple[str, ...]) -> bool:
    for cue in words:
        if " " in cue or "'" in cue:
            if re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", folded):
                return True
        elif any(_cue_matches(t, cue) for t in tokens):
            return True
    return False


_NOT_DIRECTION = re.compile("|".join(cues.NOT_DIRECTION))


def _nearest_direction(before: str, after: str) -> int:
    """+1 for a rise cue, -1 for a fall cue, the nearer one to the figure; 0 for none."""
    before, after = _NOT_DIRECTION.sub(" ", fold(before)), _NOT_DIRECTION.sub(" ", fold(after))
    before, after = _PHRASES.sub(_phrase_cue, before), _PHRASES.sub(_phrase_cue, after)
    words_before, words_after = _tokens(before), _tokens(after)
    best = _separable(words_before, words_after)  # (distance in tokens, sign) or None
    for words in (reversed(words_before), words_after):  # the nearest cue on each side
        for distance, token in enumerate(words):
            if sign := _sign(token):
                if best is None or distance < best[0]:
                    best = (distance, sign)
                break
    return best[1] if best else 0


# a cue of several words ("up by", „ging zurück“) stands for one word of its direction
_PHRASES = re.compile("|".join(rf"(?<!\w){re.escape(c)}(?!\w)" for c in (*cues.RISE, *cues.FALL) if " " in c))


def _phrase_cue(match: re.Match) -> str:
    return " rise " if match.group(0) in cues.RISE else " fall "


def _separable(before: list[str], after: list[str]) -> tuple[int, int] | None:
    """(distance, sign) of a German separable verb of change around a figure: its particle ends
    the clause, its stem („gaben“, „legte“) is a short word before the particle."""
    tokens = before + after
    if len(tokens) < 2:
        return None
    for (stem, particle), sign in cues.SEPARABLE.items():
        if tokens[-1] != particle:
            continue
        for i, token in enumerate(tokens[:-1]):
            if token.startswith(stem) and len(token) <= len(stem) + 3:
                distance = len(before) - 1 - i if i < len(before) else i - len(before)
                return distance, sign
    return None


@functools.cache
def _sign(token: str) -> int:
    for words, sign in ((cues.RISE, 1), (cues.FALL, -1)):
        if any(" " not in cue and _cue_matches(token, cue) for cue in words):
            return sign
    return 0


# ---------------------------------------------------------------- places


# ---------------------------------------------------------------- reading one figure


_CLAUSE_END = re.compile(r"[;:!?]|,\s|\s[–—-]\s|\.\s")
# modal words and direction words are looked for in the figure's clause: from the last clause
# boundary before it to the first after it, at most this many characters either side
WINDOW = 120


def _clause(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    hi = len(text) if hi is None else hi
    left = max(lo, start - WINDOW)
    before = text[left:start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(before)]
    c_start = left + cuts[-1] if cuts else left
    right = min(hi, end + WINDOW)
    after = _CLAUSE_END.search(text, end, right)
    c_end = after.start() if after else right
    return c_start, c_end


def _unit_of(fig: Figure, before: str) -> tuple[str, str, float]:
    """(dimension, unit, factor to the base unit) of a figure."""
    unit = fig.unit
    if unit == "%":
        return "percent", "%", 1.0
    words = unit.split()
    if words and re.match(r"(?:d|l)['’]", words[0]):  # "cinq millions d'euros"
        words = [words[0][2:], *words[1:]]
    elif len(words) > 1 and fold(words[0]) in ("de", "di", "of", "van"):  # "5 millions de dollars"
        words = words[1:]
    folded = [fold(w).strip(".,;:()") for w in words]
    for n in (3, 2, 1):
        if len(folded) >= n:
            key = " ".join(folded[:n])
            if key in cues.UNITS:
                return cues.UNITS[key]
    sign = re.search(r"(€|\$|£|\b(?:EUR|USD|CHF|US\$|SFr)\.?)\s*$", before)
    if sign:
        code = cues.CURRENCY_BEFORE.get(fold(sign.group(1)).rstrip("."))
        if code:
            return "money", code, 1.0
    return "count", "", 1.0


def _per_after(phrase: str, folded: str) -> bool:
    word = r"[^\W\d_'’]+(?:['’][^\W\d_'’]+)?"  # "demandes d'asile par jour"
    return bool(re.match(rf"\s*(?:{word}\s+){{0,4}}{re.escape(phrase)}(?!\w)(?!\s*\d)", folded))


def _per_before(phrase: str, folded: str) -> bool:
    """A rate's denominator right before the figure („um jährlich 0,18 Prozent“), or a "per"
    phrase up to two words before it („pro Tag nur mehr 100 Anträge“; not „im Jahr 2015 kamen 100“)."""
    if " " not in phrase:
        return bool(re.search(rf"(?<!\w){re.escape(phrase)}\s*$", folded))
    if phrase.split()[0] not in _PER_WORDS:
        return False
    return bool(re.search(rf"(?<!\w){re.escape(phrase)}(?:\s+[^\W\d_]+){{0,2}}\s*$", folded))


_PER_WORDS = {
    "pro", "per", "par", "je", "por", "each", "chaque", "jedes", "jeden", "jede", "every", "ogni", "cada",
    "elk", "elke", "ieder", "tous", "todos",
}  # fmt: skip


def _per(after: str, before: str = "") -> str:
    """A rate's denominator from the words after the figure ("5 Euro pro Tag", "0.08 percent of
    its forest area per year") or the word right before it ("um jährlich 0,18 Prozent")."""
    folded = fold(after[:70])
    before = fold(before[-40:])
    for per, phrases in cues.PER.items():
        for phrase in phrases:
            if phrase.startswith("/"):
                if folded.startswith(phrase):
                    return per
            elif _per_after(phrase, folded) or _per_before(phrase, before):
                return per
    return ""


_DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einen", "the", "a", "an", "le",
    "la", "les", "l", "il", "lo", "gli", "el", "los", "las", "de", "het", "um", "auf", "von", "im",
}  # fmt: skip


_OF_THING = (
    r"\s*(?:\S+\s+)?(?:der|des|of|de|du|di|del|della|dei|degli|delle|van)\s+(?:the\s+)?([^\W\d_][\w-]*)"
)


def _subject(clause_before: str, after: str) -> str:
    """The thing a percentage or an amount is about: "2,4 Prozent der Mieten" -> "Mieten", else
    the first noun-like word of the clause („Die Mieten sind … um 2,4 Prozent gestiegen“)."""
    follow = re.match(_OF_THING, after, re.IGNORECASE)
    if follow:
        return follow.group(1)
    for word in re.findall(r"[^\W\d_][\w-]*", clause_before):
        if word.lower() not in _DETERMINERS and (word[0].isupper() or len(word) > 3):
            return word
    return ""


@functools.cache
def _part_of_year() -> re.Pattern:
    """Phrases that restrict a statement to part of a year, with the month names of the languages
    read (CLDR, through Babel; Austrian „Jänner“ too)."""
    from babel import Locale

    months = set()
    for lang in ("de", "de_AT", "en", "fr", "it", "es", "pt", "nl"):
        for width in ("wide", "abbreviated"):
            months.update(fold(m).strip(".") for m in Locale.parse(lang).months["format"][width].values())
    months = {m for m in months if len(m) >= 3 and m not in ("may", "mai", "mar")}  # modal, ambiguous
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    # "seit März", "zwischen 1. Jänner und …", "bis Ende März"; not a single day („am 5. März“)
    day = r"(?:(?:dem|le|the)\s+)?(?:\d{1,2}(?:\.|er|st|nd|rd|th)?\s+)?(?:(?:de|del|of)\s+)?"
    before = rf"\b(?:{'|'.join(cues.MONTH_BEFORE)})\s+{day}(?:{names}|mai|may)\b"
    return re.compile("|".join([before, *cues.PART_OF_YEAR]))


def part_of_year(text: str) -> bool:
    """Does ``text`` restrict what it states to part of a year („im ersten Quartal“, „zwischen
    1. Jänner und dem 30. März 2016“, "in the first six months", « depuis le début de l'année »)?"""
    return bool(_part_of_year().search(fold(text)))


def years_in(text: str) -> frozenset[int]:
    """The years 1900-2099 that ``text`` states as a plain four-digit number."""
    return frozenset(int(y) for y in re.findall(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d)", text))


def read(
    fig: Figure, text: str, lo: int = 0, hi: int | None = None, others: tuple[Figure, ...] = ()
) -> Reading:
    """The reading of ``fig`` in ``text`` (its sentence, or its document with the sentence's bounds
    ``lo``/``hi``). ``others`` are the sentence's other figures: their qualifiers ("mehr als")
    are not read as direction words."""
    c_start, c_end = _clause(text, fig.start, fig.end, lo, hi)
    blank = list(text[c_start:c_end])
    for f in (fig, *others):
        for i in range(max(f.start, c_start), min(f.end, c_end)):
            blank[i - c_start] = " "
    clause = "".join(blank)
    before = clause[: fig.start - c_start]
    after = clause[fig.end - c_start :]
    dim, unit, factor = _unit_of(fig, text[max(lo, fig.start - 6) : fig.start])
    per = _per(text[fig.end : c_end], before)
    sign = _nearest_direction(before, after)
    prep = re.search(r"([^\W\d_]+)\s*$", before)
    prep_word = fold(prep.group(1)) if prep else ""
    if prep_word in cues.CHANGE_BY and sign:
        kind = "change"
    elif prep_word in cues.LEVEL_TO:
        kind = "level"
    else:
        kind = "change" if sign else "level"
    sign_value = 1 if kind == "level" else sign or 1
    folded = fold(clause)
    tokens = _tokens(clause)
    expected = (
        _has_cue(tokens, folded, cues.EXPECTATION)
        or _has_cue(_tokens(before), fold(before), cues.EXPECTATION_BEFORE)
        or any(re.search(rf"(?<!\w){w}(?!\w)", clause.lower()) for w in cues.EXPECTATION_UNFOLDED)
    )
    if expected and re.search(r"\b(?:soll|sollen)\b.*\b(?:haben|sein)\b", folded):
        expected = _has_cue(tokens, folded, tuple(c for c in cues.EXPECTATION if not c.startswith("soll")))
    sentence = text[lo : (hi if hi is not None else len(text))]
    years = years_in(sentence)
    spans = [(f.start - c_start, f.end - c_start) for f in others if f is not fig and f.start != fig.start]
    relative = _relative_time(folded, fig.start - c_start, fig.end - c_start, spans)
    ordered = places_ordered(sentence)
    thing = head_phrase(fig.unit) if dim == "count" else _subject(before, after)
    if dim == "count" and not thing:
        thing = _subject(before, after)
    high = fig.high * factor * sign_value if fig.high is not None else None
    return Reading(
        dimension=dim,
        unit=unit,
        base=fig.value * factor * sign_value,
        base_high=high,
        per=per,
        thing=thing,
        kind=kind,
        sign=sign if kind == "change" else 0,
        modality="expected" if expected else "fact",
        places=frozenset(ordered),
        place=ordered[0] if ordered else "",
        years=years,
        relative=relative,
        factor=factor,
        span="part" if part_of_year(sentence) else "",
    )


def _relative_time(folded_clause: str, start: int, end: int, bounds: list[tuple[int, int]]) -> str:
    """The time relative to the article ("next", "this", "last" or "") that belongs to the figure at
    ``start:end`` of the clause: one between it and the next figure ("11.000 Soldaten im vergangenen
    Jahr sowie weitere 3.000 in den ersten Monaten dieses Jahres"), else one between the figure
    before and it, else the nearest in the clause. ``bounds``: the other figures' spans."""
    found = [
        (m.start(), name)
        for name, phrases in cues.RELATIVE_TIME.items()
        for phrase in phrases
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}", folded_clause)
    ]
    if not found:
        return ""
    nxt = min((s for s, _ in bounds if s >= end), default=len(folded_clause))
    prev = max((e for _, e in bounds if e <= start), default=0)
    after = sorted((p, n) for p, n in found if end <= p < nxt)
    if after:
        return after[0][1]
    before = sorted((p, n) for p, n in found if prev <= p < start)
    if before:
        return before[-1][1]
    return min(found, key=lambda t: abs(t[0] - start))[1]


def masked(text: str, figures: list[Figure], offset: int = 0) -> str:
    """``text`` with each figure (and its qualifier) replaced by "X": the statement without its number."""
    out, last = [], 0
    for f in sorted(figures, key=lambda f: f.start):
        s, e = f.start - offset, f.end - offset
        if s < last or s < 0 or e > len(text):
            continue
        out.append(text[last:s])
        out.append("X")
        last = e
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------- comparing a claim with a source


def comparable(claim: Reading, stated: Reading, lead: frozenset[str] = frozenset()) -> str:
    """ "" when ``stated`` can be a figure for the ``claim``'s quantity, else why not.

    ``lead``: the countries the article's title and first lines name (its actors, when a sentence
    names only a recipient: „20 Mehrfachraketenwerfer, die … an die russischen Streitkräfte
    geliefert wurden“ in an article about North Korea).

    The thing itself is judged apart (masked statements); here: dimension, unit and rate; a change
    against a level; an expectation against a fact; another country; another year.
    """
    if claim.dimension != stated.dimension:
        return f"another dimension ({stated.dimension})"
    if claim.unit != stated.unit:
        return f"another unit ({stated.unit})"
    if claim.per != stated.per:
        return "another rate" if stated.per else "a rate"
    if claim.kind != stated.kind and claim.dimension not in ("count", "duration"):
        return f"a {stated.kind}, not a {claim.kind}"
    if stated.modality == "expected" and claim.modality == "fact":
        return "an expectation"  # an expectation is not evidence for an outcome
    if claim.place and claim.place not in stated.places | lead and stated.places - claim.places:
        # the sentence names another country and not the claim's first: "South Korea sent 10,000
        # soldiers to Russia" against „Nordkorea hat … über 10.000 Soldaten nach Russland entsandt“
        return "another country"
    if claim.years and stated.years and not claim.years & stated.years:
        return "another year"
    if claim.relative and stated.relative and claim.relative != stated.relative:
        return "another year"
    if (claim.years or claim.relative) and not claim.span and stated.span:
        return "part of a year"  # „zwischen 1. Jänner und dem 30. März 2016“ against "in 2016"
    return ""


# ---------------------------------------------------------------- whose figure, within a sentence


# ---------------------------------------------------------------- sources


@functools.cache
def readings_version() -> str:
    """Changes whenever the code or data that reads figures changes: stored readings of another
    version are read again (at load, lazily; an ingest then stores them anew)."""
    import hashlib
    from pathlib import Path

    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in ("readings.py", "cues.py", "quantities.py", "figures.py"):
        h.update((here / name).read_bytes())
    try:
        import babel

        h.update(babel.__version__.encode())  # the country names come from its CLDR data
    except ImportError:
        pass
    return h.hexdigest()[:16]


def sentence_readings(
    sentences, documents: dict, figures: dict[int, list[Figure]]
) -> dict[int, list[Reading]]:
    """Sentence row -> the readings of its figures (same order as ``figures[row]``), each read in
    its document with the sentence's bounds (measured: 5.9 s for
    gnad-dev's 1,363 figures, 4.3 ms each, on a loaded 2-core machine; stored, they load in 62 ms)."""
    table: dict[int, list[Reading]] = {}
    for row, figs in figures.items():
        sentence = sentences[row]
        text = documents[sentence.doc_id].text
        table[row] = [read(f, text, sentence.start, sentence.end, tuple(figs)) for f in figs]
    return table


def figure_readings(index) -> dict[int, list[Reading]]:
    """Sentence row -> the readings of its stored figures (same order as ``index.figures[row]``).

    Stored at ingest; an index whose stored readings are of another version (or missing) has them
    worked out once, on first use, and kept on it.
    """
    if index.readings is None:
        index.readings = sentence_readings(index.sentences, index.documents, index.figures)
    return index.readings


def reading_row(row: int, position: int, r: Reading) -> tuple:
    """One stored reading: the sentence row, the figure's position in it, then the fields."""
    return (
        row, position, r.dimension, r.unit, r.base, r.base_high, r.per, r.thing, r.kind, r.sign, r.modality,
        ",".join(sorted(r.places)), r.place, ",".join(str(y) for y in sorted(r.years)), r.relative, r.factor,
        r.span,
    )  # fmt: skip


def reading_of(fields: tuple) -> Reading:
    """The inverse of ``reading_row`` (without the row and position)."""
    dim, unit, base, high, per, thing, kind, sign, modality, places, place, years, relative, factor, span = (
        fields
    )
    return Reading(
        dim, unit, base, high, per, thing, kind, sign, modality,
        frozenset(p for p in places.split(",") if p), place,
        frozenset(int(y) for y in years.split(",") if y), relative, factor, span,
    )  # fmt: skip


def figures_where(index, test) -> dict[int, list[tuple[Figure, Reading]]]:
    """Sentence row -> its stored figures (single years left out; a span of years, „von 1870 bis
    1939“, answers "how long") whose reading passes ``test``, with their readings; rows with none
    are left out."""
    readings = figure_readings(index)
    out: dict[int, list[tuple[Figure, Reading]]] = {}
    for row, figs in index.figures.items():
        kept = [
            (f, r) for f, r in zip(figs, readings[row]) if (not f.is_year or f.high is not None) and test(r)
        ]
        if kept:
            out[row] = kept
    return out


# ---------------------------------------------------------------- questions that ask for a figure


@dataclass(frozen=True)
class Asked:
    """What a figure question asks for: "How many tonnes …" -> mass; "By how much did … rise" -> a
    change of any dimension; "What does … cost" -> money; "How many soldiers" -> a count."""

    dimension: str | None  # None: any dimension (a change)
    change: bool  # asks by how much something changed
    label: str  # for messages: "tonnes", "cost", "change", the counted thing


def asked_figure(question: str) -> Asked | None:
    """The figure a question asks for, read with the language's question words; None for a
    question that does not ask for a figure."""
    folded = fold(question)

    def has(patterns: tuple[str, ...]) -> bool:
        return any(re.search(p, folded) for p in patterns)

    change = has(cues.QUESTION_CHANGE)
    amount = re.search(r"(?:" + "|".join(cues.QUESTION_AMOUNT) + r")\s+(?:de |d'|di |of |an )?(.*)", folded)
    if amount:
        words = re.findall(r"[^\W\d_][\w'-]*|%", amount.group(1))[:3]
        for n in (2, 1):
            key = " ".join(words[:n])
            if key in cues.UNITS and not (n == 1 and key in ("an", "a", "t", "l", "m", "g")):
                dimension = cues.UNITS[key][0]
                return Asked(dimension, change, key)
    if has(cues.QUESTION_DATA):
        return Asked("data", change, "data")
    if has(cues.QUESTION_PERCENT) or (amount and has(cues.QUESTION_RATE)):
        return Asked("percent", change, "percentage")
    if has(cues.QUESTION_DURATION):
        return Asked("duration", change, "duration")
    if has(cues.QUESTION_MONEY):
        return Asked("money", change, "cost")
    if change:
        return Asked(None, True, "change")
    if amount and re.search(
        r"(?:how many|wie ?viele|combien d|quant[ie] |cuant[oa]s |quant[oa]s |hoeveel )", folded
    ):
        return Asked("count", False, "count")
    much = re.search(r"(?:how much|wie ?viel|quant[oa]|cuant[oa])\s+([^\W\d_]+)", folded)
    if much and much.group(1) not in _NOT_A_NOUN and not much.group(1).endswith("er"):
        # "How much compensation …", „Wie viel Förderung …“: an amount of something not counted
        # (not "How much of …", "How much higher …", "How much did …", "How much time …")
        return Asked(MEASURE, False, "amount")
    return None


_NOT_A_NOUN = {
    "of", "time", "zeit", "tempo", "tiempo", "did", "does", "do", "has", "have", "had", "is", "was", "were",
    "can", "could", "will", "would", "more", "less", "mehr", "weniger", "hat", "haben", "ist", "sind",
    "war", "waren", "wird", "kann", "di", "de", "e", "es", "ha", "han", "foi", "costa", "cuesta", "custa",
}  # fmt: skip


MEASURE = "measure"  # an asked dimension: any but counts and durations (money, mass, percent …)
