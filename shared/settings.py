"""Settings read from the environment (pydantic-settings), one class every service extends."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# HS256 with a shorter key is guessable offline from any token (RFC 7518 3.2 asks for >= 256 bits).
DEV_SECRET_MIN_BYTES = 32


# The largest file an import takes (shared.workbook reads no more; shared.edges refuses a larger body).
UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    service_name: str = "service"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    environment: Literal["development", "production"] = "development"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    db_pool_size: int = 10
    db_max_overflow: int = 10
    log_level: str = "INFO"
    log_json: bool = True

    # Development: tokens are signed locally with JWT_DEV_SECRET (HS256); there is no default key,
    # so none can be read in this repository (`make run` keeps a random one per installation).
    # Production: tokens come from an OIDC issuer and are checked against its JWKS.
    auth_mode: Literal["dev", "oidc"] = "dev"
    jwt_dev_secret: SecretStr = SecretStr("")
    jwt_dev_issuer: str = "asn-merit-dev"
    oidc_issuer: str | None = None
    oidc_jwks_url: str | None = None
    oidc_audience: str | None = None

    # Service-to-service calls. Each request gets one budget for all the calls it makes to other
    # services, retries included; the callee learns what is left (shared.deadline) and, if it calls
    # further, gives up `upstream_margin_seconds` earlier than its caller, so a timeout is answered
    # by the service whose callee ran out and names that callee. The gateway's budget is larger
    # (gateway/config.py). `http_timeout_seconds` caps any one call, also outside a request.
    http_timeout_seconds: float = 10.0
    upstream_budget_seconds: float = 10.0
    upstream_margin_seconds: float = 0.5
    db_connect_timeout_seconds: float = 5.0

    # Bounded input: a larger body is refused (413) before it is buffered. Multipart uploads get
    # the import limit for the file (shared.edges adds room for the multipart framing).
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = UPLOAD_LIMIT_BYTES

    # Tracing (OpenTelemetry, W3C trace context): off unless enabled or an OTLP endpoint is given
    # (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://collector:4318; spans go to <endpoint>/v1/traces).
    tracing_enabled: bool = False
    otel_exporter_otlp_endpoint: str | None = None
    pegawai_url: str = "http://127.0.0.1:8001"
    kompetensi_url: str = "http://127.0.0.1:8002"
    kinerja_url: str = "http://127.0.0.1:8003"
    pengembangan_url: str = "http://127.0.0.1:8004"

    # An update must carry If-Match; without it a client could overwrite a change it never saw.
    require_if_match: bool = True

    # The transactional outbox (shared.outbox), for a service that has one (pengembangan): its relay
    # runs in every replica (row locks keep them apart) unless OUTBOX_RELAY_ENABLED=false. A failed
    # delivery is tried again after OUTBOX_BACKOFF_BASE_SECONDS * 2^(n-1), at most
    # OUTBOX_BACKOFF_MAX_SECONDS (less up to a fifth, at random), and parked after
    # OUTBOX_MAX_ATTEMPTS attempts (with the defaults after 1 h 27 min to 1 h 49 min of failures); an answer that
    # says the message itself is wrong (a 4xx other than 401, 408, 429) parks it at once.
    outbox_relay_enabled: bool = True
    outbox_poll_seconds: float = Field(1.0, gt=0, le=60)
    outbox_workers: int = Field(2, ge=1, le=32)
    outbox_max_attempts: int = Field(30, ge=1, le=1000)
    outbox_backoff_base_seconds: float = Field(1.0, gt=0)
    outbox_backoff_max_seconds: float = Field(300.0, gt=0)
    outbox_keep_delivered_days: float = Field(7.0, ge=0)
    # The relay's own token (role layanan). AUTH_MODE=dev: signed with JWT_DEV_SECRET. AUTH_MODE=oidc:
    # fetched from the identity provider with the client-credentials grant of a confidential client
    # whose service account holds the realm role `layanan`.
    outbox_oidc_token_url: str | None = None
    outbox_oidc_client_id: str | None = None
    outbox_oidc_client_secret: SecretStr | None = None
    outbox_oidc_scope: str | None = None
    # Publish to NATS JetStream instead of calling the target over HTTP (an operator's broker).
    outbox_transport: Literal["http", "nats"] = "http"
    outbox_nats_url: str = "nats://127.0.0.1:4222"
    outbox_nats_stream: str = "ASN_OUTBOX"
    outbox_nats_subject_prefix: str = "asn.outbox"

    @model_validator(mode="after")
    def _production_is_locked_down(self) -> ServiceSettings:
        if self.environment == "production":
            if self.auth_mode != "oidc":
                raise ValueError("ENVIRONMENT=production requires AUTH_MODE=oidc")
            missing = [name for name in ("oidc_issuer", "oidc_jwks_url", "oidc_audience") if not getattr(self, name)]
            if missing:
                raise ValueError(f"AUTH_MODE=oidc requires {', '.join(m.upper() for m in missing)}")
        if self.auth_mode == "dev":
            size = len(self.jwt_dev_secret.get_secret_value().encode())
            if size < DEV_SECRET_MIN_BYTES:
                got = "it is not set" if size == 0 else f"it has {size}"
                raise ValueError(
                    f"AUTH_MODE=dev requires JWT_DEV_SECRET, a random key of at least {DEV_SECRET_MIN_BYTES} bytes "
                    f"({got}); `make run` keeps one in .data/jwt-dev-secret"
                )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        return to_asyncpg_url(self.database_url)


def to_asyncpg_url(url: str) -> str:
    """Accept plain postgresql:// URLs (as ops teams write them) and use the asyncpg driver."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, got {url.split(':', 1)[0]}://...")


def to_libpq_url(url: str) -> str:
    """The same URL without the SQLAlchemy driver suffix (for asyncpg.connect and psql)."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)
