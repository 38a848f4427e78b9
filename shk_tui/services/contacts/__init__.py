"""Rules and queries of the contacts domain (no Textual here)."""
