"""JWT bearer authentication with roles and OPD scope.

Development signs tokens locally (HS256, `JWT_DEV_SECRET`). Production verifies tokens from an
OIDC issuer (RS256/ES256 via the issuer's JWKS, with issuer and audience checked), e.g. a
Keycloak realm whose roles arrive in `realm_access.roles`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.errors import Forbidden, Unauthorized
from shared.settings import ServiceSettings


class Role(StrEnum):
    ADMIN_BKPSDM = "admin_bkpsdm"
    ADMIN_OPD = "admin_opd"
    ATASAN = "atasan"
    PEGAWAI = "pegawai"
    INTEGRASI = "integrasi"


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

    @property
    def reads_all(self) -> bool:
        """BKPSDM and machine clients (integrasi) read every OPD."""
        return self.has(Role.ADMIN_BKPSDM, Role.INTEGRASI)

    @property
    def scoped_opd(self) -> uuid.UUID | None:
        """The OPD this principal is limited to, or None when it is not limited to one OPD."""
        if self.reads_all:
            return None
        return self.opd_id if self.has(Role.ADMIN_OPD) else None


def create_dev_token(
    settings: ServiceSettings,
    *,
    sub: str,
    roles: Iterable[str],
    nip: str | None = None,
    opd_id: uuid.UUID | str | None = None,
    ttl_seconds: int = 12 * 3600,
) -> str:
    if settings.auth_mode != "dev":
        raise RuntimeError("development tokens exist only with AUTH_MODE=dev")
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.jwt_dev_issuer,
        "sub": sub,
        "iat": now,
        "exp": now + ttl_seconds,
        "roles": sorted(set(roles)),
    }
    if nip:
        claims["nip"] = nip
    if opd_id:
        claims["opd"] = str(opd_id)
    return jwt.encode(claims, settings.jwt_dev_secret.get_secret_value(), algorithm="HS256")


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600)


def decode_token(settings: ServiceSettings, token: str) -> Principal:
    try:
        if settings.auth_mode == "dev":
            claims = jwt.decode(
                token,
                settings.jwt_dev_secret.get_secret_value(),
                algorithms=["HS256"],
                issuer=settings.jwt_dev_issuer,
                options={"require": ["exp", "sub"]},
            )
        else:
            assert settings.oidc_jwks_url and settings.oidc_issuer
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
        raise Unauthorized("The token has expired; sign in again.", code="token-expired") from exc
    except (jwt.PyJWTError, jwt.PyJWKClientError) as exc:
        raise Unauthorized(f"The bearer token is not valid: {exc}.", code="token-invalid") from exc
    roles = set(claims.get("roles") or []) | set((claims.get("realm_access") or {}).get("roles") or [])
    opd_raw = claims.get("opd")
    try:
        opd_id = uuid.UUID(str(opd_raw)) if opd_raw else None
    except ValueError as exc:
        raise Unauthorized("The token's opd claim is not a unit id.", code="token-invalid") from exc
    if Role.ADMIN_OPD in roles and opd_id is None and not roles & {Role.ADMIN_BKPSDM, Role.INTEGRASI}:
        raise Unauthorized("An admin_opd token must name its OPD in the opd claim.", code="token-invalid")
    if Role.PEGAWAI in roles and not claims.get("nip") and len(roles) == 1:
        raise Unauthorized("A pegawai token must carry the employee's nip claim.", code="token-invalid")
    return Principal(
        sub=str(claims["sub"]), roles=frozenset(roles), nip=claims.get("nip"), opd_id=opd_id, token=token
    )


_bearer = HTTPBearer(auto_error=False)


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Send an 'Authorization: Bearer <token>' header.", code="token-missing")
    principal = decode_token(request.app.state.settings, credentials.credentials)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: Role) -> Callable[..., Any]:
    """A route dependency: the caller must hold one of `roles`."""
    allowed = {str(r) for r in roles}

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.roles & allowed:
            raise Forbidden(f"This action needs one of the roles: {', '.join(sorted(allowed))}.")
        return principal

    return dependency


# Ready-made dependencies for the common rules.
AnyUser = CurrentPrincipal
Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN_BKPSDM))]
Writer = Annotated[Principal, Depends(require_roles(Role.ADMIN_BKPSDM, Role.ADMIN_OPD))]
Reader = Annotated[
    Principal,
    Depends(require_roles(Role.ADMIN_BKPSDM, Role.ADMIN_OPD, Role.INTEGRASI, Role.ATASAN, Role.PEGAWAI)),
]
Staff = Annotated[Principal, Depends(require_roles(Role.ADMIN_BKPSDM, Role.ADMIN_OPD, Role.INTEGRASI))]
