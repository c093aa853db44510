"""The token store: a token is shown once and stored as a hash; verify says why one is refused;
a revoke by another writer is seen at once by a reader holding the store open."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat

import pytest

from warehouse.tokens import TOKEN_RE, TokenError, TokenStore

KNOWN = {"E08000025", "E06000001"}
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_issue_stores_only_a_hash_in_a_private_file(tmp_path):
    store = TokenStore(tmp_path / "secrets" / "tokens.json")
    token = store.issue("E08000025", KNOWN, days=30, now=NOW)
    match = TOKEN_RE.match(token)
    assert match, token
    token_id, secret = match.groups()
    assert len(secret) == 43  # 32 random bytes, URL-safe base64
    text = store.path.read_text()
    assert secret not in text and token not in text
    saved = json.loads(text)["tokens"][0]
    assert saved["sha256"] == hashlib.sha256(secret.encode()).hexdigest()
    assert saved | {"sha256": ""} == {"id": token_id, "council": "E08000025", "sha256": "",
                                      "created": NOW.isoformat(), "revoked": None,
                                      "expires": (NOW + dt.timedelta(days=30)).isoformat()}
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert not [p for p in store.path.parent.iterdir() if p.suffix == ".tmp"]


def test_verify_names_each_refusal(tmp_path):
    store = TokenStore(tmp_path / "tokens.json")
    token = store.issue("E08000025", KNOWN, days=30, now=NOW)
    token_id = TOKEN_RE.match(token).group(1)
    assert store.verify(token, now=NOW).council == "E08000025"
    assert store.verify(None).status == "missing"
    assert store.verify("Basic abc").status == "malformed"
    assert store.verify(token + "x").status == "malformed"
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert (store.verify(wrong).status, store.verify(wrong).token_id) == ("unknown", token_id)
    assert store.verify(f"cw_00000000_{token.split('_', 2)[2]}").status == "unknown"
    assert store.verify(token, now=NOW + dt.timedelta(days=30)).status == "expired"
    # a second store (the CLI) revokes; the first (the running site) sees it on its next verify
    TokenStore(store.path).revoke(token_id)
    assert store.verify(token, now=NOW).status == "revoked"


def test_issue_refuses_an_unknown_council_and_bad_days(tmp_path):
    store = TokenStore(tmp_path / "tokens.json")
    with pytest.raises(TokenError, match="current council"):
        store.issue("E99999999", KNOWN)
    with pytest.raises(TokenError, match="days"):
        store.issue("E08000025", KNOWN, days=0)
    with pytest.raises(TokenError, match="8 hex"):
        store.revoke("../../etc")
    with pytest.raises(TokenError, match="no token"):
        store.revoke("0badf00d")
    assert not store.path.exists() or store.list() == []


def test_list_never_holds_the_secret(tmp_path):
    store = TokenStore(tmp_path / "tokens.json")
    tokens = [store.issue(code, KNOWN) for code in sorted(KNOWN)]
    listed = store.list()
    assert {t.council for t in listed} == KNOWN
    assert not any(tok.split("_", 2)[2] in repr(listed) for tok in tokens)
