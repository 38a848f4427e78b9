"""The log file must not become a copy of the register: a formatter that removes personal values
from everything it writes, tracebacks included — e-mail addresses, phone-like digit runs, personal
identity numbers, and the values PostgreSQL quotes in its error details (``Key (email)=(…)``).
Statements are logged without their parameters already (``hide_parameters`` on the engine)."""

from __future__ import annotations

import logging
import re

_DETAIL = re.compile(r"(Key \([^)]*\)=\()([^)]*)(\))")
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.:-])(?:\+|0)\d[\d \-]{5,}\d(?![\w.:])")  # Swedish numbers start with 0 or +
_PNR = re.compile(r"(?<![\w-])(?:19|20)?\d{6}[-+]\d{4}(?![\w-])")
_PARAMS = re.compile(r"\[parameters: .*?\]", re.DOTALL)


def redact(text: str) -> str:
    text = _DETAIL.sub(r"\1…\3", text)
    text = _PARAMS.sub("[parameters: …]", text)
    text = _EMAIL.sub("<e-post>", text)
    text = _PNR.sub("<personnummer>", text)
    return _PHONE.sub(_digits, text)


def _digits(match: re.Match[str]) -> str:
    run = match.group(0)
    return "<nummer>" if sum(c.isdigit() for c in run) >= 7 else run


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
