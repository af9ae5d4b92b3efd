"""The SQL target on Spark (pyspark in local mode) over a Parquet file (issue 14, items 3 and 4).

The session is the fixture `spark` (tests/spark_session.py): local[2], little memory, quiet logs,
one per run. First that Spark reads the Parquet that pyarrow writes with exact decimals and
dates, then the generated Spark SQL against the Python module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq


def test_spark_reads_exact_parquet(spark, tmp_path) -> None:
    path = tmp_path / "sager.parquet"
    table = pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "beløb": pa.array([Decimal("10469.50"), None, Decimal("-0.05")], pa.decimal128(14, 2)),
        "dato": pa.array([date(2024, 1, 2), None, date(2000, 2, 29)], pa.date32()),
        "tekst": pa.array(["", None, "æøå"], pa.string()),
    })
    pq.write_table(table, path)
    spark.read.parquet(str(path)).createOrReplaceTempView("rundtur")
    rows = spark.sql("SELECT id, `beløb`, `beløb` * 3 AS tre, dato, tekst FROM rundtur ORDER BY id").collect()
    assert [r.asDict() for r in rows] == [
        {"id": 1, "beløb": Decimal("10469.50"), "tre": Decimal("31408.50"), "dato": date(2024, 1, 2), "tekst": ""},
        {"id": 2, "beløb": None, "tre": None, "dato": None, "tekst": None},
        {"id": 3, "beløb": Decimal("-0.05"), "tre": Decimal("-0.15"), "dato": date(2000, 2, 29), "tekst": "æøå"},
    ]
