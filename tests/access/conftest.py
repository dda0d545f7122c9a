"""The access matrix walks every app, so it takes each service's fixtures."""

from tests.kompetensi.conftest import kom, kompetensi_app, kompetensi_app_session

__all__ = ["kom", "kompetensi_app", "kompetensi_app_session"]
