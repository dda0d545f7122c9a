"""The gateway routes each path to its service, checks tokens first and merges the OpenAPI documents."""

import pytest

from gateway.routing import ROUTES, at_gateway, resolve, service_for
from tests.conftest import auth
from tests.pegawai.factories import make_unit
from tests.pegawai.helpers import api_operations, bad_credentials, concrete
from tests.problem import assert_problem

BAD = bad_credentials()


async def test_pegawai_resources_work_through_the_gateway(gateway_client):
    opd = await make_unit(gateway_client, nama="Bappeda")
    r = await gateway_client.get(f"/api/v1/unit-organisasi/{opd['id']}")
    assert r.status_code == 200 and r.json()["nama"] == "Bappeda"
    assert r.headers["etag"] == '"1"'
    stale = await gateway_client.patch(
        f"/api/v1/unit-organisasi/{opd['id']}", json={"nama": "X"}, headers={"If-Match": '"9"'}
    )
    assert_problem(stale, 412)
    listed = await gateway_client.get("/api/v1/unit-organisasi", params={"q": "Bappeda"})
    assert listed.json()["total"] == 1


async def test_gateway_refuses_requests_without_a_valid_token(gateway_client):
    gateway_client.headers.pop("Authorization")
    assert_problem(await gateway_client.get("/api/v1/pegawai"), 401)
    assert_problem(await gateway_client.get("/api/v1/pegawai", headers={"Authorization": "Bearer x.y.z"}), 401)


def _at_gateway(path: str) -> str:
    """The gateway serves each service's audit log as audit-log/<service>."""
    return "/api/v1/audit-log/pegawai" if path == "/api/v1/audit-log" else concrete(path)


@pytest.mark.parametrize("credentials", list(BAD))
@pytest.mark.parametrize(("method", "path"), api_operations())
async def test_every_pegawai_route_answers_401_through_the_gateway_without_a_valid_token(
    gateway_client, method, path, credentials
):
    gateway_client.headers.pop("Authorization")
    r = await gateway_client.request(method, _at_gateway(path), headers=BAD[credentials])
    assert_problem(r, 401)


async def test_scope_is_enforced_behind_the_gateway(gateway_client):
    opd = await make_unit(gateway_client, nama="Dinas A")
    other = await make_unit(gateway_client, nama="Dinas B")
    r = await gateway_client.get(f"/api/v1/unit-organisasi/{other['id']}", headers=auth("admin_opd", opd=opd["id"]))
    assert_problem(r, 404)


async def test_request_id_travels_to_the_service(gateway_client):
    r = await gateway_client.get("/api/v1/jabatan", headers={"X-Request-ID": "trace-77"})
    assert r.status_code == 200
    assert r.headers["x-request-id"] == "trace-77"
    log = await gateway_client.post(
        "/api/v1/unit-organisasi",
        json={"kode": "RID", "nama": "R", "jenis": "opd"},
        headers={"X-Request-ID": "trace-78"},
    )
    assert log.status_code == 201
    audit = (
        await gateway_client.get(
            "/api/v1/audit-log/pegawai", params={"entity": "unit_organisasi", "entity_id": log.json()["id"]}
        )
    ).json()
    assert audit["items"][0]["request_id"] == "trace-78"


async def test_unknown_resource_and_unreachable_service_are_problems(gateway_without_kinerja):
    assert_problem(await gateway_without_kinerja.get("/api/v1/tidak-ada"), 404, "no resource")
    assert ROUTES["skp"] == "kinerja"
    assert service_for("skp/2024") == "kinerja"
    assert_problem(await gateway_without_kinerja.get("/api/v1/skp"), 503, "cannot be reached")


async def test_gateway_health(gateway_client):
    assert (await gateway_client.get("/healthz")).json()["service"] == "gateway"


async def test_one_openapi_document_holds_every_reachable_service(gateway_without_kinerja):
    spec = (await gateway_without_kinerja.get("/openapi.json")).json()
    assert "/api/v1/pegawai/{nip}/mutasi" in spec["paths"]
    assert "/api/v1/audit-log/pegawai" in spec["paths"]
    assert "PegawaiOut" in spec["components"]["schemas"]
    assert "kinerja" in spec["info"]["x-services-unavailable"]
    assert (await gateway_without_kinerja.get("/docs")).status_code == 200


async def test_the_merged_document_is_valid_with_unique_operation_ids_and_one_security_scheme(gateway_client):
    from openapi_spec_validator import validate

    spec = (await gateway_client.get("/openapi.json")).json()
    validate(spec)
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    assert {"listAuditLogPegawai", "listAuditLogKompetensi", "listAuditLogKinerja", "listAuditLogPengembangan"} <= set(
        ids
    )
    assert list(spec["components"]["securitySchemes"]) == ["bearerAuth"]
    assert "x-services-unavailable" not in spec["info"]
    refs = {r for r in __import__("re").findall(r'"#/components/schemas/([^"]+)"', __import__("json").dumps(spec))}
    assert refs <= set(spec["components"]["schemas"]), "every $ref resolves"


async def test_an_oversized_upload_is_refused_at_the_gateway_and_an_import_passes_through(gateway_client):
    r = await gateway_client.post("/api/v1/impor/pegawai", files={"file": ("besar.csv", b"x" * (11 * 1024 * 1024))})
    assert_problem(r, 413)
    r = await gateway_client.post(
        "/api/v1/impor/pegawai",
        files={"file": ("x.csv", b"NIP;Nama;Status\n")},
        params={"uji": "true"},
        headers={"Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    )
    assert r.status_code == 200 and r.headers["x-impor-uji"] == "true" and r.content.startswith(b"PK")


def test_merging_leaves_the_gateways_own_document_as_it_was() -> None:
    """The merged document is rebuilt every 30 s from the gateway's cached one: a service's
    schema that changed or went away must not linger in it."""
    import copy

    from gateway.openapi import merge

    base = {"openapi": "3.1.0", "info": {"title": "g"}, "paths": {}, "components": {"schemas": {"A": {}}}}
    before = copy.deepcopy(base)
    service = {
        "paths": {"/api/v1/x": {"get": {"operationId": "getX", "responses": {}}}},
        "components": {"schemas": {"B": {"type": "object"}}, "securitySchemes": {"bearerAuth": {"type": "http"}}},
    }
    merged = merge(base, {"pegawai": service})
    assert set(merged["components"]["schemas"]) == {"A", "B"} and "/api/v1/x" in merged["paths"]
    assert base == before


def test_what_each_service_has_of_its_own_is_served_under_the_services_name():
    """Every service's audit log, and the outbox of a service that has one, at <resource>/<service>."""
    assert resolve("audit-log/kinerja") == ("kinerja", "/api/v1/audit-log")
    assert resolve("audit-log/kinerja/") == ("kinerja", "/api/v1/audit-log")
    assert resolve("outbox/pengembangan") == ("pengembangan", "/api/v1/outbox")
    assert resolve("outbox/pengembangan/42/ulang") == ("pengembangan", "/api/v1/outbox/42/ulang")
    assert resolve("outbox/tidak-ada") is None and resolve("outbox") is None
    assert at_gateway("pengembangan", "/api/v1/outbox/{outbox_id}/ulang") == (
        "/api/v1/outbox/pengembangan/{outbox_id}/ulang"
    )
    assert at_gateway("pegawai", "/api/v1/audit-log") == "/api/v1/audit-log/pegawai"
    assert at_gateway("pegawai", "/api/v1/outboxes") == "/api/v1/outboxes"
