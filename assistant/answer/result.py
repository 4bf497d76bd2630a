"""An answer, and the fixed replies in each language."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

from ..evidence import Evidence

INSUFFICIENT = {
    "en": "The articles do not answer this question.",
    "de": "Die Artikel beantworten diese Frage nicht.",
    "fr": "Les articles ne répondent pas à cette question.",
    "es": "Los artículos no responden a esta pregunta.",
    "it": "Gli articoli non rispondono a questa domanda.",
    "nl": "De artikelen beantwoorden deze vraag niet.",
    "pt": "Os artigos não respondem a esta pergunta.",
    "pl": "Artykuły nie odpowiadają na to pytanie.",
}


FALLBACK = {
    "en": "The cited sentences state:",
    "de": "Die zitierten Sätze besagen:",
    "fr": "Les phrases citées indiquent :",
    "es": "Las frases citadas dicen:",
    "it": "Le frasi citate affermano:",
    "nl": "De geciteerde zinnen zeggen:",
    "pt": "As frases citadas afirmam:",
    "pl": "Cytowane zdania mówią:",
}


NOT_ABOUT_ARTICLES = {
    "en": "This asks about the assistant, not about the articles. Ask what the articles report.",
    "de": "Das ist eine Frage an den Assistenten, nicht an die Artikel. "
    "Fragen Sie, was die Artikel berichten.",
    "fr": "Cette question porte sur l'assistant, pas sur les articles. "
    "Demandez ce que rapportent les articles.",
    "es": "Esto pregunta por el asistente, no por los artículos. Pregunte qué informan los artículos.",
    "it": "Questa domanda riguarda l'assistente, non gli articoli. Chieda che cosa riportano gli articoli.",
    "nl": "Dit gaat over de assistent, niet over de artikelen. Vraag wat de artikelen melden.",
    "pt": "Isto pergunta pelo assistente, não pelos artigos. Pergunte o que os artigos relatam.",
    "pl": "To pytanie o asystenta, a nie o artykuły. Proszę zapytać, o czym piszą artykuły.",
}


@dataclass
class Answer:
    question: str
    language: str
    answer: str
    insufficient_evidence: bool
    evidence: list[Evidence]
    timings: dict[str, float] = field(default_factory=dict)
    checks: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "language": self.language,
            "answer": self.answer,
            "insufficient_evidence": self.insufficient_evidence,
            "evidence": [asdict(e) for e in self.evidence],
            "timings": self.timings,
            "checks": self.checks,
        }


def insufficient(question: str, language: str, timings: dict, checks: dict, t0: float) -> Answer:
    timings.setdefault("ttft_ms", 0.0)
    timings["total_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    timings.setdefault("prompt_tokens", 0)
    timings.setdefault("completion_tokens", 0)
    return Answer(
        question, language, INSUFFICIENT.get(language, INSUFFICIENT["en"]), True, [], timings, checks
    )


def fresh_checks() -> dict:
    """What an answer's checks record before any of them ran."""
    return {"dropped_ids": 0, "ungrounded_numbers": [], "repair": "none"}
