"""Every problem `type` the platform can send resolves to a page that explains it: the
committed catalogue (cse_contracts/problems.json, which the gateway serves as /problems/{slug})
names every ProblemError subclass of every service and every type the framework layer sends."""

from cse_contracts import problems
from cse_contracts.openapi import PROBLEMS_PATH
from kit import problems as kit_problems
from kit.errors import TYPE_BASE

from gateway import nginx

REGENERATE = "run `make contract` (uv run python -m cse_contracts.openapi) and commit it"


def test_the_committed_catalogue_is_the_codes() -> None:
    built = problems.build()
    assert PROBLEMS_PATH.read_text(encoding="utf-8") == problems.render(built), (
        f"{PROBLEMS_PATH.name} is stale: " + REGENERATE)


def test_every_type_a_service_can_send_has_a_page() -> None:
    built = {entry["slug"] for entry in problems.build()["problems"]}
    committed = set(problems.load())
    missing = built - committed
    assert not missing, f"problem types without a page: {sorted(missing)}; " + REGENERATE
    # The types sent without a class: routing's http-NNN, the gateway's own, internal-error.
    framework = {f"http-{status}" for status in kit_problems._HTTP_TITLES}
    framework |= {f"http-{status}" for status in nginx._PROBLEMS} | {"internal-error"}
    assert framework <= committed, sorted(framework - committed)


def test_types_are_relative_references_to_the_pages() -> None:
    # RFC 9457 §3.1.1: relative to the request's URL, i.e. the gateway that serves the pages.
    assert TYPE_BASE == "/problems/"
    assert problems.build()["type_base"] == TYPE_BASE
