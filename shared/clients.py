"""Typed clients of the platform's services, and the Directory every service but pegawai uses.

Calls carry the caller's token, so each service applies the caller's scope: a NIP, a
position or a unit out of reach simply comes back missing. Bulk calls are chunked to the
service's limits and sent concurrently; nothing here calls once per employee. Every method is an
idempotent read (`ServiceClient.read`: tried again when the service answered 503).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
from fastapi import Request

from shared.access import Record, Scope
from shared.auth import Principal
from shared.errors import Forbidden, NotFound
from shared.http import ServiceClient

LOOKUP_LIMIT = 1000  # POST /pegawai/lookup takes up to 1,000 NIPs
JABATAN_LOOKUP_LIMIT = 10000  # POST /jabatan/lookup takes up to 10,000 ids
STANDAR_BULK_LIMIT = 10000  # POST /standar-kompetensi/bulk takes up to 10,000 positions
JPM_BULK_LIMIT = 1000  # kompetensi's POST /jpm/bulk
PREDIKAT_BULK_LIMIT = 10000  # kinerja's POST /predikat-kinerja/bulk
HUKDIS_BULK_LIMIT = 10000  # kinerja's POST /hukuman-disiplin/aktif
JP_BULK_LIMIT = 10000  # pengembangan's POST /jp/bulk
JP_JENDELA_LIMIT = 10000  # pengembangan's POST /jp/jendela (1,000 with its entries)
JP_JENDELA_RINCI_LIMIT = 1000
PAGE_LIMIT = 1000  # the largest page of a list (shared.pagination.MAX_LIMIT)
RINGKAS_PAGE = 10000  # pegawai's GET /pegawai/ringkas and /jabatan/ringkas: rows per page
LEVEL_BULK_LIMIT = 10000  # kompetensi's POST /profil-kompetensi/level


async def _over_roster(
    client: ServiceClient, path: str, params: Mapping[str, Any], roster: Sequence[Record], *fields: str, token: str
) -> Record:
    """A count over a roster the caller has read from pegawai with the same token
    (`PegawaiClient.pegawai_in_unit`), passed in the body (`shared.access.RosterIn`): each
    employee's NIP and the fields that count reads, no more; serialised with orjson (a tenth of
    the stdlib's time for 10,000 rows). Only for a caller that reaches everyone: the services
    ignore anyone else's and read pegawai's roster with its token."""
    body = {**params, "pegawai": [{"nip": p["nip"], **{f: p.get(f) for f in fields}} for p in roster]}
    headers = {"content-type": "application/json"}
    answer: Record = await client.read("POST", path, content=orjson.dumps(body), headers=headers, token=token)
    return answer


def chunks(values: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


@dataclass(frozen=True)
class Bulk:
    """A bulk read's answer merged over its chunks: the records by NIP, the NIPs the service left
    out (out of the caller's reach, or not shown to it), and the rest of the answer (e.g. the
    rules it applied)."""

    items: dict[str, Record]
    missing: frozenset[str] = frozenset()
    meta: Record = field(default_factory=dict)


async def _bulk(
    client: ServiceClient,
    path: str,
    nips: Sequence[str],
    size: int,
    token: str,
    body: Mapping[str, Any] | None = None,
    per_chunk: Any = None,
) -> Bulk:
    """POST `path` with the NIPs in concurrent chunks of `size` (each with `body`, and what
    `per_chunk(part)` adds); one merged answer."""
    wanted = list(dict.fromkeys(nips))
    if not wanted:
        return Bulk({})
    answers = await asyncio.gather(
        *(
            client.read(
                "POST", path, json={**(body or {}), **(per_chunk(part) if per_chunk else {}), "nips": part}, token=token
            )
            for part in chunks(wanted, size)
        )
    )
    return _merged(answers)


def _merged(answers: Sequence[Record]) -> Bulk:
    """One `Bulk` of the answers of a bulk read's chunks."""
    items = {str(i["nip"]): i for a in answers for i in a["items"]}
    missing = frozenset(str(n) for a in answers for n in a.get("missing", ()))
    meta = {k: v for k, v in answers[0].items() if k not in ("items", "missing")}
    return Bulk(items, missing, meta)


class PegawaiClient(ServiceClient):
    """The pegawai service: employees, positions and units, as the token's holder sees them."""

    service = "pegawai"

    async def lookup_pegawai(self, nips: Sequence[str], token: str) -> dict[str, Record]:
        """Employees by NIP, in concurrent chunks of 1,000; absent NIPs are missing from the answer."""
        if not nips:
            return {}
        answers = await asyncio.gather(
            *(
                self.read("POST", "/api/v1/pegawai/lookup", json={"nips": part}, token=token)
                for part in chunks(list(dict.fromkeys(nips)), LOOKUP_LIMIT)
            )
        )
        return {p["nip"]: p for a in answers for p in a["items"]}

    async def lookup_jabatan(self, ids: Sequence[uuid.UUID], token: str) -> dict[uuid.UUID, Record]:
        """Positions by id; absent ids are missing from the answer."""
        if not ids:
            return {}
        answers = await asyncio.gather(
            *(
                self.json("POST", "/api/v1/jabatan/lookup", json={"ids": [str(i) for i in part]}, token=token)
                for part in chunks(list(dict.fromkeys(ids)), JABATAN_LOOKUP_LIMIT)
            )
        )
        return {uuid.UUID(j["id"]): j for a in answers for j in a["items"]}

    async def _pages(self, path: str, params: Mapping[str, Any], token: str) -> list[Record]:
        """Every row of a paged compact read: the first page, then the rest concurrently."""
        first = await self.read("GET", path, params={**params, "limit": RINGKAS_PAGE}, token=token)
        rest = await asyncio.gather(
            *(
                self.read("GET", path, params={**params, "limit": RINGKAS_PAGE, "offset": offset}, token=token)
                for offset in range(RINGKAS_PAGE, int(first["total"]), RINGKAS_PAGE)
            )
        )
        return [row for page in (first, *rest) for row in page["items"]]

    async def pegawai_ringkas(
        self,
        token: str,
        unit_id: uuid.UUID | None = None,
        kelompok: bool = False,
        *,
        kelas_min: int | None = None,
        kelas_maks: int | None = None,
        rumpun: str | None = None,
        jabatan_acuan: uuid.UUID | None = None,
        kelas_turun: int = 0,
        rumpun_acuan: bool = False,
    ) -> list[Record]:
        """Every employee still employed the caller reaches (of a unit's subtree), compact, by NIP;
        gender and birth date only with `kelompok`; only holders of positions in the kelas range
        and rumpun when given, or in the range of `jabatan_acuan` (its kelas and `kelas_turun`
        below, its rumpun with `rumpun_acuan`) read by pegawai in the same request. A unit or an
        acuan out of reach: NotFound."""
        params: dict[str, Any] = {"kelompok": str(kelompok).lower()}
        if unit_id is not None:
            params["unit_id"] = str(unit_id)
        for name, value in (("kelas_min", kelas_min), ("kelas_maks", kelas_maks), ("rumpun", rumpun)):
            if value is not None:
                params[name] = value
        if jabatan_acuan is not None:
            params.update(jabatan_acuan=str(jabatan_acuan), kelas_turun=kelas_turun)
            if rumpun_acuan:
                params["rumpun_acuan"] = "true"
        return await self._pages("/api/v1/pegawai/ringkas", params, token)

    async def jabatan_ringkas(self, token: str, unit_id: uuid.UUID | None = None) -> list[Record]:
        """Every position the caller reaches (of a unit's subtree), compact, with its bezetting."""
        params = {"unit_id": str(unit_id)} if unit_id is not None else {}
        return await self._pages("/api/v1/jabatan/ringkas", params, token)

    async def unit(self, unit_id: uuid.UUID, token: str) -> Record | None:
        try:
            found: Record = await self.json("GET", f"/api/v1/unit-organisasi/{unit_id}", token=token)
        except NotFound:
            return None
        return found

    async def subtree_ids(self, unit_id: uuid.UUID, token: str) -> frozenset[uuid.UUID]:
        nodes = await self.json("GET", f"/api/v1/unit-organisasi/{unit_id}/subtree", token=token)
        return frozenset(uuid.UUID(n["id"]) for n in nodes)

    async def pegawai_in_unit(self, unit_id: uuid.UUID, token: str) -> list[Record] | None:
        """The serving employees of a unit and its sub-units (one call, the unit's roster); None when
        the unit is not within the caller's reach."""
        try:
            roster: Record = await self.json("GET", f"/api/v1/unit-organisasi/{unit_id}/pegawai", token=token)
        except NotFound:
            return None
        items: list[Record] = roster["items"]
        return items

    async def kebutuhan_jabatan(self, unit_id: uuid.UUID, token: str) -> list[Record]:
        """The staffing of every position of a unit and its sub-units (kebutuhan, bezetting): the
        first page, then every other page at once (pages of 1,000)."""
        path, params = "/api/v1/kebutuhan/jabatan", {"unit_id": str(unit_id), "limit": PAGE_LIMIT}
        first: Record = await self.read("GET", path, params={**params, "offset": 0}, token=token)
        rest = await asyncio.gather(
            *(
                self.read("GET", path, params={**params, "offset": offset}, token=token)
                for offset in range(PAGE_LIMIT, int(first["total"]), PAGE_LIMIT)
            )
        )
        # Pages read apart may see a position move between them: each position once.
        found = {str(i["jabatan_id"]): i for page in (first, *rest) for i in page["items"]}
        return list(found.values())

    async def kebutuhan_unit(self, unit_id: uuid.UUID, token: str) -> list[Record]:
        """A unit and every unit under it (kode, nama, jenis, parent_id, opd_id) with the staffing of
        its subtree, in one call; 404 when the unit is out of the caller's reach."""
        units: list[Record] = await self.read(
            "GET", "/api/v1/kebutuhan/unit", params={"unit_id": str(unit_id)}, token=token
        )
        return units

    async def unit_opd(self, token: str, unit_id: uuid.UUID | None = None) -> list[Record]:
        """Each unit the caller reaches (of a unit's subtree) with its OPD and parent (kebutuhan/unit),
        in one call; 404 when the unit is out of reach."""
        params = {"unit_id": str(unit_id)} if unit_id is not None else {}
        units: list[Record] = await self.read("GET", "/api/v1/kebutuhan/unit", params=params, token=token)
        return units

    async def proyeksi_pensiun(self, unit_id: uuid.UUID, tahun: int, per_tanggal: date, token: str) -> Record:
        """Who of a unit and its sub-units reaches BUP within `tahun` calendar years from
        `per_tanggal`, per year and per position (one call)."""
        params = {"unit_id": str(unit_id), "tahun": tahun, "per_tanggal": per_tanggal.isoformat()}
        answer: Record = await self.read("GET", "/api/v1/proyeksi-pensiun", params=params, token=token)
        return answer

    async def units(self, token: str, jenis: str | None = None) -> list[Record]:
        """Every unit the caller reaches (of a kind when given), pages of 1,000 read at once."""
        path, params = "/api/v1/unit-organisasi", {"limit": PAGE_LIMIT, **({"jenis": jenis} if jenis else {})}
        first = await self.read("GET", path, params=params, token=token)
        rest = await asyncio.gather(
            *(
                self.read("GET", path, params={**params, "offset": offset}, token=token)
                for offset in range(PAGE_LIMIT, int(first["total"]), PAGE_LIMIT)
            )
        )
        return [row for page in (first, *rest) for row in page["items"]]

    async def rekap_jabatan(self, token: str, unit_id: uuid.UUID | None = None) -> Record:
        """The positions' job-analysis and peta jabatan counts (one statement in pegawai)."""
        params = {"unit_id": str(unit_id)} if unit_id is not None else {}
        answer: Record = await self.read("GET", "/api/v1/jabatan/rekap", params=params, token=token)
        return answer

    async def rekap_pegawai(self, token: str, tahun: int, unit_id: uuid.UUID | None = None) -> Record:
        """The serving employees' record completeness and the promotions of the year (one call)."""
        params: dict[str, Any] = {"tahun": tahun, **({"unit_id": str(unit_id)} if unit_id is not None else {})}
        answer: Record = await self.read("GET", "/api/v1/pegawai/rekap", params=params, token=token)
        return answer

    async def bawahan(self, nip: str, token: str) -> frozenset[str]:
        """NIPs of the direct reports of `nip` (one call); none when `nip` is out of the caller's reach."""
        try:
            answer: Record = await self.json("GET", f"/api/v1/pegawai/{nip}/bawahan", token=token)
        except NotFound:
            return frozenset()
        return frozenset(str(b["nip"]) for b in answer["items"])

    async def atasan(self, nips: Sequence[str], token: str) -> dict[str, str | None]:
        """The direct supervisor of each employee the caller reads, in one call (up to 10,000)."""
        if not nips:
            return {}
        answer: Record = await self.json("POST", "/api/v1/pegawai/atasan", json={"nips": list(nips)}, token=token)
        return {str(i["nip"]): i.get("atasan_nip") for i in answer["items"]}


class KompetensiClient(ServiceClient):
    """The kompetensi service: job competency standards, competency profiles and job-person match,
    as the token's holder reaches them (a position out of reach answers 404 for the whole call)."""

    service = "kompetensi"

    async def standar(self, jabatan_ids: Sequence[uuid.UUID], token: str) -> dict[uuid.UUID, list[Record]]:
        """The standard of each position (its items: kompetensi_kode, level, ...; [] when it has
        none), in one call. A position kompetensi's caller does not find (deleted since it was
        named, e.g. an old career target) is left out: the call is sent once more without it."""
        wanted = list(dict.fromkeys(jabatan_ids))[:STANDAR_BULK_LIMIT]
        if not wanted:
            return {}
        try:
            answer = await self.json(
                "POST", "/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": [str(i) for i in wanted]}, token=token
            )
        except NotFound as exc:
            missing = {str(m) for m in exc.extra.get("missing") or ()}
            rest = [i for i in wanted if str(i) not in missing]
            if not missing or len(rest) == len(wanted):
                raise
            return await self.standar(rest, token) if rest else {}
        return {uuid.UUID(s["jabatan_id"]): list(s["items"]) for s in answer}

    async def standar_level(
        self, jabatan_ids: Sequence[uuid.UUID] | None, token: str
    ) -> tuple[dict[str, dict[str, int]], dict[str, str]]:
        """(required level per code of each position the caller reaches, the codes' names), compact,
        in concurrent chunks of 10,000; a position out of reach is left out. `jabatan_ids` None: of
        every position the caller reaches that has a standard (one call, no list; one without
        is absent)."""
        path = "/api/v1/standar-kompetensi/level"
        if jabatan_ids is None:
            answers = [await self.read("POST", path, json={"semua": True}, token=token)]
        else:
            wanted = [str(i) for i in dict.fromkeys(jabatan_ids)]
            if not wanted:
                return {}, {}
            answers = await asyncio.gather(
                *(
                    self.read("POST", path, json={"jabatan_ids": part}, token=token)
                    for part in chunks(wanted, STANDAR_BULK_LIMIT)
                )
            )
        levels = {str(i["jabatan_id"]): dict(i["level"]) for a in answers for i in a["items"]}
        names = {k: v for a in answers for k, v in a["kompetensi"].items()}
        return levels, names

    async def rekap_standar(
        self, jabatan_ids: Sequence[uuid.UUID], token: str, dari_pegawai: bool = False
    ) -> dict[uuid.UUID, Record]:
        """Per position with a standard, its required competencies counted by kind, in concurrent
        chunks of 10,000 positions (a position out of reach: NotFound). `dari_pegawai`: the ids are
        pegawai's answer to the same token (kompetensi then does not look them up in pegawai again
        for a caller that reaches everything)."""
        wanted = list(dict.fromkeys(jabatan_ids))
        answers = await asyncio.gather(
            *(
                self.read(
                    "POST",
                    "/api/v1/standar-kompetensi/rekap",
                    json={"jabatan_ids": [str(i) for i in part], **({"dari_pegawai": True} if dari_pegawai else {})},
                    token=token,
                )
                for part in chunks(wanted, STANDAR_BULK_LIMIT)
            )
        )
        return {uuid.UUID(str(i["jabatan_id"])): i for a in answers for i in a["items"]}

    async def rekap_asesmen(
        self,
        unit_id: uuid.UUID,
        token: str,
        tahun_terakhir: int,
        metode: Sequence[str] = (),
        roster: Sequence[Record] | None = None,
    ) -> Record:
        """How many of a unit's serving employees were measured lately, in all and per kind of
        position (one call). `roster`: the unit's roster the caller has read from pegawai with the
        same token (kompetensi takes it from a caller that reaches everyone; see `_over_roster`)."""
        params: dict[str, Any] = {"unit_id": str(unit_id), "tahun_terakhir": tahun_terakhir}
        if metode:
            params["metode"] = list(metode)
        if roster is not None:
            return await _over_roster(self, "/api/v1/asesmen/rekap", params, roster, "jabatan_jenis", token=token)
        answer: Record = await self.read("GET", "/api/v1/asesmen/rekap", params=params, token=token)
        return answer

    async def level(self, nips: Sequence[str] | None, token: str) -> Bulk:
        """The current level per competency code of each employee (compact), in concurrent chunks
        of 10,000; NIPs the caller does not read are in `missing`. `nips` None: of every employee
        the caller reads (one call, no list; one never assessed may be absent)."""
        path = "/api/v1/profil-kompetensi/level"
        if nips is None:
            return _merged([await self.read("POST", path, json={"semua": True}, token=token)])
        return await _bulk(self, path, nips, LEVEL_BULK_LIMIT, token)

    async def jpm_pegawai(self, nip: str, jabatan_ids: Sequence[uuid.UUID], token: str) -> Record:
        """Job-person match of one employee against positions: per competency of each standard the
        required and held level and the gap (one call)."""
        found: Record = await self.json(
            "POST", f"/api/v1/jpm/pegawai/{nip}", json={"jabatan_ids": [str(i) for i in jabatan_ids]}, token=token
        )
        return found

    async def jpm_own_positions(
        self,
        nips: Sequence[str],
        token: str,
        kategori: str = "pemetaan",
        jabatan: Mapping[str, str | None] | None = None,
    ) -> Bulk:
        """Each employee against its own position's standard (JPM and gaps), in chunks of 1,000;
        `meta` holds rumus, kategori_set, tanpa_jabatan and tanpa_standar. `jabatan`: the positions
        the caller already knows by NIP (kompetensi takes them from a caller that reaches everyone
        instead of asking pegawai again)."""
        known = dict(jabatan or {})

        def positions(part: list[str]) -> dict[str, Any]:
            given = {n: known[n] for n in part if n in known}
            return {"jabatan": given} if given else {}

        return await _bulk(self, "/api/v1/jpm/bulk", nips, JPM_BULK_LIMIT, token, {"kategori": kategori}, positions)


class KinerjaClient(ServiceClient):
    """The kinerja service: performance (SKP predikat), awards and disciplinary sanctions."""

    service = "kinerja"

    async def predikat(self, nips: Sequence[str] | None, token: str, tahun_terakhir: int = 3) -> Bulk:
        """The latest final predikat and the history of the recent years of each employee. `nips`
        None: of every employee the caller reads (one call, no list; one without a predikat may be
        absent)."""
        body: dict[str, Any] = {"tahun_terakhir": tahun_terakhir}
        path = "/api/v1/predikat-kinerja/bulk"
        if nips is None:
            return _merged([await self.read("POST", path, json={**body, "semua": True}, token=token)])
        return await _bulk(self, path, nips, PREDIKAT_BULK_LIMIT, token, body)

    async def hukdis_aktif(
        self, nips: Sequence[str], token: str, tanggal: date | None = None, dari_pegawai: bool = False
    ) -> Bulk:
        """The sanctions running on a day (today when None) of each employee, as kinerja shows
        them to the caller: a NIP whose sanctions the caller may not see is in `missing`.
        `dari_pegawai`: the NIPs are pegawai's answer to the same token (kinerja then does not ask
        pegawai again for a caller that reaches everyone)."""
        body: dict[str, Any] = {"tanggal": tanggal.isoformat()} if tanggal else {}
        if dari_pegawai:
            body["dari_pegawai"] = True
        return await _bulk(self, "/api/v1/hukuman-disiplin/aktif", nips, HUKDIS_BULK_LIMIT, token, body)

    async def hukdis_terberat(self, nips: Sequence[str], dari: date, sampai: date, token: str) -> Bulk:
        """The heaviest sanction whose TMT lies in [dari, sampai] of each employee the caller reads:
        its level always (`tingkat`, null: none), the sanction itself (`rincian`) only where the
        caller may see it (`terlihat`); NIPs the caller does not read are in `missing`."""
        body = {"dari": dari.isoformat(), "sampai": sampai.isoformat()}
        return await _bulk(self, "/api/v1/hukuman-disiplin/terberat", nips, HUKDIS_BULK_LIMIT, token, body)

    async def rekap_skp(
        self, unit_id: uuid.UUID, tahun: int, token: str, roster: Sequence[Record] | None = None
    ) -> Record:
        """How many of a unit's serving employees have an SKP of the year, agreed, final (one call).
        `roster`: as `KompetensiClient.rekap_asesmen`'s."""
        params = {"unit_id": str(unit_id), "tahun": tahun}
        if roster is not None:
            return await _over_roster(self, "/api/v1/skp/rekap", params, roster, token=token)
        answer: Record = await self.read("GET", "/api/v1/skp/rekap", params=params, token=token)
        return answer

    async def rekap_hukdis(self, token: str, tahun: int, unit_id: uuid.UUID | None = None) -> Record | None:
        """The sanctions of the year and how many carry their SK's number and date (one call); None
        when the caller may not see sanctions (kinerja answers 403 to all but the admins)."""
        params: dict[str, Any] = {"tahun": tahun, **({"unit_id": str(unit_id)} if unit_id is not None else {})}
        try:
            answer: Record = await self.read("GET", "/api/v1/hukuman-disiplin/rekap", params=params, token=token)
        except Forbidden:
            return None
        return answer

    async def penghargaan(self, nip: str, token: str, limit: int = 100) -> list[Record]:
        """One employee's awards, newest first (one page: a profile shows the latest)."""
        page = await self.read("GET", "/api/v1/penghargaan", params={"nip": nip, "limit": limit}, token=token)
        items: list[Record] = page["items"]
        return items


class PengembanganClient(ServiceClient):
    """The pengembangan service: the JP ledger, the catalogue, further study, the cadre school."""

    service = "pengembangan"

    async def jp_tahun(
        self, nips: Sequence[str], tahun: int, token: str, status: Mapping[str, str | None] | None = None
    ) -> Bulk:
        """Each employee's JP of a year and, for those whose status kepegawaian is given, the
        verdict of its rule (the PNS minimum or the PPPK ceiling); `meta` holds the rules."""
        known = {n: s for n, s in (status or {}).items() if s}

        def statuses(part: list[str]) -> dict[str, Any]:
            given = {n: known[n] for n in part if n in known}
            return {"status": given} if given else {}

        return await _bulk(self, "/api/v1/jp/bulk", nips, JP_BULK_LIMIT, token, {"tahun": tahun}, statuses)

    async def jp_jendela(
        self,
        nips: Sequence[str],
        dari: date,
        sampai: date,
        jenis: Sequence[str],
        token: str,
        sepanjang: Sequence[str] = (),
        rinci: bool = False,
    ) -> Bulk:
        """Each employee's JP ledger of the kinds `jenis` within [dari, sampai] (a kind of
        `sepanjang`: at any time up to `sampai`), per kind (`per_jenis`: jp, jumlah, terakhir) and
        with `rinci` the entries themselves."""
        body = {
            "dari": dari.isoformat(),
            "sampai": sampai.isoformat(),
            "jenis": list(jenis),
            "sepanjang": list(sepanjang),
            "rinci": rinci,
        }
        size = JP_JENDELA_RINCI_LIMIT if rinci else JP_JENDELA_LIMIT
        return await _bulk(self, "/api/v1/jp/jendela", nips, size, token, body)

    async def _semua(self, path: str, params: Mapping[str, Any], token: str) -> list[Record]:
        """Every row of a catalogue list (pages of 1,000: the first, then the rest concurrently)."""
        first = await self.read("GET", path, params={**params, "limit": PAGE_LIMIT}, token=token)
        rest = await asyncio.gather(
            *(
                self.read("GET", path, params={**params, "limit": PAGE_LIMIT, "offset": offset}, token=token)
                for offset in range(PAGE_LIMIT, int(first["total"]), PAGE_LIMIT)
            )
        )
        return [row for page in (first, *rest) for row in page["items"]]

    async def program(self, token: str, **filters: Any) -> list[Record]:
        """The catalogue's programs (GET /program with its filters, e.g. kompetensi, tersedia)."""
        return await self._semua("/api/v1/program", {k: v for k, v in filters.items() if v is not None}, token)

    async def angkatan(self, token: str, **filters: Any) -> list[Record]:
        """The catalogue's batches, earliest first (GET /angkatan with its filters, e.g. status, tahun)."""
        return await self._semua("/api/v1/angkatan", {k: v for k, v in filters.items() if v is not None}, token)

    async def rotasi(self, unit_id: uuid.UUID, token: str) -> dict[str, int | None]:
        """Days since each serving employee of a unit's subtree was last developed (None: never),
        in one call (GET /jp/rotasi; the root instansi: the whole Pemda)."""
        answer = await self.read("GET", "/api/v1/jp/rotasi", params={"unit_id": str(unit_id)}, token=token)
        return {str(i["nip"]): i.get("hari_sejak") for i in answer["items"]}

    async def usulan(self, token: str, **filters: Any) -> list[Record]:
        """Proposals the caller reads (GET /usulan with its filters, e.g. status, tahun)."""
        return await self._semua("/api/v1/usulan", {k: v for k, v in filters.items() if v is not None}, token)

    async def peserta(self, token: str, **filters: Any) -> list[Record]:
        """Enrollments the caller reads (GET /peserta with its filters, e.g. tahun)."""
        return await self._semua("/api/v1/peserta", {k: v for k, v in filters.items() if v is not None}, token)

    async def anggaran(self, token: str, tahun: int) -> list[Record]:
        """Each OPD's development budget of a year the caller reads (GET /anggaran), with `sisa`:
        what is left of the allocation after the enrollments committed."""
        return await self._semua("/api/v1/anggaran", {"tahun_dari": tahun, "tahun_sampai": tahun}, token)

    async def rekap_usulan(
        self, unit_id: uuid.UUID, tahun: int, token: str, roster: Sequence[Record] | None = None
    ) -> Record:
        """A unit's approved proposals of the year by their relevance to the job (one call).
        `roster`: as `KompetensiClient.rekap_asesmen`'s."""
        params = {"unit_id": str(unit_id), "tahun": tahun}
        if roster is not None:
            return await _over_roster(self, "/api/v1/usulan/rekap", params, roster, token=token)
        answer: Record = await self.read("GET", "/api/v1/usulan/rekap", params=params, token=token)
        return answer

    async def kepatuhan_jp(
        self, unit_id: uuid.UUID, tahun: int, token: str, roster: Sequence[Record] | None = None
    ) -> Record:
        """The JP compliance counts of a unit's serving employees for the year (one call): only its
        summary is wanted, so the list is narrowed to those without a rule (the counts stay whole),
        or left out over a given `roster` (as `KompetensiClient.rekap_asesmen`'s)."""
        if roster is not None:
            params = {"unit_id": str(unit_id), "tahun": tahun}
            path = "/api/v1/jp/kepatuhan/rekap"
            return await _over_roster(self, path, params, roster, "status_kepegawaian", token=token)
        params = {"unit_id": str(unit_id), "tahun": tahun, "kategori": "tanpa_ketentuan"}
        answer: Record = await self.read("GET", "/api/v1/jp/kepatuhan", params=params, token=token)
        return answer

    async def riwayat_jp(self, nip: str, token: str, limit: int = 100) -> tuple[list[Record], int]:
        """One employee's development entries of every source, newest year first, and how many
        there are in all."""
        page = await self.read("GET", "/api/v1/jp", params={"nip": nip, "limit": limit}, token=token)
        items: list[Record] = page["items"]
        return items, int(page["total"])


class RemoteDirectory:
    """The Directory of a service that holds no organisation data: it asks the pegawai service."""

    def __init__(self, client: PegawaiClient, token: str) -> None:
        self.client = client
        self.token = token

    async def opd_units(self, opd_id: uuid.UUID) -> frozenset[uuid.UUID]:
        return await self.client.subtree_ids(opd_id, self.token)

    async def pegawai(self, scope: Scope, nips: Sequence[str]) -> dict[str, Record]:
        return await self.client.lookup_pegawai(nips, self.token)

    async def jabatan(self, scope: Scope, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Record]:
        return await self.client.lookup_jabatan(ids, self.token)

    async def unit(self, scope: Scope, unit_id: uuid.UUID) -> Record | None:
        return await self.client.unit(unit_id, self.token)

    async def pegawai_in_unit(self, scope: Scope, unit_id: uuid.UUID) -> list[Record] | None:
        return await self.client.pegawai_in_unit(unit_id, self.token)

    async def bawahan(self, scope: Scope, nip: str) -> frozenset[str]:
        return await self.client.bawahan(nip, self.token)

    async def atasan(self, scope: Scope, nips: Sequence[str]) -> dict[str, str | None]:
        return await self.client.atasan(nips, self.token)


def remote_directory(request: Request, principal: Principal, session: Any) -> RemoteDirectory:
    return RemoteDirectory(request.app.state.pegawai, principal.token)
