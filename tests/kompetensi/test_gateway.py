"""kompetensi's resources through the gateway."""

import httpx

from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.conftest import ENGLISH, auth


async def test_kompetensi_resources_work_through_the_gateway(kompetensi_app, pegawai_app, world):
    app = create_app(
        GatewaySettings(),
        transports={
            "kompetensi": httpx.ASGITransport(app=kompetensi_app),
            "pegawai": httpx.ASGITransport(app=pegawai_app),
        },
    )
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://gw", headers={**auth("admin_bkpsdm"), **ENGLISH}
        ) as gw:
            put = await gw.put(
                f"/api/v1/standar-kompetensi/{world['jab_a']['id']}",
                json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 2}]},
            )
            assert put.status_code == 200, put.text
            jpm = await gw.post(f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [world["a1"]["nip"]]})
            assert jpm.status_code == 200 and jpm.json()["items"][0]["jpm"] == 0.0
            assert (await gw.get("/api/v1/kompetensi", params={"jenis": "teknis"})).json()["total"] == 1
            spec = (await gw.get("/openapi.json")).json()
            assert "/api/v1/jpm/jabatan/{jabatan_id}" in spec["paths"] and "/api/v1/pegawai/lookup" in spec["paths"]
