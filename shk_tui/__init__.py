"""shk-tui: the processtöd's tool for Samhällskontraktet."""

__version__ = "0.1.0"
