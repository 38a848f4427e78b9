"""Rules and queries of the budget domain (no Textual here)."""
