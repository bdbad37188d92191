"""Countries and regions (ISO 3166-1 alpha-2) as enterprises write them in Annex 3.

pycountry knows codes and English names but no Chinese ones, so the Chinese names of the
countries where Chinese enterprises most often build ('Belt and Road' partners and the
mutual-recognition partners) are kept here as data. Extend the table, not the code.
"""

import re
import unicodedata

import pycountry

CHINESE_NAMES: dict[str, str] = {
    # East and South-East Asia
    "中国": "CN", "中华人民共和国": "CN", "中国香港": "HK", "香港": "HK", "中国澳门": "MO",
    "澳门": "MO", "中国台湾": "TW", "台湾": "TW", "蒙古": "MN", "蒙古国": "MN", "日本": "JP",
    "韩国": "KR", "朝鲜": "KP", "缅甸": "MM", "新加坡": "SG", "马来西亚": "MY",
    "印度尼西亚": "ID", "印尼": "ID", "泰国": "TH", "越南": "VN", "老挝": "LA", "柬埔寨": "KH",
    "菲律宾": "PH", "文莱": "BN", "东帝汶": "TL",
    # South Asia
    "孟加拉国": "BD", "孟加拉": "BD", "巴基斯坦": "PK", "斯里兰卡": "LK", "尼泊尔": "NP",
    "马尔代夫": "MV", "印度": "IN", "阿富汗": "AF", "不丹": "BT",
    # Central Asia, Caucasus, Russia
    "哈萨克斯坦": "KZ", "乌兹别克斯坦": "UZ", "吉尔吉斯斯坦": "KG", "塔吉克斯坦": "TJ",
    "土库曼斯坦": "TM", "俄罗斯": "RU", "俄罗斯联邦": "RU", "格鲁吉亚": "GE", "阿塞拜疆": "AZ",
    "亚美尼亚": "AM", "白俄罗斯": "BY", "乌克兰": "UA",
    # West Asia
    "沙特阿拉伯": "SA", "沙特": "SA", "阿联酋": "AE", "阿拉伯联合酋长国": "AE", "卡塔尔": "QA",
    "科威特": "KW", "阿曼": "OM", "巴林": "BH", "伊朗": "IR", "伊拉克": "IQ", "土耳其": "TR",
    "以色列": "IL", "约旦": "JO", "黎巴嫩": "LB", "叙利亚": "SY", "也门": "YE",
    # Africa
    "埃及": "EG", "阿尔及利亚": "DZ", "摩洛哥": "MA", "突尼斯": "TN", "利比亚": "LY",
    "苏丹": "SD", "南苏丹": "SS", "埃塞俄比亚": "ET", "肯尼亚": "KE", "坦桑尼亚": "TZ",
    "乌干达": "UG", "卢旺达": "RW", "布隆迪": "BI", "吉布提": "DJ", "厄立特里亚": "ER",
    "索马里": "SO", "尼日利亚": "NG", "尼日尔": "NE", "加纳": "GH", "科特迪瓦": "CI",
    "塞内加尔": "SN", "几内亚": "GN", "马里": "ML", "毛里塔尼亚": "MR", "塞拉利昂": "SL",
    "利比里亚": "LR", "多哥": "TG", "贝宁": "BJ", "布基纳法索": "BF", "乍得": "TD",
    "喀麦隆": "CM", "加蓬": "GA", "赤道几内亚": "GQ", "刚果（金）": "CD", "刚果民主共和国": "CD",
    "刚果（布）": "CG", "刚果共和国": "CG", "安哥拉": "AO", "赞比亚": "ZM", "津巴布韦": "ZW",
    "莫桑比克": "MZ", "马拉维": "MW", "马达加斯加": "MG", "毛里求斯": "MU", "塞舌尔": "SC",
    "纳米比亚": "NA", "博茨瓦纳": "BW", "南非": "ZA", "莱索托": "LS", "斯威士兰": "SZ",
    "埃斯瓦蒂尼": "SZ",
    # Europe
    "英国": "GB", "法国": "FR", "德国": "DE", "意大利": "IT", "西班牙": "ES", "葡萄牙": "PT",
    "荷兰": "NL", "比利时": "BE", "卢森堡": "LU", "瑞士": "CH", "奥地利": "AT", "瑞典": "SE",
    "挪威": "NO", "芬兰": "FI", "丹麦": "DK", "冰岛": "IS", "爱尔兰": "IE", "波兰": "PL",
    "捷克": "CZ", "斯洛伐克": "SK", "匈牙利": "HU", "罗马尼亚": "RO", "保加利亚": "BG",
    "塞尔维亚": "RS", "克罗地亚": "HR", "斯洛文尼亚": "SI", "波黑": "BA", "黑山": "ME",
    "北马其顿": "MK", "阿尔巴尼亚": "AL", "希腊": "GR", "塞浦路斯": "CY", "马耳他": "MT",
    "爱沙尼亚": "EE", "拉脱维亚": "LV", "立陶宛": "LT", "摩尔多瓦": "MD",
    # Americas
    "美国": "US", "加拿大": "CA", "墨西哥": "MX", "巴西": "BR", "阿根廷": "AR", "智利": "CL",
    "秘鲁": "PE", "厄瓜多尔": "EC", "玻利维亚": "BO", "委内瑞拉": "VE", "哥伦比亚": "CO",
    "乌拉圭": "UY", "巴拉圭": "PY", "圭亚那": "GY", "苏里南": "SR", "巴拿马": "PA",
    "哥斯达黎加": "CR", "尼加拉瓜": "NI", "洪都拉斯": "HN", "萨尔瓦多": "SV", "危地马拉": "GT",
    "古巴": "CU", "多米尼加": "DO", "牙买加": "JM", "特立尼达和多巴哥": "TT", "巴巴多斯": "BB",
    # Oceania
    "澳大利亚": "AU", "新西兰": "NZ", "巴布亚新几内亚": "PG", "斐济": "FJ", "萨摩亚": "WS",
    "汤加": "TO", "瓦努阿图": "VU", "所罗门群岛": "SB", "基里巴斯": "KI",
}

_NAME_BY_CODE = {code: name for name, code in reversed(CHINESE_NAMES.items())}


def _normalise(text: str) -> str:
    # Full-width parentheses and spaces as people type them: （金） == (金).
    folded = unicodedata.normalize("NFKC", text).strip()
    folded = folded.replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", " ", folded)


def resolve_country(text: str) -> str | None:
    """ISO 3166-1 alpha-2 for a Chinese name, an ISO code (alpha-2/3) or an English name."""
    value = _normalise(text)
    if not value:
        return None
    if value in CHINESE_NAMES:
        return CHINESE_NAMES[value]
    compact = value.replace(" ", "")
    if compact in CHINESE_NAMES:
        return CHINESE_NAMES[compact]
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        return None
    return str(country.alpha_2)


def chinese_name(code: str) -> str:
    """The Chinese name for display (template, messages); the code itself when unknown."""
    return _NAME_BY_CODE.get(code, code)
