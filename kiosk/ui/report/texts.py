"""The yearly report's words in Chinese and English, and how its numbers are written.

The PDF may be in one language or both at once, so its text cannot come from the UI's Qt
translator (which holds one language at a time): each phrase is a (zh, en) pair here.
"""

from __future__ import annotations

from collections.abc import Sequence

LANGUAGES = ("zh", "en", "both")

T: dict[str, tuple[str, str]] = {
    "title": ("{year} 年度报告", "Yearly report {year}"),
    "subtitle": (
        "绿色空间展项：太阳能、雨水、绿色行动与低碳问答",
        "Green space exhibit: solar energy, rain water, green actions and quizzes",
    ),
    "school": ("学校", "School"),
    "store": ("门店", "Store"),
    "pack": ("内容包：{title}", "Content pack: {title}"),
    "generated": ("生成于 {when}", "Generated {when}"),
    "page": ("第 {n} 页，共 {total} 页", "Page {n} of {total}"),
    "highlights": ("全年概览", "The year at a glance"),
    "solar_total": ("太阳能发电", "Solar energy"),
    "co2_total": ("减少二氧化碳排放", "CO2 avoided"),
    "water_total": ("收集雨水", "Rain water harvested"),
    "rounds_total": ("完成的问答轮次", "Quiz rounds finished"),
    "no_data": ("无数据", "no data"),
    "not_yet": ("未到", "not yet"),
    "period": ("统计期间：{first} 至 {last}", "Period: {first} to {last}"),
    "simulated": (
        "模拟数据：本机的能源数据来自内置模拟器或回放文件，并非电表实测。",
        "Simulated figures: this kiosk's energy data came from the built-in "
        "simulator or a replay file, not from a meter.",
    ),
    "energy": ("太阳能与雨水", "Solar energy and rain water"),
    "chart_title": ("每月太阳能发电量", "Solar energy by month"),
    "axis_kwh": ("发电量（kWh）", "Energy (kWh)"),
    "axis_month": ("月份", "Month"),
    "chart_water": ("每月收集雨水", "Rain water harvested by month"),
    "axis_m3": ("雨水（m³）", "Water (m³)"),
    "month": ("月份", "Month"),
    "col_pv": ("太阳能（kWh）", "Solar (kWh)"),
    "col_co2": ("减排 CO2（kg）", "CO2 avoided (kg)"),
    "col_water": ("雨水（L）", "Water (L)"),
    "col_days": ("有数据的天数", "Days with data"),
    "year_total": ("全年", "Year"),
    "no_data_note": (
        "标为“无数据”的月份没有读数，不按 0 计算；“未到”的月份尚未开始。",
        'Months marked "no data" had no readings; they are not counted as 0. '
        'Months marked "not yet" have not begun.',
    ),
    "no_energy": (
        "{year} 年没有储存任何太阳能或雨水读数。",
        "No solar or water readings were stored for {year}.",
    ),
    "factor": (
        "减排量 = 太阳能发电量 × 电网排放因子 {value} kg CO2/kWh（{name}，{year} 年数据）。",
        "CO2 avoided = solar energy × grid emission factor {value} kg CO2/kWh "
        "({name}, {year} data).",
    ),
    "factor_source": ("来源：{source}", "Source: {source}"),
    "water_note": (
        "雨水量由雨水箱的流量计测得；每收集 1 升雨水，就少用 1 升自来水。",
        "Rain water is measured by the tank's flow meter; each litre harvested "
        "replaces a litre of tap water.",
    ),
    "actions": ("绿色行动（工作人员录入）", "Green actions (entered by staff)"),
    "col_action": ("项目", "Figure"),
    "col_amount": ("全年合计", "Year total"),
    "col_entries": ("录入次数", "Entries"),
    "col_last": ("最近一次", "Latest"),
    "no_actions": (
        "{year} 年工作人员没有录入绿色行动。",
        "No green actions were entered by staff in {year}.",
    ),
    "quiz": ("低碳问答参与情况", "Quiz participation"),
    "col_level": ("难度", "Level"),
    "col_topic": ("主题", "Topic"),
    "col_started": ("开始", "Started"),
    "col_finished": ("完成", "Finished"),
    "all_topics": ("全部主题", "all topics"),
    "quiz_totals": (
        "访客会话 {sessions} 次 · 打开故事 {stories} 次 · 答对比例 {share}",
        "{sessions} visitor sessions · {stories} stories opened · {share} of answers right",
    ),
    "quiz_counts_note": (
        "问答数据为匿名的每小时计数，不含任何个人信息。",
        "Quiz figures are anonymous hourly counts; no person is recorded.",
    ),
    "more_rows": ("……另有 {n} 行", "… and {n} more rows"),
    "no_quiz": ("{year} 年没有记录到问答轮次。", "No quiz rounds were counted in {year}."),
    "classes": ("{year} 年班级积分榜", "Class leaderboard {year}"),
    "col_rank": ("名次", "Rank"),
    "col_class": ("班级", "Class"),
    "col_rounds": ("轮次", "Rounds"),
    "col_right": ("答对", "Right answers"),
    "col_points": ("积分", "Points"),
    "classes_note": (
        "全年的所有积分都计入，新学期清零不影响本表。",
        "Every award of the year counts; a reset for a new term does not hide it.",
    ),
    "no_classes": ("{year} 年没有班级获得积分。", "No class earned points in {year}."),
    "continued": ("续上页", "continued from the page before"),
}

LEVELS: dict[str, tuple[str, str]] = {
    "kids": ("儿童", "Kids"),
    "family": ("家庭", "Family"),
    "student": ("学生", "Students"),
}


def parts(lang: str, key: str, **values: object) -> list[str]:
    """The phrase in the report's languages, Chinese first when both."""
    zh, en = T[key]
    chosen = {"zh": [zh], "en": [en]}.get(lang, [zh, en])
    return [p.format(**values) for p in chosen]


def text(lang: str, key: str, sep: str = " / ", **values: object) -> str:
    return sep.join(parts(lang, key, **values))


def pick(lang: str, zh: str, en: str, sep: str = " / ") -> str:
    """A name that has both languages (a site, a manual figure)."""
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    return sep.join(dict.fromkeys(p for p in (zh, en) if p))


def level_name(lang: str, level: str) -> str:
    zh, en = LEVELS.get(level, (level, level))
    return pick(lang, zh, en)


def number(value: float | None, lang: str, decimals: int = 1) -> str:
    if value is None:
        return text(lang, "no_data")
    return f"{value:,.{decimals}f}"


def mass_kg(value: float | None, lang: str) -> str:
    """kg below a tonne, tonnes above."""
    if value is None:
        return text(lang, "no_data")
    if value >= 1000:
        return f"{value / 1000:,.2f} t"
    return f"{value:,.1f} kg"


def joined(lines: Sequence[str]) -> str:
    return "\n".join(lines)
