"""The declarative base of the kompetensi database's own tables."""

from shared.db import service_base

KompetensiBase = service_base("kompetensi")
