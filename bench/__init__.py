"""Benchmarks: a seeded synthetic graph at realistic scale, and the measurements run on it."""
