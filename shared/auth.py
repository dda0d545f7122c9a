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
