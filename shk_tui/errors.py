"""Errors that reach the user as one clear Swedish line (never a traceback)."""

from __future__ import annotations


class ShkError(Exception):
    """An error whose message is meant for the user, in Swedish.

    ``exit_code`` follows the CLI convention: 2 for bad input, 1 for other failures.
    """

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class BadInput(ShkError):
    """The user gave something we cannot use (exit status 2)."""

    exit_code = 2


class ValidationError(BadInput):
    """A form or service validation failed; ``errors`` maps field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()) or "Ogiltiga uppgifter")


class NotFound(BadInput):
    """A row asked for by id does not exist."""
