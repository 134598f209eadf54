"""The observatory on the web: dashboard pages, JSON twins and the open API."""

from fairmilk.web.app import create_app

__all__ = ["create_app"]
