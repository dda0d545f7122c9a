import pytest

from gateway.routing import ROUTES, service_for
from tests.conftest import auth
from tests.factories import make_unit
from tests.pegawai.helpers import api_operations, bad_credentials, concrete
from tests.problem import assert_problem

BAD = bad_credentials()


async def test_pegawai_resources_work_through_the_gateway(gateway):
    opd = await make_unit(gateway, nama="Bappeda")
    r = await gateway.get(f"/api/v1/unit-organisasi/{opd['id']}")
    assert r.status_code == 200 and r.json()["nama"] == "Bappeda"
    assert r.headers["etag"] == '"1"'
    stale = await gateway.patch(f"/api/v1/unit-organisasi/{opd['id']}", json={"nama": "X"}, headers={"If-Match": '"9"'})
    assert_problem(stale, 412)
    listed = await gateway.get("/api/v1/unit-organisasi", params={"q": "Bappeda"})
    assert listed.json()["total"] == 1


async def test_gateway_refuses_requests_without_a_valid_token(gateway):
    gateway.headers.pop("Authorization")
    assert_problem(await gateway.get("/api/v1/pegawai"), 401)
    assert_problem(await gateway.get("/api/v1/pegawai", headers={"Authorization": "Bearer x.y.z"}), 401)


def _at_gateway(path: str) -> str:
    """The gateway serves each service's audit log as audit-log/<service>."""
    return "/api/v1/audit-log/pegawai" if path == "/api/v1/audit-log" else concrete(path)


@pytest.mark.parametrize("credentials", list(BAD))
@pytest.mark.parametrize(("method", "path"), api_operations())
async def test_every_pegawai_route_answers_401_through_the_gateway_without_a_valid_token(gateway, method, path, credentials):
    gateway.headers.pop("Authorization")
    r = await gateway.request(method, _at_gateway(path), headers=BAD[credentials])
    assert_problem(r, 401)


async def test_scope_is_enforced_behind_the_gateway(gateway):
    opd = await make_unit(gateway, nama="Dinas A")
    other = await make_unit(gateway, nama="Dinas B")
    r = await gateway.get(f"/api/v1/unit-organisasi/{other['id']}", headers=auth("admin_opd", opd=opd["id"]))
    assert_problem(r, 404)


async def test_request_id_travels_to_the_service(gateway):
    r = await gateway.get("/api/v1/jabatan", headers={"X-Request-ID": "trace-77"})
    assert r.status_code == 200
    assert r.headers["x-request-id"] == "trace-77"
    log = await gateway.post("/api/v1/unit-organisasi", json={"kode": "RID", "nama": "R", "jenis": "opd"}, headers={"X-Request-ID": "trace-78"})
    assert log.status_code == 201
    audit = (await gateway.get("/api/v1/audit-log/pegawai", params={"entity": "unit_organisasi", "entity_id": log.json()["id"]})).json()
    assert audit["items"][0]["request_id"] == "trace-78"


async def test_unknown_resource_and_unreachable_service_are_problems(gateway):
    assert_problem(await gateway.get("/api/v1/tidak-ada"), 404, "no resource")
    ROUTES["skp"] = "kinerja"
    try:
        assert service_for("skp/2024") == "kinerja"
        assert_problem(await gateway.get("/api/v1/skp"), 503, "cannot be reached")
    finally:
        del ROUTES["skp"]


async def test_gateway_health(gateway):
    assert (await gateway.get("/healthz")).json()["service"] == "gateway"


async def test_one_openapi_document_holds_every_reachable_service(gateway):
    spec = (await gateway.get("/openapi.json")).json()
    assert "/api/v1/pegawai/{nip}/mutasi" in spec["paths"]
    assert "/api/v1/audit-log/pegawai" in spec["paths"]
    assert "PegawaiOut" in spec["components"]["schemas"]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert "kinerja" in spec["info"]["x-services-unavailable"]
    assert (await gateway.get("/docs")).status_code == 200


async def test_an_oversized_upload_is_refused_at_the_gateway_and_an_import_passes_through(gateway):
    r = await gateway.post("/api/v1/impor/pegawai", files={"file": ("besar.csv", b"x" * (11 * 1024 * 1024))})
    assert_problem(r, 413)
    r = await gateway.post("/api/v1/impor/pegawai", files={"file": ("x.csv", b"NIP;Nama;Status\n")}, params={"uji": "true"},
                           headers={"Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    assert r.status_code == 200 and r.headers["x-impor-uji"] == "true" and r.content.startswith(b"PK")
