"""The evaluation report: one self-contained HTML file with inline SVG plots (no network, no JS).

Plots: metric bars per system side by side, the verdict confusion matrix per system, and the
latency distribution per system. Below them, every item with each system's output.
"""

from __future__ import annotations

import html
from pathlib import Path

from .check import VERDICTS

METRICS = [
    ("retrieval_recall", "retrieval recall@5"),
    ("citation_accuracy", "citation accuracy"),
    ("answer_accuracy", "answer accuracy"),
    ("verdict_accuracy", "verdict accuracy"),
    ("quote_verbatim", "quotes verbatim"),
    ("translation_coverage", "translation coverage"),
    ("language_match", "answer language"),
    ("insufficient_precision", "insufficient: precision"),
    ("insufficient_recall", "insufficient: recall"),
]
COLOURS = ["#0969da", "#bf8700", "#8250df", "#1a7f37"]


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def metric_bars(summary: dict) -> str:
    systems = list(summary)
    row_h, bar_h, label_w, width = 18 * len(systems) + 10, 16, 190, 420
    height = row_h * len(METRICS) + 30
    parts = [f'<svg width="{label_w + width + 60}" height="{height}" role="img" aria-label="metrics">']
    for r, (key, label) in enumerate(METRICS):
        y0 = 10 + r * row_h
        parts.append(f'<text x="0" y="{y0 + 13}" font-size="12">{esc(label)}</text>')
        for s, name in enumerate(systems):
            value = summary[name].get(key)
            y = y0 + s * 18
            if value is None:
                parts.append(f'<text x="{label_w}" y="{y + 12}" font-size="11" fill="#57606a">n/a</text>')
                continue
            w = max(1, round(value * width))
            colour = COLOURS[s % len(COLOURS)]
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}"/>')
            parts.append(f'<text x="{label_w + w + 4}" y="{y + 12}" font-size="11">{value:.2f}</text>')
    legend_y = height - 8
    for s, name in enumerate(systems):
        x = label_w + s * 140
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{COLOURS[s % 4]}"/>')
        parts.append(f'<text x="{x + 16}" y="{legend_y}" font-size="12">{esc(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def confusion_table(confusion: dict) -> str:
    columns = [*VERDICTS, "none"]
    peak = max([n for row in confusion.values() for n in row.values()] or [1])
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    rows = []
    for expected in VERDICTS:
        cells = []
        for got in columns:
            n = confusion.get(expected, {}).get(got, 0)
            alpha = 0.15 + 0.85 * n / peak if n else 0
            colour = "26,127,55" if got == expected else "207,34,46"
            cells.append(f'<td style="background:rgba({colour},{alpha:.2f})">{n or ""}</td>')
        rows.append(f"<tr><th>{esc(expected)}</th>{''.join(cells)}</tr>")
    return f'<table class="confusion"><tr><th>expected \\ got</th>{head}</tr>{"".join(rows)}</table>'


def latency_plot(per_system: dict[str, list[dict]], key: str = "total_ms") -> str:
    """Each item's time as a dot on one axis per system, with the p50 and p95 marked."""
    values = {
        name: [r["output"]["timings"][key] / 1000 for r in records if r["output"].get("timings", {}).get(key)]
        for name, records in per_system.items()
    }
    top = max([v for vs in values.values() for v in vs] or [1.0])
    width, label_w, row_h = 520, 110, 34
    parts = [f'<svg width="{label_w + width + 40}" height="{row_h * len(values) + 40}" role="img">']
    for r, (name, vs) in enumerate(values.items()):
        y = 20 + r * row_h
        parts.append(f'<text x="0" y="{y + 4}" font-size="12">{esc(name)}</text>')
        parts.append(f'<line x1="{label_w}" y1="{y}" x2="{label_w + width}" y2="{y}" stroke="#d0d7de"/>')
        for v in vs:
            x = label_w + v / top * width
            parts.append(f'<circle cx="{x:.1f}" cy="{y}" r="3" fill="{COLOURS[r % 4]}" fill-opacity="0.6"/>')
        for q, mark in ((0.5, "p50"), (0.95, "p95")):
            if vs:
                v = sorted(vs)[min(len(vs) - 1, round(q * (len(vs) - 1)))]
                x = label_w + v / top * width
                parts.append(f'<line x1="{x:.1f}" y1="{y - 9}" x2="{x:.1f}" y2="{y + 9}" stroke="black"/>')
                parts.append(f'<text x="{x + 2:.1f}" y="{y - 11}" font-size="10">{mark} {v:.1f}s</text>')
    axis_y = 20 + row_h * len(values)
    parts.append(f'<text x="{label_w}" y="{axis_y}" font-size="11">0 s</text>')
    parts.append(f'<text x="{label_w + width - 30}" y="{axis_y}" font-size="11">{top:.1f} s</text>')
    parts.append("</svg>")
    return "".join(parts)


def summary_table(summary: dict) -> str:
    systems = list(summary)
    head = "".join(f"<th>{esc(s)}</th>" for s in systems)
    rows = []
    for key, label in METRICS:
        cells = "".join(f"<td>{_fmt(summary[s].get(key))}</td>" for s in systems)
        rows.append(f"<tr><th>{esc(label)}</th>{cells}</tr>")
    for key in ("ttft_ms", "total_ms", "prompt_tokens", "completion_tokens"):
        cells = "".join(
            f"<td>{_fmt(summary[s][key]['p50'])} / {_fmt(summary[s][key]['p95'])}</td>" for s in systems
        )
        rows.append(f"<tr><th>{esc(key)} p50 / p95</th>{cells}</tr>")
    return f'<table class="summary"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float) and value <= 1.0:
        return f"{value:.3f}"
    return f"{value:,.0f}" if isinstance(value, (int, float)) else esc(value)


def items_table(per_system: dict[str, list[dict]]) -> str:
    rows = []
    names = list(per_system)
    for i, record in enumerate(per_system[names[0]]):
        cells = []
        for name in names:
            r = per_system[name][i]
            out = r["output"]
            m = r["metrics"]
            mark = "✓" if m.get("answer_accuracy") else "✗"
            verdict = f"<b>{esc(out['verdict'])}</b><br>" if out.get("verdict") else ""
            quotes = "".join(f"<li>„{esc(q['quote'])}“</li>" for q in out.get("quotes") or [])
            cells.append(
                f"<td>{mark} {verdict}{esc(out.get('answer', ''))[:600]}"
                f"<details><summary>quotes, metrics</summary><ul>{quotes}</ul>"
                f"<code>{esc({k: v for k, v in m.items() if v is not None})}</code></details></td>"
            )
        expected = record["expected_verdict"] or " | ".join(record["expected_facts"]) or "(not answerable)"
        rows.append(
            f"<tr><td><code>{esc(record['id'])}</code><br>{esc(record['language'])}</td>"
            f"<td>{esc(record['text'])}<br><small>expected: {esc(expected)}</small></td>{''.join(cells)}</tr>"
        )
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    return f'<table class="items"><tr><th>id</th><th>item</th>{head}</tr>{"".join(rows)}</table>'


def write_report(path: Path, summary: dict, per_system: dict[str, list[dict]]) -> None:
    confusions = "".join(
        f"<div><h3>{esc(name)}</h3>{confusion_table(summary[name]['confusion'])}</div>" for name in summary
    )
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>factcheck evaluation</title>
<style>
body {{font-family: system-ui, sans-serif; margin: 24px; max-width: 1200px;}}
table {{border-collapse: collapse; margin: 8px 0 24px;}}
td, th {{border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; text-align: left;}}
.confusion td {{text-align: center; min-width: 48px;}}
.items td {{font-size: 0.9em;}} .row {{display: flex; gap: 32px; flex-wrap: wrap;}}
</style></head><body>
<h1>factcheck evaluation</h1>
<p>{summary[next(iter(summary))]["items"]} items. Systems: {esc(", ".join(summary))}.</p>
<h2>Metrics</h2>{metric_bars(summary)}{summary_table(summary)}
<h2>Verdicts (claims)</h2><div class="row">{confusions}</div>
<h2>Latency per item (total)</h2>{latency_plot(per_system)}
<h2>Items</h2>{items_table(per_system)}
</body></html>"""
    path.write_text(page, encoding="utf-8")
