"""shk-tui: the processtöd's tool for Samhällskontraktet."""

from pathlib import Path

__version__ = "0.1.0"

#: The packaged data files (``shk_tui/data``, package data beside the code: never in a zip).
DATA_DIR = Path(__file__).parent / "data"


def data_text(name: str) -> str:
    """The text of one packaged data file (UTF-8). Read as a plain file: ``importlib.resources`` would
    import its readers and ``zipfile`` (~2 ms) on the start's path (the procurement rules)."""
    return (DATA_DIR / name).read_text(encoding="utf-8")
