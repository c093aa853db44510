-- The cap scenarios (data/reference/caps.csv). A scenario without a newly-qualified cap uses
-- its experienced cap for everyone. `declared` has no cap (both NULL): each worker is held to their
-- own council's declared maximum (sql/submissions/aggregates.sql).
CREATE OR REPLACE TABLE submissions.caps AS
SELECT
    scenario_id,
    label AS scenario_label,
    CAST(nullif(trim(cap_experienced), '') AS DOUBLE) AS cap_experienced,
    CAST(coalesce(nullif(trim(cap_newly_qualified), ''), nullif(trim(cap_experienced), '')) AS DOUBLE)
        AS cap_newly_qualified,
    CAST(sort_order AS INTEGER) AS scenario_order
FROM read_csv($caps, header = true, all_varchar = true);
