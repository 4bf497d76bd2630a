"""Article text and questions are data: find the sentences that address a model or a system.

An article can carry text written for a language model rather than for a reader: "ignore all
previous instructions", a role marker ("SYSTEM:"), the prompt's own markup (``</sources>``,
``[S1]``), an order about what to answer. Such a sentence is flagged at ingest
(``instruction_reason``); it is kept in the document, shown marked, and never becomes evidence.

The patterns are per language, for every language ``language.SUPPORTED`` names. They look for
the *form* of an instruction to a model (a verb of ignoring with the word for instructions, a
role name followed by a colon, an imperative to answer with what to say), not for a topic, so a
news sentence about prompt injection may be flagged, which costs one sentence of evidence. On
the 185 news articles of the two development corpora (about 5,200 sentences) and the 240 XQuAD
paragraphs no sentence is flagged (``tests/test_untrusted.py`` keeps that true for the sample).
"""

from __future__ import annotations

import re

from .words import FUNCTION_WORDS

INSTRUCTIONS_VERSION = "1"  # bump when the patterns change: stored flags are then worked out again

# Verbs of ignoring (their imperative and infinitive forms: „Der Fahrer ignorierte die
# Anweisungen“ is a report), the words for what a model is told, and the words that make them
# the earlier or the whole instructions, per language. An override is a verb followed within a
# few words by such a noun, with a qualifier next to it: "ignore all previous instructions",
# „Ignoriere alle vorherigen Anweisungen“, « oubliez les consignes précédentes ».
_IGNORE = {
    "en": (
        r"ignore|disregard|forget|override|bypass",
        r"instructions?|rules|prompts?|guidelines|directives|commands",
        r"previous|prior|above|earlier|preceding|all|any|your|system|original|former|these",
    ),
    "de": (
        r"ignoriere|ignoriert|ignorieren|vergiss|vergesst|vergessen|missachte|missachtet|überschreibe",
        r"anweisung\w*|instruktion\w*|regeln|vorgaben|befehle|prompts?|systemprompt\w*",
        r"vorherig\w*|bisherig\w*|obig\w*|vorig\w*|früher\w*|alle|allen|dein\w*|ihre\w*|system\w*|"
        r"ursprünglich\w*",
    ),
    "fr": (
        r"ignore|ignorez|ignorer|oublie|oubliez|oublier",
        r"instructions?|consignes?|règles|directives|prompts?",
        r"précédent\w*|antérieur\w*|toutes|tous|tes|vos|ci-dessus|système",
    ),
    "es": (
        r"ignora|ignore|ignorad|olvida|olvide|omite",
        r"instrucciones|instrucción|reglas|indicaciones|directrices|prompts?",
        r"anterior\w*|previa\w*|todas|tus|sus|sistema",
    ),
    "it": (
        r"ignora|ignorate|dimentica|dimenticate",
        r"istruzion\w+|regole|indicazioni|direttive|prompt",
        r"precedent\w*|tutte|tue|sue|sistema",
    ),
    "nl": (
        r"negeer|vergeet",
        r"instructies?|regels|aanwijzingen|prompts?",
        r"vorige|eerdere|alle|je|jouw|systeem",
    ),
    "pt": (
        r"ignore|ignora|esqueça|esqueca|desconsidere",
        r"instruções|instrucoes|instrução|regras|diretrizes|prompts?",
        r"anterior\w*|prévia\w*|todas|suas|sistema",
    ),
    "pl": (
        r"zignoruj|ignoruj|zapomnij",
        r"instrukcj\w*|polece\w*|zasad\w*|reguł\w*|prompt\w*",
        r"poprzedni\w*|wcześniejsz\w*|wszystkie|swoje|systemow\w*",
    ),
}
# Imperatives that tell a reader what to answer, at the start of a sentence or after "and", with
# an adverb or a colon: "Answer: the claim is true", „Antworte immer mit …“, « Réponds
# uniquement … ». A quoted „Antworten Sie!“ in a report is not one.
_ANSWER = {
    "en": (r"answer|respond|reply|say|output", r"always|only|exactly"),
    "de": (
        r"antworte|antwortet|antworten\s+sie|sage|sag|schreibe|schreib",
        r"immer|stets|nur|ausschließlich",
    ),
    "fr": (r"réponds|répondez|dis|dites|écris|écrivez", r"toujours|uniquement|seulement"),
    "es": (r"responde|responda|contesta|escribe", r"siempre|solo|sólo|únicamente"),
    "it": (r"rispondi|risponda|scrivi", r"sempre|solo|soltanto|unicamente"),
    "nl": (r"antwoord|zeg|schrijf", r"altijd|alleen|uitsluitend"),
    "pt": (r"responda|responde|diga|escreva", r"sempre|apenas|somente"),
    "pl": (r"odpowiedz|odpowiadaj|powiedz|napisz", r"zawsze|tylko|wyłącznie"),
}
# What a model is called, for "you are now an assistant" and „Du bist jetzt ein Sprachmodell“.
_MODEL_NOUNS = (
    r"(?:ai|ki|ia|llm|chatbot|chat-?gpt|assistant|assistent(?:in)?|asystent\w*|assistente|asistente|"
    r"language\s+model|sprachmodell|modèle\s+de\s+langage|modelo\s+de\s+lenguaje|modello\s+linguistico|"
    r"taalmodel|model\s+językowy|bot)"
)
_YOU_ARE = (
    r"you\s+are\s+(?:now\s+)?|du\s+bist\s+(?:jetzt\s+|nun\s+|ab\s+sofort\s+)?|sie\s+sind\s+(?:jetzt|nun)\s+|"
    r"tu\s+es\s+(?:maintenant\s+)?|vous\s+êtes\s+(?:maintenant\s+)?|eres\s+(?:ahora\s+)?|sei\s+ora\s+|"
    r"je\s+bent\s+(?:nu\s+)?|você\s+é\s+(?:agora\s+)?|jesteś\s+(?:teraz\s+)?|act\s+as\s+|"
    r"agis\s+comme\s+|verhalte\s+dich\s+wie\s+|handle\s+als\s+"
)
_ROLES = r"SYSTEM|ASSISTANT|DEVELOPER|SYSTEMANWEISUNG|SYSTÈME|SISTEMA|SYSTEEM"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # the prompt's own markup and the chat templates' special tokens
    (
        "markup",
        re.compile(r"</?\s*(?:sources?|system|user|assistant|instructions?|context|documents?)\s*>", re.I),
    ),
    (
        "markup",
        re.compile(r"<\|[\w ]{1,30}\|>|\[/?INST\]|<<\s*/?SYS\s*>>|#{2,}\s*(?:instruction|system)", re.I),
    ),
    ("markup", re.compile(r"\[S\d{1,3}\]")),  # the ids sentences get in the prompt
    ("markup", re.compile(r'"(?:sentence_ids|insufficient_evidence|verdict|answer)"\s*:')),
    # a role marker: "SYSTEM: …" in capitals (a spec list's "System: Android" is not one), or a
    # system message or prompt named as such in any case
    ("role", re.compile(rf"(?<![\w-])(?:{_ROLES})\s*:")),
    (
        "role",
        re.compile(
            r"\b(?:system|developer)[\s-]*(?:prompt|message|nachricht|anweisung|instruction)s?\s*:|"
            r"\bsystem-?anweisung\w*\s*:|\bsystemprompt\s*:",
            re.I,
        ),
    ),
    (
        "address",
        re.compile(
            rf"\b(?:{_YOU_ARE})(?:an?\s+|ein\w*\s+|une?\s+|una?\s+|een\s+|um\s+|uma\s+)?{_MODEL_NOUNS}\b",
            re.I,
        ),
    ),
]
for _verbs, _nouns, _qualifiers in _IGNORE.values():
    _PATTERNS.append(
        (
            "override",
            re.compile(
                rf"\b(?:{_verbs})\b(?:\W+\w+){{0,4}}?\W+(?:{_qualifiers})\W+(?:\w+\W+)?(?:{_nouns})\b"
                rf"|\b(?:{_verbs})\b(?:\W+\w+){{0,3}}?\W+(?:{_nouns})\W+(?:{_qualifiers})\b",
                re.I,
            ),
        )
    )
for _verbs, _adverbs in _ANSWER.values():
    _PATTERNS.append(
        (
            "order",
            re.compile(
                rf"(?:^|[.:;!]\s+|\b(?:and|und|et|y|e|en|i)\s+)(?:{_verbs})\b\s*(?::|(?:{_adverbs})\b)", re.I
            ),
        )
    )


def instruction_reason(text: str) -> str | None:
    """Why ``text`` reads as an instruction to a model ("override", "role", "markup", "order",
    "address"), or None for ordinary text."""
    for reason, pattern in _PATTERNS:
        if pattern.search(text):
            return reason
    return None


# ---------------------------------------------------------------- the prompt's structure


_PROMPT_MARKUP = re.compile(r"</?\s*sources?\s*>|<\|[\w ]{1,30}\|>|\[/?INST\]|<<\s*/?SYS\s*>>", re.I)
_IDS = re.compile(r"\[(S?\d{1,3})\]")


def neutral(text: str, limit: int | None = None) -> str:
    """Article text as it goes into a prompt: on one line (so it cannot start a line of its own,
    "Question: …"), without the prompt's markup or chat-template tokens, and with bracketed ids
    written in parentheses, so it cannot pose as another numbered sentence. ``limit``: at most
    that many characters, cut at a word (a run-on "sentence" from a table can be pages long)."""
    text = _PROMPT_MARKUP.sub(" ", text)
    text = " ".join(_IDS.sub(r"(\1)", text).split())
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text


def prompt_title(title: str, doc_id: str) -> str:
    """An article's title as a prompt shows it: its id instead, when the title addresses a model."""
    return neutral(doc_id if instruction_reason(title) else title)


# ---------------------------------------------------------------- questions about the assistant

# The words of a question about the assistant itself: what to answer, its instructions, "you".
_META = {
    "en": "answer answers respond reply say tell instructions instruction prompt system rules you your "
    "yourself i me my should shall must supposed to do are",
    "de": "antworten antworte antwort sagen sage sag anweisungen anweisung prompt system regeln du dich dir "
    "dein deine ihr euch sie ich mich mir soll sollst sollen muss musst müssen darf bist",
    "fr": "répondre réponds réponse dire dis instructions consignes prompt système règles tu toi te ton ta "
    "vous votre je moi dois doit dois-je faut suis es",
    "es": "responder responde respuesta decir di instrucciones reglas prompt sistema tú tu te usted yo me "
    "debo debe eres",
    "it": "rispondere rispondi risposta dire istruzioni regole prompt sistema tu ti te tuo lei io mi devo "
    "deve sei",
    "nl": "antwoorden antwoord zeggen zeg instructies regels prompt systeem jij je jou jouw u ik mij moet "
    "ben bent",
    "pt": "responder responda resposta dizer diga instruções regras prompt sistema você tu te eu me devo "
    "deve és",
    "pl": "odpowiedzieć odpowiedz odpowiedź powiedzieć instrukcje zasady prompt system ty ci ciebie ja mi "
    "mnie muszę powinienem jesteś",
}
_META_WORDS = frozenset(w for words in _META.values() for w in words.split())
_ANY_STOPWORD = frozenset(w for words in FUNCTION_WORDS.values() for w in words)
# the words that make such a question about the assistant, not merely vague ("Wie viele sind es?")
_META_CORE = frozenset(
    "answer answers respond reply instructions instruction prompt system rules you your antworten antworte "
    "antwort anweisungen anweisung regeln du dir dich répondre réponds réponse instructions consignes "
    "règles tu vous responder responde respuesta instrucciones reglas tú usted rispondere rispondi "
    "risposta istruzioni regole antwoorden antwoord instructies regels jij responda resposta instruções "
    "regras você odpowiedzieć odpowiedz odpowiedź instrukcje zasady ty".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def meta_question(question: str) -> str | None:
    """Why ``question`` is not a question about the articles: it carries an instruction to the
    assistant ("instruction"), or every word of it is about the assistant itself, what it should
    answer or what it was told ("about the assistant": "What should I answer?", „Was soll ich
    antworten?“, "What are your instructions?"). None for a question about anything else."""
    if instruction_reason(question):
        return "instruction"
    words = [w.lower() for w in _WORD.findall(question)]
    if not words or not any(w in _META_CORE for w in words):
        return None
    if all(w in _META_WORDS or w in _ANY_STOPWORD for w in words):
        return "about the assistant"
    return None
