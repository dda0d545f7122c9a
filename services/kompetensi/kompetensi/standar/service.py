"""Job competency standards: the required level per competency of a position, versioned as a whole."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kompetensi.kamus import service as kamus
from kompetensi.standar import queries
from kompetensi.standar.models import StandarJabatan
from kompetensi.standar.schemas import StandarIn, StandarItemOut, StandarOut, StandarSetOut
from shared import audit
from shared.access import Record, Scope
from shared.db import Session
from shared.errors import NotFound, UnprocessableEntity
from shared.rules import load_kompetensi


async def read_many(session: Session, jabatan_ids: Sequence[uuid.UUID]) -> list[StandarOut]:
    rows = await queries.items(session, jabatan_ids)
    versions = {j: h.version for j, h in (await queries.headers(session, jabatan_ids)).items()}
    grouped: dict[uuid.UUID, list[StandarItemOut]] = defaultdict(list)
    for jid, kid, kode, nama, jenis, level in rows:
        grouped[jid].append(
            StandarItemOut(kompetensi_id=kid, kompetensi_kode=kode, nama=nama, jenis=jenis, level=level)
        )
    return [
        StandarOut(jabatan_id=j, version=versions.get(j), items=grouped.get(j, [])) for j in dict.fromkeys(jabatan_ids)
    ]


async def levels_in_reach(session: Session, scope: Scope, jabatan_ids: Sequence[uuid.UUID] | None) -> dict[str, Any]:
    """The required level per competency code of each position the caller reaches (an empty map
    for one without a standard), the others named as missing; plain rows, one statement. A caller
    that reaches every position is not checked against pegawai (nothing is out of its reach), so
    a Pemda's 1,500 positions cost no lookup of their records. `jabatan_ids` None (`semua`): every
    position the caller reaches that has a standard, by id, none named missing (for one that
    reaches everything every standard at once, without a list; anyone else's are those of the
    standards pegawai shows it)."""
    named = jabatan_ids is not None
    every = not named and scope.reaches_all
    if jabatan_ids is not None:
        wanted = list(dict.fromkeys(jabatan_ids))
    else:
        wanted = [] if every else await queries.required(session)
    if scope.reaches_all:
        visible = wanted
    else:
        found = await scope.directory.jabatan(scope, wanted) if wanted else {}
        visible = [i for i in wanted if i in found]
    levels: dict[uuid.UUID, dict[str, int]] = {i: {} for i in visible} if named else {}
    names: dict[str, str] = {}
    if visible or every:
        conn = await session.connection()
        rows = await conn.execute(queries.levels_statement(every), {} if every else {"ids": visible})
        for jabatan_id, kode, nama, level in rows:
            levels.setdefault(jabatan_id, {})[kode] = level
            names[kode] = nama
    return {
        "items": [{"jabatan_id": i, "level": levels[i]} for i in (levels if named else sorted(levels, key=str))],
        "kompetensi": names,
        "missing": [i for i in wanted if i not in levels] if named else [],  # `semua` names none beyond reach
    }


async def current(session: Session, jabatan_id: uuid.UUID) -> StandarJabatan | None:
    return (await queries.headers(session, [jabatan_id])).get(jabatan_id)


async def _replace(session: Session, jabatan_ids: list[uuid.UUID], levels: dict[uuid.UUID, int]) -> None:
    """Set-based: the old items go, the new come; each header is created or its version moves on;
    one audit entry per position with the levels before and after."""
    old = await read_many(session, jabatan_ids)
    existing = await queries.headers(session, jabatan_ids)
    await audit.update_many(session, StandarJabatan, queries.headers_of(list(existing)), queries.touch_values())
    await audit.insert_many(
        session, StandarJabatan, [{"jabatan_id": j, "version": 1} for j in jabatan_ids if j not in existing]
    )
    await queries.replace_items(session, jabatan_ids, levels)
    after = {str(k): lv for k, lv in levels.items()}
    await audit.record_many(
        session,
        "standar_kompetensi",
        [(str(o.jabatan_id), "replace", {str(i.kompetensi_id): i.level for i in o.items}, after) for o in old],
    )


async def _active_defaults(session: Session, jenis: str, given: set[str]) -> tuple[dict[uuid.UUID, int], list[str]]:
    """Default levels for a position kind, except those given explicitly. A retired default (or
    one missing from the dictionary) is skipped and named rather than refused: the caller did
    not ask for it by name."""
    defaults = {k: lv for k, lv in load_kompetensi().default_levels(jenis).items() if k not in given}
    found = await kamus.by_codes(session, set(defaults))
    skipped = sorted({*kamus.retired_codes(found), *(set(defaults) - set(found))})
    usable = {found[k].id: lv for k, lv in defaults.items() if k not in skipped}
    return usable, skipped


async def set_standard(session: Session, jabatan: Record, data: StandarIn) -> StandarSetOut:
    jabatan_id = uuid.UUID(str(jabatan["id"]))
    codes = [i.kompetensi_kode for i in data.items]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise UnprocessableEntity("standar-duplicate-kode", codes=", ".join(duplicates))
    found = await kamus.resolve_active(session, set(codes))
    levels = {found[i.kompetensi_kode].id: i.level for i in data.items}
    skipped: list[str] = []
    if data.sertakan_default:
        defaults, skipped = await _active_defaults(session, str(jabatan["jenis"]), set(codes))
        levels.update(defaults)
    if not levels:
        raise UnprocessableEntity("standar-empty")
    await _replace(session, [jabatan_id], levels)
    standard = (await read_many(session, [jabatan_id]))[0]
    return StandarSetOut(**standard.model_dump(), default_dilewati=skipped)


async def copy(session: Session, source: uuid.UUID, targets: list[uuid.UUID]) -> list[StandarOut]:
    src = (await read_many(session, [source]))[0]
    if not src.items:
        raise NotFound("standar-none-to-copy", id=source)
    # Refused rather than silently shortened: a copy that drops requirements would look complete.
    retired = kamus.retired_codes(await kamus.by_codes(session, {i.kompetensi_kode for i in src.items}))
    if retired:
        raise UnprocessableEntity(
            "standar-copy-retired", id=source, codes=", ".join(retired), extra={"retired": retired}
        )
    targets = [t for t in dict.fromkeys(targets) if t != source]
    await _replace(session, targets, {i.kompetensi_id: i.level for i in src.items})
    return await read_many(session, targets)


async def rekap(
    session: Session, scope: Scope, jabatan_ids: Sequence[uuid.UUID], dari_pegawai: bool = False
) -> dict[str, Any]:
    """Per position with a standard, its required competencies counted by kind; every position
    within the caller's reach (else 404). Positions the caller has from pegawai (`dari_pegawai`)
    are taken as found only from a caller that reaches every position: for it the lookup would
    find them all, so it is not sent (no access changes)."""
    if not (dari_pegawai and scope.reaches_all):
        await scope.require_jabatan(jabatan_ids)
    return {"items": await queries.per_jenis(session, jabatan_ids)}
