"""The ``factcheck`` commands that measure: ``eval`` (a gold set or XQuAD, against the plain-RAG
baseline), ``eval-retrieval`` and ``demo``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from .answer import ask as answer_question
from .baseline import baseline_output
from .check import check as check_claim
from .cli_support import friendly, loaded, settings_of
from .config import PROJECT_DIR
from .errors import BadInputError
from .evaluation import assistant_output, load_gold
from .evaluation import run as run_gold
from .ingest import ingest as ingest_files
from .retrieval import search as search_index
from .session import Session
from .terminal import Bars, print_answer, print_check, print_hits, print_report, print_summary
from .xquad import format_table, retrieval_benchmark, xquad_answers

DEMO_QUERIES = (
    "How many artillery shells has North Korea delivered to Russia?",
    "Wie viele nordkoreanische Soldaten kämpfen für Russland?",
)


@click.command("eval")
@click.argument("gold", type=click.Path(path_type=Path), required=False)
@click.option(
    "--xquad",
    "xquad_dir",
    type=click.Path(path_type=Path),
    help="Instead of a gold file: English XQuAD questions against the German paragraphs (retrieval, EM, F1).",
)
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), help="Output folder [eval/out/<gold name>]."
)
@click.option("--limit", type=click.IntRange(1), help="Only the first N items (questions for --xquad).")
@click.option("--baseline", is_flag=True, help="Also run the plain-RAG baseline on the same items.")
@click.pass_context
@friendly
def evaluate(
    ctx: click.Context,
    gold: Path | None,
    xquad_dir: Path | None,
    out_dir: Path | None,
    limit: int | None,
    baseline: bool,
) -> None:
    """Run a gold set (questions and claims); write results.jsonl, summary.json and report.html."""
    if (gold is None) == (xquad_dir is None):
        raise BadInputError(
            "Give a gold file or --xquad DIR (not both).", "Example: factcheck eval eval/gold.jsonl"
        )
    settings = settings_of(ctx)
    started = time.perf_counter()
    bars = Bars()
    if xquad_dir is not None:
        session = Session(settings)
        embedder, generator = session.embedder, session.generator
        systems = {
            "assistant": lambda item, idx: assistant_output(item, idx, embedder, generator, settings, None)
        }
        if baseline:
            systems["baseline"] = lambda item, idx: baseline_output(item, idx, embedder, generator, settings)
        try:
            result = xquad_answers(
                xquad_dir,
                settings,
                embedder,
                systems,
                limit,
                progress=lambda d, n: bars("questions", d, n),
                out_dir=out_dir or PROJECT_DIR / "eval" / "out" / "xquad",
            )
        finally:
            bars.close()
        click.echo(json.dumps(result, indent=1))
        click.echo(f"\n{result['questions']} questions in {time.perf_counter() - started:.0f} s")
        return
    items = load_gold(gold)[:limit]
    index, embedder, generator, cache = loaded(settings, True)
    documents = {d.id: d.text for d in index.documents.values()}
    systems = {"assistant": lambda item: assistant_output(item, index, embedder, generator, settings, cache)}
    if baseline:
        systems["baseline"] = lambda item: baseline_output(item, index, embedder, generator, settings)
    out_dir = out_dir or PROJECT_DIR / "eval" / "out" / gold.stem
    try:
        summary = run_gold(items, systems, documents, out_dir, progress=lambda d, n: bars("items", d, n))
    finally:
        bars.close()
    print_summary(summary)
    click.echo(
        f"\n{len(items)} items in {time.perf_counter() - started:.0f} s; report: {out_dir / 'report.html'}"
    )


@click.command("eval-retrieval")
@click.option(
    "--xquad",
    "xquad_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder with xquad.de.json and xquad.en.json.",
)
@click.option("--limit", type=click.IntRange(1), help="Only the first N questions per language.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def eval_retrieval(ctx: click.Context, xquad_dir: Path, limit: int | None, as_json: bool) -> None:
    """XQuAD retrieval: R@1, R@5, MRR@10 for English→German and German→German, dense vs fused."""

    session = Session(settings_of(ctx))
    bars = Bars(enabled=not as_json)
    try:
        result = retrieval_benchmark(
            xquad_dir, session.settings, session.embedder, limit=limit, progress=bars
        )
    finally:
        bars.close()
    click.echo(json.dumps(result, indent=1) if as_json else format_table(result))


@click.command()
@click.pass_context
@friendly
def demo(ctx: click.Context) -> None:
    """Ingest the bundled sample corpus, run two sample searches, answer a question, check a claim."""

    session = Session(settings_of(ctx))
    settings, corpus = session.settings, PROJECT_DIR / "corpus"
    started = time.perf_counter()
    embedder = session.embedder
    bars = Bars()
    try:
        report = ingest_files([corpus], settings, embedder, progress=bars)
    finally:
        bars.close()
    print_report(report, False)
    index = session.reload()
    for query in DEMO_QUERIES:
        click.echo("")
        print_hits(search_index(index, embedder, query, settings, k=3), False)

    question = "What did Kim Jong Un call the situation on the Korean peninsula?"
    click.secho(f"\nask: {question}", bold=True)
    cache, generator = session.translations, session.generator
    print_answer(answer_question(question, index, embedder, generator, settings, translations=cache))

    claim = "North Korea sent 12,000 soldiers to Russia"
    click.secho(f"\ncheck: {claim}", bold=True)
    print_check(check_claim(claim, index, embedder, generator, settings, translations=cache))
    click.echo(
        f"\nready in {time.perf_counter() - started:.1f} s. Try: "
        'factcheck ask "Who provided evidence for the MSMT report?" or '
        'factcheck check "Nordkorea hat 150 Raketen geliefert"'
    )
