"""Fixtures of the pengembangan service's tests: pengembangan_db, pengembangan_app, pengembangan_client."""

from tests.conftest import service_fixtures

pengembangan_db, pengembangan_app_session, pengembangan_app, pengembangan_client = service_fixtures("pengembangan")
