"""CORS for browser frontends on other origins, with refusals answered as problems."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from shared.errors import problem
from shared.messages import t

ALLOW_HEADERS = ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-ID", "Accept-Language"]
# What a frontend reads from answers: the version for If-Match, where a record was created,
# replays, retry hints, file names of exports.
EXPOSE_HEADERS = [
    "ETag",
    "Location",
    "X-Request-ID",
    "Idempotent-Replayed",
    "Retry-After",
    "Content-Disposition",
    "Content-Language",
]


class ProblemCORSMiddleware(CORSMiddleware):
    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        # Starlette says which of origin, method and headers it refused in a plain-text body.
        reasons = bytes(response.body).decode().removeprefix("Disallowed CORS ")
        refused = problem(400, "cors-refused", detail=t("cors-refused", reasons=reasons))
        refused.headers.update({k: v for k, v in response.headers.items() if k.lower().startswith("vary")})
        return refused


def cors(origins: list[str]) -> list[Middleware]:
    """The CORS middleware for `origins`, or none when there are none."""
    if not origins:
        return []
    return [
        Middleware(
            ProblemCORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=ALLOW_HEADERS,
            expose_headers=EXPOSE_HEADERS,
            max_age=600,
        )
    ]
