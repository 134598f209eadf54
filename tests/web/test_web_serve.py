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
            return httpx.get(url, timeout=60)  # a first page may take seconds to build
        except httpx.TransportError:
            assert proc.poll() is None, "the server stopped"
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within 30 s")


def _command(store: Path, port: int, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "fairmilk",
        "serve",
        "--db",
        str(store),
        "--port",
        str(port),
        *extra,
    ]


def test_serve_no_register_is_read_only(web_store: Path) -> None:
    port = _free_port()
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    command = _command(web_store, port, "--no-register")
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as proc:
        posted, form = _check_serving(proc, port)
    assert posted == 503  # --no-register: the register takes no submissions
    assert form == 503  # ... and does not show a form it would refuse


def test_serve_takes_contributions_by_default(tmp_path: Path, web_store: Path) -> None:
    store = tmp_path / "writable.duckdb"
    store.write_bytes(web_store.read_bytes())
    port = _free_port()
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    command = _command(store, port)
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as proc:
        posted, form = _check_serving(proc, port)
    assert posted != 503  # past the read-only gate (CSRF or validation come next)
    assert form == 200


def _check_serving(proc: subprocess.Popen[str], port: int) -> tuple[int, int]:
    """Check the URL line and the home page; return the status of a post to the register
    and of its form page."""
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith(f"fairmilk dashboard: http://127.0.0.1:{port}/")
        answer = _get_when_up(f"http://127.0.0.1:{port}/", proc)
        assert answer.status_code == 200
        assert "fairmilk" in answer.text
        post = httpx.post(f"http://127.0.0.1:{port}/register/form", data={"x": "1"}, timeout=30)
        form = httpx.get(f"http://127.0.0.1:{port}/register/form", timeout=30)
        return post.status_code, form.status_code
    finally:
        proc.terminate()
        proc.wait(timeout=30)
