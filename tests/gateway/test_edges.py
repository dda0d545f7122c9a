"""What reaches the gateway's edges: odd bytes in paths and headers, upstream connections the
service closed, and the headers of its answers (issues 9 and 10)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.routing import ROUTES
from shared.serve import uvicorn_options
from tests.conftest import ENGLISH, auth
from tests.problem import assert_problem
from tests.shared.live import free_port, serving

ROOT = Path(__file__).resolve().parents[2]

NON_ASCII = "r\u00e9".encode()  # "ré" as a client sends it: UTF-8 bytes in a header value


async def test_a_control_character_in_the_path_gets_the_services_own_answer(gateway_client, pegawai_client):
    direct = await pegawai_client.get("/api/v1/pegawai/%07")
    through = await gateway_client.get("/api/v1/pegawai/%07")
    assert 400 <= direct.status_code < 500, direct.text
    assert through.status_code == direct.status_code, through.text
    assert through.json()["type"] == direct.json()["type"]
    assert (await gateway_client.get("/api/v1/tidak-ada/%07")).status_code == 404


async def test_non_ascii_header_values_are_no_server_error(gateway_client, pegawai_client):
    for app in (pegawai_client, gateway_client):
        r = await app.get("/api/v1/jabatan", headers={"X-Request-ID": NON_ASCII})
        assert r.status_code == 200, r.text
        # Not an id that can travel: a new one is made (and passed on).
        assert r.headers["x-request-id"].isascii() and len(r.headers["x-request-id"]) == 32
    body = {"kode": "IDK", "nama": "Unit", "jenis": "opd"}
    key = {"Idempotency-Key": "k\u00e9y".encode()}
    direct = await pegawai_client.post("/api/v1/unit-organisasi", json=body, headers=key)
    through = await gateway_client.post("/api/v1/unit-organisasi", json=body, headers=key)
    assert direct.status_code < 500 and through.status_code == direct.status_code, through.text


@contextmanager
def drill_upstream() -> Iterator[str]:
    """tests/gateway/drill_upstream.py in a uvicorn process of its own: a separate process, so its
    closing of a connection races the gateway's reuse of it, as between real services."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "tests.gateway.drill_upstream:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "error",
        ],
        # uvicorn logs the app's exception before it closes the connection, as in production:
        # that is the window in which the gateway reuses the connection.
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{url}/api/v1/drill-ok", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def test_a_service_that_closes_its_connection_after_a_500_costs_no_other_request():
    """The drill of issue 9: 4 clients through the gateway, half their requests to paths that
    answer 500 and close the connection; no request to the other path may get a 503."""
    failing = ("drill-boom", "drill-late", "drill-close")
    heads = (*failing, "drill-ok")
    ROUTES.update(dict.fromkeys(heads, "pegawai"))
    try:
        with drill_upstream() as url:
            app = create_app(GatewaySettings(pegawai_url=url))
            async with (
                app.router.lifespan_context(app),
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app),
                    base_url="http://gateway",
                    headers={**ENGLISH, **auth("integrasi")},
                ) as gw,
            ):

                async def client(n: int) -> Counter[tuple[str, int]]:
                    seen: Counter[tuple[str, int]] = Counter()
                    for i in range(40):
                        path = "drill-ok" if i % 2 else failing[(i // 2 + n) % 3]
                        seen[path, (await gw.get(f"/api/v1/{path}")).status_code] += 1
                    return seen

                results = sum(await asyncio.gather(*(client(n) for n in range(4))), Counter())
    finally:
        for head in heads:
            del ROUTES[head]
    assert results["drill-ok", 200] == 80, results
    assert sum(results[path, 500] for path in failing) == 80, results


async def test_answers_carry_one_date_and_no_relayed_server_header(pegawai_app):
    """Through real sockets: the gateway does not copy the service's Date and Server."""
    settings = GatewaySettings()
    async with serving(pegawai_app, **uvicorn_options(settings)) as pegawai_url:
        app = create_app(GatewaySettings(pegawai_url=pegawai_url))
        async with app.router.lifespan_context(app), serving(app, **uvicorn_options(settings)) as gateway_url:
            async with httpx.AsyncClient(base_url=gateway_url, headers={**ENGLISH, **auth("admin_bkpsdm")}) as gw:
                r = await gw.get("/api/v1/jabatan")
    assert r.status_code == 200, r.text
    names = [name.lower() for name, _ in r.headers.raw]
    duplicated = {n for n in names if names.count(n) > 1}
    assert duplicated == set(), duplicated
    assert b"date" in names and b"server" not in names


async def test_405_carries_allow_directly_and_through_the_gateway(gateway_client, pegawai_client):
    for app in (pegawai_client, gateway_client):
        r = await app.put("/api/v1/jabatan", json={})
        assert_problem(r, 405)
        assert set(r.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


async def test_a_service_keeps_the_connection_open_after_answering_500():
    """The services themselves no longer close a keep-alive connection after an error they answered."""
    from fastapi import APIRouter

    from shared.app import create_service_app
    from shared.settings import ServiceSettings

    router = APIRouter()

    @router.get("/api/v1/boom")
    async def boom() -> None:
        raise RuntimeError("boom")

    app = create_service_app(title="drill", settings=ServiceSettings(), routers=[router], with_database=False)

    def local_port(r: httpx.Response) -> int:
        return int(r.extensions["network_stream"].get_extra_info("socket").getsockname()[1])

    async with serving(app) as url, httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=1)) as c:
        failed = await c.get("/api/v1/boom")
        assert_problem(failed, 500)
        port = local_port(failed)
        after = await c.get("/healthz")
        assert after.status_code == 200
        assert local_port(after) == port, "the same connection served both"
