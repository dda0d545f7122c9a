"""Development tokens live one working day at most, however they were made."""

from __future__ import annotations

import os
import time

import jwt
import pytest

from shared.auth import DEV_TOKEN_MAX_HOURS, create_dev_token, decode_token
from shared.errors import Unauthorized
from shared.settings import ServiceSettings
from tests.conftest import ENGLISH
from tests.problem import assert_problem

DAY = DEV_TOKEN_MAX_HOURS * 3600


def test_a_token_asked_for_a_month_is_made_for_the_working_day() -> None:
    settings = ServiceSettings()
    claims = jwt.decode(
        create_dev_token(settings, sub="dev", roles=["admin_bkpsdm"], ttl_seconds=30 * 86400),
        options={"verify_signature": False},
    )
    assert claims["exp"] - claims["iat"] == DAY


def test_a_longer_token_signed_by_hand_with_the_key_is_refused() -> None:
    settings = ServiceSettings()
    claims = {"iss": settings.jwt_dev_issuer, "sub": "x", "roles": ["admin_bkpsdm"], "exp": int(time.time()) + 2 * DAY}
    token = jwt.encode(claims, os.environ["JWT_DEV_SECRET"], algorithm="HS256")
    with pytest.raises(Unauthorized) as refused:
        decode_token(settings, token)
    assert refused.value.code == "token-lifetime"
    just_inside = {**claims, "exp": int(time.time()) + DAY}
    assert decode_token(settings, jwt.encode(just_inside, os.environ["JWT_DEV_SECRET"], algorithm="HS256")).sub == "x"


async def test_the_refusal_is_a_401_problem_that_says_how_long_a_token_may_live(pegawai_client) -> None:
    settings = ServiceSettings()
    claims = {"iss": settings.jwt_dev_issuer, "sub": "x", "roles": ["admin_bkpsdm"], "exp": int(time.time()) + 3 * DAY}
    token = jwt.encode(claims, os.environ["JWT_DEV_SECRET"], algorithm="HS256")
    r = await pegawai_client.get("/api/v1/jabatan", headers={**ENGLISH, "Authorization": f"Bearer {token}"})
    body = assert_problem(r, 401, str(DEV_TOKEN_MAX_HOURS))
    assert body["type"].endswith("/token-lifetime")
