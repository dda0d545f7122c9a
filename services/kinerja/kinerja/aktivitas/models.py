"""The table of the daily activity log: one row per entry (a span of minutes of one day)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, SmallInteger, String, Text, column, func
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kinerja.base import KinerjaBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

STATUS = ("diajukan", "dikonfirmasi", "dikembalikan")


def as_time(minutes: int) -> time:
    return time(23, 59) if minutes >= 24 * 60 else time(minutes // 60, minutes % 60)


class AktivitasHarian(Audited, UUIDPk, Versioned, Timestamps, KinerjaBase):
    """One entry: a span of a day (minutes since midnight, local time), what was done, and the
    SKP work result (`rhk_id`, of the employee's own SKP of that year) or the task of its
    position (`tugas_indeks` into the position's uraian_tugas, its text kept as it was) it
    served. Two entries of one person never overlap: the exclusion constraint holds it against
    concurrent writers too."""

    __tablename__ = "aktivitas_harian"
    __table_args__ = (
        CheckConstraint("menit_mulai >= 0 AND menit_mulai < menit_selesai AND menit_selesai <= 1440", name="waktu"),
        CheckConstraint("status IN ('diajukan', 'dikonfirmasi', 'dikembalikan')", name="status"),
        CheckConstraint("rhk_id IS NULL OR tugas_indeks IS NULL", name="sasaran"),
        ExcludeConstraint(
            (column("nip"), "="),
            (column("tanggal"), "="),
            (func.int4range(column("menit_mulai"), column("menit_selesai")), "&&"),
            name="ex_aktivitas_harian_tumpang_tindih",
            using="gist",
        ),
    )

    nip: Mapped[str] = mapped_column(String(18))
    tanggal: Mapped[date] = mapped_column(Date)
    menit_mulai: Mapped[int] = mapped_column(SmallInteger, doc="Start, minutes after midnight")
    menit_selesai: Mapped[int] = mapped_column(SmallInteger, doc="End, minutes after midnight (exclusive)")
    uraian: Mapped[str] = mapped_column(Text)
    rhk_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("rencana_hasil_kerja.id", ondelete="SET NULL"), index=True
    )
    tugas_indeks: Mapped[int | None] = mapped_column(SmallInteger)
    tugas_uraian: Mapped[str | None] = mapped_column(Text, doc="The position's task as it read when written")
    jabatan_id: Mapped[uuid.UUID | None] = mapped_column(doc="The position held when written (pegawai's id)")
    status: Mapped[str] = mapped_column(String(12), default="diajukan")
    catatan_atasan: Mapped[str | None] = mapped_column(Text)
    ditinjau_oleh: Mapped[str | None] = mapped_column(String(200))
    ditinjau_pada: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def mulai(self) -> time:
        return as_time(self.menit_mulai)

    @property
    def selesai(self) -> time:
        return as_time(self.menit_selesai)

    @property
    def menit(self) -> int:
        return self.menit_selesai - self.menit_mulai
