"""Which JP entry a route acts on: loaded only when its employee is one the caller reads."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.jp import service
from pengembangan.jp.models import JpEntri
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_jp(
    jp_id: Annotated[uuid.UUID, Path(description="Id of the JP entry")], session: SessionDep, scope: CurrentScope
) -> JpEntri:
    return await service.get_readable(session, scope, jp_id)


CurrentJp = Annotated[JpEntri, Depends(current_jp)]
