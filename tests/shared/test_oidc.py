"""Production auth: RS256 tokens from an OIDC issuer, verified against its JWKS over HTTP."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth import _jwks_client, decode_token
from shared.errors import Unauthorized
from shared.settings import ServiceSettings

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KID = "test-key-1"


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": KID, "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/realms/asn/protocol/openid-connect/certs"
    server.shutdown()
    _jwks_client.cache_clear()


def settings(url: str) -> ServiceSettings:
    return ServiceSettings(
        environment="production",
        auth_mode="oidc",
        oidc_issuer="https://sso.example/realms/asn",
        oidc_jwks_url=url,
        oidc_audience="asn-merit",
    )


def issue(**claims: object) -> str:
    base = {
        "iss": "https://sso.example/realms/asn",
        "aud": "asn-merit",
        "sub": str(uuid.uuid4()),
        "exp": time.time() + 300,
    }
    return jwt.encode({**base, **claims}, KEY, algorithm="RS256", headers={"kid": KID})


def test_keycloak_style_token_is_accepted_with_roles_and_scope(jwks_url):
    opd = uuid.uuid4()
    principal = decode_token(
        settings(jwks_url), issue(realm_access={"roles": ["admin_opd", "offline_access"]}, opd=str(opd))
    )
    assert principal.has("admin_opd") and principal.opd_id == opd


@pytest.mark.parametrize(
    ("claims", "code"),
    [
        ({"aud": "another-app"}, "token-audience"),
        ({"iss": "https://evil.example"}, "token-issuer"),
        ({"exp": time.time() - 10}, "token-expired"),
    ],
)
def test_wrong_audience_issuer_or_expiry_is_refused(jwks_url, claims, code):
    with pytest.raises(Unauthorized) as err:
        decode_token(settings(jwks_url), issue(roles=["admin_bkpsdm"], **claims))
    assert err.value.code == code


def test_a_dev_token_is_refused_in_production(jwks_url):
    dev = jwt.encode({"sub": "x", "roles": ["admin_bkpsdm"], "exp": time.time() + 60}, "k" * 32, algorithm="HS256")
    with pytest.raises(Unauthorized):
        decode_token(settings(jwks_url), dev)
