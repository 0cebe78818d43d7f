"""The DKK knowledge graph library: load, import, reason, validate, store and query."""

__version__ = "0.2.0"
