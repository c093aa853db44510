"""Submitting a council's file with its own token: the API door (POST /api/v1/submissions, registered
with the API in dashboard/api/) and the /submit form for people (registered by create_app).

Both go through `door.attempt`: the token is checked against the store (warehouse/tokens.py), every
attempt is written to the audit log (warehouse/audit.py), and the file is checked and placed in the
inbox by warehouse/submissions/receive.py. The site never imports the pipeline: the inbox sensor
picks the file up from the folder.
"""
