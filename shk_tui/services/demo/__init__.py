"""The example data (``shk demo`` and the first-run dialog)."""
