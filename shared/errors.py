"""One error hierarchy, mapped to RFC 9457 problem details in one place.

Service code raises these with a message code from the catalogue (shared.messages) and the
values its text needs, e.g. `raise UpstreamUnavailable("upstream-unavailable", service="pegawai")`; the problem's
`type` ends in that code (what a frontend maps) and its `detail` is the text in the request's
language. `install_error_handlers` turns these, FastAPI's validation errors, Starlette's HTTP
errors and database errors into `application/problem+json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from shared.messages import has, t

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://asn-merit.example/problems/"
log = structlog.get_logger("errors")


class AppError(Exception):
    """A problem to answer. `code` names the message (and the problem type); `params` fill its
    text; `extra` are members added to the problem body for programs (e.g. `current_etag`)."""

    status: int = 400
    code: str = "bad-request"
    # Sent as Retry-After unless the raiser gives one: the failure is expected to pass.
    retry_after: str | None = None

    def __init__(
        self,
        code: str | None = None,
        /,
        *,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        **params: Any,
    ) -> None:
        if code is not None and not has(code):
            # Not a catalogue code: a literal text from code not yet moved to the catalogue.
            # tests/shared/test_messages.py lists these so that none is left.
            self.detail = code
            self.code = str(params.pop("code", None) or self.code)
            extra = {**params, **(extra or {})}
        else:
            if code is not None:
                self.code = code
            self.detail = t(self.code, **params)
        super().__init__(self.detail)
        self.params = params
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})
        if self.retry_after is not None:
            self.headers.setdefault("Retry-After", self.retry_after)

    @property
    def title(self) -> str:
        return t(f"title.{self.status}")


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status, code = 401, "unauthorized"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class NotFound(AppError):
    status, code = 404, "not-found"


class Conflict(AppError):
    status, code = 409, "conflict"


class PreconditionFailed(AppError):
    status, code = 412, "stale-write"


class UnprocessableEntity(AppError):
    status, code = 422, "invalid-input"


class PreconditionRequired(AppError):
    status, code = 428, "if-match-required"


class UpstreamError(AppError):
    status, code = 502, "upstream-error"


class UpstreamUnavailable(AppError):
    status, code, retry_after = 503, "upstream-unavailable", "5"


class UpstreamTimeout(AppError):
    """Another service did not answer within the request's budget (shared.deadline): the
    problem names that service, so the caller's caller does not blame the caller."""

    status, code = 504, "upstream-timeout"


class DatabaseUnavailable(AppError):
    """The service's own database cannot be reached (refused, down, restarting, timed out)."""

    status, code, retry_after = 503, "database-unavailable", "5"


class BodyTooLarge(StarletteHTTPException):
    """Raised while a body streams in and passes the limit (shared.edges). An HTTPException so
    that FastAPI's body parsing, which turns other errors into 400, lets it through."""

    def __init__(self, limit: int, upload: bool = False) -> None:
        super().__init__(413)
        self.limit = limit
        self.upload = upload


def body_too_large(limit: int, upload: bool = False) -> JSONResponse:
    """413 for a body over `limit` bytes; for a file upload, said as the file's limit."""
    size = f"{limit / 2**20:.1f}".removesuffix(".0")
    if upload:
        return problem(413, "file-too-large", detail=t("file-too-large", mb=size), limit_bytes=limit)
    return problem(413, "body-too-large", detail=t("body-too-large", limit=f"{size} MB"), limit_bytes=limit)


# What FastAPI raises (HTTPException 400) when a body declared as JSON cannot even be decoded.
FASTAPI_BODY_NOT_PARSED = "There was an error parsing the body"


def problem(
    status: int,
    code: str,
    request: Request | None = None,
    *,
    detail: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem+json answer; `detail` defaults to the catalogue text of `code`."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": t(f"title.{status}"),
        "status": status,
        "detail": detail if detail is not None else t(code),
    }
    if request is not None:
        body["instance"] = request.url.path
    body.update(extra)
    out_headers = dict(headers or {})
    if status == 401:
        out_headers.setdefault("WWW-Authenticate", "Bearer")
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=out_headers)


def _loc(loc: tuple[Any, ...] | list[Any], kind: str = "") -> str:
    if kind == "json_invalid":  # pydantic puts the character position where the field would be
        return "body"
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) if parts else "body"


def field_error(error: Mapping[str, Any]) -> dict[str, str]:
    """One pydantic error as {field, code, message}: the code is pydantic's error type (or our own
    from PydanticCustomError), the message the catalogue's text for it when there is one."""
    kind = str(error.get("type") or "value_error")
    ctx = {
        k: (", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v) for k, v in (error.get("ctx") or {}).items()
    }
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        ctx["error"] = str(ctx["error"]).removeprefix("Value error, ")
    message = t(f"field.{kind}", **ctx) if has(f"field.{kind}") else str(error.get("msg") or kind)
    return {"field": _loc(error.get("loc", ()), kind), "code": kind, "message": message}


def _validation_problem(request: Request, errors: list[dict[str, str]]) -> JSONResponse:
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return problem(422, "validation", request, detail=t("validation", summary=summary), errors=errors)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return problem(exc.status, exc.code, request, detail=exc.detail, headers=exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_problem(request, [field_error(e) for e in exc.errors()])

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers or {})
        if isinstance(exc, BodyTooLarge):
            return body_too_large(exc.limit, exc.upload)
        if exc.status_code == 400 and exc.detail == FASTAPI_BODY_NOT_PARSED:
            # A JSON body that is not even text (bytes that are not UTF-8): the same answer as a
            # body with a JSON syntax error, which FastAPI already reports as a validation error.
            return _validation_problem(request, [field_error({"type": "json_invalid", "loc": ("body",)})])
        if exc.status_code == 400:
            # Starlette's only 400: a multipart or form body that does not parse.
            media_type = request.headers.get("content-type", "").split(";")[0].strip() or "?"
            return problem(400, "body-malformed", request, detail=t("body-malformed", media_type=media_type))
        if exc.status_code == 404:
            return problem(404, "http-404", request, detail=t("http-404", path=request.url.path))
        if exc.status_code == 405:
            # Starlette names only the first route on the path; a path served by one route per
            # method (GET and POST /jabatan) allows them all.
            allow = _allowed(request) or headers.get("Allow") or headers.get("allow") or ""
            headers = {k: v for k, v in headers.items() if k.lower() != "allow"} | {"Allow": allow}
            detail = t("http-405", method=request.method, path=request.url.path, allow=allow)
            return problem(405, "http-405", request, detail=detail, headers=headers)
        return problem(exc.status_code, "http-error", request, headers=headers)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return problem(412, "stale-write", request)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # A safety net: services check their rules first and raise a specific AppError.
        code = _pg_code(exc)
        constraint = _constraint(exc) or code or "?"
        if code == "23505":
            return problem(409, "duplicate", request, detail=t("duplicate", constraint=constraint))
        if code == "23503":
            return problem(409, "reference", request, detail=t("reference", constraint=constraint))
        return problem(422, "constraint", request, detail=t("constraint", constraint=constraint))

    @app.exception_handler(DBAPIError)
    async def _dbapi(request: Request, exc: DBAPIError) -> JSONResponse:
        code = _pg_code(exc) or ""
        if code.startswith("22"):  # data exceptions: out-of-range values, bad formats
            return problem(422, "data", request)
        if exc.connection_invalidated or code.startswith(_PASSING_STATES):
            log.warning("database unavailable", sqlstate=code, error=str(exc.orig))
            return _database_unavailable(request)
        log.exception("database error", sqlstate=code)
        return problem(500, "internal", request)

    @app.exception_handler(PoolTimeout)
    async def _pool(request: Request, exc: PoolTimeout) -> JSONResponse:
        # Every pooled connection stayed busy for pool_timeout: overloaded, not broken.
        log.warning("database pool exhausted")
        return _database_unavailable(request)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", path=request.url.path)
        return problem(500, "internal", request)


# SQLSTATEs of failures that pass: the connection broke (08), the server lacks resources (53),
# is shutting down or starting (57P01-57P03), cancelled a statement (57014), or a transaction
# lost a lock or serialisation race (55P03, 40001, 40P01). Anything else is a bug: 500.
_PASSING_STATES = ("08", "53", "57P0", "57014", "55P03", "40001", "40P01")


def _database_unavailable(request: Request) -> JSONResponse:
    err = DatabaseUnavailable()
    return problem(err.status, err.code, request, headers=err.headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed(request: Request) -> str:
    """Every method some route serves on the request's path (asked route by route, since
    FastAPI's included routers keep their routes to themselves)."""
    routes = request.app.router.routes
    allowed = [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]
    return ", ".join(allowed)


def _pg_code(exc: DBAPIError) -> str | None:
    orig = exc.orig
    return getattr(orig, "sqlstate", None) or getattr(getattr(orig, "__cause__", None), "sqlstate", None)


def _constraint(exc: DBAPIError) -> str | None:
    cause = getattr(exc.orig, "__cause__", None)
    return getattr(cause, "constraint_name", None)
