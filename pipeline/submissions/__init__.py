"""Council submissions: the template, validation, demo data and the inbox (docs/submissions.md)."""
