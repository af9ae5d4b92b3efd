"""Kør en beslutning fra regel på Spark: den genererede SQL over en Parquet-fil, svarene til Parquet.

    regel sql sanktion --dialekt spark > sanktion.sql
    spark-submit --conf spark.sql.decimalOperations.allowPrecisionLoss=false \\
        regel_spark.py --sql sanktion.sql --input sager.parquet --out resultater.parquet

Input er relationen `sager` (docs/sql.md): kolonnen `rad_id` og én kolonne pr. felt i modulet med
feltets navn og type (beløb DECIMAL(38, 2), heltal og procent BIGINT, dato DATE, ja/nej BOOLEAN,
opremsning og tekst STRING); NULL betyder, at feltet ikke er oplyst. Skriptet tjekker kolonnerne
mod listen øverst i SQL-filen, før det kører: en manglende kolonne afvises (eller tilføjes som
NULL med --manglende-som-null), og en kolonne af en anden type, der ikke kan laves om uden tab
(fx et beløb som double), afvises. Output har `rad_id`, beslutningens poster, `regler` og `fejl`.

Kun pyspark er nødvendigt på klyngen (regel selv behøves ikke: SQL-filen er det hele).
"""

from __future__ import annotations

import argparse
import re
import sys

# The header of `regel sql`'s output lists the input relation's columns: /*   navn TYPE */
_COLUMN = re.compile(r"^/\*   (\S+) ([A-Z]+(?:\(\d+, \d+\))?) \*/$")
_SAFE = {  # Spark types that go into the column's type without losing anything
    "BIGINT": {"bigint", "int", "smallint", "tinyint"},
    "DATE": {"date"},
    "BOOLEAN": {"boolean"},
    "STRING": {"string"},
    "VARCHAR": {"string"},
}


def input_columns(sql: str) -> list[tuple[str, str]]:
    cols = []
    for line in sql.splitlines():
        if not line.startswith("/*"):
            break
        if m := _COLUMN.match(line):
            cols.append((m.group(1), m.group(2)))
    if not cols:
        raise SystemExit("SQL-filen har ikke regels liste over inputkolonner øverst (lavet med regel sql?)")
    return cols


def _fits(spark_type: str, want: str) -> bool:
    if want.startswith("DECIMAL"):
        p, s = (int(x) for x in re.findall(r"\d+", want))
        m = re.fullmatch(r"decimal\((\d+),(\d+)\)", spark_type)
        if m:
            return int(m.group(2)) <= s and int(m.group(1)) - int(m.group(2)) <= p - s
        return spark_type in {"bigint", "int", "smallint", "tinyint"}
    return spark_type in _SAFE.get(want, set())


def prepare_input(spark, df, sql: str, missing_as_null: bool = False):
    """The input DataFrame with exactly the relation's columns in its types, or SystemExit."""
    from pyspark.sql import functions as sf

    have = dict(df.dtypes)
    if "rad_id" not in have:
        raise SystemExit("inputtet mangler kolonnen rad_id (sagens nøgle)")
    out = [sf.col("rad_id").cast("bigint").alias("rad_id")]
    for name, want in input_columns(sql):
        spark_type = "string" if want == "VARCHAR" else want.lower().replace(" ", "")
        if name not in have:
            if not missing_as_null:
                raise SystemExit(f"inputtet mangler kolonnen «{name}» ({want}); brug --manglende-som-null, "
                                 "hvis feltet ikke er oplyst i nogen sag")
            out.append(sf.lit(None).cast(spark_type).alias(name))
            continue
        if not _fits(have[name], want):
            raise SystemExit(f"kolonnen «{name}» er {have[name]}, men skal være {want} (ingen afrunding her: "
                             "lav den om, før den kommer ind)")
        out.append(sf.col(f"`{name}`").cast(spark_type).alias(name))
    return df.select(*out)


def run(spark, sql: str, input_path: str, out_path: str, missing_as_null: bool = False) -> int:
    """Run the query over the Parquet at input_path and write the answers to out_path (Parquet).
    Returns the number of rows written."""
    spark.conf.set("spark.sql.decimalOperations.allowPrecisionLoss", "false")  # exact amounts
    cases = prepare_input(spark, spark.read.parquet(input_path), sql, missing_as_null)
    cases.createOrReplaceTempView("sager")
    result = spark.sql(sql.rstrip().rstrip(";"))
    result.write.mode("overwrite").parquet(out_path)
    return spark.read.parquet(out_path).count()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Kør regels SQL for én beslutning på Spark (Parquet ind og ud).")
    ap.add_argument("--sql", required=True, help="filen fra regel sql BESLUTNING --dialekt spark")
    ap.add_argument("--input", required=True, help="Parquet med rad_id og sagernes felter")
    ap.add_argument("--out", required=True, help="mappe til resultaterne (Parquet)")
    ap.add_argument("--manglende-som-null", action="store_true", help="en manglende feltkolonne er NULL i alle sager")
    args = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    with open(args.sql, encoding="utf-8") as fh:
        sql = fh.read()
    spark = SparkSession.builder.appName("regel").getOrCreate()
    try:
        n = run(spark, sql, args.input, args.out, args.manglende_som_null)
        errors = spark.read.parquet(args.out).where("fejl IS NOT NULL").count()
    finally:
        spark.stop()
    print(f"{n} sager, {errors} afvist; resultaterne er i {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
