-- GENERERET AF regel: SQL (duckdb) for modulet sanktion, én forespørgsel pr. beslutning.
-- Se docs/sql.md for kontrakten (relationen sager, kolonnerne og fejl).

-- ==== beslutning sanktion ====
-- GENERERET AF regel: modul sanktion, beslutning sanktion (Sanktion for en forseelse).
-- Input: relationen sager med kolonnen rad_id og sagens felter
--   ordning VARCHAR
--   forseelse VARCHAR
--   dato DATE
--   dage BIGINT
--   rimelig_grund BOOLEAN
--   barsel BOOLEAN
--   fremmer_rådighed BOOLEAN
--   forsørger BOOLEAN
--   alder BIGINT
--   hjemmeboende BOOLEAN
--   bidragspligt BOOLEAN
--   uarbejdsdygtighed BIGINT
--   månedlig_ydelse DECIMAL(38, 2)
--   afgørelse_modtaget DATE
-- (NULL = feltet er ikke oplyst). Output: rad_id, beslutningens poster, regler og fejl.
WITH
-- Sagens felter: standardværdier og felter, der mangler.
felter AS (
  SELECT
    *,
    "ordning" AS v1,
    CASE WHEN "ordning" IS NULL THEN 1 END AS e2,
    "forseelse" AS v3,
    CASE WHEN "forseelse" IS NULL THEN 3 END AS e4,
    "dato" AS v5,
    CASE WHEN "dato" IS NULL THEN 5 END AS e6,
    CASE WHEN "dage" IS NULL THEN 1 ELSE "dage" END AS v7,
    CAST(NULL AS INTEGER) AS e8,
    CASE WHEN "rimelig_grund" IS NULL THEN FALSE ELSE "rimelig_grund" END AS v9,
    CAST(NULL AS INTEGER) AS e10,
    CASE WHEN "barsel" IS NULL THEN FALSE ELSE "barsel" END AS v11,
    CAST(NULL AS INTEGER) AS e12,
    CASE WHEN "fremmer_rådighed" IS NULL THEN TRUE ELSE "fremmer_rådighed" END AS v13,
    CAST(NULL AS INTEGER) AS e14,
    "forsørger" AS v15,
    CASE WHEN "forsørger" IS NULL THEN 7 END AS e16,
    "alder" AS v17,
    CASE WHEN "alder" IS NULL THEN 8 END AS e18,
    "hjemmeboende" AS v19,
    CASE WHEN "hjemmeboende" IS NULL THEN 11 END AS e20,
    CASE WHEN "bidragspligt" IS NULL THEN FALSE ELSE "bidragspligt" END AS v21,
    CAST(NULL AS INTEGER) AS e22,
    CASE WHEN "uarbejdsdygtighed" IS NULL THEN 100 ELSE "uarbejdsdygtighed" END AS v23,
    CAST(NULL AS INTEGER) AS e24,
    CAST("månedlig_ydelse" AS DECIMAL(38, 2)) AS v25,
    CASE WHEN "månedlig_ydelse" IS NULL THEN 14 END AS e26,
    "afgørelse_modtaget" AS v27,
    CASE WHEN "afgørelse_modtaget" IS NULL THEN 16 END AS e28,
    COALESCE(CASE WHEN NOT "ordning" IN ('ressourceforløb', 'jobafklaringsforløb', 'sh_o_ydelse') THEN 2 END, CASE WHEN NOT ("forseelse" = 'udeblevet_samtale' OR "forseelse" = 'udeblevet_rådighedsvurdering' OR "forseelse" = 'manglende_selvbooking' OR "forseelse" = 'udeblevet_tilbud' OR "forseelse" = 'afvist_tilbud' OR "forseelse" = 'manglende_sygemelding' OR "forseelse" = 'manglende_sygemelding_sygeopfølgning' OR "forseelse" = 'ophør_arbejde' OR "forseelse" = 'afvist_arbejde' OR "forseelse" = 'undladt_jobsøgning' OR "forseelse" = 'stop_uddannelse') THEN 4 END, CASE WHEN CAST("dage" AS DECIMAL(38, 0)) < CAST(1 AS DECIMAL(38, 0)) THEN 6 END, CASE WHEN CAST("alder" AS DECIMAL(38, 0)) < CAST(0 AS DECIMAL(38, 0)) THEN 9 WHEN CAST("alder" AS DECIMAL(38, 0)) > CAST(130 AS DECIMAL(38, 0)) THEN 10 END, CASE WHEN CAST("uarbejdsdygtighed" AS DECIMAL(38, 0)) < CAST(0 AS DECIMAL(38, 0)) THEN 12 WHEN CAST("uarbejdsdygtighed" AS DECIMAL(38, 0)) > CAST(100 AS DECIMAL(38, 0)) THEN 13 END, CASE WHEN CAST("månedlig_ydelse" AS DECIMAL(38, 2)) < CAST(0.00 AS DECIMAL(38, 2)) THEN 15 END) AS gyldig
  FROM sager
),
-- Tabel Målgruppeafgørelse (politik første), hjemmel Redaktionel beslutning 6
--   regel m1: forsørger ja
--   regel m2: forsørger nej, alder < 25, hjemmeboende ja, bidragspligt nej
--   regel m3: forsørger nej, alder < 25, hjemmeboende ja, bidragspligt ja
--   regel m4: forsørger nej
t1a AS (
  SELECT
    *,
    1 AS t1_ver,
    v15 IS NOT NULL AND v17 IS NOT NULL AND v19 IS NOT NULL AND v21 IS NOT NULL AS t1_ok
  FROM felter
),
t1r AS (
  SELECT
    *,
    CASE WHEN t1_ok THEN NULL WHEN v15 IS NULL THEN 2 WHEN NOT (v15) THEN 0 ELSE 1 END AS t1_r1,
    CASE WHEN t1_ok THEN NULL WHEN v15 IS NULL THEN 2 WHEN NOT (NOT v15) THEN 0 WHEN v17 IS NULL THEN 3 WHEN NOT ((v17 >= 0 AND v17 <= 24)) THEN 0 WHEN v19 IS NULL THEN 4 WHEN NOT (v19) THEN 0 WHEN v21 IS NULL THEN 5 WHEN NOT (NOT v21) THEN 0 ELSE 1 END AS t1_r2,
    CASE WHEN t1_ok THEN NULL WHEN v15 IS NULL THEN 2 WHEN NOT (NOT v15) THEN 0 WHEN v17 IS NULL THEN 3 WHEN NOT ((v17 >= 0 AND v17 <= 24)) THEN 0 WHEN v19 IS NULL THEN 4 WHEN NOT (v19) THEN 0 WHEN v21 IS NULL THEN 5 WHEN NOT (v21) THEN 0 ELSE 1 END AS t1_r3,
    CASE WHEN t1_ok THEN NULL WHEN v15 IS NULL THEN 2 WHEN NOT (NOT v15) THEN 0 ELSE 1 END AS t1_r4
  FROM t1a
),
t1b AS (
  SELECT
    *,
    CASE WHEN t1_ver = 1 THEN CASE WHEN t1_ok THEN CASE WHEN v15 THEN 1 WHEN NOT v15 AND (v17 >= 0 AND v17 <= 24) AND v19 AND NOT v21 THEN 2 WHEN NOT v15 AND (v17 >= 0 AND v17 <= 24) AND v19 AND v21 THEN 3 WHEN NOT v15 THEN 4 END ELSE CASE WHEN t1_r1 = 1 THEN 1 WHEN t1_r2 = 1 THEN 2 WHEN t1_r3 = 1 THEN 3 WHEN t1_r4 = 1 THEN 4 END END END AS t1_hit
  FROM t1r
),
t1s AS (
  SELECT
    *,
    CASE WHEN t1_ok THEN CASE WHEN t1_ver = 1 THEN CASE WHEN t1_hit IS NULL THEN 17 END END WHEN t1_ver = 1 THEN CASE COALESCE(NULLIF(t1_r1, 0), NULLIF(t1_r2, 0), NULLIF(t1_r3, 0), NULLIF(t1_r4, 0)) WHEN 1 THEN CAST(NULL AS INTEGER) WHEN 2 THEN COALESCE(e16, CASE WHEN v15 IS NULL THEN 18 END) WHEN 3 THEN COALESCE(e18, CASE WHEN v17 IS NULL THEN 19 END) WHEN 4 THEN COALESCE(e20, CASE WHEN v19 IS NULL THEN 20 END) WHEN 5 THEN COALESCE(e22, CASE WHEN v21 IS NULL THEN 21 END) ELSE 17 END END AS t1_sel
  FROM t1b
),
t1c AS (
  SELECT
    *,
    CASE WHEN t1_hit = 1 THEN 'forsørger' WHEN t1_hit = 2 THEN 'under_25_hjemmeboende' WHEN t1_hit = 3 THEN 'under_25_bidragspligt' WHEN t1_hit = 4 THEN 'ikke_forsørger' END AS v29,
    t1_sel AS e30,
    CASE WHEN t1_hit BETWEEN 1 AND 4 THEN 'Redaktionel beslutning 6' END AS c1,
    CASE WHEN t1_hit = 1 THEN 'Målgruppeafgørelse/m1' WHEN t1_hit = 2 THEN 'Målgruppeafgørelse/m2' WHEN t1_hit = 3 THEN 'Målgruppeafgørelse/m3' WHEN t1_hit = 4 THEN 'Målgruppeafgørelse/m4' END AS f1
  FROM t1s
),
-- Tabel Dagssats (politik unik)
--   version 2024 gælder 2024-01-01 – 2024-12-31
--   regel f100: målgruppe forsørger, uarbejdsdygtighed 100 %
--   regel i100: målgruppe ikke_forsørger, uarbejdsdygtighed 100 %
--   regel u100: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 100 %
--   regel b100: målgruppe under_25_bidragspligt, uarbejdsdygtighed 100 %
--   regel andre: uarbejdsdygtighed ikke 100 %
--   version 2025 gælder 2025-01-01 – 2025-12-31
--   regel f100: målgruppe forsørger, uarbejdsdygtighed 100 %
--   regel f75: målgruppe forsørger, uarbejdsdygtighed 75 %
--   regel f50: målgruppe forsørger, uarbejdsdygtighed 50 %
--   regel i100: målgruppe ikke_forsørger, uarbejdsdygtighed 100 %
--   regel i75: målgruppe ikke_forsørger, uarbejdsdygtighed 75 %
--   regel i50: målgruppe ikke_forsørger, uarbejdsdygtighed 50 %
--   regel u100: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 100 %
--   regel u75: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 75 %
--   regel u50: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 50 %
--   regel b100: målgruppe under_25_bidragspligt, uarbejdsdygtighed 100 %
--   regel b75: målgruppe under_25_bidragspligt, uarbejdsdygtighed 75 %
--   regel b50: målgruppe under_25_bidragspligt, uarbejdsdygtighed 50 %
--   regel andre: uarbejdsdygtighed ikke 100 %, 75 %, 50 %
t2a AS (
  SELECT
    *,
    CASE WHEN v5 IS NULL THEN NULL WHEN v5 >= CAST('2024-01-01' AS DATE) AND v5 <= CAST('2024-12-31' AS DATE) THEN 1 WHEN v5 >= CAST('2025-01-01' AS DATE) AND v5 <= CAST('2025-12-31' AS DATE) THEN 2 END AS t2_ver,
    (e30 IS NULL AND v29 IS NOT NULL) AND v23 IS NOT NULL AS t2_ok
  FROM t1c
),
t2r AS (
  SELECT
    *,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r1,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r2,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r3,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r4,
    CASE WHEN t2_ok THEN NULL WHEN v23 IS NULL THEN 3 WHEN NOT ((v23 >= 0 AND v23 <= 99)) THEN 0 ELSE 1 END AS t2_r5,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r6,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t2_r7,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t2_r8,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r9,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t2_r10,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t2_r11,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r12,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t2_r13,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t2_r14,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t2_r15,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t2_r16,
    CASE WHEN t2_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t2_r17,
    CASE WHEN t2_ok THEN NULL WHEN v23 IS NULL THEN 3 WHEN NOT (((v23 >= 0 AND v23 <= 49) OR (v23 >= 51 AND v23 <= 74) OR (v23 >= 76 AND v23 <= 99))) THEN 0 ELSE 1 END AS t2_r18
  FROM t2a
),
t2b AS (
  SELECT
    *,
    CASE WHEN t2_ver = 1 THEN CASE WHEN t2_ok THEN CASE WHEN v29 = 'forsørger' AND v23 = 100 THEN 1 WHEN v29 = 'ikke_forsørger' AND v23 = 100 THEN 2 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 100 THEN 3 WHEN v29 = 'under_25_bidragspligt' AND v23 = 100 THEN 4 WHEN (v23 >= 0 AND v23 <= 99) THEN 5 END ELSE CASE WHEN t2_r1 = 1 THEN 1 WHEN t2_r2 = 1 THEN 2 WHEN t2_r3 = 1 THEN 3 WHEN t2_r4 = 1 THEN 4 WHEN t2_r5 = 1 THEN 5 END END WHEN t2_ver = 2 THEN CASE WHEN t2_ok THEN CASE WHEN v29 = 'forsørger' AND v23 = 100 THEN 6 WHEN v29 = 'forsørger' AND v23 = 75 THEN 7 WHEN v29 = 'forsørger' AND v23 = 50 THEN 8 WHEN v29 = 'ikke_forsørger' AND v23 = 100 THEN 9 WHEN v29 = 'ikke_forsørger' AND v23 = 75 THEN 10 WHEN v29 = 'ikke_forsørger' AND v23 = 50 THEN 11 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 100 THEN 12 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 75 THEN 13 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 50 THEN 14 WHEN v29 = 'under_25_bidragspligt' AND v23 = 100 THEN 15 WHEN v29 = 'under_25_bidragspligt' AND v23 = 75 THEN 16 WHEN v29 = 'under_25_bidragspligt' AND v23 = 50 THEN 17 WHEN (((v23 >= 0 AND v23 <= 49) OR (v23 >= 51 AND v23 <= 74) OR (v23 >= 76 AND v23 <= 99))) THEN 18 END ELSE CASE WHEN t2_r6 = 1 THEN 6 WHEN t2_r7 = 1 THEN 7 WHEN t2_r8 = 1 THEN 8 WHEN t2_r9 = 1 THEN 9 WHEN t2_r10 = 1 THEN 10 WHEN t2_r11 = 1 THEN 11 WHEN t2_r12 = 1 THEN 12 WHEN t2_r13 = 1 THEN 13 WHEN t2_r14 = 1 THEN 14 WHEN t2_r15 = 1 THEN 15 WHEN t2_r16 = 1 THEN 16 WHEN t2_r17 = 1 THEN 17 WHEN t2_r18 = 1 THEN 18 END END END AS t2_hit
  FROM t2r
),
t2s AS (
  SELECT
    *,
    CASE WHEN e6 IS NOT NULL THEN e6 WHEN t2_ver IS NULL THEN 22 WHEN t2_ok THEN CASE WHEN t2_ver = 1 THEN CASE WHEN t2_hit IS NULL THEN 23 END WHEN t2_ver = 2 THEN CASE WHEN t2_hit IS NULL THEN 24 END END WHEN t2_ver = 1 THEN COALESCE(CASE CASE WHEN t2_r1 >= 2 THEN t2_r1 WHEN t2_r2 >= 2 THEN t2_r2 WHEN t2_r3 >= 2 THEN t2_r3 WHEN t2_r4 >= 2 THEN t2_r4 WHEN t2_r5 >= 2 THEN t2_r5 END WHEN 2 THEN COALESCE(e30, CASE WHEN v29 IS NULL THEN 26 END) WHEN 3 THEN COALESCE(e24, CASE WHEN v23 IS NULL THEN 27 END) END, CASE WHEN NOT (t2_r1 = 1 OR t2_r2 = 1 OR t2_r3 = 1 OR t2_r4 = 1 OR t2_r5 = 1) THEN 23 WHEN CASE WHEN t2_r1 = 1 OR t2_r4 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r3 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r5 = 1 THEN 1 ELSE 0 END >= 2 THEN 25 END) WHEN t2_ver = 2 THEN COALESCE(CASE CASE WHEN t2_r6 >= 2 THEN t2_r6 WHEN t2_r7 >= 2 THEN t2_r7 WHEN t2_r8 >= 2 THEN t2_r8 WHEN t2_r9 >= 2 THEN t2_r9 WHEN t2_r10 >= 2 THEN t2_r10 WHEN t2_r11 >= 2 THEN t2_r11 WHEN t2_r12 >= 2 THEN t2_r12 WHEN t2_r13 >= 2 THEN t2_r13 WHEN t2_r14 >= 2 THEN t2_r14 WHEN t2_r15 >= 2 THEN t2_r15 WHEN t2_r16 >= 2 THEN t2_r16 WHEN t2_r17 >= 2 THEN t2_r17 WHEN t2_r18 >= 2 THEN t2_r18 END WHEN 2 THEN COALESCE(e30, CASE WHEN v29 IS NULL THEN 26 END) WHEN 3 THEN COALESCE(e24, CASE WHEN v23 IS NULL THEN 27 END) END, CASE WHEN NOT (t2_r6 = 1 OR t2_r7 = 1 OR t2_r8 = 1 OR t2_r9 = 1 OR t2_r10 = 1 OR t2_r11 = 1 OR t2_r12 = 1 OR t2_r13 = 1 OR t2_r14 = 1 OR t2_r15 = 1 OR t2_r16 = 1 OR t2_r17 = 1 OR t2_r18 = 1) THEN 24 WHEN CASE WHEN t2_r6 = 1 OR t2_r15 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r7 = 1 OR t2_r16 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r8 = 1 OR t2_r17 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r9 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r10 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r11 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r12 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r13 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r14 = 1 THEN 1 ELSE 0 END + CASE WHEN t2_r18 = 1 THEN 1 ELSE 0 END >= 2 THEN 28 END) END AS t2_sel
  FROM t2b
),
t2c AS (
  SELECT
    *,
    CASE WHEN (t2_hit = 1 OR t2_hit = 4) THEN CAST(756 AS DECIMAL(38, 0)) WHEN t2_hit = 2 THEN CAST(569 AS DECIMAL(38, 0)) WHEN t2_hit = 3 THEN CAST(177 AS DECIMAL(38, 0)) WHEN (t2_hit = 5 OR t2_hit = 18) THEN CAST(NULL AS DECIMAL(38, 0)) WHEN (t2_hit = 6 OR t2_hit = 15) THEN CAST(783 AS DECIMAL(38, 0)) WHEN (t2_hit = 7 OR t2_hit = 16) THEN CAST(587 AS DECIMAL(38, 0)) WHEN (t2_hit = 8 OR t2_hit = 17) THEN CAST(392 AS DECIMAL(38, 0)) WHEN t2_hit = 9 THEN CAST(589 AS DECIMAL(38, 0)) WHEN t2_hit = 10 THEN CAST(442 AS DECIMAL(38, 0)) WHEN t2_hit = 11 THEN CAST(295 AS DECIMAL(38, 0)) WHEN t2_hit = 12 THEN CAST(183 AS DECIMAL(38, 0)) WHEN t2_hit = 13 THEN CAST(137 AS DECIMAL(38, 0)) WHEN t2_hit = 14 THEN CAST(92 AS DECIMAL(38, 0)) END AS v31,
    COALESCE(t2_sel, CASE WHEN t2_hit = 5 THEN 29 WHEN t2_hit = 18 THEN 30 END) AS e32,
    CASE WHEN t2_hit BETWEEN 1 AND 5 THEN 'LAS § 69 c' WHEN t2_hit BETWEEN 6 AND 18 THEN 'LAS § 69 n' END AS c2,
    CASE WHEN t2_hit = 1 THEN 'Dagssats@2024/f100' WHEN t2_hit = 2 THEN 'Dagssats@2024/i100' WHEN t2_hit = 3 THEN 'Dagssats@2024/u100' WHEN t2_hit = 4 THEN 'Dagssats@2024/b100' WHEN t2_hit = 5 THEN 'Dagssats@2024/andre' WHEN t2_hit = 6 THEN 'Dagssats@2025/f100' WHEN t2_hit = 7 THEN 'Dagssats@2025/f75' WHEN t2_hit = 8 THEN 'Dagssats@2025/f50' WHEN t2_hit = 9 THEN 'Dagssats@2025/i100' WHEN t2_hit = 10 THEN 'Dagssats@2025/i75' WHEN t2_hit = 11 THEN 'Dagssats@2025/i50' WHEN t2_hit = 12 THEN 'Dagssats@2025/u100' WHEN t2_hit = 13 THEN 'Dagssats@2025/u75' WHEN t2_hit = 14 THEN 'Dagssats@2025/u50' WHEN t2_hit = 15 THEN 'Dagssats@2025/b100' WHEN t2_hit = 16 THEN 'Dagssats@2025/b75' WHEN t2_hit = 17 THEN 'Dagssats@2025/b50' WHEN t2_hit = 18 THEN 'Dagssats@2025/andre' END AS f2
  FROM t2s
),
-- Tabel Hændelsessats (politik unik)
--   version 2024 gælder 2024-01-01 – 2024-12-31
--   regel f100: målgruppe forsørger, uarbejdsdygtighed 100 %
--   regel i100: målgruppe ikke_forsørger, uarbejdsdygtighed 100 %
--   regel u100: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 100 %
--   regel b100: målgruppe under_25_bidragspligt, uarbejdsdygtighed 100 %
--   regel andre: uarbejdsdygtighed ikke 100 %
--   version 2025 gælder 2025-01-01 – 2025-12-31
--   regel f100: målgruppe forsørger, uarbejdsdygtighed 100 %
--   regel f75: målgruppe forsørger, uarbejdsdygtighed 75 %
--   regel f50: målgruppe forsørger, uarbejdsdygtighed 50 %
--   regel i100: målgruppe ikke_forsørger, uarbejdsdygtighed 100 %
--   regel i75: målgruppe ikke_forsørger, uarbejdsdygtighed 75 %
--   regel i50: målgruppe ikke_forsørger, uarbejdsdygtighed 50 %
--   regel u100: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 100 %
--   regel u75: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 75 %
--   regel u50: målgruppe under_25_hjemmeboende, uarbejdsdygtighed 50 %
--   regel b100: målgruppe under_25_bidragspligt, uarbejdsdygtighed 100 %
--   regel b75: målgruppe under_25_bidragspligt, uarbejdsdygtighed 75 %
--   regel b50: målgruppe under_25_bidragspligt, uarbejdsdygtighed 50 %
--   regel andre: uarbejdsdygtighed ikke 100 %, 75 %, 50 %
t3a AS (
  SELECT
    *,
    CASE WHEN v5 IS NULL THEN NULL WHEN v5 >= CAST('2024-01-01' AS DATE) AND v5 <= CAST('2024-12-31' AS DATE) THEN 1 WHEN v5 >= CAST('2025-01-01' AS DATE) AND v5 <= CAST('2025-12-31' AS DATE) THEN 2 END AS t3_ver,
    (e30 IS NULL AND v29 IS NOT NULL) AND v23 IS NOT NULL AS t3_ok
  FROM t2c
),
t3r AS (
  SELECT
    *,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r1,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r2,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r3,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r4,
    CASE WHEN t3_ok THEN NULL WHEN v23 IS NULL THEN 3 WHEN NOT ((v23 >= 0 AND v23 <= 99)) THEN 0 ELSE 1 END AS t3_r5,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r6,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t3_r7,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t3_r8,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r9,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t3_r10,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'ikke_forsørger') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t3_r11,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r12,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t3_r13,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_hjemmeboende') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t3_r14,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t3_r15,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 75) THEN 0 ELSE 1 END AS t3_r16,
    CASE WHEN t3_ok THEN NULL WHEN (e30 IS NOT NULL OR v29 IS NULL) THEN 2 WHEN NOT (v29 = 'under_25_bidragspligt') THEN 0 WHEN v23 IS NULL THEN 3 WHEN NOT (v23 = 50) THEN 0 ELSE 1 END AS t3_r17,
    CASE WHEN t3_ok THEN NULL WHEN v23 IS NULL THEN 3 WHEN NOT (((v23 >= 0 AND v23 <= 49) OR (v23 >= 51 AND v23 <= 74) OR (v23 >= 76 AND v23 <= 99))) THEN 0 ELSE 1 END AS t3_r18
  FROM t3a
),
t3b AS (
  SELECT
    *,
    CASE WHEN t3_ver = 1 THEN CASE WHEN t3_ok THEN CASE WHEN v29 = 'forsørger' AND v23 = 100 THEN 1 WHEN v29 = 'ikke_forsørger' AND v23 = 100 THEN 2 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 100 THEN 3 WHEN v29 = 'under_25_bidragspligt' AND v23 = 100 THEN 4 WHEN (v23 >= 0 AND v23 <= 99) THEN 5 END ELSE CASE WHEN t3_r1 = 1 THEN 1 WHEN t3_r2 = 1 THEN 2 WHEN t3_r3 = 1 THEN 3 WHEN t3_r4 = 1 THEN 4 WHEN t3_r5 = 1 THEN 5 END END WHEN t3_ver = 2 THEN CASE WHEN t3_ok THEN CASE WHEN v29 = 'forsørger' AND v23 = 100 THEN 6 WHEN v29 = 'forsørger' AND v23 = 75 THEN 7 WHEN v29 = 'forsørger' AND v23 = 50 THEN 8 WHEN v29 = 'ikke_forsørger' AND v23 = 100 THEN 9 WHEN v29 = 'ikke_forsørger' AND v23 = 75 THEN 10 WHEN v29 = 'ikke_forsørger' AND v23 = 50 THEN 11 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 100 THEN 12 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 75 THEN 13 WHEN v29 = 'under_25_hjemmeboende' AND v23 = 50 THEN 14 WHEN v29 = 'under_25_bidragspligt' AND v23 = 100 THEN 15 WHEN v29 = 'under_25_bidragspligt' AND v23 = 75 THEN 16 WHEN v29 = 'under_25_bidragspligt' AND v23 = 50 THEN 17 WHEN (((v23 >= 0 AND v23 <= 49) OR (v23 >= 51 AND v23 <= 74) OR (v23 >= 76 AND v23 <= 99))) THEN 18 END ELSE CASE WHEN t3_r6 = 1 THEN 6 WHEN t3_r7 = 1 THEN 7 WHEN t3_r8 = 1 THEN 8 WHEN t3_r9 = 1 THEN 9 WHEN t3_r10 = 1 THEN 10 WHEN t3_r11 = 1 THEN 11 WHEN t3_r12 = 1 THEN 12 WHEN t3_r13 = 1 THEN 13 WHEN t3_r14 = 1 THEN 14 WHEN t3_r15 = 1 THEN 15 WHEN t3_r16 = 1 THEN 16 WHEN t3_r17 = 1 THEN 17 WHEN t3_r18 = 1 THEN 18 END END END AS t3_hit
  FROM t3r
),
t3s AS (
  SELECT
    *,
    CASE WHEN e6 IS NOT NULL THEN e6 WHEN t3_ver IS NULL THEN 31 WHEN t3_ok THEN CASE WHEN t3_ver = 1 THEN CASE WHEN t3_hit IS NULL THEN 32 END WHEN t3_ver = 2 THEN CASE WHEN t3_hit IS NULL THEN 33 END END WHEN t3_ver = 1 THEN COALESCE(CASE CASE WHEN t3_r1 >= 2 THEN t3_r1 WHEN t3_r2 >= 2 THEN t3_r2 WHEN t3_r3 >= 2 THEN t3_r3 WHEN t3_r4 >= 2 THEN t3_r4 WHEN t3_r5 >= 2 THEN t3_r5 END WHEN 2 THEN COALESCE(e30, CASE WHEN v29 IS NULL THEN 26 END) WHEN 3 THEN COALESCE(e24, CASE WHEN v23 IS NULL THEN 27 END) END, CASE WHEN NOT (t3_r1 = 1 OR t3_r2 = 1 OR t3_r3 = 1 OR t3_r4 = 1 OR t3_r5 = 1) THEN 32 WHEN CASE WHEN t3_r1 = 1 OR t3_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r3 = 1 OR t3_r4 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r5 = 1 THEN 1 ELSE 0 END >= 2 THEN 34 END) WHEN t3_ver = 2 THEN COALESCE(CASE CASE WHEN t3_r6 >= 2 THEN t3_r6 WHEN t3_r7 >= 2 THEN t3_r7 WHEN t3_r8 >= 2 THEN t3_r8 WHEN t3_r9 >= 2 THEN t3_r9 WHEN t3_r10 >= 2 THEN t3_r10 WHEN t3_r11 >= 2 THEN t3_r11 WHEN t3_r12 >= 2 THEN t3_r12 WHEN t3_r13 >= 2 THEN t3_r13 WHEN t3_r14 >= 2 THEN t3_r14 WHEN t3_r15 >= 2 THEN t3_r15 WHEN t3_r16 >= 2 THEN t3_r16 WHEN t3_r17 >= 2 THEN t3_r17 WHEN t3_r18 >= 2 THEN t3_r18 END WHEN 2 THEN COALESCE(e30, CASE WHEN v29 IS NULL THEN 26 END) WHEN 3 THEN COALESCE(e24, CASE WHEN v23 IS NULL THEN 27 END) END, CASE WHEN NOT (t3_r6 = 1 OR t3_r7 = 1 OR t3_r8 = 1 OR t3_r9 = 1 OR t3_r10 = 1 OR t3_r11 = 1 OR t3_r12 = 1 OR t3_r13 = 1 OR t3_r14 = 1 OR t3_r15 = 1 OR t3_r16 = 1 OR t3_r17 = 1 OR t3_r18 = 1) THEN 33 WHEN CASE WHEN t3_r6 = 1 OR t3_r9 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r7 = 1 OR t3_r10 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r8 = 1 OR t3_r11 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r12 = 1 OR t3_r15 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r13 = 1 OR t3_r16 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r14 = 1 OR t3_r17 = 1 THEN 1 ELSE 0 END + CASE WHEN t3_r18 = 1 THEN 1 ELSE 0 END >= 2 THEN 35 END) END AS t3_sel
  FROM t3b
),
t3c AS (
  SELECT
    *,
    CASE WHEN t3_hit BETWEEN 1 AND 2 THEN CAST(1896 AS DECIMAL(38, 0)) WHEN t3_hit BETWEEN 3 AND 4 THEN CAST(292 AS DECIMAL(38, 0)) WHEN (t3_hit = 5 OR t3_hit = 18) THEN CAST(NULL AS DECIMAL(38, 0)) WHEN (t3_hit = 6 OR t3_hit = 9) THEN CAST(1964 AS DECIMAL(38, 0)) WHEN (t3_hit = 7 OR t3_hit = 10) THEN CAST(1473 AS DECIMAL(38, 0)) WHEN (t3_hit = 8 OR t3_hit = 11) THEN CAST(982 AS DECIMAL(38, 0)) WHEN (t3_hit = 12 OR t3_hit = 15) THEN CAST(303 AS DECIMAL(38, 0)) WHEN (t3_hit = 13 OR t3_hit = 16) THEN CAST(227 AS DECIMAL(38, 0)) WHEN (t3_hit = 14 OR t3_hit = 17) THEN CAST(152 AS DECIMAL(38, 0)) END AS v33,
    COALESCE(t3_sel, CASE WHEN t3_hit = 5 THEN 36 WHEN t3_hit = 18 THEN 37 END) AS e34,
    CASE WHEN t3_hit BETWEEN 1 AND 5 THEN 'LAS § 69 d' WHEN t3_hit BETWEEN 6 AND 18 THEN 'LAS § 69 o' END AS c3,
    CASE WHEN t3_hit = 1 THEN 'Hændelsessats@2024/f100' WHEN t3_hit = 2 THEN 'Hændelsessats@2024/i100' WHEN t3_hit = 3 THEN 'Hændelsessats@2024/u100' WHEN t3_hit = 4 THEN 'Hændelsessats@2024/b100' WHEN t3_hit = 5 THEN 'Hændelsessats@2024/andre' WHEN t3_hit = 6 THEN 'Hændelsessats@2025/f100' WHEN t3_hit = 7 THEN 'Hændelsessats@2025/f75' WHEN t3_hit = 8 THEN 'Hændelsessats@2025/f50' WHEN t3_hit = 9 THEN 'Hændelsessats@2025/i100' WHEN t3_hit = 10 THEN 'Hændelsessats@2025/i75' WHEN t3_hit = 11 THEN 'Hændelsessats@2025/i50' WHEN t3_hit = 12 THEN 'Hændelsessats@2025/u100' WHEN t3_hit = 13 THEN 'Hændelsessats@2025/u75' WHEN t3_hit = 14 THEN 'Hændelsessats@2025/u50' WHEN t3_hit = 15 THEN 'Hændelsessats@2025/b100' WHEN t3_hit = 16 THEN 'Hændelsessats@2025/b75' WHEN t3_hit = 17 THEN 'Hændelsessats@2025/b50' WHEN t3_hit = 18 THEN 'Hændelsessats@2025/andre' END AS f3
  FROM t3s
),
-- Tabel Sanktionsform (politik første)
--   regel u1: rimelig_grund ja, ordning ressourceforløb
--   regel u2: rimelig_grund ja, ordning jobafklaringsforløb
--   regel u3: rimelig_grund ja, ordning sh_o_ydelse
--   regel u4: barsel ja, ordning ressourceforløb
--   regel u5: barsel ja, ordning jobafklaringsforløb
--   regel u6: barsel ja, ordning sh_o_ydelse
--   regel u7: fremmer_rådighed nej, ordning ressourceforløb
--   regel u8: fremmer_rådighed nej, ordning jobafklaringsforløb
--   regel u9: fremmer_rådighed nej, ordning sh_o_ydelse
--   regel r1: ordning ressourceforløb, forseelse udeblevet_samtale, udeblevet_rådighedsvurdering, manglende_selvbooking
--   regel r2: ordning ressourceforløb, forseelse udeblevet_tilbud, afvist_tilbud
--   regel r3: ordning ressourceforløb, forseelse ophør_arbejde, afvist_arbejde, undladt_jobsøgning
--   regel r4: ordning ressourceforløb, forseelse manglende_sygemelding
--   regel r5: ordning ressourceforløb, forseelse manglende_sygemelding_sygeopfølgning
--   regel r6: ordning ressourceforløb, forseelse stop_uddannelse
--   regel j1: ordning jobafklaringsforløb, forseelse udeblevet_samtale, udeblevet_rådighedsvurdering, manglende_selvbooking
--   regel j2: ordning jobafklaringsforløb, forseelse udeblevet_tilbud, afvist_tilbud
--   regel j3: ordning jobafklaringsforløb, forseelse ophør_arbejde, afvist_arbejde, undladt_jobsøgning, manglende_sygemelding
--   regel j4: ordning jobafklaringsforløb, forseelse manglende_sygemelding_sygeopfølgning
--   regel j5: ordning jobafklaringsforløb, forseelse stop_uddannelse
--   regel s1: ordning sh_o_ydelse, forseelse udeblevet_samtale, udeblevet_rådighedsvurdering, manglende_selvbooking
--   regel s2: ordning sh_o_ydelse, forseelse udeblevet_tilbud
--   regel s3: ordning sh_o_ydelse, forseelse ophør_arbejde, afvist_arbejde
--   regel s4: ordning sh_o_ydelse, forseelse manglende_sygemelding
--   regel s5: ordning sh_o_ydelse, forseelse manglende_sygemelding_sygeopfølgning
--   regel s6: ordning sh_o_ydelse, forseelse stop_uddannelse
--   regel s7: ordning sh_o_ydelse, forseelse afvist_tilbud
--   regel s8: ordning sh_o_ydelse, forseelse undladt_jobsøgning
t4a AS (
  SELECT
    *,
    1 AS t4_ver,
    v9 IS NOT NULL AND v11 IS NOT NULL AND v13 IS NOT NULL AND v1 IS NOT NULL AND v3 IS NOT NULL AS t4_ok
  FROM t3c
),
t4r AS (
  SELECT
    *,
    CASE WHEN t4_ok THEN NULL WHEN v9 IS NULL THEN 2 WHEN NOT (v9) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 ELSE 1 END AS t4_r1,
    CASE WHEN t4_ok THEN NULL WHEN v9 IS NULL THEN 2 WHEN NOT (v9) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 ELSE 1 END AS t4_r2,
    CASE WHEN t4_ok THEN NULL WHEN v9 IS NULL THEN 2 WHEN NOT (v9) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 ELSE 1 END AS t4_r3,
    CASE WHEN t4_ok THEN NULL WHEN v11 IS NULL THEN 3 WHEN NOT (v11) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 ELSE 1 END AS t4_r4,
    CASE WHEN t4_ok THEN NULL WHEN v11 IS NULL THEN 3 WHEN NOT (v11) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 ELSE 1 END AS t4_r5,
    CASE WHEN t4_ok THEN NULL WHEN v11 IS NULL THEN 3 WHEN NOT (v11) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 ELSE 1 END AS t4_r6,
    CASE WHEN t4_ok THEN NULL WHEN v13 IS NULL THEN 4 WHEN NOT (NOT v13) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 ELSE 1 END AS t4_r7,
    CASE WHEN t4_ok THEN NULL WHEN v13 IS NULL THEN 4 WHEN NOT (NOT v13) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 ELSE 1 END AS t4_r8,
    CASE WHEN t4_ok THEN NULL WHEN v13 IS NULL THEN 4 WHEN NOT (NOT v13) THEN 0 WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 ELSE 1 END AS t4_r9,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('udeblevet_samtale', 'udeblevet_rådighedsvurdering', 'manglende_selvbooking')) THEN 0 ELSE 1 END AS t4_r10,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('udeblevet_tilbud', 'afvist_tilbud')) THEN 0 ELSE 1 END AS t4_r11,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('ophør_arbejde', 'afvist_arbejde', 'undladt_jobsøgning')) THEN 0 ELSE 1 END AS t4_r12,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'manglende_sygemelding') THEN 0 ELSE 1 END AS t4_r13,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'manglende_sygemelding_sygeopfølgning') THEN 0 ELSE 1 END AS t4_r14,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'stop_uddannelse') THEN 0 ELSE 1 END AS t4_r15,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('udeblevet_samtale', 'udeblevet_rådighedsvurdering', 'manglende_selvbooking')) THEN 0 ELSE 1 END AS t4_r16,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('udeblevet_tilbud', 'afvist_tilbud')) THEN 0 ELSE 1 END AS t4_r17,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('manglende_sygemelding', 'ophør_arbejde', 'afvist_arbejde', 'undladt_jobsøgning')) THEN 0 ELSE 1 END AS t4_r18,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'manglende_sygemelding_sygeopfølgning') THEN 0 ELSE 1 END AS t4_r19,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'stop_uddannelse') THEN 0 ELSE 1 END AS t4_r20,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('udeblevet_samtale', 'udeblevet_rådighedsvurdering', 'manglende_selvbooking')) THEN 0 ELSE 1 END AS t4_r21,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'udeblevet_tilbud') THEN 0 ELSE 1 END AS t4_r22,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 IN ('ophør_arbejde', 'afvist_arbejde')) THEN 0 ELSE 1 END AS t4_r23,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'manglende_sygemelding') THEN 0 ELSE 1 END AS t4_r24,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'manglende_sygemelding_sygeopfølgning') THEN 0 ELSE 1 END AS t4_r25,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'stop_uddannelse') THEN 0 ELSE 1 END AS t4_r26,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'afvist_tilbud') THEN 0 ELSE 1 END AS t4_r27,
    CASE WHEN t4_ok THEN NULL WHEN v1 IS NULL THEN 5 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v3 IS NULL THEN 6 WHEN NOT (v3 = 'undladt_jobsøgning') THEN 0 ELSE 1 END AS t4_r28
  FROM t4a
),
t4b AS (
  SELECT
    *,
    CASE WHEN t4_ver = 1 THEN CASE WHEN t4_ok THEN CASE WHEN v9 AND v1 = 'ressourceforløb' THEN 1 WHEN v9 AND v1 = 'jobafklaringsforløb' THEN 2 WHEN v9 AND v1 = 'sh_o_ydelse' THEN 3 WHEN v11 AND v1 = 'ressourceforløb' THEN 4 WHEN v11 AND v1 = 'jobafklaringsforløb' THEN 5 WHEN v11 AND v1 = 'sh_o_ydelse' THEN 6 WHEN NOT v13 AND v1 = 'ressourceforløb' THEN 7 WHEN NOT v13 AND v1 = 'jobafklaringsforløb' THEN 8 WHEN NOT v13 AND v1 = 'sh_o_ydelse' THEN 9 WHEN v1 = 'ressourceforløb' AND v3 IN ('udeblevet_samtale', 'udeblevet_rådighedsvurdering', 'manglende_selvbooking') THEN 10 WHEN v1 = 'ressourceforløb' AND v3 IN ('udeblevet_tilbud', 'afvist_tilbud') THEN 11 WHEN v1 = 'ressourceforløb' AND v3 IN ('ophør_arbejde', 'afvist_arbejde', 'undladt_jobsøgning') THEN 12 WHEN v1 = 'ressourceforløb' AND v3 = 'manglende_sygemelding' THEN 13 WHEN v1 = 'ressourceforløb' AND v3 = 'manglende_sygemelding_sygeopfølgning' THEN 14 WHEN v1 = 'ressourceforløb' AND v3 = 'stop_uddannelse' THEN 15 WHEN v1 = 'jobafklaringsforløb' AND v3 IN ('udeblevet_samtale', 'udeblevet_rådighedsvurdering', 'manglende_selvbooking') THEN 16 WHEN v1 = 'jobafklaringsforløb' AND v3 IN ('udeblevet_tilbud', 'afvist_tilbud') THEN 17 WHEN v1 = 'jobafklaringsforløb' AND v3 IN ('manglende_sygemelding', 'ophør_arbejde', 'afvist_arbejde', 'undladt_jobsøgning') THEN 18 WHEN v1 = 'jobafklaringsforløb' AND v3 = 'manglende_sygemelding_sygeopfølgning' THEN 19 WHEN v1 = 'jobafklaringsforløb' AND v3 = 'stop_uddannelse' THEN 20 WHEN v1 = 'sh_o_ydelse' AND v3 IN ('udeblevet_samtale', 'udeblevet_rådighedsvurdering', 'manglende_selvbooking') THEN 21 WHEN v1 = 'sh_o_ydelse' AND v3 = 'udeblevet_tilbud' THEN 22 WHEN v1 = 'sh_o_ydelse' AND v3 IN ('ophør_arbejde', 'afvist_arbejde') THEN 23 WHEN v1 = 'sh_o_ydelse' AND v3 = 'manglende_sygemelding' THEN 24 WHEN v1 = 'sh_o_ydelse' AND v3 = 'manglende_sygemelding_sygeopfølgning' THEN 25 WHEN v1 = 'sh_o_ydelse' AND v3 = 'stop_uddannelse' THEN 26 WHEN v1 = 'sh_o_ydelse' AND v3 = 'afvist_tilbud' THEN 27 WHEN v1 = 'sh_o_ydelse' AND v3 = 'undladt_jobsøgning' THEN 28 END ELSE CASE WHEN t4_r1 = 1 THEN 1 WHEN t4_r2 = 1 THEN 2 WHEN t4_r3 = 1 THEN 3 WHEN t4_r4 = 1 THEN 4 WHEN t4_r5 = 1 THEN 5 WHEN t4_r6 = 1 THEN 6 WHEN t4_r7 = 1 THEN 7 WHEN t4_r8 = 1 THEN 8 WHEN t4_r9 = 1 THEN 9 WHEN t4_r10 = 1 THEN 10 WHEN t4_r11 = 1 THEN 11 WHEN t4_r12 = 1 THEN 12 WHEN t4_r13 = 1 THEN 13 WHEN t4_r14 = 1 THEN 14 WHEN t4_r15 = 1 THEN 15 WHEN t4_r16 = 1 THEN 16 WHEN t4_r17 = 1 THEN 17 WHEN t4_r18 = 1 THEN 18 WHEN t4_r19 = 1 THEN 19 WHEN t4_r20 = 1 THEN 20 WHEN t4_r21 = 1 THEN 21 WHEN t4_r22 = 1 THEN 22 WHEN t4_r23 = 1 THEN 23 WHEN t4_r24 = 1 THEN 24 WHEN t4_r25 = 1 THEN 25 WHEN t4_r26 = 1 THEN 26 WHEN t4_r27 = 1 THEN 27 WHEN t4_r28 = 1 THEN 28 END END END AS t4_hit
  FROM t4r
),
t4s AS (
  SELECT
    *,
    CASE WHEN t4_ok THEN CASE WHEN t4_ver = 1 THEN CASE WHEN t4_hit IS NULL THEN 38 END END WHEN t4_ver = 1 THEN CASE COALESCE(NULLIF(t4_r1, 0), NULLIF(t4_r2, 0), NULLIF(t4_r3, 0), NULLIF(t4_r4, 0), NULLIF(t4_r5, 0), NULLIF(t4_r6, 0), NULLIF(t4_r7, 0), NULLIF(t4_r8, 0), NULLIF(t4_r9, 0), NULLIF(t4_r10, 0), NULLIF(t4_r11, 0), NULLIF(t4_r12, 0), NULLIF(t4_r13, 0), NULLIF(t4_r14, 0), NULLIF(t4_r15, 0), NULLIF(t4_r16, 0), NULLIF(t4_r17, 0), NULLIF(t4_r18, 0), NULLIF(t4_r19, 0), NULLIF(t4_r20, 0), NULLIF(t4_r21, 0), NULLIF(t4_r22, 0), NULLIF(t4_r23, 0), NULLIF(t4_r24, 0), NULLIF(t4_r25, 0), NULLIF(t4_r26, 0), NULLIF(t4_r27, 0), NULLIF(t4_r28, 0)) WHEN 1 THEN CAST(NULL AS INTEGER) WHEN 2 THEN COALESCE(e10, CASE WHEN v9 IS NULL THEN 39 END) WHEN 3 THEN COALESCE(e12, CASE WHEN v11 IS NULL THEN 40 END) WHEN 4 THEN COALESCE(e14, CASE WHEN v13 IS NULL THEN 41 END) WHEN 5 THEN COALESCE(e2, CASE WHEN v1 IS NULL THEN 42 END) WHEN 6 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 43 END) ELSE 38 END END AS t4_sel
  FROM t4b
),
t4c AS (
  SELECT
    *,
    CASE WHEN t4_hit BETWEEN 1 AND 9 THEN 'ingen' WHEN (t4_hit BETWEEN 10 AND 11 OR t4_hit BETWEEN 16 AND 17 OR t4_hit BETWEEN 21 AND 22) THEN 'fradrag' WHEN (t4_hit BETWEEN 12 AND 13 OR t4_hit = 18 OR t4_hit BETWEEN 23 AND 26) THEN 'nedsættelse' WHEN (t4_hit BETWEEN 14 AND 15 OR t4_hit BETWEEN 19 AND 20 OR t4_hit BETWEEN 27 AND 28) THEN NULL END AS v35,
    COALESCE(t4_sel, CASE WHEN t4_hit = 14 THEN 44 WHEN t4_hit = 15 THEN 45 WHEN t4_hit = 19 THEN 46 WHEN t4_hit = 20 THEN 47 WHEN t4_hit = 27 THEN 48 WHEN t4_hit = 28 THEN 49 END) AS e36,
    CASE WHEN t4_hit = 1 THEN 'LAS § 13, stk. 7 og 8, og regler fastsat i medfør af § 13, stk. 16, og § 69 a, stk. 2' WHEN t4_hit = 2 THEN 'LAS § 13, stk. 7 og 8, og regler fastsat i medfør af § 13, stk. 16, og § 69 l, stk. 2' WHEN (t4_hit = 3 OR t4_hit = 9 OR t4_hit BETWEEN 21 AND 26) THEN 'LAS §§ 35–40 a / integrationsloven' WHEN t4_hit BETWEEN 4 AND 5 THEN 'LAS § 13, stk. 7 og 8' WHEN t4_hit = 6 THEN 'Barselsloven' WHEN t4_hit = 7 THEN 'LAS § 69 a, stk. 2' WHEN t4_hit = 8 THEN 'LAS § 69 l, stk. 2' WHEN t4_hit = 10 THEN 'LAS § 69 c' WHEN t4_hit = 11 THEN 'LAS § 69 b' WHEN t4_hit BETWEEN 12 AND 13 THEN 'LAS § 69 d' WHEN t4_hit BETWEEN 14 AND 15 THEN '000 afsnit 2.2–2.5 (forseelsen er ikke nævnt)' WHEN t4_hit = 16 THEN 'LAS § 69 n' WHEN t4_hit = 17 THEN 'LAS § 69 m' WHEN t4_hit = 18 THEN 'LAS § 69 o' WHEN t4_hit BETWEEN 19 AND 20 THEN '001 afsnit 2.2–2.5 (forseelsen er ikke nævnt)' WHEN t4_hit BETWEEN 27 AND 28 THEN '004 «Hvis man ikke overholder sine pligter?» (ingen sanktionsform angivet)' END AS c4,
    CASE WHEN t4_hit = 1 THEN 'Sanktionsform/u1' WHEN t4_hit = 2 THEN 'Sanktionsform/u2' WHEN t4_hit = 3 THEN 'Sanktionsform/u3' WHEN t4_hit = 4 THEN 'Sanktionsform/u4' WHEN t4_hit = 5 THEN 'Sanktionsform/u5' WHEN t4_hit = 6 THEN 'Sanktionsform/u6' WHEN t4_hit = 7 THEN 'Sanktionsform/u7' WHEN t4_hit = 8 THEN 'Sanktionsform/u8' WHEN t4_hit = 9 THEN 'Sanktionsform/u9' WHEN t4_hit = 10 THEN 'Sanktionsform/r1' WHEN t4_hit = 11 THEN 'Sanktionsform/r2' WHEN t4_hit = 12 THEN 'Sanktionsform/r3' WHEN t4_hit = 13 THEN 'Sanktionsform/r4' WHEN t4_hit = 14 THEN 'Sanktionsform/r5' WHEN t4_hit = 15 THEN 'Sanktionsform/r6' WHEN t4_hit = 16 THEN 'Sanktionsform/j1' WHEN t4_hit = 17 THEN 'Sanktionsform/j2' WHEN t4_hit = 18 THEN 'Sanktionsform/j3' WHEN t4_hit = 19 THEN 'Sanktionsform/j4' WHEN t4_hit = 20 THEN 'Sanktionsform/j5' WHEN t4_hit = 21 THEN 'Sanktionsform/s1' WHEN t4_hit = 22 THEN 'Sanktionsform/s2' WHEN t4_hit = 23 THEN 'Sanktionsform/s3' WHEN t4_hit = 24 THEN 'Sanktionsform/s4' WHEN t4_hit = 25 THEN 'Sanktionsform/s5' WHEN t4_hit = 26 THEN 'Sanktionsform/s6' WHEN t4_hit = 27 THEN 'Sanktionsform/s7' WHEN t4_hit = 28 THEN 'Sanktionsform/s8' END AS f4
  FROM t4s
),
-- Tabel Ophør (politik første), hjemmel LAS § 69 e (ressourceforløb) og § 69 p (jobafklaringsforløb)
--   regel o1: sanktion ingen
--   regel o2: ordning ressourceforløb, forseelse udeblevet_tilbud, afvist_tilbud
--   regel o3: ordning jobafklaringsforløb, forseelse udeblevet_tilbud, afvist_tilbud
--   regel o4: altid
t5a AS (
  SELECT
    *,
    1 AS t5_ver,
    (e36 IS NULL AND v35 IS NOT NULL) AND v1 IS NOT NULL AND v3 IS NOT NULL AS t5_ok
  FROM t4c
),
t5r AS (
  SELECT
    *,
    CASE WHEN t5_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'ingen') THEN 0 ELSE 1 END AS t5_r1,
    CASE WHEN t5_ok THEN NULL WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v3 IS NULL THEN 4 WHEN NOT (v3 IN ('udeblevet_tilbud', 'afvist_tilbud')) THEN 0 ELSE 1 END AS t5_r2,
    CASE WHEN t5_ok THEN NULL WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 WHEN v3 IS NULL THEN 4 WHEN NOT (v3 IN ('udeblevet_tilbud', 'afvist_tilbud')) THEN 0 ELSE 1 END AS t5_r3,
    CASE WHEN t5_ok THEN NULL ELSE 1 END AS t5_r4
  FROM t5a
),
t5b AS (
  SELECT
    *,
    CASE WHEN t5_ver = 1 THEN CASE WHEN t5_ok THEN CASE WHEN v35 = 'ingen' THEN 1 WHEN v1 = 'ressourceforløb' AND v3 IN ('udeblevet_tilbud', 'afvist_tilbud') THEN 2 WHEN v1 = 'jobafklaringsforløb' AND v3 IN ('udeblevet_tilbud', 'afvist_tilbud') THEN 3 WHEN TRUE THEN 4 END ELSE CASE WHEN t5_r1 = 1 THEN 1 WHEN t5_r2 = 1 THEN 2 WHEN t5_r3 = 1 THEN 3 WHEN t5_r4 = 1 THEN 4 END END END AS t5_hit
  FROM t5r
),
t5s AS (
  SELECT
    *,
    CASE WHEN t5_ok THEN CASE WHEN t5_ver = 1 THEN CASE WHEN t5_hit IS NULL THEN 50 END END WHEN t5_ver = 1 THEN CASE COALESCE(NULLIF(t5_r1, 0), NULLIF(t5_r2, 0), NULLIF(t5_r3, 0), NULLIF(t5_r4, 0)) WHEN 1 THEN CAST(NULL AS INTEGER) WHEN 2 THEN COALESCE(e36, CASE WHEN v35 IS NULL THEN 51 END) WHEN 3 THEN COALESCE(e2, CASE WHEN v1 IS NULL THEN 42 END) WHEN 4 THEN COALESCE(e4, CASE WHEN v3 IS NULL THEN 43 END) ELSE 50 END END AS t5_sel
  FROM t5b
),
t5c AS (
  SELECT
    *,
    CASE WHEN (t5_hit = 1 OR t5_hit = 4) THEN FALSE WHEN t5_hit BETWEEN 2 AND 3 THEN TRUE END AS v37,
    t5_sel AS e38,
    CASE WHEN (t5_hit = 1 OR t5_hit = 4) THEN 'LAS § 69 e (ressourceforløb) og § 69 p (jobafklaringsforløb)' WHEN t5_hit = 2 THEN 'LAS § 69 e' WHEN t5_hit = 3 THEN 'LAS § 69 p' END AS c5,
    CASE WHEN t5_hit = 1 THEN 'Ophør/o1' WHEN t5_hit = 2 THEN 'Ophør/o2' WHEN t5_hit = 3 THEN 'Ophør/o3' WHEN t5_hit = 4 THEN 'Ophør/o4' END AS f5
  FROM t5s
),
-- Tabel Sanktionssats_SH_O (politik unik)
--   version 2024 gælder 2024-01-01 – 2024-12-31
--   regel s1: månedlig_ydelse < 5.935 kr
--   regel s2: månedlig_ydelse [5.935 kr ; 10.469 kr]
--   regel s3: månedlig_ydelse ]10.469 kr ; 14.245 kr]
--   regel s4: månedlig_ydelse > 14.245 kr
t6a AS (
  SELECT
    *,
    CASE WHEN v5 IS NULL THEN NULL WHEN v5 >= CAST('2024-01-01' AS DATE) AND v5 <= CAST('2024-12-31' AS DATE) THEN 1 END AS t6_ver,
    v25 IS NOT NULL AS t6_ok
  FROM t5c
),
t6r AS (
  SELECT
    *,
    CASE WHEN t6_ok THEN NULL WHEN v25 IS NULL THEN 2 WHEN NOT ((v25 >= 0.00 AND v25 <= 5934.99)) THEN 0 ELSE 1 END AS t6_r1,
    CASE WHEN t6_ok THEN NULL WHEN v25 IS NULL THEN 2 WHEN NOT ((v25 >= 5935.00 AND v25 <= 10469.00)) THEN 0 ELSE 1 END AS t6_r2,
    CASE WHEN t6_ok THEN NULL WHEN v25 IS NULL THEN 2 WHEN NOT ((v25 >= 10469.01 AND v25 <= 14245.00)) THEN 0 ELSE 1 END AS t6_r3,
    CASE WHEN t6_ok THEN NULL WHEN v25 IS NULL THEN 2 WHEN NOT ((v25 >= 14245.01 AND v25 <= 10000000000000.00)) THEN 0 ELSE 1 END AS t6_r4
  FROM t6a
),
t6b AS (
  SELECT
    *,
    CASE WHEN t6_ver = 1 THEN CASE WHEN t6_ok THEN CASE WHEN (v25 >= 0.00 AND v25 <= 5934.99) THEN 1 WHEN (v25 >= 5935.00 AND v25 <= 10469.00) THEN 2 WHEN (v25 >= 10469.01 AND v25 <= 14245.00) THEN 3 WHEN (v25 >= 14245.01 AND v25 <= 10000000000000.00) THEN 4 END ELSE CASE WHEN t6_r1 = 1 THEN 1 WHEN t6_r2 = 1 THEN 2 WHEN t6_r3 = 1 THEN 3 WHEN t6_r4 = 1 THEN 4 END END END AS t6_hit
  FROM t6r
),
t6s AS (
  SELECT
    *,
    CASE WHEN e6 IS NOT NULL THEN e6 WHEN t6_ver IS NULL THEN 52 WHEN t6_ok THEN CASE WHEN t6_ver = 1 THEN CASE WHEN t6_hit IS NULL THEN 53 END END WHEN t6_ver = 1 THEN COALESCE(CASE CASE WHEN t6_r1 >= 2 THEN t6_r1 WHEN t6_r2 >= 2 THEN t6_r2 WHEN t6_r3 >= 2 THEN t6_r3 WHEN t6_r4 >= 2 THEN t6_r4 END WHEN 2 THEN COALESCE(e26, CASE WHEN v25 IS NULL THEN 55 END) END, CASE WHEN NOT (t6_r1 = 1 OR t6_r2 = 1 OR t6_r3 = 1 OR t6_r4 = 1) THEN 53 WHEN CASE WHEN t6_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t6_r2 = 1 THEN 1 ELSE 0 END + CASE WHEN t6_r3 = 1 THEN 1 ELSE 0 END + CASE WHEN t6_r4 = 1 THEN 1 ELSE 0 END >= 2 THEN 54 END) END AS t6_sel
  FROM t6b
),
t6c AS (
  SELECT
    *,
    CASE WHEN t6_hit = 1 THEN CAST(200 AS DECIMAL(38, 0)) WHEN t6_hit = 2 THEN CAST(450 AS DECIMAL(38, 0)) WHEN t6_hit = 3 THEN CAST(650 AS DECIMAL(38, 0)) WHEN t6_hit = 4 THEN CAST(750 AS DECIMAL(38, 0)) END AS v39,
    t6_sel AS e40,
    CASE WHEN t6_hit BETWEEN 1 AND 4 THEN 'LAS §§ 35–40 a / integrationsloven' END AS c6,
    CASE WHEN t6_hit = 1 THEN 'Sanktionssats_SH_O@2024/s1' WHEN t6_hit = 2 THEN 'Sanktionssats_SH_O@2024/s2' WHEN t6_hit = 3 THEN 'Sanktionssats_SH_O@2024/s3' WHEN t6_hit = 4 THEN 'Sanktionssats_SH_O@2024/s4' END AS f6
  FROM t6s
),
-- Tabel Satsvalg (politik unik)
--   regel v1: sanktion ingen
--   regel v2: sanktion fradrag, ordning jobafklaringsforløb
--   regel v3: sanktion fradrag, ordning ressourceforløb, uarbejdsdygtighed 100 %
--   regel v4: sanktion nedsættelse, ordning jobafklaringsforløb
--   regel v5: sanktion nedsættelse, ordning ressourceforløb, uarbejdsdygtighed 100 %
--   regel v6: sanktion fradrag, ordning sh_o_ydelse, uarbejdsdygtighed 100 %
--   regel v7: sanktion nedsættelse, ordning sh_o_ydelse, uarbejdsdygtighed 100 %
--   regel v8: sanktion fradrag, nedsættelse, ordning ressourceforløb, sh_o_ydelse, uarbejdsdygtighed ikke 100 %
t7a AS (
  SELECT
    *,
    1 AS t7_ver,
    (e36 IS NULL AND v35 IS NOT NULL) AND v1 IS NOT NULL AND v23 IS NOT NULL AS t7_ok
  FROM t6c
),
t7r AS (
  SELECT
    *,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'ingen') THEN 0 ELSE 1 END AS t7_r1,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'fradrag') THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 ELSE 1 END AS t7_r2,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'fradrag') THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v23 IS NULL THEN 4 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t7_r3,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'nedsættelse') THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'jobafklaringsforløb') THEN 0 ELSE 1 END AS t7_r4,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'nedsættelse') THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'ressourceforløb') THEN 0 WHEN v23 IS NULL THEN 4 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t7_r5,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'fradrag') THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v23 IS NULL THEN 4 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t7_r6,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'nedsættelse') THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 WHEN v23 IS NULL THEN 4 WHEN NOT (v23 = 100) THEN 0 ELSE 1 END AS t7_r7,
    CASE WHEN t7_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 IN ('fradrag', 'nedsættelse')) THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 IN ('ressourceforløb', 'sh_o_ydelse')) THEN 0 WHEN v23 IS NULL THEN 4 WHEN NOT ((v23 >= 0 AND v23 <= 99)) THEN 0 ELSE 1 END AS t7_r8
  FROM t7a
),
t7b AS (
  SELECT
    *,
    CASE WHEN t7_ver = 1 THEN CASE WHEN t7_ok THEN CASE WHEN v35 = 'ingen' THEN 1 WHEN v35 = 'fradrag' AND v1 = 'jobafklaringsforløb' THEN 2 WHEN v35 = 'fradrag' AND v1 = 'ressourceforløb' AND v23 = 100 THEN 3 WHEN v35 = 'nedsættelse' AND v1 = 'jobafklaringsforløb' THEN 4 WHEN v35 = 'nedsættelse' AND v1 = 'ressourceforløb' AND v23 = 100 THEN 5 WHEN v35 = 'fradrag' AND v1 = 'sh_o_ydelse' AND v23 = 100 THEN 6 WHEN v35 = 'nedsættelse' AND v1 = 'sh_o_ydelse' AND v23 = 100 THEN 7 WHEN v35 IN ('fradrag', 'nedsættelse') AND v1 IN ('ressourceforløb', 'sh_o_ydelse') AND (v23 >= 0 AND v23 <= 99) THEN 8 END ELSE CASE WHEN t7_r1 = 1 THEN 1 WHEN t7_r2 = 1 THEN 2 WHEN t7_r3 = 1 THEN 3 WHEN t7_r4 = 1 THEN 4 WHEN t7_r5 = 1 THEN 5 WHEN t7_r6 = 1 THEN 6 WHEN t7_r7 = 1 THEN 7 WHEN t7_r8 = 1 THEN 8 END END END AS t7_hit
  FROM t7r
),
t7s AS (
  SELECT
    *,
    CASE WHEN t7_ok THEN CASE WHEN t7_ver = 1 THEN CASE WHEN t7_hit IS NULL THEN 56 END END WHEN t7_ver = 1 THEN COALESCE(CASE CASE WHEN t7_r1 >= 2 THEN t7_r1 WHEN t7_r2 >= 2 THEN t7_r2 WHEN t7_r3 >= 2 THEN t7_r3 WHEN t7_r4 >= 2 THEN t7_r4 WHEN t7_r5 >= 2 THEN t7_r5 WHEN t7_r6 >= 2 THEN t7_r6 WHEN t7_r7 >= 2 THEN t7_r7 WHEN t7_r8 >= 2 THEN t7_r8 END WHEN 2 THEN COALESCE(e36, CASE WHEN v35 IS NULL THEN 51 END) WHEN 3 THEN COALESCE(e2, CASE WHEN v1 IS NULL THEN 42 END) WHEN 4 THEN COALESCE(e24, CASE WHEN v23 IS NULL THEN 27 END) END, CASE WHEN NOT (t7_r1 = 1 OR t7_r2 = 1 OR t7_r3 = 1 OR t7_r4 = 1 OR t7_r5 = 1 OR t7_r6 = 1 OR t7_r7 = 1 OR t7_r8 = 1) THEN 56 WHEN CASE WHEN t7_r1 = 1 THEN 1 ELSE 0 END + CASE WHEN t7_r2 = 1 OR t7_r3 = 1 THEN 1 ELSE 0 END + CASE WHEN t7_r4 = 1 OR t7_r5 = 1 THEN 1 ELSE 0 END + CASE WHEN t7_r6 = 1 THEN 1 ELSE 0 END + CASE WHEN t7_r7 = 1 THEN 1 ELSE 0 END + CASE WHEN t7_r8 = 1 THEN 1 ELSE 0 END >= 2 THEN 57 END) END AS t7_sel
  FROM t7b
),
t7c AS (
  SELECT
    *,
    CASE WHEN t7_hit = 1 THEN CAST(0 AS DECIMAL(38, 0)) WHEN t7_hit BETWEEN 2 AND 3 THEN CAST(v31 AS DECIMAL(38, 0)) WHEN t7_hit BETWEEN 4 AND 5 THEN CAST(v33 AS DECIMAL(38, 0)) WHEN t7_hit BETWEEN 6 AND 7 THEN CAST(v39 AS DECIMAL(38, 0)) WHEN t7_hit = 8 THEN CAST(NULL AS DECIMAL(38, 0)) END AS v41,
    COALESCE(t7_sel, CASE WHEN t7_hit BETWEEN 2 AND 3 THEN e32 WHEN t7_hit BETWEEN 4 AND 5 THEN e34 WHEN t7_hit BETWEEN 6 AND 7 THEN e40 WHEN t7_hit = 8 THEN 58 END) AS e42,
    CASE WHEN t7_hit = 1 THEN CAST(0 AS DECIMAL(38, 0)) WHEN t7_hit BETWEEN 2 AND 3 THEN CAST(CAST(v31 AS DECIMAL(38, 0)) * CAST(v7 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) WHEN t7_hit BETWEEN 4 AND 5 THEN CAST(v33 AS DECIMAL(38, 0)) WHEN t7_hit = 6 THEN CAST(CAST(v39 AS DECIMAL(38, 0)) * CAST(v7 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) WHEN t7_hit = 7 THEN CAST(CAST(3 AS DECIMAL(38, 0)) * CAST(v39 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) WHEN t7_hit = 8 THEN CAST(NULL AS DECIMAL(38, 0)) END AS v43,
    COALESCE(t7_sel, CASE WHEN t7_hit BETWEEN 2 AND 3 THEN COALESCE(COALESCE(e32, CASE WHEN v31 IS NULL THEN 59 END), COALESCE(e8, CASE WHEN v7 IS NULL THEN 60 END)) WHEN t7_hit BETWEEN 4 AND 5 THEN e34 WHEN t7_hit = 6 THEN COALESCE(COALESCE(e40, CASE WHEN v39 IS NULL THEN 61 END), COALESCE(e8, CASE WHEN v7 IS NULL THEN 60 END)) WHEN t7_hit = 7 THEN COALESCE(e40, CASE WHEN v39 IS NULL THEN 61 END) WHEN t7_hit = 8 THEN 62 END) AS e44,
    CASE WHEN t7_hit = 1 THEN 'Ingen sanktion, ingen sats' WHEN t7_hit BETWEEN 2 AND 3 THEN c2 WHEN t7_hit BETWEEN 4 AND 5 THEN c3 WHEN t7_hit BETWEEN 6 AND 7 THEN c6 WHEN t7_hit = 8 THEN NULL END AS v45,
    COALESCE(t7_sel, CASE WHEN t7_hit BETWEEN 2 AND 3 THEN t2_sel WHEN t7_hit BETWEEN 4 AND 5 THEN t3_sel WHEN t7_hit BETWEEN 6 AND 7 THEN t6_sel WHEN t7_hit = 8 THEN 63 END) AS e46,
    CASE WHEN t7_hit = 1 THEN 'Sanktionsformens hjemmel (ingen sanktion, ingen sats)' WHEN t7_hit = 2 THEN 'LAS §§ 69 m og 69 n' WHEN t7_hit = 3 THEN 'LAS §§ 69 b og 69 c' WHEN t7_hit = 4 THEN 'LAS § 69 o' WHEN t7_hit = 5 THEN 'LAS § 69 d' WHEN t7_hit BETWEEN 6 AND 7 THEN 'LAS §§ 35–40 a / integrationsloven' WHEN t7_hit = 8 THEN '001 afsnit 2.4 og 2.5 (satser ved nedsat uarbejdsdygtighed)' END AS c7,
    CASE WHEN t7_hit = 1 THEN 'Satsvalg/v1' WHEN t7_hit = 2 THEN 'Satsvalg/v2' WHEN t7_hit = 3 THEN 'Satsvalg/v3' WHEN t7_hit = 4 THEN 'Satsvalg/v4' WHEN t7_hit = 5 THEN 'Satsvalg/v5' WHEN t7_hit = 6 THEN 'Satsvalg/v6' WHEN t7_hit = 7 THEN 'Satsvalg/v7' WHEN t7_hit = 8 THEN 'Satsvalg/v8' END AS f7
  FROM t7s
),
-- Tabel Skærpet_rådighedssanktion (politik unik), hjemmel LAS §§ 35–40 a / integrationsloven
--   regel k1: sanktion ingen
--   regel k2: sanktion fradrag, nedsættelse, ordning sh_o_ydelse
--   regel k3: sanktion fradrag, nedsættelse, ordning ressourceforløb, jobafklaringsforløb
t8a AS (
  SELECT
    *,
    1 AS t8_ver,
    (e36 IS NULL AND v35 IS NOT NULL) AND v1 IS NOT NULL AS t8_ok
  FROM t7c
),
t8r AS (
  SELECT
    *,
    CASE WHEN t8_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 = 'ingen') THEN 0 ELSE 1 END AS t8_r1,
    CASE WHEN t8_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 IN ('fradrag', 'nedsættelse')) THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 = 'sh_o_ydelse') THEN 0 ELSE 1 END AS t8_r2,
    CASE WHEN t8_ok THEN NULL WHEN (e36 IS NOT NULL OR v35 IS NULL) THEN 2 WHEN NOT (v35 IN ('fradrag', 'nedsættelse')) THEN 0 WHEN v1 IS NULL THEN 3 WHEN NOT (v1 IN ('ressourceforløb', 'jobafklaringsforløb')) THEN 0 ELSE 1 END AS t8_r3
  FROM t8a
),
t8b AS (
  SELECT
    *,
    CASE WHEN t8_ver = 1 THEN CASE WHEN t8_ok THEN CASE WHEN v35 = 'ingen' THEN 1 WHEN v35 IN ('fradrag', 'nedsættelse') AND v1 = 'sh_o_ydelse' THEN 2 WHEN v35 IN ('fradrag', 'nedsættelse') AND v1 IN ('ressourceforløb', 'jobafklaringsforløb') THEN 3 END ELSE CASE WHEN t8_r1 = 1 THEN 1 WHEN t8_r2 = 1 THEN 2 WHEN t8_r3 = 1 THEN 3 END END END AS t8_hit
  FROM t8r
),
t8s AS (
  SELECT
    *,
    CASE WHEN t8_ok THEN CASE WHEN t8_ver = 1 THEN CASE WHEN t8_hit IS NULL THEN 64 END END WHEN t8_ver = 1 THEN COALESCE(CASE CASE WHEN t8_r1 >= 2 THEN t8_r1 WHEN t8_r2 >= 2 THEN t8_r2 WHEN t8_r3 >= 2 THEN t8_r3 END WHEN 2 THEN COALESCE(e36, CASE WHEN v35 IS NULL THEN 51 END) WHEN 3 THEN COALESCE(e2, CASE WHEN v1 IS NULL THEN 42 END) END, CASE WHEN NOT (t8_r1 = 1 OR t8_r2 = 1 OR t8_r3 = 1) THEN 64 WHEN CASE WHEN t8_r1 = 1 OR t8_r3 = 1 THEN 1 ELSE 0 END + CASE WHEN t8_r2 = 1 THEN 1 ELSE 0 END >= 2 THEN 65 END) END AS t8_sel
  FROM t8b
),
t8c AS (
  SELECT
    *,
    CASE WHEN (t8_hit = 1 OR t8_hit = 3) THEN FALSE WHEN t8_hit = 2 THEN TRUE END AS v47,
    t8_sel AS e48,
    CASE WHEN t8_hit BETWEEN 1 AND 2 THEN 'LAS §§ 35–40 a / integrationsloven' WHEN t8_hit = 3 THEN '000 og 001 beskriver ikke en skærpet rådighedssanktion' END AS c8,
    CASE WHEN t8_hit = 1 THEN 'Skærpet_rådighedssanktion/k1' WHEN t8_hit = 2 THEN 'Skærpet_rådighedssanktion/k2' WHEN t8_hit = 3 THEN 'Skærpet_rådighedssanktion/k3' END AS f8
  FROM t8s
),
-- Beslutningens fejl: den første post, der ikke kan afgøres.
afgoerelse AS (
  SELECT
    *,
    COALESCE(gyldig, e36, e42, e44, t4_sel, e46, e38, e48) AS fejl_
  FROM t8c
),
-- Cifrene i de tal, som afvisningerne nævner (kun for de afviste sager).
cifre AS (
  SELECT
    *,
    CASE WHEN fejl_ = 6 THEN RIGHT('                                       ' || CAST(ABS(CAST("dage" AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n1,
    CASE WHEN fejl_ BETWEEN 9 AND 10 THEN RIGHT('                                       ' || CAST(ABS(CAST("alder" AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n2,
    CASE WHEN fejl_ BETWEEN 12 AND 13 THEN RIGHT('                                       ' || CAST(ABS(CAST("uarbejdsdygtighed" AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n3,
    CASE WHEN fejl_ = 15 THEN RIGHT('                                       ' || CAST(CAST(FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2)))) AS DECIMAL(38, 0)) AS VARCHAR), 39) END AS n4,
    CASE WHEN fejl_ = 17 THEN RIGHT('                                       ' || CAST(ABS(CAST(v17 AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n5,
    CASE WHEN (fejl_ BETWEEN 23 AND 25 OR fejl_ BETWEEN 28 AND 30 OR fejl_ BETWEEN 32 AND 37 OR fejl_ BETWEEN 56 AND 58 OR fejl_ BETWEEN 62 AND 63) THEN RIGHT('                                       ' || CAST(ABS(CAST(v23 AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n6,
    CASE WHEN fejl_ BETWEEN 53 AND 54 THEN RIGHT('                                       ' || CAST(CAST(FLOOR(ABS(CAST(v25 AS DECIMAL(38, 2)))) AS DECIMAL(38, 0)) AS VARCHAR), 39) END AS n7
  FROM afgoerelse
),
-- Værdierne, som afvisningerne nævner, på dansk (kun for de afviste sager).
visning AS (
  SELECT
    *,
    CASE WHEN fejl_ = 6 THEN CASE WHEN CAST("dage" AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n1, 1, 3) || '.' || SUBSTRING(n1, 4, 3) || '.' || SUBSTRING(n1, 7, 3) || '.' || SUBSTRING(n1, 10, 3) || '.' || SUBSTRING(n1, 13, 3) || '.' || SUBSTRING(n1, 16, 3) || '.' || SUBSTRING(n1, 19, 3) || '.' || SUBSTRING(n1, 22, 3) || '.' || SUBSTRING(n1, 25, 3) || '.' || SUBSTRING(n1, 28, 3) || '.' || SUBSTRING(n1, 31, 3) || '.' || SUBSTRING(n1, 34, 3) || '.' || SUBSTRING(n1, 37, 3), ' .', '')) END AS d1,
    CASE WHEN fejl_ BETWEEN 9 AND 10 THEN CASE WHEN CAST("alder" AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n2, 1, 3) || '.' || SUBSTRING(n2, 4, 3) || '.' || SUBSTRING(n2, 7, 3) || '.' || SUBSTRING(n2, 10, 3) || '.' || SUBSTRING(n2, 13, 3) || '.' || SUBSTRING(n2, 16, 3) || '.' || SUBSTRING(n2, 19, 3) || '.' || SUBSTRING(n2, 22, 3) || '.' || SUBSTRING(n2, 25, 3) || '.' || SUBSTRING(n2, 28, 3) || '.' || SUBSTRING(n2, 31, 3) || '.' || SUBSTRING(n2, 34, 3) || '.' || SUBSTRING(n2, 37, 3), ' .', '')) END AS d2,
    CASE WHEN fejl_ BETWEEN 12 AND 13 THEN CASE WHEN CAST("uarbejdsdygtighed" AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n3, 1, 3) || '.' || SUBSTRING(n3, 4, 3) || '.' || SUBSTRING(n3, 7, 3) || '.' || SUBSTRING(n3, 10, 3) || '.' || SUBSTRING(n3, 13, 3) || '.' || SUBSTRING(n3, 16, 3) || '.' || SUBSTRING(n3, 19, 3) || '.' || SUBSTRING(n3, 22, 3) || '.' || SUBSTRING(n3, 25, 3) || '.' || SUBSTRING(n3, 28, 3) || '.' || SUBSTRING(n3, 31, 3) || '.' || SUBSTRING(n3, 34, 3) || '.' || SUBSTRING(n3, 37, 3), ' .', '')) || ' %' END AS d3,
    CASE WHEN fejl_ = 15 THEN CASE WHEN CAST("månedlig_ydelse" AS DECIMAL(38, 2)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n4, 1, 3) || '.' || SUBSTRING(n4, 4, 3) || '.' || SUBSTRING(n4, 7, 3) || '.' || SUBSTRING(n4, 10, 3) || '.' || SUBSTRING(n4, 13, 3) || '.' || SUBSTRING(n4, 16, 3) || '.' || SUBSTRING(n4, 19, 3) || '.' || SUBSTRING(n4, 22, 3) || '.' || SUBSTRING(n4, 25, 3) || '.' || SUBSTRING(n4, 28, 3) || '.' || SUBSTRING(n4, 31, 3) || '.' || SUBSTRING(n4, 34, 3) || '.' || SUBSTRING(n4, 37, 3), ' .', '')) || CASE WHEN (ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) = 0 THEN '' WHEN (ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 10 = FLOOR((ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 10) THEN ',' || LEFT(RIGHT('00' || CAST(CAST((ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2), 2) ELSE ',' || RIGHT('00' || CAST(CAST((ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2) END || ' kr' END AS d4,
    CASE WHEN fejl_ = 17 THEN CASE WHEN CAST(v17 AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n5, 1, 3) || '.' || SUBSTRING(n5, 4, 3) || '.' || SUBSTRING(n5, 7, 3) || '.' || SUBSTRING(n5, 10, 3) || '.' || SUBSTRING(n5, 13, 3) || '.' || SUBSTRING(n5, 16, 3) || '.' || SUBSTRING(n5, 19, 3) || '.' || SUBSTRING(n5, 22, 3) || '.' || SUBSTRING(n5, 25, 3) || '.' || SUBSTRING(n5, 28, 3) || '.' || SUBSTRING(n5, 31, 3) || '.' || SUBSTRING(n5, 34, 3) || '.' || SUBSTRING(n5, 37, 3), ' .', '')) END AS d5,
    CASE WHEN (fejl_ BETWEEN 23 AND 25 OR fejl_ BETWEEN 28 AND 30 OR fejl_ BETWEEN 32 AND 37 OR fejl_ BETWEEN 56 AND 58 OR fejl_ BETWEEN 62 AND 63) THEN CASE WHEN CAST(v23 AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n6, 1, 3) || '.' || SUBSTRING(n6, 4, 3) || '.' || SUBSTRING(n6, 7, 3) || '.' || SUBSTRING(n6, 10, 3) || '.' || SUBSTRING(n6, 13, 3) || '.' || SUBSTRING(n6, 16, 3) || '.' || SUBSTRING(n6, 19, 3) || '.' || SUBSTRING(n6, 22, 3) || '.' || SUBSTRING(n6, 25, 3) || '.' || SUBSTRING(n6, 28, 3) || '.' || SUBSTRING(n6, 31, 3) || '.' || SUBSTRING(n6, 34, 3) || '.' || SUBSTRING(n6, 37, 3), ' .', '')) || ' %' END AS d6,
    CASE WHEN fejl_ BETWEEN 53 AND 54 THEN CASE WHEN CAST(v25 AS DECIMAL(38, 2)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n7, 1, 3) || '.' || SUBSTRING(n7, 4, 3) || '.' || SUBSTRING(n7, 7, 3) || '.' || SUBSTRING(n7, 10, 3) || '.' || SUBSTRING(n7, 13, 3) || '.' || SUBSTRING(n7, 16, 3) || '.' || SUBSTRING(n7, 19, 3) || '.' || SUBSTRING(n7, 22, 3) || '.' || SUBSTRING(n7, 25, 3) || '.' || SUBSTRING(n7, 28, 3) || '.' || SUBSTRING(n7, 31, 3) || '.' || SUBSTRING(n7, 34, 3) || '.' || SUBSTRING(n7, 37, 3), ' .', '')) || CASE WHEN (ABS(CAST(v25 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v25 AS DECIMAL(38, 2))))) = 0 THEN '' WHEN (ABS(CAST(v25 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v25 AS DECIMAL(38, 2))))) * 10 = FLOOR((ABS(CAST(v25 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v25 AS DECIMAL(38, 2))))) * 10) THEN ',' || LEFT(RIGHT('00' || CAST(CAST((ABS(CAST(v25 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v25 AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2), 2) ELSE ',' || RIGHT('00' || CAST(CAST((ABS(CAST(v25 AS DECIMAL(38, 2))) - FLOOR(ABS(CAST(v25 AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2) END || ' kr' END AS d7
  FROM cifre
),
-- Sagens oplysninger og reglerne, som afvisningerne nævner (kun for de afviste sager).
tekster AS (
  SELECT
    *,
    CASE WHEN fejl_ = 17 THEN SUBSTRING(CASE WHEN v15 IS NOT NULL THEN ', forsørger = ' || CASE WHEN v15 THEN 'ja' ELSE 'nej' END ELSE '' END || CASE WHEN v17 IS NOT NULL THEN ', alder = ' || d5 ELSE '' END || CASE WHEN v19 IS NOT NULL THEN ', hjemmeboende = ' || CASE WHEN v19 THEN 'ja' ELSE 'nej' END ELSE '' END || CASE WHEN v21 IS NOT NULL THEN ', bidragspligt = ' || CASE WHEN v21 THEN 'ja' ELSE 'nej' END ELSE '' END, 3, 100000) END AS l1,
    CASE WHEN (fejl_ BETWEEN 23 AND 25 OR fejl_ BETWEEN 28 AND 30 OR fejl_ BETWEEN 32 AND 37) THEN SUBSTRING(CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) THEN ', målgruppe = ' || v29 ELSE '' END || CASE WHEN v23 IS NOT NULL THEN ', uarbejdsdygtighed = ' || d6 ELSE '' END, 3, 100000) END AS l2,
    CASE WHEN fejl_ = 25 THEN SUBSTRING(CASE WHEN CASE WHEN t2_ok THEN v29 = 'forsørger' AND v23 = 100 ELSE t2_r1 = 1 END THEN ' og f100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'ikke_forsørger' AND v23 = 100 ELSE t2_r2 = 1 END THEN ' og i100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 100 ELSE t2_r3 = 1 END THEN ' og u100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 100 ELSE t2_r4 = 1 END THEN ' og b100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN (v23 >= 0 AND v23 <= 99) ELSE t2_r5 = 1 END THEN ' og andre' ELSE '' END, 5, 100000) END AS l3,
    CASE WHEN fejl_ = 28 THEN SUBSTRING(CASE WHEN CASE WHEN t2_ok THEN v29 = 'forsørger' AND v23 = 100 ELSE t2_r6 = 1 END THEN ' og f100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'forsørger' AND v23 = 75 ELSE t2_r7 = 1 END THEN ' og f75' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'forsørger' AND v23 = 50 ELSE t2_r8 = 1 END THEN ' og f50' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'ikke_forsørger' AND v23 = 100 ELSE t2_r9 = 1 END THEN ' og i100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'ikke_forsørger' AND v23 = 75 ELSE t2_r10 = 1 END THEN ' og i75' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'ikke_forsørger' AND v23 = 50 ELSE t2_r11 = 1 END THEN ' og i50' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 100 ELSE t2_r12 = 1 END THEN ' og u100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 75 ELSE t2_r13 = 1 END THEN ' og u75' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 50 ELSE t2_r14 = 1 END THEN ' og u50' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 100 ELSE t2_r15 = 1 END THEN ' og b100' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 75 ELSE t2_r16 = 1 END THEN ' og b75' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 50 ELSE t2_r17 = 1 END THEN ' og b50' ELSE '' END || CASE WHEN CASE WHEN t2_ok THEN (((v23 >= 0 AND v23 <= 49) OR (v23 >= 51 AND v23 <= 74) OR (v23 >= 76 AND v23 <= 99))) ELSE t2_r18 = 1 END THEN ' og andre' ELSE '' END, 5, 100000) END AS l4,
    CASE WHEN fejl_ = 34 THEN SUBSTRING(CASE WHEN CASE WHEN t3_ok THEN v29 = 'forsørger' AND v23 = 100 ELSE t3_r1 = 1 END THEN ' og f100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'ikke_forsørger' AND v23 = 100 ELSE t3_r2 = 1 END THEN ' og i100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 100 ELSE t3_r3 = 1 END THEN ' og u100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 100 ELSE t3_r4 = 1 END THEN ' og b100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN (v23 >= 0 AND v23 <= 99) ELSE t3_r5 = 1 END THEN ' og andre' ELSE '' END, 5, 100000) END AS l5,
    CASE WHEN fejl_ = 35 THEN SUBSTRING(CASE WHEN CASE WHEN t3_ok THEN v29 = 'forsørger' AND v23 = 100 ELSE t3_r6 = 1 END THEN ' og f100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'forsørger' AND v23 = 75 ELSE t3_r7 = 1 END THEN ' og f75' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'forsørger' AND v23 = 50 ELSE t3_r8 = 1 END THEN ' og f50' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'ikke_forsørger' AND v23 = 100 ELSE t3_r9 = 1 END THEN ' og i100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'ikke_forsørger' AND v23 = 75 ELSE t3_r10 = 1 END THEN ' og i75' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'ikke_forsørger' AND v23 = 50 ELSE t3_r11 = 1 END THEN ' og i50' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 100 ELSE t3_r12 = 1 END THEN ' og u100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 75 ELSE t3_r13 = 1 END THEN ' og u75' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_hjemmeboende' AND v23 = 50 ELSE t3_r14 = 1 END THEN ' og u50' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 100 ELSE t3_r15 = 1 END THEN ' og b100' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 75 ELSE t3_r16 = 1 END THEN ' og b75' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN v29 = 'under_25_bidragspligt' AND v23 = 50 ELSE t3_r17 = 1 END THEN ' og b50' ELSE '' END || CASE WHEN CASE WHEN t3_ok THEN (((v23 >= 0 AND v23 <= 49) OR (v23 >= 51 AND v23 <= 74) OR (v23 >= 76 AND v23 <= 99))) ELSE t3_r18 = 1 END THEN ' og andre' ELSE '' END, 5, 100000) END AS l6,
    CASE WHEN (fejl_ = 38 OR fejl_ BETWEEN 44 AND 49) THEN SUBSTRING(CASE WHEN v9 IS NOT NULL THEN ', rimelig_grund = ' || CASE WHEN v9 THEN 'ja' ELSE 'nej' END ELSE '' END || CASE WHEN v11 IS NOT NULL THEN ', barsel = ' || CASE WHEN v11 THEN 'ja' ELSE 'nej' END ELSE '' END || CASE WHEN v13 IS NOT NULL THEN ', fremmer_rådighed = ' || CASE WHEN v13 THEN 'ja' ELSE 'nej' END ELSE '' END || CASE WHEN v1 IS NOT NULL THEN ', ordning = ' || v1 ELSE '' END || CASE WHEN v3 IS NOT NULL THEN ', forseelse = ' || v3 ELSE '' END, 3, 100000) END AS l7,
    CASE WHEN fejl_ = 50 THEN SUBSTRING(CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) THEN ', sanktion = ' || v35 ELSE '' END || CASE WHEN v1 IS NOT NULL THEN ', ordning = ' || v1 ELSE '' END || CASE WHEN v3 IS NOT NULL THEN ', forseelse = ' || v3 ELSE '' END, 3, 100000) END AS l8,
    CASE WHEN fejl_ BETWEEN 53 AND 54 THEN SUBSTRING(CASE WHEN v25 IS NOT NULL THEN ', månedlig_ydelse = ' || d7 ELSE '' END, 3, 100000) END AS l9,
    CASE WHEN fejl_ = 54 THEN SUBSTRING(CASE WHEN CASE WHEN t6_ok THEN (v25 >= 0.00 AND v25 <= 5934.99) ELSE t6_r1 = 1 END THEN ' og s1' ELSE '' END || CASE WHEN CASE WHEN t6_ok THEN (v25 >= 5935.00 AND v25 <= 10469.00) ELSE t6_r2 = 1 END THEN ' og s2' ELSE '' END || CASE WHEN CASE WHEN t6_ok THEN (v25 >= 10469.01 AND v25 <= 14245.00) ELSE t6_r3 = 1 END THEN ' og s3' ELSE '' END || CASE WHEN CASE WHEN t6_ok THEN (v25 >= 14245.01 AND v25 <= 10000000000000.00) ELSE t6_r4 = 1 END THEN ' og s4' ELSE '' END, 5, 100000) END AS l10,
    CASE WHEN (fejl_ BETWEEN 56 AND 58 OR fejl_ BETWEEN 62 AND 63) THEN SUBSTRING(CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) THEN ', sanktion = ' || v35 ELSE '' END || CASE WHEN v1 IS NOT NULL THEN ', ordning = ' || v1 ELSE '' END || CASE WHEN v23 IS NOT NULL THEN ', uarbejdsdygtighed = ' || d6 ELSE '' END, 3, 100000) END AS l11,
    CASE WHEN fejl_ = 57 THEN SUBSTRING(CASE WHEN CASE WHEN t7_ok THEN v35 = 'ingen' ELSE t7_r1 = 1 END THEN ' og v1' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v35 = 'fradrag' AND v1 = 'jobafklaringsforløb' ELSE t7_r2 = 1 END THEN ' og v2' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v35 = 'fradrag' AND v1 = 'ressourceforløb' AND v23 = 100 ELSE t7_r3 = 1 END THEN ' og v3' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v35 = 'nedsættelse' AND v1 = 'jobafklaringsforløb' ELSE t7_r4 = 1 END THEN ' og v4' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v35 = 'nedsættelse' AND v1 = 'ressourceforløb' AND v23 = 100 ELSE t7_r5 = 1 END THEN ' og v5' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v35 = 'fradrag' AND v1 = 'sh_o_ydelse' AND v23 = 100 ELSE t7_r6 = 1 END THEN ' og v6' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v35 = 'nedsættelse' AND v1 = 'sh_o_ydelse' AND v23 = 100 ELSE t7_r7 = 1 END THEN ' og v7' ELSE '' END || CASE WHEN CASE WHEN t7_ok THEN v35 IN ('fradrag', 'nedsættelse') AND v1 IN ('ressourceforløb', 'sh_o_ydelse') AND (v23 >= 0 AND v23 <= 99) ELSE t7_r8 = 1 END THEN ' og v8' ELSE '' END, 5, 100000) END AS l12,
    CASE WHEN fejl_ BETWEEN 64 AND 65 THEN SUBSTRING(CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) THEN ', sanktion = ' || v35 ELSE '' END || CASE WHEN v1 IS NOT NULL THEN ', ordning = ' || v1 ELSE '' END, 3, 100000) END AS l13,
    CASE WHEN fejl_ = 65 THEN SUBSTRING(CASE WHEN CASE WHEN t8_ok THEN v35 = 'ingen' ELSE t8_r1 = 1 END THEN ' og k1' ELSE '' END || CASE WHEN CASE WHEN t8_ok THEN v35 IN ('fradrag', 'nedsættelse') AND v1 = 'sh_o_ydelse' ELSE t8_r2 = 1 END THEN ' og k2' ELSE '' END || CASE WHEN CASE WHEN t8_ok THEN v35 IN ('fradrag', 'nedsættelse') AND v1 IN ('ressourceforløb', 'jobafklaringsforløb') ELSE t8_r3 = 1 END THEN ' og k3' ELSE '' END, 5, 100000) END AS l14
  FROM visning
)
SELECT
  "rad_id" AS "rad_id",
  CASE WHEN fejl_ IS NULL THEN v35 END AS "sanktion",
  CASE WHEN fejl_ IS NULL THEN CAST(v41 AS DECIMAL(38, 0)) END AS "sats",
  CASE WHEN fejl_ IS NULL THEN CAST(v43 AS DECIMAL(38, 0)) END AS "beløb",
  CASE WHEN fejl_ IS NULL THEN c4 END AS "hjemmel",
  CASE WHEN fejl_ IS NULL THEN v45 END AS "satshjemmel",
  CASE WHEN fejl_ IS NULL THEN v37 END AS "ophør_mulig",
  CASE WHEN fejl_ IS NULL THEN v47 END AS "skærpet_rådighedssanktion_mulig",
  CASE WHEN fejl_ IS NULL THEN CONCAT_WS(', ', CASE WHEN t4_sel IS NULL THEN f4 END, CASE WHEN t7_sel IS NULL THEN f7 END, CASE WHEN t2_ver = 1 AND t7_hit = 2 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t2_ver = 2 AND t7_hit = 2 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t7_hit = 2 AND t7_sel IS NULL AND t2_sel IS NULL THEN f2 END, CASE WHEN t2_ver = 1 AND t7_hit = 3 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t2_ver = 2 AND t7_hit = 3 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t7_hit = 3 AND t7_sel IS NULL AND t2_sel IS NULL THEN f2 END, CASE WHEN t3_ver = 1 AND t7_hit = 4 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t3_ver = 2 AND t7_hit = 4 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t7_hit = 4 AND t7_sel IS NULL AND t3_sel IS NULL THEN f3 END, CASE WHEN t3_ver = 1 AND t7_hit = 5 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t3_ver = 2 AND t7_hit = 5 AND t7_sel IS NULL AND t1_sel IS NULL THEN f1 END, CASE WHEN t7_hit = 5 AND t7_sel IS NULL AND t3_sel IS NULL THEN f3 END, CASE WHEN t7_hit = 6 AND t7_sel IS NULL AND t6_sel IS NULL THEN f6 END, CASE WHEN t7_hit = 7 AND t7_sel IS NULL AND t6_sel IS NULL THEN f6 END, CASE WHEN t5_sel IS NULL THEN f5 END, CASE WHEN t8_sel IS NULL THEN f8 END) END AS "regler",
  CASE WHEN fejl_ IS NULL THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN fejl_ < 33 THEN CASE WHEN fejl_ < 17 THEN CASE WHEN fejl_ < 9 THEN CASE WHEN fejl_ < 5 THEN CASE WHEN fejl_ < 3 THEN CASE WHEN fejl_ < 2 THEN 'Sagen mangler feltet «ordning» (Ordningen, personen får ydelse efter), som er nødvendigt for at afgøre sagen.' ELSE '«' || "ordning" || '» er ikke en gyldig værdi for feltet «ordning». Mulige værdier: ressourceforløb, jobafklaringsforløb, sh_o_ydelse.' END ELSE CASE WHEN fejl_ < 4 THEN 'Sagen mangler feltet «forseelse» (Det, personen ikke har gjort), som er nødvendigt for at afgøre sagen.' ELSE '«' || "forseelse" || '» er ikke en gyldig værdi for feltet «forseelse». Mulige værdier: udeblevet_samtale, udeblevet_rådighedsvurdering, manglende_selvbooking, udeblevet_tilbud, afvist_tilbud, manglende_sygemelding, manglende_sygemelding_sygeopfølgning, ophør_arbejde, afvist_arbejde, undladt_jobsøgning, stop_uddannelse.' END END ELSE CASE WHEN fejl_ < 7 THEN CASE WHEN fejl_ < 6 THEN 'Sagen mangler feltet «dato» (Dagen for forseelsen; den vælger årets satser), som er nødvendigt for at afgøre sagen.' ELSE 'Feltet «dage» skal være mindst 1; fik ' || d1 || '.' END ELSE CASE WHEN fejl_ < 8 THEN 'Sagen mangler feltet «forsørger» (Personen har forsørgelsespligt over for børn), som er nødvendigt for at afgøre sagen.' ELSE 'Sagen mangler feltet «alder» (Personens alder på dagen for forseelsen), som er nødvendigt for at afgøre sagen.' END END END ELSE CASE WHEN fejl_ < 13 THEN CASE WHEN fejl_ < 11 THEN CASE WHEN fejl_ < 10 THEN 'Feltet «alder» skal være mindst 0; fik ' || d2 || '.' ELSE 'Feltet «alder» må højst være 130; fik ' || d2 || '.' END ELSE CASE WHEN fejl_ < 12 THEN 'Sagen mangler feltet «hjemmeboende» (Personen bor hos sine forældre), som er nødvendigt for at afgøre sagen.' ELSE 'Feltet «uarbejdsdygtighed» skal være mindst 0 %; fik ' || d3 || '.' END END ELSE CASE WHEN fejl_ < 15 THEN CASE WHEN fejl_ < 14 THEN 'Feltet «uarbejdsdygtighed» må højst være 100 %; fik ' || d3 || '.' ELSE 'Sagen mangler feltet «månedlig_ydelse» (Den månedlige SH- eller O-ydelse før skat (vælger sanktionssatsen)), som er nødvendigt for at afgøre sagen.' END ELSE CASE WHEN fejl_ < 16 THEN 'Feltet «månedlig_ydelse» skal være mindst 0 kr; fik ' || d4 || '.' ELSE 'Sagen mangler feltet «afgørelse_modtaget» (Dagen, hvor afgørelsen kom frem til personen), som er nødvendigt for at afgøre sagen.' END END END END ELSE CASE WHEN fejl_ < 25 THEN CASE WHEN fejl_ < 21 THEN CASE WHEN fejl_ < 19 THEN CASE WHEN fejl_ < 18 THEN CASE WHEN v15 IS NOT NULL OR v17 IS NOT NULL OR v19 IS NOT NULL OR v21 IS NOT NULL THEN 'Ingen regel i tabellen Målgruppeafgørelse passer på sagen (' || l1 || ').' ELSE 'Ingen regel i tabellen Målgruppeafgørelse passer på sagen.' END ELSE '«forsørger» har ingen værdi og kan derfor ikke afgøre en betingelse.' END ELSE CASE WHEN fejl_ < 20 THEN '«alder» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE '«hjemmeboende» har ingen værdi og kan derfor ikke afgøre en betingelse.' END END ELSE CASE WHEN fejl_ < 23 THEN CASE WHEN fejl_ < 22 THEN '«bidragspligt» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE 'Ingen version af tabellen Dagssats gælder den ' || CAST(v5 AS VARCHAR) || ' (der findes 2024-01-01–2024-12-31, 2025-01-01–2025-12-31).' END ELSE CASE WHEN fejl_ < 24 THEN CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Ingen regel i tabellen Dagssats version 2024 passer på sagen (' || l2 || ').' ELSE 'Ingen regel i tabellen Dagssats version 2024 passer på sagen.' END ELSE CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Ingen regel i tabellen Dagssats version 2025 passer på sagen (' || l2 || ').' ELSE 'Ingen regel i tabellen Dagssats version 2025 passer på sagen.' END END END END ELSE CASE WHEN fejl_ < 29 THEN CASE WHEN fejl_ < 27 THEN CASE WHEN fejl_ < 26 THEN CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Flere regler i tabellen Dagssats version 2024 passer på sagen og giver forskellige resultater: ' || l3 || ' (' || l2 || ').' ELSE 'Flere regler i tabellen Dagssats version 2024 passer på sagen og giver forskellige resultater: ' || l3 || '.' END ELSE '«målgruppe» har ingen værdi og kan derfor ikke afgøre en betingelse.' END ELSE CASE WHEN fejl_ < 28 THEN '«uarbejdsdygtighed» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Flere regler i tabellen Dagssats version 2025 passer på sagen og giver forskellige resultater: ' || l4 || ' (' || l2 || ').' ELSE 'Flere regler i tabellen Dagssats version 2025 passer på sagen og giver forskellige resultater: ' || l4 || '.' END END END ELSE CASE WHEN fejl_ < 31 THEN CASE WHEN fejl_ < 30 THEN CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Der er ingen sanktionssats pr. dag for 2024 ved anden uarbejdsdygtighed end 100 %; satser ved 75 % og 50 % findes kun for 2025 (tabellen Dagssats version 2024, regel andre; ' || l2 || ')' ELSE 'Der er ingen sanktionssats pr. dag for 2024 ved anden uarbejdsdygtighed end 100 %; satser ved 75 % og 50 % findes kun for 2025 (tabellen Dagssats version 2024, regel andre)' END ELSE CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Der er ingen sanktionssats pr. dag for 2025 ved denne uarbejdsdygtighed; satser findes kun ved 100 %, 75 % og 50 % (tabellen Dagssats version 2025, regel andre; ' || l2 || ')' ELSE 'Der er ingen sanktionssats pr. dag for 2025 ved denne uarbejdsdygtighed; satser findes kun ved 100 %, 75 % og 50 % (tabellen Dagssats version 2025, regel andre)' END END ELSE CASE WHEN fejl_ < 32 THEN 'Ingen version af tabellen Hændelsessats gælder den ' || CAST(v5 AS VARCHAR) || ' (der findes 2024-01-01–2024-12-31, 2025-01-01–2025-12-31).' ELSE CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Ingen regel i tabellen Hændelsessats version 2024 passer på sagen (' || l2 || ').' ELSE 'Ingen regel i tabellen Hændelsessats version 2024 passer på sagen.' END END END END END END ELSE CASE WHEN fejl_ < 49 THEN CASE WHEN fejl_ < 41 THEN CASE WHEN fejl_ < 37 THEN CASE WHEN fejl_ < 35 THEN CASE WHEN fejl_ < 34 THEN CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Ingen regel i tabellen Hændelsessats version 2025 passer på sagen (' || l2 || ').' ELSE 'Ingen regel i tabellen Hændelsessats version 2025 passer på sagen.' END ELSE CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Flere regler i tabellen Hændelsessats version 2024 passer på sagen og giver forskellige resultater: ' || l5 || ' (' || l2 || ').' ELSE 'Flere regler i tabellen Hændelsessats version 2024 passer på sagen og giver forskellige resultater: ' || l5 || '.' END END ELSE CASE WHEN fejl_ < 36 THEN CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Flere regler i tabellen Hændelsessats version 2025 passer på sagen og giver forskellige resultater: ' || l6 || ' (' || l2 || ').' ELSE 'Flere regler i tabellen Hændelsessats version 2025 passer på sagen og giver forskellige resultater: ' || l6 || '.' END ELSE CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Der er ingen sanktionssats pr. hændelse for 2024 ved anden uarbejdsdygtighed end 100 %; satser ved 75 % og 50 % findes kun for 2025 (tabellen Hændelsessats version 2024, regel andre; ' || l2 || ')' ELSE 'Der er ingen sanktionssats pr. hændelse for 2024 ved anden uarbejdsdygtighed end 100 %; satser ved 75 % og 50 % findes kun for 2025 (tabellen Hændelsessats version 2024, regel andre)' END END END ELSE CASE WHEN fejl_ < 39 THEN CASE WHEN fejl_ < 38 THEN CASE WHEN (e30 IS NULL AND v29 IS NOT NULL) OR v23 IS NOT NULL THEN 'Der er ingen sanktionssats pr. hændelse for 2025 ved denne uarbejdsdygtighed; satser findes kun ved 100 %, 75 % og 50 % (tabellen Hændelsessats version 2025, regel andre; ' || l2 || ')' ELSE 'Der er ingen sanktionssats pr. hændelse for 2025 ved denne uarbejdsdygtighed; satser findes kun ved 100 %, 75 % og 50 % (tabellen Hændelsessats version 2025, regel andre)' END ELSE CASE WHEN v9 IS NOT NULL OR v11 IS NOT NULL OR v13 IS NOT NULL OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Ingen regel i tabellen Sanktionsform passer på sagen (' || l7 || ').' ELSE 'Ingen regel i tabellen Sanktionsform passer på sagen.' END END ELSE CASE WHEN fejl_ < 40 THEN '«rimelig_grund» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE '«barsel» har ingen værdi og kan derfor ikke afgøre en betingelse.' END END END ELSE CASE WHEN fejl_ < 45 THEN CASE WHEN fejl_ < 43 THEN CASE WHEN fejl_ < 42 THEN '«fremmer_rådighed» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE '«ordning» har ingen værdi og kan derfor ikke afgøre en betingelse.' END ELSE CASE WHEN fejl_ < 44 THEN '«forseelse» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE CASE WHEN v9 IS NOT NULL OR v11 IS NOT NULL OR v13 IS NOT NULL OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Vejledningen om ressourceforløb (000) beskriver ikke manglende sygemelding til en samtale om sygeopfølgning som selvstændig forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel r5; ' || l7 || ')' ELSE 'Vejledningen om ressourceforløb (000) beskriver ikke manglende sygemelding til en samtale om sygeopfølgning som selvstændig forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel r5)' END END END ELSE CASE WHEN fejl_ < 47 THEN CASE WHEN fejl_ < 46 THEN CASE WHEN v9 IS NOT NULL OR v11 IS NOT NULL OR v13 IS NOT NULL OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Vejledningen om ressourceforløb (000) beskriver ikke stop på en uddannelse som forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel r6; ' || l7 || ')' ELSE 'Vejledningen om ressourceforløb (000) beskriver ikke stop på en uddannelse som forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel r6)' END ELSE CASE WHEN v9 IS NOT NULL OR v11 IS NOT NULL OR v13 IS NOT NULL OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Vejledningen om jobafklaringsforløb (001) beskriver ikke manglende sygemelding til en samtale om sygeopfølgning som selvstændig forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel j4; ' || l7 || ')' ELSE 'Vejledningen om jobafklaringsforløb (001) beskriver ikke manglende sygemelding til en samtale om sygeopfølgning som selvstændig forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel j4)' END END ELSE CASE WHEN fejl_ < 48 THEN CASE WHEN v9 IS NOT NULL OR v11 IS NOT NULL OR v13 IS NOT NULL OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Vejledningen om jobafklaringsforløb (001) beskriver ikke stop på en uddannelse som forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel j5; ' || l7 || ')' ELSE 'Vejledningen om jobafklaringsforløb (001) beskriver ikke stop på en uddannelse som forseelse; den findes kun for SH/O-ydelse (004) (tabellen Sanktionsform, regel j5)' END ELSE CASE WHEN v9 IS NOT NULL OR v11 IS NOT NULL OR v13 IS NOT NULL OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Vejledningen om SH/O-ydelse (004) siger, at man skal tage imod alle tilbud, men ikke om en afvisning giver fradrag eller nedsættelse (tabellen Sanktionsform, regel s7; ' || l7 || ')' ELSE 'Vejledningen om SH/O-ydelse (004) siger, at man skal tage imod alle tilbud, men ikke om en afvisning giver fradrag eller nedsættelse (tabellen Sanktionsform, regel s7)' END END END END END ELSE CASE WHEN fejl_ < 57 THEN CASE WHEN fejl_ < 53 THEN CASE WHEN fejl_ < 51 THEN CASE WHEN fejl_ < 50 THEN CASE WHEN v9 IS NOT NULL OR v11 IS NOT NULL OR v13 IS NOT NULL OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Vejledningen om SH/O-ydelse (004) siger, at man skal søge de job, man henvises til, men ikke om manglende jobsøgning giver fradrag eller nedsættelse (tabellen Sanktionsform, regel s8; ' || l7 || ')' ELSE 'Vejledningen om SH/O-ydelse (004) siger, at man skal søge de job, man henvises til, men ikke om manglende jobsøgning giver fradrag eller nedsættelse (tabellen Sanktionsform, regel s8)' END ELSE CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL OR v3 IS NOT NULL THEN 'Ingen regel i tabellen Ophør passer på sagen (' || l8 || ').' ELSE 'Ingen regel i tabellen Ophør passer på sagen.' END END ELSE CASE WHEN fejl_ < 52 THEN '«sanktion» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE 'Ingen version af tabellen Sanktionssats_SH_O gælder den ' || CAST(v5 AS VARCHAR) || ' (der findes 2024-01-01–2024-12-31).' END END ELSE CASE WHEN fejl_ < 55 THEN CASE WHEN fejl_ < 54 THEN CASE WHEN v25 IS NOT NULL THEN 'Ingen regel i tabellen Sanktionssats_SH_O version 2024 passer på sagen (' || l9 || ').' ELSE 'Ingen regel i tabellen Sanktionssats_SH_O version 2024 passer på sagen.' END ELSE CASE WHEN v25 IS NOT NULL THEN 'Flere regler i tabellen Sanktionssats_SH_O version 2024 passer på sagen og giver forskellige resultater: ' || l10 || ' (' || l9 || ').' ELSE 'Flere regler i tabellen Sanktionssats_SH_O version 2024 passer på sagen og giver forskellige resultater: ' || l10 || '.' END END ELSE CASE WHEN fejl_ < 56 THEN '«månedlig_ydelse» har ingen værdi og kan derfor ikke afgøre en betingelse.' ELSE CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL OR v23 IS NOT NULL THEN 'Ingen regel i tabellen Satsvalg passer på sagen (' || l11 || ').' ELSE 'Ingen regel i tabellen Satsvalg passer på sagen.' END END END END ELSE CASE WHEN fejl_ < 61 THEN CASE WHEN fejl_ < 59 THEN CASE WHEN fejl_ < 58 THEN CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL OR v23 IS NOT NULL THEN 'Flere regler i tabellen Satsvalg passer på sagen og giver forskellige resultater: ' || l12 || ' (' || l11 || ').' ELSE 'Flere regler i tabellen Satsvalg passer på sagen og giver forskellige resultater: ' || l12 || '.' END ELSE CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL OR v23 IS NOT NULL THEN 'Uarbejdsdygtighed under 100 % giver kun nedsatte satser i et jobafklaringsforløb (001); for ressourceforløb og SH/O-ydelse er der ingen sats (tabellen Satsvalg, regel v8; ' || l11 || ')' ELSE 'Uarbejdsdygtighed under 100 % giver kun nedsatte satser i et jobafklaringsforløb (001); for ressourceforløb og SH/O-ydelse er der ingen sats (tabellen Satsvalg, regel v8)' END END ELSE CASE WHEN fejl_ < 60 THEN '«dagssats» har ingen værdi, men bruges i en beregning.' ELSE '«dage» har ingen værdi, men bruges i en beregning.' END END ELSE CASE WHEN fejl_ < 63 THEN CASE WHEN fejl_ < 62 THEN '«sh_o_sats» har ingen værdi, men bruges i en beregning.' ELSE CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL OR v23 IS NOT NULL THEN 'Uarbejdsdygtighed under 100 % giver kun nedsatte satser i et jobafklaringsforløb (001); for ressourceforløb og SH/O-ydelse er der intet beløb (tabellen Satsvalg, regel v8; ' || l11 || ')' ELSE 'Uarbejdsdygtighed under 100 % giver kun nedsatte satser i et jobafklaringsforløb (001); for ressourceforløb og SH/O-ydelse er der intet beløb (tabellen Satsvalg, regel v8)' END END ELSE CASE WHEN fejl_ < 64 THEN CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL OR v23 IS NOT NULL THEN 'Uarbejdsdygtighed under 100 % bruges kun i jobafklaringsforløb (001) (tabellen Satsvalg, regel v8; ' || l11 || ')' ELSE 'Uarbejdsdygtighed under 100 % bruges kun i jobafklaringsforløb (001) (tabellen Satsvalg, regel v8)' END ELSE CASE WHEN fejl_ < 65 THEN CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL THEN 'Ingen regel i tabellen Skærpet_rådighedssanktion passer på sagen (' || l13 || ').' ELSE 'Ingen regel i tabellen Skærpet_rådighedssanktion passer på sagen.' END ELSE CASE WHEN (e36 IS NULL AND v35 IS NOT NULL) OR v1 IS NOT NULL THEN 'Flere regler i tabellen Skærpet_rådighedssanktion passer på sagen og giver forskellige resultater: ' || l14 || ' (' || l13 || ').' ELSE 'Flere regler i tabellen Skærpet_rådighedssanktion passer på sagen og giver forskellige resultater: ' || l14 || '.' END END END END END END END END END AS "fejl"
FROM tekster
ORDER BY rad_id;

-- ==== beslutning klagefrist ====
-- GENERERET AF regel: modul sanktion, beslutning klagefrist (Frist for at klage over en afgørelse).
-- Input: relationen sager med kolonnen rad_id og sagens felter
--   ordning VARCHAR
--   forseelse VARCHAR
--   dato DATE
--   dage BIGINT
--   rimelig_grund BOOLEAN
--   barsel BOOLEAN
--   fremmer_rådighed BOOLEAN
--   forsørger BOOLEAN
--   alder BIGINT
--   hjemmeboende BOOLEAN
--   bidragspligt BOOLEAN
--   uarbejdsdygtighed BIGINT
--   månedlig_ydelse DECIMAL(38, 2)
--   afgørelse_modtaget DATE
-- (NULL = feltet er ikke oplyst). Output: rad_id, beslutningens poster, regler og fejl.
WITH
-- Sagens felter: standardværdier og felter, der mangler.
felter AS (
  SELECT
    *,
    "ordning" AS v1,
    CASE WHEN "ordning" IS NULL THEN 1 END AS e2,
    "forseelse" AS v3,
    CASE WHEN "forseelse" IS NULL THEN 3 END AS e4,
    "dato" AS v5,
    CASE WHEN "dato" IS NULL THEN 5 END AS e6,
    CASE WHEN "dage" IS NULL THEN 1 ELSE "dage" END AS v7,
    CAST(NULL AS INTEGER) AS e8,
    CASE WHEN "rimelig_grund" IS NULL THEN FALSE ELSE "rimelig_grund" END AS v9,
    CAST(NULL AS INTEGER) AS e10,
    CASE WHEN "barsel" IS NULL THEN FALSE ELSE "barsel" END AS v11,
    CAST(NULL AS INTEGER) AS e12,
    CASE WHEN "fremmer_rådighed" IS NULL THEN TRUE ELSE "fremmer_rådighed" END AS v13,
    CAST(NULL AS INTEGER) AS e14,
    "forsørger" AS v15,
    CASE WHEN "forsørger" IS NULL THEN 7 END AS e16,
    "alder" AS v17,
    CASE WHEN "alder" IS NULL THEN 8 END AS e18,
    "hjemmeboende" AS v19,
    CASE WHEN "hjemmeboende" IS NULL THEN 11 END AS e20,
    CASE WHEN "bidragspligt" IS NULL THEN FALSE ELSE "bidragspligt" END AS v21,
    CAST(NULL AS INTEGER) AS e22,
    CASE WHEN "uarbejdsdygtighed" IS NULL THEN 100 ELSE "uarbejdsdygtighed" END AS v23,
    CAST(NULL AS INTEGER) AS e24,
    CAST("månedlig_ydelse" AS DECIMAL(38, 2)) AS v25,
    CASE WHEN "månedlig_ydelse" IS NULL THEN 14 END AS e26,
    "afgørelse_modtaget" AS v27,
    CASE WHEN "afgørelse_modtaget" IS NULL THEN 16 END AS e28,
    COALESCE(CASE WHEN NOT "ordning" IN ('ressourceforløb', 'jobafklaringsforløb', 'sh_o_ydelse') THEN 2 END, CASE WHEN NOT ("forseelse" = 'udeblevet_samtale' OR "forseelse" = 'udeblevet_rådighedsvurdering' OR "forseelse" = 'manglende_selvbooking' OR "forseelse" = 'udeblevet_tilbud' OR "forseelse" = 'afvist_tilbud' OR "forseelse" = 'manglende_sygemelding' OR "forseelse" = 'manglende_sygemelding_sygeopfølgning' OR "forseelse" = 'ophør_arbejde' OR "forseelse" = 'afvist_arbejde' OR "forseelse" = 'undladt_jobsøgning' OR "forseelse" = 'stop_uddannelse') THEN 4 END, CASE WHEN CAST("dage" AS DECIMAL(38, 0)) < CAST(1 AS DECIMAL(38, 0)) THEN 6 END, CASE WHEN CAST("alder" AS DECIMAL(38, 0)) < CAST(0 AS DECIMAL(38, 0)) THEN 9 WHEN CAST("alder" AS DECIMAL(38, 0)) > CAST(130 AS DECIMAL(38, 0)) THEN 10 END, CASE WHEN CAST("uarbejdsdygtighed" AS DECIMAL(38, 0)) < CAST(0 AS DECIMAL(38, 0)) THEN 12 WHEN CAST("uarbejdsdygtighed" AS DECIMAL(38, 0)) > CAST(100 AS DECIMAL(38, 0)) THEN 13 END, CASE WHEN CAST("månedlig_ydelse" AS DECIMAL(38, 2)) < CAST(0.00 AS DECIMAL(38, 2)) THEN 15 END) AS gyldig
  FROM sager
),
-- Tabel Klagefrist (politik unik), hjemmel LAS § 98
--   regel k1: altid
t1a AS (
  SELECT
    *,
    1 AS t1_ver,
    TRUE AS t1_ok
  FROM felter
),
t1r AS (
  SELECT
    *,
    CASE WHEN t1_ok THEN NULL ELSE 1 END AS t1_r1
  FROM t1a
),
t1b AS (
  SELECT
    *,
    CASE WHEN t1_ver = 1 THEN CASE WHEN t1_ok THEN CASE WHEN TRUE THEN 1 END ELSE CASE WHEN t1_r1 = 1 THEN 1 END END END AS t1_hit
  FROM t1r
),
t1s AS (
  SELECT
    *,
    CASE WHEN t1_ok THEN CASE WHEN t1_ver = 1 THEN CASE WHEN t1_hit IS NULL THEN 17 END END WHEN t1_ver = 1 THEN CASE WHEN NOT (t1_r1 = 1) THEN 17 END END AS t1_sel
  FROM t1b
),
t1c AS (
  SELECT
    *,
    CASE WHEN t1_hit = 1 THEN DATE '0001-01-01' + CAST(CAST(NULLIF(NULLIF(LEAST(GREATEST(DATE_DIFF('day', DATE '0001-01-01', v27) + CAST((CAST(7 * CAST(4 AS DECIMAL(38, 0)) AS DECIMAL(38, 0))) AS DECIMAL(38, 0)), -1), 3652059), -1), 3652059) AS BIGINT) AS INTEGER) END AS v29,
    COALESCE(t1_sel, CASE WHEN t1_hit = 1 THEN COALESCE(COALESCE(e28, CASE WHEN v27 IS NULL THEN 18 END), CASE WHEN NOT COALESCE(DATE_DIFF('day', DATE '0001-01-01', v27) + CAST((CAST(7 * CAST(4 AS DECIMAL(38, 0)) AS DECIMAL(38, 0))) AS DECIMAL(38, 0)) BETWEEN 0 AND 3652058, TRUE) THEN 19 END) END) AS e30,
    CASE WHEN t1_hit = 1 THEN 'Kommunen, som vurderer sagen igen. Fastholder kommunen afgørelsen, sender den klagen videre til Ankestyrelsen.' END AS v31,
    t1_sel AS e32,
    CASE WHEN t1_hit = 1 THEN 'LAS § 98' END AS c1,
    CASE WHEN t1_hit = 1 THEN 'Klagefrist/k1' END AS f1
  FROM t1s
),
-- Beslutningens fejl: den første post, der ikke kan afgøres.
afgoerelse AS (
  SELECT
    *,
    COALESCE(gyldig, e30, e32, t1_sel) AS fejl_
  FROM t1c
),
-- Cifrene i de tal, som afvisningerne nævner (kun for de afviste sager).
cifre AS (
  SELECT
    *,
    CASE WHEN fejl_ = 6 THEN RIGHT('                                       ' || CAST(ABS(CAST("dage" AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n1,
    CASE WHEN fejl_ BETWEEN 9 AND 10 THEN RIGHT('                                       ' || CAST(ABS(CAST("alder" AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n2,
    CASE WHEN fejl_ BETWEEN 12 AND 13 THEN RIGHT('                                       ' || CAST(ABS(CAST("uarbejdsdygtighed" AS DECIMAL(38, 0))) AS VARCHAR), 39) END AS n3,
    CASE WHEN fejl_ = 15 THEN RIGHT('                                       ' || CAST(CAST(FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2)))) AS DECIMAL(38, 0)) AS VARCHAR), 39) END AS n4
  FROM afgoerelse
),
-- Værdierne, som afvisningerne nævner, på dansk (kun for de afviste sager).
visning AS (
  SELECT
    *,
    CASE WHEN fejl_ = 6 THEN CASE WHEN CAST("dage" AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n1, 1, 3) || '.' || SUBSTRING(n1, 4, 3) || '.' || SUBSTRING(n1, 7, 3) || '.' || SUBSTRING(n1, 10, 3) || '.' || SUBSTRING(n1, 13, 3) || '.' || SUBSTRING(n1, 16, 3) || '.' || SUBSTRING(n1, 19, 3) || '.' || SUBSTRING(n1, 22, 3) || '.' || SUBSTRING(n1, 25, 3) || '.' || SUBSTRING(n1, 28, 3) || '.' || SUBSTRING(n1, 31, 3) || '.' || SUBSTRING(n1, 34, 3) || '.' || SUBSTRING(n1, 37, 3), ' .', '')) END AS d1,
    CASE WHEN fejl_ BETWEEN 9 AND 10 THEN CASE WHEN CAST("alder" AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n2, 1, 3) || '.' || SUBSTRING(n2, 4, 3) || '.' || SUBSTRING(n2, 7, 3) || '.' || SUBSTRING(n2, 10, 3) || '.' || SUBSTRING(n2, 13, 3) || '.' || SUBSTRING(n2, 16, 3) || '.' || SUBSTRING(n2, 19, 3) || '.' || SUBSTRING(n2, 22, 3) || '.' || SUBSTRING(n2, 25, 3) || '.' || SUBSTRING(n2, 28, 3) || '.' || SUBSTRING(n2, 31, 3) || '.' || SUBSTRING(n2, 34, 3) || '.' || SUBSTRING(n2, 37, 3), ' .', '')) END AS d2,
    CASE WHEN fejl_ BETWEEN 12 AND 13 THEN CASE WHEN CAST("uarbejdsdygtighed" AS DECIMAL(38, 0)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n3, 1, 3) || '.' || SUBSTRING(n3, 4, 3) || '.' || SUBSTRING(n3, 7, 3) || '.' || SUBSTRING(n3, 10, 3) || '.' || SUBSTRING(n3, 13, 3) || '.' || SUBSTRING(n3, 16, 3) || '.' || SUBSTRING(n3, 19, 3) || '.' || SUBSTRING(n3, 22, 3) || '.' || SUBSTRING(n3, 25, 3) || '.' || SUBSTRING(n3, 28, 3) || '.' || SUBSTRING(n3, 31, 3) || '.' || SUBSTRING(n3, 34, 3) || '.' || SUBSTRING(n3, 37, 3), ' .', '')) || ' %' END AS d3,
    CASE WHEN fejl_ = 15 THEN CASE WHEN CAST("månedlig_ydelse" AS DECIMAL(38, 2)) < 0 THEN '-' ELSE '' END || LTRIM(REPLACE(SUBSTRING(n4, 1, 3) || '.' || SUBSTRING(n4, 4, 3) || '.' || SUBSTRING(n4, 7, 3) || '.' || SUBSTRING(n4, 10, 3) || '.' || SUBSTRING(n4, 13, 3) || '.' || SUBSTRING(n4, 16, 3) || '.' || SUBSTRING(n4, 19, 3) || '.' || SUBSTRING(n4, 22, 3) || '.' || SUBSTRING(n4, 25, 3) || '.' || SUBSTRING(n4, 28, 3) || '.' || SUBSTRING(n4, 31, 3) || '.' || SUBSTRING(n4, 34, 3) || '.' || SUBSTRING(n4, 37, 3), ' .', '')) || CASE WHEN (ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) = 0 THEN '' WHEN (ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 10 = FLOOR((ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 10) THEN ',' || LEFT(RIGHT('00' || CAST(CAST((ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2), 2) ELSE ',' || RIGHT('00' || CAST(CAST((ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))) - FLOOR(ABS(CAST("månedlig_ydelse" AS DECIMAL(38, 2))))) * 100 AS BIGINT) AS VARCHAR), 2) END || ' kr' END AS d4
  FROM cifre
)
SELECT
  "rad_id" AS "rad_id",
  CASE WHEN fejl_ IS NULL THEN v29 END AS "sidste_klagedag",
  CASE WHEN fejl_ IS NULL THEN v31 END AS "klage_til",
  CASE WHEN fejl_ IS NULL THEN c1 END AS "hjemmel",
  CASE WHEN fejl_ IS NULL THEN CONCAT_WS(', ', CASE WHEN t1_sel IS NULL THEN f1 END) END AS "regler",
  CASE WHEN fejl_ IS NULL THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN fejl_ < 10 THEN CASE WHEN fejl_ < 5 THEN CASE WHEN fejl_ < 3 THEN CASE WHEN fejl_ < 2 THEN 'Sagen mangler feltet «ordning» (Ordningen, personen får ydelse efter), som er nødvendigt for at afgøre sagen.' ELSE '«' || "ordning" || '» er ikke en gyldig værdi for feltet «ordning». Mulige værdier: ressourceforløb, jobafklaringsforløb, sh_o_ydelse.' END ELSE CASE WHEN fejl_ < 4 THEN 'Sagen mangler feltet «forseelse» (Det, personen ikke har gjort), som er nødvendigt for at afgøre sagen.' ELSE '«' || "forseelse" || '» er ikke en gyldig værdi for feltet «forseelse». Mulige værdier: udeblevet_samtale, udeblevet_rådighedsvurdering, manglende_selvbooking, udeblevet_tilbud, afvist_tilbud, manglende_sygemelding, manglende_sygemelding_sygeopfølgning, ophør_arbejde, afvist_arbejde, undladt_jobsøgning, stop_uddannelse.' END END ELSE CASE WHEN fejl_ < 7 THEN CASE WHEN fejl_ < 6 THEN 'Sagen mangler feltet «dato» (Dagen for forseelsen; den vælger årets satser), som er nødvendigt for at afgøre sagen.' ELSE 'Feltet «dage» skal være mindst 1; fik ' || d1 || '.' END ELSE CASE WHEN fejl_ < 8 THEN 'Sagen mangler feltet «forsørger» (Personen har forsørgelsespligt over for børn), som er nødvendigt for at afgøre sagen.' ELSE CASE WHEN fejl_ < 9 THEN 'Sagen mangler feltet «alder» (Personens alder på dagen for forseelsen), som er nødvendigt for at afgøre sagen.' ELSE 'Feltet «alder» skal være mindst 0; fik ' || d2 || '.' END END END END ELSE CASE WHEN fejl_ < 15 THEN CASE WHEN fejl_ < 12 THEN CASE WHEN fejl_ < 11 THEN 'Feltet «alder» må højst være 130; fik ' || d2 || '.' ELSE 'Sagen mangler feltet «hjemmeboende» (Personen bor hos sine forældre), som er nødvendigt for at afgøre sagen.' END ELSE CASE WHEN fejl_ < 13 THEN 'Feltet «uarbejdsdygtighed» skal være mindst 0 %; fik ' || d3 || '.' ELSE CASE WHEN fejl_ < 14 THEN 'Feltet «uarbejdsdygtighed» må højst være 100 %; fik ' || d3 || '.' ELSE 'Sagen mangler feltet «månedlig_ydelse» (Den månedlige SH- eller O-ydelse før skat (vælger sanktionssatsen)), som er nødvendigt for at afgøre sagen.' END END END ELSE CASE WHEN fejl_ < 17 THEN CASE WHEN fejl_ < 16 THEN 'Feltet «månedlig_ydelse» skal være mindst 0 kr; fik ' || d4 || '.' ELSE 'Sagen mangler feltet «afgørelse_modtaget» (Dagen, hvor afgørelsen kom frem til personen), som er nødvendigt for at afgøre sagen.' END ELSE CASE WHEN fejl_ < 18 THEN 'Ingen regel i tabellen Klagefrist passer på sagen.' ELSE CASE WHEN fejl_ < 19 THEN '«afgørelse_modtaget» har ingen værdi, men bruges i en beregning.' ELSE 'Datoen ' || CAST(v27 AS VARCHAR) || ' plus ' || CAST(CAST((CAST(7 * CAST(4 AS DECIMAL(38, 0)) AS DECIMAL(38, 0))) AS DECIMAL(38, 0)) AS VARCHAR) || ' dage ligger uden for kalenderen.' END END END END END END AS "fejl"
FROM visning
ORDER BY rad_id;

