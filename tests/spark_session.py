"""A small local SparkSession for the tests (pyspark in local mode; needs Java 17 or newer).

`start_session()` starts one JVM with two local threads, little memory, no web UI, few shuffle
partitions and Spark's own logging at ERROR (also during start-up, through a log4j2 file), with
a scratch directory of its own that `stop_session()` removes. The fixture in conftest.py
(`spark`, session-scoped) skips with the reason from `SparkUnavailableError` when Java or
pyspark is missing, too old, or the JVM does not start.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

_LOG4J2 = """\
# pyspark counts as a shell: Spark announces «Setting default log level» when the root's level
# differs from that of the org.apache.spark logger (which has its own here). All at ERROR.
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.spark.name = org.apache.spark
logger.spark.level = error
logger.sparkproject.name = org.sparkproject
logger.sparkproject.level = error
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = error
logger.parquet.name = org.apache.parquet
logger.parquet.level = error
"""


class SparkUnavailableError(RuntimeError):
    """Why no SparkSession could be had (the skip reason)."""


def java_version() -> tuple[int, str] | None:
    """(major version, `java -version`'s first line) of the Java pyspark will use, or None."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    text = (out.stderr or out.stdout).strip()
    m = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not m:
        return None
    major = int(m.group(1))
    if major == 1 and m.group(2):  # "1.8.0_…" is Java 8
        major = int(m.group(2))
    return major, text.splitlines()[0]


def start_session(app_name: str = "regel-test"):
    """A local SparkSession; raises SparkUnavailableError with the reason."""
    try:
        import pyspark
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise SparkUnavailableError(f"pyspark er ikke installeret ({err}); pip install '.[spark]'") from err
    jv = java_version()
    if jv is None:
        raise SparkUnavailableError("Java findes ikke (java på PATH eller JAVA_HOME); Spark kræver Java 17 eller nyere")
    need = 17 if int(pyspark.__version__.split(".")[0]) >= 4 else 8
    if jv[0] < need:
        raise SparkUnavailableError(f"pyspark {pyspark.__version__} kræver Java {need} eller nyere; her er {jv[1]}")
    scratch = Path(tempfile.mkdtemp(prefix="regel_spark_"))
    log4j = scratch / "log4j2.properties"
    log4j.write_text(_LOG4J2, encoding="utf-8")
    # C1 only (TieredStopAtLevel=1): the JVM starts and runs small queries much faster on two busy cores.
    java_opts = (f"-Dlog4j.configurationFile=file:{log4j} -Djava.io.tmpdir={scratch} "
                 "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    builder = (
        SparkSession.builder.master("local[2]")
        .appName(app_name)
        .config("spark.driver.memory", "768m")
        .config("spark.driver.extraJavaOptions", java_opts)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        # docs/sql.md: regel's SQL needs exact decimals; Spark otherwise cuts digits off big products.
        .config("spark.sql.decimalOperations.allowPrecisionLoss", "false")
        .config("spark.local.dir", str(scratch / "local"))
        .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
    )
    try:
        session = builder.getOrCreate()
    except Exception as err:  # the JVM did not start: say why instead of failing every test
        shutil.rmtree(scratch, ignore_errors=True)
        raise SparkUnavailableError(f"SparkSession kunne ikke startes: {str(err).strip()[-500:]}") from err
    session.sparkContext.setLogLevel("ERROR")
    session._regel_scratch = scratch  # type: ignore[attr-defined]
    return session


def stop_session(session) -> None:
    scratch = getattr(session, "_regel_scratch", None)
    try:
        session.stop()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
