"""Gates on an answer's cited sentences: the country, the year and the actors asked about."""

from __future__ import annotations

import re

from ..actors import corpus_names, document_words, owners_in
from ..figures import values
from ..index import Index
from ..places import about_place, places_in, places_ordered, wider_scope
from ..quantities import fold
from ..readings import years_in
from ..retrieval import Hit
from ..words import GRAMMAR_WORDS, OR_WORDS, QUESTION_OPENERS
from .numbers import same_value


def about_asked_country(question: str, cited: list[Hit], index: Index, answer: str = "") -> bool:
    """A question about a country ("Quanti soldati ha inviato l'Iran?") is answered only from
    articles that name it: an answer about North Korea's soldiers is not one about Iran's, and a
    Europe-wide figure is not Germany's. The cited sentences that state the ``answer``'s figure
    are judged, if any do: a sentence about Germany cited beside „Europaweit … 6.500 Stellen“
    does not make the 6.500 Germany's."""
    asked = places_ordered(question)
    if not asked:
        return True
    cited = _giving(answer, cited, index) or cited
    # a sentence that gives its figure for the world or Europe is not about the country asked
    # („Europaweit will GE 6.500 Stellen streichen“ for "How many jobs will GE cut in Germany?")
    about = [
        False
        if wider_scope(h.text) and asked[0] not in places_in(h.text)
        else about_place(asked[0], h.row, index)
        for h in cited
    ]
    if True in about:
        return True
    if False in about:
        return False
    return any(asked[0] in places_in(f"{h.title} {index.documents[h.doc_id].text}") for h in cited)


def names_the_asked(question: str, answer: str, cited: list[Hit], index: Index) -> bool:
    """A figure question that names someone or something the corpus knows by name ("Quanto è
    costata la missione Rosetta con il lander Philae?") is answered only from articles that name
    it: „600 Euro“ from an article about an aircraft is no answer. The names are those
    ``actors.corpus_names`` finds (an acronym, or a capitalised word rare in the corpus) that at
    least one article uses. A question needs two of them to be judged: one may be a word the
    question's language shares with the corpus by chance ("United", "Festival" against articles
    that say „USA“ and „Festspiele“). The cited sentences that state the answer's figure are
    judged, if any do: an answer taken from one article is not saved by another cited beside it."""
    words = index.word_documents
    names = {n for n in corpus_names(question, index) if words.get(n, 0) > 0}
    if len(names) < 2:
        return True
    giving = _giving(answer, cited, index)
    return any(names & document_words(f"{h.title} {index.documents[h.doc_id].text}") for h in giving or cited)


def _giving(answer: str, cited: list[Hit], index: Index) -> list[Hit]:
    """The cited sentences that state a figure of the answer (none for an answer without one)."""
    stated = values(answer)
    return [
        h
        for h in cited
        if any(same_value(a, f.value) for f in index.figures.get(h.row, []) if not f.is_year for a in stated)
    ]


def about_asked_year(question: str, cited: list[Hit]) -> bool:
    """A question about a year ("How many text messages were sent in the third quarter of 2014?")
    is not answered from sentences that each name only other years („im 3. Quartal 2015 … 857
    Millionen SMS“, cited with „Seither werden SMS immer öfter verdrängt“). Sentences that name
    no year at all cannot contradict."""
    asked = years_in(question)
    if not asked or any(asked & years_in(h.text) for h in cited):
        return True
    return not any(years_in(h.text) for h in cited)


def another_actors(question: str, answer: str, cited: list[Hit], index: Index) -> bool:
    """Does every cited sentence give the answer's figure to another actor than the one the question
    names? "¿Cuántos escaños obtuvo el PSOE?" answered "65" from „Die PSOE kam auf 89 Sitze,
    Podemos stellt 65“: 65 is in the part without the PSOE while 89's part has it. False when the
    question names no one (``actors.claim_names``) or any sentence gives the figure to them."""
    names = corpus_names(question, index)
    stated = values(answer)
    if not names or not stated:
        return False
    verdicts = []
    for hit in cited:
        figs = [f for f in index.figures.get(hit.row, []) if not f.is_year]
        for fig, owner in zip(figs, owners_in(names, index, hit.row, figs)):
            if any(same_value(a, fig.value) for a in stated):
                verdicts.append(owner)
    return bool(verdicts) and all(v is False for v in verdicts)


def _part_of_a_longer_name(question: str, said: list[str]) -> bool:
    """Are the answer's words (``said``, folded) part of a longer name in the question, so that they
    name someone else: "Tesla" for "Who designed the systems that Tesla Electric Light &
    Manufacturing installed?" is the inventor, not the company."""
    named = [w.casefold() for w in said if w not in GRAMMAR_WORDS]
    runs = re.findall(r"[A-ZÀ-Þ][^\W_]*(?:\s+(?:&\s+)?[A-ZÀ-Þ][^\W_]*)*", question)
    return bool(named) and any(
        set(named) <= set(run.casefold().split()) and len(named) < len(re.findall(r"[^\W_]+", run))
        for run in runs
    )


def repeats_the_question(question: str, answer: str) -> bool:
    """Does the answer say nothing the question did not? „Robert Stigwood ist gestorben.“ for
    "Woran ist der Musikproduzent Robert Stigwood gestorben?" names no cause: the model, shown a
    sentence that says he died and not of what, made a statement out of the question.

    Every word of the answer is then a word of the question, inflected or not, or a grammar word
    of some language; a figure counts only if the question has it. Judged only for a question
    that asks for a fact (it has an open question word) and offers no choice: "Ist X gestorben?"
    is rightly answered „X ist gestorben“, "SPÖ oder ÖVP?" with „die SPÖ“, and "the winner between
    the Broncos and the Steelers" with „die Broncos“. A part of a longer name of the question is
    another name ("Tesla" of "Tesla Electric Light & Manufacturing").
    """
    asked = question.casefold()
    words = re.findall(r"[^\W_]+", asked)
    if not QUESTION_OPENERS.intersection(words) or OR_WORDS.intersection(words):
        return False
    said = re.findall(r"[^\W_]+", answer.casefold())
    if _part_of_a_longer_name(question, said):
        return False
    return bool(said) and all(
        w in words
        if w.isdigit()
        else w in GRAMMAR_WORDS or w in words or (len(w) >= 4 and w[: max(4, len(w) - 2)] in asked)
        for w in said
    )


# a run of two or more capitalised words that does not open a sentence: a name ("John Doe")
_NAME_RUN = re.compile(r"(?<![.!?:]\s)(?<=\s)([A-ZÀ-Þ][^\W\d_]{2,}(?:\s+[A-ZÀ-Þ][^\W\d_]{2,})+)")


def invented_name(question: str, answer: str, cited: list[Hit], index: Index) -> str:
    """A name of the answer that neither the question nor any cited article contains, if any:
    "John Doe" for a question whose article never names the young man. Only a name of two or
    more capitalised words none of which occurs, inflected or not (a shared stem of five
    letters), in the question or the cited articles: a single word may be a translation ("Vienna"
    for „Wien“), a country's name surely is ("the United States" for „USA“), and a name of which
    one word occurs is one the article spells its own way. On the stored answers of four gnad
    runs, the sample gold run and 188 XQuAD answers, "John Doe" was the only one found."""
    hay = fold(" ".join([question, *(f"{h.title} {index.documents[h.doc_id].text}" for h in cited)]))
    for run in _NAME_RUN.findall(answer):
        if not places_in(run) and all(fold(w)[:5] not in hay for w in run.split()):  # the stem, or the word
            return run
    return ""
