"""``kiosk fleet status`` against a real mosquitto holding retained statuses: problems first,
today's totals, JSON / CSV (BOM, Chinese names intact) / one self-contained HTML file that
headless Chromium renders; a wrong password is one plain line and exit code 1."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from loopback import Mosquitto
from mqtt_helpers import self_signed
from paho.mqtt.enums import CallbackAPIVersion

from kiosk.cli import main
from kiosk.fleet.status_doc import KioskFacts, build_status, encode, offline_doc
from kiosk.fleet.topics import STATUS, kiosk_topic

NOW = time.time()


def docs() -> list[dict[str, Any]]:
    good = KioskFacts("east", "store-0001", "1.4.0", site_name="武汉光谷店",
                      packs=(("chain-eco", "2026.3"),), last_sync="2026-12-04T00:00:00Z",
                      sync_result="up_to_date", sources=(("inverter", "live"),),
                      disk_free_bytes=20_000_000_000,
                      counts_today={"sessions": 40, "quiz.answers": 30, "quiz.right": 21})  # fmt: skip
    failing = KioskFacts("east", "store-0002", "1.3.9", site_name="Store 2",
                         sources=(("inverter", "failing"),), sync_result="failed",
                         sync_error_kind="offline", last_sync="2026-11-01T00:00:00Z",
                         disk_free_bytes=500_000_000,
                         counts_today={"sessions": 2, "quiz.answers": 10, "quiz.right": 3})  # fmt: skip
    vanished = build_status(KioskFacts("west", "store-0003", "1.4.0", site_name="Store 3",
                                       packs=(("chain-eco", "2026.3"),)), NOW - 3600)  # fmt: skip
    return [
        build_status(good, NOW),
        build_status(failing, NOW),
        offline_doc("west", "store-0003", NOW - 3600, last=vanished),
        build_status(KioskFacts("west", "store-0004", "1.4.0", site_name="<b>Mall</b> & co"), NOW),
    ]


@pytest.fixture
def fleet_broker(broker: Mosquitto) -> Mosquitto:
    client = mqtt.Client(CallbackAPIVersion.VERSION2)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    for doc in docs():
        topic = kiosk_topic(doc["fleet"], doc["kiosk"], STATUS)
        client.publish(topic, encode(doc), qos=1, retain=True).wait_for_publish(5)
    client.publish("green-space-kiosk/v1/west/store-0005/status", b"not json", retain=True)
    client.disconnect()
    client.loop_stop()
    return broker


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["fleet", "status", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_problems_first_with_totals(
    fleet_broker: Mosquitto, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"mqtt://127.0.0.1:{fleet_broker.port}"
    code, out, _err = run(capsys, "--broker", url, "--json", "--quiet-seconds", "0.5")
    assert code == 0
    doc = json.loads(out)
    assert (doc["kiosks"], doc["online"], doc["with_problems"]) == (5, 3, 3)
    order = [r["kiosk"] for r in doc["rows"]]
    assert order[0] == "store-0002"  # the most problems first
    assert set(order[:3]) == {"store-0002", "store-0003", "store-0005"}
    assert order[3:] == ["store-0001", "store-0004"]  # then the healthy, by fleet and id
    problems = doc["rows"][0]["problems"]
    assert "sync failed (offline)" in problems and "source inverter failing" in problems
    assert any(p.startswith("disk low") for p in problems)
    assert any(p.startswith("no sync for") for p in problems)
    lost = next(r for r in doc["rows"] if r["kiosk"] == "store-0003")
    assert lost["problems"] == ["offline (connection lost)"] and lost["online"] is False
    # what it ran when it vanished comes with its last will
    assert (lost["site"], lost["version"], lost["packs"]) == (
        "Store 3",
        "1.4.0",
        "chain-eco 2026.3",
    )
    unreadable = next(r for r in doc["rows"] if r["kiosk"] == "store-0005")
    assert unreadable["problems"] == ["status unreadable"]
    assert doc["totals_today"] == {"quiz.answers": 40, "quiz.right": 24, "sessions": 42}
    # one fleet only
    code, out, _err = run(capsys, "--broker", url, "--fleet", "west", "--json",
                          "--quiet-seconds", "0.5")  # fmt: skip
    assert {r["kiosk"] for r in json.loads(out)["rows"]} == {"store-0003", "store-0004",
                                                              "store-0005"}  # fmt: skip


def test_table_and_csv_keep_chinese_names(
    fleet_broker: Mosquitto, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"mqtt://127.0.0.1:{fleet_broker.port}"
    code, out, _err = run(capsys, "--broker", url, "--quiet-seconds", "0.5")
    assert code == 0
    assert out.startswith("5 kiosks, 3 online, 3 with problems")
    assert "share of right answers" in out and "60%" in out
    target = tmp_path / "fleet.csv"
    code, _out, err = run(capsys, "--broker", url, "--csv", str(target), "--quiet-seconds", "0.5")
    assert code == 0 and "5 kiosks (3 with problems)" in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["kiosk"] == "store-0002"
    assert next(r for r in rows if r["kiosk"] == "store-0001")["site"] == "武汉光谷店"


def test_html_is_one_file_that_chromium_renders(
    fleet_broker: Mosquitto, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "fleet.html"
    url = f"mqtt://127.0.0.1:{fleet_broker.port}"
    code, _out, _err = run(capsys, "--broker", url, "--html", str(page), "--quiet-seconds", "0.5")
    assert code == 0
    html = page.read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", html)  # nothing fetched
    assert "<script" not in html
    assert "&lt;b&gt;Mall&lt;/b&gt; &amp; co" in html  # a site name cannot inject markup
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (bash build_scripts/dev.sh setup installs it)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    rows = re.findall(r"<tr class=\"problem\">.*?</tr>", dom, re.S)
    assert len(rows) == 3 and "store-0002" in rows[0]
    assert "武汉光谷店" in dom and ">42<" in dom  # sessions today in the card
    shot = tmp_path / "fleet.png"
    subprocess.run([browser, *flags, "--window-size=1280,900", f"--screenshot={shot}",
                    page.as_uri()], capture_output=True, timeout=120, check=True)  # fmt: skip
    assert shot.stat().st_size > 10_000  # drawn, not blank


def test_wrong_password_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broker = Mosquitto(tmp_path, users={"hq": "right"})
    broker.start()
    try:
        monkeypatch.setenv("KIOSK_FLEET_PASSWORD", "wrong")
        code, out, err = run(capsys, "--broker", f"mqtt://127.0.0.1:{broker.port}",
                             "--username", "hq")  # fmt: skip
        assert code == 1 and out == ""
        assert err.strip() == (f"kiosk: the broker at 127.0.0.1:{broker.port} refused user 'hq':"
                               " check --username and the password in $KIOSK_FLEET_PASSWORD")  # fmt: skip
    finally:
        broker.stop()


def test_an_untrusted_broker_names_the_option_to_fix_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """At head office the CA bundle is the --ca-file option, not the kiosk's config key."""
    cert, key = self_signed(tmp_path)
    broker = Mosquitto(tmp_path, listener_conf=f"certfile {cert}\nkeyfile {key}\n")
    broker.start()
    try:
        url = f"mqtts://127.0.0.1:{broker.port}"
        code, _out, err = run(capsys, "--broker", url, "--quiet-seconds", "0.5")
        assert code == 1
        assert "not trusted" in err and "--ca-file" in err and "fleet.ca_bundle" not in err
        assert "Traceback" not in err
        code, out, err = run(capsys, "--broker", url, "--ca-file", str(cert), "--json",
                             "--quiet-seconds", "0.5")  # fmt: skip
        assert code == 0, err
        assert json.loads(out)["kiosks"] == 0
    finally:
        broker.stop()
