"""geomap: offline geoparsing of conflict news into layered maps."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
