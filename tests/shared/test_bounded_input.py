"""Every input is bounded: each free-text field and each list of every request body and query has
a maximum in the OpenAPI (and so in validation), and a body cannot be made arbitrarily large."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

APPS = ("pegawai", "kompetensi", "kinerja", "pengembangan", "gateway")
# Strings bounded by their format rather than a length (the validator refuses anything else).
BOUNDED_FORMATS = {"uuid", "date", "date-time", "email", "binary"}


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def unbounded(spec: dict[str, Any], schema: dict[str, Any], where: str, seen: set[str]) -> list[str]:
    """Paths of the strings without maxLength and arrays without maxItems inside a schema."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen = seen | {name}
    schema = _resolve(spec, schema)
    out: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            out += unbounded(spec, sub, where, seen)
    kind = schema.get("type")
    # An uploaded file is bounded by the upload limit (413), not by its schema.
    bounded = {"maxLength", "enum", "const", "contentMediaType"} & set(schema) or schema.get(
        "format"
    ) in BOUNDED_FORMATS
    if kind == "string" and not bounded:
        out.append(where)
    if kind == "array":
        if "maxItems" not in schema:
            out.append(where + "[]")
        out += unbounded(spec, schema.get("items", {}), where + "[]", seen)
    if kind == "object" or "properties" in schema:
        for name, prop in schema.get("properties", {}).items():
            out += unbounded(spec, prop, f"{where}.{name}", seen)
    return out


@pytest.mark.parametrize("app_name", APPS)
def test_every_text_and_list_of_every_request_has_a_maximum(app_name: str) -> None:
    spec = importlib.import_module(f"{app_name}.app").create_app().openapi()
    found: list[str] = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            name = f"{method.upper()} {path}"
            for param in op.get("parameters", []):
                found += unbounded(spec, param.get("schema", {}), f"{name} {param['in']}.{param['name']}", set())
            for media in op.get("requestBody", {}).get("content", {}).values():
                found += unbounded(spec, media.get("schema", {}), f"{name} body", set())
    assert found == []
