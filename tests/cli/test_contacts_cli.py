"""``shk import contacts``, ``shk export contacts``, ``shk gdpr extract|erase``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shk_tui import cli
from shk_tui.config import resolve
from shk_tui.db.engine import Database
from shk_tui.services.contacts import contact_list

CSV = ("Förnamn;Efternamn;E-post;Telefon;Organisation\r\n"
       "Åsa;Öberg;asa@example.se;070-123 45 67;MDU\r\n"
       "Per;Ek;per@@example;;\r\n"
       ";;;070-111 22 33;\r\n").encode("cp1252")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def dbfile(tmp_path: Path) -> Path:
    path = tmp_path / "shk.sqlite3"
    assert cli.main(["--db", str(path), "db", "upgrade"]) == 0
    return path


def names(path: Path) -> list[str]:
    db = Database(resolve(str(path)))
    try:
        return [r.name for r in contact_list.search(db, contact_list.ContactFilter(archived="alla")).rows]
    finally:
        db.dispose()


def test_import_reports_bad_rows_and_writes_nothing_unless_asked(dbfile, tmp_path, capsys):
    src = tmp_path / "kontakter.csv"
    src.write_bytes(CSV)
    code, out, err = run(capsys, "--db", str(dbfile), "import", "contacts", str(src), "--dry-run")
    assert code == 0 and "2 nya, 0 dubbletter, 1 felaktig rad, 1 varning" in out and "fel rad 4: (utan namn)" in err
    assert "varning rad 3: Per Ek: ogiltig e-postadress 'per@@example' sparades i anteckningen" in out
    assert "cp1252" in out and names(dbfile) == []
    code, out, err = run(capsys, "--db", str(dbfile), "import", "contacts", str(src))
    assert code == 2 and "1 felaktig rad – inget sparades" in err and names(dbfile) == []
    code, out, err = run(capsys, "--db", str(dbfile), "import", "contacts", str(src), "--skip-bad")
    assert code == 0 and "2 kontakter importerade" in out and names(dbfile) == ["Per Ek", "Åsa Öberg"]
    code, out, err = run(capsys, "--db", str(dbfile), "import", "contacts", str(src), "--skip-bad")
    assert "dubblett rad 2: Åsa Öberg <asa@example.se> finns redan" in out  # Per Ek has no address to compare
    assert names(dbfile) == ["Per Ek", "Per Ek", "Åsa Öberg"]


def test_import_bad_file_is_one_line(dbfile, tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(dbfile), "import", "contacts", str(tmp_path / "saknas.csv"))
    assert code == 2 and err.startswith("shk: Filen finns inte")
    code, _, err = run(capsys, "--db", str(dbfile), "import", "contacts", str(tmp_path), "--column", "x")
    assert code == 2 and "RUBRIK=FÄLT" in err


def test_export_then_gdpr_extract_and_erase(dbfile, tmp_path, capsys):
    src = tmp_path / "k.vcf"
    src.write_text("BEGIN:VCARD\nVERSION:4.0\nFN:Lena Sjöberg\nN:Sjöberg;Lena;;;\nEMAIL:lena@example.se\nEND:VCARD\n")
    assert run(capsys, "--db", str(dbfile), "import", "contacts", str(src))[0] == 0
    out_file = tmp_path / "ut.csv"
    code, out, _ = run(capsys, "--db", str(dbfile), "export", "contacts", "-o", str(out_file))
    assert code == 0 and out_file.read_bytes().decode("utf-8-sig").splitlines()[1].startswith("Lena;Sjöberg;")
    code, out, _ = run(capsys, "--db", str(dbfile), "gdpr", "extract", "1")
    assert code == 0 and out.startswith("# Registerutdrag – Lena Sjöberg")
    code, out, _ = run(capsys, "--db", str(dbfile), "gdpr", "extract", "1", "-o", str(tmp_path / "utdrag.md"))
    assert json.loads((tmp_path / "utdrag.json").read_text())["fields"]["email"] == "lena@example.se"
    assert "lena@example.se" in (tmp_path / "utdrag.md").read_text()
    code, _, err = run(capsys, "--db", str(dbfile), "gdpr", "erase", "1", "--reason", "begäran")
    assert code == 2 and "--yes" in err
    code, out, _ = run(capsys, "--db", str(dbfile), "gdpr", "erase", "1", "--reason", "begäran", "--yes")
    assert code == 0 and names(dbfile) == ["Raderad person 1"]
    code, _, err = run(capsys, "--db", str(dbfile), "gdpr", "extract", "99")
    assert code == 2 and "finns inte" in err


def test_export_formats_literal_matches_the_service():
    from shk_tui.commands import contacts as command
    from shk_tui.services.contacts import contact_export

    assert command.EXPORT_FORMATS == contact_export.EXPORT_FORMATS


def test_help_does_not_load_the_import_stack():
    script = ("import sys\nfrom shk_tui import cli\ntry:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.startswith(('shk_tui.services.contacts.contact_import', 'shk_tui.services.contacts.contact_export', "
              "'shk_tui.services.contacts.gdpr', 'openpyxl'))))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_exports_and_register_extracts_are_private_files(dbfile, tmp_path, capsys):
    src = tmp_path / "k.csv"
    src.write_bytes("Förnamn;E-post\nÅsa;asa@example.se\n".encode("cp1252"))
    assert run(capsys, "--db", str(dbfile), "import", "contacts", str(src))[0] == 0
    for fmt in ("csv", "xlsx", "vcf"):
        target = tmp_path / f"ut.{fmt}"
        code, _, err = run(capsys, "--db", str(dbfile), "export", "contacts", "--format", fmt, "-o", str(target))
        assert code == 0 and target.stat().st_mode & 0o777 == 0o600, err
    code, _, _ = run(capsys, "--db", str(dbfile), "gdpr", "extract", "1", "-o", str(tmp_path / "utdrag"))
    assert code == 0
    assert {p.suffix: p.stat().st_mode & 0o777 for p in tmp_path.glob("utdrag.*")} == {".md": 0o600, ".json": 0o600}
    code, _, err = run(capsys, "--db", str(dbfile), "export", "contacts", "--format", "pdf")
    assert code == 2 and "csv, xlsx, vcf" in err


def test_import_columns_by_swedish_name_and_duplicates_for_merging(dbfile, tmp_path, capsys):
    src = tmp_path / "k.csv"
    src.write_bytes("Namn;Kontaktadress\nÅsa Öberg;asa@example.se\n".encode("cp1252"))
    code, out, _ = run(capsys, "--db", str(dbfile), "import", "contacts", str(src), "--column", "Kontaktadress=e-post")
    assert code == 0 and "Kontaktadress → e-post" in out and "1 kontakt importerad" in out
    code, out, _ = run(capsys, "--db", str(dbfile), "import", "contacts", str(src), "--column", "Kontaktadress=e-post",
                       "--with-duplicates")
    assert code == 0 and "1 kontakt importerad. Dubbletterna finns under Kontakter → Dubbletter" in out
    assert names(dbfile) == ["Åsa Öberg", "Åsa Öberg"]
    code, _, err = run(capsys, "--db", str(dbfile), "import", "contacts", str(src), "--column", "Kontaktadress=fax")
    assert code == 2 and "Okänt fält 'fax'" in err


def test_import_and_gdpr_load_only_the_contacts_command_module():
    from shk_tui.commands import modules

    assert [m.__name__ for m in modules("import")] == ["shk_tui.commands.contacts"]
    assert [m.__name__ for m in modules("gdpr")] == ["shk_tui.commands.contacts"]
