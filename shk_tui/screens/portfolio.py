"""The Portfölj section: a read-only list (a domain screen will replace this file)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shk_tui.screens.section import SectionScreen
from shk_tui.services import browse


class PortfolioScreen(SectionScreen):
    SECTION = "Portfölj"
    NOUN = "initiativ"

    def fetch(self, db: Any, today: date) -> browse.Table:
        return browse.portfolio(db)
