"""The mechanisms every service gets from shared.app, checked on the pegawai app."""

import time

import jwt

from shared.settings import ServiceSettings
from tests.conftest import SETTINGS
from tests.problem import assert_problem


async def test_health_readiness_and_metrics(pegawai_client):
    assert (await pegawai_client.get("/healthz")).json() == {"status": "ok", "service": "pegawai"}
    assert (await pegawai_client.get("/readyz")).status_code == 200
    await pegawai_client.get("/api/v1/jabatan")
    metrics = (await pegawai_client.get("/metrics")).text
    assert 'http_requests_total{method="GET",route="/api/v1/jabatan",service="pegawai",status="200"}' in metrics
    assert "http_request_duration_seconds_bucket" in metrics


async def test_request_id_is_echoed_or_created(pegawai_client):
    r = await pegawai_client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    assert len((await pegawai_client.get("/healthz")).headers["x-request-id"]) == 32


async def test_missing_bad_and_expired_tokens_answer_401(pegawai_client):
    pegawai_client.headers.pop("Authorization")
    body = assert_problem(await pegawai_client.get("/api/v1/pegawai"), 401, "Authorization: Bearer")
    assert body["type"].endswith("token-missing")
    assert_problem(
        await pegawai_client.get("/api/v1/pegawai", headers={"Authorization": "Bearer nonsense"}), 401, "not valid"
    )
    forged = jwt.encode(
        {"sub": "x", "roles": ["admin_bkpsdm"], "exp": time.time() + 60, "iss": SETTINGS.jwt_dev_issuer},
        "wrong-key-wrong-key-wrong-key-32b",
        algorithm="HS256",
    )
    assert_problem(
        await pegawai_client.get("/api/v1/pegawai", headers={"Authorization": f"Bearer {forged}"}), 401, "signature"
    )
    expired = jwt.encode(
        {"sub": "x", "roles": ["admin_bkpsdm"], "exp": time.time() - 5, "iss": SETTINGS.jwt_dev_issuer},
        SETTINGS.jwt_dev_secret.get_secret_value(),
        algorithm="HS256",
    )
    assert_problem(
        await pegawai_client.get("/api/v1/pegawai", headers={"Authorization": f"Bearer {expired}"}), 401, "expired"
    )


async def test_admin_opd_token_without_opd_is_refused(pegawai_client):
    token = jwt.encode(
        {"sub": "x", "roles": ["admin_opd"], "exp": time.time() + 60, "iss": SETTINGS.jwt_dev_issuer},
        SETTINGS.jwt_dev_secret.get_secret_value(),
        algorithm="HS256",
    )
    assert_problem(
        await pegawai_client.get("/api/v1/pegawai", headers={"Authorization": f"Bearer {token}"}), 401, "opd claim"
    )


async def test_validation_errors_are_problems_with_fields(pegawai_client):
    body = assert_problem(await pegawai_client.post("/api/v1/unit-organisasi", json={"nama": ""}), 422)
    fields = {e["field"] for e in body["errors"]}
    assert {"kode", "nama", "jenis"} <= fields
    assert_problem(
        await pegawai_client.post(
            "/api/v1/unit-organisasi", content=b"{not json", headers={"content-type": "application/json"}
        ),
        422,
    )
    assert_problem(await pegawai_client.get("/api/v1/nothing-here"), 404, "no resource")
    assert_problem(await pegawai_client.get("/api/v1/unit-organisasi/not-a-uuid"), 422, "unit_id")


async def test_audit_log_is_for_admin_bkpsdm_only(pegawai_client):
    from tests.conftest import auth

    assert_problem(await pegawai_client.get("/api/v1/audit-log", headers=auth("integrasi")), 403)
    assert (await pegawai_client.get("/api/v1/audit-log")).status_code == 200


def test_production_settings_demand_oidc():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="AUTH_MODE=oidc"):
        ServiceSettings(environment="production")
    with pytest.raises(ValidationError, match="OIDC_JWKS_URL"):
        ServiceSettings(environment="production", auth_mode="oidc", oidc_issuer="https://sso", oidc_audience="asn")
