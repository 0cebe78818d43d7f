"""The DKK knowledge graph library: load, import, reason, validate, store and query."""

__version__ = "0.1.0"
