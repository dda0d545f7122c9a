"""Fast JSON responses for large read results.

A list of 1,000 records built from trusted database rows need not be validated again by
FastAPI's response model; pydantic-core serialises it directly. The route keeps its
response_model for the OpenAPI contract.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json
from starlette.responses import Response


def json_response(content: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(to_json(content), status_code=status_code, media_type="application/json", headers=headers)
