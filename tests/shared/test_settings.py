"""Settings refuse a development signing key that is missing or too short, and never show it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.settings import ServiceSettings

KEY = "k" * 32


def test_development_auth_without_a_key_is_refused_naming_jwt_dev_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JWT_DEV_SECRET", raising=False)
    with pytest.raises(ValidationError, match=r"JWT_DEV_SECRET.*not set"):
        ServiceSettings()
    monkeypatch.setenv("JWT_DEV_SECRET", "")
    with pytest.raises(ValidationError, match="JWT_DEV_SECRET"):
        ServiceSettings()


def test_a_key_shorter_than_32_bytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JWT_DEV_SECRET", KEY[:-1])
    with pytest.raises(ValidationError, match=r"JWT_DEV_SECRET.*at least 32 bytes.*has 31"):
        ServiceSettings()
    # Bytes, not characters: 16 two-byte characters are 32 bytes.
    monkeypatch.setenv("JWT_DEV_SECRET", "é" * 16)
    assert ServiceSettings().jwt_dev_secret.get_secret_value() == "é" * 16


def test_the_key_comes_from_the_environment_and_is_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JWT_DEV_SECRET", KEY)
    settings = ServiceSettings()
    assert settings.jwt_dev_secret.get_secret_value() == KEY
    assert KEY not in repr(settings) and KEY not in str(settings.model_dump())


def test_oidc_needs_no_development_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JWT_DEV_SECRET", raising=False)
    settings = ServiceSettings(
        environment="production",
        auth_mode="oidc",
        oidc_issuer="https://sso.example/realms/asn",
        oidc_jwks_url="https://sso.example/realms/asn/certs",
        oidc_audience="asn-merit",
    )
    assert settings.auth_mode == "oidc"
