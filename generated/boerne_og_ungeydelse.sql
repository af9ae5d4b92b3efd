-- GENERERET AF regel: SQL (duckdb) for modulet boerne_og_ungeydelse, én forespørgsel pr. beslutning.
-- Se docs/sql.md for kontrakten (relationen sager, kolonnerne og fejl).

-- ==== beslutning boerneydelse ====
-- GENERERET AF regel: modul boerne_og_ungeydelse, beslutning boerneydelse (Børne- og ungeydelse for ét barn i én periode).
-- Input: relationen sager med kolonnen rad_id og sagens felter
--   dato DATE
--   aldersgruppe VARCHAR
--   delt BOOLEAN
--   topskattegrundlag DECIMAL(38, 2)
-- (NULL = feltet er ikke oplyst). Output: rad_id, beslutningens poster, regler og fejl.
WITH
-- Sagens felter: standardværdier og felter, der mangler.
felter AS (
  SELECT
    *,
    "dato" AS v1,
    CASE WHEN "dato" IS NULL THEN 1 END AS e2,
    "aldersgruppe" AS v3,
    CASE WHEN "aldersgruppe" IS NULL THEN 2 END AS e4,
    "delt" AS v5,
    CASE WHEN "delt" IS NULL THEN 4 END AS e6,
    CAST("topskattegrundlag" AS DECIMAL(38, 2)) AS v7,
    CASE WHEN "topskattegrundlag" IS NULL THEN 5 END AS e8,
    COALESCE(CASE WHEN NOT "aldersgruppe" IN ('år_0_2', 'år_3_6', 'år_7_14', 'år_15_17') THEN 3 END, CASE WHEN CAST("topskattegrundlag" AS DECIMAL(38, 2)) < CAST(0.00 AS DECIMAL(38, 2)) THEN 6 END) AS gyldig
  FROM sager
),
-- Tabel Bundfradrag (politik unik)
--   version 2022 gælder 2022-01-01 – 2022-12-31
--   regel 1: altid
--   version 2023 gælder 2023-01-01 – 2023-12-31
--   regel 1: altid
--   version 2024 gælder 2024-01-01 – 2024-12-31
--   regel 1: altid
t1a AS (
  SELECT
    *,
    CASE WHEN v1 IS NULL THEN NULL WHEN v1 >= CAST('2022-01-01' AS DATE) AND v1 <= CAST('2022-12-31' AS DATE) THEN 1 WHEN v1 >= CAST('2023-01-01' AS DATE) AND v1 <= CAST('2023-12-31' AS DATE) THEN 2 WHEN v1 >= CAST('2024-01-01' AS DATE) AND v1 <= CAST('2024-12-31' AS DATE) THEN 3 END AS t1_ver,
    TRUE AS t1_ok
  FROM felter
),
t1r AS (
  SELECT
    *,
    CASE WHEN t1_ok THEN NULL ELSE 1 END AS t1_r1,
    CASE WHEN t1_ok THEN NULL ELSE 1 END AS t1_r2,
    CASE WHEN t1_ok THEN NULL ELSE 1 END AS t1_r3
  FROM t1a
),
t1b AS (
  SELECT
    *,
    CASE WHEN t1_ver = 1 THEN CASE WHEN t1_ok THEN CASE WHEN TRUE THEN 1 END ELSE CASE WHEN t1_r1 = 1 THEN 1 END END WHEN t1_ver = 2 THEN CASE WHEN t1_ok THEN CASE WHEN TRUE THEN 2 END ELSE CASE WHEN t1_r2 = 1 THEN 2 END END WHEN t1_ver = 3 THEN CASE WHEN t1_ok THEN CASE WHEN TRUE THEN 3 END ELSE CASE WHEN t1_r3 = 1 THEN 3 END END END AS t1_hit
  FROM t1r
),
t1s AS (
  SELECT
    *,
    CASE WHEN e2 IS NOT NULL THEN e2 WHEN t1_ver IS NULL THEN 7 WHEN t1_ok THEN CASE WHEN t1_ver = 1 THEN CASE WHEN t1_hit IS NULL THEN 8 END WHEN t1_ver = 2 THEN CASE WHEN t1_hit IS NULL THEN 9 END WHEN t1_ver = 3 THEN CASE WHEN t1_hit IS NULL THEN 10 END END WHEN t1_ver = 1 THEN CASE WHEN NOT (t1_r1 = 1) THEN 8 END WHEN t1_ver = 2 THEN CASE WHEN NOT (t1_r2 = 1) THEN 9 END WHEN t1_ver = 3 THEN CASE WHEN NOT (t1_r3 = 1) THEN 10 END END AS t1_sel
  FROM t1b
),
t1c AS (
  SELECT
    *,
    CASE WHEN t1_hit = 1 THEN CAST(828100 AS DECIMAL(38, 0)) WHEN t1_hit = 2 THEN CAST(852600 AS DECIMAL(38, 0)) WHEN t1_hit = 3 THEN CAST(882700 AS DECIMAL(38, 0)) END AS v9,
    t1_sel AS e10,
    CASE WHEN t1_hit = 1 THEN 'BUL § 1 a, stk. 1 og 3 – bundfradrag 2022 (skm.dk, satser og beløbsgrænser)' WHEN t1_hit = 2 THEN 'BUL § 1 a, stk. 1 og 3 – 700.000 kr. × reguleringstal 121,8 (skm.dk, PSL § 20, 2022–2023)' WHEN t1_hit = 3 THEN 'BUL § 1 a, stk. 1 og 3 – 882.700 kr. (borger.dk; 700.000 kr. × reguleringstal 126,1, skm.dk, PSL § 20, 2023–2024)' END AS c1,
    CASE WHEN t1_hit = 1 THEN 'Bundfradrag@2022/1' WHEN t1_hit = 2 THEN 'Bundfradrag@2023/1' WHEN t1_hit = 3 THEN 'Bundfradrag@2024/1' END AS f1
  FROM t1s
),
-- Værdien topskattegrundlag − bundfradrag.
s13 AS (
  SELECT
    *,
    CAST(CAST(v7 AS DECIMAL(38, 2)) - CAST(v9 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) AS v11,
    COALESCE(COALESCE(e8, CASE WHEN v7 IS NULL THEN 11 END), COALESCE(e10, CASE WHEN v9 IS NULL THEN 12 END)) AS e12
  FROM t1c
),
-- Tabel Aftrapning (politik unik), hjemmel BUL § 1 a, stk. 1
--   regel n0: topskattegrundlag − bundfradrag <= bundfradrag
--   regel n1: topskattegrundlag − bundfradrag > bundfradrag
t2a AS (
  SELECT
    *,
    1 AS t2_ver,
    (e12 IS NULL AND v11 IS NOT NULL) AS t2_ok
  FROM s13
),
t2r AS (
  SELECT
    *,
    CASE WHEN t2_ok THEN NULL WHEN (e12 IS NOT NULL OR v11 IS NULL) THEN 3 WHEN NOT ((v11 >= -10000000000000.00 AND v11 <= 0.00)) THEN 0 ELSE 1 END AS t2_r1,
    CASE WHEN t2_ok THEN NULL WHEN (e12 IS NOT NULL OR v11 IS NULL) THEN 3 WHEN NOT ((v11 >= 0.01 AND v11 <= 10000000000000.00)) THEN 0 ELSE 1 END AS t2_r2
  FROM t2a
),
t2b AS (
  SELECT
    *,
    CASE WHEN t2_ver = 1 THEN CASE WHEN t2_ok THEN CASE WHEN (v11 >= -10000000000000.00 AND v11 <= 0.00) THEN 1 WHEN (v11 >= 0.01 AND v11 <= 10000000000000.00) THEN 2 END ELSE CASE WHEN t2_r1 = 1 THEN 1 WHEN t2_r2 = 1 THEN 2 END END END AS t2_hit
  FROM t2r
),
t2s AS (
  SELECT
    *,
    CASE WHEN t2_ok THEN CASE WHEN t2_ver = 1 THEN CASE WHEN t2_hit IS NULL THEN 13 END END WHEN t2_ver = 1 THEN COALESCE(CASE CASE WHEN t2_r1 >= 2 THEN t2_r1 WHEN t2_r2 >= 2 THEN t2_r2 END WHEN 3 THEN COALESCE(e12, CASE WHEN v11 IS NULL THEN 15 END) END, CASE WHEN NOT (t2_r1 = 1 OR t2_r2 = 1) THEN 13 WHEN CASE WHEN t2_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r2 = 1 THEN 1 ELSE 0 END >= 2 THEN 14 END) END AS t2_sel
  FROM t2b
),
t2c AS (
  SELECT
    *,
    CASE WHEN t2_hit = 1 THEN CAST(CAST(0 AS DECIMAL(38, 0)) AS DECIMAL(38, 2)) WHEN t2_hit = 2 THEN CAST(CAST((SIGN(CAST(CAST(CAST(CAST(v7 AS DECIMAL(38, 2)) - CAST(v9 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(2 AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) * CAST(100 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) * FLOOR(ABS(CAST(CAST(CAST(CAST(v7 AS DECIMAL(38, 2)) - CAST(v9 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(2 AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) * CAST(100 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) + 0.5)) AS DECIMAL(38, 0)) * CAST(0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) END AS v14,
    COALESCE(t2_sel, CASE WHEN t2_hit = 2 THEN COALESCE(COALESCE(e8, CASE WHEN v7 IS NULL THEN 11 END), COALESCE(e10, CASE WHEN v9 IS NULL THEN 12 END)) END) AS e15,
    CASE WHEN t2_hit = 1 THEN 0 WHEN t2_hit = 2 THEN 2 ELSE 0 END AS x16,
    CASE WHEN t2_hit BETWEEN 1 AND 2 THEN 'BUL § 1 a, stk. 1' END AS c2,
    CASE WHEN t2_hit = 1 THEN 'Aftrapning/n0' WHEN t2_hit = 2 THEN 'Aftrapning/n1' END AS f2
  FROM t2s
),
-- Tabel Forhøjelse (politik unik)
--   version 2022 gælder 2022-01-01 – 2022-12-31
--   regel f0: altid
--   version 1. kvartal 2023 gælder 2023-01-01 – 2023-03-31
--   regel f1: aldersgruppe år_0_2, år_3_6, år_7_14
--   regel f1u: aldersgruppe år_15_17
--   version april 2023 – 2024 gælder 2023-04-01 – 2024-12-31
--   regel f0: altid
t3a AS (
  SELECT
    *,
    CASE WHEN v1 IS NULL THEN NULL WHEN v1 >= CAST('2022-01-01' AS DATE) AND v1 <= CAST('2022-12-31' AS DATE) THEN 1 WHEN v1 >= CAST('2023-01-01' AS DATE) AND v1 <= CAST('2023-03-31' AS DATE) THEN 2 WHEN v1 >= CAST('2023-04-01' AS DATE) AND v1 <= CAST('2024-12-31' AS DATE) THEN 3 END AS t3_ver,
    v3 IS NOT NULL AS t3_ok
  FROM t2c
),
t3r AS (
  SELECT
    *,
    CASE WHEN t3_ok THEN NULL ELSE 1 END AS t3_r1,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 IN ('år_0_2', 'år_3_6', 'år_7_14')) THEN 0 ELSE 1 END AS t3_r2,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_15_17') THEN 0 ELSE 1 END AS t3_r3,
    CASE WHEN t3_ok THEN NULL ELSE 1 END AS t3_r4
  FROM t3a
),
t3b AS (
  SELECT
    *,
    CASE WHEN t3_ver = 1 THEN CASE WHEN t3_ok THEN CASE WHEN TRUE THEN 1 END ELSE CASE WHEN t3_r1 = 1 THEN 1 END END WHEN t3_ver = 2 THEN CASE WHEN t3_ok THEN CASE WHEN v3 IN ('år_0_2', 'år_3_6', 'år_7_14') THEN 2 WHEN v3 = 'år_15_17' THEN 3 END ELSE CASE WHEN t3_r2 = 1 THEN 2 WHEN t3_r3 = 1 THEN 3 END END WHEN t3_ver = 3 THEN CASE WHEN t3_ok THEN CASE WHEN TRUE THEN 4 END ELSE CASE WHEN t3_r4 = 1 THEN 4 END END END AS t3_hit
  FROM t3r
),
t3s AS (
  SELECT
    *,
    CASE WHEN e2 IS NOT NULL THEN e2 WHEN t3_ver IS NULL THEN 16 WHEN t3_ok THEN CASE WHEN t3_ver = 1 THEN CASE WHEN t3_hit IS NULL THEN 17 END WHEN t3_ver = 2 THEN CASE WHEN t3_hit IS NULL THEN 18 END WHEN t3_ver = 3 THEN CASE WHEN t3_hit IS NULL THEN 19 END END WHEN t3_ver = 1 THEN CASE WHEN NOT (t3_r1 = 1) THEN 17 END WHEN t3_ver = 2 THEN COALESCE(CASE CASE WHEN t3_r2 >= 2 THEN t3_r2 WHEN t3_r3 >= 2 THEN t3_r3 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 21 END) END, CASE WHEN NOT (t3_r2 = 1 OR t3_r3 = 1) THEN 18 WHEN CASE WHEN t3_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r3 = 1 THEN 1 ELSE 0 END >= 2 THEN 20 END) WHEN t3_ver = 3 THEN CASE WHEN NOT (t3_r4 = 1) THEN 19 END END AS t3_sel
  FROM t3b
),
t3c AS (
  SELECT
    *,
    CASE WHEN (t3_hit = 1 OR t3_hit = 4) THEN CAST(0 AS DECIMAL(38, 0)) WHEN t3_hit = 2 THEN CAST(660 AS DECIMAL(38, 0)) WHEN t3_hit = 3 THEN CAST(220 AS DECIMAL(38, 0)) END AS v17,
    t3_sel AS e18,
    CASE WHEN t3_hit = 1 THEN 'BUL § 1, stk. 3 (forhøjelsen gælder kun 2023)' WHEN t3_hit = 2 THEN 'BUL § 1, stk. 3, 9. pkt., og § 5, stk. 3 (lov nr. 1389 af 5. oktober 2022)' WHEN t3_hit = 3 THEN 'BUL § 1, stk. 3, 9. pkt., og § 5, stk. 4; 220 kr. pr. måned i januar–marts 2023 efter borger.dk (vejledning)' WHEN t3_hit = 4 THEN 'BUL § 1, stk. 3, 9. pkt., og § 5, stk. 3 og 4 (forhøjelsen udbetales kun i 1. kvartal 2023)' END AS c3,
    CASE WHEN t3_hit = 1 THEN 'Forhøjelse@2022/f0' WHEN t3_hit = 2 THEN 'Forhøjelse@1. kvartal 2023/f1' WHEN t3_hit = 3 THEN 'Forhøjelse@1. kvartal 2023/f1u' WHEN t3_hit = 4 THEN 'Forhøjelse@april 2023 – 2024/f0' END AS f3
  FROM t3s
),
-- Tabel Sats (politik unik)
--   version 2022 gælder 2022-01-01 – 2022-12-31
--   regel a: aldersgruppe år_0_2
--   regel b: aldersgruppe år_3_6
--   regel c: aldersgruppe år_7_14
--   regel u: aldersgruppe år_15_17
--   version 2023 gælder 2023-01-01 – 2023-12-31
--   regel a: aldersgruppe år_0_2
--   regel b: aldersgruppe år_3_6
--   regel c: aldersgruppe år_7_14
--   regel u: aldersgruppe år_15_17
--   version 2024 gælder 2024-01-01 – 2024-12-31
--   regel a: aldersgruppe år_0_2
--   regel b: aldersgruppe år_3_6
--   regel c: aldersgruppe år_7_14
--   regel u: aldersgruppe år_15_17
t4a AS (
  SELECT
    *,
    CASE WHEN v1 IS NULL THEN NULL WHEN v1 >= CAST('2022-01-01' AS DATE) AND v1 <= CAST('2022-12-31' AS DATE) THEN 1 WHEN v1 >= CAST('2023-01-01' AS DATE) AND v1 <= CAST('2023-12-31' AS DATE) THEN 2 WHEN v1 >= CAST('2024-01-01' AS DATE) AND v1 <= CAST('2024-12-31' AS DATE) THEN 3 END AS t4_ver,
    v3 IS NOT NULL AS t4_ok
  FROM t3c
),
t4r AS (
  SELECT
    *,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_0_2') THEN 0 ELSE 1 END AS t4_r1,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_3_6') THEN 0 ELSE 1 END AS t4_r2,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_7_14') THEN 0 ELSE 1 END AS t4_r3,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_15_17') THEN 0 ELSE 1 END AS t4_r4,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_0_2') THEN 0 ELSE 1 END AS t4_r5,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_3_6') THEN 0 ELSE 1 END AS t4_r6,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_7_14') THEN 0 ELSE 1 END AS t4_r7,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_15_17') THEN 0 ELSE 1 END AS t4_r8,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_0_2') THEN 0 ELSE 1 END AS t4_r9,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_3_6') THEN 0 ELSE 1 END AS t4_r10,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_7_14') THEN 0 ELSE 1 END AS t4_r11,
    CASE WHEN t4_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_15_17') THEN 0 ELSE 1 END AS t4_r12
  FROM t4a
),
t4b AS (
  SELECT
    *,
    CASE WHEN t4_ver = 1 THEN CASE WHEN t4_ok THEN CASE WHEN v3 = 'år_0_2' THEN 1 WHEN v3 = 'år_3_6' THEN 2 WHEN v3 = 'år_7_14' THEN 3 WHEN v3 = 'år_15_17' THEN 4 END ELSE CASE WHEN t4_r1 = 1 THEN 1 WHEN t4_r2 = 1 THEN 2 WHEN t4_r3 = 1 THEN 3 WHEN t4_r4 = 1 THEN 4 END END WHEN t4_ver = 2 THEN CASE WHEN t4_ok THEN CASE WHEN v3 = 'år_0_2' THEN 5 WHEN v3 = 'år_3_6' THEN 6 WHEN v3 = 'år_7_14' THEN 7 WHEN v3 = 'år_15_17' THEN 8 END ELSE CASE WHEN t4_r5 = 1 THEN 5 WHEN t4_r6 = 1 THEN 6 WHEN t4_r7 = 1 THEN 7 WHEN t4_r8 = 1 THEN 8 END END WHEN t4_ver = 3 THEN CASE WHEN t4_ok THEN CASE WHEN v3 = 'år_0_2' THEN 9 WHEN v3 = 'år_3_6' THEN 10 WHEN v3 = 'år_7_14' THEN 11 WHEN v3 = 'år_15_17' THEN 12 END ELSE CASE WHEN t4_r9 = 1 THEN 9 WHEN t4_r10 = 1 THEN 10 WHEN t4_r11 = 1 THEN 11 WHEN t4_r12 = 1 THEN 12 END END END AS t4_hit
  FROM t4r
),
t4s AS (
  SELECT
    *,
    CASE WHEN e2 IS NOT NULL THEN e2 WHEN t4_ver IS NULL THEN 22 WHEN t4_ok THEN CASE WHEN t4_ver = 1 THEN CASE WHEN t4_hit IS NULL THEN 23 END WHEN t4_ver = 2 THEN CASE WHEN t4_hit IS NULL THEN 24 END WHEN t4_ver = 3 THEN CASE WHEN t4_hit IS NULL THEN 25 END END WHEN t4_ver = 1 THEN COALESCE(CASE CASE WHEN t4_r1 >= 2 THEN t4_r1 WHEN t4_r2 >= 2 THEN t4_r2 WHEN t4_r3 >= 2 THEN t4_r3 WHEN t4_r4 >= 2 THEN t4_r4 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 21 END) END, CASE WHEN NOT (t4_r1 = 1 OR t4_r2 = 1 OR t4_r3 = 1 OR t4_r4 = 1) THEN 23 WHEN CASE WHEN t4_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r3 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r4 = 1 THEN 1 ELSE 0 END >= 2 THEN 26 END) WHEN t4_ver = 2 THEN COALESCE(CASE CASE WHEN t4_r5 >= 2 THEN t4_r5 WHEN t4_r6 >= 2 THEN t4_r6 WHEN t4_r7 >= 2 THEN t4_r7 WHEN t4_r8 >= 2 THEN t4_r8 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 21 END) END, CASE WHEN NOT (t4_r5 = 1 OR t4_r6 = 1 OR t4_r7 = 1 OR t4_r8 = 1) THEN 24 WHEN CASE WHEN t4_r5 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r6 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r7 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r8 = 1 THEN 1 ELSE 0 END >= 2 THEN 27 END) WHEN t4_ver = 3 THEN COALESCE(CASE CASE WHEN t4_r9 >= 2 THEN t4_r9 WHEN t4_r10 >= 2 THEN t4_r10 WHEN t4_r11 >= 2 THEN t4_r11 WHEN t4_r12 >= 2 THEN t4_r12 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 21 END) END, CASE WHEN NOT (t4_r9 = 1 OR t4_r10 = 1 OR t4_r11 = 1 OR t4_r12 = 1) THEN 25 WHEN CASE WHEN t4_r9 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r10 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r11 = 1 THEN 1 ELSE 0 END + CASE WHEN t4_r12 = 1 THEN 1 ELSE 0 END >= 2 THEN 28 END) END AS t4_sel
  FROM t4b
),
t4c AS (
  SELECT
    *,
    CASE WHEN t4_hit = 1 THEN CAST(18612 AS DECIMAL(38, 0)) WHEN t4_hit = 2 THEN CAST(14724 AS DECIMAL(38, 0)) WHEN t4_hit BETWEEN 3 AND 4 THEN CAST(11592 AS DECIMAL(38, 0)) WHEN t4_hit = 5 THEN CAST(18984 AS DECIMAL(38, 0)) WHEN t4_hit = 6 THEN CAST(15024 AS DECIMAL(38, 0)) WHEN t4_hit BETWEEN 7 AND 8 THEN CAST(11820 AS DECIMAL(38, 0)) WHEN t4_hit = 9 THEN CAST(20496 AS DECIMAL(38, 0)) WHEN t4_hit = 10 THEN CAST(16224 AS DECIMAL(38, 0)) WHEN t4_hit BETWEEN 11 AND 12 THEN CAST(12768 AS DECIMAL(38, 0)) END AS v19,
    t4_sel AS e20,
    CASE WHEN t4_hit = 1 THEN CAST(4653 AS DECIMAL(38, 0)) WHEN t4_hit = 2 THEN CAST(3681 AS DECIMAL(38, 0)) WHEN t4_hit = 3 THEN CAST(2898 AS DECIMAL(38, 0)) WHEN (t4_hit = 4 OR t4_hit = 8 OR t4_hit = 12) THEN CAST(NULL AS DECIMAL(38, 0)) WHEN t4_hit = 5 THEN CAST(4746 AS DECIMAL(38, 0)) WHEN t4_hit = 6 THEN CAST(3756 AS DECIMAL(38, 0)) WHEN t4_hit = 7 THEN CAST(2955 AS DECIMAL(38, 0)) WHEN t4_hit = 9 THEN CAST(5124 AS DECIMAL(38, 0)) WHEN t4_hit = 10 THEN CAST(4056 AS DECIMAL(38, 0)) WHEN t4_hit = 11 THEN CAST(3192 AS DECIMAL(38, 0)) END AS v21,
    COALESCE(t4_sel, CASE WHEN t4_hit = 4 THEN 29 WHEN t4_hit = 8 THEN 30 WHEN t4_hit = 12 THEN 31 END) AS e22,
    CASE WHEN (t4_hit BETWEEN 1 AND 3 OR t4_hit BETWEEN 5 AND 7 OR t4_hit BETWEEN 9 AND 11) THEN CAST(NULL AS DECIMAL(38, 0)) WHEN t4_hit = 4 THEN CAST(966 AS DECIMAL(38, 0)) WHEN t4_hit = 8 THEN CAST(985 AS DECIMAL(38, 0)) WHEN t4_hit = 12 THEN CAST(1064 AS DECIMAL(38, 0)) END AS v23,
    COALESCE(t4_sel, CASE WHEN t4_hit = 1 THEN 32 WHEN t4_hit = 2 THEN 33 WHEN t4_hit = 3 THEN 34 WHEN t4_hit = 5 THEN 35 WHEN t4_hit = 6 THEN 36 WHEN t4_hit = 7 THEN 37 WHEN t4_hit = 9 THEN 38 WHEN t4_hit = 10 THEN 39 WHEN t4_hit = 11 THEN 40 END) AS e24,
    CASE WHEN t4_hit BETWEEN 1 AND 4 THEN 'BUL § 1, stk. 1–3 – satser 2022 (skm.dk, satser og beløbsgrænser)' WHEN t4_hit BETWEEN 5 AND 8 THEN 'BUL § 1, stk. 1–3 – satser 2023 (skm.dk, satser og beløbsgrænser)' WHEN t4_hit BETWEEN 9 AND 11 THEN 'BUL § 1, stk. 1–3 – satser 2024 (bemærkningerne til lov nr. 632 af 11. juni 2024, § 4)' WHEN t4_hit = 12 THEN 'BUL § 1, stk. 2 (samme grundbeløb som 7–14 år, jf. bemærkningerne til lov nr. 632 af 11. juni 2024, § 4)' END AS c4,
    CASE WHEN t4_hit = 1 THEN 'Sats@2022/a' WHEN t4_hit = 2 THEN 'Sats@2022/b' WHEN t4_hit = 3 THEN 'Sats@2022/c' WHEN t4_hit = 4 THEN 'Sats@2022/u' WHEN t4_hit = 5 THEN 'Sats@2023/a' WHEN t4_hit = 6 THEN 'Sats@2023/b' WHEN t4_hit = 7 THEN 'Sats@2023/c' WHEN t4_hit = 8 THEN 'Sats@2023/u' WHEN t4_hit = 9 THEN 'Sats@2024/a' WHEN t4_hit = 10 THEN 'Sats@2024/b' WHEN t4_hit = 11 THEN 'Sats@2024/c' WHEN t4_hit = 12 THEN 'Sats@2024/u' END AS f4
  FROM t4s
),
-- Tabel Periodeydelse (politik unik)
--   regel k: aldersgruppe år_0_2, år_3_6, år_7_14
--   regel m: aldersgruppe år_15_17
t5a AS (
  SELECT
    *,
    1 AS t5_ver,
    v3 IS NOT NULL AS t5_ok
  FROM t4c
),
t5r AS (
  SELECT
    *,
    CASE WHEN t5_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 IN ('år_0_2', 'år_3_6', 'år_7_14')) THEN 0 ELSE 1 END AS t5_r1,
    CASE WHEN t5_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'år_15_17') THEN 0 ELSE 1 END AS t5_r2
  FROM t5a
),
t5b AS (
  SELECT
    *,
    CASE WHEN t5_ver = 1 THEN CASE WHEN t5_ok THEN CASE WHEN v3 IN ('år_0_2', 'år_3_6', 'år_7_14') THEN 1 WHEN v3 = 'år_15_17' THEN 2 END ELSE CASE WHEN t5_r1 = 1 THEN 1 WHEN t5_r2 = 1 THEN 2 END END END AS t5_hit
  FROM t5r
),
t5s AS (
  SELECT
    *,
    CASE WHEN t5_ok THEN CASE WHEN t5_ver = 1 THEN CASE WHEN t5_hit IS NULL THEN 41 END END WHEN t5_ver = 1 THEN COALESCE(CASE CASE WHEN t5_r1 >= 2 THEN t5_r1 WHEN t5_r2 >= 2 THEN t5_r2 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 21 END) END, CASE WHEN NOT (t5_r1 = 1 OR t5_r2 = 1) THEN 41 WHEN CASE WHEN t5_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t5_r2 = 1 THEN 1 ELSE 0 END >= 2 THEN 42 END) END AS t5_sel
  FROM t5b
),
t5c AS (
  SELECT
    *,
    CASE WHEN t5_hit = 1 THEN 'kvartal' WHEN t5_hit = 2 THEN 'måned' END AS v25,
    t5_sel AS e26,
    CASE WHEN t5_hit = 1 THEN CAST(CAST(v21 AS DECIMAL(38, 0)) + CAST(v17 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) WHEN t5_hit = 2 THEN CAST(CAST(v23 AS DECIMAL(38, 0)) + CAST(v17 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) END AS v27,
    COALESCE(t5_sel, CASE WHEN t5_hit = 1 THEN COALESCE(COALESCE(e22, CASE WHEN v21 IS NULL THEN 43 END), COALESCE(e18, CASE WHEN v17 IS NULL THEN 44 END)) WHEN t5_hit = 2 THEN COALESCE(COALESCE(e24, CASE WHEN v23 IS NULL THEN 45 END), COALESCE(e18, CASE WHEN v17 IS NULL THEN 44 END)) END) AS e28,
    CASE WHEN t5_hit = 1 THEN 'BUL § 5, stk. 3 (børneydelsen udbetales kvartalsvis)' WHEN t5_hit = 2 THEN 'BUL § 5, stk. 4 (ungeydelsen udbetales månedligt)' END AS c5,
    CASE WHEN t5_hit = 1 THEN 'Periodeydelse/k' WHEN t5_hit = 2 THEN 'Periodeydelse/m' END AS f5
  FROM t5s
),
-- Tabel Ligedeling (politik unik)
--   regel h: delt nej
--   regel d: delt ja
t6a AS (
  SELECT
    *,
    1 AS t6_ver,
    v5 IS NOT NULL AS t6_ok
  FROM t5c
),
t6r AS (
  SELECT
    *,
    CASE WHEN t6_ok THEN NULL WHEN v5 IS NULL THEN 2 WHEN NOT (NOT v5) THEN 0 ELSE 1 END AS t6_r1,
    CASE WHEN t6_ok THEN NULL WHEN v5 IS NULL THEN 2 WHEN NOT (v5) THEN 0 ELSE 1 END AS t6_r2
  FROM t6a
),
t6b AS (
  SELECT
    *,
    CASE WHEN t6_ver = 1 THEN CASE WHEN t6_ok THEN CASE WHEN NOT v5 THEN 1 WHEN v5 THEN 2 END ELSE CASE WHEN t6_r1 = 1 THEN 1 WHEN t6_r2 = 1 THEN 2 END END END AS t6_hit
  FROM t6r
),
t6s AS (
  SELECT
    *,
    CASE WHEN t6_ok THEN CASE WHEN t6_ver = 1 THEN CASE WHEN t6_hit IS NULL THEN 46 END END WHEN t6_ver = 1 THEN COALESCE(CASE CASE WHEN t6_r1 >= 2 THEN t6_r1 WHEN t6_r2 >= 2 THEN t6_r2 END WHEN 2 THEN COALESCE(e6, CASE WHEN v5 IS NULL THEN 48 END) END, CASE WHEN NOT (t6_r1 = 1 OR t6_r2 = 1) THEN 46 WHEN CASE WHEN t6_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t6_r2 = 1 THEN 1 ELSE 0 END >= 2 THEN 47 END) END AS t6_sel
  FROM t6b
),
t6c AS (
  SELECT
    *,
    CASE WHEN t6_hit = 1 THEN CAST(v27 AS DECIMAL(38, 0)) WHEN t6_hit = 2 THEN CAST(CAST(CEIL(CAST(CAST(CAST(v27 AS DECIMAL(38, 0)) * CAST(0.5 AS DECIMAL(38, 1)) AS DECIMAL(38, 1)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 1))) AS DECIMAL(38, 0)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) END AS v29,
    COALESCE(t6_sel, CASE WHEN t6_hit = 1 THEN e28 WHEN t6_hit = 2 THEN COALESCE(e28, CASE WHEN v27 IS NULL THEN 49 END) END) AS e30,
    CASE WHEN t6_hit = 1 THEN 'BUL § 4 (hele ydelsen til én modtager, stk. 1, 3. pkt., stk. 2 og 5)' WHEN t6_hit = 2 THEN 'BUL § 4, stk. 1, 1. og 2. pkt.' END AS c6,
    CASE WHEN t6_hit = 1 THEN 'Ligedeling/h' WHEN t6_hit = 2 THEN 'Ligedeling/d' END AS f6
  FROM t6s
),
-- Tabel Nedsættelse (politik unik)
--   regel k: periode kvartal
--   regel m0: periode måned, topskattegrundlag − bundfradrag <= bundfradrag
--   regel m1: periode måned, topskattegrundlag − bundfradrag > bundfradrag
t7a AS (
  SELECT
    *,
    1 AS t7_ver,
    (e26 IS NULL AND v25 IS NOT NULL) AND (e12 IS NULL AND v11 IS NOT NULL) AS t7_ok
  FROM t6c
),
t7r AS (
  SELECT
    *,
    CASE WHEN t7_ok THEN NULL WHEN (e26 IS NOT NULL OR v25 IS NULL) THEN 2 WHEN NOT (v25 = 'kvartal') THEN 0 ELSE 1 END AS t7_r1,
    CASE WHEN t7_ok THEN NULL WHEN (e26 IS NOT NULL OR v25 IS NULL) THEN 2 WHEN NOT (v25 = 'måned') THEN 0 WHEN (e12 IS NOT NULL OR v11 IS NULL) THEN 4 WHEN NOT ((v11 >= -10000000000000.00 AND v11 <= 0.00)) THEN 0 ELSE 1 END AS t7_r2,
    CASE WHEN t7_ok THEN NULL WHEN (e26 IS NOT NULL OR v25 IS NULL) THEN 2 WHEN NOT (v25 = 'måned') THEN 0 WHEN (e12 IS NOT NULL OR v11 IS NULL) THEN 4 WHEN NOT ((v11 >= 0.01 AND v11 <= 10000000000000.00)) THEN 0 ELSE 1 END AS t7_r3
  FROM t7a
),
t7b AS (
  SELECT
    *,
    CASE WHEN t7_ver = 1 THEN CASE WHEN t7_ok THEN CASE WHEN v25 = 'kvartal' THEN 1 WHEN v25 = 'måned' AND (v11 >= -10000000000000.00 AND v11 <= 0.00) THEN 2 WHEN v25 = 'måned' AND (v11 >= 0.01 AND v11 <= 10000000000000.00) THEN 3 END ELSE CASE WHEN t7_r1 = 1 THEN 1 WHEN t7_r2 = 1 THEN 2 WHEN t7_r3 = 1 THEN 3 END END END AS t7_hit
  FROM t7r
),
t7s AS (
  SELECT
    *,
    CASE WHEN t7_ok THEN CASE WHEN t7_ver = 1 THEN CASE WHEN t7_hit IS NULL THEN 50 END END WHEN t7_ver = 1 THEN COALESCE(CASE CASE WHEN t7_r1 >= 2 THEN t7_r1 WHEN t7_r2 >= 2 THEN t7_r2 WHEN t7_r3 >= 2 THEN t7_r3 END WHEN 2 THEN COALESCE(e26, CASE WHEN v25 IS NULL THEN 52 END) WHEN 4 THEN COALESCE(e12, CASE WHEN v11 IS NULL THEN 15 END) END, CASE WHEN NOT (t7_r1 = 1 OR t7_r2 = 1 OR t7_r3 = 1) THEN 50 WHEN CASE WHEN t7_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t7_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t7_r3 = 1 THEN 1 ELSE 0 END >= 2 THEN 51 END) END AS t7_sel
  FROM t7b
),
t7c AS (
  SELECT
    *,
    CASE WHEN t7_hit = 1 THEN CAST(CAST((SIGN(CAST(CAST(CASE WHEN CAST(CAST(v14 AS DECIMAL(38, 2)) * CAST(0.25 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) <= CAST(v29 AS DECIMAL(38, 4)) THEN CAST(CAST(v14 AS DECIMAL(38, 2)) * CAST(0.25 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) ELSE CAST(v29 AS DECIMAL(38, 4)) END AS DECIMAL(38, 4)) * CAST(100 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) * FLOOR(ABS(CAST(CAST(CASE WHEN CAST(CAST(v14 AS DECIMAL(38, 2)) * CAST(0.25 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) <= CAST(v29 AS DECIMAL(38, 4)) THEN CAST(CAST(v14 AS DECIMAL(38, 2)) * CAST(0.25 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) ELSE CAST(v29 AS DECIMAL(38, 4)) END AS DECIMAL(38, 4)) * CAST(100 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) + 0.5)) AS DECIMAL(38, 0)) * CAST(0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) WHEN t7_hit = 2 THEN CAST(CAST(0 AS DECIMAL(38, 0)) AS DECIMAL(38, 2)) WHEN t7_hit = 3 THEN CAST(NULL AS DECIMAL(38, 2)) END AS v31,
    COALESCE(t7_sel, CASE WHEN t7_hit = 1 THEN COALESCE(COALESCE(e15, CASE WHEN v14 IS NULL THEN 53 END), COALESCE(e30, CASE WHEN v29 IS NULL THEN 54 END)) WHEN t7_hit = 3 THEN 55 END) AS e32,
    CASE WHEN t7_hit = 1 THEN 2 WHEN t7_hit BETWEEN 2 AND 3 THEN 0 ELSE 0 END AS x33,
    CASE WHEN t7_hit = 1 THEN 'BUL § 1 a, stk. 1; et kvartal ad gangen og højst hele ydelsen (borger.dk, nedsættelse af børne- og ungeydelsen)' WHEN t7_hit = 2 THEN 'BUL § 1 a, stk. 1' WHEN t7_hit = 3 THEN 'BUL § 1 a og § 5, stk. 4; borger.dk (nedsættelse af børne- og ungeydelsen) siger intet om ungeydelsens måneder' END AS c7,
    CASE WHEN t7_hit = 1 THEN 'Nedsættelse/k' WHEN t7_hit = 2 THEN 'Nedsættelse/m0' WHEN t7_hit = 3 THEN 'Nedsættelse/m1' END AS f7
  FROM t7s
),
-- Tabel Udbetaling (politik unik), hjemmel BUL § 1 a, stk. 1
--   regel 1: altid
t8a AS (
  SELECT
    *,
    1 AS t8_ver,
    TRUE AS t8_ok
  FROM t7c
),
t8r AS (
  SELECT
    *,
    CASE WHEN t8_ok THEN NULL ELSE 1 END AS t8_r1
  FROM t8a
),
t8b AS (
  SELECT
    *,
    CASE WHEN t8_ver = 1 THEN CASE WHEN t8_ok THEN CASE WHEN TRUE THEN 1 END ELSE CASE WHEN t8_r1 = 1 THEN 1 END END END AS t8_hit
  FROM t8r
),
t8s AS (
  SELECT
    *,
    CASE WHEN t8_ok THEN CASE WHEN t8_ver = 1 THEN CASE WHEN t8_hit IS NULL THEN 56 END END WHEN t8_ver = 1 THEN CASE WHEN NOT (t8_r1 = 1) THEN 56 END END AS t8_sel
  FROM t8b
),
t8c AS (
  SELECT
    *,
    CASE WHEN t8_hit = 1 THEN CAST(CAST(v29 AS DECIMAL(38, 2)) - CAST(v31 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) END AS v34,
    COALESCE(t8_sel, CASE WHEN t8_hit = 1 THEN COALESCE(COALESCE(e30, CASE WHEN v29 IS NULL THEN 54 END), COALESCE(e32, CASE WHEN v31 IS NULL THEN 57 END)) END) AS e35,
    CASE WHEN t8_hit = 1 THEN 'BUL § 1 a, stk. 1' END AS c8,
    CASE WHEN t8_hit = 1 THEN 'Udbetaling/1' END AS f8
  FROM t8s
),
-- Beslutningens fejl: den første post, der ikke kan afgøres.
afgoerelse AS (
  SELECT
    *,
    COALESCE(gyldig, e26, e28, e30, e15, e32, e35, t4_sel, t5_sel, t7_sel) AS fejl_
  FROM t8c
),
-- Cifrene i de tal, som afvisningerne nævner (kun for de afviste sager).
cifre AS (
  SELECT
    *,
    CASE WHEN (fejl_ = 6 OR fejl_ = 14) THEN RIGHT('                                       ' || CAST(CAST(FLOOR(ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2)))) AS DECIMAL(38, 0)) AS VARCHAR), 39) END AS n1,
    CASE WHEN (fejl_ BETWEEN 13 AND 14 OR fejl_ BETWEEN 50 AND 51 OR fejl_ = 55) THEN RIGHT('                                       ' || CAST(CAST(FLOOR(ABS(CAST(v7 AS DECIMAL(38, 2)))) AS DECIMAL(38, 0)) AS VARCHAR), 39) END AS n2,
    CASE WHEN (fejl_ BETWEEN 13 AND 14 OR fejl_ BETWEEN 50 AND 51 OR fejl_ = 55) THEN RIGHT('                                       ' || CAST(ABS(CAST(v9 AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n3
  FROM afgoerelse
),
-- Værdierne, som afvisningerne nævner, på dansk (kun for de afviste sager).
visning AS (
  SELECT
    *,
    CASE WHEN fejl_ = 6 THEN CASE WHEN CAST("topskattegrundlag" AS DECIMAL(38, 2)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n1, 1, 3) || '.' || SUBSTRING(n1, 4, 3) || '.' || SUBSTRING(n1, 7, 3) || '.' || SUBSTRING(n1, 10, 3) || '.' || SUBSTRING(n1, 13, 3) || '.' || SUBSTRING(n1, 16, 3) || '.' || SUBSTRING(n1, 19, 3) || '.' || SUBSTRING(n1, 22, 3) || '.' || SUBSTRING(n1, 25, 3) || '.' || SUBSTRING(n1, 28, 3) || '.' || SUBSTRING(n1, 31, 3) || '.' || SUBSTRING(n1, 34, 3) || '.' || SUBSTRING(n1, 37, 3), ' .', '')) || CASE WHEN (ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))))) = 0 THEN '' WHEN (ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))))) * 10 = FLOOR((ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))))) * 10) THEN ',' || LEFT(RIGHT('00' || CAST(CAST((ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2), 2) ELSE ',' || RIGHT('00' || CAST(CAST((ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("topskattegrundlag" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2) END || ' kr' END AS d1,
    CASE WHEN (fejl_ BETWEEN 13 AND 14 OR fejl_ BETWEEN 50 AND 51 OR fejl_ = 55) THEN CASE WHEN CAST(v7 AS DECIMAL(38, 2)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n2, 1, 3) || '.' || SUBSTRING(n2, 4, 3) || '.' || SUBSTRING(n2, 7, 3) || '.' || SUBSTRING(n2, 10, 3) || '.' || SUBSTRING(n2, 13, 3) || '.' || SUBSTRING(n2, 16, 3) || '.' || SUBSTRING(n2, 19, 3) || '.' || SUBSTRING(n2, 22, 3) || '.' || SUBSTRING(n2, 25, 3) || '.' || SUBSTRING(n2, 28, 3) || '.' || SUBSTRING(n2, 31, 3) || '.' || SUBSTRING(n2, 34, 3) || '.' || SUBSTRING(n2, 37, 3), ' .', '')) || CASE WHEN (ABS(CAST(v7 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v7 AS DECIMAL(38, 2))))) = 0 THEN '' WHEN (ABS(CAST(v7 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v7 AS DECIMAL(38, 2))))) * 10 = FLOOR((ABS(CAST(v7 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v7 AS DECIMAL(38, 2))))) * 10) THEN ',' || LEFT(RIGHT('00' || CAST(CAST((ABS(CAST(v7 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v7 AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2), 2) ELSE ',' || RIGHT('00' || CAST(CAST((ABS(CAST(v7 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v7 AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2) END || ' kr' END AS d2,
    CASE WHEN (fejl_ BETWEEN 13 AND 14 OR fejl_ BETWEEN 50 AND 51 OR fejl_ = 55) THEN CASE WHEN CAST(v9 AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n3, 1, 3) || '.' || SUBSTRING(n3, 4, 3) || '.' || SUBSTRING(n3, 7, 3) || '.' || SUBSTRING(n3, 10, 3) || '.' || SUBSTRING(n3, 13, 3) || '.' || SUBSTRING(n3, 16, 3) || '.' || SUBSTRING(n3, 19, 3) || '.' || SUBSTRING(n3, 22, 3) || '.' || SUBSTRING(n3, 25, 3) || '.' || SUBSTRING(n3, 28, 3) || '.' || SUBSTRING(n3, 31, 3) || '.' || SUBSTRING(n3, 34, 3) || '.' || SUBSTRING(n3, 37, 3), ' .', '')) || ' kr' END AS d3
  FROM cifre
),
-- Sagens oplysninger og reglerne, som afvisningerne nævner (kun for de afviste sager).
tekster AS (
  SELECT
    *,
    CASE WHEN fejl_ BETWEEN 13 AND 14 THEN SUBSTRING(CASE WHEN (e12 IS NULL AND v11 IS NOT NULL) THEN ', topskattegrundlag = ' || d2 ELSE '' END || CASE WHEN (e12 IS NULL AND v11 IS NOT NULL) THEN ', bundfradrag = ' || d3 ELSE '' END, 3, 100000) END AS l1,
    CASE WHEN fejl_ = 14 THEN SUBSTRING(CASE WHEN CASE WHEN t2_ok THEN (v11 >= -10000000000000.00 AND v11 <= 0.00) ELSE t2_r1 = 1 END THEN ' og n0' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN (v11 >= 0.01 AND v11 <= 10000000000000.00) ELSE t2_r2 = 1 END THEN ' og n1' ELSE '' END, 5, 100000) END AS l2,
    CASE WHEN (fejl_ = 18 OR fejl_ = 20 OR fejl_ BETWEEN 23 AND 42) THEN SUBSTRING(CASE WHEN v3 IS NOT NULL THEN ', aldersgruppe = ' || v3 ELSE '' END, 3, 100000) END AS l3,
    CASE WHEN fejl_ = 20 THEN SUBSTRING(CASE WHEN CASE WHEN t3_ok THEN v3 IN ('år_0_2', 'år_3_6', 'år_7_14') ELSE t3_r2 = 1 END THEN ' og f1' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'år_15_17' ELSE t3_r3 = 1 END THEN ' og f1u' ELSE '' END, 5, 100000) END AS l4,
    CASE WHEN fejl_ = 26 THEN SUBSTRING(CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_0_2' ELSE t4_r1 = 1 END THEN ' og a' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_3_6' ELSE t4_r2 = 1 END THEN ' og b' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_7_14' ELSE t4_r3 = 1 END THEN ' og c' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_15_17' ELSE t4_r4 = 1 END THEN ' og u' ELSE '' END, 5, 100000) END AS l5,
    CASE WHEN fejl_ = 27 THEN SUBSTRING(CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_0_2' ELSE t4_r5 = 1 END THEN ' og a' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_3_6' ELSE t4_r6 = 1 END THEN ' og b' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_7_14' ELSE t4_r7 = 1 END THEN ' og c' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_15_17' ELSE t4_r8 = 1 END THEN ' og u' ELSE '' END, 5, 100000) END AS l6,
    CASE WHEN fejl_ = 28 THEN SUBSTRING(CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_0_2' ELSE t4_r9 = 1 END THEN ' og a' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_3_6' ELSE t4_r10 = 1 END THEN ' og b' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_7_14' ELSE t4_r11 = 1 END THEN ' og c' ELSE '' END || CASE WHEN CASE WHEN t4_ok THEN v3 = 'år_15_17' ELSE t4_r12 = 1 END THEN ' og u' ELSE '' END, 5, 100000) END AS l7,
    CASE WHEN fejl_ = 42 THEN SUBSTRING(CASE WHEN CASE WHEN t5_ok THEN v3 IN ('år_0_2', 'år_3_6', 'år_7_14') ELSE t5_r1 = 1 END THEN ' og k' ELSE '' END || CASE WHEN CASE WHEN t5_ok THEN v3 = 'år_15_17' ELSE t5_r2 = 1 END THEN ' og m' ELSE '' END, 5, 100000) END AS l8,
    CASE WHEN fejl_ BETWEEN 46 AND 47 THEN SUBSTRING(CASE WHEN v5 IS NOT NULL THEN ', delt = ' || CASE WHEN v5 THEN 'ja' ELSE 'nej' END ELSE '' END, 3, 100000) END AS l9,
    CASE WHEN fejl_ = 47 THEN SUBSTRING(CASE WHEN CASE WHEN t6_ok THEN NOT v5 ELSE t6_r1 = 1 END THEN ' og h' ELSE '' END || CASE WHEN CASE WHEN t6_ok THEN v5 ELSE t6_r2 = 1 END THEN ' og d' ELSE '' END, 5, 100000) END AS l10,
    CASE WHEN (fejl_ BETWEEN 50 AND 51 OR fejl_ = 55) THEN SUBSTRING(CASE WHEN (e26 IS NULL AND v25 IS NOT NULL) THEN ', periode = ' || v25 ELSE '' END || CASE WHEN (e12 IS NULL AND v11 IS NOT NULL) THEN ', topskattegrundlag = ' || d2 ELSE '' END || CASE WHEN (e12 IS NULL AND v11 IS NOT NULL) THEN ', bundfradrag = ' || d3 ELSE '' END, 3, 100000) END AS l11,
    CASE WHEN fejl_ = 51 THEN SUBSTRING(CASE WHEN CASE WHEN t7_ok THEN v25 = 'kvartal' ELSE t7_r1 = 1 END THEN ' og k' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v25 = 'måned' AND (v11 >= -10000000000000.00 AND v11 <= 0.00) ELSE t7_r2 = 1 END THEN ' og m0' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v25 = 'måned' AND (v11 >= 0.01 AND v11 <= 10000000000000.00) ELSE t7_r3 = 1 END THEN ' og m1' ELSE '' END, 5, 100000) END AS l12
  FROM visning
)
SELECT
  "rad_id" AS "rad_id",
  CASE WHEN fejl_ IS NULL THEN v25 END AS "periode",
  CASE WHEN fejl_ IS NULL THEN CAST(v27 AS DECIMAL(38, 0)) END AS "fuld_ydelse",
  CASE WHEN fejl_ IS NULL THEN CAST(v29 AS DECIMAL(38, 0)) END AS "ydelse_før_nedsættelse",
  CASE WHEN fejl_ IS NULL THEN CAST(v14 AS DECIMAL(38, 2)) END AS "årlig_nedsættelse",
  CASE WHEN fejl_ IS NULL THEN CAST(v31 AS DECIMAL(38, 2)) END AS "nedsættelse",
  CASE WHEN fejl_ IS NULL THEN CAST(v34 AS DECIMAL(38, 2)) END AS "udbetaling",
  CASE WHEN fejl_ IS NULL THEN c4 END AS "hjemmel",
  CASE WHEN fejl_ IS NULL THEN c5 END AS "periodehjemmel",
  CASE WHEN fejl_ IS NULL THEN c7 END AS "nedsættelseshjemmel",
  CASE WHEN fejl_ IS NULL THEN CONCAT_WS(', ', CASE WHEN t5_sel IS NULL THEN f5 END, CASE WHEN t5_hit = 1 AND t5_sel IS NULL AND t4_sel IS NULL THEN f4 END, CASE WHEN (COALESCE(e22, CASE WHEN v21 IS NULL THEN 43 END)) IS NULL AND t5_hit = 1 AND t5_sel IS NULL AND t3_sel IS NULL THEN f3 END, CASE WHEN t5_hit = 2 AND t5_sel IS NULL AND t4_sel IS NULL THEN f4 END, CASE WHEN (COALESCE(e24, CASE WHEN v23 IS NULL THEN 45 END)) IS NULL AND t5_hit = 2 AND t5_sel IS NULL AND t3_sel IS NULL THEN f3 END, CASE WHEN t6_sel IS NULL THEN f6 END, CASE WHEN (COALESCE(e8, CASE WHEN v7 IS NULL THEN 11 END)) IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t2_sel IS NULL THEN f2 END, CASE WHEN t7_sel IS NULL THEN f7 END, CASE WHEN t8_sel IS NULL THEN f8 END, CASE WHEN t4_sel IS NULL AND NOT ((t5_hit = 1 AND t5_sel IS NULL) OR (t5_hit = 2 AND t5_sel IS NULL)) THEN f4 END) END AS "regler",
  CASE WHEN fejl_ IS NULL THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN fejl_ < 29 THEN CASE WHEN fejl_ < 15 THEN CASE WHEN fejl_ < 8 THEN CASE WHEN fejl_ < 4 THEN CASE WHEN fejl_ < 2 THEN 'Sagen mangler feltet «dato» (En dag i den periode (kvartal eller måned), ydelsen gælder for; den vælger årets satser), som er nødvendigt for at afgøre sagen.' ELSE CASE WHEN fejl_ < 3 THEN 'Sagen mangler feltet «aldersgruppe» (Barnets aldersgruppe i perioden (afgøres af sagsbehandleren)), som er nødvendigt for at afgøre sagen.' ELSE '«' || "aldersgruppe" || '» er ikke en gyldig værdi for feltet «aldersgruppe». Mulige værdier: år_0_2, år_3_6, år_7_14, år_15_17.' END END ELSE CASE WHEN fejl_ < 6 THEN CASE WHEN fejl_ < 5 THEN 'Sagen mangler feltet «delt» (Ydelsen udbetales med halvdelen til hver forældremyndighedsindehaver (BUL § 4, stk. 1)), som er nødvendigt for at afgøre sagen.' ELSE 'Sagen mangler feltet «topskattegrundlag» (Modtagerens eget grundlag for topskat i året (personskattelovens § 7, stk. 1 og 3)), som er nødvendigt for at afgøre sagen.' END ELSE CASE WHEN fejl_ < 7 THEN 'Feltet «topskattegrundlag» skal være mindst 0 kr; fik ' || d1 || '.' ELSE 'Ingen version af tabellen Bundfradrag gælder den ' || CAST(v1 AS VARCHAR) || ' (der findes 2022-01-01–2022-12-31, 2023-01-01–2023-12-31, 2024-01-01–2024-12-31).' END END END ELSE CASE WHEN fejl_ < 11 THEN CASE WHEN fejl_ < 9 THEN 'Ingen regel i tabellen Bundfradrag version 2022 passer på sagen.' ELSE CASE WHEN fejl_ < 10 THEN 'Ingen regel i tabellen Bundfradrag version 2023 passer på sagen.' ELSE 'Ingen regel i tabellen Bundfradrag version 2024 passer på sagen.' END END ELSE CASE WHEN fejl_ < 13 THEN CASE WHEN fejl_ < 12 THEN '«topskattegrundlag» har ingen værdi, men bruges i en beregning.' ELSE '«bundfradrag» har ingen værdi, men bruges i en beregning.' END ELSE CASE WHEN fejl_ < 14 THEN CASE WHEN (e12 IS NULL AND v11 IS NOT NULL) THEN 'Ingen regel i tabellen Aftrapning passer på sagen (' || l1 || ').' ELSE 'Ingen regel i tabellen Aftrapning passer på sagen.' END ELSE CASE WHEN (e12 IS NULL AND v11 IS NOT NULL) THEN 'Flere regler i tabellen Aftrapning passer på sagen og giver forskellige resultater: ' || l2 || ' (' || l1 || ').' ELSE 'Flere regler i tabellen Aftrapning passer på sagen og giver forskellige resultater: ' || l2 || '.' END END END END END ELSE CASE WHEN fejl_ < 22 THEN CASE WHEN fejl_ < 18 THEN CASE WHEN fejl_ < 16 THEN '«topskattegrundlag − bundfradrag» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE CASE WHEN fejl_ < 17 THEN 'Ingen version af tabellen Forhøjelse gælder den ' || CAST(v1 AS VARCHAR) || ' (der findes 2022-01-01–2022-12-31, 2023-01-01–2023-03-31, 2023-04-01–2024-12-31).' ELSE 'Ingen regel i tabellen Forhøjelse version 2022 passer på sagen.' END END ELSE CASE WHEN fejl_ < 20 THEN CASE WHEN fejl_ < 19 THEN CASE WHEN v3 IS NOT NULL THEN 'Ingen regel i tabellen Forhøjelse version 1. kvartal 2023 passer på sagen (' || l3 || ').' ELSE 'Ingen regel i tabellen Forhøjelse version 1. kvartal 2023 passer på sagen.' END ELSE 'Ingen regel i tabellen Forhøjelse version april 2023 – 2024 passer på sagen.' END ELSE CASE WHEN fejl_ < 21 THEN CASE WHEN v3 IS NOT NULL THEN 'Flere regler i tabellen Forhøjelse version 1. kvartal 2023 passer på sagen og giver forskellige resultater: ' || l4 || ' (' || l3 || ').' ELSE 'Flere regler i tabellen Forhøjelse version 1. kvartal 2023 passer på sagen og giver forskellige resultater: ' || l4 || '.' END ELSE '«aldersgruppe» har ingen værdi og kan derfor ikke afgøre en betingelse.' END END END ELSE CASE WHEN fejl_ < 25 THEN CASE WHEN fejl_ < 23 THEN 'Ingen version af tabellen Sats gælder den ' || CAST(v1 AS VARCHAR) || ' (der findes 2022-01-01–2022-12-31, 2023-01-01–2023-12-31, 2024-01-01–2024-12-31).' ELSE CASE WHEN fejl_ < 24 THEN CASE WHEN v3 IS NOT NULL THEN 'Ingen regel i tabellen Sats version 2022 passer på sagen (' || l3 || ').' ELSE 'Ingen regel i tabellen Sats version 2022 passer på sagen.' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Ingen regel i tabellen Sats version 2023 passer på sagen (' || l3 || ').' ELSE 'Ingen regel i tabellen Sats version 2023 passer på sagen.' END END END ELSE CASE WHEN fejl_ < 27 THEN CASE WHEN fejl_ < 26 THEN CASE WHEN v3 IS NOT NULL THEN 'Ingen regel i tabellen Sats version 2024 passer på sagen (' || l3 || ').' ELSE 'Ingen regel i tabellen Sats version 2024 passer på sagen.' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Flere regler i tabellen Sats version 2022 passer på sagen og giver forskellige resultater: ' || l5 || ' (' || l3 || ').' ELSE 'Flere regler i tabellen Sats version 2022 passer på sagen og giver forskellige resultater: ' || l5 || '.' END END ELSE CASE WHEN fejl_ < 28 THEN CASE WHEN v3 IS NOT NULL THEN 'Flere regler i tabellen Sats version 2023 passer på sagen og giver forskellige resultater: ' || l6 || ' (' || l3 || ').' ELSE 'Flere regler i tabellen Sats version 2023 passer på sagen og giver forskellige resultater: ' || l6 || '.' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Flere regler i tabellen Sats version 2024 passer på sagen og giver forskellige resultater: ' || l7 || ' (' || l3 || ').' ELSE 'Flere regler i tabellen Sats version 2024 passer på sagen og giver forskellige resultater: ' || l7 || '.' END END END END END END ELSE CASE WHEN fejl_ < 43 THEN CASE WHEN fejl_ < 36 THEN CASE WHEN fejl_ < 32 THEN CASE WHEN fejl_ < 30 THEN CASE WHEN v3 IS NOT NULL THEN 'Ungeydelsen udbetales månedligt (BUL § 5, stk. 4); der er intet kvartalsbeløb (tabellen Sats version 2022, regel u; ' || l3 || ')' ELSE 'Ungeydelsen udbetales månedligt (BUL § 5, stk. 4); der er intet kvartalsbeløb (tabellen Sats version 2022, regel u)' END ELSE CASE WHEN fejl_ < 31 THEN CASE WHEN v3 IS NOT NULL THEN 'Ungeydelsen udbetales månedligt (BUL § 5, stk. 4); der er intet kvartalsbeløb (tabellen Sats version 2023, regel u; ' || l3 || ')' ELSE 'Ungeydelsen udbetales månedligt (BUL § 5, stk. 4); der er intet kvartalsbeløb (tabellen Sats version 2023, regel u)' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Ungeydelsen udbetales månedligt (BUL § 5, stk. 4); der er intet kvartalsbeløb (tabellen Sats version 2024, regel u; ' || l3 || ')' ELSE 'Ungeydelsen udbetales månedligt (BUL § 5, stk. 4); der er intet kvartalsbeløb (tabellen Sats version 2024, regel u)' END END END ELSE CASE WHEN fejl_ < 34 THEN CASE WHEN fejl_ < 33 THEN CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2022, regel a; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2022, regel a)' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2022, regel b; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2022, regel b)' END END ELSE CASE WHEN fejl_ < 35 THEN CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2022, regel c; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2022, regel c)' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2023, regel a; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2023, regel a)' END END END END ELSE CASE WHEN fejl_ < 39 THEN CASE WHEN fejl_ < 37 THEN CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2023, regel b; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2023, regel b)' END ELSE CASE WHEN fejl_ < 38 THEN CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2023, regel c; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2023, regel c)' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2024, regel a; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2024, regel a)' END END END ELSE CASE WHEN fejl_ < 41 THEN CASE WHEN fejl_ < 40 THEN CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2024, regel b; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2024, regel b)' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2024, regel c; ' || l3 || ')' ELSE 'Børneydelsen udbetales kvartalsvis (BUL § 5, stk. 3); der er intet månedsbeløb (tabellen Sats version 2024, regel c)' END END ELSE CASE WHEN fejl_ < 42 THEN CASE WHEN v3 IS NOT NULL THEN 'Ingen regel i tabellen Periodeydelse passer på sagen (' || l3 || ').' ELSE 'Ingen regel i tabellen Periodeydelse passer på sagen.' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Flere regler i tabellen Periodeydelse passer på sagen og giver forskellige resultater: ' || l8 || ' (' || l3 || ').' ELSE 'Flere regler i tabellen Periodeydelse passer på sagen og giver forskellige resultater: ' || l8 || '.' END END END END END ELSE CASE WHEN fejl_ < 50 THEN CASE WHEN fejl_ < 46 THEN CASE WHEN fejl_ < 44 THEN '«kvartalsbeløb» har ingen værdi, men bruges i en beregning.' ELSE CASE WHEN fejl_ < 45 THEN '«forhøjelse» har ingen værdi, men bruges i en beregning.' ELSE '«månedsbeløb» har ingen værdi, men bruges i en beregning.' END END ELSE CASE WHEN fejl_ < 48 THEN CASE WHEN fejl_ < 47 THEN CASE WHEN v5 IS NOT NULL THEN 'Ingen regel i tabellen Ligedeling passer på sagen (' || l9 || ').' ELSE 'Ingen regel i tabellen Ligedeling passer på sagen.' END ELSE CASE WHEN v5 IS NOT NULL THEN 'Flere regler i tabellen Ligedeling passer på sagen og giver forskellige resultater: ' || l10 || ' (' || l9 || ').' ELSE 'Flere regler i tabellen Ligedeling passer på sagen og giver forskellige resultater: ' || l10 || '.' END END ELSE CASE WHEN fejl_ < 49 THEN '«delt» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE '«fuld_ydelse» har ingen værdi, men bruges i en beregning.' END END END ELSE CASE WHEN fejl_ < 54 THEN CASE WHEN fejl_ < 52 THEN CASE WHEN fejl_ < 51 THEN CASE WHEN (e26 IS NULL AND v25 IS NOT NULL) OR (e12 IS NULL AND v11 IS NOT NULL) THEN 'Ingen regel i tabellen Nedsættelse passer på sagen (' || l11 || ').' ELSE 'Ingen regel i tabellen Nedsættelse passer på sagen.' END ELSE CASE WHEN (e26 IS NULL AND v25 IS NOT NULL) OR (e12 IS NULL AND v11 IS NOT NULL) THEN 'Flere regler i tabellen Nedsættelse passer på sagen og giver forskellige resultater: ' || l12 || ' (' || l11 || ').' ELSE 'Flere regler i tabellen Nedsættelse passer på sagen og giver forskellige resultater: ' || l12 || '.' END END ELSE CASE WHEN fejl_ < 53 THEN '«periode» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE '«årlig_nedsættelse» har ingen værdi, men bruges i en beregning.' END END ELSE CASE WHEN fejl_ < 56 THEN CASE WHEN fejl_ < 55 THEN '«ydelse_før_nedsættelse» har ingen værdi, men bruges i en beregning.' ELSE CASE WHEN (e26 IS NULL AND v25 IS NOT NULL) OR (e12 IS NULL AND v11 IS NOT NULL) THEN 'Kilderne beskriver ikke, hvordan nedsættelsen efter § 1 a fordeles på ungeydelsens måneder (borger.dk siger kun, at den beregnes for et kvartal ad gangen) (tabellen Nedsættelse, regel m1; ' || l11 || ')' ELSE 'Kilderne beskriver ikke, hvordan nedsættelsen efter § 1 a fordeles på ungeydelsens måneder (borger.dk siger kun, at den beregnes for et kvartal ad gangen) (tabellen Nedsættelse, regel m1)' END END ELSE CASE WHEN fejl_ < 57 THEN 'Ingen regel i tabellen Udbetaling passer på sagen.' ELSE '«nedsættelse» har ingen værdi, men bruges i en beregning.' END END END END END END END AS "fejl"
FROM tekster
ORDER BY rad_id;

