"""Raw trade files (Eurostat Comext, UN Comtrade) to validated rows, and their fetchers."""

from fairmilk.ingest.layouts import LAYOUTS, Layout, Source, layouts_for

__all__ = ["LAYOUTS", "Layout", "Source", "layouts_for"]
