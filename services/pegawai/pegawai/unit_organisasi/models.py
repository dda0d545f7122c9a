"""The organisation unit table and the kinds of unit."""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pegawai.base import PegawaiBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned


class JenisUnit(StrEnum):
    INSTANSI = "instansi"
    OPD = "opd"
    BIDANG = "bidang"
    SUB_BIDANG = "sub_bidang"
    SEKSI = "seksi"
    UPT = "upt"


class UnitOrganisasi(Audited, UUIDPk, Versioned, Timestamps, PegawaiBase):
    __tablename__ = "unit_organisasi"

    kode: Mapped[str] = mapped_column(String(50), unique=True)
    nama: Mapped[str] = mapped_column(String(300))
    jenis: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit_organisasi.id", ondelete="RESTRICT"), index=True
    )
