"""The service-to-service client against the real pegawai app (and a port nobody listens on)."""

import httpx
import pytest

from shared.errors import NotFound, UnprocessableEntity, UpstreamUnavailable
from shared.http import ServiceClient
from shared.observability import request_id_var
from tests.conftest import token
from tests.pegawai.factories import make_unit


class PegawaiClient(ServiceClient):
    service = "pegawai"


async def test_calls_pass_the_token_and_request_id_and_map_problems(pegawai_client, pegawai_app):
    unit = await make_unit(pegawai_client, nama="Inspektorat")
    svc = PegawaiClient("http://pegawai", transport=httpx.ASGITransport(app=pegawai_app))
    rid = request_id_var.set("from-caller")
    try:
        got = await svc.json("GET", f"/api/v1/unit-organisasi/{unit['id']}", token=token("integrasi"))
        assert got["nama"] == "Inspektorat"
        response = await svc.request("GET", "/healthz")
        assert response.headers["x-request-id"] == "from-caller"
        with pytest.raises(NotFound):
            await svc.json(
                "GET", "/api/v1/unit-organisasi/00000000-0000-0000-0000-000000000000", token=token("integrasi")
            )
        with pytest.raises(UnprocessableEntity):
            await svc.json("POST", "/api/v1/pegawai/lookup", json={"nips": []}, token=token("integrasi"))
    finally:
        request_id_var.reset(rid)
        await svc.aclose()


async def test_an_unreachable_service_is_503_after_retries():
    svc = PegawaiClient("http://127.0.0.1:9", timeout=0.5, retries=2)
    with pytest.raises(UpstreamUnavailable) as refused:
        await svc.json("GET", "/healthz")
    assert refused.value.code == "upstream-unavailable" and refused.value.headers["Retry-After"]
    await svc.aclose()


async def test_a_read_is_tried_again_after_a_503_and_a_plain_call_is_not():
    """ServiceClient.read (the idempotent reads of shared.clients): a service that answers 503
    once (its database restarting) is asked again; `json`, which a write goes through, is not."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    asked: list[str] = []

    async def flaky(request: Request) -> JSONResponse:
        asked.append(request.method)
        if len(asked) % 2:
            return JSONResponse({"type": "/problems/not-ready", "status": 503}, status_code=503)
        return JSONResponse({"ok": True})

    app = Starlette(routes=[Route("/api/v1/x", flaky, methods=["GET", "POST"])])
    svc = PegawaiClient("http://flaky", transport=httpx.ASGITransport(app=app), read_attempts=2)
    try:
        assert await svc.read("POST", "/api/v1/x", json={"nips": []}) == {"ok": True}
        assert asked == ["POST", "POST"]
        with pytest.raises(UpstreamUnavailable):
            await svc.json("POST", "/api/v1/x", json={})
        assert asked == ["POST", "POST", "POST"]
    finally:
        await svc.aclose()
