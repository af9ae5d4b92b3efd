"""A throwaway PostgreSQL server for the tests, and a small client that talks to it with `psql`.

`start_server()` makes a cluster with `initdb` in a fresh temporary directory, starts it with
`pg_ctl` on a free port on 127.0.0.1 (its Unix socket in the same directory, so nothing outside
it is touched), and `PgServer.stop()` stops it and removes the directory. The cluster is tuned
for tests (no fsync, small buffers): it is thrown away after the run.

PostgreSQL refuses to run as root. Run as root, the server runs as an unprivileged user: the
`postgres` system user that Debian's `postgresql` package creates, else `nobody`. The child
processes get that user through `subprocess`'s `user=`/`group=` (no `su`/`runuser` needed); the
directory is created for that user. As a normal user, the server simply runs as that user.

No database driver is needed: `psql` is the client. Rows come back as JSON lines
(`row_to_json`), so numerics keep every digit (read them with `parse_float=Decimal`), dates are
ISO text and NULL is `null` — no guessing in CSV between NULL and an empty string. Rows go in
with `COPY … FROM STDIN (FORMAT csv)`, where an unquoted empty field is NULL.

The fixture in conftest.py (`pg_server`, session-scoped) calls `start_server()` and skips with
the reason from `PgUnavailableError` when the binaries are missing or the server cannot start.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

DB_USER = "regel"
DB_NAME = "regel"
# Settings for a cluster that lives for one test run.
_SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB "
    "-c max_connections=20 -c listen_addresses=127.0.0.1 -c log_min_messages=warning "
    "-c max_wal_size=256MB -c TimeZone=UTC -c datestyle=ISO,YMD"
)


class PgUnavailableError(RuntimeError):
    """Why a server could not be had (the skip reason)."""


def find_bindir() -> Path | None:
    """The directory with initdb, pg_ctl and postgres: $REGEL_PG_BINDIR, Debian's
    /usr/lib/postgresql/<newest>/bin, `pg_config --bindir`, or initdb on PATH."""
    candidates: list[Path] = []
    if os.environ.get("REGEL_PG_BINDIR"):
        candidates.append(Path(os.environ["REGEL_PG_BINDIR"]))
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: _version_key(Path(p).parent.name))
    candidates += [Path(p) for p in reversed(debian)]
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10)
            if out.returncode == 0 and out.stdout.strip():
                candidates.append(Path(out.stdout.strip()))
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).resolve().parent)
    for d in candidates:
        if all((d / exe).is_file() for exe in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


def _version_key(name: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in name.split("."))
    except ValueError:
        return (0,)


def find_psql(bindir: Path | None) -> str | None:
    if bindir and (bindir / "psql").is_file():
        return str(bindir / "psql")
    return shutil.which("psql")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_account() -> pwd.struct_passwd | None:
    """None when we are not root (the server runs as us); else the unprivileged account to use."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PgUnavailableError("kører som root, og hverken brugeren postgres eller nobody findes at køre serveren som")


@dataclass
class PgServer:
    bindir: Path
    psql_bin: str
    root: Path
    port: int
    account: pwd.struct_passwd | None
    host: str = "127.0.0.1"
    user: str = DB_USER
    dbname: str = DB_NAME
    statement_timeout: str = "300s"  # a runaway query fails instead of hanging the test run
    _stopped: bool = field(default=False, repr=False)

    # -- server -----------------------------------------------------------------------------------
    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    @property
    def dsn(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.logfile.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(ingen serverlog)"

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            _as_server(self, [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "-w", "-t", "30",
                              "stop"], timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    # -- client -----------------------------------------------------------------------------------
    def _psql_cmd(self, *extra: str) -> list[str]:
        return [self.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p", str(self.port),
                "-U", self.user, "-d", self.dbname, *extra]

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(PGCLIENTENCODING="UTF8", PGCONNECT_TIMEOUT="10", PGTZ="UTC", LC_ALL="C.UTF-8",
                   PGOPTIONS=f"-c statement_timeout={self.statement_timeout}")
        return env

    def execute(self, sql: str, stdin: str | None = None, timeout: float = 300) -> str:
        """Run SQL (one or more statements; from a file, so there is no length limit) and return
        psql's output. With `stdin`, `sql` is one statement (a COPY … FROM STDIN reads `stdin`).
        Raises PgError with PostgreSQL's message on failure."""
        return self._run(self._psql_cmd(), sql, stdin, timeout)

    def _run(self, cmd: list[str], sql: str, stdin: str | None, timeout: float) -> str:
        with tempfile.NamedTemporaryFile("w", suffix=".sql", encoding="utf-8", delete=False) as fh:
            fh.write(sql)
            script = fh.name
        try:
            # -f reads the statements from the file; a COPY … FROM STDIN in it then reads the file
            # itself, so data goes through -c, where STDIN is psql's own standard input.
            args = [*cmd, "-c", sql] if stdin is not None else [*cmd, "-f", script]
            proc = self._psql(args, stdin if stdin is not None else "", timeout)
        finally:
            os.unlink(script)
        if proc.returncode != 0:
            raise PgError(proc.stderr.strip() or f"psql afsluttede med {proc.returncode}")
        return proc.stdout

    def _psql(self, args: list[str], stdin: str, timeout: float) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(args, input=stdin, capture_output=True, text=True, encoding="utf-8",
                                  env=self._env(), timeout=timeout)
        except subprocess.TimeoutExpired:
            self.end_queries()
            raise PgError(f"PostgreSQL svarede ikke inden for {timeout:g} s (forespørgslen er stoppet)") from None

    def end_queries(self) -> None:
        """Stop every other client's query. PostgreSQL's planner does not always look for a
        cancel (statement_timeout, pg_terminate_backend): a backend still there after a few
        second is killed, and the server restarts its backends (it is a throwaway cluster)."""
        sql = ("SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' "
               "AND pid <> pg_backend_pid()")
        pids = self._pids(sql)
        if not pids:
            return
        with contextlib.suppress(PgError, subprocess.SubprocessError):
            self._run(self._psql_cmd(), f"SELECT pg_terminate_backend(pid) FROM ({sql}) AS p", None, 30)
        deadline = time.monotonic() + 1
        while pids and time.monotonic() < deadline:
            time.sleep(0.2)
            pids = [p for p in pids if _alive(p)]
        for p in pids:
            with contextlib.suppress(OSError):
                os.kill(p, signal.SIGKILL)
        # Once the postmaster has reaped a killed backend it is in recovery (refusing
        # connections) until it is ready again.
        deadline = time.monotonic() + 30
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        wait_ready(self, 60)

    def _pids(self, sql: str) -> list[int]:
        try:
            out = self._run(self._psql_cmd("-A", "-t"), sql, None, 30)
        except (PgError, subprocess.SubprocessError):
            return []
        return [int(x) for x in out.split()]

    def query(self, sql: str, timeout: float = 300) -> list[dict]:
        """The rows of one SELECT as dicts (column order kept): numerics as Decimal/int, dates
        as ISO text, booleans as bool, NULL as None."""
        body = sql.strip().rstrip(";")
        out = self._run(self._psql_cmd("-A", "-t"), f"SELECT row_to_json(q)::text FROM (\n{body}\n) AS q;\n", None,
                        timeout)
        decode = json.JSONDecoder(parse_float=Decimal).decode
        return [decode(line) for line in out.splitlines() if line]

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]],
                  timeout: float = 300) -> None:
        """COPY rows into an existing table. None is NULL (an unquoted empty field); every other
        value is quoted, so an empty string stays a string. bool is true/false; everything else
        its str() (a Decimal keeps its digits, a date is ISO)."""
        lines = []
        for r in rows:
            lines.append(",".join("" if v is None else '"' + _csv_text(v).replace('"', '""') + '"' for v in r))
        cols = ", ".join(quote_ident(c) for c in columns)
        data = "\n".join(lines) + ("\n" if lines else "")
        self.execute(f"COPY {quote_ident(table)} ({cols}) FROM STDIN WITH (FORMAT csv)", stdin=data, timeout=timeout)


def _csv_text(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PgError(RuntimeError):
    """A statement failed; the message is PostgreSQL's (via psql)."""


def _as_server(server_or_account, cmd: list[str], timeout: float, env: dict[str, str] | None = None):
    account = server_or_account.account if isinstance(server_or_account, PgServer) else server_or_account
    kwargs: dict = {}
    base = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    base.update(LC_ALL="C", LANG="C")
    if account is not None:
        kwargs = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        base.update(HOME=tempfile.gettempdir(), USER=account.pw_name, LOGNAME=account.pw_name)
    if env:
        base.update(env)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=base, cwd="/", **kwargs)


def start_server() -> PgServer:
    """initdb + pg_ctl start in a temp dir on a free port; raises PgUnavailableError with the reason."""
    bindir = find_bindir()
    if bindir is None:
        raise PgUnavailableError("PostgreSQL er ikke installeret (ingen initdb/pg_ctl/postgres; "
                            "Debians pakke postgresql, som scripts/test.sh installerer, når den kan)")
    psql = find_psql(bindir)
    if psql is None:
        raise PgUnavailableError("psql findes ikke (Debians pakke postgresql-client)")
    account = _server_account()
    root = Path(tempfile.mkdtemp(prefix="regel_pg_"))
    try:
        if account is not None:
            os.chown(root, account.pw_uid, account.pw_gid)
        os.chmod(root, 0o700)
        init = _as_server(account, [str(bindir / "initdb"), "-D", str(root / "data"), "-U", DB_USER, "-A", "trust",
                                    "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], timeout=120)
        if init.returncode != 0:
            raise PgUnavailableError(f"initdb fejlede: {(init.stderr or init.stdout).strip()[-500:]}")
        last = ""
        for _attempt in range(5):
            port = free_port()
            server = PgServer(bindir, psql, root, port, account)
            start = _as_server(account, [str(bindir / "pg_ctl"), "-D", str(server.datadir), "-l", str(server.logfile),
                                         "-w", "-t", "60", "-o", f"-p {port} -k {root} {_SERVER_OPTIONS}", "start"],
                               timeout=90)
            if start.returncode == 0:
                break
            last = (start.stderr or start.stdout).strip()[-300:] + "\n" + server.log_tail(10)
            if "could not bind" not in last and "Address already in use" not in last:
                raise PgUnavailableError(f"pg_ctl start fejlede: {last}")
        else:
            raise PgUnavailableError(f"ingen ledig port efter 5 forsøg: {last}")
        # The database the tests use, owned by the test user.
        created = subprocess.run([psql, "-X", "-q", "-h", "127.0.0.1", "-p", str(port), "-U", DB_USER, "-d", "postgres",
                                  "-c", f"CREATE DATABASE {DB_NAME}"], capture_output=True, text=True,
                                 env=server._env(), timeout=60)
        if created.returncode != 0:
            server.stop()
            raise PgUnavailableError(f"CREATE DATABASE fejlede: {created.stderr.strip()}")
        return server
    except BaseException:
        # Nothing left behind if the start failed half-way (a running server is stopped).
        if (root / "data" / "postmaster.pid").exists():
            _as_server(account, [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"],
                       timeout=60)
        shutil.rmtree(root, ignore_errors=True)
        raise


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_ready(server: PgServer, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            server.execute("SELECT 1")
            return
        except PgError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
