"""Batch evaluation: a gold set of questions and claims, scored item by item and summarised.

Every metric is a plain function of one item's output and the documents, so the same scoring
serves the assistant and the plain-RAG baseline (``baseline.py``). The gold format is documented
in ``eval/README.md``.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .answer import ask
from .check import VERDICTS, check
from .errors import BadInputError
from .figures import extract_figures
from .language import detect_language
from .report import write_report
from .retrieval import search

TYPES = ("ask", "check")
RETRIEVAL_K = 5  # sentences whose documents count for retrieval recall


@dataclass
class GoldItem:
    id: str
    type: str  # "ask" | "check"
    text: str
    language: str
    expected_facts: list[str] = field(default_factory=list)  # each "a|b" means a or b
    expected_docs: list[str] = field(default_factory=list)
    expected_verdict: str | None = None  # for "check"
    answerable: bool = True  # for "ask": False when the articles cannot answer it


def load_gold(path: Path) -> list[GoldItem]:
    """Read a gold JSONL file; every problem is reported with its line number."""
    if not path.is_file():
        raise BadInputError(f"No gold file at {path}.", "See eval/README.md for the format.")
    items: list[GoldItem] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        missing = [k for k in ("id", "type", "text", "language") if not raw.get(k)]
        if missing:
            problems.append(f"line {number}: missing {', '.join(missing)}")
            continue
        if raw["type"] not in TYPES:
            problems.append(f"line {number}: type must be ask or check, not {raw['type']!r}")
            continue
        verdict = raw.get("expected_verdict")
        if raw["type"] == "check" and verdict not in VERDICTS:
            problems.append(f"line {number}: a check needs expected_verdict, one of {', '.join(VERDICTS)}")
            continue
        if raw["id"] in seen:
            problems.append(f"line {number}: id {raw['id']!r} is used twice")
            continue
        seen.add(raw["id"])
        docs = list(raw.get("expected_docs") or [])
        items.append(
            GoldItem(
                id=str(raw["id"]),
                type=raw["type"],
                text=raw["text"],
                language=raw["language"],
                expected_facts=[str(f) for f in raw.get("expected_facts") or []],
                expected_docs=docs,
                expected_verdict=verdict,
                answerable=bool(raw.get("answerable", bool(docs))),
            )
        )
    if problems:
        raise BadInputError(f"{path} has {len(problems)} problem(s): " + "; ".join(problems[:10]))
    if not items:
        raise BadInputError(f"{path} has no items.")
    return items


# ---------------------------------------------------------------- matching


def fact_present(fact: str, text: str) -> bool:
    """Is one of the fact's alternatives ("a|b") in ``text``? Figures match by value, in any form:
    "12 000" equals "12,000" and "12.000"; "8 Millionen" equals "8 million"."""
    for alternative in (a.strip() for a in fact.split("|")):
        if not alternative:
            continue
        wanted = {f.value for f in extract_figures(alternative)}
        stated = {f.value for f in extract_figures(text)} if wanted else set()
        if wanted and wanted <= stated:
            return True
        if alternative.casefold() in text.casefold():
            return True
    return False


_QUOTED = re.compile(r"[„“\"«]([^„“”\"«»]{12,})[“”\"»](?:\s*\([^()]*\))?")


def own_words(answer: str) -> str:
    """The answer without the passages it quotes (and a quote's translation in brackets after it):
    the language of an answer is the language of its own words, not of the German it cites."""
    return re.sub(r"\s+", " ", _QUOTED.sub(" ", answer)).strip()


def _normal(text: str) -> str:
    text = re.sub(r"[„“”\"«»‚‘’']", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def verbatim(
    quote: str, documents: dict[str, str], doc_id: str | None = None, start: int | None = None
) -> bool:
    """Is the quote word for word in the documents?

    With offsets (the assistant's evidence) the check is exact: ``text[start:end] == quote``. A free
    quote (the baseline's) must appear in some document, ignoring quotation marks, spacing and case.
    """
    if doc_id is not None and start is not None:
        text = documents.get(doc_id, "")
        return text[start : start + len(quote)] == quote
    needle = _normal(quote)
    return len(needle) >= 12 and any(needle in _normal(t) for t in documents.values())


# ---------------------------------------------------------------- scoring one item


def score_item(item: GoldItem, output: dict, documents: dict[str, str]) -> dict:
    """The metrics of one output. ``output`` has the keys a runner writes (see ``run_item``):
    answer, insufficient, verdict, cited_docs, retrieved_docs, quotes, translations, timings."""
    metrics: dict[str, float | bool | None] = {}
    expected = set(item.expected_docs)
    retrieved = output.get("retrieved_docs") or []
    metrics["retrieval_recall"] = bool(expected & set(retrieved[:RETRIEVAL_K])) if expected else None
    cited = output.get("cited_docs") or []
    metrics["citation_accuracy"] = (
        sum(d in expected for d in cited) / len(cited) if cited and expected else None
    )
    quotes = output.get("quotes") or []
    if quotes:
        ok = [verbatim(q["quote"], documents, q.get("doc_id"), q.get("start")) for q in quotes]
        metrics["quote_verbatim"] = sum(ok) / len(ok)
        foreign = [q for q in quotes if q.get("language", "de") != "en"]
        translated = [q for q in foreign if q.get("translation")]
        metrics["translation_coverage"] = len(translated) / len(foreign) if foreign else None
    else:
        metrics["quote_verbatim"] = None
        metrics["translation_coverage"] = None
    answer = output.get("answer") or ""
    if item.type == "ask":
        metrics["insufficient"] = bool(output.get("insufficient"))
        if item.answerable:
            metrics["answer_accuracy"] = not output.get("insufficient") and all(
                fact_present(f, answer) for f in item.expected_facts
            )
        else:
            metrics["answer_accuracy"] = bool(output.get("insufficient"))
        judged = "" if output.get("insufficient") else own_words(answer)
        metrics["verdict_correct"] = None
    else:
        metrics["verdict_correct"] = output.get("verdict") == item.expected_verdict
        metrics["answer_accuracy"] = metrics["verdict_correct"]
        metrics["insufficient"] = None
        judged = answer  # the explanation
    metrics["language_match"] = (
        detect_language(judged, default=item.language) == item.language if len(judged.split()) >= 3 else None
    )
    return metrics


# ---------------------------------------------------------------- the summary


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _mean(values: list) -> float | None:
    present = [float(v) for v in values if v is not None]
    return round(sum(present) / len(present), 4) if present else None


def summarise(items: list[GoldItem], results: list[dict]) -> dict:
    """Means of every metric, insufficient-evidence precision and recall, the verdict confusion
    matrix, and latency and token percentiles. ``results`` are ``{"metrics", "output"}`` per item."""
    metrics = [r["metrics"] for r in results]
    outputs = [r["output"] for r in results]
    summary: dict = {"items": len(items)}
    for name in (
        "retrieval_recall",
        "citation_accuracy",
        "answer_accuracy",
        "quote_verbatim",
        "translation_coverage",
        "language_match",
    ):
        summary[name] = _mean([m.get(name) for m in metrics])
    asks = [(i, m) for i, m in zip(items, metrics) if i.type == "ask"]
    flagged = [i for i, m in asks if m.get("insufficient")]
    truly = [i for i, _ in asks if not i.answerable]
    hits = [i for i in flagged if not i.answerable]
    summary["insufficient_precision"] = round(len(hits) / len(flagged), 4) if flagged else None
    summary["insufficient_recall"] = round(len(hits) / len(truly), 4) if truly else None
    summary["verdict_accuracy"] = _mean([m.get("verdict_correct") for m in metrics])
    checks = [(i, o) for i, o in zip(items, outputs) if i.type == "check"]
    confusion = Counter((i.expected_verdict, o.get("verdict") or "none") for i, o in checks)
    summary["confusion"] = {
        expected: {
            got: confusion[(expected, got)] for got in (*VERDICTS, "none") if confusion[(expected, got)]
        }
        for expected in VERDICTS
    }
    for key in ("ttft_ms", "total_ms", "prompt_tokens", "completion_tokens"):
        values = [float(o["timings"][key]) for o in outputs if o.get("timings", {}).get(key) is not None]
        summary[key] = {
            "p50": percentile(values, 0.5),
            "p95": percentile(values, 0.95),
            "mean": round(statistics.fmean(values), 1) if values else None,
        }
    summary["by_type"] = dict(Counter(i.type for i in items))
    return summary


# ---------------------------------------------------------------- running


def assistant_output(item: GoldItem, index, embedder, generator, settings, translations) -> dict:
    """Run one item through the assistant (``ask`` or ``check``) and describe what came out."""
    retrieved = [h.doc_id for h in search(index, embedder, item.text, settings, k=RETRIEVAL_K).hits]
    started = time.perf_counter()
    if item.type == "ask":
        answer = ask(
            item.text, index, embedder, generator, settings, lang=item.language, translations=translations
        )
        evidence = answer.evidence
        out = {"answer": answer.answer, "insufficient": answer.insufficient_evidence, "verdict": None}
        out["checks"] = answer.checks  # why the assistant answered or declined, for reading failures
        timings = dict(answer.timings)
    else:
        result = check(
            item.text, index, embedder, generator, settings, lang=item.language, translations=translations
        )
        evidence = [e for e, _ in result.evidence]
        out = {"answer": result.explanation, "insufficient": None, "verdict": result.verdict}
        timings = dict(result.timings)
        timings.pop("ttft_ms", None)
    timings.setdefault("total_ms", round((time.perf_counter() - started) * 1000, 1))
    out.update(
        cited_docs=list(dict.fromkeys(e.doc_id for e in evidence)),
        retrieved_docs=list(dict.fromkeys(retrieved)),
        quotes=[
            {
                "quote": e.quote,
                "doc_id": e.doc_id,
                "start": e.start,
                "language": e.quote_language,
                "translation": e.translation,
                "translation_doubtful": e.translation_doubtful,
            }
            for e in evidence
        ],
        timings=timings,
    )
    return out


def run(
    items: list[GoldItem],
    systems: dict,
    documents: dict[str, str],
    out_dir: Path,
    progress=None,
) -> dict:
    """Run every item through every system (name -> callable(item) -> output); write
    ``results.jsonl``, ``summary.json`` and ``report.html`` into ``out_dir``; return the summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    per_system: dict[str, list[dict]] = {name: [] for name in systems}
    with open(out_dir / "results.jsonl", "w", encoding="utf-8") as fh:
        for n, item in enumerate(items, start=1):
            for name, system in systems.items():
                output = system(item)
                record = {
                    "system": name,
                    "id": item.id,
                    "type": item.type,
                    "language": item.language,
                    "text": item.text,
                    "expected_verdict": item.expected_verdict,
                    "expected_facts": item.expected_facts,
                    "expected_docs": item.expected_docs,
                    "output": output,
                    "metrics": score_item(item, output, documents),
                }
                per_system[name].append(record)
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                fh.flush()
            if progress:
                progress(n, len(items))
    summary = {name: summarise(items, records) for name, records in per_system.items()}
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    write_report(out_dir / "report.html", summary, per_system)
    return summary


# ---------------------------------------------------------------- XQuAD answers

_ARTICLES = {
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "the",
    "a",
    "an",
}


def squad_tokens(text: str) -> list[str]:
    """SQuAD normalisation: lower case, no punctuation, no articles (German and English), one space."""
    text = re.sub(r"[^\w\s]", " ", text.casefold())
    return [t for t in text.split() if t not in _ARTICLES]


def exact_match(prediction: str, gold: str) -> bool:
    return squad_tokens(prediction) == squad_tokens(gold)


def f1_score(prediction: str, gold: str) -> float:
    pred, ref = squad_tokens(prediction), squad_tokens(gold)
    common = sum((Counter(pred) & Counter(ref)).values())
    if not pred or not ref or common == 0:
        return float(pred == ref)
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def contains_answer(text: str, gold: str) -> bool:
    """Is the gold span's normalised token sequence inside ``text``? A full-sentence answer that
    states the span scores here even though its exact match is 0."""
    wanted, tokens = squad_tokens(gold), squad_tokens(text)
    if not wanted:
        return False
    return any(tokens[i : i + len(wanted)] == wanted for i in range(len(tokens) - len(wanted) + 1))
