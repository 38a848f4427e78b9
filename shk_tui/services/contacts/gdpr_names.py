"""Where a person's name (or e-mail address, phone number) is written in free text, for the GDPR
register extract and erasure.

A value is found as the search finds text: folded with ``shk_tui.fmt.fold`` (case, accents other than
å, ä, ö, runs of spaces and line breaks do not matter), and only as whole words, so erasing "Anna Berg"
leaves "Anna Bergström", "Annika Berg" and "Lisa-Anna Berg" alone. A name is also found the other way
round ("Berg, Anna", as lists of names are often written) and in the genitive ("Anna Bergs"). The
replacement keeps everything around the name as it was written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from shk_tui.fmt import fold, fold_char

_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
#: What may not stand right before or after a found value for it to be a whole word of its own.
_BEFORE, _AFTER = r"(?<![\w.@+\-])", r"(?![\w@\-])"
#: A person's name: letters, spaces, hyphens, apostrophes and full stops only (no address, no number).
_NAME = re.compile(r"[^\W\d_]+(?:[\s'’.\-]+[^\W\d_]+)*\.?")


def folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded as ``fold`` folds it, and for every folded character the index of the
    character of ``text`` it comes from (so a match in the folded text can be replaced in ``text``)."""
    out: list[str] = []
    where: list[int] = []
    space = True  # leading spaces are dropped, runs are collapsed
    for i, ch in enumerate(text):
        if _SPACE.match(ch):
            if not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        for c in ch.casefold():
            f = fold_char(c)
            out.append(f)
            where.extend([i] * len(f))
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


@lru_cache(maxsize=256)
def _pattern(value: str, *, name: bool) -> re.Pattern[str] | None:
    words = fold(value).split()
    if not words:
        return None
    forms = [" ".join(re.escape(w) for w in words)]
    if name and len(words) >= 2:  # "Berg, Anna" / "Berg Anna" for "Anna Berg"
        forms.append(re.escape(words[-1]) + ",? " + " ".join(re.escape(w) for w in words[:-1]))
    genitive = "s?" if name else ""
    return re.compile(f"{_BEFORE}(?:{'|'.join(forms)}){genitive}{_AFTER}")


def spans(text: str | None, values: Iterable[str], *, name: bool = True) -> list[tuple[int, int]]:
    """Where in ``text`` any of ``values`` is written (start, end in ``text``), in order, never
    overlapping (longer values first). ``name``: the values are names of people (also found the
    other way round and in the genitive)."""
    if not text:
        return []
    low, where = folded(text)
    taken: list[tuple[int, int]] = []
    for value in sorted(set(values), key=len, reverse=True):
        pattern = _pattern(value, name=name and _NAME.fullmatch(value.strip()) is not None)
        if pattern is None:
            continue
        for m in pattern.finditer(low):
            if m.end() == m.start():
                continue
            start, end = where[m.start()], where[m.end() - 1] + 1
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
    return sorted(taken)


def mentions(text: str | None, values: Iterable[str]) -> bool:
    """Whether any of ``values`` is written in ``text`` (as :func:`spans` finds it)."""
    return bool(spans(text, values))


def replace(text: str, values: Iterable[str], placeholder: str) -> str:
    """``text`` with every occurrence of ``values`` (as :func:`spans` finds them) replaced by
    ``placeholder``; the rest as written. A text that is nothing but the value (give or take a
    character) becomes the placeholder alone."""
    found = spans(text, values)
    if not found:
        return text
    out, last = [], 0
    for start, end in found:
        out += [text[last:start], placeholder]
        last = end
    out.append(text[last:])
    new = "".join(out)
    return placeholder if len(new.strip()) <= len(placeholder) + 1 else new
