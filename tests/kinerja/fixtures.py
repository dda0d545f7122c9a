"""Fixtures of the kinerja service's tests: kinerja_db, kinerja_app, kinerja_client."""

from tests.conftest import service_fixtures

kinerja_db, kinerja_app_session, kinerja_app, kinerja_client = service_fixtures("kinerja")
