-- The benchmark floor (bench/pipeline.py, docs/benchmarks.md): the pipeline's main reads, joins
-- and aggregations as one plain DuckDB script, no Dagster, no archive, no checks. Its figures are
-- not published and are deliberately simpler; it measures what the work itself costs.
CREATE OR REPLACE MACRO f_num(x) AS
    CASE WHEN x IS NULL OR trim(x) IN ('c', 'x', 'z', 'u', 'low', 'k', ':') THEN NULL ELSE CAST(trim(x) AS DOUBLE) END;
CREATE OR REPLACE MACRO f_status(x) AS
    CASE WHEN x IS NULL THEN 'blank' WHEN trim(x) IN ('c', 'x', 'z', 'u', 'low', 'k', ':') THEN trim(x)
         ELSE 'published' END;

CREATE OR REPLACE TABLE wf_now AS SELECT * FROM read_csv($workforce_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE wf_prev AS
    SELECT * FROM read_csv($workforce_previous_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE pop_raw AS SELECT * FROM read_csv($population_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE cin_raw AS
    SELECT * FROM read_csv($children_in_need_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE referrals_raw AS SELECT * FROM read_csv($referrals_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE swcount_raw AS
    SELECT * FROM read_csv($social_worker_changes_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE sn2025_raw AS SELECT * FROM read_csv($neighbours_2025_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE sn2021_raw AS SELECT * FROM read_csv($neighbours_2021_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE district_raw AS
    SELECT * FROM read_csv($district_lookup_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE centres_raw AS SELECT * FROM read_csv($council_centres_file, header = true, all_varchar = true);
CREATE OR REPLACE TABLE caps AS SELECT * FROM read_csv($caps_file, header = true);

-- Both vintages, one row per published cell (unpivot).
CREATE OR REPLACE TABLE workforce_long AS
SELECT vintage, CAST(time_period AS INTEGER) AS year, geographic_level,
    CASE geographic_level WHEN 'National' THEN country_code WHEN 'Regional' THEN region_code
         ELSE new_la_code END AS area_code,
    CASE geographic_level WHEN 'National' THEN country_name WHEN 'Regional' THEN region_name
         ELSE la_name END AS area_name,
    region_code, region_name, old_la_code, measure, f_num(raw_value) AS value, f_status(raw_value) AS status
FROM (SELECT 'now' AS vintage, * FROM wf_now UNION ALL BY NAME SELECT 'prev' AS vintage, * FROM wf_prev)
UNPIVOT INCLUDE NULLS (raw_value FOR measure IN (
    COLUMNS(* EXCLUDE (vintage, time_period, time_identifier, geographic_level, country_code, country_name,
                       region_code, region_name, old_la_code, new_la_code, la_name))));

CREATE OR REPLACE TABLE population AS
SELECT CAST(time_period AS INTEGER) AS year, geographic_level,
    CASE geographic_level WHEN 'National' THEN country_code WHEN 'Regional' THEN region_code
         ELSE new_la_code END AS area_code,
    f_num(population_estimate) AS children_0_17
FROM pop_raw WHERE age_group = 'Children aged 0 to 17 years';

-- Current vintage, one row per area and year (pivot), children joined (joint returns summed).
CREATE OR REPLACE TABLE area_wide AS
SELECT year, geographic_level, area_code, any_value(area_name) AS area_name,
    any_value(region_code) AS region_code, any_value(region_name) AS region_name,
    any_value(old_la_code) AS old_la_code,
    max(value) FILTER (WHERE measure = 'case_holders_fte') AS case_holders_fte,
    max(value) FILTER (WHERE measure = 'cases') AS cases,
    max(value) FILTER (WHERE measure = 'caseload_fte') AS caseload_fte,
    max(status) FILTER (WHERE measure = 'caseload_fte') AS caseload_status,
    max(value) FILTER (WHERE measure = 'inpost_fte') AS inpost_fte,
    max(value) FILTER (WHERE measure = 'agency_rate_fte') AS agency_rate_fte,
    max(value) FILTER (WHERE measure = 'vacancy_rate_fte') AS vacancy_rate_fte,
    max(value) FILTER (WHERE measure = 'turnover_rate_fte') AS turnover_rate_fte,
    max(value) FILTER (WHERE measure = 'absence_rate_fte') AS absence_rate_fte
FROM workforce_long WHERE vintage = 'now'
GROUP BY year, geographic_level, area_code;

CREATE OR REPLACE TABLE la_year AS
WITH members AS (
    SELECT w.area_code, w.year, trim(unnest(string_split(w.area_code, '/'))) AS member
    FROM area_wide w WHERE w.geographic_level = 'Local authority'
),
children AS (
    SELECT m.area_code, m.year, sum(p.children_0_17) AS children_0_17
    FROM members m
    JOIN population p ON p.area_code = m.member AND p.geographic_level = 'Local authority'
     AND p.year = least(m.year, (SELECT max(year) FROM population))
    GROUP BY ALL
)
SELECT w.*, c.children_0_17
FROM area_wide w LEFT JOIN children c USING (area_code, year)
WHERE w.geographic_level = 'Local authority';

-- Cap aggregations: per council and cap, then England and each region.
CREATE OR REPLACE TABLE la_cap AS
SELECT l.area_code AS la_code, l.region_code, l.region_name, l.year, c.scenario_id, c.cap_experienced AS cap,
    CASE WHEN l.caseload_status = 'published' THEN l.caseload_fte > c.cap_experienced END AS over_cap,
    greatest(0, l.cases / c.cap_experienced - l.case_holders_fte) AS additional_fte_needed,
    greatest(0, l.cases / c.cap_experienced - l.case_holders_fte) * $cost_per_fte AS additional_cost_gbp,
    l.children_0_17
FROM la_year l CROSS JOIN caps c;

CREATE OR REPLACE TABLE area_cap AS
SELECT area_code, year, scenario_id, count(*) AS n_las, count(over_cap) AS n_las_covered,
    count(*) FILTER (WHERE over_cap) AS n_las_over_cap,
    100.0 * count(*) FILTER (WHERE over_cap) / nullif(count(over_cap), 0) AS pct_las_over_cap,
    100.0 * sum(children_0_17) FILTER (WHERE over_cap) / nullif(sum(children_0_17) FILTER (WHERE over_cap IS NOT NULL), 0)
        AS pct_children_in_las_over_cap,
    sum(additional_fte_needed) AS additional_fte_needed, sum(additional_cost_gbp) AS additional_cost_gbp
FROM (SELECT 'E92000001' AS area_code, * FROM la_cap UNION ALL SELECT region_code AS area_code, * FROM la_cap)
GROUP BY ALL;

-- Spread per year, England and regions.
CREATE OR REPLACE TABLE variation AS
SELECT area, year, count(caseload_fte) AS n, min(caseload_fte) AS min_caseload, max(caseload_fte) AS max_caseload,
    quantile_cont(caseload_fte, [0.1, 0.25, 0.5, 0.75, 0.9]) AS percentiles,
    avg(caseload_fte) AS mean, stddev_samp(caseload_fte) AS sd
FROM (SELECT 'E92000001' AS area, * FROM la_year UNION ALL SELECT region_code AS area, * FROM la_year)
GROUP BY ALL;

-- Revisions: cells that differ between vintages.
CREATE OR REPLACE TABLE revisions AS
SELECT n.year, n.geographic_level, n.area_code, n.measure, p.value AS previous_value, n.value,
       p.status AS previous_status, n.status
FROM workforce_long n
JOIN workforce_long p ON p.vintage = 'prev' AND p.year = n.year AND p.geographic_level = n.geographic_level
 AND p.area_code = n.area_code AND p.measure = n.measure
WHERE n.vintage = 'now' AND (p.value IS DISTINCT FROM n.value OR p.status <> n.status);

-- Children in need per 10,000 children (population the mid-year before).
CREATE OR REPLACE TABLE context AS
SELECT l.area_code AS la_code, l.year, 10000.0 * f_num(c.At31_episodes) / p.children_0_17 AS cin_per_10000
FROM la_year l
LEFT JOIN cin_raw c ON c.new_la_code = l.area_code AND CAST(c.time_period AS INTEGER) = l.year
LEFT JOIN population p ON p.area_code = l.area_code AND p.year = l.year - 1;

-- Statistical neighbours, both models: mean and median of the neighbours' caseloads.
CREATE OR REPLACE TABLE neighbour_models AS
SELECT '2025' AS model, trim(old_la_code) AS la_number, trim(n) AS neighbour_number
FROM sn2025_raw UNPIVOT (n FOR rank IN (SN_1, SN_2, SN_3, SN_4, SN_5, SN_6, SN_7, SN_8, SN_9, SN_10))
UNION ALL
SELECT '2021', trim("LA num"), trim(n)
FROM sn2021_raw UNPIVOT (n FOR rank IN (SN1, SN2, SN3, SN4, SN5, SN6, SN7, SN8, SN9, SN10))
WHERE "LA num" IS NOT NULL;

CREATE OR REPLACE TABLE neighbours AS
WITH numbered AS (
    SELECT area_code, year, caseload_fte, trim(unnest(string_split(old_la_code, '/'))) AS la_number FROM la_year
)
SELECT a.area_code AS la_code, a.year, m.model, count(DISTINCT b.area_code) AS n_neighbours,
    avg(b.caseload_fte) AS neighbour_mean, median(b.caseload_fte) AS neighbour_median
FROM numbered a
JOIN neighbour_models m ON m.la_number = a.la_number
JOIN numbered b ON b.la_number = m.neighbour_number AND b.year = a.year AND b.area_code <> a.area_code
GROUP BY ALL;
