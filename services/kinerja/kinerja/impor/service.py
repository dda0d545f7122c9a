"""The SKP import: each row read and checked as the API would check it, then, unless a row is bad
(and the import not partial) or it is a dry run, every good row written in one set-based INSERT.

`skp` rows become final SKPs of PermenPAN-RB 6/2022 (2022 on): the predikat follows from the
matrix of shared/rules/skp.yaml, never from the file; the rating supervisor is the one named, or
else the employee's supervisor today. `skp-lama` rows are numeric SKPs of before 2022 on their
own scale, whose predikat follows from that scale's bands.
"""

from __future__ import annotations

import uuid
from collections import Counter
from decimal import Decimal

from kinerja.impor import queries
from kinerja.impor.schemas import Jenis, SkpBaris, columns, header_of
from kinerja.skp import service as skp_service
from kinerja.skp.models import Skp, SkpLama
from kinerja.skp.schemas import SkpLamaIn
from shared import audit, impor
from shared.access import Record, Scope
from shared.db import Session
from shared.errors import UnprocessableEntity
from shared.impor import Outcome, Row
from shared.kepegawaian import nama_of
from shared.messages import t
from shared.rules import load_skp
from shared.workbook import SheetRow


def prepare(jenis: Jenis, table: list[SheetRow]) -> list[Row]:
    """Cells converted by their columns. CPU-bound: the route runs it in a worker thread."""
    return impor.prepare(columns(jenis), table)


async def _employees(scope: Scope, rows: list[Row]) -> dict[str, Record]:
    """The employees of the file within the caller's reach, in one call to the directory."""
    nips = list(dict.fromkeys(str(r.values["nip"]) for r in rows if "nip" in r.values))
    return await scope.directory.pegawai(scope, nips) if nips else {}


def _check_pairs(jenis: Jenis, valid: list[tuple[Row, str, int]], existing: set[tuple[str, int]]) -> None:
    """One record per employee and year: not already stored, not twice in the file."""
    counts = Counter((nip, tahun) for _, nip, tahun in valid)
    for row, nip, tahun in valid:
        if (nip, tahun) in existing:
            row.error(f"impor.{jenis}-ada", t(f"impor.{jenis}-ada", nip=nip, tahun=tahun), "Tahun")
        elif counts[(nip, tahun)] > 1:
            row.error(
                "impor.nip-tahun-ganda",
                t("impor.nip-tahun-ganda", nip=nip, tahun=tahun, kali=counts[(nip, tahun)]),
                "Tahun",
            )


async def import_skp(session: Session, scope: Scope, rows: list[Row], partial: bool, dry_run: bool) -> Outcome:
    employees = await _employees(scope, rows)
    periods = await queries.periods(session, {int(r.values["tahun"]) for r in rows if "tahun" in r.values})
    valid: list[tuple[Row, str, int]] = []
    for row in rows:
        impor.validate(row, SkpBaris, row.values, lambda key: header_of(Jenis.SKP, key))
        data = row.data
        if not isinstance(data, SkpBaris):
            continue
        if data.nip not in employees:
            row.error("impor.pegawai-unknown", t("impor.pegawai-unknown", nip=data.nip), "NIP")
        if data.tahun not in periods:
            row.error("impor.periode-unknown", t("impor.periode-unknown", tahun=data.tahun), "Tahun")
        if data.penilai_nip is not None and data.penilai_nip == data.nip:
            row.error("skp-penilai-self", t("skp-penilai-self", nip=data.nip), "NIP Penilai")
        if not row.errors:
            valid.append((row, data.nip, data.tahun))
    # the supervisor today, for the rows that name none: one call for all of them
    unnamed = [nip for row, nip, _ in valid if _skp(row).penilai_nip is None]
    atasan = await scope.directory.atasan(scope, list(dict.fromkeys(unnamed))) if unnamed else {}
    for row, nip, _ in valid:
        if _skp(row).penilai_nip is None and atasan.get(nip) is None:
            row.error("impor.penilai-unknown", t("impor.penilai-unknown", nip=nip), "NIP Penilai")
    valid = [v for v in valid if not v[0].errors]
    existing = await queries.existing_skp(session, {n for _, n, _ in valid}, {y for _, _, y in valid})
    _check_pairs(Jenis.SKP, valid, existing)
    outcome = impor.outcome(rows, partial, dry_run)
    if not outcome.writes:
        return outcome
    rules = load_skp()
    values = []
    for row in outcome.good:
        d = _skp(row)
        pegawai = employees[d.nip]
        values.append(
            {
                "id": uuid.uuid4(),
                "version": 1,
                "nip": d.nip,
                "periode_id": periods[d.tahun],
                "tahun": d.tahun,
                "penilai_nip": d.penilai_nip or atasan[d.nip],
                "status": "final",
                "rating_hasil_kerja": d.rating_hasil_kerja,
                "rating_perilaku_kerja": d.rating_perilaku_kerja,
                "predikat": rules.predikat_of(d.rating_hasil_kerja, d.rating_perilaku_kerja).kode,
                "catatan_penilai": d.catatan,
                "nama_pegawai": nama_of(pegawai),
                "unit_nama": pegawai.get("unit_nama"),
            }
        )
    await audit.insert_many(session, Skp, values)
    outcome.hasil.dibuat = len(values)
    return outcome


def _skp(row: Row) -> SkpBaris:
    assert isinstance(row.data, SkpBaris)  # asked only of rows that passed validation
    return row.data


async def import_lama(session: Session, scope: Scope, rows: list[Row], partial: bool, dry_run: bool) -> Outcome:
    employees = await _employees(scope, rows)
    predikat: dict[int, str] = {}
    valid: list[tuple[Row, str, int]] = []
    for row in rows:
        impor.validate(row, SkpLamaIn, row.values, lambda key: header_of(Jenis.SKP_LAMA, key))
        data = row.data
        if not isinstance(data, SkpLamaIn):
            continue
        if data.nip not in employees:
            row.error("impor.pegawai-unknown", t("impor.pegawai-unknown", nip=data.nip), "NIP")
        try:
            predikat[row.number] = skp_service.legacy_predikat(data.skala, data.nilai)
        except UnprocessableEntity as exc:
            row.error(exc.code, exc.detail, "Nilai")
        if not row.errors:
            valid.append((row, data.nip, data.tahun))
    existing = await queries.existing_lama(session, {n for _, n, _ in valid}, {y for _, _, y in valid})
    _check_pairs(Jenis.SKP_LAMA, valid, existing)
    outcome = impor.outcome(rows, partial, dry_run)
    if not outcome.writes:
        return outcome
    values = []
    for row in outcome.good:
        d = row.data
        assert isinstance(d, SkpLamaIn)
        values.append(
            {
                "id": uuid.uuid4(),
                "nip": d.nip,
                "tahun": d.tahun,
                "skala": d.skala,
                "nilai": Decimal(str(round(d.nilai, 2))),
                "predikat": predikat[row.number],
            }
        )
    await audit.insert_many(session, SkpLama, values)
    outcome.hasil.dibuat = len(values)
    return outcome
