"""What a pass needs, as a plain function of the case's recorded results."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Results:
    status: str
    materials_outcome: str | None
    uses_written_test: bool
    written_test_passed: bool | None
    interview_outcome: str | None
    fast_track: bool
    fast_track_materials_only: bool
    fast_track_confirmed: bool


def pass_blockers(results: Results) -> list[str]:
    """Why the society cannot record a pass yet; empty when it can."""
    blockers: list[str] = []
    if results.status != "deliberation":
        blockers.append("案件尚未进入综合审议阶段 / The case has not reached deliberation.")
    if results.materials_outcome != "passed":
        blockers.append("材料审查未通过或未完成 / The materials review has not passed.")
    simplified = results.fast_track and results.fast_track_materials_only
    if results.uses_written_test and not simplified and results.written_test_passed is not True:
        blockers.append("笔试未通过或未录入 / The written test has not been passed.")
    if results.interview_outcome not in ("passed", "not_required"):
        blockers.append("面试未通过或未完成 / The interview has not been passed.")
    if results.fast_track and not results.fast_track_confirmed:
        blockers.append(
            "国际称号简化评价须经联合体秘书处确认 / The fast track needs the CSE "
            "secretariat's confirmation."
        )
    return blockers
