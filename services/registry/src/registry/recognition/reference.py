"""Partner bodies abroad and their agreements, as versioned reference data [000 §2(三),
001 附件2, 003 Q30]. The documents name the partners but give no agreement texts or dates, so
the dates are left empty for the secretariat to record; every agreement recognises membership
or title, never a licence to practise."""

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import PartnerOrganisation, RecognitionAgreement

PARTNERS = (
    ("IES", "The Institution of Engineers, Singapore", "新加坡工程师学会", "Singapore"),
    ("HKIE", "The Hong Kong Institution of Engineers", "香港工程师学会", "Hong Kong, China"),
    ("IEM", "The Institution of Engineers, Malaysia", "马来西亚工程师学会", "Malaysia"),
    ("MEC", "Myanmar Engineering Council", "缅甸工程理事会", "Myanmar"),
)
SCOPE = ("工程会员身份与工程师称号互认，非执业资格 / Mutual recognition of engineering "
         "membership and title; not a licence to practise [003 Q30].")


async def seed_partners(session: AsyncSession) -> None:
    """Partners and one agreement each; what the secretariat changed later is kept."""
    rows = [{"code": c, "name_en": en, "name_zh": zh, "country": country}
            for c, en, zh, country in PARTNERS]
    statement = insert(PartnerOrganisation).values(rows)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["code"],
        set_={"name_en": statement.excluded.name_en, "name_zh": statement.excluded.name_zh,
              "country": statement.excluded.country},
    ))
    agreements = [
        {"code": f"{code}-CSE-MR", "partner_code": code,
         "title": f"CSE–{code} 工程师互认协议 / CSE–{code} engineers mutual recognition",
         "recognition": "membership", "scope": SCOPE, "levels": ["professional", "senior"],
         "signed_on": None, "status": "active"}
        for code, *_ in PARTNERS
    ]
    await session.execute(insert(RecognitionAgreement).values(agreements)
                          .on_conflict_do_nothing(index_elements=["code"]))
