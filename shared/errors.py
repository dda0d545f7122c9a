"""One error hierarchy, mapped to RFC 9457 problem details in one place.

Service code raises these; `install_error_handlers` turns them, FastAPI's validation errors,
Starlette's HTTP errors and database constraint errors into `application/problem+json`.
"""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://asn-merit.example/problems/"
log = structlog.get_logger("errors")


class AppError(Exception):
    status: int = 400
    code: str = "bad-request"
    title: str = "Bad request"

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.extra = extra


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status, code, title = 401, "unauthorized", "Authentication required"


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Not allowed"


class NotFound(AppError):
    status, code, title = 404, "not-found", "Not found"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class PreconditionFailed(AppError):
    status, code, title = 412, "precondition-failed", "Precondition failed"


class UnprocessableEntity(AppError):
    status, code, title = 422, "invalid-input", "Invalid input"


class PreconditionRequired(AppError):
    status, code, title = 428, "precondition-required", "Precondition required"


class UpstreamError(AppError):
    status, code, title = 502, "upstream-error", "A service this request depends on failed"


class UpstreamUnavailable(AppError):
    status, code, title = 503, "upstream-unavailable", "A service this request depends on is unavailable"


def problem(
    status: int, title: str, detail: str, code: str, request: Request | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.url.path
    body.update(extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) if parts else "body"


def _pg_code(exc: DBAPIError) -> str | None:
    orig = exc.orig
    return getattr(orig, "sqlstate", None) or getattr(getattr(orig, "__cause__", None), "sqlstate", None)


def _constraint(exc: DBAPIError) -> str | None:
    cause = getattr(exc.orig, "__cause__", None)
    return getattr(cause, "constraint_name", None)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return problem(exc.status, exc.title, exc.detail, exc.code, request, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _loc(e.get("loc", ())), "message": e.get("msg", "invalid"), "type": e.get("type")}
            for e in exc.errors()
        ]
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(422, "Invalid input", summary or "The request is not valid.", "validation", request, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed", 401: "Authentication required"}
        detail = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"There is no resource at {request.url.path}."
        return problem(exc.status_code, titles.get(exc.status_code, "Error"), detail, f"http-{exc.status_code}", request)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return problem(
            412,
            "Precondition failed",
            "Someone else changed this record while you were editing it. Reload it and apply your change again.",
            "stale-write",
            request,
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # A safety net: services check their rules first and raise a specific AppError.
        code = _pg_code(exc)
        constraint = _constraint(exc)
        if code == "23505":
            return problem(409, "Conflict", f"A record with the same unique value already exists ({constraint}).", "duplicate", request)
        if code == "23503":
            return problem(409, "Conflict", f"The record refers to, or is referred to by, another record ({constraint}).", "reference", request)
        return problem(422, "Invalid input", f"The data breaks a rule of the database ({constraint or code}).", "constraint", request)

    @app.exception_handler(DBAPIError)
    async def _dbapi(request: Request, exc: DBAPIError) -> JSONResponse:
        code = _pg_code(exc) or ""
        if code.startswith("22"):  # data exceptions: out-of-range values, bad formats
            return problem(422, "Invalid input", "A value is out of range or in the wrong format.", "data", request)
        log.exception("database error", sqlstate=code)
        return problem(503, "Database unavailable", "The database could not complete the request; try again.", "database", request)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", path=request.url.path)
        return problem(500, "Internal error", "An unexpected error occurred; it has been logged.", "internal", request)
