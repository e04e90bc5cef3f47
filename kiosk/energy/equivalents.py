"""Everyday equivalents ("as much CO2 as 12 tree seedlings absorb in 10 years").

The table comes from the built-in content (``content/equivalents.yaml``) and may be replaced
entry by entry by a content pack. Every factor carries its source, shown on the explain screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Basis(StrEnum):
    CO2_KG = "co2_kg"
    ENERGY_KWH = "energy_kwh"
    WATER_L = "water_l"


@dataclass(frozen=True)
class EquivalentFactor:
    id: str
    basis: Basis
    per_item: float  # amount of the basis that makes one item
    label_zh: str
    label_en: str
    source: str  # in English; a pack's plain string serves both languages
    source_url: str = ""
    note: str = ""
    region: str = "world"  # where the figure holds: an ISO country code (CN, US) or "world"
    source_zh: str = ""
    #: The comparison as a sentence with %1 for the count ("相当于汽车行驶 %1 公里");
    #: "" = "≈ %1" and the label.
    sentence_zh: str = ""
    sentence_en: str = ""
    #: One sentence saying what one item is ("一棵树苗生长十年约吸收 60 千克二氧化碳。").
    about_zh: str = ""
    about_en: str = ""

    def source_in(self, language: str) -> str:
        return self.source_zh if language == "zh" and self.source_zh else self.source

    def sentence(self, language: str, count: str) -> str:
        """The comparison for ``count`` items, in ``language``."""
        zh = language == "zh"
        template = self.sentence_zh if zh else self.sentence_en
        if not template:
            return f"≈ {count} {self.label_zh if zh else self.label_en}"
        return template.replace("%1", count)

    def about(self, language: str) -> str:
        """What one item is, or "" when the pack gives no sentence for it."""
        return self.about_zh if language == "zh" else self.about_en


@dataclass(frozen=True)
class Equivalent:
    factor: EquivalentFactor
    count: float  # how many items; the UI rounds for display


class EquivalentsError(ValueError):
    """The table is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class EquivalentsTable:
    factors: tuple[EquivalentFactor, ...]

    def get(self, factor_id: str) -> EquivalentFactor | None:
        return next((f for f in self.factors if f.id == factor_id), None)

    def convert(self, basis: Basis, amount: float) -> list[Equivalent]:
        """Every equivalent of ``amount`` (kg CO2, kWh or L), in table order."""
        return [Equivalent(f, amount / f.per_item) for f in self.factors if f.basis is basis]

    def preferring(self, region: str) -> EquivalentsTable:
        """The same table with ``region``'s own figures first (a site picks its country's)."""
        own = [f for f in self.factors if f.region == region]
        return EquivalentsTable((*own, *(f for f in self.factors if f.region != region)))

    def merged_with(self, override: EquivalentsTable) -> EquivalentsTable:
        """This table with entries of ``override`` replacing same-id ones and new ones added."""
        by_id = {f.id: f for f in override.factors}
        kept = [by_id.pop(f.id, f) for f in self.factors]
        return EquivalentsTable((*kept, *(f for f in override.factors if f.id in by_id)))


def pick_equivalent(
    table: EquivalentsTable | None, basis: Basis, amount: float | None, skip: str = ""
) -> tuple[str, float] | None:
    """(factor id, count) of the first equivalent giving a count a child can picture (1..9999),
    else the smallest count of at least 1; None rather than "≈ 0.0 bathtubs".

    ``amount`` is kg CO2, Wh (for the kWh basis) or L; ``skip`` a factor id already shown.
    """
    if table is None or amount is None or not amount > 0:
        return None
    value = amount / 1000.0 if basis is Basis.ENERGY_KWH else amount  # Wh -> kWh
    options = [e for e in table.convert(basis, value) if e.factor.id != skip]
    for eq in options:
        if 1 <= eq.count < 10_000:
            return eq.factor.id, eq.count
    best = min((e for e in options if e.count >= 1), key=lambda e: e.count, default=None)
    return (best.factor.id, best.count) if best is not None else None


def parse_equivalents(data: Mapping[str, Any], origin: str = "equivalents") -> EquivalentsTable:
    """Typed table from an already schema-checked mapping (e.g. the active pack's document)."""
    items = data.get("equivalents")
    if not isinstance(items, Sequence) or not items:
        raise EquivalentsError(f"{origin}: 'equivalents' must be a non-empty list")
    factors: list[EquivalentFactor] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{origin}: equivalents[{i}]"
        try:
            fid = str(item["id"])
            per_item = float(item["per_item"])
            source = item["source"]
            source_zh, source_en = (
                (str(source["zh"]), str(source["en"])) if isinstance(source, Mapping)
                else ("", str(source))
            )  # fmt: skip
            sentence = item.get("sentence") or {"zh": "", "en": ""}
            about = item.get("about") or {"zh": "", "en": ""}
            factor = EquivalentFactor(
                fid, Basis(item["basis"]), per_item, str(item["label"]["zh"]),
                str(item["label"]["en"]), source_en, str(item.get("source_url", "")),
                str(item.get("note", "")), str(item.get("region", "world")), source_zh,
                str(sentence["zh"]), str(sentence["en"]), str(about["zh"]), str(about["en"]),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise EquivalentsError(f"{where}: missing or invalid field ({exc})") from None
        if not per_item > 0 or per_item == float("inf"):
            raise EquivalentsError(f"{where}.per_item: must be a positive number")
        if fid in seen:
            raise EquivalentsError(f"{where}.id: duplicate id {fid!r}")
        seen.add(fid)
        factors.append(factor)
    return EquivalentsTable(tuple(factors))
