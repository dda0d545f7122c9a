"""The JP ledger: every hour of development (jam pelajaran) an employee earned, one row per entry,
from every source."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pengembangan.base import PengembanganBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned
from shared.rules import load_pengembangan

# Where an entry comes from: pelatihan (a batch of the catalogue completed, credited by the
# enrollment domain through jp.service.credit), riwayat (history imported or typed in from the
# time before the platform), nonklasikal (coaching, mentoring, e-learning ... recorded by an admin).
SUMBER = ("pelatihan", "riwayat", "nonklasikal")
JP_MAX = 2000  # one entry: as the catalogue's longest program (a degree is some hundreds of JP)
TAHUN_MIN = 2000


class JpEntri(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """One entry of an employee's JP ledger. `tahun` is the year the hours count for; `tanggal`,
    the day they were earned (a completed batch's last day), is in that year and may be unknown
    only for imported history."""

    __tablename__ = "jp_entri"
    __table_args__ = (
        CheckConstraint("sumber IN ('pelatihan', 'riwayat', 'nonklasikal')", name="sumber"),
        CheckConstraint(f"jp > 0 AND jp <= {JP_MAX}", name="jp_range"),
        CheckConstraint(f"tahun BETWEEN {TAHUN_MIN} AND 2100", name="tahun_range"),
        CheckConstraint("tanggal IS NULL OR tahun = EXTRACT(YEAR FROM tanggal)", name="tanggal_in_tahun"),
        CheckConstraint("tanggal IS NOT NULL OR sumber = 'riwayat'", name="tanggal_known"),
        CheckConstraint("sumber <> 'nonklasikal' OR jenis IS NOT NULL", name="nonklasikal_jenis"),
        CheckConstraint(
            "(sumber = 'pelatihan') = (angkatan_id IS NOT NULL) AND (angkatan_id IS NULL) = (program_id IS NULL)",
            name="pelatihan_angkatan",
        ),
        # One credit per employee and batch (NULLs are distinct: other sources are not limited);
        # led by the batch, it also serves the foreign key's check when a batch is deleted.
        UniqueConstraint("angkatan_id", "nip"),
        # The bulk sum reads (nip, tahun) and jp from the index alone.
        Index("ix_jp_entri_nip_tahun", "nip", "tahun", postgresql_include=["jp"]),
    )

    nip: Mapped[str] = mapped_column(String(18))
    tahun: Mapped[int] = mapped_column(SmallInteger, doc="The year the JP count for")
    tanggal: Mapped[date | None] = mapped_column(Date, doc="When they were earned; unknown only for history")
    jp: Mapped[int] = mapped_column(Integer, doc="Hours of development (jam pelajaran)")
    sumber: Mapped[str] = mapped_column(String(12), doc="pelatihan, riwayat or nonklasikal")
    jenis: Mapped[str | None] = mapped_column(String(40), doc="Kind of development (shared/rules/pengembangan.yaml)")
    program_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("program.id", ondelete="RESTRICT"))
    angkatan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("angkatan.id", ondelete="RESTRICT"))
    uraian: Mapped[str] = mapped_column(String(500), doc="What was done")
    nomor_bukti: Mapped[str | None] = mapped_column(String(100), doc="Certificate or decree number")
    dicatat_oleh: Mapped[str] = mapped_column(String(200), doc="Who recorded it (the token's subject)")

    @property
    def jenis_nama(self) -> str | None:
        kind = load_pengembangan().kinds.get(self.jenis) if self.jenis else None
        return kind.nama if kind else self.jenis

    @property
    def jalur(self) -> str | None:
        kind = load_pengembangan().kinds.get(self.jenis) if self.jenis else None
        return kind.jalur if kind else None
