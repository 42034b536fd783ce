"""The route thresholds, exactly on each boundary: a threshold moved by one rouble fails."""

from __future__ import annotations

import pytest

from credit_expert.models import Enforcement, Slots, Verdict
from credit_expert.policy import verdict

UNKNOWN = {}  # no МФЦ grounds known yet
NO_GROUNDS = {"enforcement": Enforcement.NONE}  # no proceedings: МФЦ closed
GROUNDS = {"enforcement": Enforcement.CLOSED}  # proceedings closed: МФЦ open


@pytest.mark.parametrize(
    ("debt", "facts", "route"),
    [
        # court from 300 000 ₽ (the firm's threshold)
        (299_999, NO_GROUNDS, Verdict.NOT_A_FIT),
        (300_000, NO_GROUNDS, Verdict.COURT),
        (299_999, UNKNOWN, None),
        (300_000, UNKNOWN, None),  # the bailiffs decide between court and МФЦ: wait
        (299_999, {"income_official": True}, None),
        (300_000, {"income_official": True}, Verdict.COURT),  # safely inferred
        (1_000_000, UNKNOWN, None),
        (1_000_001, UNKNOWN, Verdict.COURT),
        # МФЦ from 25 000 ₽ up to 1 000 000 ₽ inclusive, with grounds
        (24_999, GROUNDS, Verdict.NOT_A_FIT),
        (25_000, GROUNDS, Verdict.MFC),
        (1_000_000, GROUNDS, Verdict.MFC),
        (1_000_001, GROUNDS, Verdict.COURT),
        # below 25 000 ₽ nothing is open, whatever is known
        (24_999, UNKNOWN, Verdict.NOT_A_FIT),
        (25_000, UNKNOWN, None),
    ],
)
def test_the_route_on_each_boundary(debt: int, facts: dict, route: Verdict | None) -> None:
    assert verdict(Slots(debt_total=debt, **facts)) is route
