"""Head office reaches every store: a pack holding only an announcement, published to the
channel, synced by a kiosk over a real loopback server, shows at its time."""

from __future__ import annotations

from datetime import datetime

from sync_helpers import Channel, KioskDir

from kiosk.content.active import start_content
from kiosk.content.announcements import current

NOTICE = b"""\
announcements:
  - id: closes-early
    text: {zh: \xe4\xbb\x8a\xe5\xa4\xa9 18:00 \xe9\x97\xad\xe9\xa6\x86, en: Closing at 18:00 today}
    from: "2026-11-25 08:00"
    until: "2026-11-25 18:00"
    priority: urgent
"""


def test_an_announcement_pack_from_the_channel_shows_at_its_time(
    channel: Channel, kiosk: KioskDir
) -> None:
    channel.publish(1, {"announcements.yaml": NOTICE}, pack_id="head-office")
    assert kiosk.client().sync_once().status == "updated"
    content = start_content(kiosk.library).content
    assert content is not None
    (notice,) = content.announcements
    assert notice.origin == "pack head-office" and notice.urgent
    assert (notice.text_zh, notice.text_en) == ("今天 18:00 闭馆", "Closing at 18:00 today")
    assert current(content.announcements, datetime(2026, 11, 25, 12, 0)) == (notice,)
    assert current(content.announcements, datetime(2026, 11, 25, 18, 0)) == ()
