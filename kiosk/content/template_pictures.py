"""Pictures of the docs' quiz template (docs/quiz-template.csv), written by ``kiosk pack new``.

The same hand-drawn CC0 pictures as the built-in pack's ``content/images/quiz/`` (see its
LICENSE.md), so the template imports into a new pack as shipped.
"""

from __future__ import annotations


def _bin(title: str, lid: str, body: str, edge: str, mark: str) -> str:
    """One of the three waste bins: the same bin in its colours, with its mark on the front."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">\n'
        f"<title>{title}</title>\n"
        f'<rect x="40" y="34" width="120" height="18" rx="6" fill="{lid}"/>'
        f'<rect x="84" y="22" width="32" height="14" rx="5" fill="{lid}"/>\n'
        f'<path d="M50 56 L150 56 L140 186 L60 186 Z" fill="{body}" stroke="{edge}" '
        'stroke-width="6" stroke-linejoin="round"/>\n'
        f"{mark}\n</svg>\n"
    )


_LEAF = (
    '<path d="M100 100 C80 88 66 104 70 124 C74 148 92 156 100 150 C108 156 126 148 130 124 '
    'C134 104 120 88 100 100 Z" fill="#FFFFFF"/>\n'
    '<path d="M100 100 Q102 86 112 80" fill="none" stroke="#FFFFFF" stroke-width="6" '
    'stroke-linecap="round"/>'
)
_LINES = (
    '<g fill="none" stroke="#FFFFFF" stroke-width="8" stroke-linecap="round">'
    '<line x1="82" y1="86" x2="78" y2="160"/><line x1="100" y1="86" x2="100" y2="160"/>'
    '<line x1="118" y1="86" x2="122" y2="160"/></g>'
)
_ARROWS = (
    '<g fill="none" stroke="#FFFFFF" stroke-width="8" stroke-linecap="round" '
    'stroke-linejoin="round"><path d="M86 108 L100 86 L114 108"/>'
    '<path d="M124 124 L112 148 L88 148"/><path d="M76 144 L70 124 L90 116"/></g>'
)

QUIZ_PICTURES = {
    "images/quiz/bin-kitchen.svg": _bin(
        "Green bin: kitchen waste", "#15803D", "#22C55E", "#14532D", _LEAF
    ),
    "images/quiz/bin-other.svg": _bin(
        "Grey bin: other waste", "#374151", "#6B7280", "#1F2937", _LINES
    ),
    "images/quiz/bin-recyclable.svg": _bin(
        "Blue bin: recyclables", "#1D4ED8", "#2563EB", "#1E3A8A", _ARROWS
    ),
    "images/quiz/solar-panel.svg": """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
<title>Solar panel</title>
<circle cx="160" cy="38" r="22" fill="#FFD23F"/>
<polygon points="30,150 60,70 170,70 140,150" fill="#1F4E9A" stroke="#0E2C5E" stroke-width="6" stroke-linejoin="round"/>
<g stroke="#8FB3F0" stroke-width="4"><line x1="50" y1="123" x2="157" y2="123"/><line x1="40" y1="97" x2="165" y2="97"/><line x1="97" y1="70" x2="67" y2="150"/><line x1="133" y1="70" x2="103" y2="150"/></g>
<rect x="90" y="150" width="14" height="32" fill="#6B7280"/><rect x="60" y="178" width="76" height="10" rx="4" fill="#6B7280"/>
</svg>
""",
    "images/quiz/tap.svg": """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
<title>Water tap</title>
<rect x="20" y="44" width="20" height="60" rx="6" fill="#6B7280"/>
<path d="M40 60 L120 60 Q150 60 150 90 L150 104 L126 104 L126 92 Q126 84 118 84 L40 84 Z" fill="#9CA3AF" stroke="#4B5563" stroke-width="5" stroke-linejoin="round"/>
<rect x="78" y="34" width="16" height="26" fill="#4B5563"/><rect x="58" y="24" width="56" height="14" rx="7" fill="#E11D48"/>
<path d="M138 122 Q138 112 138 112 Q150 132 150 142 A12 12 0 0 1 126 142 Q126 132 138 112 Z" fill="#38BDF8" stroke="#0284C7" stroke-width="4"/>
<path d="M138 160 Q150 178 150 186 A12 12 0 0 1 126 186 Q126 178 138 160 Z" fill="#38BDF8" stroke="#0284C7" stroke-width="4"/>
</svg>
""",
}
