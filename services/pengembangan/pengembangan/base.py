"""The declarative base of the pengembangan database's own tables (their own MetaData, see shared.db.Base)."""

from sqlalchemy import MetaData

from shared.db import NAMING, Base


class PengembanganBase(Base):
    __abstract__ = True
    metadata = MetaData(naming_convention=NAMING)
