"""Compare a result with the parts of it a scenario states."""

from __future__ import annotations

from typing import Any


def assert_matches(result: dict[str, Any], expected: dict[str, Any]) -> None:
    for key, want in expected.items():
        if key == "criteria_met":
            got = {c["id"]: c["met"] for c in result["criteria"]}
            assert {cid: got[cid] for cid in want} == want, f"criteria: {got}"
        elif key == "entitled":
            # Only the entitlements named true; every other one must be false.
            assert {k for k, v in result["entitlements"].items() if v} == set(want), result["entitlements"]
        elif key == "complaint":
            assert result["complaint"] is not None
            assert {k: result["complaint"][k] for k in want} == want, result["complaint"]
        else:
            assert result[key] == want, f"{key}: {result[key]!r} != {want!r}"
