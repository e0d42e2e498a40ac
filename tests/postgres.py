"""A throw-away PostgreSQL cluster for the tests: Debian's initdb/pg_ctl in a temporary folder,
listening on 127.0.0.1 only, with one fresh database per test that asks for one.

Why our own and not pytest-postgresql: the tests run as root on CI, and initdb and postgres
refuse root; here every server command runs as the ``postgres`` user (``runuser``) when we are
root, which is the only special case. The cluster trades durability for speed (``fsync=off``):
it lives for one test session and is thrown away.

Used through the fixtures in tests/conftest.py: ``postgres`` (the session's cluster: restart it,
stop it) and ``pg_url`` (a new empty database for one test, as a SQLAlchemy URL).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "postgres"  # the cluster's superuser (trust authentication, loopback only)


def binaries() -> Path:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise RuntimeError("PostgreSQL is not installed: run scripts/ensure-postgres.sh (make test)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """One PostgreSQL server in its own folder. Start, stop, restart; new databases."""

    def __init__(self, folder: Path | None = None):
        self.bin = binaries()
        self.folder = Path(folder or tempfile.mkdtemp(prefix="mesoconsult-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as_root = os.geteuid() == 0
        self._counter = 0

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        argv = [str(self.bin / command[0]), *command[1:]]
        if self._as_root:
            argv = ["runuser", "-u", USER, "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, check=check, timeout=60)

    def init(self) -> Cluster:
        if self._as_root:
            owner = pwd.getpwnam(USER)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self.folder.chmod(0o700)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "-E", "UTF8")
        return self

    def start(self) -> None:
        options = " ".join(
            [
                f"-p {self.port}",
                f"-k {self.folder}",  # the Unix socket stays in our folder
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
            ]
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options,
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop at once (like a crash or a failover: connections are cut)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        result = self._run("pg_ctl", "-D", str(self.data), "status", check=False)
        return result.returncode == 0

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        """For a bare psycopg connection."""
        return f"host=127.0.0.1 port={self.port} user={USER} dbname={database}"

    def create_database(self, prefix: str = "test") -> str:
        """A new, empty database; returns its SQLAlchemy URL."""
        import psycopg

        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}"
        with psycopg.connect(self.dsn(), autocommit=True) as connection:
            # FILE_COPY: a few times quicker than the default WAL_LOG for a tiny new database
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 STRATEGY FILE_COPY')
        return self.url(name)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def wait_until_accepting(cluster: Cluster, timeout: float = 30) -> None:
    """After a restart: until the server takes connections again."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(cluster.dsn(), connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
