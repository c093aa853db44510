-- One part of a batch's FOI band rows (`incoming_bands`, with `file`), for the files that are new
-- (`incoming_ids`: file -> submission_id), as workers.sql does for worker rows.
INSERT INTO submissions.foi_bands
SELECT i.submission_id, b.source_row, b.la_code, b.snapshot_date, b.children_from, b.children_to,
    b.case_holders, b.source
FROM incoming_bands b
JOIN incoming_ids i USING (file);
