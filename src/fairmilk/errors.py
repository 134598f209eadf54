"""One exception tree for fairmilk, and the record of a tolerable data-quality issue.

::

    FairmilkError                  anything fairmilk raises on purpose
    ├── InputError                 a file or value that cannot be read: names file, line, column
    ├── ReferenceDataError         a reference file or its provenance record is wrong
    ├── StoreError                 the DuckDB store cannot be opened or written
    ├── FetchError                 a download failed or did not match what was expected
    ├── ConversionError            a unit or currency cannot be converted (missing rate, ...)
    └── ParameterError             a simulator or indicator parameter is out of range

Every user-facing message says what was expected and where.
"""

from __future__ import annotations

from dataclasses import dataclass


class FairmilkError(Exception):
    """Base class of every error that fairmilk raises on purpose."""


class InputError(FairmilkError):
    """A bad input file or value, located by file, line and column."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        expected: str | None = None,
        found: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = where + self.reason
        if self.column is not None:
            text += f" (column {self.column})"
        if self.expected is not None:
            text += f"; expected {self.expected}"
        if self.found is not None:
            text += f", found {self.found!r}"
        return text


class ReferenceDataError(FairmilkError):
    """A reference data file or its provenance record is missing or inconsistent."""


class StoreError(FairmilkError):
    """The DuckDB store cannot be opened, migrated or written."""


class FetchError(FairmilkError):
    """A download failed, or its answer was not what was expected."""


class ConversionError(FairmilkError):
    """A unit or currency cannot be converted, for example when a rate is missing."""


class ParameterError(FairmilkError):
    """A parameter of an indicator or simulator is missing or out of range."""


@dataclass(frozen=True, slots=True)
class QualityIssue:
    """A tolerable oddity in an input file, kept in the data-quality report."""

    file: str
    line: int | None
    column: str | None
    kind: str
    message: str
    count: int = 1
    quantity_kg: float | None = None  # what the rows hold that cannot be attributed
    value: float | None = None
    currency: str | None = None
