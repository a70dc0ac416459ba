"""Every error geomap raises, under one root, each also inheriting the matching builtin."""


class GeomapError(Exception):
    """Root of all geomap errors."""


class InputError(GeomapError, ValueError):
    """An input file or record cannot be read; the message names the file, line and fix."""


class GazetteerError(GeomapError):
    """The gazetteer store is missing, corrupt or cannot be built."""


class GazetteerBuildError(GazetteerError, ValueError):
    """A gazetteer source file is malformed; the message names the file and line."""


class GazetteerCorruptError(GazetteerError, OSError):
    """The gazetteer store cannot be opened; the message says how to rebuild it."""


class ModelNotFoundError(GeomapError, ImportError):
    """No English spaCy pipeline is installed; the message gives the pip command."""


class OutputError(GeomapError, OSError):
    """An output file cannot be written; the message names the path and the fix."""


class GeocoderError(GeomapError, ConnectionError):
    """The optional online geocoder failed."""


class EvalCorpusError(GeomapError, FileNotFoundError):
    """A gold evaluation corpus is missing or unreadable; the message names the file and fix."""


class RenderError(GeomapError, ValueError):
    """A map cannot be built (bad style table, unknown layer, missing offline asset)."""


class LexiconError(GeomapError, ValueError):
    """An event data file (trigger lexicon, cues, taxonomy) is malformed; names file and line."""
