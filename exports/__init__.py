"""Graph to artifacts: RDF, HTML, GraphML, JSON. Exporters are pure functions."""
