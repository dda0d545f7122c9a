"""Optimistic concurrency over HTTP: the row version is the ETag; updates honour If-Match."""

from __future__ import annotations

from fastapi import Request, Response

from shared.errors import PreconditionFailed, PreconditionRequired


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def check_if_match(request: Request, current_version: int) -> None:
    """Refuse a write made against a version the client did not see.

    Without If-Match the write is refused with 428 when the service requires it (the default),
    because the client cannot prove it saw the current state.
    """
    header = request.headers.get("if-match")
    if header is None:
        if request.app.state.settings.require_if_match:
            raise PreconditionRequired(
                "Send the ETag you read as an If-Match header, so a change made meanwhile is not overwritten.",
                current_etag=etag(current_version),
            )
        return
    candidates = {c.strip().removeprefix("W/") for c in header.split(",")}
    if "*" in candidates:
        return
    if etag(current_version) not in candidates:
        raise PreconditionFailed(
            "This record was changed since you read it (If-Match does not match the current ETag). "
            "Reload it and apply your change again.",
            code="stale-write",
            current_etag=etag(current_version),
        )
