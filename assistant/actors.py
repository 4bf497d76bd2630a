"""Whose figure and whose word: the names a claim shares with the corpus, the part of a sentence each
named actor owns, and the source a sentence cites ("laut …", "… zufolge")."""

from __future__ import annotations

import re

from . import cues
from .figures import Figure
from .places import places_in
from .quantities import fold
from .words import NAME_STOPS

# the parts of a sentence that each say one thing of one actor: clauses, and parts joined by "and"
# („Die PSOE kam auf 89 Sitze, Podemos stellt 65 und Ciudadanos 40 Sitze“ has three); a full stop
# inside a sentence ends an abbreviation („58 Mio. Euro“), not a part
# a colon between digits is part of a figure („3:03 Minuten“), not a segment's end
_SEGMENT_END = re.compile(
    r"[;!?]|:(?!\d)|,\s|\s[–—-]\s|\s(?:und|and|sowie|while|während|whereas|mentre|mientras|tandis|"
    r"alors|et|e|y|en|bzw|oder)\s",
    re.IGNORECASE,
)


_WORD = re.compile(r"[^\W\d_][\w-]*")  # as counted in the corpus: "Vienna's" is "Vienna" and "s"


RARE_DOCUMENTS = 0.01  # a word in at most this share of the articles (and at least 2) is a name


def document_words(text: str) -> set[str]:
    """The folded words of ``text``, as ``Index.word_documents`` counts them and names are looked up."""
    return {m.group(0).strip("-") for m in _WORD.finditer(fold(text))}


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 >= len(letters)  # ÖVP, PSOE, KFV; not „US-Nationalgardisten“


def claim_names(claim: str, rare) -> frozenset[str]:
    """The folded words of ``claim`` that name someone: capitalised, and an acronym („ÖVP“, "PSOE")
    or rare in the corpus (``rare``: folded word -> bool; „Kohlschreiber“, „Podemos“). Rarity is
    what tells a German name from a noun, and a name from a word two languages share („Bank“)."""
    names = set()
    for match in _WORD.finditer(claim):
        word = match.group(0).strip("-")
        if len(word) >= 2 and word[0].isupper() and (_acronym(word) or (len(word) > 2 and rare(fold(word)))):
            names.add(fold(word))
    return frozenset(names)


def figure_owners(
    names: frozenset[str], sentence: str, positions: list[int], exclude: frozenset[str]
) -> list[bool | None]:
    """Whose figure each figure of ``sentence`` (at ``positions``) is, against the claim's ``names``:
    True when its segment holds one of the names, False when another figure's segment does and its
    own does not („Die PSOE kam auf 89 Sitze, Podemos stellt 65“ for "Podemos won 89 seats": 89 is
    False, 65 True), None when the figures are in one part or no part with a figure holds one.
    ``exclude``: the figures' unit words, which name the thing counted, not an actor."""
    starts = [0, *(m.end() for m in _SEGMENT_END.finditer(sentence))]

    def segment(position: int) -> int:
        return max(i for i, s in enumerate(starts) if s <= position)

    named = {
        segment(m.start())
        for m in _WORD.finditer(sentence)
        if m.group(0)[0].isupper() and fold(m.group(0).strip("-")) in names - exclude
    }
    own = [segment(p) for p in positions]
    if len(set(own)) < 2 or not named & set(own):  # one part, or no part named: nothing to tell apart
        return [None] * len(positions)
    return [s in named for s in own]


def corpus_names(text: str, index) -> frozenset[str]:
    """``claim_names`` of ``text``, rare meaning in few of ``index``'s articles."""
    many = max(2, RARE_DOCUMENTS * len(index.documents))
    return claim_names(text, lambda w: index.word_documents.get(w, 0) <= many)


def owners_in(
    names: frozenset[str], index, row: int, figures: list[Figure], units: frozenset[str] = frozenset()
) -> list[bool | None]:
    """``figure_owners`` of ``figures`` in sentence ``row`` of ``index``; the unit words of its stored
    figures (years aside, whose "unit" is just the next words) and ``units`` are not names."""
    sentence = index.sentences[row]
    stored = (f for f in index.figures.get(row, []) if not f.is_year)
    exclude = units | {fold(w) for f in stored for w in f.unit.split()}
    return figure_owners(names, sentence.text, [f.start - sentence.start for f in figures], exclude)


_SOURCE_BEFORE = re.compile(
    r"(?:^|[\s,(])(?:"
    + "|".join(re.escape(w) for w in cues.ATTRIBUTION_BEFORE)
    + r")\s+(?P<src>[^,;:.]{2,80})",
    re.IGNORECASE,
)


_SOURCE_AFTER = re.compile(
    r"^(?P<src>[^,;:]{2,80}?)\s+(?:" + "|".join(re.escape(w) for w in cues.ATTRIBUTION_VERBS) + r")\b",
    re.IGNORECASE,
)


def source_of(claim: str) -> str:
    """The source a claim is attributed to ("According to the WIFO, …" -> "the WIFO"), or ""."""
    match = _SOURCE_BEFORE.search(claim) or _SOURCE_AFTER.match(claim.strip())
    if not match:
        return ""
    # the name ends before a figure, or at a lower-case word after a capitalised one (the verb in
    # „Laut Arbeiterkammer stiegen …“); articles and "of" do not end it
    kept: list[str] = []
    named = False
    for word in match.group("src").split():
        if any(ch.isdigit() for ch in word):
            break
        after_article = bool(kept) and fold(kept[-1]) in NAME_STOPS  # „des österreichischen AMS“
        if named and word[0].islower() and fold(word) not in NAME_STOPS and not after_article:
            break
        named = named or word[0].isupper()
        kept.append(word)
    return " ".join(kept)


def source_words(source: str) -> list[str]:
    """The words that name a source: "the Upper Austrian Chamber of Labour (AK)" -> its names."""
    words = re.findall(r"[^\W\d_][\w-]*", source)
    # a country ("the Austrian government") is matched as a place, not by its letters
    return [fold(w) for w in words if fold(w) not in NAME_STOPS and len(w) >= 3 and not places_in(w)]


def corpus_source(source: str, index) -> str:
    """The claimed source, if the articles can show it: a source named only in words no article
    uses („un sondage de la Chambre économique“, "Britse onderzoekers" against German articles that
    say „Wirtschaftskammer“) cannot be matched by its letters, so it is not required (""). A country
    is matched across languages and is kept."""
    if not source or places_in(source):
        return source
    words = source_words(source)
    return source if not words or any(_in_articles(w, index) for w in words) else ""


def _in_articles(word: str, index) -> bool:
    """Would ``names_source`` find ``word`` in some article?"""
    known = index.derived.setdefault("source_words", {})
    if word not in known:
        known[word] = _word_among(word, index.word_documents)
    return known[word]


def _word_among(word: str, tokens) -> bool:
    """Does a source's ``word`` stand among ``tokens``: a token starts with the first five letters
    of one of its parts, or contains a part of four letters or more (so „Wifo“, "WIFO" and
    „Wifo-Chef“ match)?"""
    parts = [p for p in word.split("-") if len(p) >= 3] or [word]
    return any(t.startswith(p[:5]) or (len(p) >= 4 and p in t) for p in parts for t in tokens)


def names_source(source: str, context: str) -> bool:
    """Does ``context`` (the figure's sentence and the one before) name the claimed source?

    By its words (a shared start of five letters, so „Wifo“ and "WIFO" and „Wifo-Chef“ match) or,
    across languages, by a country it names ("the Austrian government" and „Österreich“).
    """
    if not source or not (source_words(source) or places_in(source)):
        return True
    tokens = set(re.findall(r"[^\W\d_][\w]*", fold(context)))
    if any(_word_among(word, tokens) for word in source_words(source)):
        return True
    places = places_in(source)
    return bool(places and places & places_in(context))
