"""The position (jabatan) table."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from pegawai.base import PegawaiBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned


class Jabatan(Audited, UUIDPk, Versioned, Timestamps, PegawaiBase):
    __tablename__ = "jabatan"
    __table_args__ = (
        CheckConstraint("kelas_jabatan BETWEEN 1 AND 17", name="kelas_range"),
        CheckConstraint("kebutuhan >= 0", name="kebutuhan_nonneg"),
    )

    kode: Mapped[str] = mapped_column(String(50), unique=True)
    nama: Mapped[str] = mapped_column(String(300))
    jenis: Mapped[str] = mapped_column(String(30), index=True)
    kelas_jabatan: Mapped[int] = mapped_column(SmallInteger, index=True)
    rumpun: Mapped[str | None] = mapped_column(String(100), index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_organisasi.id", ondelete="RESTRICT"), index=True)
    kebutuhan: Mapped[int] = mapped_column(Integer, default=0)
    uraian_tugas: Mapped[list[str]] = mapped_column(JSONB, default=list)
    hasil_kerja: Mapped[list[str]] = mapped_column(JSONB, default=list)
    syarat_pendidikan_min: Mapped[str | None] = mapped_column(String(10))
    syarat_golongan_min: Mapped[str | None] = mapped_column(String(10))
    keterangan: Mapped[str | None] = mapped_column(Text)
    # The position this one reports to: its serving holder supervises this one's holders.
    atasan_jabatan_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("jabatan.id", ondelete="SET NULL"), index=True
    )
    # Marked key by an admin (a structural position is key by its kind): the talent map plans
    # successors for it.
    kunci: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
