from kit.errors import Forbidden, NotFound, Unprocessable


class InvalidFee(Unprocessable):
    type_slug = "invalid-fee"
    title = "费用设置无效 / Invalid fee"


class NotYourSociety(Forbidden):
    type_slug = "not-your-society"
    title = "只能设置本学会的费用 / Only your own society's fees"


class UnknownSociety(NotFound):
    type_slug = "society-not-found"
    title = "学会不存在 / No such society"
