"""What a figure measures, read from its sentence; no model, no index."""

from __future__ import annotations

import pytest

from assistant.actors import claim_names, figure_owners, names_source, source_of
from assistant.figures import extract_figures
from assistant.places import places_in, wider_scope
from assistant.quantities import quantity_of
from assistant.readings import comparable, masked, read


def reading(text: str, which: int = 0):
    figs = [f for f in extract_figures(text) if not f.is_year]
    return read(figs[which], text, others=tuple(figs))


# ---------------------------------------------------------------- the lexicon's old misreadings


@pytest.mark.parametrize(
    ("word", "wrong"),
    [
        ("Ausschuss", "ammunition"),
        ("Überschuss", "ammunition"),
        ("Haushaltsausschuss", "ammunition"),
        ("Erdgeschoss", "ammunition"),
        ("Wahlkämpfer", "soldiers"),
        ("Kraftwerke", "factories"),
    ],
)
def test_compounds_that_are_other_words_are_not_read_by_their_end(word, wrong):
    assert quantity_of(word, "de") != wrong


@pytest.mark.parametrize(
    ("word", "right"),
    [
        ("Artilleriegranaten", "ammunition"),
        ("Artilleriegeschosse", "ammunition"),
        ("Mehrfachraketenwerfer", "launchers"),
        ("Panzerhaubitzen", "howitzers"),
        ("Kämpfer", "soldiers"),
    ],
)
def test_compounds_named_by_their_end_still_are(word, right):
    assert quantity_of(word, "de") == right


def test_the_check_works_without_the_lexicon(monkeypatch):
    from assistant import quantities

    monkeypatch.setenv("FACTCHECK_QUANTITY_LEXICON", "off")
    quantities._data.cache_clear()
    quantities._folded_lexicon.cache_clear()
    try:
        assert quantity_of("Artilleriegranaten", "de") is None
        assert reading("Die Mieten sind um 2,4 Prozent gestiegen.").dimension == "percent"
    finally:
        quantities._data.cache_clear()
        quantities._folded_lexicon.cache_clear()


# ---------------------------------------------------------------- dimension, unit, thing


@pytest.mark.parametrize(
    ("text", "dimension", "unit", "base"),
    [
        ("Die Mieten sind um 2,4 Prozent gestiegen.", "percent", "%", 2.4),
        ("Die Quote stieg um 0,4 Prozentpunkte.", "points", "pp", 0.4),
        ("Der Gewinn betrug 1,2 Milliarden Euro.", "money", "EUR", 1.2e9),
        ("The deal was worth $5 million.", "money", "USD", 5e6),
        ("Das Werk produzierte 120.000 Tonnen Stahl.", "mass", "kg", 1.2e8),
        ("Es wurden 3,5 Millionen Liter Treibstoff verkauft.", "volume", "l", 3.5e6),
        ("Er wurde zu drei Jahren Haft verurteilt.", "duration", "d", 3 * 365),
        ("Il a été condamné à 18 mois de prison.", "duration", "d", 18 * 30),
        ("Il fatturato è cresciuto del 5 per cento.", "percent", "%", 5),
        ("Die Strecke ist 12 Kilometer lang.", "length", "m", 12_000),
        ("12 000 nordkoreanische Soldaten kämpfen an der Seite Russlands.", "count", "", 12_000),
        # a German adjective of duration (gnad-dev: „eine 23-sekündige Animation“ was no figure)
        ("Die NASA hat eine 23-sekündige Animation zusammengestellt.", "duration", "d", 23 / 86400),
        ("Nach der 90-minütigen Debatte stimmten sie ab.", "duration", "d", 90 / 1440),
        ("Les fichiers saisis représentaient 3,62 gigaoctets.", "data", "B", 3.62e9),  # was a count
        ("Die Seeleute haben einen zweitägigen Fährenstreik begonnen.", "duration", "d", 2),
    ],
)
def test_dimension_unit_and_base_value(text, dimension, unit, base):
    r = reading(text)
    assert (r.dimension, r.unit) == (dimension, unit)
    assert r.base == pytest.approx(base)


def test_a_rate_has_its_denominator():
    assert reading("Ein Parkschein kostet 2,10 Euro pro Stunde.").per == "hour"
    assert reading("Erlaubt sind 130 km/h.").per == "hour"
    assert reading("Der Verbrauch liegt bei 80 Litern pro Kopf und Jahr.").per == "person"
    assert reading("Die Preise stiegen um 2 Prozent im Jahr 2015.").per == ""  # a year, not a rate
    # an amount's period named as an adjective of its subject
    assert reading("Die monatlichen Kosten betragen 2,99 Euro.").per == "month"
    assert reading("The annual fee is 50 euros.").per == "year"
    assert reading("Der Jahresbericht nennt Kosten von 5 Euro.").per == ""
    assert reading("Die jährliche Inflation lag bei 2 Prozent.").per == ""  # only for amounts of money


def test_the_thing_measured():
    assert reading("Die Mieten sind um 2,4 Prozent gestiegen.").thing == "Mieten"
    assert reading("18 Prozent der Arbeiter haben einen All-in-Vertrag.").thing == "Arbeiter"
    assert reading("Nordkorea schickte 12.000 Soldaten.").thing == "Soldaten"


# ---------------------------------------------------------------- direction, modality, time, place


def test_direction_and_kind():
    rise = reading("Die Mieten sind um 2,4 Prozent gestiegen.")
    assert (rise.kind, rise.sign, rise.base) == ("change", 1, 2.4)
    assert reading("Unicredit hat seit Jahresbeginn 20 Prozent an Wert eingebüßt.").sign == -1
    fall = reading("Les loyers ont baissé de 2 %.")
    assert (fall.kind, fall.sign, fall.base) == ("change", -1, -2)
    level = reading("Die Arbeitslosenquote stieg um 0,4 Prozentpunkte auf 9,1 Prozent.", 1)
    assert (level.kind, level.sign) == ("level", 1)  # the level that the rise reached
    # a qualifier ("mehr als", "more than") is not a rise
    assert reading("Mehr als 11.000 Soldaten kämpfen.").sign == 0
    assert reading("More than 18 percent of workers have one.").kind == "level"


def test_direction_of_verbs_in_several_words():
    # a German separable verb: the particle ends the clause
    assert reading("MPS-Aktien gaben seit Jahresbeginn 40 Prozent nach.").sign == -1
    assert reading("Der Umsatz legte um 3 Prozent zu.").sign == 1
    assert reading("Die Zahl ging 2015 um 4 Prozent zurück, sagte er.").sign == -1
    assert reading("Die Gäste gaben 40 Euro aus.").sign == 0  # not a particle of change
    up = reading("It would push unemployment up by 0.23 percentage points.")
    assert (up.kind, up.sign) == ("change", 1)
    assert reading("Exports went down by 3 percent.").sign == -1


def test_a_stem_that_begins_other_words_is_no_direction_there():
    # Italian „perso“ (lost) begins „persone“, English "surge" begins "surgery"
    assert reading("Nell'incidente sono morte tre persone.").kind == "level"
    assert reading("5 surgery patients were sent home.").kind == "level"
    assert reading("Sales surged 5 percent.").sign == 1
    assert reading("Il partito ha perso 5 seggi.").sign == -1
    # „Einstieg“ is an entry and „Atomausstieg“ an exit, not a rise
    assert reading("Der Atomausstieg kostet 5 Milliarden Euro.").kind == "level"


def test_the_thing_is_never_a_word_cut_by_the_window():
    text = (
        "US-Präsident Barack Obama hat Versäumnisse der europäischen Verbündeten als eine der Ursachen "
        "für die Krise in Libyen nach dem Sturz von Machthaber Muammar Gaddafi vor knapp fünf Jahren "
        "verantwortlich gemacht."
    )
    assert reading(text).thing == "Verbündeten"


def test_every_year_is_a_rate():
    assert reading("Brasilien hat jedes Jahr rund 1,5 Millionen Hektar Wald verloren.").per == "year"
    assert reading("Ogni anno arrivano 5.000 persone.").per == "year"


def test_whose_figure_within_a_sentence():
    sentence = "Die PSOE kam auf 89 Sitze, Podemos stellt 65 und Ciudadanos 40 Sitze."
    spots = [sentence.index(n) for n in ("89", "65", "40")]
    rare = {"podemos", "kohlschreiber", "mathieu"}.__contains__
    names = claim_names("Podemos won 89 of the 350 seats in Spain's December election.", rare)
    assert "podemos" in names
    assert figure_owners(names, sentence, spots, frozenset({"sitze"})) == [False, True, False]
    # a name in no part that holds a figure tells nothing
    assert figure_owners(frozenset({"rajoy"}), sentence, spots, frozenset()) == [None] * 3
    prize = "Kohlschreiber darf sich über 80.000 Euro freuen, für Mathieu blieben noch 42.100 Euro."
    names = claim_names("Philipp Kohlschreiber ontving 42.100 euro prijzengeld", rare)
    spots = [prize.index("80.000"), prize.index("42.100")]
    assert figure_owners(names, prize, spots, frozenset({"euro"})) == [True, False]
    # an abbreviation's full stop does not end a part
    wind = "Die AG investiert 58 Mio. Euro in den Windpark: Auf der Handalm sollen 13 Windräder stehen."
    spots = [wind.index("58"), wind.index("13")]
    assert figure_owners(frozenset({"windpark", "handalm"}), wind, spots, frozenset()) == [True, True]
    # acronyms are names however common; a word two languages share is one only when rare
    assert claim_names("Die ÖVP wollte 43 Millionen", lambda w: False) == {"ovp"}
    assert claim_names("Secondo la Bank Austria, un miliardo", lambda w: False) == frozenset()


def test_modality():
    assert reading("Analysten hatten mit einem Plus von 2 Prozent gerechnet.").modality == "expected"
    assert reading("Die Pensionen sollen um 1,2 Prozent steigen.").modality == "expected"
    assert reading("Die Wirtschaft wächst voraussichtlich um 1,7 Prozent.").modality == "expected"
    assert reading("Pensions will rise by 1.2 percent.").modality == "expected"
    # „soll … geliefert haben“ is reported speech, not a plan
    assert reading("Nordkorea soll 9 Millionen Granaten geliefert haben.").modality == "fact"
    assert reading("Der Umsatz stieg um 3 Prozent.").modality == "fact"
    # a pledge is not an outcome, in the claim's language too; a converted amount is no expectation
    assert reading("Österreich hat die Entsendung von 100 Experten zugesagt.").modality == "expected"
    assert reading("La Germania ha promesso quasi 620 milioni di euro.").modality == "expected"
    assert reading("Germany pledged 570 million euros.").modality == "expected"
    assert reading("Der Preis ist mit umgerechnet rund 250.000 Euro dotiert.").modality == "fact"


def test_a_goal_after_the_figure_is_the_actions_purpose_not_an_expectation():
    crime = "Ihm drohen bis zu 30 Jahre Haft wegen Verschwörung mit dem Ziel, Terroristen zu unterstützen."
    assert reading(crime).modality == "fact"
    assert reading("Ziel sind 5 Prozent Wachstum.").modality == "expected"
    # French „demandes“ are applications, not demands
    assert reading("L'Autriche accepte 100 demandes d'asile par jour.").modality == "fact"


def test_only_is_not_a_rise_and_a_rate_may_be_named_before_the_figure():
    french = reading("L'Autriche n'accepte désormais plus que 100 demandes d'asile par jour")
    assert (french.kind, french.sign, french.per) == ("level", 0, "day")
    german = reading("Die Krone berichtete, dass pro Tag nur mehr 100 Asylanträge angenommen werden sollen.")
    assert (german.kind, german.per, german.modality) == ("level", "day", "expected")
    assert reading("Im Jahr 2015 kamen 90.000 Flüchtlinge.").per == ""  # a year named, not a rate


def test_part_of_a_year_is_not_the_whole_year():
    quarter = reading("Zwischen 1. Jänner und dem 30. März 2016 trafen 18.234 Migranten in Italien ein.")
    assert quarter.span == "part"
    whole = reading("Nel 2016 l'Italia ha registrato 300.000 migranti sbarcati.")
    assert whole.span == ""
    assert comparable(whole, quarter) == "part of a year"
    assert reading("Im ersten Quartal stieg der Umsatz um 3 Prozent.").span == "part"
    assert reading("Sales rose 3 percent in the first six months.").span == "part"
    # a day that dates a statement does not make it part of a year
    said = reading("Wie das Ministerium am 5. Jänner mitteilte, kamen 2015 rund 90.000 Asylwerber.")
    assert said.span == ""


def test_time():
    r = reading("Die Mieten sind im Vorjahr um 2,4 Prozent gestiegen.")
    assert r.relative == "last"
    assert reading("Im Jahr 2015 kamen 133 Flüchtlinge.").years == frozenset({2015})
    both = (
        "mehr als 11.000 Soldaten im vergangenen Jahr sowie weitere 3.000 in den ersten Monaten dieses Jahres"
    )
    assert reading(both, 0).relative == "last"
    assert reading(both, 1).relative == "this"


def test_places_across_languages_and_not_of_the_source():
    assert places_in("Nordkorea schickt Soldaten nach Russland") == {"KP", "RU"}
    assert places_in("North Korea sent troops") == places_in("La Corée du Nord a envoyé") == {"KP"}
    assert places_in("12 000 nordkoreanische Soldaten") == {"KP"}
    assert places_in("die russischen Streitkräfte, österreichische Banken") == {"RU", "AT"}
    assert places_in("I ate turkey") == frozenset()  # a capital letter names a country
    assert places_in("Nordkorea hat laut Angaben südkoreanischer Geheimdienste 10.000 Soldaten") == {"KP"}
    # a region of a country names it; a compound that starts with a country's adjective does not
    assert places_in("Der oberösterreichische FPÖ-Chef in Oberösterreich") == {"AT"}
    assert places_in("Ostdeutschland") == {"DE"}
    assert places_in("Die FPÖ fordert eine Deutschpflicht in den Pausen") == frozenset()
    # the short names Babel's CLDR list leaves out; abbreviations only in capitals, not the currency
    # (gnad-dev: an article on shootings „in den USA“ named no country, so a question about the
    # United States was declined)
    assert places_in("Ein 18-Jähriger hat in den USA geschossen") == {"US"}
    assert places_in("US-Präsident Obama traf den Premier von Großbritannien") == {"US", "GB"}
    assert places_in("Let us see. Eine Strafe von 10.000 US-Dollar") == frozenset()
    # a language is no country: „in einer anderen Sprache als Deutsch“ made a claim about Upper
    # Austria one about Germany as well (gnad-dev)
    assert places_in("Unterricht in einer anderen Sprache als Deutsch") == frozenset()
    assert places_in("die deutsche Regierung und Deutschland") == {"DE"}
    # a lower-case word is a country's adjective only with an adjective's ending: „indes“ merely
    # starts with French „Inde“ and made 80 Austrian police officers India's
    assert places_in("Mikl-Leitner bot indes 80 statt bisher 40 Polizisten an") == frozenset()
    assert places_in("die spanische Regierung, serbische Polizisten, indische Firmen") == {"ES", "RS", "IN"}
    assert places_in("Sie spricht Spanisch") == frozenset()


# ---------------------------------------------------------------- comparing readings


def test_comparable_readings():
    claim = reading("Rents rose by 3 percent")
    assert comparable(claim, reading("Die Mieten sind um 2 Prozent gesunken.")) == ""  # compared: refuted
    assert comparable(claim, reading("Die Mieten liegen bei 3 Prozent.")) == "a level, not a change"
    assert comparable(claim, reading("Die Mieten sind um 3 Prozentpunkte gestiegen.")).startswith("another")
    expected = reading("Analysten hatten mit einem Anstieg der Mieten um 3 Prozent gerechnet.")
    assert comparable(claim, expected) == "an expectation"
    # an expectation claimed may be compared with one stated
    assert comparable(reading("Rents are expected to rise by 3 percent"), expected) == ""


def test_a_figure_for_the_world_or_europe_is_not_a_countrys():
    # gnad-dev: "How many jobs will General Electric cut in Germany?" was answered with
    # „Europaweit will GE 6.500 Stellen streichen“ from an article that names Germany
    europe = reading("Europaweit will GE 6.500 Stellen streichen.")
    claim = reading("General Electric will in Deutschland 6.500 Stellen streichen.")
    assert comparable(claim, europe, frozenset({"DE"})) == "a wider scope than the claim's country"
    assert comparable(reading("General Electric will 6.500 Stellen streichen."), europe) == ""
    assert comparable(claim, reading("In Deutschland und weltweit will GE 6.500 Stellen streichen.")) == ""
    assert not wider_scope("Die Umweltorganisation Global 2000 warnt")  # a name


def test_another_country_and_another_year():
    south = reading("South Korea sent 10,000 soldiers to Russia")
    north = reading("Nordkorea hat über 10.000 Soldaten nach Russland entsandt.")
    assert comparable(south, north) == "another country"
    assert comparable(reading("North Korea sent 10,000 soldiers to Russia"), north) == ""
    # a sentence naming only the recipient is the article's: its lead names the actor
    recipient = reading("20 Mehrfachraketenwerfer, die an die russischen Streitkräfte geliefert wurden")
    claim = reading("North Korea delivered 20 multiple rocket launchers")
    assert comparable(claim, recipient, frozenset({"KP", "RU"})) == ""
    assert comparable(claim, recipient, frozenset({"UA"})) == "another country"
    in_2014 = reading("In 2014, 133 refugees arrived at Kirkenes")
    assert comparable(in_2014, reading("Im Jahr 2015 kamen 133 Flüchtlinge nach Kirkenes.")) == "another year"
    assert comparable(
        reading("Rents rose 3% last year"), reading("Die Mieten steigen heuer um 3 Prozent.")
    ) == ("another year")


def test_sources():
    assert source_of("According to the World Bank, unemployment in Gaza is 44 percent") == "the World Bank"
    assert source_of("Laut Arbeiterkammer stiegen die Mieten um 3 Prozent") == "Arbeiterkammer"
    assert source_of("Selon le Wifo, la croissance atteindra 1,7 %") == "le Wifo"
    assert source_of("The IG Metall says 45,000 jobs are at risk") == "The IG Metall"
    assert source_of("North Korea sent 12,000 soldiers") == ""
    assert names_source("the World Bank", "Der Weltbank zufolge hat der Gazastreifen 44 Prozent")
    assert names_source("le Wifo", "Das Wirtschaftsforschungsinstitut Wifo erwartet 1,7 Prozent")
    assert not names_source("the AMS", "Laut BAMF hat ein Viertel keine Schule besucht")
    # an adjective after an article belongs to the name; a survey is no name, a country is a place
    source = source_of("Laut der Erhebung des österreichischen AMS hat ein Viertel der Iraker …")
    assert source == "der Erhebung des österreichischen AMS"
    assert not names_source(source, "Laut einer deutschen Erhebung hat ein Viertel keine Schule besucht")
    assert names_source("the Austrian government", "Die österreichische Regierung erwartet 1,7 Prozent")


def test_masked_statement():
    text = "Die Mieten sind um 2,4 Prozent gestiegen."
    assert masked(text, extract_figures(text)) == "Die Mieten sind um X gestiegen."


@pytest.mark.parametrize(
    ("question", "dimension", "change"),
    [
        ("How many tonnes of steel did the company deliver?", "mass", False),
        ("By how much did rents rise last year?", None, True),
        ("Um wie viel Prozent sind die Mieten gestiegen?", "percent", True),
        ("What does a parking ticket cost in Vienna?", "money", False),
        ("Was kostet ein Parkschein in Wien?", "money", False),
        ("How long was he sentenced to?", "duration", False),
        ("Quanti soldati ha inviato l'Iran?", "count", False),
        ("What percentage of workers have an all-in contract?", "percent", False),
        ("Combien de litres ont été vendus ?", "volume", False),
        ("Wie hoch war die Inflationsrate in Österreich?", "percent", False),
        ("How much mobile data did customers use?", "data", False),
        # an amount of something not counted: money, mass, a share … whatever the article states
        ("How much compensation was the passenger owed?", "measure", False),
        ("Wie viel Förderung bekommt der Verein?", "measure", False),
        # "how long" said with the verb "to last" (gnad-dev: „Quanto dura l'animazione“ read as an amount)
        ("Quanto dura l'animazione del sorvolo di Plutone?", "duration", False),
        ("¿Cuánto duró la huelga de los pilotos?", "duration", False),
        # "how high is …" names no dimension: any figure answers it, an answer without one does not
        ("Wie hoch ist die Jugendarbeitslosigkeit in Frankreich?", None, False),
        ("How large is the city's deficit?", None, False),
        ("Hoe hoog is de schuld van de gemeente?", None, False),
        ("Quelle quantité d'or le train nazi transporterait-il ?", None, False),
        # a weight; "how long is the …" a length or a duration, "how long did …" a duration
        ("How much does Pepsi's P1 smartphone weigh?", "mass", False),
        ("Combien pèse la perle ?", "mass", False),
        ("How long is the river Mur in total?", "extent", False),
        ("Wie lang ist der Tunnel?", "extent", False),
        ("How long did the strike last?", "duration", False),
        ("Wie lange dauerte der Streik?", "duration", False),
        ("Welche Menge Gold transportierte der Zug?", None, False),
        ("Quale quantità di oro trasportava il treno?", None, False),
        # an age: „der 31-jährige Franzose“ answers it, a duration does not
        ("How old was Robert Stigwood when he died?", "age", False),
        ("Wie alt ist der Youtuber Senad Hasani?", "age", False),
        ("Quanti anni ha il pilota?", "age", False),
        ("¿Qué edad tenía el productor?", "age", False),
    ],
)
def test_questions_that_ask_for_a_figure(question, dimension, change):
    from assistant.asked import asked_figure

    asked = asked_figure(question)
    assert asked is not None and (asked.dimension, asked.change) == (dimension, change)


def test_questions_that_do_not_ask_for_a_figure():
    from assistant.asked import asked_figure

    assert asked_figure("Who leads the trade union GPA-djp?") is None
    assert asked_figure("Was fordert die Gewerkschaft?") is None
    # "how much" with no noun after it may be answered by "many times" or "vast areas"
    assert asked_figure("How much of southern California has been left undeveloped?") is None
    assert asked_figure("How much heavier is oxygen 18 than oxygen 16?") is None


def test_a_source_no_article_names_in_its_words_is_not_required():
    """« Selon un sondage de la Chambre économique » against German articles that say „laut einer
    Befragung der Wirtschaftskammer“: no article uses those words, so the source cannot be matched
    by its letters and is not held against the sentence."""
    from types import SimpleNamespace

    from assistant.actors import corpus_source

    index = SimpleNamespace(derived={}, word_documents={"wirtschaftskammer": 3, "wifo-chef": 1, "laut": 90})
    assert corpus_source("un sondage de la Chambre", index) == ""
    assert corpus_source("Britse onderzoekers", index) == ""
    assert corpus_source("the WIFO", index) == "the WIFO"  # „Wifo-Chef“: a word of the articles
    assert corpus_source("the Austrian government", index) == "the Austrian government"  # a country


def test_a_level_keeps_the_direction_that_reached_it():
    from assistant.check.compare import agrees
    from assistant.config import Settings

    def first(text):
        figs = [f for f in extract_figures(text) if not f.is_year]
        return figs[0], read(figs[0], text, others=tuple(figs))

    claimed, claim = first("The number of crossings rose to 153,842.")
    fell, fell_reading = first("Die Zahl der Überfahrten sank auf 153.842.")
    level, level_reading = first("Die Zahl der Überfahrten lag bei 153.842.")
    assert (claim.kind, claim.sign, fell_reading.kind, fell_reading.sign) == ("level", 1, "level", -1)
    assert level_reading.sign == 0
    assert not agrees(claimed, claim, fell, fell_reading, Settings())  # risen to it, not fallen
    assert agrees(claimed, claim, level, level_reading, Settings())  # no direction stated: the value decides


# ---------------------------------------------------------------- which figure goes with which


def parts_of(text: str) -> list[str]:
    from assistant.check.pairing import part

    figs = sorted((f for f in extract_figures(text) if not f.is_year), key=lambda f: f.start)
    return [part(text, figs, i) for i in range(len(figs))]


def test_each_figure_of_a_list_has_its_own_part():
    # gnad-dev (seventh held-out set, spent): the claim gave Sicily Lombardy's 13 per cent
    assert parts_of(
        "Auf Sizilien sind derzeit elf Prozent aller Migranten untergebracht, in der Lombardei "
        "13 Prozent und im Latium mit der Hauptstadt Rom sind es neun Prozent."
    ) == [
        "Auf Sizilien sind derzeit X aller Migranten untergebracht",
        "in der Lombardei X",
        "im Latium mit der Hauptstadt Rom sind es X",  # the conjunction ends the part before
    ]
    # the first figure's lead-in says what all the figures share: its part keeps the nearest words
    assert parts_of(
        "Dabei stiegen die Einnahmen in Schaden/Unfall um 0,8 Prozent, in der Krankensparte um 3,0 Prozent."
    ) == ["Einnahmen in Schaden/Unfall um X", "in der Krankensparte um X"]
    assert parts_of("Secondo il ministero, la Sicilia ospita il 13% dei migranti, la Lombardia l'11%.") == [
        "la Sicilia ospita il X dei migranti",
        "la Lombardia l'X",
    ]


def test_a_part_that_names_nothing_is_not_paired():
    from assistant.check.pairing import names_something

    parts = parts_of("Die Dividende wird von 1,40 Euro auf 60 Cent je Aktie gekürzt.")
    assert parts == ["Die Dividende wird von X Euro auf", "Euro auf X Cent je Aktie gekürzt"]
    assert all(names_something(p) for p in parts)
    assert not names_something(parts_of("Die Quote stieg von 5 auf 7 Prozent.")[1])  # „auf X“


# ---------------------------------------------------------------- direction in every claim language


@pytest.mark.parametrize(
    ("text", "which", "kind", "sign"),
    [
        ("De huurprijzen zijn vorig jaar met 3 procent gestegen.", 0, "change", 1),  # nl
        ("De omzet daalde met 4 procent.", 0, "change", -1),
        ("O desemprego caiu 2 por cento em março.", 0, "change", -1),  # pt
        ("As vendas subiram 5 por cento.", 0, "change", 1),
        ("Sky plans to raise its dividend by two percent.", 0, "change", 1),  # "raise" is a rise
        # a change amount listed after its verb's clause takes the verb's direction
        (
            "Dabei stiegen die Einnahmen in Schaden/Unfall um 0,8 Prozent, in der Krankensparte um "
            "3,0 Prozent und in der Lebensversicherung um 4,9 Prozent.",
            1,
            "change",
            1,
        ),
        # a level reached after its verb's clause: "rose …, reaching 153,842"
        (
            "Nel 2015 il numero di persone è aumentato rispetto all'anno precedente, arrivando a 153.842.",
            0,
            "level",
            1,
        ),
        # a full stop after an abbreviation ends no clause: the separable verb's particle is found
        ("Konzernweit legte das operative Ergebnis um 12 Prozent auf 747 Mio. Pfund zu.", 0, "change", 1),
    ],
)
def test_direction_words_of_every_claim_language(text, which, kind, sign):
    r = reading(text, which)
    assert (r.kind, r.sign) == (kind, sign)


@pytest.mark.parametrize(
    "text",
    [
        "Nel distretto la SPÖ è il partito più votato con il 38,64 %.",  # a superlative, no rise
        "O partido mais votado ficou com 38,6 por cento.",
        "Die Partei mit den meisten Stimmen, die mehr Wähler als alle anderen hatte, kam auf 38 Prozent.",
    ],
)
def test_a_more_word_away_from_the_figure_is_no_direction(text):
    assert reading(text).kind == "level"


def test_the_first_half_of_a_year_is_a_period_not_a_share():
    text = "In the first half of its financial year, Sky's profit rose by 12 percent to 747 million pounds."
    assert not any(f.value == 50 for f in extract_figures(text))
    assert extract_figures(text)[0].text == "12 percent"
    assert extract_figures("Half of the voters said no.")[0].value == 50


def test_pence_are_hundredths_of_a_pound():
    r = reading("Die Dividende soll auf 12,6 Pence je Aktie steigen.")
    assert (r.dimension, r.unit) == ("money", "GBP")
    assert r.base == pytest.approx(0.126)
