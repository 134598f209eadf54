"""Run the app with uvicorn: in the foreground (``fairmilk serve``) or in a thread (tests)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from fairmilk.errors import FairmilkError


def app_from_env() -> FastAPI:
    """The warming, read-only app on the store of ``FAIRMILK_DB``.

    For several worker processes: ``uvicorn --factory fairmilk.web.server:app_from_env
    --workers 4``; each worker switches to a new version of the store on its own.
    """
    from fairmilk.config import db_path
    from fairmilk.web.app import create_app

    return create_app(db_path(), warm=True)


def serve(app: FastAPI, *, host: str, port: int) -> None:
    """Serve ``app`` on ``host:port`` until interrupted."""
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@contextmanager
def running(app: FastAPI, *, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait_started(server)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _wait_started(server: uvicorn.Server) -> None:
    for _ in range(500):
        if server.started:
            return
        time.sleep(0.01)
    raise FairmilkError("the web server did not start within 5 seconds")
