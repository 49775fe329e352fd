"""A throwaway PostgreSQL server for the tests (pytest plugin, loaded by tests/conftest.py).

Fixtures:
- `pg_server` (session): one server on 127.0.0.1 and a unix socket in its temp dir; `.url` is its
  `postgres` database, `.create_database(postgis=...)` makes a fresh one and returns its URL.
- `pg_url`: a fresh empty database for one test.
- `postgis_url`: a fresh database with `CREATE EXTENSION postgis` (skips when PostGIS is not installed).

It uses Debian's server binaries (/usr/lib/postgresql/<version>/bin; scripts/test.sh installs `postgresql`
and `postgresql-15-postgis-3`). initdb refuses to run as root, and the suite runs as root in CI, so the
cluster is created and run by the `postgres` user through runuser. Authentication is `trust` and only
127.0.0.1 listens: the server lives for one test session and holds nothing but test data.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SERVER_USER = "postgres"  # Debian's postgresql package creates it
SUPERUSER = "postgres"
INSTALL_HINT = "scripts/test.sh installs it: apt-get install postgresql postgresql-15-postgis-3"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, else None."""
    candidates = []
    for bin_dir in Path("/usr/lib/postgresql").glob("*/bin"):
        if (bin_dir / "initdb").exists() and (bin_dir / "pg_ctl").exists():
            try:
                candidates.append((int(bin_dir.parent.name), bin_dir))
            except ValueError:
                continue
    return max(candidates)[1] if candidates else None


def postgis_available(bin_dir: Path) -> bool:
    """Whether the PostGIS extension files for this server version are installed."""
    version = bin_dir.parent.name
    return Path(f"/usr/share/postgresql/{version}/extension/postgis.control").exists()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *cmd] if os.geteuid() == 0 else cmd


@dataclass
class PgServer:
    bin_dir: Path
    root: Path
    port: int = 0
    _names: Iterator[int] = field(default_factory=itertools.count)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def _run(self, cmd: list[str], what: str) -> None:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def initdb(self) -> None:
        cmd = [str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER]
        cmd += ["--auth=trust", "--no-locale", "--encoding=UTF8", "--no-sync"]
        self._run(_as_server_user(cmd), "initdb")

    def start(self, attempts: int = 3) -> None:
        # A free port can be taken between choosing and binding it; try a few.
        for attempt in range(attempts):
            self.port = _free_port()
            options = (
                f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40"
            )
            cmd = [str(self.bin_dir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data_dir)]
            cmd += ["-l", str(self.log_file), "-o", options]
            try:
                self._run(_as_server_user(cmd), "pg_ctl start")
                return
            except RuntimeError:
                if attempt == attempts - 1:
                    raise

    def stop(self) -> None:
        cmd = [str(self.bin_dir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.data_dir)]
        subprocess.run(_as_server_user(cmd), capture_output=True, timeout=60)

    def psql(self, sql: str, database: str = "postgres") -> None:
        cmd = [str(self.bin_dir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"]
        cmd += ["-p", str(self.port), "-U", SUPERUSER, "-d", database, "-c", sql]
        self._run(cmd, f"psql {sql!r}")

    def create_database(self, *, postgis: bool = False) -> str:
        """A fresh empty database (PostGIS enabled on request); returns its URL."""
        name = f"test_{next(self._names)}"
        self.psql(f"CREATE DATABASE {name}")
        if postgis:
            self.psql("CREATE EXTENSION postgis", database=name)
        return self.database_url(name)


def _make_root() -> Path:
    # As root the default TMPDIR may not be traversable by the server user; /tmp always is.
    root = Path(tempfile.mkdtemp(prefix="sdcarbon-pg-", dir="/tmp" if os.geteuid() == 0 else None))
    if os.geteuid() == 0:
        shutil.chown(root, user=SERVER_USER, group=SERVER_USER)
    return root


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(f"PostgreSQL server not installed (no /usr/lib/postgresql/*/bin/initdb); {INSTALL_HINT}")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as a non-root user")
        try:
            import pwd

            pwd.getpwnam(SERVER_USER)
        except KeyError:
            pytest.skip(f"running as root and no {SERVER_USER!r} user to run PostgreSQL as; {INSTALL_HINT}")
    server = PgServer(bin_dir=bin_dir, root=_make_root())
    try:
        server.initdb()
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.create_database()


@pytest.fixture
def postgis_url(pg_server: PgServer) -> str:
    if not postgis_available(pg_server.bin_dir):
        pytest.skip(f"PostGIS not installed for PostgreSQL {pg_server.bin_dir.parent.name}; {INSTALL_HINT}")
    return pg_server.create_database(postgis=True)
