"""A claim without a figure: schema-constrained entailment over the retrieved sentences."""

from __future__ import annotations

import re
import time

import numpy as np

from ..config import Settings
from ..evidence import Evidence
from ..index import Index
from ..llm import Generator, json_object, prompt
from ..retrieval import Hit, rank
from ..untrusted import neutral, prompt_title
from ..words import NEGATION, alternation, negation_cues
from .result import CheckResult, Progress, decide


def entailment_schema(ids: list[str]) -> dict:
    pick = {"type": "array", "items": {"type": "string", "enum": ids}, "maxItems": min(3, len(ids))}
    return {
        "type": "object",
        "properties": {"supporting": pick, "contradicting": pick},
        "required": ["supporting", "contradicting"],
    }


_NEGATION = {
    lang: re.compile(rf"\b(?:{alternation(negation_cues(lang))})\b", re.I) for lang in (*NEGATION, None)
}


def negated(text: str, language: str) -> bool:
    """Does the text say something is not so ("nicht", "never", "bestritten", "ne … pas")? The cues
    are the text's language's: Italian "mai" is "never" and German „Mai“ a month, Dutch "noch" is
    "nor" and German „noch“ "still". A language without a list uses every language's."""
    return bool(_NEGATION.get(language, _NEGATION[None]).search(text))


def entailment_relation(
    label: str | None,
    claim: str,
    hit: Hit,
    settings: Settings,
    languages: tuple[str, str],
) -> str | None:
    """The model's label for one sentence, kept only where the program can back it.

    Measured on the sample corpus, the bundled model marks nearly every retrieved sentence as
    contradicting. So a support needs the sentence to be close to the claim (``settings.entail_similarity``)
    with the same polarity; a contradiction needs the same closeness and opposite polarity
    ("has not delivered" against "lieferte"). Anything else is not counted. A sentence at least
    ``settings.entail_strong`` close counts even when the model left it out (it often picks nothing).
    Polarity is read in each text's language: ``languages`` is (the claim's, the sentence's).
    """
    claim_language, sentence_language = languages
    same_polarity = negated(claim, claim_language) == negated(hit.text, sentence_language)
    if hit.dense >= settings.entail_strong and label != "contradicts":
        return "supports" if same_polarity else "contradicts"
    if label is None or hit.dense < settings.entail_similarity:
        return None
    if label == "supports" and same_polarity:
        return "supports"
    if label in ("supports", "contradicts") and not same_polarity:
        return "contradicts"
    return None


def check_entailment(
    claim: str,
    language: str,
    qv: np.ndarray,
    index: Index,
    generator: Generator,
    settings: Settings,
    progress: Progress | None,
    t0: float,
) -> CheckResult:
    hits = rank(index, qv, claim, language, settings, k=settings.entailment_sentences)
    t1 = time.perf_counter()
    timings = {"retrieval_ms": round((t1 - t0) * 1000, 1), "judge_ms": 0.0}
    checks: dict = {"candidates": len(hits), "best_score": round(max((h.score for h in hits), default=0), 3)}
    usage = {"prompt_tokens": 0, "completion_tokens": 0}
    relations: dict[str, str] = {}
    if hits and checks["best_score"] >= settings.min_evidence_score:
        if progress:
            progress("reading what the articles say")
        ids = [f"S{i}" for i in range(1, len(hits) + 1)]
        lines = [
            f"[{i}] ({prompt_title(h.title[:60], h.doc_id)}, {h.date or 'undated'}) {neutral(h.text)}"
            for i, h in zip(ids, hits)
        ]
        messages = [
            {"role": "system", "content": prompt("check.entail.system.txt")},
            {
                "role": "user",
                "content": prompt("check.entail.user.txt").format(
                    sentences="\n".join(lines), claim=neutral(claim)
                ),
            },
        ]
        reply = json_object(
            str(generator.generate(messages, schema=entailment_schema(ids), max_tokens=settings.judge_tokens))
        )
        usage = dict(generator.last_usage)
        labels: dict[str, str] = {}
        for key, label in (("contradicting", "contradicts"), ("supporting", "supports")):
            for i in reply.get(key) or []:
                if i in ids:
                    labels[i] = label
        checks["model_labels"] = labels
        for i, hit in zip(ids, hits):
            languages = (language, index.documents[hit.doc_id].language)
            relation = entailment_relation(labels.get(i), claim, hit, settings, languages)
            if relation:
                relations[i] = relation
        checks["relations"] = relations
    else:
        checks["gate"] = "off-topic: no sentence is close to the claim"
    timings["judge_ms"] = round((time.perf_counter() - t1) * 1000, 1)
    timings.update(usage)
    evidence = []
    for i, hit in enumerate(hits, start=1):
        rel = relations.get(f"S{i}")
        if rel:
            evidence.append((Evidence.of(hit, index), rel))
    verdict = decide(list(relations.values()))
    return CheckResult(claim, language, verdict, None, "", "", [], evidence, timings, checks)
