"""Fast JSON responses for large read results.

A list of 1,000 records built from trusted database rows need not be validated again by
FastAPI's response model; orjson serialises it directly (UUIDs, dates and datetimes natively).
The route keeps its response_model for the OpenAPI contract.
"""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel
from starlette.responses import Response


def json_response(content: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    # default=str: asyncpg returns its own UUID subclass, which orjson does not take as a UUID.
    # OPT_NON_STR_KEYS: mappings keyed by year (int) are valid JSON objects once the keys are text.
    body = orjson.dumps(content, default=str, option=orjson.OPT_NON_STR_KEYS)
    return Response(body, status_code=status_code, media_type="application/json", headers=headers)


def record_response(body: BaseModel, status_code: int = 200) -> Response:
    """One record, with its version as the ETag a later If-Match sends back."""
    version = getattr(body, "version", None)
    headers = {"ETag": f'"{version}"'} if isinstance(version, int) else None
    return json_response(body.model_dump(), status_code=status_code, headers=headers)
