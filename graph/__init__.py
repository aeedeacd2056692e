"""The data model and the NetworkX knowledge graph (merge, query, stats)."""
