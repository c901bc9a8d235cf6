"""Jobs for tests: the one object prep, watch and build take, built the way the CLI builds it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from briefgen.documents.job import Job
from briefgen.render.paper import Paper
from briefgen.text.i18n import Locale


def job(
    out_dir: str | os.PathLike[str],
    today: dt.date,
    *,
    paper: str = "a4",
    redact: bool = False,
    write_html: bool = False,
    locale: str | None = None,
) -> Job:
    return Job(
        today=today,
        output=Path(out_dir),
        paper=Paper.named(paper),
        locale=None if locale is None else Locale(locale),
        redact=redact,
        html=write_html,
    )
