"""Documents in, spaCy pipeline, actors, mentions and assertions out."""
