"""Numbers as news text writes them, per language: digits with their group separators, number
words, scales („Mio.“, "billion"), halves and fractions („dreieinhalb“, "two thirds"), and the
qualifiers before a figure ("more than", „rund“). ``figures`` reads figures with them."""

from __future__ import annotations

import re

from .words import alternation

SCALES = {
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
    # "a thousand millions": the Spanish and Portuguese billion („15 mil millones de dólares“)
    "mil millones": 1e9,
    "mil milhões": 1e9,
}
# Number words of one language that are another word in another: Portuguese „dos“ is "of the"
# („do governo dos EUA“), Spanish "dos" is two. Not numbers when the text is in that language.
NOT_NUMBER_WORDS = {"pt": ("dos",)}
NUMBER_WORDS = {
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
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
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
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "soixante": 60,
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
    "once": 11,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
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
    "tredici": 13,
    "quattordici": 14,
    "quindici": 15,
    "sedici": 16,
    "diciassette": 17,
    "diciotto": 18,
    "diciannove": 19,
    "venti": 20,
    "trenta": 30,
    "quaranta": 40,
    "cinquanta": 50,
    "sessanta": 60,
    "settanta": 70,
    "ottanta": 80,
    "novanta": 90,
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
    "quatro": 4,
    "treze": 13,
    "catorze": 14,
    "quarenta": 40,
    "sessenta": 60,
    "oitenta": 80,
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
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "twintig": 20,
    "honderd": 100,
}
# number words that are other words too (German „sei“, the name Otto, English "due", "once" and
# "seize"): a figure only before a unit, a scale or "percent" ("sei milioni", "due anni")
AMBIGUOUS = {"sei", "otto", "due", "dez", "tien", "once", "seize"}
# the number words of Italian and Dutch, whose plural nouns are lower case and end in a vowel or
# "-en" („cinque soldati“, „tre persone“, „vijf leden“): a lower-case word of that form after one
# of them is its noun
LOWER_CASE_PLURALS = frozenset(
    {
        *("tre", "quattro", "cinque", "sette", "nove", "dieci", "undici", "dodici", "tredici"),
        *("quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove", "venti"),
        *("trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta", "cento"),
        *("twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "elf", "twaalf", "dertien"),
        *("veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig", "dertig"),
        *("veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig", "honderd"),
    }
)
# Italian tens elide their vowel before a vowel: „vent'anni“, „trent'anni“, „quarant'ore“
ELIDED_TENS = {
    "vent": 20,
    "trent": 30,
    "quarant": 40,
    "cinquant": 50,
    "sessant": 60,
    "settant": 70,
    "ottant": 80,
    "novant": 90,
}
# a half after the number ("two and a half years") or after its unit ("due anni e mezzo", "deux
# ans et demi", "dos años y medio"); German joins it: „dreieinhalb“, „anderthalb“
HALF_AFTER_NUMBER = re.compile(r"\s+(?:and a half|en een half|und ein halb)\b", re.IGNORECASE)
HALF_AFTER_UNIT = re.compile(
    r"\s+([^\W\d_]+)\s+(?:e mezz[oa]|et demie?|y medi[oa]|e mei[oa]|e meia)(?!\w)", re.IGNORECASE
)
# the German number words that join the next word: „dreieinhalb“, „zweitägig“
GERMAN_JOINED = (
    "ein",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
)
GERMAN_HALF = re.compile(
    rf"(?<!\w)({'|'.join(GERMAN_JOINED)})einhalb(?!\w)|(?<!\w)anderthalb(?!\w)", re.IGNORECASE
)
# a half of a unit or a scale: „einen halben Prozentpunkt“, "half a percentage point", „eine halbe
# Million“, "mezzo punto", « un demi-point »; read only when a unit word or a scale follows
HALF_OF = re.compile(
    r"(?<!\w)(?:(?:einen|eine|ein|einem|einer)\s+halbe[nmrs]?|halbe[nmrs]?|half\s+an?|mezz[oa]|"
    r"(?:un|une)\s+demi-?e?|medio|media|meio|meia|een\s+halve|een\s+half)\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
# a share in words, before "of"/„der“: „ein Viertel der befragten Iraker“ -> 25 %, "two thirds of"
FRACTIONS = {
    25.0: "ein viertel|einem viertel|a quarter|one quarter|one in four|un quart|un quarto|un cuarto|"
    "um quarto|een kwart",
    50.0: "die hälfte|der hälfte|half|one half|la moitié|la metà|la mitad|a metade|de helft",
    100 / 3: "ein drittel|einem drittel|a third|one third|one in three|un tiers|un terzo|un tercio|"
    "um terço|een derde",
    200 / 3: "zwei drittel|two thirds|two-thirds|deux tiers|due terzi|dos tercios|dois terços|twee derde",
    75.0: "drei viertel|dreiviertel|three quarters|three-quarters|trois quarts|tre quarti|tres cuartos|"
    "três quartos|drie kwart",
}
# "the first half of the year" is a period, not a share
_PERIOD_HALF = "".join(
    rf"(?<!{w} )"
    for w in ("first", "second", "latter", "1st", "2nd", "ersten", "zweiten", "premiere", "première",
              "seconde", "prima", "seconda", "primera", "segunda", "primeira", "eerste", "tweede")
)  # fmt: skip
FRACTION = re.compile(
    rf"(?<!\w){_PERIOD_HALF}(" + "|".join(FRACTIONS.values()) + r")(?=\s+(?:der|des|aller|von|vom|of|the|de|"
    r"du|d['’]|di|del|della|dei|degli|delle|dello|dos|das|da|do|van|dei)(?:\W))",
    re.IGNORECASE,
)
# words that are numbers and indefinite articles alike; alone they are read as articles
ARTICLES = frozenset({"ein", "eine", "einer", "un", "une", "uno", "una", "um", "uma", "een"})
_QUALIFIERS = [
    (
        "more_than",
        "mehr als|über|more than|over|plus de|más de|above|exceeding|più di|oltre|mais de|meer dan|ruim",
    ),
    (
        "at_least",
        "mindestens|wenigstens|at least|au moins|al menos|no menos de|almeno|pelo menos|ten minste|minstens",
    ),
    ("up_to", "bis zu|up to|as many as|jusqu'à|jusqu’à|hasta"),  # not "fino a", "até", "tot": also "until"
    ("less_than", "weniger als|unter|fewer than|less than|under|moins de|menos de|meno di|minder dan"),
    (
        "about",
        "etwa|rund|ca\\.|circa|ungefähr|schätzungsweise|geschätzte|geschätzt|fast|knapp|"
        "beinahe|nahezu|about|around|approximately|roughly|some|nearly|almost|an estimated|"
        "estimated|environ|près de|presque|quelque|unos|unas|alrededor de|aproximadamente|casi|"
        "cerca de|quasi|intorno a|all'incirca|quase|por volta de|bijna|ongeveer|zo'n",
    ),
]
_QUAL_RE = {name: re.compile(rf"(?<!\w)(?:{alts})\s+$", re.IGNORECASE) for name, alts in _QUALIFIERS}
WORD_NUM = alternation(NUMBER_WORDS)
SPACE = "[ \u00a0\u202f]"
SCALE = alternation(SCALES).replace("\\ ", f"{SPACE}+")  # „mil millones“ with any space


def scale_of(word: str) -> float:
    """The factor of a scale word as matched („Mio.“, „mil\u00a0millones“)."""
    return SCALES[" ".join(word.strip(" .\u00a0\u202f").lower().split())]


NUMBER = (
    rf"(?<![\w.,])(?:\d{{1,3}}(?:(?:[.,]|{SPACE})\d{{3}})+(?![\d])(?:[.,]\d+)?"
    rf"|\d+(?:[.,]\d+)?)"
)
GERMAN_COMPOUND = re.compile(
    r"(?<!\w)((?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|"
    r"vierzig|fünfzig|hundert)+)(tausend|hundert)(?!\w)",
    re.IGNORECASE,
)


def parse_number(token: str) -> float:
    """Value of one number token: "12.000", "12 000", "12,000" -> 12000; "1,5" and "1.5" -> 1.5."""
    token = token.strip().lower()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    compact = re.sub(f"{SPACE}", " ", token)
    if re.fullmatch(r"\d{1,3}(?:([., ])\d{3})+(?:[.,]\d+)?", compact):
        groups = re.match(r"\d{1,3}(?:([., ])\d{3})+", compact)
        sep = groups.group(1)
        rest = compact[groups.end() :]
        whole = groups.group(0).replace(sep, "")
        return float(whole + (("." + rest[1:]) if rest else ""))
    return float(compact.replace(",", "."))


def german_compound(word: str) -> float | None:
    match = GERMAN_COMPOUND.fullmatch(word)
    if not match:
        return None
    head = match.group(1).lower()
    value = NUMBER_WORDS.get(head)
    if value is None:
        return None
    return float(value) * (1000 if match.group(2).lower() == "tausend" else 100)


def qualifier(text: str, start: int) -> tuple[str, int]:
    before = text[max(0, start - 40) : start]
    for name, pattern in _QUAL_RE.items():
        match = pattern.search(before)
        if match:
            return name, start - (len(before) - match.start())
    return "exact", start
