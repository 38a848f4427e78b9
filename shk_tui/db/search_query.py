"""Queries on the search index (``shk_tui.db.search_index``): the refs of the items matching what was
typed, their count, and an id subquery a list puts in its WHERE.

Every typed word must match (any order), folded with ``shk_tui.fmt.fold``. A word of three or more
characters matches anywhere (SQLite: an FTS5 trigram phrase; PostgreSQL: ``LIKE`` on the folded text
through the ``pg_trgm`` GIN index); a word typed with punctuation also matches its letters and digits
alone ("sk-2023-45" finds "SK 2023/45"; "070-12" finds "+46 70 12…"), and words of digits alone are
one number ("070 123 45 67"). A word of one or two letters or digits matches the beginning of a word (a
walk of a sorted index of word starts); one or two other characters are looked for anywhere (a scan,
rare). ``%``, ``_``, ``\\`` and ``"`` are plain characters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from shk_tui.db import search_index as ix
from shk_tui.db.search import words

_WORDISH = re.compile(r"^[^\W_]+$")
_PHONE = re.compile(r"^\+?[\d()\-/.]*\d[\d()\-/.]*$")


@dataclass(frozen=True)
class Terms:
    long: tuple[tuple[str, ...], ...]  # per word: variants of three or more characters, any may match
    prefix: tuple[tuple[str, ...], ...]  # per word: variants of one or two word characters (word starts)
    anywhere: tuple[str, ...]  # one or two other characters, looked for anywhere


def terms(typed: str | None) -> Terms | None:
    """What ``typed`` asks for; None when it matches nothing (only control characters); a Terms with
    no words when nothing was typed."""
    found = words(typed)
    if found is None:
        return None
    long: list[tuple[str, ...]] = []
    prefix: list[tuple[str, ...]] = []
    anywhere: list[str] = []
    if len(found) > 1 and all(_PHONE.match(w) for w in found):  # "070-12 34 567": one number in groups
        found = ["".join(found)]
    for w in dict.fromkeys(found):
        variants = [w]
        squashed = ix.squash(w)
        if squashed and squashed != w:
            variants.append(squashed)
        longer = tuple(v for v in variants if len(v) >= 3)
        if longer:
            long.append(longer)
        elif _WORDISH.match(variants[-1]):
            prefix.append(tuple(v for v in variants if _WORDISH.match(v)))
        else:
            anywhere.append(w)
    return Terms(tuple(long), tuple(prefix), tuple(anywhere))


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _prefix_bounds(p: str) -> tuple[str, str]:
    return (p, p) if len(p) >= 2 else (p, p + "\U0010ffff")


class _Builder:
    """SQL text for one search: :meth:`source` selects the distinct matching refs (column ``ref``)."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"
        self.key = "ref" if self.pg else "rowid"
        self.params: dict[str, object] = {}
        self.ordered = True  # the source gives refs lowest first by itself

    def param(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def _alts(self, group: tuple[str, ...]) -> str:
        alts = []
        for p in group:
            a, b = _prefix_bounds(p)
            alts.append(f"prefix = {self.param(a)}" if a == b else
                        f"(prefix >= {self.param(a)} AND prefix < {self.param(b)})")
        return " OR ".join(alts)

    def _words(self, groups: tuple[tuple[str, ...], ...]) -> str:
        """SQLite: the FTS5 prefix query for the short words ("an" * …) on ``search_words``."""
        expr = " AND ".join("(" + " OR ".join(f"{_fts_phrase(v)} *" for v in g) + ")" for g in groups)
        return f"{ix.WORDS_TABLE} MATCH {self.param(expr)}"

    def _words_in(self, column: str, groups: tuple[tuple[str, ...], ...], lo: str, hi: str) -> str:
        return (f"{column} IN (SELECT rowid FROM {ix.WORDS_TABLE} WHERE {self._words(groups)} "
                f"AND rowid BETWEEN {lo} AND {hi})")

    def _prefix_in(self, column: str, group: tuple[str, ...], lo: str, hi: str) -> str:
        return f"{column} IN (SELECT ref FROM {ix.PREFIX_TABLE} WHERE ({self._alts(group)}) AND ref BETWEEN {lo} AND {hi})"

    def _anywhere(self, a: str) -> str:
        return f"strpos(body, {self.param(a)}) > 0" if self.pg else f"instr(body, {self.param(a)}) > 0"

    def source(self, t: Terms, codes: tuple[int, ...], title: bool = False) -> str:
        low, high = ix.ref_range(*codes)
        lo, hi = self.param(low), self.param(high)
        key, column = self.key, ("title" if title else "body")
        if t.long or not t.prefix:
            conds = [f"{key} BETWEEN {lo} AND {hi}"]
            if t.long and not self.pg:
                expr = " AND ".join("(" + " OR ".join(_fts_phrase(v) for v in g) + ")" for g in t.long)
                conds.append(f"{ix.TABLE} MATCH {self.param(f'{column} : ({expr})')}")
            for g in t.long if self.pg else ():
                conds.append("(" + " OR ".join(f"{column} LIKE {self.param(_like(v))}" for v in g) + ")")
            if self.pg:
                conds += [self._prefix_in(key, g, lo, hi) for g in t.prefix]
            elif t.prefix:  # "+rowid": checked against the set, never pushed into FTS5 as one lookup per value
                conds.append(self._words_in(f"+{key}", t.prefix, lo, hi))
            conds += [self._anywhere(a) for a in t.anywhere]
            return f"SELECT {key} AS ref FROM {ix.TABLE} WHERE {' AND '.join(conds)}"
        if not self.pg:  # word starts only: the prefix indexes of search_words, in rowid order
            conds = [self._words(t.prefix), f"rowid BETWEEN {lo} AND {hi}", *map(self._anywhere, t.anywhere)]
            return f"SELECT rowid AS ref FROM {ix.WORDS_TABLE} WHERE {' AND '.join(conds)}"
        first, *rest = t.prefix
        distinct = len(first) > 1 or len(first[0]) < 2
        self.ordered = not distinct
        conds = [f"({self._alts(first)})", f"ref BETWEEN {lo} AND {hi}"]
        conds += [self._prefix_in("ref", g, lo, hi) for g in rest]
        if t.anywhere:
            conds.append(f"ref IN (SELECT {key} FROM {ix.TABLE} WHERE {key} BETWEEN {lo} AND {hi} AND "
                         + " AND ".join(self._anywhere(a) for a in t.anywhere) + ")")
        return f"SELECT {'DISTINCT ' if distinct else ''}ref FROM {ix.PREFIX_TABLE} WHERE {' AND '.join(conds)}"


def refs(conn: sa.Connection, t: Terms, codes: tuple[int, ...], *, limit: int | None = None,
         title: bool = False, ordered: bool = True) -> list[int]:
    """The refs of ``codes``' items matching ``t`` (``title``: every long word in the title); lowest
    first, or (``ordered`` False) in whatever order is cheapest (a one-letter word's many matches)."""
    b = _Builder(conn.dialect.name)
    sql = b.source(t, codes, title)
    if ordered and not b.ordered:
        sql += " ORDER BY ref"
    elif ordered:
        sql += " ORDER BY ref" if b.pg and t.prefix and not t.long else f" ORDER BY {b.key}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [r for (r,) in conn.execute(sa.text(sql), b.params)]


def count(conn: sa.Connection, t: Terms, codes: tuple[int, ...], *, at_most: int | None = None) -> int:
    """How many of ``codes``' items match ``t``, counted in the index (``at_most``: stop counting there)."""
    b = _Builder(conn.dialect.name)
    sql = b.source(t, codes)
    if at_most is not None:
        sql += f" LIMIT {int(at_most)}"
    return conn.execute(sa.text(f"SELECT count(*) FROM ({sql}) AS found"), b.params).scalar_one()


def ids(dialect: str, t: Terms, codes: tuple[int, ...]) -> sa.TextClause:
    """A subquery of the ids (not refs) of ``codes``' items matching ``t``, for ``Model.id.in_(…)``."""
    b = _Builder(dialect)
    return sa.text(f"SELECT ref & {ix.MASK} FROM ({b.source(t, codes)}) AS found").bindparams(**b.params)


def restrict(column: Any, dialect: str, typed: str | None, kind: str) -> ColumnElement[bool]:
    """A list's search: ``column`` (its items' id) among ``kind``'s items whose index row matches
    ``typed``; nothing typed: every row, only control characters: none."""
    t = terms(typed)
    if t is None:
        return sa.false()
    if not (t.long or t.prefix or t.anywhere):
        return sa.true()
    return column.in_(ids(dialect, t, ix.codes(kind)))
