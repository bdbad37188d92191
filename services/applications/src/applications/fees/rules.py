"""Evaluation fees: per society and level, in yuan; none unless a society sets one."""

from decimal import Decimal

# 004 §6: the 2023 chemical pilot was free; a society that sets nothing charges nothing.
DEFAULT_FEE = Decimal("0.00")
MAXIMUM_FEE = Decimal("100000.00")


def fee_problem(amount: Decimal) -> str | None:
    if amount < 0:
        return "费用不能为负数 / A fee cannot be negative."
    if amount > MAXIMUM_FEE:
        return f"费用不能超过 {MAXIMUM_FEE} 元 / A fee cannot exceed CNY {MAXIMUM_FEE}."
    if amount != amount.quantize(Decimal("0.01")):
        return "费用最多两位小数 / A fee has at most two decimals (fen)."
    return None
