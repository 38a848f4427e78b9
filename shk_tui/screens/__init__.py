"""One screen per file (no SQL, no business rules)."""
