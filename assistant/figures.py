"""Figures in German, English, French, Spanish, Italian, Portuguese and Dutch text: value, qualifier,
unit phrase and span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from .corpus import MONTH_NAMES
from .numerals import (
    AMBIGUOUS,
    ARTICLES,
    ELIDED_TENS,
    FRACTION,
    FRACTIONS,
    GERMAN_COMPOUND,
    GERMAN_HALF,
    GERMAN_JOINED,
    HALF_AFTER_NUMBER,
    HALF_AFTER_UNIT,
    HALF_OF,
    LOWER_CASE_PLURALS,
    NOT_NUMBER_WORDS,
    NUMBER,
    NUMBER_WORDS,
    SCALE,
    SPACE,
    WORD_NUM,
    german_compound,
    parse_number,
    qualifier,
    scale_of,
)
from .quantities import fold
from .words import (
    CLOCK_AFTER,
    CONJUNCTIONS,
    FUNCTION_WORDS,
    LEVEL_BEFORE,
    NOT_UNITS,
    ORDINAL_DOT_BEFORE,
    SCALE_OF_UNIT,
    SHARED_UNIT_JOINS,
    UNIT_STOPS,
    alternation,
    words_of,
)

FIGURES_VERSION = "17"  # bump when extraction changes: indexes re-extract their stored figures


@dataclass(frozen=True)
class Figure:
    """A number as stated: ``text[start:end]`` is the figure with its qualifier and scale word."""

    value: float
    qualifier: str  # "exact", "about", "more_than", "at_least", "up_to", "less_than", "range"
    unit: str  # the words after the number ("nordkoreanische Soldaten", "%", "mm")
    start: int
    end: int
    text: str
    high: float | None = None  # upper bound of a range
    is_year: bool = False


def _figure_pattern(to: str) -> re.Pattern:
    """A number, with a range's upper end after one of the words ``to``."""
    return re.compile(
        rf"(?P<num>{NUMBER}|(?<!\w)(?:{WORD_NUM})(?!\w))"
        rf"(?:{SPACE}*(?P<to>{to}){SPACE}*(?P<high>{NUMBER}))?"
        rf"(?P<scale>{SPACE}*(?:{SCALE})\.?(?!\w))?"
        rf"(?P<pct>{SPACE}*(?:%|Prozent|percent|per cent|pour cent|por ciento)(?!\w))?"
        rf"(?P<mm>-?(?:mm|km|cm|kg|t)(?!\w))?",
        re.IGNORECASE,
    )


_AND_RANGE = ("and", "und", "et", "y")  # a range only after "between": „zwischen 50 und 200“
_FIGURE = _figure_pattern("-|–|bis|to|à|a|" + "|".join(_AND_RANGE))
_FIGURE_NOT_AND = _figure_pattern("-|–|bis|to|à|a")
_HYPHEN_UNIT = re.compile(r"-([^\W\d_]+(?:-olds?)?)(?![\w-])")  # "26-month", "10-year-old"
_BETWEEN = re.compile(r"(?:zwischen|between|entre)\s+$", re.IGNORECASE)
_DATE = re.compile(
    rf"\b\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}\b|\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{MONTH_NAMES})\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\b(?:19|20)\d\d/(?:\d\d|(?:19|20)\d\d)\b",  # a school or fiscal year: „im Schuljahr 2013/14“
    re.IGNORECASE,
)
# a time of day („um 11 Uhr“, „18.30 Uhr“, "at 11 a.m."): masked like a date
_CLOCK = re.compile(
    rf"(?<![\d.,])(?:\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:-|–|bis|und|to|and)\s*)?"  # „zwischen 11 und 13 Uhr“
    rf"\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:{alternation(words_of(CLOCK_AFTER))})(?!\w)",
    re.IGNORECASE,
)
_ORDINAL = re.compile(rf"(?:^|\W)(?:{alternation(words_of(ORDINAL_DOT_BEFORE))})\s+$", re.IGNORECASE)
# a unit phrase: up to three words, ending before a lower-case "and" or verb (words.UNIT_STOPS)
_UNIT = re.compile(
    rf"\s*((?:[^\W\d_][\w'’-]*)(?:\s+(?!(?:{alternation(UNIT_STOPS)})\b)[^\W\d_][\w'’-]*){{0,2}})"
)
_STOP_UNIT = re.compile(rf"^(?:{alternation(NOT_UNITS)})\b", re.IGNORECASE)


def _blank(work: str, start: int, end: int) -> str:
    """``work`` with ``start:end`` hidden from the later patterns (same length, offsets kept)."""
    return work[:start] + "#" * (end - start) + work[end:]


def _year_number(num: str) -> bool:
    return re.fullmatch(r"\d{4}", num) is not None and 1900 <= float(num) <= 2100


def _is_year(num: str, following: str, preceding: str = "") -> bool:
    if not _year_number(num):
        return False
    if re.search(
        rf"(?:{MONTH_NAMES}|Jahr|Jahres|year|seit|since|Mitte|Ende|Anfang)\s*$", preceding, re.IGNORECASE
    ):
        return True
    nxt = re.match(r"\s*([^\W\d_]+)", following)
    if nxt is None:
        return True
    word = nxt.group(1)
    if re.fullmatch(MONTH_NAMES, word, re.IGNORECASE) or word.lower() in NUMBER_WORDS:
        return True
    plural = len(word) > 3 and word.lower().endswith("s")  # "2000 soldiers"
    return not (word[0].isupper() or plural)


def extract_figures(text: str, language: str | None = None) -> list[Figure]:
    """Every figure in ``text``, in order. Dates, times of day, German ordinals („am 17. Tag“),
    decades ("1970er") and model names ("M1989") are skipped. A ``language`` known for the text
    drops number words that are other words in it (Portuguese „dos“, "of the").

    Passes run from the most specific form to the plainest, each blanking what it read, so a
    fraction („ein Drittel“) or a German compound („dreieinhalb“) is not read again as a numeral.
    """
    masked = list(text)
    not_numbers = NOT_NUMBER_WORDS.get(language or "", ())
    for match in (
        *_DATE.finditer(text),
        *_CLOCK.finditer(text),
        *(re.finditer(rf"(?<!\w)(?:{alternation(not_numbers)})(?!\w)", text, re.I) if not_numbers else ()),
    ):
        for i in range(match.start(), match.end()):
            masked[i] = "#"
    work = "".join(masked)
    figures: list[Figure] = []
    for read in (
        _shares,
        _fractions,
        _german_halves,
        _halves_of,
        _german_compounds,
        _german_durations,
        _german_times,
        _elided_tens,
        _clock_durations,
    ):
        work = read(text, work, figures)
    pos = 0
    while match := _FIGURE.search(work, pos):
        if (match.group("to") or "").lower() in _AND_RANGE and not _BETWEEN.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            # „335, 338, 180, 50 und 200 waren es“: a list, not a range from 50 to 200
            match = _FIGURE_NOT_AND.match(work, match.start())
        if figure := _numeral(text, work, match):
            figures.append(figure)
        pos = match.end()
    return _shared_units(text, sorted(figures, key=lambda f: f.start))


# between two figures that share the second's unit: „80 statt bisher 40 Polizisten“, „2 oder 3
# Tage“, "5, 6 or 7 percent"; at most one word between connector and figure („bisher“, "previously")
_SHARES_UNIT = re.compile(
    rf"\s*(?:,|(?:,\s*)?(?:{alternation(SHARED_UNIT_JOINS)}))"
    r"(?:\s+[^\W\d_]+)?\s*$",
    re.IGNORECASE,
)


def _shared_units(text: str, figures: list[Figure]) -> list[Figure]:
    """A figure without a unit of its own takes the next figure's, when only "and", "or", "instead
    of" or a comma stand between them; not across a scale word („1,5 und 2 Millionen“ keeps 1,5),
    nor for years."""
    out = list(figures)
    joined = set()  # figures that took the next one's unit through "and", "or" or "instead of"
    for i in range(len(out) - 2, -1, -1):
        fig, nxt = out[i], out[i + 1]
        between = text[fig.end : nxt.start]
        own = fig.unit and not _SHARES_UNIT.match(f" {fig.unit}")
        if own or fig.is_year or nxt.is_year or not nxt.unit or fig.high is not None:
            continue
        if not _SHARES_UNIT.fullmatch(between) or re.search(rf"{SPACE}(?:{SCALE})", nxt.text, re.IGNORECASE):
            continue
        if between.strip() == "," and i + 1 not in joined:
            continue  # a comma alone joins a list that ends in "and": „242 von 422, 57 Prozent“ does not
        joined.add(i)
        out[i] = Figure(
            fig.value, fig.qualifier, nxt.unit, fig.start, fig.end, fig.text, fig.high, fig.is_year
        )
    return out


def _read(
    text: str,
    work: str,
    figures: list[Figure],
    value: float,
    unit: str,
    start: int,
    end: int,
    rounded: bool = False,
) -> str:
    """Adds the figure ``text[start:end]`` with the qualifier before it ("about" for a ``rounded``
    share stated as exact), and returns ``work`` with it hidden from the later passes."""
    qual, qstart = qualifier(text, start)
    if qual == "exact" and rounded:
        qual = "about"
    figures.append(Figure(value, qual, unit, qstart, end, text[qstart:end]))
    return _blank(work, start, end)


def _fractions(text: str, work: str, figures: list[Figure]) -> str:
    """ "ein Drittel", "two thirds": shares in percent."""
    for match in FRACTION.finditer(work):
        value = next(v for v, alts in FRACTIONS.items() if re.fullmatch(alts, match.group(1), re.IGNORECASE))
        # "a third" is a rounded share
        work = _read(text, work, figures, value, "%", match.start(), match.end(), rounded=bool(value % 25))
    return work


def _german_halves(text: str, work: str, figures: list[Figure]) -> str:
    """„dreieinhalb“, „anderthalb“."""
    for match in GERMAN_HALF.finditer(work):
        value = NUMBER_WORDS[match.group(1).lower()] + 0.5 if match.group(1) else 1.5
        work = _read(text, work, figures, value, _unit(text, match.end()), match.start(), match.end())
    return work


def _halves_of(text: str, work: str, figures: list[Figure]) -> str:
    """ "half a million", „eine halbe Tonne“: a half of a scale or a unit."""
    for match in HALF_OF.finditer(work):
        scale = re.match(rf"({SCALE})\.?(?!\w)", text[match.end() :], re.IGNORECASE)  # after the space
        value, end = 0.5, match.start() + len(match.group(0).rstrip())
        if scale:
            value, end = 0.5 * scale_of(scale.group(1)), match.end() + scale.end()
        unit = _unit(text, end)
        first = fold(unit.split()[0]) if unit else ""
        duration = cues.UNITS.get(first, ("",))[0] == "duration"
        if not scale and (
            not _unit_follows(text, end) or (duration and qualifier(text, match.start())[0] == "exact")
        ):
            # "in media": not a half of a unit; "half an hour", like „ein Jahr“, is not a figure,
            # but "nearly half an hour" („bijna een half uur“) is an amount
            continue
        work = _read(text, work, figures, value, unit, match.start(), end)
    return work


def _german_compounds(text: str, work: str, figures: list[Figure]) -> str:
    """„dreitausend“, „zweihundertfünfzig“."""
    for match in GERMAN_COMPOUND.finditer(work):
        value = german_compound(match.group(0))
        if value is not None:
            work = _read(text, work, figures, value, _unit(text, match.end()), match.start(), match.end())
    return work


# "two out of three", „zwei von drei“, « deux touristes sur trois », "dos de cada tres": a share
_SHARE = re.compile(
    rf"(?<!\w)(?P<a>{WORD_NUM})"
    rf"(?:\s+(?P<by>out of|in|von|de cada|em cada|op de)|(?:\s+[^\W\d_]+)?\s+(?:sur|su))"
    rf"\s+(?P<b>{WORD_NUM})(?!\w)",  # in words only: „6 von 10 Spielen“ is a count
    re.IGNORECASE,
)


def _shares(text: str, work: str, figures: list[Figure]) -> str:
    """ "two out of three", « deux touristes sur trois », „vier von zehn Kindern“: a share in
    percent, about (67 %)."""
    for match in _SHARE.finditer(work):
        a, b = (NUMBER_WORDS.get(match.group(k).lower(), 0) for k in ("a", "b"))
        if not 0 < a < b:
            continue
        if (match.group("by") or "").lower() == "von" and (
            a < 2 or not re.match(r"\s+[A-ZÄÖÜ]", text[match.end() :])
        ):
            continue  # „einer von drei Linien“ is one of them, „Platz fünf von sechs“ a rank
        value = round(100 * a / b, 1)
        work = _read(text, work, figures, value, "%", match.start(), match.end(), rounded=bool(value % 1))
    return work


# „zweitägig“, „dreiwöchige“, „sechsmonatigen“: a number word joined to a duration adjective
_GERMAN_DURATION = re.compile(
    rf"(?<!\w)({alternation(GERMAN_JOINED[1:])})(?=(?:sekünd|minüt|stünd|täg|wöch|monat)ig)", re.IGNORECASE
)


def _german_durations(text: str, work: str, figures: list[Figure]) -> str:
    """„einen zweitägigen Fährenstreik“: two days (the unit is the adjective, read by ``_unit``)."""
    for match in _GERMAN_DURATION.finditer(work):
        value = NUMBER_WORDS.get(match.group(1).lower())
        if value is not None:
            work = _read(text, work, figures, value, _unit(text, match.end()), match.start(), match.end())
    return work


# „Dreimal ist sie gefloppt“, „zehnmal so viel“, „die sechs-malige Grammy-Gewinnerin“: how many
# times (not „einmal“, also "once" and "again")
_GERMAN_TIMES = re.compile(
    rf"(?<!\w)({alternation(GERMAN_JOINED[1:])}|(?:drei|vier|fünf|sech|sieb|acht|neun)(?:zehn|zig)|zwanzig|"
    rf"dreißig|hundert)-?mal(?:ig\w*)?(?!\w)",
    re.IGNORECASE,
)


def _german_times(text: str, work: str, figures: list[Figure]) -> str:
    for match in _GERMAN_TIMES.finditer(work):
        value = NUMBER_WORDS.get(match.group(1).lower())
        if value is not None:
            work = _read(text, work, figures, value, "Mal", match.start(), match.end())
    return work


# a time taken, written as a clock: „3:03 Minuten Vorsprung“, „nach 8:14:40 Stunden“, "in 2:05 hours"
_CLOCK_DURATION = re.compile(r"(?<![\d:.,])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")


def _clock_durations(text: str, work: str, figures: list[Figure]) -> str:
    """„3:03 Minuten“ -> 3.05 minutes; „8:14:40 Stunden“ -> 8.24 hours (the unit names the first part)."""
    for match in _CLOCK_DURATION.finditer(work):
        if not _unit_follows(text, match.end()):
            continue
        parts = [int(g) for g in match.groups() if g is not None]
        value = round(sum(p / 60**i for i, p in enumerate(parts)), 4)
        work = _read(text, work, figures, value, _unit(text, match.end()), match.start(), match.end())
    return work


_ELIDED = re.compile(rf"(?<!\w)({alternation(ELIDED_TENS)})['’](?=[aeiouàèéìòù])", re.IGNORECASE)


def _elided_tens(text: str, work: str, figures: list[Figure]) -> str:
    """„dopo oltre vent'anni al potere“: an Italian ten with its vowel elided before the unit."""
    for match in _ELIDED.finditer(work):
        value = ELIDED_TENS[match.group(1).lower()]
        work = _read(text, work, figures, value, _unit(text, match.end()), match.start(), match.end())
    return work


def _numeral(text: str, work: str, match: re.Match) -> Figure | None:
    """A number in digits or a number word, with its scale, range, half, unit and qualifier."""
    num = match.group("num")
    hyphen_unit = _HYPHEN_UNIT.match(text, match.end("num"))  # "a 26-month prison term"
    if hyphen_unit and fold(hyphen_unit.group(1)) not in cues.UNITS:
        hyphen_unit = None
    if not _counts_as_figure(text, work, match, bool(hyphen_unit)):
        return None
    value = parse_number(num)
    end = match.end()
    half = HALF_AFTER_NUMBER.match(text, end) if not match.group("high") else None
    if half:  # "two and a half years"
        value, end = value + 0.5, half.end()
    elif not (match.group("scale") or match.group("pct")) and (half := HALF_AFTER_UNIT.match(text, end)):
        value += 0.5  # "due anni e mezzo": the unit is the word before the half
    high = parse_number(match.group("high")) if match.group("high") else None
    scale = 1.0
    if match.group("scale"):
        scale = scale_of(match.group("scale"))
    value *= scale
    if high is not None:
        high *= scale
    if match.group("pct"):
        unit = "%"
    elif match.group("mm"):
        unit = match.group("mm").strip("-").lower()
    elif half and half.re is HALF_AFTER_UNIT:
        unit = half.group(1)
    else:
        unit = _unit(text, end + 1 if hyphen_unit else end)
    qual, qstart = qualifier(text, match.start())
    between = _BETWEEN.search(text[max(0, match.start() - 12) : match.start()])
    if high is not None or between:
        qual = "range"
        if between:
            qstart = match.start() - (min(12, match.start()) - between.start())
    year = _is_year_figure(text, match, unit, high is not None, scale)
    return Figure(value, qual, unit, qstart, end, text[qstart:end], high, year)


# a match result: two small whole numbers, the second after a colon, or after a dash and smaller
_SCORE = re.compile(r"(\d{1,2})(?:(:)|\s?[-–]\s?)(\d{1,2})(?![\d.,%:])")


def _is_score(text: str, start: int) -> bool:
    """„7:2“, „2:6,6:2“, "a 7-2 win", "3-1" (not a range, which rises: „5-7 Tage“); also the second
    number of a colon pair."""
    if re.search(r"\d:$", text[max(0, start - 3) : start]):
        return True
    match = _SCORE.match(text, start)
    if not match:
        return False
    if match.group(2) == ":":  # „3:03 Minuten Vorsprung“, „nach 8:14:40 Stunden“ are times taken
        return not _unit_follows(text, re.match(r"[\d:]*", text[match.end() :]).end() + match.end())
    return int(match.group(3)) < int(match.group(1))


def _counts_as_figure(text: str, work: str, match: re.Match, hyphen_unit: bool) -> bool:
    """Not "1970er", "3D" or "a 10-year-old"; not an article („eine Raketenfabrik“); a number word
    alone only before a noun or a unit ("zwei Raketen", "two shells")."""
    num = match.group("num")
    if (
        re.match(r"[\w-]", work[match.end("num") : match.end("num") + 1] or " ")
        and not (match.group("scale") or match.group("pct") or match.group("mm") or match.group("high"))
        and not hyphen_unit
    ):
        return False
    if re.match(r"\.\s+\w", text[match.end("num") : match.end("num") + 3]) and _ORDINAL.search(
        text[max(0, match.start() - 8) : match.start()]
    ):
        return False  # „am 17. Tag“: a rank
    if _names_a_label(text, match):
        return False  # „ORF 2“, "Windows 10": part of a name
    if _is_score(text, match.start()):
        return False  # a result: „7:2-Heimsieg“, "won 3-1" (a range rises: „5-7 Tage“)
    lone_word = num.lower() in NUMBER_WORDS and not (match.group("scale") or match.group("pct"))
    if lone_word and num.lower() in ARTICLES:
        return False  # "un rapport", „ein Jahr später“: an article, not a count
    half_end = HALF_AFTER_NUMBER.match(text, match.end())
    unit_follows = _unit_follows(text, half_end.end() if half_end else match.end())
    before_noun = num.lower() not in AMBIGUOUS and (
        re.match(r"\s+[A-ZÄÖÜ]|\s+\w+s\b", text[match.end() :])
        or _plural_after_modifiers(text, match.end())
        or (num.lower() in LOWER_CASE_PLURALS and _plural_noun(text, match.end()))
    )
    # „ist auf zwölf gestiegen“, "rose to twelve": a level after "to", before no noun
    level = (
        lone_word
        and NUMBER_WORDS.get(num.lower(), 0) > 1
        and _LEVEL_BEFORE.search(text[max(0, match.start() - 6) : match.start()])
    )
    return not lone_word or bool(unit_follows or before_noun or level)


_AND_OR = words_of(CONJUNCTIONS)


def _names_a_label(text: str, match: re.Match) -> bool:
    """Is a plain number part of a name: after a capitalised word inside the sentence, before no
    noun or unit, but at the sentence's end or before a small word („ORF 2 die Salzburger
    Festspiele“, "upgraded to Windows 10.", "Super Bowl 50 was"; not "all'Ungheria 80 poliziotti")?
    Not a count after a name in a list („Podemos 65 und Ciudadanos 40 Sitze“, „und Samsung 3.“)
    or after another figure of the sentence, nor a year or a number with a thousands separator
    („Wien 18.478“)."""
    num = match.group("num")
    if (
        not num.isdigit()
        or re.fullmatch(r"1\d{3}|20\d\d", num)
        or any(match.group(g) for g in ("high", "scale", "pct", "mm"))
    ):
        return False
    if re.search(r"\d", re.split(r"[.!?]\s+(?=[A-ZÄÖÜ])", text[: match.start()])[-1]):
        return False  # „114 Anfragen gestellt, von der ÖVP 50.“: a count, its noun left out
    word = re.search(r"(?<![\w-])([A-ZÄÖÜ][\w-]*)\s+$", text[max(0, match.start() - 40) : match.start()])
    if word is None or qualifier(text, match.start())[0] != "exact":
        return False
    lead = text[: match.start() - len(word.group(0))].rstrip()
    if not lead or lead[-1] in '.!?:;,"„“«»(–—' or fold(word.group(1)) in cues.UNITS:
        return False  # a capitalised sentence start („Insgesamt 500“), a list, a unit („Euro 5“)
    if fold(lead.rsplit(None, 1)[-1]) in _AND_OR:
        return False  # „… iPhones und Samsung 3.“: a count, its noun left out
    if re.fullmatch(MONTH_NAMES, word.group(1), re.IGNORECASE):
        return False
    after = re.match(r"\s*(?:([.!?;)])|([^\W\d_][\w-]*))", text[match.end() :])
    if after is None or (after.group(1) is None and _unit_follows(text, match.end())):
        return False
    # before a small word, not a noun ("80 poliziotti" counts police officers) nor "of" („Rajoy
    # 119 von 350 Mandaten“)
    return bool(after.group(1)) or (fold(after.group(2)) in _SMALL_WORDS - _AND_OR - SCALE_OF_UNIT)


_LEVEL_BEFORE = re.compile(rf"(?<!\w)(?:{alternation(words_of(LEVEL_BEFORE))})\s+$", re.IGNORECASE)


_SMALL_WORDS = frozenset().union(*FUNCTION_WORDS.values())


def _plural_after_modifiers(text: str, end: int) -> bool:
    """ "six refugee reception centres": a plural noun after one or two nouns that modify it."""
    match = re.match(r"\s+([a-z]+)(?:\s+([a-z]+))?\s+([a-z]{4,}s)\b", text[end : end + 80])
    return bool(match) and not any(w in _SMALL_WORDS or w in NUMBER_WORDS for w in match.groups() if w)


# a plural noun of a language that writes nouns in lower case and ends plurals in a vowel or
# "-en": „cinque soldati“, „tre persone“, „vijf leden“
_LOWER_PLURAL = re.compile(r"\s+([a-zàèéìòù]{3,}(?:i|e|en))\b")


def _plural_noun(text: str, end: int) -> bool:
    match = _LOWER_PLURAL.match(text, end)
    return bool(match) and match.group(1) not in _SMALL_WORDS and match.group(1) not in NUMBER_WORDS


def _is_year_figure(text: str, match: re.Match, unit: str, is_range: bool, scale: float) -> bool:
    """A year ("2024"), or a range of two years („zwischen 2010 und 2015“): a period, not a figure."""
    num = match.group("num")
    if not is_range:
        before = text[max(0, match.start() - 12) : match.start()]
        return scale == 1.0 and unit != "%" and _is_year(num, text[match.end() :], before)
    return (
        scale == 1.0
        and not match.group("pct")
        and all(_year_number(n) for n in (num, match.group("high")))
        and fold(unit.split()[0] if unit else "") not in cues.UNITS
    )


def _unit_follows(text: str, end: int) -> bool:
    """Is the figure followed by a unit word („Jahre“, "percentage points", "anni")?"""
    match = re.match(r"\s+([^\W\d_][\w'’-]*)(?:\s+([^\W\d_][\w'’-]*))?", text[end : end + 60])
    if not match:
        return False
    first = fold(match.group(1)).strip(".,;:")
    two = f"{first} {fold(match.group(2)).strip('.,;:')}" if match.group(2) else ""
    return two in cues.UNITS or (first in cues.UNITS and len(first) > 2)


def _unit(text: str, end: int) -> str:
    """The unit phrase after a figure; none when it begins with a word that is never a unit
    ("2024 in Wien", "3 of the 27"), unless a unit word follows that word ("6 millones de euros",
    "2 millions of dollars", like "sei milioni di euro"; not "853.382 im Jahr")."""
    match = _UNIT.match(text, end)
    if not match:
        return ""
    stop = _STOP_UNIT.match(match.group(1))
    if stop and not (
        stop.group(0).lower() in SCALE_OF_UNIT and _unit_follows(text, match.start(1) + stop.end())
    ):
        return ""
    return match.group(1)


def values(text: str) -> set[float]:
    """The numeric values stated in ``text`` (both ends of ranges), years included."""
    out: set[float] = set()
    for fig in extract_figures(text):
        out.add(fig.value)
        if fig.high is not None:
            out.add(fig.high)
    return out
