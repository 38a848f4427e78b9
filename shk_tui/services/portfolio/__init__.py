"""Rules and queries of the portfolio domain (no Textual here)."""
