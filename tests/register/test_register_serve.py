"""The done criterion of the register store, end to end: with ``fairmilk serve`` answering
requests, a publication on the command line succeeds, no request fails, and the site shows
the new data within 60 s, without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from fairmilk.register.observation_store import save_observation
from fairmilk.register.observations import validate_observation
from fairmilk.register.store import connect, default_path

OBSERVATION = {
    "date": "2026-03-02", "country": "SN", "place": "Ziguinchor, marché Saint-Maur",
    "product": "ffmp", "package_size": "400", "package_unit": "g", "price": "1250",
    "currency": "XOF",
}  # fmt: skip
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fairmilk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fairmilk", *args], capture_output=True,
                          text=True, timeout=300, env=ENV)  # fmt: skip


def _wait_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, "fairmilk serve stopped (see serve.log)"
        try:
            if httpx.get(url + "/register/", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise AssertionError("fairmilk serve did not answer within 120 s")


def _visit(url: str, stop: threading.Event, statuses: list[int]) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        while not stop.is_set():
            for path in ("/country/SN", "/", "/register/search", "/prices"):
                statuses.append(client.get(path).status_code)


def test_a_publication_reaches_a_running_fairmilk_serve(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert _fairmilk("build", "--no-demo", "--db", str(db)).returncode == 0
    with connect(str(default_path(db))) as reg:
        oid, _ = save_observation(reg, validate_observation(OBSERVATION), source="test")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "fairmilk", "serve", "--db", str(db), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, text=True, env=ENV,
    )  # fmt: skip
    stop, statuses = threading.Event(), []
    visitor = threading.Thread(target=_visit, args=(url, stop, statuses))
    try:
        _wait_up(url, server)
        assert "Ziguinchor" not in httpx.get(url + "/country/SN", timeout=60).text
        visitor.start()
        published = _fairmilk("register", "observations", "publish", oid, "--as", "t",
                              "--db", str(db))  # fmt: skip
        assert published.returncode == 0, published.stderr
        began, shown = time.monotonic(), False
        while time.monotonic() - began < 60 and not shown:
            shown = (
                "Ziguinchor, marché Saint-Maur" in httpx.get(url + "/country/SN", timeout=60).text
            )
            time.sleep(0.5)
        assert shown, "the publication did not show within 60 s"
    finally:
        stop.set()
        if visitor.is_alive():
            visitor.join(timeout=120)
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        log.close()
    assert statuses
    assert set(statuses) == {200}  # no request failed while the data changed
