"""facts.portfolio: pure functions of the dossiers and `today`."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from briefgen.dossier.model import Dossier
from briefgen.facts.portfolio import agenda, done_names, recorded_contact, window_end


def test_the_window_counts_today():
    assert window_end(dt.date(2026, 11, 23), 14) == dt.date(2026, 12, 6)
    assert window_end(dt.date(2026, 11, 23), 1) == dt.date(2026, 11, 23)


def test_done_items_stop_counting_when_the_format_marks_them():
    timeline = SimpleNamespace(
        deliverables=[SimpleNamespace(name="booklet", done=True), SimpleNamespace(name="proof")],
        rules=[SimpleNamespace(name="final changes", done=True)],
    )
    assert done_names(timeline) == {"booklet", "final changes"}  # type: ignore[arg-type]
    assert done_names(None) == set()


def test_recorded_contact_is_the_last_90_days_up_to_today():
    dossier = Dossier.model_validate(
        {
            "name": "Pat",
            "relationship": {
                "meetings": [
                    {"date": "2026-08-25"},
                    {"date": "2026-08-24"},
                    {"date": "2026-12-01"},
                ],
                "contacts": [{"name": "Sam", "last_contact": "2026-11-23"}],
                "reciprocity": [{"direction": "given", "what": "a lead"}],  # undated: not counted
            },
        }
    )
    today = dt.date(2026, 11, 23)
    assert recorded_contact(dossier, today - dt.timedelta(days=90), today) == 2


def test_a_negotiation_in_the_past_is_not_coming_up():
    dossier = Dossier.model_validate({"name": "Pat", "negotiation": {"when": "2026-11-20"}})
    assert agenda([("pat.yaml", dossier)], dt.date(2026, 11, 23)).negotiations == []
