"""What every answer gets at an app's edge, in one pure-ASGI middleware: security headers,
bounded request bodies (413 before a larger body is buffered) and the request's deadline."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared import deadline
from shared.errors import BodyTooLarge, body_too_large

# Every answer: no MIME sniffing, no Referer leaking paths (which hold NIPs) to other sites.
BASE_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
# API answers hold personal data: no cache, shared or private, may keep them.
API_HEADERS = [*BASE_HEADERS, (b"cache-control", b"no-store")]
_BASE_NAMES = frozenset(name for name, _ in BASE_HEADERS)
_API_NAMES = frozenset(name for name, _ in API_HEADERS)
API_PREFIX = "/api/"
# Answers anyone may read without signing in (e.g. the announced awards): no token is asked for,
# at the gateway either, and the answer sets its own Cache-Control. Nothing personal beyond what
# was announced goes under this prefix.
PUBLIC_PREFIX = "/api/v1/publik/"
_MULTIPART = b"multipart/form-data"
_BUDGET = deadline.BUDGET_HEADER.encode()
MULTIPART_FRAMING = 64 * 1024  # boundaries and part headers around an uploaded file


class EdgeMiddleware:
    """Adds the security headers (replacing any the answer carries, e.g. relayed by the gateway),
    refuses a body over the limit (by its Content-Length at once, or while a chunked body streams
    in), and opens the request's deadline for upstream calls (shared.deadline)."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_upload: int, budget: float) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.budget = budget

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body
        upload = False
        length: bytes | None = None
        budget_header: bytes | None = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
            elif name == b"content-type" and value[:19].lower() == _MULTIPART:
                limit, upload = self.max_upload + MULTIPART_FRAMING, True
            elif name == _BUDGET:
                budget_header = value
        api = scope["path"].startswith(API_PREFIX) and not scope["path"].startswith(PUBLIC_PREFIX)
        extra, names = (API_HEADERS, _API_NAMES) if api else (BASE_HEADERS, _BASE_NAMES)
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*(h for h in message.get("headers", ()) if h[0].lower() not in names), *extra]
            await send(message)

        if length is not None and length.isdigit() and int(length) > limit:
            await body_too_large(limit - MULTIPART_FRAMING if upload else limit, upload)(scope, receive, send_secured)
            return
        if length is None:
            # No declared length: count the chunks as they come (the server already holds a
            # declared body to its Content-Length).
            received = 0
            inner_receive = receive

            async def receive_counted() -> Message:
                nonlocal received
                message = await inner_receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        raise BodyTooLarge(limit - MULTIPART_FRAMING if upload else limit, upload)
                return message

            receive = receive_counted
        token = deadline.start(self.budget, budget_header)
        try:
            await self.app(scope, receive, send_secured)
        except BodyTooLarge as exc:
            # Raised where no error handler answers it (the app reads the body itself).
            if started:
                raise
            await body_too_large(exc.limit, exc.upload)(scope, receive, send_secured)
        finally:
            deadline.deadline_var.reset(token)
