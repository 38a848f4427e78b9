"""Section screens that load again each time they are shown, so switching sections always shows
fresh data: :class:`ShownScreen`. The loads themselves go through ``Work.load``
(ui/base/work.py): numbered per group, the newest wins, a failure is a Swedish notice."""

from __future__ import annotations

from typing import ClassVar

from shk_tui.ui.base.titles import screen_title
from shk_tui.ui.base.work import ShkScreen


class ShownScreen(ShkScreen):
    """A section screen: ``reload`` (start its loads through ``self.load``) runs whenever the screen
    is shown, unless a load of one of ``SHOW_GROUPS`` is still in flight (a mode's first showing
    resumes the screen twice; one load is enough). The title is the app's and ``SECTION``."""

    SECTION: ClassVar[str] = ""
    #: The load groups ``reload`` starts.
    SHOW_GROUPS: ClassVar[tuple[str, ...]] = ("load",)

    def __init__(self) -> None:
        super().__init__()
        self.title = screen_title(self.SECTION)

    def reload(self) -> None:
        """Start the screen's loads (``self.load(fetch, show, group=…)``)."""
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        if not any(self.is_loading(group) for group in self.SHOW_GROUPS):
            self.reload()
