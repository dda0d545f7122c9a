"""The declarative base of the pegawai database's own tables."""

from shared.db import service_base

PegawaiBase = service_base("pegawai")
