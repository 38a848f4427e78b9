"""Reusable widgets (no SQL, no business rules)."""
