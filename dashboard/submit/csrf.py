"""CSRF protection for the /submit form: a signed double-submit token.

GET /submit sets a random nonce in a cookie (SameSite=Strict, HttpOnly, Path=/submit) and puts
HMAC(key, nonce) in a hidden field; a POST is taken only when the field is the HMAC of the cookie
(compared in constant time). Another site can neither read the field nor, without the key, make a
matching pair; SameSite=Strict keeps the cookie off its cross-site posts as well. The key is
`CASELOAD_CSRF_SECRET` when set (needed when several processes serve one address), else random
per process (a restart makes open forms fail once, with a page saying to reload).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

COOKIE = "cw_submit_csrf"
FIELD = "csrf"
_PROCESS_KEY = secrets.token_bytes(32)


class Csrf:
    def __init__(self, secret: str | None) -> None:
        self._key = secret.encode("utf-8") if secret else _PROCESS_KEY

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._key, nonce.encode("ascii", "replace"), hashlib.sha256).hexdigest()

    def issue(self) -> tuple[str, str]:
        """(cookie value, hidden field value) for a new form."""
        nonce = secrets.token_urlsafe(32)
        return nonce, self._sign(nonce)

    def valid(self, cookie: str | None, field: str | None) -> bool:
        if not cookie or not field or len(cookie) > 100 or len(field) > 100:
            return False
        return hmac.compare_digest(self._sign(cookie), field)
