"""The preferences file (shk_tui/prefs.py): where it lives, what it reads, how it writes."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from shk_tui import prefs
from shk_tui.errors import ShkError
from shk_tui.prefs import Prefs


def test_it_lives_in_the_config_dir_of_the_environment(tmp_path: Path):
    assert prefs.path() == tmp_path / "config" / "settings.toml"  # tests/conftest.py's SHK_CONFIG_DIR
    assert not prefs.path().exists()
    assert prefs.load().prefs == Prefs() and prefs.load().warning == ""


def test_the_default_dir_is_platformdirs(monkeypatch):
    from platformdirs import user_config_dir

    monkeypatch.delenv(prefs.ENV_CONFIG_DIR)
    assert prefs.path() == Path(user_config_dir("shk-tui", appauthor=False)) / "settings.toml"


@pytest.mark.parametrize("text", [
    "plain", 'quote " and backslash \\ ', "tab\tnewline\nreturn\rbell\x07del\x7f", "åäö ø é 😀",
    "C:\\Users\\Åsa\\Dokument", "'single' and \"\"\" triple", "",
])
def test_written_strings_read_back_unchanged(text: str):
    p = Prefs(theme=text, export_dir=text + "/x", keys={f"contacts.{text}x": text or "n", "app.quit": "ctrl+w"})
    data = tomllib.loads(prefs.dumps(p))
    assert data.get("theme", "") == p.theme
    assert data["export_dir"] == p.export_dir
    assert data["keys"] == p.keys


def test_save_and_load_round_trip_and_replace_atomically():
    saved = prefs.save(Prefs(theme="nord", export_dir="/tmp/ut", keys={"section.kontakter": "k"}))
    assert saved == prefs.path()
    assert prefs.load() == prefs.Loaded(Prefs(theme="nord", export_dir="/tmp/ut", keys={"section.kontakter": "k"}))
    prefs.update(theme="gruvbox")
    assert prefs.load().prefs == Prefs(theme="gruvbox", export_dir="/tmp/ut", keys={"section.kontakter": "k"})
    assert sorted(os.listdir(prefs.config_dir())) == ["settings.toml"]  # no temporary file left behind


@pytest.mark.parametrize("content", [b"theme = \"nord", b"theme = nord\n", b"\xff\xfe broken", b"[keys\n"])
def test_a_broken_file_gives_defaults_and_one_warning(content: bytes):
    prefs.config_dir().mkdir(parents=True)
    prefs.path().write_bytes(content)
    loaded = prefs.load()
    assert loaded.prefs == Prefs()
    assert loaded.broken
    assert loaded.warning.startswith(f"Inställningarna i {prefs.path()} kunde inte läsas")
    assert "standardvärden används" in loaded.warning


def test_a_broken_file_is_kept_as_bak_before_it_is_replaced():
    prefs.config_dir().mkdir(parents=True)
    prefs.path().write_text('theme = "nord\n')
    prefs.update(theme="gruvbox")
    assert prefs.load().prefs.theme == "gruvbox"
    assert prefs.path().with_name("settings.toml.bak").read_text() == 'theme = "nord\n'


def test_values_of_the_wrong_type_are_skipped_with_a_warning():
    prefs.config_dir().mkdir(parents=True)
    prefs.path().write_text('theme = 3\nexport_dir = "/ut"\n[keys]\n"contacts.new" = "ctrl+n"\n"x.y" = 5\n')
    loaded = prefs.load()
    assert loaded.prefs == Prefs(export_dir="/ut", keys={"contacts.new": "ctrl+n"})
    assert "theme" in loaded.warning and "keys.x.y" in loaded.warning and not loaded.broken


def test_an_unreadable_file_gives_defaults_and_a_warning():
    prefs.path().mkdir(parents=True)  # a directory where the file should be
    loaded = prefs.load()
    assert loaded.prefs == Prefs() and "kunde inte läsas" in loaded.warning


def test_an_unwritable_folder_is_a_swedish_error(tmp_path: Path, monkeypatch):
    (tmp_path / "fil").write_text("")
    monkeypatch.setenv(prefs.ENV_CONFIG_DIR, str(tmp_path / "fil" / "config"))
    with pytest.raises(ShkError, match="Inställningarna kunde inte sparas"):
        prefs.save(Prefs(theme="nord"))
