-- GENERERET AF regel: SQL (duckdb) for modulet folkepension, én forespørgsel pr. beslutning.
-- Se docs/sql.md for kontrakten (relationen sager, kolonnerne og fejl).

-- ==== beslutning folkepension ====
-- GENERERET AF regel: modul folkepension, beslutning folkepension (Folkepensionens grundbeløb og pensionstillæg pr. måned).
-- Input: relationen sager med kolonnen rad_id og sagens felter
--   dato DATE
--   civilstand VARCHAR
--   indtægtsgrundlag DECIMAL(38, 2)
-- (NULL = feltet er ikke oplyst). Output: rad_id, beslutningens poster, regler og fejl.
WITH
-- Sagens felter: standardværdier og felter, der mangler.
felter AS (
  SELECT
    *,
    "dato" AS v1,
    CASE WHEN "dato" IS NULL THEN 1 END AS e2,
    "civilstand" AS v3,
    CASE WHEN "civilstand" IS NULL THEN 2 END AS e4,
    CAST("indtægtsgrundlag" AS DECIMAL(38, 2)) AS v5,
    CASE WHEN "indtægtsgrundlag" IS NULL THEN 4 END AS e6,
    COALESCE(CASE WHEN NOT "civilstand" IN ('enlig', 'par_begge_pension', 'par_ægtefælle_uden_pension', 'samlevende_som_enlig') THEN 3 END, CASE WHEN CAST("indtægtsgrundlag" AS DECIMAL(38, 2)) < CAST(0.00 AS DECIMAL(38, 2)) THEN 5 END) AS gyldig
  FROM sager
),
-- Tabel Grundbeløb (politik unik)
--   version 2024 gælder 2024-01-01 – 2024-12-31
--   regel 1: altid
--   version 2025 gælder 2025-01-01 – 2025-12-31
--   regel 1: altid
t1a AS (
  SELECT
    *,
    CASE WHEN v1 IS NULL THEN NULL WHEN v1 >= CAST('2024-01-01' AS DATE) AND v1 <= CAST('2024-12-31' AS DATE) THEN 1 WHEN v1 >= CAST('2025-01-01' AS DATE) AND v1 <= CAST('2025-12-31' AS DATE) THEN 2 END AS t1_ver,
    TRUE AS t1_ok
  FROM felter
),
t1r AS (
  SELECT
    *,
    CASE WHEN t1_ok THEN NULL ELSE 1 END AS t1_r1,
    CASE WHEN t1_ok THEN NULL ELSE 1 END AS t1_r2
  FROM t1a
),
t1b AS (
  SELECT
    *,
    CASE WHEN t1_ver = 1 THEN CASE WHEN t1_ok THEN CASE WHEN TRUE THEN 1 END ELSE CASE WHEN t1_r1 = 1 THEN 1 END END WHEN t1_ver = 2 THEN CASE WHEN t1_ok THEN CASE WHEN TRUE THEN 2 END ELSE CASE WHEN t1_r2 = 1 THEN 2 END END END AS t1_hit
  FROM t1r
),
t1s AS (
  SELECT
    *,
    CASE WHEN e2 IS NOT NULL THEN e2 WHEN t1_ver IS NULL THEN 6 WHEN t1_ok THEN CASE WHEN t1_ver = 1 THEN CASE WHEN t1_hit IS NULL THEN 7 END WHEN t1_ver = 2 THEN CASE WHEN t1_hit IS NULL THEN 8 END END WHEN t1_ver = 1 THEN CASE WHEN NOT (t1_r1 = 1) THEN 7 END WHEN t1_ver = 2 THEN CASE WHEN NOT (t1_r2 = 1) THEN 8 END END AS t1_sel
  FROM t1b
),
t1c AS (
  SELECT
    *,
    CASE WHEN t1_hit = 1 THEN CAST(83136 AS DECIMAL(38, 0)) WHEN t1_hit = 2 THEN CAST(86376 AS DECIMAL(38, 0)) END AS v7,
    t1_sel AS e8,
    CASE WHEN t1_hit = 1 THEN CAST(6928 AS DECIMAL(38, 0)) WHEN t1_hit = 2 THEN CAST(7198 AS DECIMAL(38, 0)) END AS v9,
    t1_sel AS e10,
    CASE WHEN t1_hit = 1 THEN 'PL § 12, stk. 1, og § 49, stk. 1, nr. 1 – grundbeløb 2024 (sekundære kilder: makrodata.dk, Ældre Sagen 15.01.2024)' WHEN t1_hit = 2 THEN 'PL § 12, stk. 1, og § 49, stk. 1, nr. 1 – grundbeløb 2025 (sekundær kilde: tjekfagforening.dk)' END AS c1,
    CASE WHEN t1_hit = 1 THEN 'Grundbeløb@2024/1' WHEN t1_hit = 2 THEN 'Grundbeløb@2025/1' END AS f1
  FROM t1s
),
-- Tabel Pensionstillæg (politik unik)
--   version 2024 gælder 2024-01-01 – 2024-12-31
--   regel e: civilstand enlig
--   regel p: civilstand par_begge_pension
--   regel u: civilstand par_ægtefælle_uden_pension
--   regel s: civilstand samlevende_som_enlig
--   version 2025 gælder 2025-01-01 – 2025-12-31
--   regel e: civilstand enlig
--   regel p: civilstand par_begge_pension
--   regel u: civilstand par_ægtefælle_uden_pension
--   regel s: civilstand samlevende_som_enlig
t2a AS (
  SELECT
    *,
    CASE WHEN v1 IS NULL THEN NULL WHEN v1 >= CAST('2024-01-01' AS DATE) AND v1 <= CAST('2024-12-31' AS DATE) THEN 1 WHEN v1 >= CAST('2025-01-01' AS DATE) AND v1 <= CAST('2025-12-31' AS DATE) THEN 2 END AS t2_ver,
    v3 IS NOT NULL AS t2_ok
  FROM t1c
),
t2r AS (
  SELECT
    *,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'enlig') THEN 0 ELSE 1 END AS t2_r1,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_begge_pension') THEN 0 ELSE 1 END AS t2_r2,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_ægtefælle_uden_pension') THEN 0 ELSE 1 END AS t2_r3,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'samlevende_som_enlig') THEN 0 ELSE 1 END AS t2_r4,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'enlig') THEN 0 ELSE 1 END AS t2_r5,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_begge_pension') THEN 0 ELSE 1 END AS t2_r6,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_ægtefælle_uden_pension') THEN 0 ELSE 1 END AS t2_r7,
    CASE WHEN t2_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'samlevende_som_enlig') THEN 0 ELSE 1 END AS t2_r8
  FROM t2a
),
t2b AS (
  SELECT
    *,
    CASE WHEN t2_ver = 1 THEN CASE WHEN t2_ok THEN CASE WHEN v3 = 'enlig' THEN 1 WHEN v3 = 'par_begge_pension' THEN 2 WHEN v3 = 'par_ægtefælle_uden_pension' THEN 3 WHEN v3 = 'samlevende_som_enlig' THEN 4 END ELSE CASE WHEN t2_r1 = 1 THEN 1 WHEN t2_r2 = 1 THEN 2 WHEN t2_r3 = 1 THEN 3 WHEN t2_r4 = 1 THEN 4 END END WHEN t2_ver = 2 THEN CASE WHEN t2_ok THEN CASE WHEN v3 = 'enlig' THEN 5 WHEN v3 = 'par_begge_pension' THEN 6 WHEN v3 = 'par_ægtefælle_uden_pension' THEN 7 WHEN v3 = 'samlevende_som_enlig' THEN 8 END ELSE CASE WHEN t2_r5 = 1 THEN 5 WHEN t2_r6 = 1 THEN 6 WHEN t2_r7 = 1 THEN 7 WHEN t2_r8 = 1 THEN 8 END END END AS t2_hit
  FROM t2r
),
t2s AS (
  SELECT
    *,
    CASE WHEN e2 IS NOT NULL THEN e2 WHEN t2_ver IS NULL THEN 9 WHEN t2_ok THEN CASE WHEN t2_ver = 1 THEN CASE WHEN t2_hit IS NULL THEN 10 END WHEN t2_ver = 2 THEN CASE WHEN t2_hit IS NULL THEN 11 END END WHEN t2_ver = 1 THEN COALESCE(CASE CASE WHEN t2_r1 >= 2 THEN t2_r1 WHEN t2_r2 >= 2 THEN t2_r2 WHEN t2_r3 >= 2 THEN t2_r3 WHEN t2_r4 >= 2 THEN t2_r4 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 13 END) END, CASE WHEN NOT (t2_r1 = 1 OR t2_r2 = 1 OR t2_r3 = 1 OR t2_r4 = 1) THEN 10 WHEN CASE WHEN t2_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r3 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r4 = 1 THEN 1 ELSE 0 END >= 2 THEN 12 END) WHEN t2_ver = 2 THEN COALESCE(CASE CASE WHEN t2_r5 >= 2 THEN t2_r5 WHEN t2_r6 >= 2 THEN t2_r6 WHEN t2_r7 >= 2 THEN t2_r7 WHEN t2_r8 >= 2 THEN t2_r8 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 13 END) END, CASE WHEN NOT (t2_r5 = 1 OR t2_r6 = 1 OR t2_r7 = 1 OR t2_r8 = 1) THEN 11 WHEN CASE WHEN t2_r5 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r6 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r7 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r8 = 1 THEN 1 ELSE 0 END >= 2 THEN 14 END) END AS t2_sel
  FROM t2b
),
t2c AS (
  SELECT
    *,
    CASE WHEN t2_hit = 1 THEN CAST(96192 AS DECIMAL(38, 0)) WHEN t2_hit BETWEEN 2 AND 3 THEN CAST(49224 AS DECIMAL(38, 0)) WHEN (t2_hit = 4 OR t2_hit = 8) THEN CAST(NULL AS DECIMAL(38, 0)) WHEN t2_hit = 5 THEN CAST(99948 AS DECIMAL(38, 0)) WHEN t2_hit BETWEEN 6 AND 7 THEN CAST(51144 AS DECIMAL(38, 0)) END AS v11,
    COALESCE(t2_sel, CASE WHEN t2_hit = 4 THEN 15 WHEN t2_hit = 8 THEN 16 END) AS e12,
    CASE WHEN t2_hit = 1 THEN CAST(8016 AS DECIMAL(38, 0)) WHEN t2_hit BETWEEN 2 AND 3 THEN CAST(4102 AS DECIMAL(38, 0)) WHEN (t2_hit = 4 OR t2_hit = 8) THEN CAST(NULL AS DECIMAL(38, 0)) WHEN t2_hit = 5 THEN CAST(8329 AS DECIMAL(38, 0)) WHEN t2_hit BETWEEN 6 AND 7 THEN CAST(4262 AS DECIMAL(38, 0)) END AS v13,
    COALESCE(t2_sel, CASE WHEN t2_hit = 4 THEN 15 WHEN t2_hit = 8 THEN 16 END) AS e14,
    CASE WHEN t2_hit = 1 THEN CAST(93400 AS DECIMAL(38, 0)) WHEN t2_hit = 2 THEN CAST(187100 AS DECIMAL(38, 0)) WHEN (t2_hit BETWEEN 3 AND 4 OR t2_hit BETWEEN 7 AND 8) THEN CAST(NULL AS DECIMAL(38, 0)) WHEN t2_hit = 5 THEN CAST(95800 AS DECIMAL(38, 0)) WHEN t2_hit = 6 THEN CAST(192000 AS DECIMAL(38, 0)) END AS v15,
    COALESCE(t2_sel, CASE WHEN t2_hit = 3 THEN 17 WHEN t2_hit = 4 THEN 18 WHEN t2_hit = 7 THEN 19 WHEN t2_hit = 8 THEN 20 END) AS e16,
    CASE WHEN t2_hit = 1 THEN 'PL § 49, stk. 1, nr. 3 og 6, og § 49 c – 2024 (tillæg: seniorfolk.dk, Ældre Sagen; fradragsbeløb: borger.dk)' WHEN t2_hit = 2 THEN 'PL § 49, stk. 1, nr. 3 og 6, og § 49 c – 2024 (tillæg: seniorfolk.dk, Ældre Sagen; fradragsbeløb: dk.headtopics.com; alle sekundære)' WHEN (t2_hit = 3 OR t2_hit = 7) THEN 'PL § 49, stk. 1, nr. 3, 5 og 6 (notatet afsnit 4: fradragsbeløbet ikke verificeret)' WHEN (t2_hit = 4 OR t2_hit = 8) THEN 'PL § 29, stk. 2, og § 31, stk. 2, nr. 4 (notatet afsnit 1–3 giver intet beløb)' WHEN t2_hit BETWEEN 5 AND 6 THEN 'PL § 49, stk. 1, nr. 3 og 6, og § 49 c – 2025 (sekundær kilde: tjekfagforening.dk)' END AS c2,
    CASE WHEN t2_hit = 1 THEN 'Pensionstillæg@2024/e' WHEN t2_hit = 2 THEN 'Pensionstillæg@2024/p' WHEN t2_hit = 3 THEN 'Pensionstillæg@2024/u' WHEN t2_hit = 4 THEN 'Pensionstillæg@2024/s' WHEN t2_hit = 5 THEN 'Pensionstillæg@2025/e' WHEN t2_hit = 6 THEN 'Pensionstillæg@2025/p' WHEN t2_hit = 7 THEN 'Pensionstillæg@2025/u' WHEN t2_hit = 8 THEN 'Pensionstillæg@2025/s' END AS f2
  FROM t2s
),
-- Værdien indtægtsgrundlag − fradragsbeløb.
s19 AS (
  SELECT
    *,
    CAST(CAST(v5 AS DECIMAL(38, 2)) - CAST(v15 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) AS v17,
    COALESCE(COALESCE(e6, CASE WHEN v5 IS NULL THEN 21 END), COALESCE(e16, CASE WHEN v15 IS NULL THEN 22 END)) AS e18
  FROM t2c
),
-- Tabel Tillægsnedsættelse (politik unik)
--   regel e0: civilstand enlig, indtægtsgrundlag − fradragsbeløb <= fradragsbeløb
--   regel e1: civilstand enlig, indtægtsgrundlag − fradragsbeløb > fradragsbeløb
--   regel p0: civilstand par_begge_pension, indtægtsgrundlag − fradragsbeløb <= fradragsbeløb
--   regel p1: civilstand par_begge_pension, indtægtsgrundlag − fradragsbeløb > fradragsbeløb
--   regel u0: civilstand par_ægtefælle_uden_pension, indtægtsgrundlag − fradragsbeløb <= fradragsbeløb
--   regel u1: civilstand par_ægtefælle_uden_pension, indtægtsgrundlag − fradragsbeløb > fradragsbeløb
--   regel s0: civilstand samlevende_som_enlig, indtægtsgrundlag − fradragsbeløb <= fradragsbeløb
--   regel s1: civilstand samlevende_som_enlig, indtægtsgrundlag − fradragsbeløb > fradragsbeløb
t3a AS (
  SELECT
    *,
    1 AS t3_ver,
    v3 IS NOT NULL AND (e18 IS NULL AND v17 IS NOT NULL) AS t3_ok
  FROM s19
),
t3r AS (
  SELECT
    *,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'enlig') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= -10000000000000.00 AND v17 <= 0.00)) THEN 0 ELSE 1 END AS t3_r1,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'enlig') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= 0.01 AND v17 <= 10000000000000.00)) THEN 0 ELSE 1 END AS t3_r2,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_begge_pension') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= -10000000000000.00 AND v17 <= 0.00)) THEN 0 ELSE 1 END AS t3_r3,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_begge_pension') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= 0.01 AND v17 <= 10000000000000.00)) THEN 0 ELSE 1 END AS t3_r4,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_ægtefælle_uden_pension') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= -10000000000000.00 AND v17 <= 0.00)) THEN 0 ELSE 1 END AS t3_r5,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'par_ægtefælle_uden_pension') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= 0.01 AND v17 <= 10000000000000.00)) THEN 0 ELSE 1 END AS t3_r6,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'samlevende_som_enlig') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= -10000000000000.00 AND v17 <= 0.00)) THEN 0 ELSE 1 END AS t3_r7,
    CASE WHEN t3_ok THEN NULL WHEN v3 IS NULL THEN 2 WHEN NOT (v3 = 'samlevende_som_enlig') THEN 0 WHEN (e18 IS NOT NULL OR v17 IS NULL) THEN 4 WHEN NOT ((v17 >= 0.01 AND v17 <= 10000000000000.00)) THEN 0 ELSE 1 END AS t3_r8
  FROM t3a
),
t3b AS (
  SELECT
    *,
    CASE WHEN t3_ver = 1 THEN CASE WHEN t3_ok THEN CASE WHEN v3 = 'enlig' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) THEN 1 WHEN v3 = 'enlig' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) THEN 2 WHEN v3 = 'par_begge_pension' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) THEN 3 WHEN v3 = 'par_begge_pension' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) THEN 4 WHEN v3 = 'par_ægtefælle_uden_pension' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) THEN 5 WHEN v3 = 'par_ægtefælle_uden_pension' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) THEN 6 WHEN v3 = 'samlevende_som_enlig' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) THEN 7 WHEN v3 = 'samlevende_som_enlig' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) THEN 8 END ELSE CASE WHEN t3_r1 = 1 THEN 1 WHEN t3_r2 = 1 THEN 2 WHEN t3_r3 = 1 THEN 3 WHEN t3_r4 = 1 THEN 4 WHEN t3_r5 = 1 THEN 5 WHEN t3_r6 = 1 THEN 6 WHEN t3_r7 = 1 THEN 7 WHEN t3_r8 = 1 THEN 8 END END END AS t3_hit
  FROM t3r
),
t3s AS (
  SELECT
    *,
    CASE WHEN t3_ok THEN CASE WHEN t3_ver = 1 THEN CASE WHEN t3_hit IS NULL THEN 23 END END WHEN t3_ver = 1 THEN COALESCE(CASE CASE WHEN t3_r1 >= 2 THEN t3_r1 WHEN t3_r2 >= 2 THEN t3_r2 WHEN t3_r3 >= 2 THEN t3_r3 WHEN t3_r4 >= 2 THEN t3_r4 WHEN t3_r5 >= 2 THEN t3_r5 WHEN t3_r6 >= 2 THEN t3_r6 WHEN t3_r7 >= 2 THEN t3_r7 WHEN t3_r8 >= 2 THEN t3_r8 END WHEN 2 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 13 END) WHEN 4 THEN COALESCE(e18, CASE WHEN v17 IS NULL THEN 25 END) END, CASE WHEN NOT (t3_r1 = 1 OR t3_r2 = 1 OR t3_r3 = 1 OR t3_r4 = 1 OR t3_r5 = 1 OR t3_r6 = 1 OR t3_r7 = 1 OR t3_r8 = 1) THEN 23 WHEN CASE WHEN t3_r1 = 1 OR t3_r3 = 1 OR t3_r5 = 1 OR t3_r7 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r4 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r6 = 1 OR t3_r8 = 1 THEN 1 ELSE 0 END >= 2 THEN 24 END) END AS t3_sel
  FROM t3b
),
t3c AS (
  SELECT
    *,
    CASE WHEN (t3_hit = 1 OR t3_hit = 3 OR t3_hit = 5 OR t3_hit = 7) THEN CAST(0 AS DECIMAL(38, 0)) WHEN t3_hit = 2 THEN CAST(CAST((SIGN(CAST(CAST(CAST(CAST(v5 AS DECIMAL(38, 2)) - CAST(v15 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(30.9 AS DECIMAL(38, 1)) * 0.01 AS DECIMAL(38, 3)) AS DECIMAL(38, 5)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 5))) * FLOOR(ABS(CAST(CAST(CAST(CAST(v5 AS DECIMAL(38, 2)) - CAST(v15 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(30.9 AS DECIMAL(38, 1)) * 0.01 AS DECIMAL(38, 3)) AS DECIMAL(38, 5)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 5))) + 0.5)) AS DECIMAL(38, 0)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) WHEN t3_hit = 4 THEN CAST(CAST((SIGN(CAST(CAST(CAST(CAST(v5 AS DECIMAL(38, 2)) - CAST(v15 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(16 AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) * FLOOR(ABS(CAST(CAST(CAST(CAST(v5 AS DECIMAL(38, 2)) - CAST(v15 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(16 AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) + 0.5)) AS DECIMAL(38, 0)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) WHEN (t3_hit = 6 OR t3_hit = 8) THEN CAST(CAST((SIGN(CAST(CAST(CAST(CAST(v5 AS DECIMAL(38, 2)) - CAST(v15 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(32 AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) * FLOOR(ABS(CAST(CAST(CAST(CAST(v5 AS DECIMAL(38, 2)) - CAST(v15 AS DECIMAL(38, 2)) AS DECIMAL(38, 2)) * CAST(CAST(32 AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS DECIMAL(38, 4)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 4))) + 0.5)) AS DECIMAL(38, 0)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) END AS v20,
    COALESCE(t3_sel, CASE WHEN (t3_hit = 2 OR t3_hit = 4 OR t3_hit = 6 OR t3_hit = 8) THEN COALESCE(COALESCE(e6, CASE WHEN v5 IS NULL THEN 21 END), COALESCE(e16, CASE WHEN v15 IS NULL THEN 22 END)) END) AS e21,
    CASE WHEN (t3_hit = 1 OR t3_hit = 3 OR t3_hit = 5 OR t3_hit = 7) THEN 'PL § 31, stk. 2, og § 49, stk. 1, nr. 6' WHEN t3_hit = 2 THEN 'PL § 31, stk. 2, nr. 1' WHEN t3_hit = 4 THEN 'PL § 31, stk. 2, nr. 3' WHEN t3_hit = 6 THEN 'PL § 31, stk. 2, nr. 2' WHEN t3_hit = 8 THEN 'PL § 31, stk. 2, nr. 4' END AS c3,
    CASE WHEN t3_hit = 1 THEN 'Tillægsnedsættelse/e0' WHEN t3_hit = 2 THEN 'Tillægsnedsættelse/e1' WHEN t3_hit = 3 THEN 'Tillægsnedsættelse/p0' WHEN t3_hit = 4 THEN 'Tillægsnedsættelse/p1' WHEN t3_hit = 5 THEN 'Tillægsnedsættelse/u0' WHEN t3_hit = 6 THEN 'Tillægsnedsættelse/u1' WHEN t3_hit = 7 THEN 'Tillægsnedsættelse/s0' WHEN t3_hit = 8 THEN 'Tillægsnedsættelse/s1' END AS f3
  FROM t3s
),
-- Tabel Tillæg (politik unik), hjemmel PL § 31, stk. 2, og § 49, stk. 1, nr. 3
--   regel 1: altid
t4a AS (
  SELECT
    *,
    1 AS t4_ver,
    TRUE AS t4_ok
  FROM t3c
),
t4r AS (
  SELECT
    *,
    CASE WHEN t4_ok THEN NULL ELSE 1 END AS t4_r1
  FROM t4a
),
t4b AS (
  SELECT
    *,
    CASE WHEN t4_ver = 1 THEN CASE WHEN t4_ok THEN CASE WHEN TRUE THEN 1 END ELSE CASE WHEN t4_r1 = 1 THEN 1 END END END AS t4_hit
  FROM t4r
),
t4s AS (
  SELECT
    *,
    CASE WHEN t4_ok THEN CASE WHEN t4_ver = 1 THEN CASE WHEN t4_hit IS NULL THEN 26 END END WHEN t4_ver = 1 THEN CASE WHEN NOT (t4_r1 = 1) THEN 26 END END AS t4_sel
  FROM t4b
),
t4c AS (
  SELECT
    *,
    CASE WHEN t4_hit = 1 THEN CAST(CAST(v11 AS DECIMAL(38, 0)) - CAST(CASE WHEN CAST(v20 AS DECIMAL(38, 0)) <= CAST(v11 AS DECIMAL(38, 0)) THEN CAST(v20 AS DECIMAL(38, 0)) ELSE CAST(v11 AS DECIMAL(38, 0)) END AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) END AS v22,
    COALESCE(t4_sel, CASE WHEN t4_hit = 1 THEN COALESCE(COALESCE(e12, CASE WHEN v11 IS NULL THEN 27 END), COALESCE(COALESCE(e21, CASE WHEN v20 IS NULL THEN 28 END), COALESCE(e12, CASE WHEN v11 IS NULL THEN 27 END))) END) AS e23,
    CASE WHEN t4_hit = 1 THEN 'PL § 31, stk. 2, og § 49, stk. 1, nr. 3' END AS c4,
    CASE WHEN t4_hit = 1 THEN 'Tillæg/1' END AS f4
  FROM t4s
),
-- Beslutningens fejl: den første post, der ikke kan afgøres.
afgoerelse AS (
  SELECT
    *,
    COALESCE(gyldig, e10, e12, e16, e21, e23, COALESCE(e23, CASE WHEN v22 IS NULL THEN 29 END), COALESCE(COALESCE(e10, CASE WHEN v9 IS NULL THEN 30 END), COALESCE(e23, CASE WHEN v22 IS NULL THEN 29 END)), t3_sel, t2_sel) AS fejl_
  FROM t4c
),
-- Cifrene i de tal, som afvisningerne nævner (kun for de afviste sager).
cifre AS (
  SELECT
    *,
    CASE WHEN fejl_ = 5 THEN RIGHT('                                       ' || CAST(CAST(FLOOR(ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2)))) AS DECIMAL(38, 0)) AS VARCHAR), 39) END AS n1,
    CASE WHEN fejl_ BETWEEN 23 AND 24 THEN RIGHT('                                       ' || CAST(CAST(FLOOR(ABS(CAST(v5 AS DECIMAL(38, 2)))) AS DECIMAL(38, 0)) AS VARCHAR), 39) END AS n2,
    CASE WHEN fejl_ BETWEEN 23 AND 24 THEN RIGHT('                                       ' || CAST(ABS(CAST(v15 AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n3
  FROM afgoerelse
),
-- Værdierne, som afvisningerne nævner, på dansk (kun for de afviste sager).
visning AS (
  SELECT
    *,
    CASE WHEN fejl_ = 5 THEN CASE WHEN CAST("indtægtsgrundlag" AS DECIMAL(38, 2)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n1, 1, 3) || '.' || SUBSTRING(n1, 4, 3) || '.' || SUBSTRING(n1, 7, 3) || '.' || SUBSTRING(n1, 10, 3) || '.' || SUBSTRING(n1, 13, 3) || '.' || SUBSTRING(n1, 16, 3) || '.' || SUBSTRING(n1, 19, 3) || '.' || SUBSTRING(n1, 22, 3) || '.' || SUBSTRING(n1, 25, 3) || '.' || SUBSTRING(n1, 28, 3) || '.' || SUBSTRING(n1, 31, 3) || '.' || SUBSTRING(n1, 34, 3) || '.' || SUBSTRING(n1, 37, 3), ' .', '')) || CASE WHEN (ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))))) = 0 THEN '' WHEN (ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))))) * 10 = FLOOR((ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))))) * 10) THEN ',' || LEFT(RIGHT('00' || CAST(CAST((ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2), 2) ELSE ',' || RIGHT('00' || CAST(CAST((ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("indtægtsgrundlag" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2) END || ' kr' END AS d1,
    CASE WHEN fejl_ BETWEEN 23 AND 24 THEN CASE WHEN CAST(v5 AS DECIMAL(38, 2)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n2, 1, 3) || '.' || SUBSTRING(n2, 4, 3) || '.' || SUBSTRING(n2, 7, 3) || '.' || SUBSTRING(n2, 10, 3) || '.' || SUBSTRING(n2, 13, 3) || '.' || SUBSTRING(n2, 16, 3) || '.' || SUBSTRING(n2, 19, 3) || '.' || SUBSTRING(n2, 22, 3) || '.' || SUBSTRING(n2, 25, 3) || '.' || SUBSTRING(n2, 28, 3) || '.' || SUBSTRING(n2, 31, 3) || '.' || SUBSTRING(n2, 34, 3) || '.' || SUBSTRING(n2, 37, 3), ' .', '')) || CASE WHEN (ABS(CAST(v5 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v5 AS DECIMAL(38, 2))))) = 0 THEN '' WHEN (ABS(CAST(v5 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v5 AS DECIMAL(38, 2))))) * 10 = FLOOR((ABS(CAST(v5 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v5 AS DECIMAL(38, 2))))) * 10) THEN ',' || LEFT(RIGHT('00' || CAST(CAST((ABS(CAST(v5 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v5 AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2), 2) ELSE ',' || RIGHT('00' || CAST(CAST((ABS(CAST(v5 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v5 AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2) END || ' kr' END AS d2,
    CASE WHEN fejl_ BETWEEN 23 AND 24 THEN CASE WHEN CAST(v15 AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n3, 1, 3) || '.' || SUBSTRING(n3, 4, 3) || '.' || SUBSTRING(n3, 7, 3) || '.' || SUBSTRING(n3, 10, 3) || '.' || SUBSTRING(n3, 13, 3) || '.' || SUBSTRING(n3, 16, 3) || '.' || SUBSTRING(n3, 19, 3) || '.' || SUBSTRING(n3, 22, 3) || '.' || SUBSTRING(n3, 25, 3) || '.' || SUBSTRING(n3, 28, 3) || '.' || SUBSTRING(n3, 31, 3) || '.' || SUBSTRING(n3, 34, 3) || '.' || SUBSTRING(n3, 37, 3), ' .', '')) || ' kr' END AS d3
  FROM cifre
),
-- Sagens oplysninger og reglerne, som afvisningerne nævner (kun for de afviste sager).
tekster AS (
  SELECT
    *,
    CASE WHEN (fejl_ BETWEEN 10 AND 12 OR fejl_ BETWEEN 14 AND 20) THEN SUBSTRING(CASE WHEN v3 IS NOT NULL THEN ', civilstand = ' || v3 ELSE '' END, 3, 100000) END AS l1,
    CASE WHEN fejl_ = 12 THEN SUBSTRING(CASE WHEN CASE WHEN t2_ok THEN v3 = 'enlig' ELSE t2_r1 = 1 END THEN ' og e' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v3 = 'par_begge_pension' ELSE t2_r2 = 1 END THEN ' og p' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v3 = 'par_ægtefælle_uden_pension' ELSE t2_r3 = 1 END THEN ' og u' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v3 = 'samlevende_som_enlig' ELSE t2_r4 = 1 END THEN ' og s' ELSE '' END, 5, 100000) END AS l2,
    CASE WHEN fejl_ = 14 THEN SUBSTRING(CASE WHEN CASE WHEN t2_ok THEN v3 = 'enlig' ELSE t2_r5 = 1 END THEN ' og e' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v3 = 'par_begge_pension' ELSE t2_r6 = 1 END THEN ' og p' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v3 = 'par_ægtefælle_uden_pension' ELSE t2_r7 = 1 END THEN ' og u' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v3 = 'samlevende_som_enlig' ELSE t2_r8 = 1 END THEN ' og s' ELSE '' END, 5, 100000) END AS l3,
    CASE WHEN fejl_ BETWEEN 23 AND 24 THEN SUBSTRING(CASE WHEN v3 IS NOT NULL THEN ', civilstand = ' || v3 ELSE '' END || CASE WHEN (e18 IS NULL AND v17 IS NOT NULL) THEN ', indtægtsgrundlag = ' || d2 ELSE '' END || CASE WHEN (e18 IS NULL AND v17 IS NOT NULL) THEN ', fradragsbeløb = ' || d3 ELSE '' END, 3, 100000) END AS l4,
    CASE WHEN fejl_ = 24 THEN SUBSTRING(CASE WHEN CASE WHEN t3_ok THEN v3 = 'enlig' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) ELSE t3_r1 = 1 END THEN ' og e0' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'enlig' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) ELSE t3_r2 = 1 END THEN ' og e1' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'par_begge_pension' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) ELSE t3_r3 = 1 END THEN ' og p0' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'par_begge_pension' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) ELSE t3_r4 = 1 END THEN ' og p1' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'par_ægtefælle_uden_pension' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) ELSE t3_r5 = 1 END THEN ' og u0' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'par_ægtefælle_uden_pension' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) ELSE t3_r6 = 1 END THEN ' og u1' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'samlevende_som_enlig' AND (v17 >= -10000000000000.00 AND v17 <= 0.00) ELSE t3_r7 = 1 END THEN ' og s0' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v3 = 'samlevende_som_enlig' AND (v17 >= 0.01 AND v17 <= 10000000000000.00) ELSE t3_r8 = 1 END THEN ' og s1' ELSE '' END, 5, 100000) END AS l5
  FROM visning
)
SELECT
  "rad_id" AS "rad_id",
  CASE WHEN fejl_ IS NULL THEN CAST(v9 AS DECIMAL(38, 0)) END AS "grundbeløb_måned",
  CASE WHEN fejl_ IS NULL THEN CAST(v11 AS DECIMAL(38, 0)) END AS "fuldt_tillæg_år",
  CASE WHEN fejl_ IS NULL THEN CAST(v15 AS DECIMAL(38, 0)) END AS "fradragsbeløb",
  CASE WHEN fejl_ IS NULL THEN CAST(v20 AS DECIMAL(38, 0)) END AS "tillægsnedsættelse_år",
  CASE WHEN fejl_ IS NULL THEN CAST(v22 AS DECIMAL(38, 0)) END AS "pensionstillæg_år",
  CASE WHEN fejl_ IS NULL THEN CAST(CAST(SIGN(v22) * (CASE WHEN CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) * CAST(24 AS DECIMAL(38, 0)) > CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) THEN CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) - 1 WHEN (CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) + 1) * CAST(24 AS DECIMAL(38, 0)) <= CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) THEN CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) + 1 ELSE CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) END) AS DECIMAL(38, 0)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) END AS "pensionstillæg_måned",
  CASE WHEN fejl_ IS NULL THEN CAST(CAST(v9 AS DECIMAL(38, 0)) + CAST(CAST(SIGN(v22) * (CASE WHEN CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) * CAST(24 AS DECIMAL(38, 0)) > CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) THEN CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) - 1 WHEN (CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) + 1) * CAST(24 AS DECIMAL(38, 0)) <= CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) THEN CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) + 1 ELSE CAST(FLOOR(CAST(CAST(2 * ABS(CAST(v22 AS DECIMAL(38, 0))) + CAST(12 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * CAST(0.041666666666666666666666666667 AS DECIMAL(38, 30)) AS DECIMAL(38, 30))) AS DECIMAL(38, 0)) END) AS DECIMAL(38, 0)) * CAST(1 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) END AS "i_alt_måned",
  CASE WHEN fejl_ IS NULL THEN c3 END AS "hjemmel",
  CASE WHEN fejl_ IS NULL THEN c2 END AS "satshjemmel",
  CASE WHEN fejl_ IS NULL THEN CONCAT_WS(', ', CASE WHEN t1_sel IS NULL THEN f1 END, CASE WHEN t2_sel IS NULL THEN f2 END, CASE WHEN t3_sel IS NULL THEN f3 END, CASE WHEN t4_sel IS NULL THEN f4 END) END AS "regler",
  CASE WHEN fejl_ IS NULL THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN fejl_ < 16 THEN CASE WHEN fejl_ < 8 THEN CASE WHEN fejl_ < 4 THEN CASE WHEN fejl_ < 2 THEN 'Sagen mangler feltet «dato» (En dag i den måned, pensionen gælder for; den vælger årets satser), som er nødvendigt for at afgøre sagen.' ELSE CASE WHEN fejl_ < 3 THEN 'Sagen mangler feltet «civilstand» (Pensionistens civilstand efter pensionsloven), som er nødvendigt for at afgøre sagen.' ELSE '«' || "civilstand" || '» er ikke en gyldig værdi for feltet «civilstand». Mulige værdier: enlig, par_begge_pension, par_ægtefælle_uden_pension, samlevende_som_enlig.' END END ELSE CASE WHEN fejl_ < 6 THEN CASE WHEN fejl_ < 5 THEN 'Sagen mangler feltet «indtægtsgrundlag» (Årligt indtægtsgrundlag efter PL § 29 uden arbejdsindtægt; for par parrets samlede), som er nødvendigt for at afgøre sagen.' ELSE 'Feltet «indtægtsgrundlag» skal være mindst 0 kr; fik ' || d1 || '.' END ELSE CASE WHEN fejl_ < 7 THEN 'Ingen version af tabellen Grundbeløb gælder den ' || CAST(v1 AS VARCHAR) || ' (der findes 2024-01-01–2024-12-31, 2025-01-01–2025-12-31).' ELSE 'Ingen regel i tabellen Grundbeløb version 2024 passer på sagen.' END END END ELSE CASE WHEN fejl_ < 12 THEN CASE WHEN fejl_ < 10 THEN CASE WHEN fejl_ < 9 THEN 'Ingen regel i tabellen Grundbeløb version 2025 passer på sagen.' ELSE 'Ingen version af tabellen Pensionstillæg gælder den ' || CAST(v1 AS VARCHAR) || ' (der findes 2024-01-01–2024-12-31, 2025-01-01–2025-12-31).' END ELSE CASE WHEN fejl_ < 11 THEN CASE WHEN v3 IS NOT NULL THEN 'Ingen regel i tabellen Pensionstillæg version 2024 passer på sagen (' || l1 || ').' ELSE 'Ingen regel i tabellen Pensionstillæg version 2024 passer på sagen.' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Ingen regel i tabellen Pensionstillæg version 2025 passer på sagen (' || l1 || ').' ELSE 'Ingen regel i tabellen Pensionstillæg version 2025 passer på sagen.' END END END ELSE CASE WHEN fejl_ < 14 THEN CASE WHEN fejl_ < 13 THEN CASE WHEN v3 IS NOT NULL THEN 'Flere regler i tabellen Pensionstillæg version 2024 passer på sagen og giver forskellige resultater: ' || l2 || ' (' || l1 || ').' ELSE 'Flere regler i tabellen Pensionstillæg version 2024 passer på sagen og giver forskellige resultater: ' || l2 || '.' END ELSE '«civilstand» har ingen værdi og kan derfor ikke afgøre en betingelse.' END ELSE CASE WHEN fejl_ < 15 THEN CASE WHEN v3 IS NOT NULL THEN 'Flere regler i tabellen Pensionstillæg version 2025 passer på sagen og giver forskellige resultater: ' || l3 || ' (' || l1 || ').' ELSE 'Flere regler i tabellen Pensionstillæg version 2025 passer på sagen og giver forskellige resultater: ' || l3 || '.' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Pensionstillægget for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2024 (tabellen Pensionstillæg version 2024, regel s; ' || l1 || ')' ELSE 'Pensionstillægget for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2024 (tabellen Pensionstillæg version 2024, regel s)' END END END END END ELSE CASE WHEN fejl_ < 23 THEN CASE WHEN fejl_ < 19 THEN CASE WHEN fejl_ < 17 THEN CASE WHEN v3 IS NOT NULL THEN 'Pensionstillægget for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2025 (tabellen Pensionstillæg version 2025, regel s; ' || l1 || ')' ELSE 'Pensionstillægget for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2025 (tabellen Pensionstillæg version 2025, regel s)' END ELSE CASE WHEN fejl_ < 18 THEN CASE WHEN v3 IS NOT NULL THEN 'Fradragsbeløbet for en pensionist, hvis ægtefælle eller samlever ikke har ret til social pension, er ikke fundet i kilderne for 2024 (tabellen Pensionstillæg version 2024, regel u; ' || l1 || ')' ELSE 'Fradragsbeløbet for en pensionist, hvis ægtefælle eller samlever ikke har ret til social pension, er ikke fundet i kilderne for 2024 (tabellen Pensionstillæg version 2024, regel u)' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Fradragsbeløbet for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2024 (tabellen Pensionstillæg version 2024, regel s; ' || l1 || ')' ELSE 'Fradragsbeløbet for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2024 (tabellen Pensionstillæg version 2024, regel s)' END END END ELSE CASE WHEN fejl_ < 21 THEN CASE WHEN fejl_ < 20 THEN CASE WHEN v3 IS NOT NULL THEN 'Fradragsbeløbet for en pensionist, hvis ægtefælle eller samlever ikke har ret til social pension, er ikke fundet i kilderne for 2025 (tabellen Pensionstillæg version 2025, regel u; ' || l1 || ')' ELSE 'Fradragsbeløbet for en pensionist, hvis ægtefælle eller samlever ikke har ret til social pension, er ikke fundet i kilderne for 2025 (tabellen Pensionstillæg version 2025, regel u)' END ELSE CASE WHEN v3 IS NOT NULL THEN 'Fradragsbeløbet for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2025 (tabellen Pensionstillæg version 2025, regel s; ' || l1 || ')' ELSE 'Fradragsbeløbet for samlevende, der betragtes som enlige (PL § 29, stk. 2), er ikke fundet i kilderne for 2025 (tabellen Pensionstillæg version 2025, regel s)' END END ELSE CASE WHEN fejl_ < 22 THEN '«indtægtsgrundlag» har ingen værdi, men bruges i en beregning.' ELSE '«fradragsbeløb» har ingen værdi, men bruges i en beregning.' END END END ELSE CASE WHEN fejl_ < 27 THEN CASE WHEN fejl_ < 25 THEN CASE WHEN fejl_ < 24 THEN CASE WHEN v3 IS NOT NULL OR (e18 IS NULL AND v17 IS NOT NULL) THEN 'Ingen regel i tabellen Tillægsnedsættelse passer på sagen (' || l4 || ').' ELSE 'Ingen regel i tabellen Tillægsnedsættelse passer på sagen.' END ELSE CASE WHEN v3 IS NOT NULL OR (e18 IS NULL AND v17 IS NOT NULL) THEN 'Flere regler i tabellen Tillægsnedsættelse passer på sagen og giver forskellige resultater: ' || l5 || ' (' || l4 || ').' ELSE 'Flere regler i tabellen Tillægsnedsættelse passer på sagen og giver forskellige resultater: ' || l5 || '.' END END ELSE CASE WHEN fejl_ < 26 THEN '«indtægtsgrundlag − fradragsbeløb» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE 'Ingen regel i tabellen Tillæg passer på sagen.' END END ELSE CASE WHEN fejl_ < 29 THEN CASE WHEN fejl_ < 28 THEN '«fuldt_tillæg_år» har ingen værdi, men bruges i en beregning.' ELSE '«tillægsnedsættelse_år» har ingen værdi, men bruges i en beregning.' END ELSE CASE WHEN fejl_ < 30 THEN '«pensionstillæg_år» har ingen værdi, men bruges i en beregning.' ELSE '«grundbeløb_måned» har ingen værdi, men bruges i en beregning.' END END END END END END AS "fejl"
FROM tekster
ORDER BY rad_id;

