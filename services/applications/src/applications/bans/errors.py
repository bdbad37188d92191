"""Business errors of lifetime bans."""

from kit.errors import Forbidden


class ApplicantBarred(Forbidden):
    type_slug = "applicant-barred"
    title = "已被终身取消申请资格 / Barred for life from applying"


def barred_detail() -> str:
    return (
        "经查实提供虚假材料或违反工程会员行为规范，您已被终身取消申请工程会员资格，"
        "不能申请或提交 / You have been barred for life from applying for engineering "
        "membership (false material or a breach of the code of conduct) [003 Q14]; "
        "applications are refused."
    )
