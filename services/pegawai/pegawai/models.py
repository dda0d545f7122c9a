"""All tables of the pegawai database: its own plus the shared ones (audit log, idempotency)."""

from pegawai.base import PegawaiBase
from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

target_metadata = [Base.metadata, PegawaiBase.metadata]

__all__ = [
    "AuditLog",
    "IdempotencyRecord",
    "Jabatan",
    "Pegawai",
    "RiwayatGolongan",
    "RiwayatJabatan",
    "RiwayatPendidikan",
    "UnitOrganisasi",
    "target_metadata",
]
