"""The site's reads of a published release, read-only.

    queries.py        which release a request reads (the served one, or the one a page is pinned
                      to), and every read the pages make of it, cached per release
    releases.py       a kept release by id, one cursor per download or API answer, the release list
    page_release.py   `?release=<id>` on a page: its reads pinned to that release, the notice on an
                      older one, and the release carried by every address the page writes
"""
