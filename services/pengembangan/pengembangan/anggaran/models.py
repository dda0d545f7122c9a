"""The budget table: per OPD per year, the OPD's pagu and the allocation for development."""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, CheckConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pengembangan.base import PengembanganBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned


class Anggaran(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """What an OPD may spend on development in a year. Only the two amounts BKPSDM sets are
    stored: what enrollments commit and realise is computed from the enrollments (peserta) each
    time it is read, so the two can never disagree."""

    __tablename__ = "anggaran"
    __table_args__ = (
        UniqueConstraint("opd_id", "tahun"),
        CheckConstraint("pagu >= 0 AND alokasi >= 0", name="not_negative"),
        CheckConstraint("alokasi <= pagu", name="alokasi_within_pagu"),
        CheckConstraint("tahun BETWEEN 2000 AND 2100", name="tahun_range"),
    )

    opd_id: Mapped[uuid.UUID] = mapped_column(doc="The OPD (pegawai's unit of kind opd)")
    opd_nama: Mapped[str | None] = mapped_column(String(300), doc="Its name when the budget was set")
    tahun: Mapped[int] = mapped_column(Integer, doc="Budget year")
    pagu: Mapped[int] = mapped_column(BigInteger, doc="The OPD's whole budget of the year, in rupiah")
    alokasi: Mapped[int] = mapped_column(BigInteger, doc="Of it, the allocation for competency development")
    keterangan: Mapped[str | None] = mapped_column(Text)
