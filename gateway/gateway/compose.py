"""The base of the gateway's composed endpoints (one home, reused by every decision module).

A composed endpoint owns no data: it calls the services with the CALLER's token, so each service
applies the caller's scope itself (a NIP out of reach comes back missing, and the composed answer
is a 404 too), through the typed bulk reads of shared.clients, concurrently.

What every composed request gets here, once:
- each part of the answer is a `Part` run in a task of its own, started at once (`need` for a part
  the answer cannot do without, `may` for an optional one); `settle` waits for them all;
- a deadline per part (GatewaySettings.compose_timeout_seconds, an optional part's shorter), told to
  the service as its budget, so a slow service answers or is given up on in time;
- a bound on the request's concurrent calls (compose_max_concurrent_calls; chunks of bulk reads
  included, see shared.http.call_limit);
- idempotent reads tried again when a service answered 503 (ServiceClient.read, tenacity);
- failures: a required part whose service is down or out of time answers 503 problem+json naming
  the service (`upstream-unavailable`, `upstream-part-timeout`; a service that failed: 502); an
  optional part is left out, null, and named in the answer's `warnings`;
- the time spent waiting for the services, sent as `Server-Timing` (the benchmark reads it).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request, Response
from pydantic import BaseModel, Field

from gateway.config import GatewaySettings
from shared import deadline
from shared.access import Reader
from shared.clients import KinerjaClient, KompetensiClient, PegawaiClient, PengembanganClient
from shared.errors import UpstreamError, UpstreamTimeout, UpstreamUnavailable
from shared.http import call_limit
from shared.messages import t
from shared.responses import json_response
from shared.workbook import accepts_xlsx, attachment

T = TypeVar("T")
SERVICE_FAILURES = (UpstreamUnavailable, UpstreamTimeout, UpstreamError)


@dataclass(frozen=True)
class Part:
    """A part of a composed answer: its name there, the service that gives it, and whether the
    answer can do without it (then it is null and named in `warnings` when the service fails)."""

    name: str
    service: str
    optional: bool = False


def parts_description(parts: tuple[Part, ...]) -> str:
    """What an operation's description says of its parts (the OpenAPI names the optional ones)."""
    required = ", ".join(f"`{p.name}` ({p.service})" for p in parts if not p.optional)
    optional = ", ".join(f"`{p.name}` ({p.service})" for p in parts if p.optional)
    text = f" Required parts: {required}; when their service is down or does not answer in time: 503 naming it."
    if optional:
        text += (
            f" Optional parts: {optional}; when their service fails, the part is null and `warnings` names it; "
            "the rest of the answer is complete."
        )
    return text


def optional_parts(parts: tuple[Part, ...]) -> dict[str, Any]:
    """`openapi_extra` of a composed operation: its parts, machine-readable."""
    return {
        "x-composed-parts": [{"name": p.name, "service": p.service, "optional": p.optional} for p in parts],
    }


class Peringatan(BaseModel):
    """An optional part of a composed answer that is missing, and why."""

    bagian: str = Field(description="The part of the answer that is missing (null in the answer)")
    layanan: str = Field(description="The service that did not answer")
    kode: str = Field(
        description="Stable code of the reason: upstream-unavailable (not reachable), upstream-part-timeout (did "
        "not answer in time) or upstream-error (failed)"
    )
    pesan: str = Field(description="What is missing and why, in the request's language")


class Composer:
    """One composed request: the typed clients, the caller's token, its parts and their outcome."""

    def __init__(
        self, clients: dict[str, Any], token: str, settings: GatewaySettings, reaches_all: bool = False
    ) -> None:
        self.pegawai: PegawaiClient = clients["pegawai"]
        self.kompetensi: KompetensiClient = clients["kompetensi"]
        self.kinerja: KinerjaClient = clients["kinerja"]
        self.pengembangan: PengembanganClient = clients["pengembangan"]
        self.token = token
        # Whether the caller reaches every employee (its roles say so): a service then takes what the
        # gateway has already read (e.g. the position) instead of asking pegawai again. Each service
        # still decides from the token itself; this only says which calls are worth chaining.
        self.reaches_all = reaches_all
        self.settings = settings
        self.warnings: list[Peringatan] = []
        self._limit = asyncio.Semaphore(max(1, settings.compose_max_concurrent_calls))
        self._tasks: list[asyncio.Task[Any]] = []
        self._started = time.monotonic()
        self._first_call: float | None = None
        self.services_seconds = 0.0
        self.part_seconds: dict[str, float] = {}  # each part from its start to its answer (or failure)

    def need(self, part: Part, call: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Start a part the answer cannot do without."""
        return self._start(part, call)

    def may(self, part: Part, call: Coroutine[Any, Any, T]) -> asyncio.Task[T | None]:
        """Start an optional part: its task gives None when its service failed."""
        return self._start(part, call)

    def _start(self, part: Part, call: Coroutine[Any, Any, T]) -> asyncio.Task[Any]:
        if self._first_call is None:
            self._first_call = time.monotonic()
        task = asyncio.create_task(self._run(part, call), name=f"compose:{part.name}")
        self._tasks.append(task)
        return task

    async def _run(self, part: Part, call: Coroutine[Any, Any, T]) -> T | None:
        # The task runs in a copy of the request's context: its deadline and the request's bound
        # on concurrent calls apply to this part alone.
        call_limit.set(self._limit)
        seconds = (
            self.settings.compose_optional_timeout_seconds if part.optional else self.settings.compose_timeout_seconds
        )
        left = deadline.remaining()
        began = time.monotonic()
        deadline.deadline_var.set(began + (seconds if left is None else min(seconds, left)))
        try:
            return await call
        except SERVICE_FAILURES as exc:
            service = str(exc.extra.get("service") or part.service)
            if part.optional:
                self.warnings.append(
                    Peringatan(
                        bagian=part.name,
                        layanan=service,
                        kode="upstream-part-timeout" if isinstance(exc, UpstreamTimeout) else exc.code,
                        pesan=t("compose-part-missing", bagian=part.name, service=service),
                    )
                )
                return None
            if isinstance(exc, UpstreamTimeout):
                # A service out of time is, for this answer, a service not there: 503, named.
                raise UpstreamUnavailable(
                    "upstream-part-timeout", service=service, seconds=f"{seconds:.1f}", extra={"service": service}
                ) from exc
            raise
        finally:
            self.part_seconds[part.name] = time.monotonic() - began

    async def settle(self) -> None:
        """Wait for every part started; the first failure of a part, in the order the parts were
        started, is the answer (start the part that decides reach, pegawai's, first)."""
        if self._tasks:
            await asyncio.wait(self._tasks)
        if self._first_call is not None:
            self.services_seconds = time.monotonic() - self._first_call
        failures = [task.exception() for task in self._tasks]  # each retrieved, none left unlogged
        first = next((f for f in failures if f is not None), None)
        if first is not None:
            raise first

    def cancel(self) -> None:
        for task in self._tasks:
            task.cancel()

    def server_timing(self) -> dict[str, str]:
        """`Server-Timing`: the time the services took (from the first call to the last answer),
        the handler's whole time, and each part's (from its start: a part that waits for another
        includes that wait), in milliseconds."""
        total = (time.monotonic() - self._started) * 1000
        parts = "".join(f", {name};dur={s * 1000:.2f}" for name, s in self.part_seconds.items())
        return {"Server-Timing": f"services;dur={self.services_seconds * 1000:.2f}, compose;dur={total:.2f}{parts}"}

    async def answer(self, request: Request, body: Any, workbook: Callable[[Any], bytes], filename: str) -> Response:
        """The composed answer as JSON, or as the workbook `workbook(body)` builds (in a worker
        thread: openpyxl blocks) when the caller asks for XLSX; the Server-Timing either way."""
        if accepts_xlsx(request.headers.get("accept")):
            content = await asyncio.to_thread(workbook, body)
            return attachment(content, filename, headers=self.server_timing())
        return json_response(body, headers=self.server_timing())


def file_name(*parts: object) -> str:
    """A download's name from its parts (a unit's code among them): letters, digits, '-' and '_'
    only, so no header or path is ever built from a code's other characters."""
    return "-".join(re.sub(r"[^A-Za-z0-9_-]", "_", str(p)) for p in parts if str(p)) + ".xlsx"


async def composer(request: Request, scope: Reader) -> AsyncIterator[Composer]:
    """The request's Composer, for a caller that may read (the services decide what it reaches)."""
    compose = Composer(request.app.state.clients, scope.principal.token, request.app.state.settings, scope.reaches_all)
    try:
        yield compose
    finally:
        compose.cancel()  # a part still running when the request ends (it failed early) is not left behind


Compose = Annotated[Composer, Depends(composer)]
