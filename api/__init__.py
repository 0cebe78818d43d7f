"""The DKK HTTP API (FastAPI)."""
