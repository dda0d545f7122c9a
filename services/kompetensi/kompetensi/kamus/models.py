"""Tables of the competency dictionary: competencies and their five levels."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kompetensi.base import KompetensiBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned


class Kompetensi(Audited, UUIDPk, Versioned, Timestamps, KompetensiBase):
    __tablename__ = "kompetensi"
    __table_args__ = (CheckConstraint("jenis IN ('manajerial', 'sosial_kultural', 'teknis')", name="jenis"),)

    kode: Mapped[str] = mapped_column(String(30), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis: Mapped[str] = mapped_column(String(20), index=True)
    definisi: Mapped[str] = mapped_column(Text)
    rumpun: Mapped[str | None] = mapped_column(String(100), doc="Job family a technical competency belongs to")
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    dipensiunkan_pada: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    levels: Mapped[list[LevelKompetensi]] = relationship(
        back_populates="kompetensi", cascade="all, delete-orphan", order_by="LevelKompetensi.level", lazy="selectin"
    )


class LevelKompetensi(Audited, KompetensiBase):
    __tablename__ = "level_kompetensi"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),)

    kompetensi_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kompetensi.id", ondelete="CASCADE"), primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    deskripsi: Mapped[str] = mapped_column(Text)
    indikator: Mapped[list[str]] = mapped_column(JSONB, default=list)
    kompetensi: Mapped[Kompetensi] = relationship(back_populates="levels")
