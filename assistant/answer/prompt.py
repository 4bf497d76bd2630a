"""The answer prompt: the evidence chosen and ordered, and the JSON schema the model must fill."""

from __future__ import annotations

from ..config import Settings
from ..llm import prompt
from ..retrieval import Hit
from ..translation import LANGUAGE_NAMES
from ..untrusted import neutral, prompt_title


def answer_schema(ids: list[str], settings: Settings) -> dict:
    """The JSON the model must produce. Ids come first and are limited to the ones it was given:
    a small model chooses its evidence better before it writes than after."""
    return {
        "type": "object",
        "properties": {
            "sentence_ids": {
                "type": "array",
                "items": {"type": "string", "enum": ids},
                "maxItems": min(settings.max_cited, len(ids)),
            },
            "answer": {"type": "string", "maxLength": 700},
            "insufficient_evidence": {"type": "boolean"},
        },
        "required": ["sentence_ids", "answer", "insufficient_evidence"],
    }


def select_evidence(hits: list[Hit], settings: Settings) -> list[Hit]:
    """Best hits first, while their estimated tokens fit the budget (at least one)."""
    chosen: list[Hit] = []
    used = 0
    for hit in hits:
        # "[S1] " costs 4 (titles are written once per article)
        cost = int(len(hit.text) / settings.chars_per_token) + 4
        if chosen and used + cost > settings.prompt_token_budget:
            break
        chosen.append(hit)
        used += cost
    return chosen


def build_messages(question: str, language: str, hits: list[Hit], settings: Settings) -> list[dict[str, str]]:
    """System prompt (fixed, so llama.cpp reuses its cache), then the data block and the question.

    Sentences are grouped by article so each title and date is written once; ``hits`` must be in
    the order ``order_for_prompt`` gives, so that S1, S2, … follow the listing.
    """
    lines = []
    current = None
    for i, hit in enumerate(hits, start=1):
        if hit.doc_id != current:
            current = hit.doc_id
            title = hit.title if len(hit.title) <= 80 else hit.title[:77] + "…"
            lines.append(f"Article: {prompt_title(title, hit.doc_id)} ({hit.date or 'undated'})")
        lines.append(f"[S{i}] {neutral(hit.text, settings.prompt_sentence_chars)}")
    user = prompt("answer.user.txt").format(
        sources="\n".join(lines),
        question=neutral(question),
        language=LANGUAGE_NAMES.get(language, "English"),
    )
    return [{"role": "system", "content": prompt("answer.system.txt")}, {"role": "user", "content": user}]


def order_for_prompt(hits: list[Hit]) -> list[Hit]:
    """Group by article (articles in order of their best hit), sentences in text order within one."""
    first_seen: dict[str, int] = {}
    for place, hit in enumerate(hits):
        first_seen.setdefault(hit.doc_id, place)
    return sorted(hits, key=lambda h: (first_seen[h.doc_id], h.start))
