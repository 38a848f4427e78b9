"""Benchmarks (``make bench``): each bench/<domain>.py exposes ``run() -> list[str]``."""
