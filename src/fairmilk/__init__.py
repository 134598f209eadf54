"""fairmilk: an open observatory for local and fair milk in West Africa and Europe."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fairmilk")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
