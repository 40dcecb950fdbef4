"""nbval on the student notebooks: every check cell must FAIL on the stubs.

nbval accepts a cell tagged ``raises-exception`` whether or not it raises, so on its own it
would let a check that cannot fail slip through. This hook turns such a cell into a test failure.
"""
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    cell = getattr(item, "cell", None)  # only nbval's notebook-cell items have one
    if call.when != "call" or cell is None or report.outcome != "passed":
        return
    if "check" not in cell.get("metadata", {}).get("tags", []):
        return
    outputs = getattr(item, "test_outputs", None) or []
    if not any(out.get("output_type") == "error" for out in outputs):
        report.outcome = "failed"
        report.longrepr = (
            f"{item.name}: this check cell ran WITHOUT an error on the exercise stubs, so it cannot tell a "
            f"learner's solution from no solution. Make the check exercise the stubbed code.\n"
            f"{cell.source[:500]}")
