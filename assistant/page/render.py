"""What the page shows, as HTML and table rows: evidence cards, answers, verdicts, figure tables
and charts, documents. Every text from an article, an upload or the model is escaped here."""

from __future__ import annotations

import html
import time
from pathlib import Path

from ..answer.events import AskEvent, Candidates, Done, Revised, Token
from ..errors import FactcheckError
from ..evidence import Evidence
from ..sharing import Tick, Waiting

VERDICT_LABELS = {
    "supported": ("Supported", "#1a7f37"),
    "refuted": ("Refuted", "#cf222e"),
    "conflicting": ("Conflicting sources", "#9a6700"),
    "not_enough_evidence": ("Not enough evidence", "#57606a"),
}


CSS = """
.evidence {border-left: 4px solid #0969da; padding: 4px 10px; margin: 8px 0; background: #f6f8fa;}
.evidence .quote {font-style: italic;}
.evidence .translation {color: #24292f;}
.uncertain {background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: 0 4px;
  font-size: 0.85em;}
.doubtful {color: #57606a; font-style: italic;}
.evidence .meta {font-size: 0.85em; color: #57606a;}
.evidence mark {background: #fff8c5;}
.insufficient {border-left: 4px solid #9a6700; padding: 4px 10px; background: #fff8c5;}
.verdict {display: inline-block; padding: 6px 14px; border-radius: 16px; color: white; font-weight: bold;}
.figures td, .figures th {padding: 4px 8px; vertical-align: top; border-bottom: 1px solid #d0d7de;}
.rel-supports {color: #1a7f37; font-weight: bold;}
.rel-contradicts {color: #cf222e; font-weight: bold;}
.rel-related {color: #57606a;}
.status {color: #57606a; font-style: italic;}
.candidates summary {color: #57606a; font-size: 0.85em;}
.doctext {white-space: pre-wrap; max-height: 480px; overflow-y: auto;}
.doctext mark.instruction {background: #fde2e2; text-decoration: line-through;}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def quote_in_context(text: str, start: int, end: int, reach: int = 400) -> str:
    """The paragraph around ``text[start:end]`` with the quote marked (everything escaped)."""
    left = text.rfind("\n\n", max(0, start - reach), start)
    left = left + 2 if left >= 0 else max(0, start - reach)
    right = text.find("\n\n", end, end + reach)
    right = right if right >= 0 else min(len(text), end + reach)
    before = ("…" if left > 0 and text[left - 1] not in "\n" else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) and text[right] != "\n" else "")
    return f"{esc(before)}<mark>{esc(text[start:end])}</mark>{esc(after)}"


def translated(row) -> str:
    """A quote's English translation; one that failed the meaning check is marked as uncertain,
    and the original stands beside it."""
    if row.translation_doubtful:
        return (
            '<span class="uncertain" title="This machine translation failed the meaning check: '
            'compare the original.">uncertain translation</span> '
            f'<span class="doubtful">{esc(row.translation)}</span>'
        )
    return esc(row.translation)


def evidence_cards(evidence, index, relations: list[str] | None = None) -> str:
    """One card per quote: the quote, its translation, source, date, id, and the quote in context."""
    cards = []
    for i, ev in enumerate(evidence, start=1):
        doc = index.documents.get(ev.doc_id)
        context = quote_in_context(doc.text, ev.start, ev.end) if doc else esc(ev.quote)
        relation = f" · {esc(relations[i - 1])}" if relations else ""
        translation = f'<div class="translation">→ {translated(ev)}</div>' if ev.translation else ""
        cards.append(
            f'<div class="evidence" data-doc="{esc(ev.doc_id)}">'
            f'<div class="quote" lang="{esc(ev.quote_language)}">[{i}] „{esc(ev.quote)}“</div>'
            f"{translation}"
            f'<div class="meta">{esc(ev.title)} · {esc(ev.date or "undated")} · <code>{esc(ev.doc_id)}</code>'
            f" · characters {ev.start}–{ev.end}{relation}</div>"
            f"<details><summary>show in context</summary><p>{context}</p></details>"
            "</div>"
        )
    return "\n".join(cards)


def answer_message(answer, index) -> str:
    if answer.insufficient_evidence:
        return notice(answer.answer)
    return f"{esc(answer.answer)}\n\n{evidence_cards(answer.evidence, index)}"


def verdict_badge(verdict: str) -> str:
    label, colour = VERDICT_LABELS[verdict]
    return f'<span class="verdict" style="background:{colour}" data-verdict="{verdict}">{label}</span>'


def figures_table(result, index) -> str:
    if not result.figures:
        return ""
    head = (
        "<tr><th>Source</th><th>Date</th><th>Stated figure</th><th>Value</th><th>Quote</th>"
        "<th>Translation</th><th>Relation</th></tr>"
    )
    rows = []
    for r in result.figures:
        doc = index.documents.get(r.doc_id)
        quote = (
            esc(doc.text[r.start : r.figure_start])
            + f"<mark>{esc(r.figure)}</mark>"
            + esc(doc.text[r.figure_end : r.end])
            if doc
            else esc(r.quote)
        )
        value = f"{r.value:,.0f}" if r.value >= 100 else f"{r.value:g}"
        if r.high is not None:
            value += f"–{r.high:,.0f}"
        note = f"<br><small>{esc(r.note)}</small>" if r.note else ""
        rows.append(
            f'<tr class="row-{esc(r.relation)}"><td>{esc(r.title[:60])}<br><code>{esc(r.doc_id)}</code></td>'
            f"<td>{esc(r.date or 'undated')}</td><td>„{esc(r.figure)}“</td>"
            f"<td>{value} ({esc(r.qualifier)})</td>"
            f"<td>{quote}</td><td>{translated(r) if r.translation else ''}</td>"
            f'<td class="rel-{esc(r.relation)}">{esc(r.relation)}{note}</td></tr>'
        )
    return f'<table class="figures">{head}{"".join(rows)}</table>'


def figures_chart(result):
    """Rows for a bar chart: the claim, then every voting source's figure, by date."""
    import pandas as pd

    voting = [r for r in result.figures if r.relation != "related"]
    if not voting or result.claimed is None:
        return pd.DataFrame({"source": [], "value": [], "relation": []})
    rows = [
        {
            "source": f"{r.doc_id[:3]} · {r.date or 'undated'} · „{r.figure}“",
            "value": r.value,
            "relation": r.relation,
        }
        for r in sorted(voting, key=lambda r: (r.date or "9999", r.doc_id))
    ]
    rows.insert(
        0,
        {
            "source": f"claim: {result.claimed['text']}",
            "value": result.claimed["value"],
            "relation": "claimed",
        },
    )
    return pd.DataFrame(rows)


# "instructions": how many of a document's sentences address a model (never evidence)
DOCUMENT_COLUMNS = ["id", "title", "date", "language", "sentences", "characters", "file", "instructions"]


def documents_rows(index) -> list[list]:
    if index is None:
        return []
    counts: dict[str, int] = {}
    for s in index.sentences:
        counts[s.doc_id] = counts.get(s.doc_id, 0) + 1
    return [
        [
            d.id,
            d.title[:80],
            d.date or "",
            d.language,
            counts.get(d.id, 0),
            len(d.text),
            Path(d.source).name,
            index.instruction_count(d.id) or "",
        ]
        for d in index.documents.values()
    ]


def document_html(index, doc_id: str) -> str:
    """A document's text, its sentences that address a model struck through and explained."""
    doc = index.documents[doc_id]
    meta = (
        f"<b>{esc(doc.title)}</b> · {esc(doc.date or 'undated')} · "
        f"{esc(doc.author or 'no author')} · {esc(doc.language)}"
    )
    flagged = [index.sentences[row] for row in index.sentence_rows(doc_id) if row in index.instructions]
    if not flagged:
        return f'{meta}<div class="doctext" id="doctext">{esc(doc.text)}</div>'
    parts, at = [], 0
    for s in flagged:
        parts += [esc(doc.text[at : s.start]), f'<mark class="instruction">{esc(s.text)}</mark>']
        at = s.end
    parts.append(esc(doc.text[at:]))
    warning = notice(
        f"This document contains {len(flagged)} sentence(s) addressed to a language model "
        "(instructions, role markers or prompt markup). They are struck through below and are "
        "never used as evidence."
    )
    return f'{meta}{warning}<div class="doctext" id="doctext">{"".join(parts)}</div>'


def plain_text(content) -> str:
    """A chat message's text: gradio hands back a string or a list of parts."""
    if isinstance(content, str):
        return html.unescape(content)
    if isinstance(content, list):
        return " ".join(plain_text(p.get("text", "") if isinstance(p, dict) else p) for p in content)
    if isinstance(content, dict):
        return plain_text(content.get("text", ""))
    return ""


def notice(text: str) -> str:
    return f'<div class="insufficient">⚠ {esc(text)}</div>'


def message_of(exc: FactcheckError) -> str:
    return f"{exc.message} {exc.hint or ''}".strip()


def status_line(text: str) -> str:
    return f'<div class="status">{esc(text)}</div>'


class AskView:
    """What the chat shows of one answer while its events arrive: the search's candidates and the
    place in the model's line first, then the streamed answer, then the checked answer."""

    def __init__(self, index) -> None:
        self.index = index
        self.candidates = ""
        self.streamed = ""
        self.waiting: tuple[int, float] | None = None  # (ahead, since)

    def update(self, event: AskEvent | Waiting | Tick) -> str | None:
        match event:
            case Candidates(hits):
                self.candidates = evidence_cards([Evidence.of(h, self.index) for h in hits], self.index)
                return self._pending("Reading the sentences found …")
            case Waiting(ahead):
                self.waiting = (ahead, self.waiting[1] if self.waiting else time.monotonic())
                return self._pending(self._line_text())
            case Tick():
                return self._pending(self._line_text()) if self.waiting and not self.streamed else None
            case Token(text):
                self.streamed += text
                return esc(self.streamed)
            case Revised(text):
                self.streamed = text
                return esc(self.streamed)
            case Done(answer):
                return answer_message(answer, self.index)
        return None

    def _line_text(self) -> str:
        ahead, since = self.waiting
        waited = time.monotonic() - since
        if ahead == 0:
            return "Reading the sentences found …"
        return f"Waiting for the model: {ahead} request(s) ahead ({waited:.0f} s) …"

    def _pending(self, text: str) -> str:
        found = (
            f'<details class="candidates" open><summary>Sentences found, being read</summary>'
            f"{self.candidates}</details>"
            if self.candidates
            else ""
        )
        return status_line(text) + found
