"""The commitment letter (工程会员承诺书) the applicant signs, versioned as data [003 Q8, Q14]."""

CURRENT_VERSION = "cse-2024-01"

TEXTS: dict[str, str] = {
    "cse-2024-01": (
        "本人承诺：所填报的工程会员申请材料及佐证材料真实、准确、完整，所述业绩为本人承担的工作和取得的"
        "成绩；涉密内容已进行脱密处理。本人同意中国工程师联合体及获授权学会查询本人申请材料，必要时向"
        "相关单位核实其真实性与准确性。如提供虚假材料或违反工程会员行为规范、违背工程伦理和道德学风，"
        "本人接受终身取消申请工程会员资格的处理，已获得的工程会员证书予以撤销。\n"
        "I declare that the application and the evidence I submit are true, accurate and complete, "
        "that the achievements described are my own, and that classified content has been "
        "declassified. I agree that the CSE and the authorized society may examine my application "
        "and verify it with third parties. If I supply false material or breach the code of "
        "conduct, I accept being barred for life from applying and the revocation of any "
        "certificate I hold."
    ),
}
