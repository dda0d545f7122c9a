"""Without a Docker engine: the compose file is valid Compose, and every image starts the apps
with the very command the native run uses, as a non-root user with a health check."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from devtools.apps import APPS

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    # check-jsonschema ships the Compose specification's JSON schema (vendor.compose-spec).
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
    )


def test_compose_file_is_valid_against_the_compose_specification():
    result = validate(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_catches_a_broken_compose_file(tmp_path):
    broken = compose()
    broken["services"]["gateway"]["ports"] = {"not": "a list"}
    bad = tmp_path / "docker-compose.yml"
    bad.write_text(yaml.safe_dump(broken))
    assert validate(bad).returncode != 0


def dockerfile(app: str) -> str:
    return (ROOT / "deploy" / "docker" / f"{app}.Dockerfile").read_text()


@pytest.mark.parametrize("app", APPS, ids=[a.name for a in APPS])
def test_each_image_runs_the_native_start_command_as_non_root_with_a_healthcheck(app):
    text = dockerfile(app.name)
    cmd = re.search(r"^CMD (\[.*\])$", text, re.MULTILINE)
    assert cmd, "CMD in exec (JSON) form"
    assert json.loads(cmd.group(1)) == app.command
    user = re.search(r"^USER (\S+)$", text, re.MULTILINE)
    assert user and user.group(1) not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*/healthz", text, re.MULTILINE | re.DOTALL)
    assert re.search(r"^FROM python:3\.\d+-slim$", text, re.MULTILINE)
    assert f"PORT={app.port}" in text


def env_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    return env if isinstance(env, dict) else dict(item.split("=", 1) for item in env)


def test_compose_runs_every_app_and_migrates_every_database():
    services = compose()["services"]
    for app in APPS:
        assert app.name in services, f"{app.name} missing from compose"
        built = services[app.name]["build"]["dockerfile"]
        assert built == f"deploy/docker/{app.name}.Dockerfile"
        if app.has_db:
            migrate = services[f"migrate-{app.name}"]
            assert migrate["command"] == [*app.command, "migrate"]
            assert (
                services[app.name]["depends_on"][f"migrate-{app.name}"]["condition"] == "service_completed_successfully"
            )
            assert env_of(services[app.name])["DATABASE_URL"].endswith(f"@postgres:5432/{app.name}")
    init = (ROOT / "deploy" / "postgres" / "init-databases.sql").read_text()
    for app in APPS:
        if app.has_db:
            assert f"CREATE DATABASE {app.name};" in init
    gateway_env = env_of(services["gateway"])
    for app in APPS:
        if app.has_db:
            assert gateway_env[f"{app.name.upper()}_URL"] == f"http://{app.name}:{app.port}"


def test_compose_sets_only_variables_the_apps_read():
    services = compose()["services"]
    for app in APPS:
        config = importlib.import_module(f"{app.name}.config")
        known = {name.upper() for name in type(config.get_settings()).model_fields}
        for service_name in (app.name, f"migrate-{app.name}"):
            if service_name in services:
                unknown = set(env_of(services[service_name])) - known
                assert not unknown, f"{service_name} sets variables no setting reads: {unknown}"


REQUIRED = ("POSTGRES_PASSWORD", "OIDC_ISSUER", "OIDC_JWKS_URL", "OIDC_AUDIENCE")
# A Compose interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ...
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}")


def test_compose_names_no_development_key_no_default_password_and_requires_oidc():
    text = COMPOSE.read_text()
    assert "JWT_DEV_SECRET" not in text and "dev-only" not in text, "no development signing key"
    uses: dict[str, list[re.Match[str]]] = {}
    for m in INTERPOLATION.finditer(text):
        uses.setdefault(m["name"], []).append(m)
    for name in REQUIRED:
        assert uses.get(name), f"{name} is not used"
        for m in uses[name]:
            # `:?` stops `docker compose up` (and config) with this message when the variable is unset or empty.
            assert m["op"] == ":?" and f"set {name}" in m["arg"], f"{m.group(0)} has a default or no message"
    services = compose()["services"]
    assert INTERPOLATION.fullmatch(env_of(services["postgres"])["POSTGRES_PASSWORD"])
    given = {
        "POSTGRES_PASSWORD": "x" * 24,
        "OIDC_ISSUER": "https://sso.example/realms/asn",
        "OIDC_JWKS_URL": "https://sso.example/realms/asn/certs",
        "OIDC_AUDIENCE": "asn-merit",
    }
    for app in APPS:
        settings_class = type(importlib.import_module(f"{app.name}.config").get_settings())
        for service_name in (app.name, f"migrate-{app.name}"):
            if service_name not in services:
                continue
            env = env_of(services[service_name])
            assert (env["ENVIRONMENT"], env["AUTH_MODE"]) == ("production", "oidc"), service_name
            for name in REQUIRED[1:]:
                required = INTERPOLATION.fullmatch(env[name])
                assert required is not None and required["name"] == name
            # With the four variables given, every app accepts what compose hands it.
            filled = {k: INTERPOLATION.sub(lambda m: given.get(m["name"]) or m["arg"], str(v)) for k, v in env.items()}
            settings = settings_class(**{k.lower(): v for k, v in filled.items()})
            assert settings.environment == "production" and settings.oidc_issuer == given["OIDC_ISSUER"]


def test_compose_gives_the_outbox_relay_what_it_needs_to_sign_in():
    """pengembangan runs an outbox relay, which signs in with client credentials under OIDC: compose
    requires the token endpoint and the secret, so the app does not refuse to start for want of them."""
    from shared.auth import MachineToken

    env = env_of(compose()["services"]["pengembangan"])
    for name in ("OUTBOX_OIDC_TOKEN_URL", "OUTBOX_OIDC_CLIENT_SECRET"):
        m = INTERPOLATION.fullmatch(env[name])
        assert m is not None and m["op"] == ":?" and f"set {name}" in m["arg"], env[name]
    filled = {k.lower(): INTERPOLATION.sub(lambda m: m["arg"] or "x", str(v)) for k, v in env.items()}
    settings_class = type(importlib.import_module("pengembangan.config").get_settings())
    MachineToken(settings_class(**filled))  # refuses (RuntimeError) when a client-credentials setting is missing
