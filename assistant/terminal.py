"""What the command line prints: progress bars, and reports, hits, answers, checks and scores as
text or JSON. Everything it shows is computed elsewhere."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click
from tqdm import tqdm

from .index_write import WAITING
from .report import METRICS


class Bars:
    """tqdm bars per stage on stderr, used as an ingest progress callback."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.bars: dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == WAITING:  # said even with --quiet: the command is not stuck
            click.echo(f"{WAITING[0].upper()}{WAITING[1:]}…", err=True)
            return
        if not self.enabled:
            return
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(
                total=total, desc=stage, unit="", file=sys.stderr, leave=True, dynamic_ncols=True
            )
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def report_dict(report) -> dict:
    data = asdict(report)
    data["seconds"] = round(report.seconds, 2)
    return data


def print_report(report, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report_dict(report), ensure_ascii=False, indent=1))
        return
    for problem in report.problems:
        click.secho(f"warning: {problem}", fg="yellow", err=True)
    parts = [
        f"{len(v)} {k}"
        for k, v in (
            ("added", report.added),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("removed", report.removed),
        )
        if v
    ]
    click.echo(
        f"{', '.join(parts) or 'nothing changed'}; index has {report.documents} documents, "
        f"{report.sentences} sentences, {report.chunks} chunks "
        f"({report.embedded} texts"
        + (f" and {report.things} counted things" if report.things else "")
        + f" embedded in {report.seconds:.1f} s)"
    )


def doc_meta(doc) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "author": doc.author,
        "language": doc.language,
        "source": doc.source,
        "content_hash": doc.content_hash,
        "characters": len(doc.text),
    }


def print_hits(result, as_json: bool) -> None:
    if as_json:
        click.echo(
            json.dumps(
                {
                    "query": result.query,
                    "language": result.language,
                    "hits": [asdict(h) for h in result.hits],
                    "timings": {k: round(v, 1) for k, v in result.timings.items()},
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    click.echo(f"query ({result.language}): {result.query}")
    for rank, hit in enumerate(result.hits, start=1):
        click.secho(
            f"{rank}. [{hit.score:.3f}] {hit.doc_id} · {hit.date or 'no date'} · "
            f"{hit.title[:70]} · chars {hit.start}-{hit.end}",
            bold=True,
        )
        click.echo(f"   {hit.text}")
    t = result.timings
    click.echo(f"({t['embed_ms']:.0f} ms embedding, {t['search_ms']:.0f} ms search)", err=True)


def marked(row) -> str:
    """A translation as printed: one that failed the meaning check says so."""
    if row.translation_doubtful:
        return f"[uncertain machine translation, compare the original] {row.translation}"
    return row.translation


def print_answer(answer, show_text: bool = True) -> None:
    click.echo("")
    if answer.insufficient_evidence:
        click.secho(answer.answer, fg="yellow")
    elif show_text:
        click.secho(answer.answer, bold=True)
    for i, ev in enumerate(answer.evidence, start=1):
        click.secho(
            f"\n[{i}] {ev.doc_id} · {ev.date or 'no date'} · {ev.title[:70]} · chars {ev.start}-{ev.end}",
            bold=True,
        )
        click.echo(f"    „{ev.quote}“")
        if ev.translation:
            click.echo(f"    → {marked(ev)}")
    t = answer.timings
    click.echo(
        f"\n(retrieval {t.get('retrieval_ms', 0):.0f} ms, first token {t.get('ttft_ms', 0):.0f} ms, "
        f"total {t.get('total_ms', 0):.0f} ms, {t.get('prompt_tokens', 0)} prompt / "
        f"{t.get('completion_tokens', 0)} completion tokens)",
        err=True,
    )


VERDICT_COLOURS = {
    "supported": "green",
    "refuted": "red",
    "conflicting": "yellow",
    "not_enough_evidence": "blue",
}


def print_check(result) -> None:
    verdict = result.verdict.replace("_", " ").upper()
    click.secho(f"{verdict}", fg=VERDICT_COLOURS[result.verdict], bold=True)
    if result.claimed:
        c = result.claimed
        click.echo(f"Claimed: {c['text']} ({c['qualifier']}) {c['unit']}")
    click.echo(result.explanation)
    click.secho(result.rule, dim=True)
    for i, row in enumerate(result.figures, start=1):
        colour = {"supports": "green", "contradicts": "red"}.get(row.relation)
        note = f" · {row.note}" if row.note else ""
        click.secho(
            f"\n[{i}] {row.relation}{note} · {row.doc_id} · {row.date or 'no date'} · "
            f"„{row.figure}“ = {row.value:,.0f} ({row.qualifier}) · chars {row.start}-{row.end}",
            fg=colour,
            bold=True,
        )
        click.echo(f"    „{row.quote}“")
        if row.translation:
            click.echo(f"    → {marked(row)}")
    if result.claimed is None:
        for i, (ev, relation) in enumerate(result.evidence, start=1):
            click.secho(f"\n[{i}] {relation} · {ev.doc_id} · {ev.date or 'no date'}", bold=True)
            click.echo(f"    „{ev.quote}“")
            if ev.translation:
                click.echo(f"    → {marked(ev)}")
    t = result.timings
    click.echo(
        f"\n(retrieval {t.get('retrieval_ms', 0):.0f} ms, judging {t.get('judge_ms', 0):.0f} ms, "
        f"translation {t.get('translation_ms', 0):.0f} ms, total {t.get('total_ms', 0):.0f} ms)",
        err=True,
    )


def print_summary(summary: dict) -> None:
    names = list(summary)
    click.echo(f"{'':26}" + "".join(f"{n:>12}" for n in names))
    for key, label in METRICS:
        cells = "".join(
            f"{summary[n][key]:>12.3f}" if summary[n].get(key) is not None else f"{'n/a':>12}" for n in names
        )
        click.echo(f"{label:26}{cells}")
    for key in ("ttft_ms", "total_ms"):
        cells = "".join(
            f"{summary[n][key]['p50'] or 0:>6.0f}/{summary[n][key]['p95'] or 0:<5.0f}" for n in names
        )
        click.echo(f"{key + ' p50/p95':26}{cells}")
