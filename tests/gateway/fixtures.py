"""Fixtures of the gateway app's tests: gateway_db, gateway_app, gateway_client."""

from tests.conftest import service_fixtures

gateway_db, gateway_app_session, gateway_app, gateway_client = service_fixtures("gateway")
