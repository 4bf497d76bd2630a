"""User-facing errors: every failure a user can cause or meet carries a readable message."""


class FactcheckError(Exception):
    """Base error; ``str(err)`` is a message meant to be shown to a user as it is."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message if hint is None else f"{message}\n{hint}")


class ModelError(FactcheckError):
    """A model file is missing, incomplete or does not match its pinned hash."""


class IndexMissingError(FactcheckError):
    """No index has been built at the configured location."""


class IndexCorruptError(FactcheckError):
    """An index exists but cannot be read."""


class IndexSchemaError(IndexCorruptError):
    """The index was written by a version of this program with another on-disk format."""


class BadInputError(FactcheckError):
    """An input file, path or query cannot be used."""


class MissingDependencyError(FactcheckError):
    """An optional library needed for this feature is not installed."""
