"""export_target (ui/base/export_target.py): the one "Spara som" field defaults to the documents folder,
then to the folder of the last export (kept in the preferences file)."""

from __future__ import annotations

from pathlib import Path

from shk_tui import prefs
from shk_tui.ui.base import export_target
from shk_tui.ui.base.export_target import export_field, export_path, remember_export, saved_notice


def test_the_default_is_the_documents_folder():
    assert export_path("kontakter.xlsx") == str(prefs.documents_dir() / "kontakter.xlsx")
    field = export_field("kontakter.xlsx")
    assert (field.name, field.label, field.value) == ("path", "Spara som", export_path("kontakter.xlsx"))
    assert export_field("a.csv", name="file").name == "file"


def test_the_last_export_folder_is_remembered(tmp_path: Path):
    folder = tmp_path / "projekt" / "export"
    folder.mkdir(parents=True)
    remember_export(folder / "deltagare.csv")
    assert prefs.load().prefs.export_dir == str(folder)
    assert export_path("avtal.xlsx") == str(folder / "avtal.xlsx")
    assert prefs.path().is_file() and prefs.path().parent == Path(str(prefs.config_dir()))


def test_a_removed_folder_falls_back_to_documents(tmp_path: Path):
    remember_export(tmp_path / "borta" / "x.csv")
    assert export_path("x.csv") == str(prefs.documents_dir() / "x.csv")


def test_an_unwritable_settings_folder_does_not_fail_the_export(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    monkeypatch.setenv(prefs.ENV_CONFIG_DIR, str(blocker / "config"))  # a file where the folder should be
    remember_export(tmp_path / "x.csv")  # logged, not raised
    assert export_path("x.csv") == str(prefs.documents_dir() / "x.csv")


def test_paths_and_notice():
    typed = export_target.export_file_path("  ~/ut.csv ")
    assert typed == Path.home() / "ut.csv"
    assert saved_notice("12 kontakter", "/tmp/k.xlsx") == "Sparade 12 kontakter i /tmp/k.xlsx"


def test_without_a_documents_folder_the_default_is_the_home_folder(tmp_path, monkeypatch) -> None:
    """A fresh account (or a server) has no documents folder: the default must still be a folder that exists,
    so the first export does not fail with 'mappen finns inte'."""
    from shk_tui import prefs
    from shk_tui.ui.base import export_target

    monkeypatch.setattr(prefs, "documents_dir", lambda: tmp_path / "finns-inte")
    monkeypatch.setenv("HOME", str(tmp_path / "hem"))
    (tmp_path / "hem").mkdir()
    assert export_target.export_path("kontakter.xlsx") == str(tmp_path / "hem" / "kontakter.xlsx")
