"""Assertions on RFC 9457 problem responses."""

from typing import Any

import httpx


def assert_problem(r: httpx.Response, status: int, fragment: str = "") -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers["content-type"]
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    assert fragment.lower() in body["detail"].lower(), body["detail"]
    return body
