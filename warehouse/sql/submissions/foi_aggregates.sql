-- FOI answers' band counts per current answer, and the share above each named cap where the bands
-- allow it, before disclosure control (pipeline/submissions/foi_disclosure.py decides what is shown).
-- docs/method.md, "Above a cap from an FOI answer's bands": the one definition.

-- The answers used: the current (not superseded) band file of each council and snapshot date, unless
-- the council's own worker file for that date is current too: then the worker file's figures are the
-- council's and the FOI answer is kept in submissions.files/foi_bands but not used (demo worker files,
-- never shown by default, do not set an answer aside).
CREATE OR REPLACE TABLE submissions.agg_foi_answers AS
SELECT f.submission_id, f.la_code, f.snapshot_date, f.version, f.loaded_at,
    any_value(b.source) AS source,
    CAST(count(*) AS BIGINT) AS bands,
    CAST(sum(b.case_holders) AS BIGINT) AS case_holders
FROM submissions.files f
JOIN submissions.foi_bands b USING (submission_id)
WHERE f.template = 'bands' AND f.superseded_by IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM submissions.files w
      WHERE w.template = 'workers' AND w.superseded_by IS NULL AND NOT w.is_demo
        AND w.la_code = f.la_code AND w.snapshot_date = f.snapshot_date)
GROUP BY ALL;

-- Every band of each answer used, in order (band_order 1 = the band from 0).
CREATE OR REPLACE TABLE submissions.agg_foi_bands AS
SELECT b.submission_id,
    CAST(row_number() OVER (PARTITION BY b.submission_id ORDER BY b.children_from) AS INTEGER) AS band_order,
    b.children_from, b.children_to, CAST(b.case_holders AS BIGINT) AS case_holders
FROM submissions.foi_bands b
JOIN submissions.agg_foi_answers a USING (submission_id);

-- Above each named cap: bands count workers by whole children held (not per FTE), and cannot tell
-- experienced from newly qualified workers, so a scenario's experienced cap applies to everyone
-- (cap_applied; the guarantee's 15/12 is the share above 15). A cap c is computable only when some band
-- ends at c: "above c" is then exactly the bands starting at c + 1 or more. Otherwise the count is
-- empty: never interpolated inside a band.
CREATE OR REPLACE TABLE submissions.agg_foi_caps AS
SELECT a.submission_id, c.scenario_id, c.scenario_label, c.scenario_order, c.cap_experienced,
    c.cap_newly_qualified, c.cap_experienced AS cap_applied, a.case_holders,
    bool_or(b.children_to = c.cap_experienced) AS computable,
    CASE WHEN bool_or(b.children_to = c.cap_experienced)
         THEN CAST(coalesce(sum(b.case_holders) FILTER (WHERE b.children_from > c.cap_experienced), 0) AS BIGINT)
    END AS workers_above_cap
FROM submissions.agg_foi_answers a
CROSS JOIN submissions.caps c
JOIN submissions.agg_foi_bands b USING (submission_id)
WHERE c.cap_experienced IS NOT NULL  -- an FOI answer declares no maximum
GROUP BY ALL;
