"""One deadline budget per request: the service that waited names the one that was slow, and
retries happen only for requests that never reached the service (issue 10)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from gateway.app import create_app as create_gateway
from gateway.config import GatewaySettings
from shared import deadline
from shared.errors import UpstreamTimeout
from shared.http import ServiceClient
from tests.conftest import ENGLISH, auth
from tests.problem import assert_problem
from tests.shared.live import serving

NIP = "198503122010011003"


def hanging() -> httpx.ASGITransport:
    """A service that never answers."""
    app = FastAPI()

    @app.api_route("/{path:path}", methods=["GET", "POST"])
    async def wait(path: str) -> None:
        await asyncio.Event().wait()

    return httpx.ASGITransport(app=app)


async def _get(app: Any, path: str) -> httpx.Response:
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://gateway",
            headers={**ENGLISH, **auth("admin_bkpsdm")},
        ) as client,
    ):
        return await client.get(path)


async def test_a_slow_service_behind_a_service_is_named_by_the_service_that_waited(kompetensi_db):
    from kompetensi.app import create_app
    from kompetensi.config import KompetensiSettings

    kompetensi = create_app(KompetensiSettings(upstream_budget_seconds=1.0), transports={"pegawai": hanging()})
    kompetensi.state.db = kompetensi_db
    gateway = create_gateway(
        GatewaySettings(upstream_budget_seconds=5.0), transports={"kompetensi": httpx.ASGITransport(app=kompetensi)}
    )
    async with kompetensi.router.lifespan_context(kompetensi):
        r = await _get(gateway, f"/api/v1/profil-kompetensi/{NIP}")
    body = assert_problem(r, 504, "pegawai")
    assert body["type"].endswith("/upstream-timeout") and body["service"] == "pegawai"


async def test_a_slow_service_is_named_by_the_gateway():
    gateway = create_gateway(GatewaySettings(upstream_budget_seconds=1.0), transports={"pegawai": hanging()})
    body = assert_problem(await _get(gateway, "/api/v1/jabatan"), 504, "pegawai")
    assert body["type"].endswith("/upstream-timeout") and body["service"] == "pegawai"


async def test_the_callee_is_told_the_budget_left_minus_the_margin():
    told: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        told.append(int(request.headers[deadline.BUDGET_HEADER]))
        return httpx.Response(200, json={})

    svc = ServiceClient("http://svc", timeout=10.0, margin=0.5, transport=httpx.MockTransport(answer))
    token = deadline.start(10.0, b"2000")  # the caller had 2 s left, less than this app's 10 s
    try:
        await svc.json("GET", "/a")
    finally:
        deadline.deadline_var.reset(token)
        await svc.aclose()
    assert 0 < told[0] <= 1500


async def test_an_exhausted_budget_is_a_timeout_naming_the_callee():
    svc = ServiceClient("http://svc", transport=httpx.MockTransport(lambda r: httpx.Response(200)), service="pegawai")
    token = deadline.start(0.0)
    try:
        with pytest.raises(UpstreamTimeout) as late:
            await svc.json("GET", "/a")
    finally:
        deadline.deadline_var.reset(token)
        await svc.aclose()
    assert late.value.extra["service"] == "pegawai"


@pytest.mark.parametrize(
    "broken",
    [
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadError(""),
        httpx.ConnectError("refused"),
    ],
    ids=["disconnected", "reset", "refused"],
)
async def test_a_request_that_never_reached_the_service_is_sent_again(broken):
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        if len(calls) == 1:
            raise broken
        return httpx.Response(201, json={"ok": True})

    svc = ServiceClient("http://svc", transport=httpx.MockTransport(answer))
    try:
        assert await svc.json("POST", "/a", json={}) == {"ok": True}
    finally:
        await svc.aclose()
    assert calls == ["POST", "POST"]


async def test_a_request_whose_answer_timed_out_is_not_sent_again():
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        raise httpx.ReadTimeout("slow")

    svc = ServiceClient("http://svc", transport=httpx.MockTransport(answer), service="pegawai")
    try:
        with pytest.raises(UpstreamTimeout):
            await svc.json("GET", "/a")
    finally:
        await svc.aclose()
    assert calls == ["GET"]


def recording(calls: list[dict[str, str]], hold: asyncio.Event | None = None) -> FastAPI:
    """A service on a real socket that notes each request's headers, then echoes its target
    (once `hold`, when given, is set)."""
    app = FastAPI()

    @app.api_route("/{path:path}", methods=["GET", "POST"])
    async def note(path: str, request: Request) -> dict[str, str]:
        calls.append(dict(request.headers))
        if hold is not None:
            await hold.wait()
        return {"path": request.url.path, "query": request.url.query}

    return app


async def test_the_gateway_on_sockets_names_a_slow_service_and_does_not_send_again():
    calls: list[dict[str, str]] = []
    hold = asyncio.Event()
    async with serving(recording(calls, hold)) as url:
        gateway = create_gateway(GatewaySettings(upstream_budget_seconds=1.0, pegawai_url=url))
        try:
            body = assert_problem(await _get(gateway, "/api/v1/jabatan"), 504, "pegawai")
        finally:
            hold.set()  # the server stops only once its requests are done
    assert body["type"].endswith("/upstream-timeout") and body["service"] == "pegawai"
    assert len(calls) == 1, "a request the service received is never sent twice"


async def test_the_gateway_on_sockets_passes_on_the_target_the_budget_the_language_and_the_request_id():
    calls: list[dict[str, str]] = []
    async with serving(recording(calls)) as url:
        gateway = create_gateway(GatewaySettings(upstream_budget_seconds=5.0, pegawai_url=url))
        r = await _get(gateway, "/api/v1/pegawai?q=ani%20s&unit_id=x")
    assert r.status_code == 200, r.text
    assert r.json() == {"path": "/api/v1/pegawai", "query": "q=ani%20s&unit_id=x"}
    told = calls[0]
    assert 0 < int(told[deadline.BUDGET_HEADER]) <= 4500
    assert told["accept-language"] == ENGLISH["Accept-Language"]
    assert told["x-request-id"] == r.headers["x-request-id"]
    assert told["authorization"].startswith("Bearer ")


async def test_the_gateway_on_sockets_keeps_the_path_a_service_is_mounted_under():
    calls: list[dict[str, str]] = []
    async with serving(recording(calls)) as url:
        gateway = create_gateway(GatewaySettings(pegawai_url=f"{url}/asn/pegawai/"))
        r = await _get(gateway, "/api/v1/jabatan?kelas_min=7")
    assert r.json() == {"path": "/asn/pegawai/api/v1/jabatan", "query": "kelas_min=7"}
