"""Who is calling: JWT bearer tokens turned into a Principal (subject, roles, OPD, NIP).

Development signs tokens locally (HS256, `JWT_DEV_SECRET`), each living at most
`DEV_TOKEN_MAX_HOURS`. Production verifies tokens from an OIDC issuer (RS256/ES256/PS256 via
the issuer's JWKS, with issuer and audience checked), e.g. a Keycloak realm whose roles arrive
in `realm_access.roles`. What each role may do is shared.access's business, not this module's.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.errors import Unauthorized
from shared.settings import ServiceSettings

# A development token is a convenience for one working day, not a credential to keep.
DEV_TOKEN_MAX_HOURS = 12


class Role(StrEnum):
    ADMIN_BKPSDM = "admin_bkpsdm"  # the Pemda's HR agency: everything
    ADMIN_OPD = "admin_opd"  # an agency's HR officer: its OPD
    ATASAN = "atasan"  # a supervisor: itself and its direct reports
    PEGAWAI = "pegawai"  # an employee: itself
    INTEGRASI = "integrasi"  # machine clients outside the platform (BKN SIASN sync): read only
    LAYANAN = "layanan"  # the platform's own services (outbox relays): read, and ingest results


@dataclass(frozen=True)
class Principal:
    sub: str
    roles: frozenset[str]
    nip: str | None = None
    opd_id: uuid.UUID | None = None
    token: str = field(default="", repr=False)

    def has(self, *roles: Role | str) -> bool:
        return any(str(r) in self.roles for r in roles)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN_BKPSDM in self.roles


def _dev_key(settings: ServiceSettings) -> str:
    secret: Any = settings.jwt_dev_secret
    return str(secret.get_secret_value() if hasattr(secret, "get_secret_value") else secret)


def create_dev_token(
    settings: ServiceSettings,
    *,
    sub: str,
    roles: Iterable[str],
    nip: str | None = None,
    opd_id: uuid.UUID | str | None = None,
    ttl_seconds: int = DEV_TOKEN_MAX_HOURS * 3600,
) -> str:
    if settings.auth_mode != "dev":
        raise RuntimeError("development tokens exist only with AUTH_MODE=dev")
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.jwt_dev_issuer,
        "sub": sub,
        "iat": now,
        "exp": now + min(ttl_seconds, DEV_TOKEN_MAX_HOURS * 3600),
        "roles": sorted(set(roles)),
    }
    if nip:
        claims["nip"] = nip
    if opd_id:
        claims["opd"] = str(opd_id)
    return jwt.encode(claims, _dev_key(settings), algorithm="HS256")


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600)


def _verified_claims(settings: ServiceSettings, token: str) -> dict[str, Any]:
    try:
        if settings.auth_mode == "dev":
            claims = jwt.decode(
                token,
                _dev_key(settings),
                algorithms=["HS256"],
                issuer=settings.jwt_dev_issuer,
                options={"require": ["exp", "sub"]},
            )
        else:
            if not (settings.oidc_jwks_url and settings.oidc_issuer):
                raise Unauthorized("token-invalid")
            key = _jwks_client(settings.oidc_jwks_url).get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256", "ES256", "PS256"],
                issuer=settings.oidc_issuer,
                audience=settings.oidc_audience,
                options={"require": ["exp", "sub", "iss"]},
            )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("token-expired") from exc
    except jwt.InvalidSignatureError as exc:
        raise Unauthorized("token-signature") from exc
    except jwt.InvalidAudienceError as exc:
        raise Unauthorized("token-audience") from exc
    except jwt.InvalidIssuerError as exc:
        raise Unauthorized("token-issuer") from exc
    except jwt.ImmatureSignatureError as exc:
        raise Unauthorized("token-not-yet-valid") from exc
    except jwt.MissingRequiredClaimError as exc:
        raise Unauthorized("token-claims", claim=exc.claim) from exc
    except (jwt.PyJWTError, jwt.PyJWKClientError) as exc:
        raise Unauthorized("token-invalid") from exc
    if not isinstance(claims, dict):
        raise Unauthorized("token-claims", claim="payload")
    # A development token never outlives a working day, however it was made (60 s of clock skew).
    if settings.auth_mode == "dev" and _number(claims, "exp") - time.time() > DEV_TOKEN_MAX_HOURS * 3600 + 60:
        raise Unauthorized("token-lifetime", hours=DEV_TOKEN_MAX_HOURS)
    return claims


def _number(claims: Mapping[str, Any], name: str) -> float:
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unauthorized("token-claims", claim=name)
    return float(value)


def _strings(value: Any, claim: str) -> set[str]:
    """A roles claim: absent, or a list of strings. Anything else is a token we cannot read."""
    if value is None:
        return set()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Unauthorized("token-claims", claim=claim)
    return set(value)


def _optional_string(claims: Mapping[str, Any], name: str) -> str | None:
    value = claims.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 200:
        raise Unauthorized("token-claims", claim=name)
    return value


def decode_token(settings: ServiceSettings, token: str) -> Principal:
    """The caller, from a verified token whose claims have the shapes we rely on (else 401)."""
    claims = _verified_claims(settings, token)
    realm = claims.get("realm_access")
    if realm is not None and not isinstance(realm, dict):
        raise Unauthorized("token-claims", claim="realm_access")
    roles = _strings(claims.get("roles"), "roles") | _strings((realm or {}).get("roles"), "realm_access.roles")
    sub = _optional_string(claims, "sub")
    if sub is None:
        raise Unauthorized("token-claims", claim="sub")
    opd_raw = _optional_string(claims, "opd")
    try:
        opd_id = uuid.UUID(opd_raw) if opd_raw else None
    except ValueError as exc:
        raise Unauthorized("token-claims", claim="opd") from exc
    nip = _optional_string(claims, "nip")
    if Role.ADMIN_OPD in roles and opd_id is None and not roles & {Role.ADMIN_BKPSDM, Role.INTEGRASI, Role.LAYANAN}:
        raise Unauthorized("token-opd-missing")
    for role in (Role.PEGAWAI, Role.ATASAN):
        if role in roles and nip is None and len(roles) == 1:
            raise Unauthorized("token-nip-missing", role=role.value)
    return Principal(sub=sub, roles=frozenset(roles), nip=nip, opd_id=opd_id, token=token)


_bearer = HTTPBearer(
    auto_error=False, description="A JWT from the Pemda's identity provider (development: `make token`)."
)


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("token-missing")
    principal = decode_token(request.app.state.settings, credentials.credentials)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


# --- the platform's own services as callers ------------------------------------------------
# A service that calls another on its own behalf (the outbox relay) presents a token of role
# `layanan` with a stable subject, so that its Idempotency-Keys stay its own across restarts and
# replicas (shared.idempotency scopes a key to the caller's identity).

MACHINE_TOKEN_MARGIN_SECONDS = 300  # a token is renewed this long before it expires


class MachineToken:
    """The bearer token a service presents as role `layanan`, renewed before it expires.

    AUTH_MODE=dev: signed here with JWT_DEV_SECRET, subject `layanan-<service>`, for an hour.
    AUTH_MODE=oidc: the OAuth 2.0 client-credentials grant (RFC 6749 4.4) at
    OUTBOX_OIDC_TOKEN_URL with OUTBOX_OIDC_CLIENT_ID and OUTBOX_OIDC_CLIENT_SECRET; the identity
    provider decides the subject and must give the client's service account the role `layanan`.
    `transport` lets tests answer the token request in-process.
    """

    def __init__(self, settings: ServiceSettings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.transport = transport
        self._token: str | None = None
        self._renew_at = 0.0
        if settings.auth_mode == "oidc":
            missing = [
                name.upper()
                for name in ("outbox_oidc_token_url", "outbox_oidc_client_id", "outbox_oidc_client_secret")
                if not getattr(settings, name)
            ]
            if missing:
                raise RuntimeError(
                    f"AUTH_MODE=oidc: the service's own token needs {', '.join(missing)} (a confidential client "
                    "with the client-credentials grant whose service account holds the role layanan)"
                )

    @property
    def subject(self) -> str:
        return f"layanan-{self.settings.service_name}"

    def forget(self) -> None:
        """Drop the token held (the callee refused it): the next call gets a new one."""
        self._token = None

    async def get(self) -> str:
        if self._token is None or time.time() >= self._renew_at:
            if self.settings.auth_mode == "dev":
                self._token = create_dev_token(
                    self.settings, sub=self.subject, roles=[Role.LAYANAN.value], ttl_seconds=3600
                )
                self._renew_at = time.time() + 3600 - MACHINE_TOKEN_MARGIN_SECONDS
            else:
                self._token, lifetime = await self._client_credentials()
                self._renew_at = time.time() + max(lifetime - MACHINE_TOKEN_MARGIN_SECONDS, lifetime / 2)
        return self._token

    async def _client_credentials(self) -> tuple[str, float]:
        s = self.settings
        secret = s.outbox_oidc_client_secret.get_secret_value() if s.outbox_oidc_client_secret else ""
        form = {"grant_type": "client_credentials", "client_id": s.outbox_oidc_client_id or "", "client_secret": secret}
        if s.outbox_oidc_scope:
            form["scope"] = s.outbox_oidc_scope
        async with httpx.AsyncClient(transport=self.transport, timeout=s.http_timeout_seconds) as client:
            response = await client.post(str(s.outbox_oidc_token_url), data=form)
        if response.status_code != 200:
            raise MachineTokenError(f"the token endpoint answered {response.status_code}: {response.text[:200]}")
        try:
            answer = response.json()
            token = answer["access_token"]
            lifetime = float(answer.get("expires_in") or 300)
        except (ValueError, KeyError, TypeError) as exc:
            raise MachineTokenError("the token endpoint's answer holds no access_token") from exc
        if not isinstance(token, str) or not token:
            raise MachineTokenError("the token endpoint's answer holds no access_token")
        return token, lifetime


class MachineTokenError(RuntimeError):
    """No token could be had from the identity provider (the relay tries again later)."""
