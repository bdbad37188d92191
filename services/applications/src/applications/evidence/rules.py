"""Evidence rules: the file's real type from its first bytes, and what must be there."""

from collections.abc import Iterable

# Kinds of evidence (佐证材料) [003 Q11]; identity (both sides) and education are required.
KINDS: dict[str, tuple[str, str]] = {
    "identity_front": ("身份证件（正面）", "identity document, front"),
    "identity_back": ("身份证件（反面）", "identity document, back"),
    "education": ("学历教育证明", "proof of education"),
    "work": ("专业工作经历证明", "proof of work experience"),
    "achievement": ("专业成果证明", "proof of achievements"),
    "honour": ("个人荣誉奖励证明", "honours and awards"),
    "supplement": ("补充材料", "supplementary material"),
    "international_title": ("国际工程师称号证明", "international engineering title"),
}
REQUIRED_KINDS = ("identity_front", "identity_back", "education")



def missing_kinds(kinds: Iterable[str]) -> list[str]:
    present = set(kinds)
    return [kind for kind in REQUIRED_KINDS if kind not in present]
