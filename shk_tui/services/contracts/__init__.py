"""Rules and queries of the contracts domain (no Textual here)."""
