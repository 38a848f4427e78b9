"""An injected database failure for the fault tests: ``break_db(monkeypatch, module, "name")``
replaces a service function with one that raises what SQLAlchemy raises when the disk fails."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError


def disk_error(*_args: Any, **_kwargs: Any) -> Any:
    raise OperationalError("x", {}, Exception("disk I/O error"))


def break_db(monkeypatch: pytest.MonkeyPatch, module: object, *names: str) -> None:
    """Every call of ``module.<name>`` raises an OperationalError from now on."""
    for name in names:
        monkeypatch.setattr(module, name, disk_error)
