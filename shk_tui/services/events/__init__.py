"""Rules and queries of the events domain (no Textual here)."""
