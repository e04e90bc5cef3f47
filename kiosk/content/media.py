"""Checks on the bytes of one pack file by kind: images decode within limits, SVG is inert,
videos look like videos, text is UTF-8. Packs carry data only; nothing here executes content.
"""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET

from PIL import Image, UnidentifiedImageError

from kiosk.content.errors import PackRejected
from kiosk.content.rules import Limits

_IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object"}
#: An SVG draws at most this many elements once every <use> is expanded (a 5 KB file of
#: nested <use> can ask for 10^8 and hang the renderer), and is at most this deep.
MAX_SVG_DRAWN = 50_000
MAX_SVG_DEPTH = 64


def check_image(path: str, data: bytes, limits: Limits) -> tuple[int, int]:
    """Decode a PNG/JPEG fully, after checking its declared dimensions. Returns (w, h)."""
    expected = _IMAGE_FORMATS[path[path.rfind(".") :].lower()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format != expected:
                    raise PackRejected(f"{path}: not a {expected} image (found {img.format})")
                w, h = img.size
                if max(w, h) > limits.max_image_side_px or w * h > limits.max_image_pixels:
                    side, mp = limits.max_image_side_px, limits.max_image_pixels / 1e6
                    raise PackRejected(
                        f"{path}: image is {w}×{h} px; the largest allowed is {side}×{side} px "
                        f"and {mp:g} megapixels: make it smaller (a screen needs about 1920 px)"
                    )
                img.load()
    except PackRejected:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Warning) as exc:
        raise PackRejected(f"{path}: malformed image ({exc})") from None
    except Image.DecompressionBombError as exc:
        raise PackRejected(f"{path}: image is a decompression bomb ({exc})") from None
    return w, h


def check_svg(path: str, data: bytes) -> None:
    """Accept only self-contained, script-free SVG without DTDs or entities."""
    text = check_text(path, data)
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        raise PackRejected(f"{path}: SVG with DOCTYPE or ENTITY is not allowed")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise PackRejected(f"{path}: malformed SVG ({exc})") from None
    if _local(root.tag) != "svg":
        raise PackRejected(f"{path}: root element is not <svg>")
    for el in root.iter():
        if _local(el.tag).lower() in _SVG_FORBIDDEN_TAGS:
            raise PackRejected(f"{path}: SVG element <{_local(el.tag)}> is not allowed")
        for name, value in el.attrib.items():
            attr = _local(name).lower()
            if attr.startswith("on"):
                raise PackRejected(f"{path}: SVG event attribute {attr!r} is not allowed")
            if attr == "href" and not value.startswith(("#", "data:image/png", "data:image/jpeg")):
                raise PackRejected(f"{path}: SVG links to an outside resource ({value[:40]!r})")
    drawn = _drawn_elements(root, path)
    if drawn > MAX_SVG_DRAWN:
        raise PackRejected(
            f"{path}: SVG draws {drawn:,}+ elements once its <use> references are expanded; "
            f"at most {MAX_SVG_DRAWN:,} are allowed"
        )


def _drawn_elements(root: ET.Element, path: str) -> int:
    """Elements drawn with every ``<use href="#id">`` expanded (counted up to the limit)."""
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    cost: dict[int, int] = {}
    visiting: set[int] = set()

    def count(el: ET.Element, depth: int) -> int:
        key = id(el)
        if key in cost:
            return cost[key]
        if depth > MAX_SVG_DEPTH:
            raise PackRejected(f"{path}: SVG nested deeper than {MAX_SVG_DEPTH} levels")
        if key in visiting:
            raise PackRejected(f"{path}: SVG <use> refers to itself")
        visiting.add(key)
        total = 1
        for child in el:
            total += count(child, depth + 1)
            if total > MAX_SVG_DRAWN:
                break
        if _local(el.tag) == "use":
            href = next((v for k, v in el.attrib.items() if _local(k) == "href"), "")
            target = by_id.get(href[1:]) if href.startswith("#") else None
            if target is not None:
                total += count(target, depth + 1)
        visiting.discard(key)
        cost[key] = total = min(total, MAX_SVG_DRAWN + 1)
        return total

    return count(root, 0)


def check_video_head(path: str, head: bytes) -> None:
    if path.lower().endswith(".mp4"):
        ok = len(head) >= 12 and head[4:8] == b"ftyp"
    else:
        ok = head.startswith(b"\x1a\x45\xdf\xa3")
    if not ok:
        raise PackRejected(f"{path}: does not start like a {path.rsplit('.', 1)[-1]} video")


def check_text(path: str, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackRejected(f"{path}: not UTF-8 text") from None
    if "\x00" in text:
        raise PackRejected(f"{path}: text contains NUL characters")
    return text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
