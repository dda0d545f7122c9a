"""Fast JSON responses for large read results.

A list of 1,000 records built from trusted database rows need not be validated again by
FastAPI's response model; orjson serialises it directly (UUIDs, dates and datetimes natively).
The route keeps its response_model for the OpenAPI contract.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


def json_response(content: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    # default=str: asyncpg returns its own UUID subclass, which orjson does not take as a UUID.
    return Response(orjson.dumps(content, default=str), status_code=status_code, media_type="application/json", headers=headers)
