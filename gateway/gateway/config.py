"""Gateway settings: a larger upstream budget than the services', and the CORS origins."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import field_validator
from pydantic_settings import NoDecode

from shared.settings import ServiceSettings

# The frontend dev servers (Next.js/CRA on 3000, Vite on 5173) on this machine.
DEV_ORIGINS = (
    "http://localhost:3000",
    "http://127.0.0.1:3000",
    "http://localhost:5173",
    "http://127.0.0.1:5173",
)


class GatewaySettings(ServiceSettings):
    service_name: str = "gateway"
    port: int = 8000
    # A composed request may wait longer than a service waits for its own upstream calls, so a
    # service whose callee is slow answers (naming that callee) before the gateway gives up.
    upstream_budget_seconds: float = 15.0
    http_timeout_seconds: float = 15.0
    # Composed endpoints (gateway/gateway/compose.py): each part's call must answer within these
    # (an optional part sooner, so that the rest is not held up by it), at most this many calls of
    # one request run at once, and a read the service answered 503 is tried this many times.
    compose_timeout_seconds: float = 5.0
    compose_optional_timeout_seconds: float = 2.0
    compose_max_concurrent_calls: int = 8
    compose_read_attempts: int = 2
    # Browser origins allowed to call the API (CORS_ORIGINS, comma-separated). Unset: the local
    # frontend dev servers in development, none in production.
    cors_origins: Annotated[list[str] | None, NoDecode] = None

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip() for o in value.split(",") if o.strip()]
        return value

    @property
    def allowed_origins(self) -> list[str]:
        if self.cors_origins is not None:
            return self.cors_origins
        return list(DEV_ORIGINS) if self.environment == "development" else []


@cache
def get_settings() -> GatewaySettings:
    return GatewaySettings()
