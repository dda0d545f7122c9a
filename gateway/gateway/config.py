from __future__ import annotations

from functools import cache

from shared.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    service_name: str = "gateway"
    port: int = 8000


@cache
def get_settings() -> GatewaySettings:
    return GatewaySettings()
