"""Provider course catalogues: parse (CSV, JSON-LD, Turtle), resolve codes, validate, commit."""
