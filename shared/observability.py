"""JSON logs with a request id, and Prometheus metrics, as one pure-ASGI middleware."""

from __future__ import annotations

import logging
import sys
import time
import uuid
from contextvars import ContextVar
from typing import Any

import structlog
from opentelemetry import trace
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID_HEADER_BYTES = REQUEST_ID_HEADER.encode()
# The route template a service matched, told to the gateway so its metrics and logs name the
# endpoint rather than its own catch-all route; the gateway does not pass it on.
ROUTE_HEADER = "x-route-template"
_ROUTE_HEADER_BYTES = ROUTE_HEADER.encode()
# Where an endpoint may name the route it served when it is not scope["route"] (the gateway's proxy).
ROUTE_SCOPE_KEY = "asn.route"
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

REQUESTS = Counter("http_requests_total", "HTTP requests", ["service", "method", "route", "status"])
LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
_QUIET = frozenset(("/metrics", "/healthz", "/readyz"))


def add_trace_ids(logger: Any, method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """The current OpenTelemetry trace and span ids, when a span is recording (tracing on)."""
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event_dict["trace_id"] = format(context.trace_id, "032x")
        event_dict["span_id"] = format(context.span_id, "016x")
    return event_dict


def _shared_processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        add_trace_ids,
    ]


def _renderer(json: bool) -> Any:
    return structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()


# One list, changed in place: a logger cached on first use keeps a reference to the list it
# was made with, so configuring again (each app made does) reaches loggers already in use.
_PROCESSORS: list[Any] = []


def configure_logging(level: str = "INFO", json: bool = True) -> None:
    _PROCESSORS[:] = [*_shared_processors(), structlog.processors.format_exc_info, _renderer(json)]
    structlog.configure(
        processors=_PROCESSORS,
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=True,
    )


def stdlib_log_config(level: str = "INFO", json: bool = True) -> dict[str, Any]:
    """A logging.config.dictConfig for the standard-library loggers (uvicorn's startup, shutdown
    and error lines, and any library's), rendered like structlog's own lines: one JSON object each."""
    formatter = {
        "()": structlog.stdlib.ProcessorFormatter,
        "foreign_pre_chain": [structlog.stdlib.add_logger_name, *_shared_processors()],
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            _renderer(json),
        ],
    }
    handler = {"class": "logging.StreamHandler", "formatter": "structured", "stream": "ext://sys.stdout"}
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": formatter},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": "WARNING"},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }


def _route_template(scope: Scope) -> str:
    named = scope.get(ROUTE_SCOPE_KEY)
    if named:
        return str(named)
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


def _request_id(raw: bytes) -> str:
    """The caller's X-Request-ID if it is 1-100 visible ASCII characters, else a new one: the id
    travels in headers to other services and into logs, where anything else breaks or misleads."""
    if 0 < len(raw) <= 100 and all(0x21 <= b <= 0x7E for b in raw):
        return raw.decode("ascii")
    return uuid.uuid4().hex


def _subject(scope: Scope) -> str | None:
    """The authenticated caller (shared.auth keeps the principal in request.state)."""
    state = scope.get("state")
    principal = state.get("principal") if isinstance(state, dict) else None
    return getattr(principal, "sub", None)


class ObservabilityMiddleware:
    """Binds a request id (taken from X-Request-ID or made here), echoes it in the response,
    logs one JSON line per request (with the caller's `sub` and the route template), records
    Prometheus metrics by route template, and tells the route template in X-Route-Template."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service
        self.log = structlog.get_logger("access")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = next((v for k, v in scope.get("headers") or () if k == _REQUEST_ID_HEADER_BYTES), b"")
        rid = _request_id(raw)
        token = request_id_var.set(rid)
        # Reset (not cleared) afterwards: an app called in-process by another (tests) keeps the
        # caller's binding.
        bound = structlog.contextvars.bind_contextvars(request_id=rid, service=self.service)
        status = 500
        start = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [*message.get("headers", ()), (_REQUEST_ID_HEADER_BYTES, rid.encode())]
                if scope["path"].startswith("/api/") and (scope.get(ROUTE_SCOPE_KEY) or scope.get("route")):
                    headers.append((_ROUTE_HEADER_BYTES, _route_template(scope).encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            route = _route_template(scope)
            if route not in _QUIET:
                REQUESTS.labels(self.service, scope["method"], route, str(status)).inc()
                LATENCY.labels(self.service, scope["method"], route).observe(elapsed)
                self.log.info(
                    "request",
                    method=scope["method"],
                    path=scope["path"],
                    route=route,
                    status=status,
                    sub=_subject(scope),
                    ms=round(elapsed * 1000, 2),
                )
            structlog.contextvars.reset_contextvars(**bound)
            request_id_var.reset(token)


async def metrics_endpoint(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
