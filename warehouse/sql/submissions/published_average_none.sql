-- The published marts are not built yet: no published average to show beside submissions.
CREATE OR REPLACE TABLE submissions.published_average (
    submission_id VARCHAR, la_name VARCHAR, published_la_code VARCHAR, published_year INTEGER,
    published_caseload_fte DOUBLE, published_caseload_status VARCHAR
);
