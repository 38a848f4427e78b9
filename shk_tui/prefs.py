"""The user's preferences: a small TOML file, ``settings.toml`` in the user config dir
(``platformdirs.user_config_dir("shk-tui")``; ``SHK_CONFIG_DIR`` moves it). Pure Python, no Textual.

::

    theme = "nord"
    export_dir = "/home/anna/Dokument/shk"

    [keys]
    "contacts.new" = "ctrl+n"

``theme`` is the colour theme chosen in ctrl+p, ``export_dir`` the folder of the last export, and
``[keys]`` remaps keys by their binding id (``<screen>.<name>`` from ``shk_tui/ui/keys.py``), applied
with ``App.set_keymap``. The file is read with ``tomllib``; it is written by :func:`dumps` (strings and
one table only) atomically (a temporary file beside it, then a rename). A file that cannot be read or
parsed gives the defaults and one Swedish warning (:attr:`Loaded.warning`), never an exception; before
such a file is overwritten it is kept as ``settings.toml.bak``."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_documents_dir

from shk_tui.errors import ShkError

APP_NAME = "shk-tui"
ENV_CONFIG_DIR = "SHK_CONFIG_DIR"
FILE_NAME = "settings.toml"


@dataclass(frozen=True)
class Prefs:
    theme: str = ""
    export_dir: str = ""
    keys: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Loaded:
    prefs: Prefs
    #: A Swedish line when the file was broken or partly wrong (the defaults were used), else "".
    warning: str = ""
    #: The file existed but could not be parsed (it is kept as .bak before it is replaced).
    broken: bool = False


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))


def path() -> Path:
    return config_dir() / FILE_NAME


def documents_dir() -> Path:
    """The user's documents folder (the default folder for exports)."""
    return Path(user_documents_dir())


# --- reading -------------------------------------------------------------------------------------


def load(file: Path | None = None) -> Loaded:
    """The preferences in ``file`` (default :func:`path`); defaults when it does not exist."""
    file = file or path()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Loaded(Prefs())
    except OSError as exc:
        return Loaded(Prefs(), _warning(file, exc.strerror or str(exc)), broken=False)
    import tomllib  # only when there is a file: the start without one does not import it (~1.5 ms)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Loaded(Prefs(), _warning(file, "inte UTF-8"), broken=True)
    except tomllib.TOMLDecodeError as exc:
        return Loaded(Prefs(), _warning(file, str(exc)), broken=True)
    return _from_data(file, data)


def _warning(file: Path, reason: str) -> str:
    return f"Inställningarna i {file} kunde inte läsas ({reason}); standardvärden används."


def _from_data(file: Path, data: dict[str, Any]) -> Loaded:
    wrong: list[str] = []
    values: dict[str, Any] = {}
    for name in ("theme", "export_dir"):
        value = data.get(name, "")
        if isinstance(value, str):
            values[name] = value
        else:
            wrong.append(name)
    keys: dict[str, str] = {}
    table = data.get("keys", {})
    if isinstance(table, dict):
        for binding_id, key in table.items():
            if isinstance(key, str) and key.strip():
                keys[binding_id] = key.strip()
            else:
                wrong.append(f"keys.{binding_id}")
    else:
        wrong.append("keys")
    prefs = Prefs(keys=keys, **values)
    if wrong:
        reason = "fel typ för " + ", ".join(wrong)
        return Loaded(prefs, _warning(file, reason).replace("standardvärden används", "de används inte"))
    return Loaded(prefs)


# --- writing -------------------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def quote(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def dumps(prefs: Prefs) -> str:
    """The TOML text of ``prefs`` (``tomllib.loads(dumps(p))`` gives ``p`` back)."""
    lines = ["# shk-tui: inställningar (skrivs av programmet; [keys] = tangenter per bindnings-id)"]
    if prefs.theme:
        lines.append(f"theme = {quote(prefs.theme)}")
    if prefs.export_dir:
        lines.append(f"export_dir = {quote(prefs.export_dir)}")
    if prefs.keys:
        lines += ["", "[keys]"]
        lines += [f"{quote(binding_id)} = {quote(key)}" for binding_id, key in sorted(prefs.keys.items())]
    return "\n".join(lines) + "\n"


def save(prefs: Prefs, file: Path | None = None) -> Path:
    """Write ``prefs`` atomically; a file that could not be parsed is kept as ``.bak`` first.
    Raises ShkError (Swedish) when the folder or the file cannot be written."""
    file = file or path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        if load(file).broken:
            os.replace(file, file.with_name(file.name + ".bak"))
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(dumps(prefs))
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ShkError(f"Inställningarna kunde inte sparas i {file}: {exc.strerror or exc}") from exc
    return file


def update(file: Path | None = None, **changes: Any) -> Prefs:
    """Read, change the given fields (``theme=``, ``export_dir=``, ``keys=``), write; the new prefs.
    A broken file counts as the defaults. Raises ShkError when it cannot be written."""
    current = load(file).prefs
    new = replace(current, **changes)
    if new != current:
        save(new, file)
    return new
