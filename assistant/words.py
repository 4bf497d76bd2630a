"""The small words of each supported language, written once, and the word lists made from them.

Each table below holds one grammatical role per ISO language: articles, conjunctions,
auxiliaries, prepositions, pronouns, question words, negation, and the words that add one
figure to another ("weitere 3.000", "another 3,000"). These are the language's grammar, not the
topics of a corpus. Every list that another module uses is derived here:

- ``FUNCTION_WORDS``: language detection's vote on short questions (``language``) and the
  assistant-question check (``untrusted``);
- ``NEGATION``: the polarity of a claim and a sentence (``check.entailment``), read in the text's
  own language, because a cue of one language is a content word of another (Italian "mai" is
  "never", German „Mai“ a month; Polish "nie" is "not", German „nie“ "never");
- ``SUM_CUES``, ``INCREMENT_BEFORE`` and ``INCREMENT_AFTER``: one figure added to another
  (``check.compare``);
- ``UNIT_STOPS``, ``NOT_UNITS`` and ``NAME_STOPS``: where a figure's unit phrase ends, which
  word is never a unit (``figures``), and which words of a source's name are not its name
  (``actors``);
- ``LINE_CONTINUES``: a hard-wrapped line that ends with one continues (``corpus``);
- ``GRAMMAR_WORDS``, ``QUESTION_OPENERS`` and ``OR_WORDS``: an answer that only repeats its
  question (``answer.gates``).

Figures are read without knowing the text's language, so the lists they use are
``language_blind``: a word of the wanted roles that has another role in some other language is
left out (Dutch "of" is "or", English "of" a preposition; "en" is Dutch "and" and French "in").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cues import UNITS


def _table(**by_language: str) -> dict[str, tuple[str, ...]]:
    """One role's words per language, written as a line of words; "de_plus" is the phrase "de plus"."""
    return {lang: tuple(w.replace("_", " ") for w in words.split()) for lang, words in by_language.items()}


ARTICLES = _table(
    de="der die das den dem des ein eine einer eines einem einen",
    en="the a an",
    fr="le la les un une des du l",
    es="el la los las un una unos unas lo",
    it="il lo la gli le un una",
    nl="de het een",
    pt="o os as um uma",
)
# "and" and "or": the words that join two figures or two units
CONJUNCTIONS = _table(de="und oder sowie", en="and or", fr="et ou", es="y o", it="e o", nl="en of", pt="e ou")
# "instead of": „80 statt bisher 40 Polizisten“ gives both figures the unit after the second
INSTEAD_OF = _table(
    de="statt anstatt anstelle_von",
    en="instead_of rather_than",
    fr="au_lieu_de",
    es="en_lugar_de en_vez_de",
    it="invece_di anziché",
    nl="in_plaats_van",
    pt="em_vez_de em_lugar_de",
)
AUXILIARIES = _table(
    de="ist sind war waren wurde wurden hat haben hatte wird werden kann können soll sollte muss gibt",
    en="is are was were has have had will would did does do be been can could should",
    fr="est sont était ont a été",
    es="es son era fue fueron han ha",
    it="è sono",
    nl="is zijn",
)
PREPOSITIONS = _table(
    de="mit für auf im in an am bei aus nach von vom zu zur zum über unter vor seit bis durch gegen ohne "
    "um als",
    en="of to for on in at by from as into about than with",
    fr="de pour sur dans au aux par selon avec",
    es="de del con para en al por según",
    it="di del della con per su nel al",
    nl="van met voor op in aan bij uit naar",
    pt="de do da",
)
PRONOUNS = _table(
    de="sich es er sie wir ihr ich du mir mich dir dich",
    en="this these those it he she they we you there their its i me my",
    fr="il elle ils nous vous ce cette ces leur",
    es="se su sus este esta estos",
)
# words that open a clause or a comparison: „dass“, "that", „so groß wie“
SUBORDINATORS = _table(de="dass wie", en="that", fr="que", es="que", it="che")
QUESTION_WORDS = _table(
    de="wie viele wer was wann wo warum welche welcher welches",
    en="how many much who what when where why which",
    fr="combien qui quoi quand où pourquoi quel quelle quels quelles",
    es="cuántos cuántas cuánto quién qué cuándo dónde cuál",
    it="quanti chi cosa quando dove perché quale",
    nl="hoeveel wie wat wanneer waar waarom welke",
)
# every word that opens a question for a fact, not a yes or no ("Woran ist X gestorben?"): a reply
# made only of such a question's own words answers nothing. Not a role of ``FUNCTION_WORDS``,
# whose shorter ``QUESTION_WORDS`` vote on a question's language.
OPEN_QUESTION_WORDS = _table(
    de="wie wer wen wem wessen was wann wo woher wohin woran wodurch womit wofür wovon worüber "
    "warum wieso weshalb welche welcher welches welchen welchem",
    en="how who whom whose what when where why which",
    fr="combien qui quoi quand où pourquoi comment quel quelle quels quelles lequel laquelle",
    es="cuántos cuántas cuánto cuánta quién quiénes qué cuándo dónde cómo cuál cuáles",
    it="quanti quante quanto quanta chi cosa quando dove perché come quale quali",
    nl="hoeveel wie wat wanneer waar waarom hoe welke welk",
    pt="quantos quantas quanto quanta quem que quando onde porque porquê como qual quais",
)
# "or": a question that offers choices („SPÖ oder ÖVP?“) may be answered with its own words
ALTERNATIVES = _table(de="oder", en="or", fr="ou", es="o u", it="o oppure", nl="of", pt="ou")
# "between": so does one that names the candidates („zwischen den Broncos und den Steelers“)
BETWEEN = _table(de="zwischen", en="between", fr="entre", es="entre", it="tra fra", nl="tussen", pt="entre")
# frequent words of no other role that settle a short question's language
OTHER = _table(
    de="aber hier auch noch nur schon sehr mehr stimmt",
    en="but more",
    fr="mais plus",
    es="pero más",
    it="ma",
    nl="maar",
)
# the words that say something is not so
NEGATION = _table(
    de="nicht kein keine keinen keiner nie niemals weder bestritten",
    en="not no never none nor n't denied denies",
    fr="ne pas jamais aucun aucune ni",
    es="no nunca ningún ninguna tampoco negaron",
    it="non mai nessun nessuno nessuna né negato negano",
    nl="niet geen nooit noch ontkend ontkende",
    pt="não nunca nenhum nenhuma nem negou negaram",
    pl="nie nigdy żaden żadna żadne ani zaprzeczył",
)
# a figure added to an earlier one: before it ("weitere 3.000 Soldaten") ...
ADDITION = _table(
    de="weitere weiteren zusätzliche zusätzlich",
    en="another additional further extra",
    fr="autres supplémentaires",
    es="otros otras adicionales",
    it="ulteriori",
    pt="outros outras adicionais",
)
# ... or after it ("3,000 more soldiers"; French "3 000 de plus")
MORE_AFTER = _table(de="mehr", en="more additional extra", fr="de_plus", es="más")
# a word right after a number that begins a place, purpose or whole, never the number's unit
NOT_A_UNIT_AFTER_NUMBER = _table(de="in im für von", en="in for of", fr="pour de des", es="para de del")
# "of": it joins a scale to its unit ("6 millones de euros", "2 millions of dollars")
OF = _table(de="von", en="of", fr="de des", es="de del", it="di", pt="de")
# before a number word that stands alone, a level it rose or fell to („auf zwölf gestiegen“)
LEVEL_BEFORE = _table(de="auf", en="to", nl="tot")
# a time of day, not a figure: the word after the hour („um 11 Uhr“, "at 11 a.m.", "18.30 Uhr")
CLOCK_AFTER = _table(de="uhr", en="o'clock a.m. p.m.")
# German writes an ordinal as digits and a dot: after an article or a contraction, „am 17. Tag“,
# „der 900. Grand Prix“, „im 3. Quartal“ name a rank, not a count
ORDINAL_DOT_BEFORE = _table(de="der die das den dem des am im vom zum zur beim")
# a figure's scope wider than any one country: „Europaweit will GE 6.500 Stellen streichen“ is no
# figure for Germany, whatever country the article names
WIDER_SCOPE = _table(
    de="weltweit europaweit eu-weit global",
    en="worldwide globally europe-wide eu-wide",
    fr="mondialement",
    es="mundialmente",
    it="mondialmente",
    nl="wereldwijd europabreed",
    pt="mundialmente",
)
# words that name a figure's source without being its name („laut dem neuen Bericht des WIFO“)
REPORT_WORDS = _table(
    de="neue neuen bericht studie daten zahlen umfrage erhebung untersuchung befragung analyse statistik "
    "angaben schatzung sein seine ihre",
    en="new latest recent report study data figures survey analysis statistics estimates poll",
    fr="rapport etude donnees chiffres sondage analyse statistiques enquete",
    es="informe estudio datos cifras encuesta estadisticas",
    it="rapporto studio dati cifre sondaggio statistiche indagine",
)

_ROLES = {
    "articles": ARTICLES,
    "conjunctions": CONJUNCTIONS,
    "auxiliaries": AUXILIARIES,
    "prepositions": PREPOSITIONS,
    "pronouns": PRONOUNS,
    "subordinators": SUBORDINATORS,
    "question_words": QUESTION_WORDS,
    "other": OTHER,
}


def words_of(*tables: dict[str, tuple[str, ...]], language: str | None = None) -> frozenset[str]:
    """The words of these roles in one language, or in every language when it is None."""
    return frozenset(
        w for table in tables for lang, words in table.items() if language in (None, lang) for w in words
    )


def language_blind(
    tables: tuple[dict[str, tuple[str, ...]], ...], unless: tuple[dict[str, tuple[str, ...]], ...]
) -> frozenset[str]:
    """The words of ``tables``' roles in any language, less those that are ``unless``' roles in some
    language, and less unit words ("l" is a French article and a litre; "an" a German preposition
    and a French year; "per" begins "per cent")."""
    unit_starts = {phrase.split()[0] for phrase in UNITS}  # "per cent"
    return words_of(*tables) - words_of(*unless) - unit_starts


# Only a language whose question words are listed votes on a question's language: with a few
# prepositions alone, Portuguese took "Who do gurus control?" ("do") from English.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: words_of(*_ROLES.values(), NEGATION, language=lang) for lang in QUESTION_WORDS
}
GRAMMAR_WORDS = words_of(*_ROLES.values())  # every language's, negation left out
QUESTION_OPENERS = words_of(OPEN_QUESTION_WORDS)
OR_WORDS = words_of(ALTERNATIVES, BETWEEN)
SUM_CUES = words_of(ADDITION) | {"plus"}  # "5.000 Soldaten plus 3.000 Reservisten"
INCREMENT_BEFORE = words_of(ADDITION)
INCREMENT_AFTER = words_of(MORE_AFTER)
# a unit phrase ends before "and" or a verb ("3.000 Tonnen Weizen und …"), but runs over a word
# that is a preposition or article elsewhere ("tonnes of oil": Dutch "of" is "or")
UNIT_STOPS = language_blind((CONJUNCTIONS, AUXILIARIES), unless=(PREPOSITIONS, ARTICLES, PRONOUNS))
_GRAMMAR = (ARTICLES, AUXILIARIES, PREPOSITIONS, PRONOUNS)
# after a number, "and", or a word that begins a place, purpose or whole: no unit ("2024 in Wien",
# "12 of the 27"). Not every preposition: "sei milioni di euro" reads its unit through "di".
NOT_UNITS = language_blind((CONJUNCTIONS,), unless=_GRAMMAR) | words_of(NOT_A_UNIT_AFTER_NUMBER)
# between two figures that share the second's unit („80 statt bisher 40 Polizisten“, „2 oder 3
# Tage“); not "of" ("3 of the 27 states": Dutch "of" is "or")
SHARED_UNIT_JOINS = language_blind((CONJUNCTIONS,), unless=_GRAMMAR) | words_of(INSTEAD_OF)
NAME_STOPS = words_of(ARTICLES, CONJUNCTIONS, PREPOSITIONS, PRONOUNS, SUBORDINATORS, REPORT_WORDS)
SCALE_OF_UNIT = words_of(OF)
# a line that ends with one of these continues on the next (text hard-wrapped at a fixed width)
LINE_CONTINUES = words_of(ARTICLES, CONJUNCTIONS, PREPOSITIONS, AUXILIARIES, SUBORDINATORS)


def alternation(words: Iterable[str]) -> str:
    """A regular expression's alternation of the words, longest first ("sowie weitere" before "sowie")."""
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))


def negation_cues(language: str | None) -> frozenset[str]:
    """The negation words of a language; of every language for None or a language without a list."""
    return words_of(NEGATION, language=language if language in NEGATION else None)
