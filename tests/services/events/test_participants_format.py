import csv
import io

from shk_tui.formats.participants import HEADER, email_list, participants_csv


def test_csv_is_excel_swedish():
    data = participants_csv(
        [("Åsa Öberg", "MDU; Västerås", "anmäld", "talare", None, "2026-11-20 10:00", None)]
    )
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == list(HEADER)
    assert rows[1] == ["Åsa Öberg", "MDU; Västerås", "anmäld", "talare", "", "2026-11-20 10:00", ""]


def test_email_list_dedupes_and_skips_empty():
    assert email_list(["a@mdu.se", None, "", "A@mdu.se", "b@vasteras.se"]) == "a@mdu.se; b@vasteras.se"
