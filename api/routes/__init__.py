"""One router per concern: SPARQL protocol, Linked Data, REST, dataset and dumps."""
