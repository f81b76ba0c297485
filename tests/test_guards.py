"""The suite's own guard: a warning in the program's log fails a test unless the test expects it."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

GUARDED = """
import logging

import pytest

log = logging.getLogger("koopbis.sync.executor")


def test_unexpected():
    log.warning("the server sent garbage")


@pytest.mark.expect_log(r"sent garbage", logger="koopbis.sync")
def test_marked():
    log.warning("the server sent garbage")


def test_expected_in_a_block(expect_log):
    with expect_log(r"sent garbage") as seen:
        log.warning("the server sent garbage")
    assert [r.getMessage() for r in seen] == ["the server sent garbage"]


def test_expected_but_not_logged(expect_log):
    with expect_log(r"sent garbage"):
        pass


def test_other_libraries_and_info_pass():
    logging.getLogger("urllib3").warning("retrying")
    log.info("all is well")


def test_error_outside_the_block(expect_log):
    with expect_log(r"sent garbage"):
        log.warning("the server sent garbage")
    log.error("and then it broke")
"""


# The inner run is in this process: its warnings reach this test's guard too.
@pytest.mark.expect_log(logger="koopbis.sync.executor")
def test_logged_warnings_fail_unless_the_test_expects_them(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "from tests.conftest import (  # noqa: F401\n"
        "    expect_log, pytest_runtest_call, pytest_runtest_setup, pytest_runtest_teardown,\n"
        ")\n"
    )
    pytester.makeini("[pytest]\nmarkers =\n    expect_log: declared in tests/conftest.py\n")
    pytester.makepyfile(test_guarded=GUARDED)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:pytestqt")
    result.assert_outcomes(passed=3, failed=3)
    result.stdout.fnmatch_lines(
        [
            "unexpected log records during call (use the expect_log marker or fixture*",
            "  WARNING koopbis.sync.executor: the server sent garbage",
        ],
        consecutive=True,
    )
    failed = {line.split("::")[1].split(" ")[0] for line in result.outlines if line.startswith("FAILED ")}
    assert failed == {"test_unexpected", "test_expected_but_not_logged", "test_error_outside_the_block"}
