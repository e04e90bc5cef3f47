"""The fleet view as one self-contained HTML file a manager opens in any browser: inline
style, no scripts, no fonts or pictures from anywhere, every value escaped."""

from __future__ import annotations

from html import escape

from kiosk.fleet.view import FleetView, KioskRow, answers_share

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#1d2b22}
h1{font-size:22px;margin:0 0 4px}p.meta{color:#5b6b60;margin:0 0 16px}
.cards{display:flex;gap:12px;margin:0 0 20px;flex-wrap:wrap}
.card{background:#eef5ef;border-radius:8px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:26px}.card.bad{background:#fdecea}
table{border-collapse:collapse;width:100%;margin:0 0 24px;font-size:14px}
th,td{border-bottom:1px solid #d5ddd7;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f4f7f5;position:sticky;top:0}tr.problem td{background:#fff6f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}.off{color:#b3261e;font-weight:600}
@media print{th{position:static}}
"""


def _row(r: KioskRow) -> str:
    cls = ' class="problem"' if r.problems else ""
    online = "yes" if r.online else '<span class="off">no</span>'
    sync = "—" if r.sync_age_h is None else f"{r.sync_age_h:.1f} h"
    problems = "<br>".join(escape(p) for p in r.problems) or "ok"
    cells = (escape(f"{r.fleet}/{r.kiosk}"), escape(r.site), online,
             escape(r.last_seen.replace("T", " ").rstrip("Z")), escape(r.version),
             escape(r.packs), sync, problems)  # fmt: skip
    return f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def to_html(view: FleetView, title: str = "Green Space Kiosk fleet") -> str:
    cards = [
        ("kiosks", len(view.rows), False),
        ("online", view.online, False),
        ("with problems", view.with_problems, view.with_problems > 0),
        ("visitor sessions today", view.totals.get("sessions", 0), False),
    ]
    card_html = "".join(
        f'<div class="card{" bad" if bad else ""}"><b>{value:,}</b>{escape(name)}</div>'
        for name, value, bad in cards
    )
    head = ("<tr><th>kiosk</th><th>site</th><th>online</th><th>last seen (UTC)</th>"
            "<th>version</th><th>packs</th><th>since sync</th><th>problems</th></tr>")  # fmt: skip
    rows = "\n".join(_row(r) for r in view.rows)
    totals = "\n".join(
        f"<tr><td>{escape(name)}</td><td class=num>{total:,}</td></tr>"
        for name, total in view.totals.items()
    )
    share = answers_share(view.totals)
    if share is not None:
        totals += f"\n<tr><td>share of right answers</td><td class=num>{share:.0%}</td></tr>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="meta">Read from the broker at {escape(view.generated_at)} (UTC). Problems first.</p>
<div class="cards">{card_html}</div>
<table id="kiosks"><thead>{head}</thead><tbody>
{rows}
</tbody></table>
<h2>Today's visitor counts, all kiosks</h2>
<table id="totals"><thead><tr><th>counter</th><th>total</th></tr></thead><tbody>
{totals or '<tr><td colspan="2">no counts yet</td></tr>'}
</tbody></table>
</body></html>
"""
