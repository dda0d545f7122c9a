"""What every OpenAPI document of the platform says the same way: the problem+json error
responses, with the shape the server really sends, declared per route with `problems(...)`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    field: str = Field(description="Where: a body field (dotted for nested ones), or query.<name>, path.<name>")
    code: str = Field(description="Stable machine code of the error (pydantic's error type or ours)")
    message: str = Field(description="What is wrong, in the request's language")


class Problem(BaseModel):
    """RFC 9457 problem details, as every error of the platform is answered."""

    type: str = Field(description="URI whose last segment is the stable code a frontend maps", examples=[
        "https://asn-merit.example/problems/pegawai-not-found"])
    title: str = Field(description="Short summary of the kind of problem, in the request's language")
    status: int
    detail: str = Field(description="What happened and what to do, in the request's language")
    instance: str | None = Field(None, description="The path that was requested")
    errors: list[FieldError] | None = Field(None, description="Validation errors, one per field (422)")


DESCRIPTIONS = {
    400: "The request cannot be processed.",
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
