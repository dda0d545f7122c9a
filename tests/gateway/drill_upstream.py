"""The upstream of the gateway's drill (tests/gateway/test_edges.py), run as its own uvicorn
process. It fails the way the services do: a 500 is sent, then uvicorn closes the connection
because the app raised (at once, or, on drill-late, a moment later, which widens the window in
which the gateway may pick the doomed connection for another request); it also answers 500 with
Connection: close, and answers the drill's other path."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send


async def boom(request: Request) -> Response:
    raise RuntimeError("drill")


class Late:
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 500, "headers": [(b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})
        await asyncio.sleep(0.05)
        raise RuntimeError("drill, after the answer")


async def close(request: Request) -> Response:
    return Response(status_code=500, headers={"Connection": "close"})


async def ok(request: Request) -> Response:
    await asyncio.sleep(0.02)  # some work, so that requests overlap the moments connections close
    return JSONResponse({"ok": True})


app = Starlette(
    routes=[
        Route("/api/v1/drill-boom", boom),
        Route("/api/v1/drill-late", Late()),
        Route("/api/v1/drill-close", close),
        Route("/api/v1/drill-ok", ok),
    ]
)
