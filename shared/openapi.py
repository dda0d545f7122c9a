"""What every OpenAPI document of the platform says the same way: the problem+json error
responses, with the shape the server really sends, declared per route with `problems(...)`."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    field: str = Field(description="Where: a body field (dotted for nested ones), or query.<name>, path.<name>")
    code: str = Field(description="Stable machine code of the error (pydantic's error type or ours)")
    message: str = Field(description="What is wrong, in the request's language")


class Problem(BaseModel):
    """RFC 9457 problem details, as every error of the platform is answered."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "https://asn-merit.example/problems/validation",
                    "title": "Masukan tidak valid",
                    "status": 422,
                    "detail": "Masukan tidak valid: golongan: golongan 'III/f' tidak dikenal; PNS memakai I/a..IV/e, "
                    "PPPK memakai I..XVII",
                    "instance": "/api/v1/pegawai",
                    "errors": [
                        {
                            "field": "golongan",
                            "code": "golongan-unknown",
                            "message": "golongan 'III/f' tidak dikenal; PNS memakai I/a..IV/e, PPPK memakai I..XVII",
                        }
                    ],
                }
            ]
        }
    )

    type: str = Field(
        description="URI whose last segment is the stable code a frontend maps",
        examples=["https://asn-merit.example/problems/pegawai-not-found"],
    )
    title: str = Field(description="Short summary of the kind of problem, in the request's language")
    status: int = Field(description="The HTTP status code, again")
    detail: str = Field(description="What happened and what to do, in the request's language")
    instance: str | None = Field(None, description="The path that was requested")
    errors: list[FieldError] | None = Field(None, description="Validation errors, one per field (422)")


DESCRIPTIONS = {
    400: "The body cannot be read as its media type (a broken multipart upload).",
    401: "No valid bearer token: sign in again.",
    403: "The caller's role may never do this.",
    404: "Not found, or outside the caller's scope (the two are answered alike).",
    409: "Conflicts with the current data (a duplicate, a full position, a record in use).",
    412: "If-Match names a version that is no longer current: reload and apply the change again.",
    413: "The body is larger than allowed.",
    422: "The input is not valid: `errors` names each field.",
    428: "If-Match is required: send the ETag of the version you read.",
    502: "A service this request depends on failed.",
    503: "A dependency (database or service) is unavailable: retry after Retry-After seconds.",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: each status answered as problem+json."""
    return {
        status: {"model": Problem, "description": DESCRIPTIONS.get(status, "Error"), "content": {PROBLEM_JSON: {}}}
        for status in statuses
    }


REQUEST_ID = {
    "name": "X-Request-ID",
    "in": "header",
    "required": False,
    "description": "Your id for this request (1-100 characters); it is echoed, logged and passed on. "
    "Made up when absent.",
    "schema": {"type": "string", "maxLength": 100},
}
ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "`id` (Indonesian, the default) or `en`: the language of every message in the answer.",
    "schema": {"type": "string", "maxLength": 200, "examples": ["id", "en"]},
}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": 'The ETag of the version you read (`"3"`); `*` overwrites whatever is current.',
    "schema": {"type": "string", "maxLength": 100, "examples": ['"3"']},
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Your key for this write (1-200 visible ASCII characters): a retry with the same key and body "
    "gets the first answer (with `Idempotent-Replayed: true`) instead of writing twice.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
}
ETAG_HEADER = {
    "description": "The record's version; send it back as If-Match to change it.",
    "schema": {"type": "string"},
}
REQUEST_ID_HEADER = {"description": "The request id (yours, or made up).", "schema": {"type": "string"}}
SECURITY_SCHEME = "bearerAuth"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _schema_of(spec: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    while "$ref" in schema:
        schema = spec["components"]["schemas"].get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def polish(spec: dict[str, Any], writes: set[tuple[str, str]]) -> dict[str, Any]:
    """What FastAPI leaves out of the document, added the same way for every app: errors as
    problem+json with the shape really sent, one security scheme, the headers of the write path
    (If-Match where 428 may answer, Idempotency-Key on writing POSTs, ETag on records), the
    request id and the language. `writes` are the (METHOD, path) that take a write dependency."""
    components = spec.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for model in (Problem, FieldError):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        # FieldError is a component of its own; left in, `$defs` reads as a property to client generators.
        schema.pop("$defs", None)
        schemas[model.__name__] = schema
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemes = components.setdefault("securitySchemes", {})
    bearer = schemes.pop("HTTPBearer", None) or {"type": "http", "scheme": "bearer"}
    schemes[SECURITY_SCHEME] = {**bearer, "bearerFormat": "JWT"}
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            op["security"] = [{SECURITY_SCHEME: []} for _ in op.get("security", [])][:1]
            if not op["security"]:
                op.pop("security")
            params = op.setdefault("parameters", [])
            responses = op.setdefault("responses", {})
            if path.startswith("/api/v1/"):
                if "security" in op:
                    responses.setdefault("401", {"description": DESCRIPTIONS[401]})
                responses.setdefault("503", {"description": DESCRIPTIONS[503]})
                if params or "requestBody" in op:
                    responses.setdefault("422", {"description": DESCRIPTIONS[422]})
                if "requestBody" in op:  # every app limits bodies before reading them (shared.edges)
                    responses.setdefault("413", {"description": DESCRIPTIONS[413]})
                    if "multipart/form-data" in op["requestBody"].get("content", {}):
                        responses.setdefault("400", {"description": DESCRIPTIONS[400]})
                params += [REQUEST_ID, ACCEPT_LANGUAGE]
                if "428" in responses:
                    # PUT creates the first version without one (shared.writes).
                    params.append({**IF_MATCH, "required": method != "put"})
                if (
                    method == "post"
                    and (method.upper(), path) in writes
                    and "multipart/form-data" not in op.get("requestBody", {}).get("content", {})
                ):
                    params.append(IDEMPOTENCY_KEY)
            for status, response in responses.items():
                code = int(status) if status.isdigit() else 0
                headers = response.setdefault("headers", {})
                if path.startswith("/api/v1/"):
                    headers["X-Request-ID"] = REQUEST_ID_HEADER
                if code >= 400:
                    response["content"] = {PROBLEM_JSON: {"schema": _ref("Problem")}}
                    response["description"] = DESCRIPTIONS.get(code, response.get("description") or "Error")
                elif 200 <= code < 300:
                    content = response.get("content", {})
                    if len(content) > 1 and content.get("application/json") == {"schema": {}}:
                        # FastAPI's default for a route without response_model; a file download never sends
                        # JSON, and a generated client would expect it.
                        del content["application/json"]
                    if "version" in _schema_of(spec, response).get("properties", {}):
                        headers["ETag"] = ETAG_HEADER
                if not headers:
                    response.pop("headers")
    return spec


def install(app: FastAPI) -> None:
    """Generate the app's document once, polished (see `polish`)."""
    from fastapi.openapi.utils import get_openapi
    from fastapi.routing import APIRoute, iter_route_contexts

    def generate() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                openapi_version=app.openapi_version,
            )
            schemas = spec.get("components", {}).get("schemas", {})
            for name, examples in _model_examples(app.routes).items():
                if name in schemas:
                    schemas[name]["examples"] = examples
            writes = {
                (method, context.path)
                for context in iter_route_contexts(app.routes)
                if isinstance(context.original_route, APIRoute)
                and _takes_a_write(context.original_route)
                and context.path is not None
                for method in context.methods or ()
            }
            app.openapi_schema = polish(spec, writes)
        return app.openapi_schema

    app.openapi = generate  # type: ignore[method-assign]  # FastAPI's documented way to customise the schema


def _model_examples(routes: Any) -> dict[str, list[Any]]:
    """Each component schema's model-level `examples`, as the models give them. FastAPI encodes its
    document with exclude_none, which also strips the nulls out of examples, so an answer example would
    lose its nullable fields (`"gelar_depan": null`); the same calls as get_openapi give the same names."""
    from fastapi._compat import get_definitions, get_flat_models_from_fields, get_model_name_map
    from fastapi.openapi.utils import get_fields_from_routes

    fields = get_fields_from_routes(list(routes))
    names = get_model_name_map(get_flat_models_from_fields(fields, known_models=set()))
    _, definitions = get_definitions(fields=fields, model_name_map=names, separate_input_output_schemas=True)
    return {name: schema["examples"] for name, schema in definitions.items() if "examples" in schema}


def _takes_a_write(route: Any) -> bool:
    return any(getattr(dep.call, "writes", False) for dep in route.dependant.dependencies)
