"""All tables of the pegawai service (imported by Alembic's env and by the domain modules)."""

from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

__all__ = [
    "AuditLog",
    "Base",
    "IdempotencyRecord",
    "Jabatan",
    "Pegawai",
    "RiwayatGolongan",
    "RiwayatJabatan",
    "RiwayatPendidikan",
    "UnitOrganisasi",
]
