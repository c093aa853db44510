-- marts.caps: the cap scenarios (data/reference/caps.csv) and the cost per FTE that prices them.
-- `cap` is the cap applied to a published average: the experienced cap, because the published
-- average cannot be split by experience (docs/method.md, "Cap scenarios"). The `declared` scenario
-- (each worker against their own council's declared maximum) has no cap: it applies to council
-- submissions only, and every published-figure reader takes the rows with a cap.
CREATE OR REPLACE TABLE marts.caps AS
SELECT
    scenario_id,
    label,
    CAST(nullif(trim(cap_experienced), '') AS DOUBLE) AS cap_experienced,
    CAST(nullif(trim(cap_newly_qualified), '') AS DOUBLE) AS cap_newly_qualified,
    CAST(nullif(trim(cap_experienced), '') AS DOUBLE) AS cap,
    CAST(sort_order AS INTEGER) AS sort_order,
    description,
    CAST($cost_per_fte AS DOUBLE) AS cost_per_fte_gbp,
    CASE WHEN nullif(trim(cap_experienced), '') IS NULL THEN 'submissions only' ELSE 'all figures' END
        AS applies_to
FROM read_csv($caps, header = true, all_varchar = true)
ORDER BY sort_order;
