"""Core: the settings, the namespaces and the term and text helpers every layer uses."""
