"""The pegawai service's Directory: reach answered from its own tables (shared.access holds the
contract; every other service asks this service through shared.clients.RemoteDirectory)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from fastapi import Request

from pegawai.jabatan import queries as jabatan_q
from pegawai.pegawai import queries as pegawai_q
from pegawai.pegawai.schemas import anggota_dict
from pegawai.reach import reached
from pegawai.unit_organisasi import queries as unit_q
from shared.access import Record, Scope
from shared.auth import Principal
from shared.db import Session, rows_as_dicts
from shared.kepegawaian import SERVING_VALUES


class LocalDirectory:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def opd_units(self, opd_id: uuid.UUID) -> frozenset[uuid.UUID]:
        return frozenset(await unit_q.subtree_ids(self.session, opd_id))

    async def pegawai(self, scope: Scope, nips: Sequence[str]) -> dict[str, Record]:
        rows = await pegawai_q.by_nips(self.session, nips, await reached(scope, reading=True))
        return {r["nip"]: r for r in rows_as_dicts(rows)}

    async def jabatan(self, scope: Scope, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Record]:
        found = await jabatan_q.by_ids(self.session, ids, await reached(scope))
        return {j.id: {"id": j.id, "unit_id": j.unit_id, "nama": j.nama, "jenis": j.jenis} for j in found}

    async def unit(self, scope: Scope, unit_id: uuid.UUID) -> Record | None:
        unit = await unit_q.readable_one(self.session, unit_id, await reached(scope))
        return None if unit is None else {"id": unit.id, "kode": unit.kode, "nama": unit.nama, "jenis": unit.jenis}

    async def pegawai_in_unit(self, scope: Scope, unit_id: uuid.UUID) -> list[Record] | None:
        reach = await reached(scope)
        if await unit_q.readable_one(self.session, unit_id, reach) is None:
            return None
        rows = await pegawai_q.roster(self.session, unit_id, SERVING_VALUES, await reached(scope, reading=True))
        return [anggota_dict(r) for r in rows_as_dicts(rows)]

    async def bawahan(self, scope: Scope, nip: str) -> frozenset[str]:
        return frozenset(await pegawai_q.bawahan_nips(self.session, nip))

    async def atasan(self, scope: Scope, nips: Sequence[str]) -> dict[str, str | None]:
        rows = await pegawai_q.atasan(self.session, nips, await reached(scope, reading=True))
        return {r.nip: r.atasan_nip for r in rows}


def local_directory(request: Request, principal: Principal, session: Any) -> LocalDirectory:
    return LocalDirectory(session)
