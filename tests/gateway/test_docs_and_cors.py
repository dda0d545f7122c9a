"""/docs and /redoc without internet, under a Content-Security-Policy; CORS at the gateway (issue 10)."""

from __future__ import annotations

import base64
import hashlib
import re

import httpx
import pytest

from gateway.app import create_app
from gateway.config import DEV_ORIGINS, GatewaySettings
from tests.conftest import ENGLISH, auth
from tests.problem import assert_problem

CONTENT_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".png": ("image/png",),
    ".json": ("application/json",),
}


@pytest.fixture(params=["service", "gateway"])
def app(request, pegawai_client, gateway_client):
    return pegawai_client if request.param == "service" else gateway_client


@pytest.mark.parametrize("page", ["/docs", "/redoc", "/docs/oauth2-redirect"])
async def test_docs_pages_load_every_asset_from_the_app(app, page):
    r = await app.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "http://" not in html and "https://" not in html, "nothing from another site"
    referenced = set(re.findall(r"""(?:src|href|spec-url)=["']([^"']+)["']""", html))
    referenced |= set(re.findall(r"""url: ?'([^']+)'""", html))  # Swagger UI's OpenAPI document
    assert page == "/docs/oauth2-redirect" or referenced, html
    for url in referenced:
        asset = await app.get(url)
        assert asset.status_code == 200, url
        suffix = "." + url.rsplit(".", 1)[-1]
        assert asset.headers["content-type"].split(";")[0] in CONTENT_TYPES[suffix], (
            url,
            asset.headers["content-type"],
        )
    policy = dict(part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    allowed_scripts = policy["script-src"].split()
    assert "'unsafe-inline'" not in allowed_scripts and "'unsafe-eval'" not in allowed_scripts
    for inline in re.findall(r"<script>(.*?)</script>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed_scripts


async def _preflight(gateway: httpx.AsyncClient, origin: str, method: str = "PATCH") -> httpx.Response:
    return await gateway.options(
        "/api/v1/pegawai/198503122010011003",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type, if-match",
        },
    )


async def test_cors_allows_the_local_frontends_in_development(gateway_client):
    origin = "http://localhost:5173"
    ok = await _preflight(gateway_client, origin)
    assert ok.status_code == 200, ok.text
    assert ok.headers["access-control-allow-origin"] == origin
    assert "PATCH" in ok.headers["access-control-allow-methods"]
    assert "if-match" in ok.headers["access-control-allow-headers"].lower()
    simple = await gateway_client.get("/api/v1/jabatan", headers={"Origin": origin})
    assert simple.headers["access-control-allow-origin"] == origin
    assert "etag" in simple.headers["access-control-expose-headers"].lower()
    refused = await _preflight(gateway_client, "https://evil.example")
    assert_problem(refused, 400, "origin")
    assert "access-control-allow-origin" not in refused.headers
    assert_problem(await _preflight(gateway_client, origin, method="TRACE"), 400, "method")


async def test_cors_origins_come_from_settings_and_none_in_production(pegawai_app):
    assert GatewaySettings().allowed_origins == list(DEV_ORIGINS)
    configured = GatewaySettings(cors_origins="https://sipeg.example.go.id, https://admin.example.go.id")
    assert configured.allowed_origins == ["https://sipeg.example.go.id", "https://admin.example.go.id"]
    production = GatewaySettings.model_construct(**{**GatewaySettings().model_dump(), "environment": "production"})
    assert production.allowed_origins == []
    app = create_app(production, transports={"pegawai": httpx.ASGITransport(app=pegawai_app)})
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://gateway",
            headers={**ENGLISH, **auth("admin_bkpsdm")},
        ) as gw,
    ):
        r = await _preflight(gw, "http://localhost:5173")
        assert "access-control-allow-origin" not in r.headers
        simple = await gw.get("/api/v1/jabatan", headers={"Origin": "http://localhost:5173"})
        assert simple.status_code == 200 and "access-control-allow-origin" not in simple.headers
