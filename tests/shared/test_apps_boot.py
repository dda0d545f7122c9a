"""All five apps boot on their own database and answer health, readiness and metrics."""

import importlib

import httpx
import pytest

from devtools.apps import APPS
from tests.conftest import ENGLISH


@pytest.mark.parametrize("app_def", APPS, ids=[a.name for a in APPS])
async def test_app_boots_and_is_ready(app_def, database_urls):
    module = importlib.import_module(f"{app_def.name}.app")
    config = importlib.import_module(f"{app_def.name}.config")
    settings_cls = type(config.get_settings())
    settings = settings_cls(database_url=database_urls[app_def.name]) if app_def.has_db else settings_cls()
    app = module.create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://app", headers=ENGLISH
        ) as client:
            assert (await client.get("/healthz")).json() == {"status": "ok", "service": app_def.name}
            ready = await client.get("/readyz")
            assert ready.status_code == 200, ready.text
            assert (await client.get("/metrics")).status_code == 200
            spec = (await client.get("/openapi.json")).json()
            assert spec["info"]["title"].startswith("ASN Merit")
