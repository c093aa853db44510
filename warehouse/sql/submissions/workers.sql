-- One part of a batch's worker rows (`incoming_workers`, with `file`), for the files that are new
-- (`incoming_ids`: file -> submission_id; a file loaded before, or earlier in the batch, is not in it).
-- worker_hash = sha256(salt | la_code | worker_ref); the worker_ref itself is never stored.
INSERT INTO submissions.workers
SELECT i.submission_id, w.source_row, w.la_code, w.snapshot_date,
    sha256($salt || '|' || w.la_code || '|' || w.worker_ref),
    w.role, w.employment, w.newly_qualified, w.fte, w.children_allocated, w.team, w.families_allocated,
    w.weighted_caseload, w.demo
FROM incoming_workers w
JOIN incoming_ids i USING (file);
