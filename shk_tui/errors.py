"""Errors that reach the user as one clear Swedish line (never a traceback)."""

from __future__ import annotations

from collections.abc import Mapping


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


class DatabaseBusy(ShkError):
    """Another process held the database's write lock for longer than we wait (SQLite), or a lock
    or serialization conflict on PostgreSQL. Nothing was written; the user can try again."""

    def __init__(self, message: str = "Databasen är upptagen av en annan process (t.ex. en import); "
                 "inget sparades. Försök igen om en stund.") -> None:
        super().__init__(message)


class WouldWait(DatabaseBusy):
    """Raised instead of waiting when the caller asked not to block (the TUI's event loop): the write
    lock is taken by someone else. The caller retries in a worker thread, where waiting is fine."""


class StaleEdit(ShkError):
    """A save based on an old version of a row (someone else saved it since it was opened).

    ``changes`` maps a field name to ``(value when opened, value now)`` where known."""

    def __init__(self, changes: Mapping[str, tuple[object, object]] | None = None, *,
                 message: str = "Posten har ändrats av någon annan sedan du öppnade den") -> None:
        self.changes = dict(changes or {})
        super().__init__(message)
