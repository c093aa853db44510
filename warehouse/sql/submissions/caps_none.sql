-- No data/reference/caps.csv: no cap scenarios, so no above-cap figures.
CREATE OR REPLACE TABLE submissions.caps (
    scenario_id VARCHAR, scenario_label VARCHAR, cap_experienced DOUBLE,
    cap_newly_qualified DOUBLE, scenario_order INTEGER
);
