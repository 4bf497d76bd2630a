"""Words that tell what a figure measures, per language: units, direction, modality, time, attribution.

These are the language's grammar and measuring words (units, "gestiegen", "voraussichtlich",
"laut"), not the topics of any corpus: a newsroom's archive on pensions, fines or football uses
the same ones. Each list is keyed by ISO language; matching folds case and accents
(``quantities.fold``), and a German compound ends with its unit ("Rohöltonnen" is not read; only
whole words are units).
"""

from __future__ import annotations

# unit word -> (dimension, unit, factor to the dimension's base unit). Base units: percent "%",
# percentage points "pp", money in its currency, mass "kg", volume "l", length "m", area "m2",
# duration "d", energy "kWh", power "W". Plural and case forms are listed; words are folded.
# fmt: off
UNITS: dict[str, tuple[str, str, float]] = {}


def _units(dimension: str, unit: str, factor: float, *words: str) -> None:
    for word in words:
        UNITS[word] = (dimension, unit, factor)


_units("percent", "%", 1, "%", "prozent", "percent", "per cent", "pour cent", "por ciento", "per cento",
       "por cento", "procent", "pct")
_units("points", "pp", 1, "prozentpunkte", "prozentpunkten", "prozentpunkt", "percentage points",
       "percentage point", "points de pourcentage", "point de pourcentage", "punti percentuali",
       "punto percentuale", "puntos porcentuales", "punto porcentual", "pontos percentuais",
       "procentpunten", "procentpunt", "points", "punkte", "punkten")
_units("points", "pp", 0.01, "basispunkte", "basispunkten", "basis points", "points de base",
       "punti base", "puntos basicos")
_units("money", "EUR", 1, "euro", "euros", "€", "eur")
_units("money", "EUR", 0.01, "cent", "cents", "centimes", "centesimi", "centimos")
_units("money", "USD", 1, "dollar", "dollars", "us-dollar", "$", "usd", "dolares", "dollari")
_units("money", "CHF", 1, "franken", "chf", "francs suisses")
_units("money", "GBP", 1, "pfund", "pound", "pounds", "£", "gbp", "sterling", "livres sterling")
_units("money", "GBP", 0.01, "pence", "penny", "pennies")
_units("money", "JPY", 1, "yen", "jpy")
_units("money", "RUB", 1, "rubel", "rubles", "roubles", "rub")
_units("money", "CNY", 1, "yuan", "renminbi", "cny")
_units("mass", "kg", 1000, "tonnen", "tonne", "tonnes", "tons", "ton", "t", "tonnellate", "tonnellata",
       "toneladas", "tonelada")
_units("mass", "kg", 1, "kilogramm", "kilo", "kilos", "kg", "kilograms", "kilogrammes", "chili",
       "kilogrammi")
_units("mass", "kg", 0.001, "gramm", "gram", "grams", "g", "grammes", "grammi", "gramos")
_units("volume", "l", 1, "liter", "litern", "litre", "litres", "liters", "l", "litri", "litros", "litro")
_units("volume", "l", 100, "hektoliter", "hektolitern", "hectolitres", "hectoliters", "hl", "ettolitri")
_units("volume", "l", 1000, "kubikmeter", "kubikmetern", "m3", "m³", "cubic metres", "cubic meters",
       "metres cubes", "metri cubi", "metros cubicos")
_units("volume", "l", 158.987, "barrel", "barrels", "fass", "barils", "barili", "barriles")
_units("volume", "l", 3.785, "gallonen", "gallons", "gallon")
_units("length", "m", 1000, "kilometer", "kilometern", "km", "kilometres", "kilometers", "chilometri",
       "kilometros")
_units("length", "m", 1, "meter", "metern", "m", "metres", "meters", "metri", "metros")
_units("length", "m", 0.01, "zentimeter", "zentimetern", "cm", "centimetres", "centimeters",
       "centimetri", "centimetros")
_units("length", "m", 0.001, "millimeter", "millimetern", "mm", "millimetres", "millimeters")
_units("length", "m", 1609.34, "meilen", "miles", "mile", "milles", "miglia", "millas")
_units("area", "m2", 1, "quadratmeter", "quadratmetern", "m2", "m²", "square metres", "square meters",
       "metres carres", "metri quadrati", "metros cuadrados")
_units("area", "m2", 10_000, "hektar", "ha", "hectares", "hectare", "ettari", "hectareas")
_units("area", "m2", 1e6, "quadratkilometer", "quadratkilometern", "km2", "km²", "square kilometres",
       "square kilometers")
_units("data", "B", 1e12, "terabyte", "terabytes", "tb", "teraoctet", "teraoctets")
_units("data", "B", 1e9, "gigabyte", "gigabytes", "gb", "gigaoctet", "gigaoctets")
_units("data", "B", 1e6, "megabyte", "megabytes", "mb", "megaoctet", "megaoctets")
_units("data", "B", 1e15, "petabyte", "petabytes", "pb")
_units("energy", "kWh", 1, "kilowattstunden", "kwh", "kilowatt hours")
_units("energy", "kWh", 1000, "megawattstunden", "mwh")
_units("energy", "kWh", 1e6, "gigawattstunden", "gwh")
_units("energy", "kWh", 1e9, "terawattstunden", "twh")
_units("power", "W", 1e6, "megawatt", "mw")
_units("power", "W", 1e3, "kilowatt", "kw")
_units("power", "W", 1e9, "gigawatt", "gw")
_units("duration", "d", 365, "jahre", "jahren", "jahr", "jahres", "years", "year", "ans", "annees", "an",
       "anni", "anno", "anos", "ano", "jaar", "jaren")
_units("duration", "d", 30, "monate", "monaten", "monat", "months", "month", "mois", "mesi", "mese",
       "meses", "mes", "maanden")
_units("duration", "d", 7, "wochen", "woche", "weeks", "week", "semaines", "semaine", "settimane",
       "semanas", "weken")
_units("duration", "d", 1, "tage", "tagen", "tag", "days", "day", "jours", "jour", "giorni", "giorno",
       "dias", "dia", "dagen")
_units("duration", "d", 1 / 24, "stunden", "stunde", "hours", "hour", "heures", "heure", "ore", "horas",
       "uur")
_units("duration", "d", 1 / 1440, "minuten", "minute", "minutes", "minuti", "minutos")
_units("duration", "d", 1 / 86400, "sekunden", "sekunde", "seconds", "second", "secondes", "secondi",
       "segundos")
# an age: „der 31-jährige Franzose“, „ein 18-Jähriger“, "a 10-year-old", "81 years old" (in
# gnad-dev, 39 of 40 „-jährig“ are ages; „ihr 20-jähriges Bestehen“ is an organisation's age)
_units("age", "y", 1, *("jahrig" + ending for ending in ("", "e", "en", "er", "es", "em")), "year-old",
       "year-olds", "years old", "year old", "years of age", "jahre alt", "jahren alt", "jahr alt",
       *("jahre alt" + ending for ending in ("e", "en", "er", "es", "em")), "jaar oud", "jarige", "jarig",
       "anni di eta", "anos de idade", "anos de edad", "ans d'age")
# German adjectives of duration: „eine 23-sekündige Animation“, „eine 26-monatige Haft“ (not
# „-jährig“, an age)
for _stem, _factor in (("sekundig", 1 / 86400), ("minutig", 1 / 1440), ("stundig", 1 / 24), ("tagig", 1),
                       ("wochig", 7), ("monatig", 30)):
    _units("duration", "d", _factor, *(_stem + ending for ending in ("", "e", "en", "er", "es", "em")))

# a currency sign or code before the number: "€ 5", "$5 million", "EUR 12 Mio."
CURRENCY_BEFORE = {"€": "EUR", "eur": "EUR", "$": "USD", "us$": "USD", "usd": "USD", "£": "GBP",
                   "chf": "CHF", "sfr": "CHF"}

# a money amount's period named as an adjective of its subject: „Die monatlichen Kosten betragen
# 2,99 Euro“, "the annual fee is 50 euros" (folded text; the stems take any ending)
PER_ADJECTIVE = {
    "year": r"jahrlich|annual|yearly|annuel|annual|anual|jaarlijks",
    "month": r"monatlich|monthly|mensuel|mensil|mensual|mensal|maandelijks",
    "week": r"wochentlich|weekly|hebdomadaire|settimanal|semanal|wekelijks",
    "day": r"taglich|daily|quotidien|giornalier|diari|dagelijks",
}
# a rate: the figure is per some unit ("pro Jahr", "per capita", "km/h")
PER = {
    "year": ("pro jahr", "im jahr", "jahrlich", "jahrliche", "pro jahr", "per year", "a year", "per annum",
             "annually", "a l'an", "par an", "par annee", "all'anno", "l'anno", "annui", "annuo",
             "al ano", "por ano", "anuales", "anual", "per jaar", "jedes jahr", "every year", "each year",
             "chaque annee", "tous les ans", "ogni anno", "cada ano", "todos os anos", "elk jaar",
             "ieder jaar"),
    "month": ("pro monat", "im monat", "monatlich", "per month", "a month", "monthly", "par mois",
              "al mese", "mensili", "al mes", "por mes", "mensuales", "jeden monat", "every month",
              "each month", "chaque mois", "ogni mese", "cada mes"),
    "week": ("pro woche", "in der woche", "wochentlich", "per week", "a week", "weekly", "par semaine",
             "a settimana", "por semana"),
    "day": ("pro tag", "am tag", "taglich", "tagliche", "per day", "a day", "daily", "each day",
            "par jour", "chaque jour", "al giorno", "al dia", "por dia", "diarios", "diarias", "jeden tag",
            "every day", "tous les jours", "ogni giorno", "cada dia", "todos os dias", "elke dag"),
    "hour": ("pro stunde", "in der stunde", "stundlich", "per hour", "an hour", "/h", "par heure",
             "all'ora", "por hora", "kmh", "km/h", "stundenkilometer"),
    "person": ("pro kopf", "je einwohner", "pro einwohner", "pro person", "per capita", "per person",
               "per head", "par habitant", "par personne", "pro capite", "a persona", "por persona",
               "por habitante", "per inwoner"),
}

# direction of a change: a rise (+1) or a fall (-1). Stems are matched at a word's start, so
# "gestiegen" covers "gestiegenen"; a German particle verb's particle ("legte … zu") is not read.
# A stem that begins other words too is listed as whole words ending in "$": "surge$", not
# "surgery"; Italian „perso$“, not „persone“.
RISE = (
    # de
    "stieg", "steig", "gestieg", "anstieg", "plus", "zuwachs", "zugeleg", "wuchs", "wachs", "gewachs",
    "wachstum", "erhoh", "hoher", "verteuer", "steiger", "zunahm", "zunahme", "zunehm", "klettert",
    "geklettert", "kletter", "sprang", "gesprung", "mehr",
    # en
    "rose", "rise", "rises", "risen", "rising", "increas", "grew", "grow", "grows", "growing", "grown",
    "gain", "gains", "gained", "higher", "climb", "jump", "jumps", "jumped", "surge$", "surged", "surges",
    "surging", "more", "boost", "raise", "raised", "raises", "raising", "hike", "hiked", "hikes",
    "up by", "went up", "gone up", "goes up",
    # fr
    "hausse", "augment", "progress", "croissance", "grimp", "plus", "monte$", "montent$", "monter$", "montee",
    # it
    "aument", "crescit", "cresciu", "cresce", "salit", "salgon", "rialz", "piu",
    # es
    "aument", "subio", "subieron", "sube", "alza", "crecimient", "creci", "mas",
    # pt
    "subiu", "subiram", "sobe", "sobem", "cresc", "mais", "acrescimo", "elevou", "elevaram",
    # nl ("meer" is also German „Meer“, so it is not a cue; "meer dan" is a qualifier anyway)
    "steeg", "stegen", "gestegen", "stijg", "toename", "toegenom", "toenam", "groei", "gegroeid",
    "hoger", "verhoog", "opgelopen", "geklommen", "klom$",
)
FALL = (
    # de
    "sank", "sink", "sinkt", "sinken", "gesunk", "ruckgang", "ruckgeh", "zuruckgegang", "zuruckging",
    "ging zuruck",
    "minus", "gefall", "fiel", "verringer", "weniger", "niedriger", "gesenkt", "senkung", "senkt", "senken",
    "abnahm", "abnahme", "schrumpf", "geschrumpf", "einbruch", "eingebroch", "brach ein", "verbillig",
    "verlor", "verlust", "einbuss", "einbuß", "eingebusst", "eingebußt", "reduzier", "nachgegeben",
    "abgesackt", "absturz", "abgesturzt",
    # en
    "fell", "fall", "falls", "fallen", "drop", "drops", "dropped", "declin", "decreas", "lower", "less",
    "fewer", "shrank",
    "shrunk", "shrink", "slump", "plung", "cut", "reduc", "lost", "loss", "down by", "went down",
    "gone down", "goes down",
    # fr
    "baiss", "diminu", "recul", "chute", "moins", "repli$", "replie$", "replient$",
    # it
    "calo", "calat", "diminu", "ribass", "sceso", "scesa", "scesi", "scend", "meno", "perso$", "persa$",
    "persi$", "perse$", "perdit",
    # es
    "caida", "cayo", "baj", "descens", "disminu", "menos", "perdio",
    # pt
    "caiu", "cairam", "queda", "baixa", "baixou", "baixaram", "recuo", "perdeu", "perderam", "perda",
    "encolh",
    # nl ("minder" also starts „minderheid“; "lager" is German „Lager“)
    "daalde", "daalt", "dalen", "daling", "gedaald", "afname", "afgenom", "afnam", "minder$", "krimp",
    "gekromp", "verlaag", "verminder", "gezakt", "zakte", "kelder", "gekelderd", "teruggelop",
)
# "more" and "less" words say a direction only next to the figure („3 Prozent mehr“, "più del 5 %");
# further away they compare or grade something else ("il partito più votato con il 38 %")
NEAR_ONLY = ("mehr", "weniger", "more", "less", "fewer", "plus", "moins", "piu", "meno", "mas", "menos",
             "mais", "minder$")
NEAR = 2  # tokens between such a word and the figure, at most
# German separable verbs: the stem near the figure, the particle at the clause's end
# („MPS-Aktien gaben seit Jahresbeginn 40 Prozent nach“, „der Umsatz legte um 3 Prozent zu“)
SEPARABLE = {
    ("leg", "zu"): 1, ("nahm", "zu"): 1, ("nimm", "zu"): 1, ("zog", "an"): 1, ("zieh", "an"): 1,
    ("ging", "zuruck"): -1, ("geh", "zuruck"): -1, ("gab", "nach"): -1, ("gib", "nach"): -1,
    ("brach", "ein"): -1, ("brich", "ein"): -1, ("buss", "ein"): -1, ("buß", "ein"): -1,
    ("nahm", "ab"): -1, ("nimm", "ab"): -1, ("sack", "ab"): -1, ("rutsch", "ab"): -1,
}  # fmt: skip

# a figure after these is the amount of the change ("um 2,4 Prozent", "by 3%"); after the
# "to" words it is the new level ("auf 5 Prozent", "to 3%")
CHANGE_BY = ("um", "by", "de", "di", "en", "met", "em")
LEVEL_TO = ("auf", "to", "a", "à", "al", "naar", "bei", "at", "para", "tot")

# a figure that is expected, forecast, planned or demanded, not a reported fact
EXPECTATION = (
    # de
    "soll", "sollen", "sollte", "sollten", "voraussichtlich", "erwarte", "erwartet", "erwarten",
    "rechnet", "rechnen", "gerechnet", "prognose", "prognos", "geplant", "plant", "planen", "plan",
    "will", "wollen", "fordert", "fordern", "forderung", "gefordert", "angepeilt", "anvisiert",
    "prognostiz", "vorhersage",
    # en ("demands", not "demand": French „demandes“ are applications)
    "will", "would", "expect", "forecast", "projected", "predict", "plan", "plans", "planned",
    "could", "should", "may", "might", "likely", "demands", "demanded", "calls for", "call for", "wants",
    "propos", "is to", "are to", "set to", "going to",
    # fr
    "devrait", "devraient", "prevu", "prevoit", "prevision", "attendu", "attend", "pourrait",
    "reclam", "exige", "veut", "veulent", "sera", "seront", "vont",
    # it
    "dovrebbe", "dovrebbero", "previst", "preved", "prevision", "attes", "potrebbe",
    "chiede", "vuole", "vogliono", "sara", "saranno",
    # es
    "deberia", "preve", "previst", "prevision", "espera", "esperad", "podria", "exige",
    "pide", "quiere", "quieren", "sera", "seran",
    # pt
    "devera", "deverao", "deveria", "deveriam", "ira", "irao", "podera", "poderia", "poderiam",
    "pretende", "planeia", "planeja",
    # nl
    "zal", "zullen", "zou", "zouden", "verwacht", "voorspel", "gepland", "plannen", "wil", "willen",
    "naar verwachting",
    # a promise or pledge is not yet an outcome („Finanzzusagen“, "pledged", "ha promesso")
    "zusage", "zusagen", "zugesagt", "versproch", "verspricht", "versprechen", "promised", "pledge",
    "promis", "promet", "promess", "beloofd", "toegezegd",
)
# compounds that end in a cue without being one: „umgerechnet 500 Euro“ is converted, not expected
NOT_EXPECTATION = ("umgerechnet", "eingerechnet", "ausgerechnet")
# a goal named before the figure („Ziel sind 5 Prozent“); after it, a goal is the action's
# purpose („30 Jahre Haft wegen Verschwörung mit dem Ziel, … zu unterstützen“), not the figure's
EXPECTATION_BEFORE = ("ziel", "aim", "aims", "target", "goal", "objectif", "obiettivo", "objetivo")
# "only" built from a word for "more" is no rise: „nur mehr 100“, « n'accepte plus que 100 »
NOT_DIRECTION = (
    r"\bnur (?:noch )?mehr\b", r"\bnicht mehr\b", r"\bkein\w* mehr\b", r"\bno (?:more|longer)\b",
    r"\bn(?:e |['’])\w+ (?:\w+ )?plus\b", r"\bnon \w+ (?:\w+ )?piu\b", r"\bno \w+ (?:\w+ )?mas\b",
    r"\bnao \w+ (?:\w+ )?mais\b", r"\bniet meer\b",
    r"\w*(?:ein|aus|um)stieg\w*",  # „Einstieg“ is an entry, „Atomausstieg“ an exit: no rise
)
# matched before folding: "würde" (would) folds to "wurde" (was), "könnte" (could) to "konnte"
EXPECTATION_UNFOLDED = ("würde", "würden", "könnte", "könnten", "dürfte", "dürften")

# a statement about part of a year: quarters, half-years, the first months, "so far this year"
# (folded); a month name after one of MONTH_BEFORE ("seit März", "bis Ende März", "in March") too
PART_OF_YEAR = (
    r"quartal", r"halbjahr", r"seit jahresbeginn", r"seit jahresanfang", r"seit anfang des jahres",
    r"in den ersten \w+ monaten", r"\bquarter\b", r"\b(?:first|second) half\b", r"year to date",
    r"so far this year", r"since the start of the year", r"since the beginning of the year",
    r"in the first \w+ months", r"trimestre", r"semestre", r"depuis le debut de l'annee",
    r"au cours des \w+ premiers mois", r"dall'inizio dell'anno", r"nei primi \w+ mesi",
    r"en lo que va de(?:l)? ano", r"desde principios de ano", r"en los primeros \w+ meses",
    r"kwartaal", r"halfjaar",
)
MONTH_BEFORE = (
    "im", "seit", "bis ende", "ende", "anfang", "mitte", "bis", "zwischen", "vom", "in", "since", "by",
    "until", "through", "from", "between", "en", "depuis", "jusqu'a", "fin", "debut", "du", "entre",
    "a fine", "da", "dal", "fino a", "hasta", "desde", "a finales de", "sinds", "tot",
)

# time relative to the article
RELATIVE_TIME = {
    "next": ("kommenden jahr", "nachsten jahr", "nachstes jahr", "kommendes jahr", "next year",
             "coming year", "l'annee prochaine", "l'an prochain", "l'anno prossimo", "prossimo anno",
             "el proximo ano", "el ano que viene", "volgend jaar"),
    "this": ("heuer", "dieses jahr", "diesem jahr", "laufenden jahr", "this year", "cette annee",
             "quest'anno", "este ano", "dit jaar"),
    "last": ("vorjahr", "letzten jahr", "vergangenen jahr", "vorigen jahr", "last year", "previous year",
             "l'an dernier", "l'annee derniere", "l'anno scorso", "el ano pasado", "vorig jaar"),
}

# a claim or sentence attributed to a source: "according to X", "laut X", "X zufolge"
ATTRIBUTION_BEFORE = (
    "according to", "laut", "nach angaben von", "nach angaben des", "nach angaben der", "zufolge",
    "selon", "d'apres", "secondo", "stando a", "segun", "segundo", "volgens", "as reported by",
)
ATTRIBUTION_VERBS = (
    "says", "said", "reports", "reported", "estimates", "claims", "sagt", "sagte", "berichtet",
    "berichtete", "meldet", "meldete", "schatzt", "erklart", "erklarte", "dit", "affirme", "declare",
    "dice", "afferma", "dichiara", "afirma", "declara", "zegt",
)
# fmt: on

# fmt: off
# a question that asks for a figure, and what kind: "How many tonnes …", "By how much did … rise",
# "What does … cost", „Wie lange …“. Patterns on folded text (lower case, no accents).
QUESTION_CHANGE = (
    r"by how much", r"by what percentage", r"how much (?:did|has|have|will|does|do)\b.*\b(?:rise|risen|"
    r"increase|increased|fall|fallen|fell|drop|dropped|grow|grown|grew|decline|declined|go up|go down)",
    r"um wie ?viel", r"um welchen (?:betrag|wert|prozentsatz)", r"de combien", r"di quanto",
    r"en cuanto", r"em quanto", r"met hoeveel",
)
QUESTION_MONEY = (
    r"\bcost", r"\bprice\b", r"how much money", r"\bkoste", r"\bpreis\b", r"wie viel geld", r"\bcoute",
    r"(?<!grand )\bprix\b",  # not "Grand Prix"
    r"\bcosta\b", r"\bcostano\b", r"\bprezzo\b", r"\bcuesta\b", r"\bprecio\b", r"\bcusta\b",
    r"\bkost\b", r"\bprijs\b", r"cuanto dinero", r"quanto denaro", r"quanti soldi", r"quanto dinheiro",
    r"combien d'argent",
)
QUESTION_DATA = (
    r"how much (?:mobile )?data", r"wie viele? (?:mobile )?daten", r"datenvolumen", r"data volume",
)
QUESTION_AGE = (
    r"how old", r"wie alt", r"quel age", r"quanti anni (?:ha|aveva|avra|hanno|avevano)", r"che eta",
    r"que edad", r"cuantos anos (?:tiene|tenia|tendra|tienen|tenian)", r"hoe oud", r"que idade",
    r"quantos anos (?:tem|tinha|tera|tem)", r"at what age", r"in welchem alter", r"a quel age",
    r"a que edad", r"com que idade", r"a che eta",
)
QUESTION_DURATION = (
    r"how long", r"for how many (?:years|months|days|weeks)", r"wie lange", r"combien de temps",
    r"pendant combien", r"per quanto tempo", r"quanto tempo", r"cuanto tiempo", r"por cuanto tiempo",
    r"hoe lang", r"(?:quant[oa]|cuant[oa]) dur",  # "Quanto dura …", "¿Cuánto duró …?", "Quanto durou …"
)
# a weight asked for: "How much does it weigh?", „Wie schwer …“, « Combien pèse … »
QUESTION_MASS = (  # 'weigh' as a verb: "the Conference on Weights and Measures" asks for no mass
    r"\bweigh(?:s|ed)?\b", r"how heavy", r"\bwieg(?:t|en)\b", r"wie schwer", r"\bpesen?t?\b", r"quel poids",
    r"\bpesa\b", r"\bpesava\b", r"\bpesaba\b", r"\bweegt\b", r"hoe zwaar",
)
# "How long is the river?": a length or a duration ("How long is the flight?"); „Wie lang ist …“
# without the -e of „wie lange“, « Quelle est la longueur … »
QUESTION_EXTENT = (
    r"how long (?:is|was|are|were) (?:the|a|an|this|that|its|their)\b", r"wie lang (?:ist|war|sind|waren)\b",
    r"hoe lang (?:is|was|zijn|waren) (?:de|het|een)\b", r"\blongueur\b", r"\blongitud\b", r"\blunghezza\b",
    r"\bcomprimento\b", r"\blength\b", r"\blange\b(?= (?:der|des|von))",
)
# "Wie hoch war die Inflationsrate?": a rate or quota asked for is a percentage
QUESTION_RATE = (r"\w*(?:rate|quote|quota)\b", r"\btaux\b", r"\btasso\b", r"\btasa\b")
QUESTION_PERCENT = (
    r"what percentage", r"what share", r"how many percent", r"wie viel prozent", r"wie viele prozent",
    r"welchen anteil", r"quel pourcentage", r"quelle part", r"quale percentuale", r"che percentuale",
    r"que porcentaje", r"qual percentual",
)
QUESTION_AMOUNT = (
    r"how many", r"how much", r"how high", r"how large", r"how big", r"how far", r"what (?:was|is|were) the "
    r"(?:number|amount|total|rate|level|sum)", r"wie ?viele?", r"wie hoch", r"wie gross", r"wie weit",
    r"combien", r"quel(?:le)? (?:est|etait) le (?:nombre|montant|taux)", r"quant[iaoe]", r"cuant[oa]s?",
    r"quant[oa]s?", r"hoeveel", r"hoe hoog", r"hoe groot", r"que tan",
)
# fmt: on
