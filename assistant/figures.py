"""Figures in German, English, French, Spanish, Italian, Portuguese and Dutch text: value, qualifier,
unit phrase and span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from .corpus import MONTH_NAMES
from .quantities import fold
from .words import NOT_UNITS, UNIT_STOPS, alternation

FIGURES_VERSION = "6"  # bump when extraction changes: indexes re-extract their stored figures


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


_SCALES = {
    "tausend": 1e3,
    "thousand": 1e3,
    "mille": 1e3,
    "mil": 1e3,
    "tsd": 1e3,
    "million": 1e6,
    "millionen": 1e6,
    "millions": 1e6,
    "mio": 1e6,
    "millón": 1e6,
    "millones": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "bn": 1e9,
    "milione": 1e6,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
    "milhão": 1e6,
    "milhões": 1e6,
    "miljoen": 1e6,
    "miljard": 1e9,
}
_WORDS = {
    # German
    "null": 0,
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "eins": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "hundert": 100,
    # English
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    # French
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "vingt": 20,
    "cent": 100,
    # Spanish
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "doce": 12,
    "veinte": 20,
    "cien": 100,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    # Italian
    "due": 2,
    "tre": 3,
    "quattro": 4,
    "cinque": 5,
    "sei": 6,
    "sette": 7,
    "otto": 8,
    "nove": 9,
    "dieci": 10,
    "undici": 11,
    "dodici": 12,
    "venti": 20,
    "trenta": 30,
    "quaranta": 40,
    "cinquanta": 50,
    "cento": 100,
    # Portuguese
    "um": 1,
    "uma": 1,
    "dois": 2,
    "duas": 2,
    "três": 3,
    "sete": 7,
    "oito": 8,
    "dez": 10,
    "doze": 12,
    "vinte": 20,
    "trinta": 30,
    "cem": 100,
    # Dutch
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "negen": 9,
    "tien": 10,
    "twaalf": 12,
    "twintig": 20,
    "honderd": 100,
}
# number words that are other words too (German „sei“, the name Otto, English "due", Portuguese
# „um“): a figure only before a unit, a scale or "percent" ("sei milioni", "due anni")
_AMBIGUOUS = {"sei", "otto", "due", "dez", "tien"}
# a half after the number ("two and a half years") or after its unit ("due anni e mezzo", "deux
# ans et demi", "dos años y medio"); German joins it: „dreieinhalb“, „anderthalb“
_HALF_AFTER_NUMBER = re.compile(r"\s+(?:and a half|en een half|und ein halb)\b", re.IGNORECASE)
_HALF_AFTER_UNIT = re.compile(
    r"\s+([^\W\d_]+)\s+(?:e mezz[oa]|et demie?|y medi[oa]|e mei[oa]|e meia)(?!\w)", re.IGNORECASE
)
_GERMAN_HALF = re.compile(
    r"(?<!\w)(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)einhalb(?!\w)|"
    r"(?<!\w)anderthalb(?!\w)",
    re.IGNORECASE,
)
# a half of a unit or a scale: „einen halben Prozentpunkt“, "half a percentage point", „eine halbe
# Million“, "mezzo punto", « un demi-point »; read only when a unit word or a scale follows
_HALF_OF = re.compile(
    r"(?<!\w)(?:(?:einen|eine|ein|einem|einer)\s+halbe[nmrs]?|halbe[nmrs]?|half\s+an?|mezz[oa]|"
    r"(?:un|une)\s+demi-?e?|medio|media|meio|meia|een\s+halve|een\s+half)\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
# a share in words, before "of"/„der“: „ein Viertel der befragten Iraker“ -> 25 %, "two thirds of"
_FRACTIONS = {
    25.0: "ein viertel|einem viertel|a quarter|one quarter|one in four|un quart|un quarto|un cuarto|"
    "um quarto|een kwart",
    50.0: "die hälfte|der hälfte|half|one half|la moitié|la metà|la mitad|a metade|de helft",
    100 / 3: "ein drittel|einem drittel|a third|one third|one in three|un tiers|un terzo|un tercio|"
    "um terço|een derde",
    200 / 3: "zwei drittel|two thirds|two-thirds|deux tiers|due terzi|dos tercios|dois terços|twee derde",
    75.0: "drei viertel|dreiviertel|three quarters|three-quarters|trois quarts|tre quarti|tres cuartos|"
    "três quartos|drie kwart",
}
_FRACTION = re.compile(
    r"(?<!\w)(" + "|".join(_FRACTIONS.values()) + r")(?=\s+(?:der|des|aller|von|vom|of|the|de|du|d['’]|"
    r"di|del|della|dei|degli|delle|dello|dos|das|da|do|van|dei)(?:\W))",
    re.IGNORECASE,
)
# words that are numbers and indefinite articles alike; alone they are read as articles
_ARTICLES = {"ein", "eine", "einer", "un", "une", "uno", "una", "um", "uma", "een"}
ARTICLES = frozenset(_ARTICLES)  # number words that are usually articles
NUMBER_WORDS = _WORDS  # number words of the languages read, to their values
_QUALIFIERS = [
    ("more_than", "mehr als|über|more than|over|plus de|más de|above|exceeding"),
    ("at_least", "mindestens|wenigstens|at least|au moins|al menos|no menos de"),
    ("up_to", "bis zu|up to|as many as|jusqu'à|jusqu’à|hasta"),
    ("less_than", "weniger als|unter|fewer than|less than|under|moins de|menos de"),
    (
        "about",
        "etwa|rund|ca\\.|circa|ungefähr|schätzungsweise|geschätzte|geschätzt|fast|knapp|"
        "beinahe|nahezu|about|around|approximately|roughly|some|nearly|almost|an estimated|"
        "estimated|environ|près de|presque|quelque|unos|unas|alrededor de|aproximadamente|casi|"
        "cerca de",
    ),
]
_QUAL_RE = {name: re.compile(rf"(?<!\w)(?:{alts})\s+$", re.IGNORECASE) for name, alts in _QUALIFIERS}
_WORD_NUM = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_SCALE = "|".join(sorted((re.escape(w) for w in _SCALES), key=len, reverse=True))
_SPACE = "[ \u00a0\u202f]"
_NUMBER = (
    rf"(?<![\w.,])(?:\d{{1,3}}(?:(?:[.,]|{_SPACE})\d{{3}})+(?![\d])(?:[.,]\d+)?"
    rf"|\d+(?:[.,]\d+)?)"
)
_GERMAN_COMPOUND = re.compile(
    r"(?<!\w)((?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|"
    r"vierzig|fünfzig|hundert)+)(tausend|hundert)(?!\w)",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    rf"(?P<num>{_NUMBER}|(?<!\w)(?:{_WORD_NUM})(?!\w))"
    rf"(?:{_SPACE}*(?:-|–|bis|to|à|a|and|und|et|y){_SPACE}*(?P<high>{_NUMBER}))?"
    rf"(?P<scale>{_SPACE}*(?:{_SCALE})\.?(?!\w))?"
    rf"(?P<pct>{_SPACE}*(?:%|Prozent|percent|per cent|pour cent|por ciento)(?!\w))?"
    rf"(?P<mm>-?(?:mm|km|cm|kg|t)(?!\w))?",
    re.IGNORECASE,
)
_HYPHEN_UNIT = re.compile(r"-([^\W\d_]+)(?![\w-])")
_BETWEEN = re.compile(r"(?:zwischen|between|entre)\s+$", re.IGNORECASE)
_DATE = re.compile(
    rf"\b\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}\b|\b\d{{1,2}}\.?\s+(?:{MONTH_NAMES})\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b",
    re.IGNORECASE,
)
# a unit phrase: up to three words, ending before a lower-case "and" or verb (words.UNIT_STOPS)
_UNIT = re.compile(
    rf"\s*((?:[^\W\d_][\w'’-]*)(?:\s+(?!(?:{alternation(UNIT_STOPS)})\b)[^\W\d_][\w'’-]*){{0,2}})"
)
_STOP_UNIT = re.compile(rf"^(?:{alternation(NOT_UNITS)})\b", re.IGNORECASE)


def parse_number(token: str) -> float:
    """Value of one number token: "12.000", "12 000", "12,000" -> 12000; "1,5" and "1.5" -> 1.5."""
    token = token.strip().lower()
    if token in _WORDS:
        return float(_WORDS[token])
    compact = re.sub(f"{_SPACE}", " ", token)
    if re.fullmatch(r"\d{1,3}(?:([., ])\d{3})+(?:[.,]\d+)?", compact):
        groups = re.match(r"\d{1,3}(?:([., ])\d{3})+", compact)
        sep = groups.group(1)
        rest = compact[groups.end() :]
        whole = groups.group(0).replace(sep, "")
        return float(whole + (("." + rest[1:]) if rest else ""))
    return float(compact.replace(",", "."))


def _german_compound(word: str) -> float | None:
    match = _GERMAN_COMPOUND.fullmatch(word)
    if not match:
        return None
    head = match.group(1).lower()
    value = _WORDS.get(head)
    if value is None:
        return None
    return float(value) * (1000 if match.group(2).lower() == "tausend" else 100)


def _qualifier(text: str, start: int) -> tuple[str, int]:
    before = text[max(0, start - 40) : start]
    for name, pattern in _QUAL_RE.items():
        match = pattern.search(before)
        if match:
            return name, start - (len(before) - match.start())
    return "exact", start


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
    if re.fullmatch(MONTH_NAMES, word, re.IGNORECASE) or word.lower() in _WORDS:
        return True
    plural = len(word) > 3 and word.lower().endswith("s")  # "2000 soldiers"
    return not (word[0].isupper() or plural)


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order. Dates, decades ("1970er") and model names ("M1989") are skipped.

    Passes run from the most specific form to the plainest, each blanking what it read, so a
    fraction („ein Drittel“) or a German compound („dreieinhalb“) is not read again as a numeral.
    """
    masked = list(text)
    for match in _DATE.finditer(text):
        for i in range(match.start(), match.end()):
            masked[i] = "#"
    work = "".join(masked)
    figures: list[Figure] = []
    for read in (_fractions, _german_halves, _halves_of, _german_compounds):
        work = read(text, work, figures)
    for match in _FIGURE.finditer(work):
        if figure := _numeral(text, work, match):
            figures.append(figure)
    return sorted(figures, key=lambda f: f.start)


def _fractions(text: str, work: str, figures: list[Figure]) -> str:
    """ "ein Drittel", "two thirds": shares in percent."""
    for match in _FRACTION.finditer(work):
        value = next(v for v, alts in _FRACTIONS.items() if re.fullmatch(alts, match.group(1), re.IGNORECASE))
        qual, qstart = _qualifier(text, match.start())
        if qual == "exact" and value % 25:  # "a third" is a rounded share
            qual = "about"
        figures.append(Figure(value, qual, "%", qstart, match.end(), text[qstart : match.end()]))
        work = _blank(work, match.start(), match.end())
    return work


def _german_halves(text: str, work: str, figures: list[Figure]) -> str:
    """„dreieinhalb“, „anderthalb“."""
    for match in _GERMAN_HALF.finditer(work):
        value = _WORDS[match.group(1).lower()] + 0.5 if match.group(1) else 1.5
        qual, qstart = _qualifier(text, match.start())
        unit = _unit(text, match.end())
        figures.append(Figure(value, qual, unit, qstart, match.end(), text[qstart : match.end()]))
        work = _blank(work, match.start(), match.end())
    return work


def _halves_of(text: str, work: str, figures: list[Figure]) -> str:
    """ "half a million", „eine halbe Tonne“: a half of a scale or a unit."""
    for match in _HALF_OF.finditer(work):
        scale = re.match(rf"({_SCALE})\.?(?!\w)", text[match.end() :], re.IGNORECASE)  # after the space
        value, end = 0.5, match.start() + len(match.group(0).rstrip())
        if scale:
            value, end = 0.5 * _SCALES[scale.group(1).lower()], match.end() + scale.end()
        unit = _unit(text, end)
        first = fold(unit.split()[0]) if unit else ""
        if not scale and (not _unit_follows(text, end) or cues.UNITS.get(first, ("",))[0] == "duration"):
            continue  # "in media": not a half of a unit; "half an hour", like „ein Jahr“, is not a figure
        qual, qstart = _qualifier(text, match.start())
        figures.append(Figure(value, qual, unit, qstart, end, text[qstart:end]))
        work = _blank(work, match.start(), end)
    return work


def _german_compounds(text: str, work: str, figures: list[Figure]) -> str:
    """„dreitausend“, „zweihundertfünfzig“."""
    for match in _GERMAN_COMPOUND.finditer(work):
        value = _german_compound(match.group(0))
        if value is not None:
            qual, qstart = _qualifier(text, match.start())
            unit = _unit(text, match.end())
            figures.append(Figure(value, qual, unit, qstart, match.end(), text[qstart : match.end()]))
            work = _blank(work, match.start(), match.end())
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
    half = _HALF_AFTER_NUMBER.match(text, end) if not match.group("high") else None
    if half:  # "two and a half years"
        value, end = value + 0.5, half.end()
    elif not (match.group("scale") or match.group("pct")) and (half := _HALF_AFTER_UNIT.match(text, end)):
        value += 0.5  # "due anni e mezzo": the unit is the word before the half
    high = parse_number(match.group("high")) if match.group("high") else None
    scale = 1.0
    if match.group("scale"):
        scale = _SCALES[match.group("scale").strip(" .\u00a0\u202f").lower()]
    value *= scale
    if high is not None:
        high *= scale
    if match.group("pct"):
        unit = "%"
    elif match.group("mm"):
        unit = match.group("mm").strip("-").lower()
    elif half and half.re is _HALF_AFTER_UNIT:
        unit = half.group(1)
    else:
        unit = _unit(text, end + 1 if hyphen_unit else end)
    qual, qstart = _qualifier(text, match.start())
    between = _BETWEEN.search(text[max(0, match.start() - 12) : match.start()])
    if high is not None or between:
        qual = "range"
        if between:
            qstart = match.start() - (min(12, match.start()) - between.start())
    year = _is_year_figure(text, match, unit, high is not None, scale)
    return Figure(value, qual, unit, qstart, end, text[qstart:end], high, year)


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
    lone_word = num.lower() in _WORDS and not (match.group("scale") or match.group("pct"))
    if lone_word and num.lower() in _ARTICLES:
        return False  # "un rapport", „ein Jahr später“: an article, not a count
    half_end = _HALF_AFTER_NUMBER.match(text, match.end())
    unit_follows = _unit_follows(text, half_end.end() if half_end else match.end())
    before_noun = num.lower() not in _AMBIGUOUS and re.match(r"\s+[A-ZÄÖÜ]|\s+\w+s\b", text[match.end() :])
    return not lone_word or bool(unit_follows or before_noun)


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
    match = _UNIT.match(text, end)
    if not match or _STOP_UNIT.match(match.group(1)):
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
