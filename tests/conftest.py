"""Suite-wide rule: in CI (CI=true) the tests that need a browser or a server must run.

Locally a missing Debian package only skips those tests; in CI such a skip means an install
step is missing, so the session fails and says which tests did not run.
"""

from __future__ import annotations

import os

import pytest

_SYSTEM_PARTS = ("chromium", "oxigraph server", "virtuoso")
_missing_in_ci: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not (report.skipped and _in_ci()):
        return
    reason = str(report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr)
    if any(part in reason.lower() for part in _SYSTEM_PARTS):
        _missing_in_ci.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _missing_in_ci:
        print("\nIn CI these tests must run, but were skipped:")
        for line in _missing_in_ci:
            print(f"  {line}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
