"""Domain rules and queries, one module per domain. No Textual here (import-linter enforces it)."""
