"""Each app's OpenAPI document generates working clients: valid, short unique operationIds, one
security scheme, errors as the problem+json really sent, the write path's headers documented."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from openapi_spec_validator import validate

APPS = ("pegawai", "kompetensi", "kinerja", "pengembangan", "gateway")


def spec_of(name: str) -> dict[str, Any]:
    return importlib.import_module(f"{name}.app").create_app().openapi()


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for p, item in spec["paths"].items() for m, op in item.items()]


@pytest.mark.parametrize("name", APPS)
def test_the_document_is_valid_openapi_with_short_unique_operation_ids(name: str) -> None:
    spec = spec_of(name)
    validate(spec)
    ids = [op["operationId"] for _, _, op in operations(spec)]
    assert len(ids) == len(set(ids))
    assert all(i[0].islower() and i.isalnum() and len(i) <= 40 for i in ids), ids


@pytest.mark.parametrize("name", APPS)
def test_every_operation_documents_its_purpose_security_and_errors(name: str) -> None:
    spec = spec_of(name)
    assert list(spec["components"]["securitySchemes"]) == ["bearerAuth"]
    for method, path, op in operations(spec):
        if not path.startswith("/api/v1/"):
            continue
        where = f"{method.upper()} {path}"
        assert op.get("summary") and op.get("description"), where
        assert op["security"] == [{"bearerAuth": []}], where
        assert {"401", "503"} <= set(op["responses"]), where
        for status, response in op["responses"].items():
            if int(status) >= 400:
                assert response["content"] == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}, where
        names = {p["name"] for p in op.get("parameters", [])}
        assert {"X-Request-ID", "Accept-Language"} <= names, where
        if "428" in op["responses"]:
            assert "If-Match" in names, where
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem["properties"])


def test_the_write_path_headers_are_documented_where_they_apply() -> None:
    spec = spec_of("pegawai")
    paths = spec["paths"]
    mutasi = paths["/api/v1/pegawai/{nip}/mutasi"]["post"]
    names = {p["name"]: p for p in mutasi["parameters"]}
    assert names["If-Match"]["required"] and not names["Idempotency-Key"]["required"]
    assert "Idempotency-Key" in {p["name"] for p in paths["/api/v1/pegawai"]["post"]["parameters"]}
    assert "Idempotency-Key" not in {p["name"] for p in paths["/api/v1/pegawai/lookup"]["post"]["parameters"]}
    assert "ETag" in paths["/api/v1/pegawai/{nip}"]["get"]["responses"]["200"]["headers"]
    assert "ETag" in paths["/api/v1/pegawai/{nip}"]["patch"]["responses"]["200"]["headers"]
    put = spec_of("kompetensi")["paths"]["/api/v1/standar-kompetensi/{jabatan_id}"]["put"]
    assert {p["name"]: p["required"] for p in put["parameters"]}["If-Match"] is False  # the first standard needs none
    export = paths["/api/v1/ekspor/pegawai"]["get"]["responses"]["200"]["content"]
    assert {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"} <= set(export)
