"""`make token ROLE=<role> [OPD=<unit id>] [NIP=<nip>]`: print a development token.

The last line printed is the token alone, so scripts can take `| tail -1`. It is signed with the
installation's key (`$ASN_DATA_DIR/jwt-dev-secret`), the one `make run` gives the apps.
"""

from __future__ import annotations

import argparse
import sys
import uuid

from pydantic import SecretStr

from devtools.signing import dev_secret
from shared.auth import Role, create_dev_token
from shared.settings import ServiceSettings


def demo_defaults() -> tuple[str, str]:
    """The demo Pemda's OPD and one of its employees, so tokens work with `make run` at once."""
    from devtools.dataset import DEMO_OPD_ID, demo_nip

    return str(DEMO_OPD_ID), demo_nip()


def token_for(role: str, opd: str | None = None, nip: str | None = None, sub: str | None = None) -> str:
    default_opd, default_nip = demo_defaults()
    if role == Role.ADMIN_OPD:
        opd = opd or default_opd
        if not opd:
            raise SystemExit("admin_opd needs OPD=<unit id>")
        uuid.UUID(opd)
    if role in (Role.PEGAWAI, Role.ATASAN):
        nip = nip or default_nip
        if not nip:
            raise SystemExit(f"{role} needs NIP=<nip>")
    return create_dev_token(
        ServiceSettings(jwt_dev_secret=SecretStr(dev_secret())),
        sub=sub or f"dev-{role}",
        roles=[role],
        opd_id=opd if role == Role.ADMIN_OPD else None,
        nip=nip if role in (Role.PEGAWAI, Role.ATASAN) else None,
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="make token")
    parser.add_argument("--role", required=True, choices=[r.value for r in Role])
    parser.add_argument("--opd", help="unit id of the OPD (admin_opd)")
    parser.add_argument("--nip", help="the employee's NIP (pegawai, atasan)")
    args = parser.parse_args()
    token = token_for(args.role, args.opd, args.nip)
    print(f"# development token for role {args.role} (valid 12 hours)", file=sys.stderr)
    print(token)


if __name__ == "__main__":
    main()
