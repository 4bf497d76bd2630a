"""Figures in German, English, French and Spanish text: value, qualifier, unit phrase and span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .corpus import MONTH_NAMES

FIGURES_VERSION = "2"  # bump when extraction changes: indexes re-extract their stored figures


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
}
# words that are numbers and indefinite articles alike; alone they are read as articles
_ARTICLES = {"ein", "eine", "einer", "un", "une", "uno", "una"}
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
_BETWEEN = re.compile(r"(?:zwischen|between|entre)\s+$", re.IGNORECASE)
_DATE = re.compile(
    rf"\b\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}\b|\b\d{{1,2}}\.?\s+(?:{MONTH_NAMES})\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b",
    re.IGNORECASE,
)
_UNIT_STOP = (
    r"und|and|et|y|sowie|or|oder|were|was|are|is|have|has|had|will|would|haben|hat|hatte|wurden|"
    r"wurde|sind|ist|werden|sont|ont|été|son|han|fueron|fue"
)
_UNIT = re.compile(rf"\s*((?:[^\W\d_][\w'’-]*)(?:\s+(?!(?:{_UNIT_STOP})\b)[^\W\d_][\w'’-]*){{0,2}})")
_STOP_UNIT = re.compile(
    r"^(?:und|and|et|y|sowie|oder|or|in|im|für|for|pour|para|von|of|de|des|del)\b", re.IGNORECASE
)


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


def _is_year(num: str, value: float, following: str, preceding: str = "") -> bool:
    if not re.fullmatch(r"\d{4}", num) or not 1900 <= value <= 2100:
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
    """Every figure in ``text``, in order. Dates, decades ("1970er") and model names ("M1989") are skipped."""
    masked = list(text)
    for match in _DATE.finditer(text):
        for i in range(match.start(), match.end()):
            masked[i] = "#"
    work = "".join(masked)
    figures: list[Figure] = []
    for match in _GERMAN_COMPOUND.finditer(work):
        value = _german_compound(match.group(0))
        if value is not None:
            qual, qstart = _qualifier(text, match.start())
            unit = _unit(text, match.end())
            figures.append(Figure(value, qual, unit, qstart, match.end(), text[qstart : match.end()]))
            work = work[: match.start()] + "#" * (match.end() - match.start()) + work[match.end() :]
    for match in _FIGURE.finditer(work):
        num = match.group("num")
        if re.match(r"[\w-]", work[match.end("num") : match.end("num") + 1] or " ") and not (
            match.group("scale") or match.group("pct") or match.group("mm") or match.group("high")
        ):
            continue  # "1970er", "3D"
        lone_word = num.lower() in _WORDS and not (match.group("scale") or match.group("pct"))
        if lone_word and num.lower() in _ARTICLES:
            continue  # "Eine Raketenfabrik", "un rapport": an article, not a count
        if lone_word and not re.match(r"\s+[A-ZÄÖÜ]|\s+\w+s\b", text[match.end() :]):
            continue  # a number word alone counts only before a noun ("zwei Raketen", "two shells")
        value = parse_number(num)
        high = parse_number(match.group("high")) if match.group("high") else None
        scale = 1.0
        if match.group("scale"):
            scale = _SCALES[match.group("scale").strip(" .\u00a0\u202f").lower()]
        value *= scale
        if high is not None:
            high *= scale
        unit = ""
        if match.group("pct"):
            unit = "%"
        elif match.group("mm"):
            unit = match.group("mm").strip("-").lower()
        else:
            unit = _unit(text, match.end())
        qual, qstart = _qualifier(text, match.start())
        between = _BETWEEN.search(text[max(0, match.start() - 12) : match.start()])
        if high is not None or between:
            qual = "range"
            if between:
                qstart = match.start() - (min(12, match.start()) - between.start())
        year = (
            high is None
            and scale == 1.0
            and unit != "%"
            and _is_year(num, value, text[match.end() :], text[max(0, match.start() - 12) : match.start()])
        )
        figures.append(Figure(value, qual, unit, qstart, match.end(), text[qstart : match.end()], high, year))
    return sorted(figures, key=lambda f: f.start)


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
