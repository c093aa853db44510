-- The council's published average caseload beside each current submission: the latest
-- reporting year (30 September) on or before the snapshot date. A council inside a joint
-- return (marts.dim_la.member_codes) is shown the joint figure.
CREATE OR REPLACE TABLE submissions.published_average AS
SELECT f.submission_id, d.la_name, ly.la_code AS published_la_code, ly.year AS published_year,
    ly.caseload_fte AS published_caseload_fte, ly.caseload_status AS published_caseload_status
FROM submissions.files f
JOIN marts.dim_la d ON d.la_code = f.la_code OR list_contains(d.member_codes, f.la_code)
JOIN marts.la_year ly ON ly.la_code = d.la_code AND make_date(ly.year, 9, 30) <= f.snapshot_date
WHERE f.superseded_by IS NULL
QUALIFY row_number() OVER (PARTITION BY f.submission_id ORDER BY d.is_current DESC, ly.year DESC) = 1;
