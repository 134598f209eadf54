"""A throwaway PostgreSQL cluster for the tests, from Debian's ``postgresql`` package.

``scripts/install-system-deps.sh`` (run by ``make test``) installs the package. The cluster
lives in a temporary folder, listens on a free loopback port, trusts local connections and
is stopped and removed at the end. PostgreSQL refuses to run as root: as root, the cluster
runs as the ``postgres`` user (``runuser``), its folder owned by that user.

When PostgreSQL is missing the tests FAIL; they are skipped only when the environment says
so explicitly (``FAIRMILK_SKIP_POSTGRES=1``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SKIP_ENV = "FAIRMILK_SKIP_POSTGRES"
USER = "fairmilk"


def server_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding initdb, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit()
        else 0,
    )  # fmt: skip
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(args: list[str], *, as_postgres: bool) -> None:
    command = ["runuser", "-u", "postgres", "--", *args] if as_postgres else args
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr or done.stdout}")


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield the URL of its ``postgres`` database; stop and remove it."""
    bin_dir = server_bin()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run "
            f"scripts/install-system-deps.sh, or set {SKIP_ENV}=1 to skip these tests"
        )
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="fairmilk-pg-"))
    if as_postgres:
        shutil.chown(folder, user="postgres", group="postgres")
    data, port = folder / "data", _free_port()
    _run([str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust",
          "--no-locale", "-E", "UTF8"], as_postgres=as_postgres)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
          str(folder / "log"), "-w", "start"], as_postgres=as_postgres)  # fmt: skip
    try:
        yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
             as_postgres=as_postgres)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def new_database(admin_url: str, name: str) -> str:
    """Create an empty database ``name`` in the cluster; its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"
