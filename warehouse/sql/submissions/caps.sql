-- The cap scenarios (data/reference/caps.csv). A scenario without a newly-qualified cap uses
-- its experienced cap for everyone.
CREATE OR REPLACE TABLE submissions.caps AS
SELECT
    scenario_id,
    label AS scenario_label,
    CAST(cap_experienced AS DOUBLE) AS cap_experienced,
    CAST(coalesce(nullif(trim(cap_newly_qualified), ''), cap_experienced) AS DOUBLE) AS cap_newly_qualified,
    row_number() OVER () AS scenario_order
FROM read_csv($caps, header = true, all_varchar = true);
