-- One part of a batch's worker rows (`incoming_workers`, with `file`), for the files that are new
-- (`incoming_ids`: file -> submission_id; a file loaded before, or earlier in the batch, is not in it).
-- worker_hash = sha256(salt | la_code | worker_ref); the worker_ref itself is never stored.
INSERT INTO submissions.workers (submission_id, source_row, la_code, snapshot_date, worker_hash, role,
    employment, newly_qualified, fte, children_allocated, team, families_allocated, weighted_caseload,
    is_demo, declared_max_children, declared_max_weighted)
SELECT i.submission_id, w.source_row, w.la_code, w.snapshot_date,
    sha256($salt || '|' || w.la_code || '|' || w.worker_ref),
    w.role, w.employment, w.newly_qualified, w.fte, w.children_allocated, w.team, w.families_allocated,
    w.weighted_caseload, w.demo, w.declared_max_children, w.declared_max_weighted
FROM incoming_workers w
JOIN incoming_ids i USING (file);
