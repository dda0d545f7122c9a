"""Fixtures of the kompetensi service's tests: kompetensi_db, kompetensi_app, kompetensi_client."""

from tests.conftest import service_fixtures

kompetensi_db, kompetensi_app_session, kompetensi_app, kompetensi_client = service_fixtures("kompetensi")
