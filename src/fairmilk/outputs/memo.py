"""Language-independent results, computed once per store state and shared by EN and FR.

A page is built in two parts: the *results* (indicator frames and query tables, the same in
every language) and their *rendering* (titles, labels, notes in the page language). The web
app opens a :func:`scope` around each page build; inside it, :func:`remember` keeps each
result under the store's fingerprint (see :mod:`fairmilk.outputs.fingerprint`), so the
French page after the English one only renders. Outside a scope (command line, reports)
:func:`remember` simply runs the computation.

Callers get a fresh copy of every container (lists, dataclass fields), so a page that edits
its table (a title, an appended note) never changes the remembered one.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
Key = tuple[Hashable, ...]


class Keeper(Protocol):
    """Where results are kept: the web app's bounded cache (``state.ViewCache``)."""

    def get(self, key: Key, build: Callable[[], Any]) -> Any:
        """The value kept under ``key``, built (and kept) on first use."""


@dataclass(frozen=True, slots=True)
class Scope:
    """The keeper, the store state (fingerprint) and the page (name, parameters) being built."""

    keeper: Keeper
    stamp: Hashable
    page: Key = ()


_CURRENT: ContextVar[Scope | None] = ContextVar("fairmilk_memo_scope", default=None)


@contextmanager
def scope(keeper: Keeper, stamp: Hashable, page: Key = ()) -> Iterator[Scope]:
    """Remember results under ``stamp`` while the block runs (in this thread or task)."""
    current = Scope(keeper, stamp, page)
    token = _CURRENT.set(current)
    try:
        yield current
    finally:
        _CURRENT.reset(token)


def remember(key: Key, run: Callable[[], T], *, per_page: bool = False) -> T:
    """``run()``, computed once per store state (and per page when ``per_page``).

    ``run`` must not depend on the language: its result is shared by every language.
    """
    current = _CURRENT.get()
    if current is None:
        return run()
    full = (current.stamp, current.page if per_page else (), *key)
    found: T = current.keeper.get(full, run)
    return fresh(found)


def fresh(value: T) -> T:
    """A copy of ``value`` with new lists and dataclass instances (cells are shared)."""
    if isinstance(value, list):
        return [fresh(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, tuple) and type(value) is tuple:
        return tuple(fresh(v) for v in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = copy.copy(value)
        for item in dataclasses.fields(value):
            inner = getattr(value, item.name)
            if isinstance(inner, list | dict):
                object.__setattr__(out, item.name, copy.copy(inner))
        return out
    return value
