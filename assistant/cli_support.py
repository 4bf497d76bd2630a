"""What every ``factcheck`` command shares: errors as messages, exit codes, the loaded session."""

from __future__ import annotations

import functools
import os
import sys

import click

from .config import Settings
from .errors import FactcheckError
from .session import Session


def settings_of(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def friendly(func):
    """Turn library errors into a message and exit code 1; unexpected errors into one line too."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except FactcheckError as exc:
            click.secho(f"Error: {exc.message}", fg="red", err=True)
            if exc.hint:
                click.echo(exc.hint, err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except Exception as exc:
            if os.environ.get("FACTCHECK_DEBUG"):
                raise
            click.secho(f"Internal error: {type(exc).__name__}: {exc}", fg="red", err=True)
            click.echo("Run with FACTCHECK_DEBUG=1 to see the traceback, and please report it.", err=True)
            sys.exit(2)

    return wrapper


class Commands(click.Group):
    """The command group. A usage error (an unknown option, a missing argument, ``-k 0``) exits
    with 1 like every other error a user can cause; click's 2 is kept for internal errors, so a
    script can tell the two apart."""

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.ClickException as exc:
            exc.show()
            sys.exit(1)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def loaded(settings: Settings, translate: bool):
    """The index, the warmed-up embedder (loading is not query time), the generator, the cache."""
    session = Session(settings)
    index, embedder = session.index, session.warm_embedder()
    return index, embedder, session.generator, session.translations if translate else None
