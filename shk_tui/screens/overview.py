"""The Översikt section: a small summary of the database (a domain screen will replace this file)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shk_tui.screens.section import SectionScreen
from shk_tui.services import browse


class OverviewScreen(SectionScreen):
    SECTION = "Översikt"
    NOUN = "uppgifter"

    def fetch(self, db: Any, today: date) -> browse.Table:
        return browse.overview(db, today=today)
