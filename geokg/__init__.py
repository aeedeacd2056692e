"""geokg: geopolitical knowledge graphs from news articles."""
