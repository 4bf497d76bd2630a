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
from .places import WIDER, places_ordered, wider_scope
from .quantities import fold, head_phrase
from .words import alternation


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
    "gestiegenen") or, in a German compound, its end („Umsatzrückgang“). A cue ending in "$" only
    as the whole word."""
    if cue.endswith("$"):
        return token == cue[:-1]
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
            if (sign := _sign(token)) and (distance <= cues.NEAR or not _near_only(token)):
                if best is None or distance < best[0]:
                    best = (distance, sign)
                break
    return best[1] if best else 0


@functools.cache
def _near_only(token: str) -> bool:
    """Is ``token`` a "more" or "less" word, a direction only next to its figure (``cues.NEAR_ONLY``)?"""
    return any(_cue_matches(token, cue) for cue in cues.NEAR_ONLY)


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


# a full stop inside a sentence ends an abbreviation or an ordinal („747 Mio. Pfund“, "Nr. 5",
# „16. März“, „inkl. Steuern“), not a clause: it ends one only after a word of four letters or more
_ABBREVIATED = "".join(
    rf"(?<!\b{w})"
    for w in (r"\w", r"\w\w", r"\w\w\w", "prof", "inkl", "exkl", "dipl", "evtl", "bspw", "bzgl")
)
CLAUSE_END = re.compile(rf"[;:!?]|,\s|\s[–—-]\s|{_ABBREVIATED}\.\s", re.IGNORECASE)
# modal words and direction words are looked for in the figure's clause: from the last clause
# boundary before it to the first after it, at most this many characters either side
WINDOW = 120


def _clause(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    hi = len(text) if hi is None else hi
    left = max(lo, start - WINDOW)
    before = text[left:start]
    cuts = [m.end() for m in CLAUSE_END.finditer(before)]
    c_start = left + cuts[-1] if cuts else left
    if not cuts and left > lo and text[left - 1].isalnum():
        c_start = min(start, left + len(re.match(r"\w*", before).group(0)))  # not from inside a word
    right = min(hi, end + WINDOW)
    after = CLAUSE_END.search(text, end, right)
    c_end = after.start() if after else right
    if not after and right < hi and text[right].isalnum():
        c_end = max(end, right - len(re.search(r"\w*$", text[end:right]).group(0)))
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


_AGE_BEFORE = re.compile(
    r"(?:im alter von|aged|at the age of|a l'age de|all'eta di|a la edad de|com a idade de|"
    r"op de leeftijd van|vieux de|vieille de|vieilles de|vecchi[oa] di|antic[oa] di)\s*$"
)


# "at" an age: „Mit 39 Jahren ist er der älteste“, „a los 39 años“, „aos 39 anos“, « à 39 ans, il »;
# not a sentence's length („mit fünf Jahren Haft“, "condannato a 5 anni di carcere")
_AGE_AT = re.compile(r"(?:a los|aos)\s*$")
_AT_BEFORE = re.compile(r"(?:^|\s)(?:mit|a|à)\s*$", re.IGNORECASE)
_AGE_AT_AFTER = re.compile(r"\s+(?:[Jj]ahren\s+(?![A-ZÄÖÜ])|[Jj]ahren\s*,|(?:ans|anni)\s*,)")


# an age without a unit: „mit 21“ before a verb and its pronoun subject („Schon mit 21 saß er …“),
# "at 21," opening a clause
_BARE_AGE_DE = re.compile(r"\s+[a-zäöüß]+\s+(?:er|sie)\b")
_BARE_AGE_EN = re.compile(r"(?:^|[,;]\s*|\.\s+)at\s*$", re.IGNORECASE)


def _bare_age(text: str, fig: Figure, before: str) -> bool:
    if (fig.unit and fig.unit.split()[0][0].isupper()) or not (
        fig.value.is_integer() and 1 <= fig.value <= 120
    ):
        return False
    german = re.search(r"(?:^|\s)mit\s*$", before, re.IGNORECASE) and _BARE_AGE_DE.match(text, fig.end)
    english = _BARE_AGE_EN.search(text[: fig.start]) and re.match(r"\s*,", text[fig.end :])
    return bool(german or english)


def _age_at(text: str, fig: Figure, before: str) -> bool:
    if _AGE_AT.search(fold(before)):
        return True
    return bool(_AT_BEFORE.search(before)) and bool(_AGE_AT_AFTER.match(text, fig.end))


def _per_adjective(before: str) -> str:
    """The period an amount's subject names as an adjective („Die monatlichen Kosten betragen
    2,99 Euro“ -> month), from the clause before the figure."""
    folded = fold(before)
    for per, stems in cues.PER_ADJECTIVE.items():
        if re.search(rf"(?<!\w)(?:{stems})\w*", folded):
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
    names = alternation(months)
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
    if (
        dim == "duration"
        and factor == 365
        and (_AGE_BEFORE.search(fold(before)) or _age_at(text, fig, before))
    ):
        dim, unit, factor = "age", "y", 1.0  # „im Alter von 81 Jahren“, "at the age of 81"
    elif dim == "count" and _bare_age(text, fig, before):
        dim, unit, factor = "age", "y", 1.0  # „Schon mit 21 saß er im Gemeinderat“, "At 21, he"
    sign = _nearest_direction(before, after) or _listed_change(text, lo, c_start, before)
    kind = _kind(before, sign)
    sign_value = 1 if kind == "level" else sign or 1
    folded = fold(clause)
    sentence = text[lo : (hi if hi is not None else len(text))]
    spans = [(f.start - c_start, f.end - c_start) for f in others if f is not fig and f.start != fig.start]
    ordered = places_ordered(sentence)
    thing = head_phrase(fig.unit) if dim == "count" else ""
    high = fig.high * factor * sign_value if fig.high is not None else None
    return Reading(
        dimension=dim,
        unit=unit,
        base=fig.value * factor * sign_value,
        base_high=high,
        per=_per(text[fig.end : c_end], before) or (_per_adjective(before) if dim == "money" else ""),
        thing=thing or _subject(before, after),
        kind=kind,
        sign=sign,  # a level keeps the direction that reached it ("rose to 5 percent", „sank auf …“)
        modality="expected" if _expected(clause, before) else "fact",
        places=frozenset(ordered) | ({WIDER} if wider_scope(clause) else frozenset()),
        place=ordered[0] if ordered else "",
        years=years_in(sentence),
        relative=_relative_time(folded, fig.start - c_start, fig.end - c_start, spans),
        factor=factor,
        span="part" if part_of_year(sentence) else "",
    )


def _listed_change(text: str, lo: int, c_start: int, before: str) -> int:
    """The direction of a change amount or a level listed after its verb's clause: „Dabei stiegen
    die Einnahmen in Schaden/Unfall um 0,8 Prozent, in der Krankensparte um 3,0 Prozent und …“,
    "è aumentato rispetto all'anno precedente, arrivando a 153.842" (the nearest direction word
    earlier in the sentence, when the figure follows a "by" or a "to" word)."""
    if _word_before(before) not in cues.CHANGE_BY + cues.LEVEL_TO or c_start <= lo:
        return 0
    return _nearest_direction(text[lo:c_start], "")


def _word_before(before: str) -> str:
    """The word right before a figure, folded ("um", "to"); "" for none."""
    prep = re.search(r"([^\W\d_]+)\s*$", before)
    return fold(prep.group(1)) if prep else ""


def _kind(before: str, sign: int) -> str:
    """A change ("um 2,4 Prozent gestiegen", "rose by") or a level ("auf 5 Prozent", "to 5 percent")."""
    prep_word = _word_before(before)
    if prep_word in cues.CHANGE_BY and sign:
        return "change"
    if prep_word in cues.LEVEL_TO:
        return "level"
    return "change" if sign else "level"


def _expected(clause: str, before: str) -> bool:
    """Is the figure expected, forecast or planned rather than stated as a fact?"""
    folded = fold(clause)
    tokens = [t for t in _tokens(clause) if t not in cues.NOT_EXPECTATION]
    expected = (
        _has_cue(tokens, folded, cues.EXPECTATION)
        or _has_cue(_tokens(before), fold(before), cues.EXPECTATION_BEFORE)
        or any(re.search(rf"(?<!\w){w}(?!\w)", clause.lower()) for w in cues.EXPECTATION_UNFOLDED)
    )
    if expected and re.search(r"\b(?:soll|sollen)\b.*\b(?:haben|sein)\b", folded):
        # „soll … gehabt haben“ reports a claim about the past, not a plan
        expected = _has_cue(tokens, folded, tuple(c for c in cues.EXPECTATION if not c.startswith("soll")))
    return expected


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
    if claim.kind != stated.kind and claim.dimension not in ("count", "duration", "age"):
        return f"a {stated.kind}, not a {claim.kind}"
    if stated.modality == "expected" and claim.modality == "fact":
        return "an expectation"  # an expectation is not evidence for an outcome
    if claim.place and WIDER in stated.places and claim.place not in stated.places:
        return "a wider scope than the claim's country"  # „Europaweit …“ against "in Germany"
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
