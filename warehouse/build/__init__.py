"""Making the tables: run a SQL step (steps.py), load the raw files (raw.py), and the figures
computed in Python (caps for any cap, benchmarks, submission marts), the dictionary and sources."""
