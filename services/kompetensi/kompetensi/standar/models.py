"""Job competency standards: the required level of each competency for a position."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from kompetensi.base import KompetensiBase
from shared.audit import Audited
from shared.db import Timestamps, Versioned


class StandarJabatan(Audited, Versioned, Timestamps, KompetensiBase):
    """The standard of one position as a whole (jabatan id from the pegawai service); its
    version is the ETag a PUT that replaces the standard must send back."""

    __tablename__ = "standar_jabatan"

    jabatan_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)


class StandarKompetensi(Audited, Timestamps, KompetensiBase):
    """Required level of one competency for one position."""

    __tablename__ = "standar_kompetensi"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),)

    jabatan_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("standar_jabatan.jabatan_id", ondelete="CASCADE"), primary_key=True
    )
    kompetensi_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("kompetensi.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    level: Mapped[int] = mapped_column(SmallInteger)
