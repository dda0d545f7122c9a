"""The table of awards."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kinerja.base import KinerjaBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned
from shared.rules import load_penghargaan


class Penghargaan(Audited, UUIDPk, Versioned, Timestamps, KinerjaBase):
    """One award of one employee. The name and unit are kept as they were when it was recorded:
    the public feed shows them without asking the pegawai service, and an announcement names the
    person as the decree did."""

    __tablename__ = "penghargaan"
    __table_args__ = (Index("ix_penghargaan_diumumkan_tanggal", "tanggal", postgresql_where="diumumkan"),)

    nip: Mapped[str] = mapped_column(String(18), index=True)
    jenis: Mapped[str] = mapped_column(String(40), doc="Kind of award (shared/rules/penghargaan.yaml)")
    tanggal: Mapped[date] = mapped_column(Date)
    nomor_sk: Mapped[str] = mapped_column(String(100), doc="Number of the decree (surat keputusan)")
    pemberi: Mapped[str | None] = mapped_column(String(200), doc="Who awarded it")
    keterangan: Mapped[str | None] = mapped_column(Text)
    diumumkan: Mapped[bool] = mapped_column(Boolean, default=False, doc="Shown on the public feed")
    nama_pegawai: Mapped[str] = mapped_column(String(300))
    unit_nama: Mapped[str | None] = mapped_column(String(300))

    @property
    def jenis_nama(self) -> str:
        kind = load_penghargaan().kinds.get(self.jenis)
        return kind.nama if kind else self.jenis
