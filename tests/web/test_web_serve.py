"""``fairmilk serve`` starts the dashboard on the store and prints its URL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get_when_up(url: str, proc: subprocess.Popen[str]) -> httpx.Response:
    for _ in range(300):
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            assert proc.poll() is None, "the server stopped"
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within 30 s")


def test_serve_prints_its_url_and_serves(web_store: Path) -> None:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "fairmilk",
        "serve",
        "--db",
        str(web_store),
        "--port",
        str(port),
    ]
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as proc:
        _check_serving(proc, port)


def _check_serving(proc: subprocess.Popen[str], port: int) -> None:
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith(f"fairmilk dashboard: http://127.0.0.1:{port}/")
        answer = _get_when_up(f"http://127.0.0.1:{port}/", proc)
        assert answer.status_code == 200
        assert "fairmilk" in answer.text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
