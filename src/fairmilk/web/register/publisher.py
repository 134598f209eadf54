"""Copying published register rows into the analytics data, in the background.

A moderator's publish answers at once; a thread then copies the published rows into a new
version of the analytics store (waiting for an ingest under way if need be), and the app
switches to that version between requests like after an ingest. Requests made while a copy
runs are folded into one more copy, so the last publication is always copied. ``fairmilk
serve`` also checks every 30 s, for publications made by other servers or commands.
"""

from __future__ import annotations

import logging
import threading

from fairmilk.register.opener import RegisterSource

LOG = logging.getLogger(__name__)
COPY_WAIT = 600.0  # seconds a copy waits for another writer of the analytics store


class Publisher:
    """One background copier per app."""

    def __init__(self, source: RegisterSource) -> None:
        self.source = source
        self.copies = 0  # versions published (for tests)
        self._wanted = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._stopped = threading.Event()

    def stop(self) -> None:
        """End the periodic checks (a copy under way finishes)."""
        self._stopped.set()

    def request(self) -> None:
        """Ask for a copy (started now, or after the one under way)."""
        with self._lock:
            self._wanted = True
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()

    def every(self, seconds: float) -> None:
        """Also ask for a copy every ``seconds`` (a no-op when nothing changed), so that the
        publications of other servers sharing a PostgreSQL register reach this server's
        analytics store too."""

        def loop() -> None:
            while not self._stopped.wait(seconds):
                self.request()

        threading.Thread(target=loop, daemon=True).start()

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait until no copy is asked for or running; False on timeout."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._wanted:
                    self._thread = None
                    self._idle.set()
                    return
                self._wanted = False
            try:
                with self.source.connect() as reg:
                    if self.source.sync(reg, wait=COPY_WAIT):
                        self.copies += 1
            except Exception:  # logged; the next publication (or 'register sync') copies
                LOG.exception("copying the published register rows failed")
