"""Real servers on 127.0.0.1 for the adapter tests and the benchmark.

A pymodbus TCP server holding a SunSpec register map written here by hand (offsets typed from
the SunSpec model definitions, not taken from the code under test), a mosquitto broker with its
own config file, and an HTTP server serving recorded payloads. Each can be stopped and started
again on the same port.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import secrets
import shutil
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pymodbus.constants import ExcCodes
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice

PAYLOADS = Path(__file__).parent / "payloads"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(cond: Callable[[], bool], timeout: float = 10.0, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(step)
    return cond()


# --- SunSpec register map -------------------------------------------------------------------


def _string(text: str, regs: int) -> list[int]:
    raw = text.encode().ljust(regs * 2, b"\0")
    return [int.from_bytes(raw[i : i + 2], "big") for i in range(0, regs * 2, 2)]


def _u32(value: int) -> list[int]:
    return [(value >> 16) & 0xFFFF, value & 0xFFFF]


def _u64(value: int) -> list[int]:
    return [(value >> s) & 0xFFFF for s in (48, 32, 16, 0)]


def _f32(value: float) -> list[int]:
    (bits,) = struct.unpack(">I", struct.pack(">f", value))
    return _u32(bits)


def _i16(value: int) -> int:
    return value & 0xFFFF


class SunspecMap:
    """Builds a register map: 'SunS', common model 1, nameplate 120, inverter, meter, end.

    ``point(name)`` gives the address of a named point so tests can change it live.
    """

    def __init__(
        self,
        base: int = 40000,
        inverter: int = 103,
        meter: int | None = 203,
        storage: bool = False,
        der_ac: bool = False,
    ) -> None:
        self.base = base
        self.regs: dict[int, int] = {}
        self.points: dict[str, int] = {}
        addr = base
        addr = self._put(addr, [0x5375, 0x6E53])
        common = (
            _string("GreenSpace", 16) + _string("GS-INV-10K", 16) + _string("", 8)
            + _string("2.4.1", 8) + _string("SN0042", 16) + [1, 0x8000]
        )  # fmt: skip
        addr = self._model(addr, 1, common, {})
        addr = self._model(addr, 120, [0] * 26, {})  # nameplate: walked past, not read
        if inverter == 701:
            data, names = self._der_ac()
        elif inverter in (101, 102, 103):
            data = [0] * 50
            data[0], data[4] = 1820, _i16(-2)  # A = 18.20 A
            data[12], data[13] = 4265, 0  # W = 4265 W, W_SF = 0
            data[22:24] = _u32(2764600)  # WH = 2764600 × 10^1 Wh
            data[24] = 1  # WH_SF
            data[36] = 4  # St = MPPT
            names = {"W": 12, "W_SF": 13, "WH": 22, "WH_SF": 24}
        else:  # 111-113 float
            data = [0] * 60
            data[20:22] = _f32(4265.5)
            data[30:32] = _f32(27646000.0)
            names = {"W": 20, "WH": 30}
        addr = self._model(addr, inverter, data, {f"inverter.{k}": v for k, v in names.items()})
        if der_ac:  # a 701 block next to a 1xx inverter model
            data, names = self._der_ac()
            addr = self._model(addr, 701, data, {f"der.{k}": v for k, v in names.items()})
        if meter in (201, 202, 203, 204):
            mdata = [0] * 105
            mdata[16], mdata[20] = _i16(-1832), 0  # W = -1832 W (exporting), W_SF = 0
            mdata[36:38] = _u32(1_234_567)  # TotWhExp
            mdata[44:46] = _u32(7_654_321)  # TotWhImp
            mdata[52] = 0  # TotWh_SF
            names = {"W": 16, "W_SF": 20, "TotWhExp": 36, "TotWhImp": 44, "TotWh_SF": 52}
            addr = self._model(addr, meter, mdata, {f"meter.{k}": v for k, v in names.items()})
        elif meter is not None:  # 211-214 float
            mdata = [0] * 124
            mdata[26:28] = _f32(-1832.5)  # W
            mdata[58:60] = _f32(1_234_567.0)  # TotWhExp
            mdata[66:68] = _f32(7_654_321.0)  # TotWhImp
            names = {"W": 26, "TotWhExp": 58, "TotWhImp": 66}
            addr = self._model(addr, meter, mdata, {f"meter.{k}": v for k, v in names.items()})
        if storage:  # DER storage capacity: WHRtg, WHAvail, SoC, SoH, Sta, WH_SF
            addr = self._model(addr, 713, [1000, 620, 62, 98, 1, 1], {"storage.SoC": 2})
        self.end = self._put(addr, [0xFFFF, 0])

    @staticmethod
    def _der_ac() -> tuple[list[int], dict[str, int]]:
        """DER AC measurement (IEEE 1547 model 701), 153 registers."""
        data = [0] * 153
        data[0], data[1], data[2], data[3] = 3, 2, 4, 2  # three phase, on, MPPT, connected
        data[8] = 4265  # W
        data[17:21] = _u64(27_646_000_123)  # TotWhInj, beyond what 32 bits hold
        data[21:25] = _u64(1_200)  # TotWhAbs
        data[114], data[118] = 0, 0  # W_SF, TotWh_SF
        return data, {"W": 8, "TotWhInj": 17, "W_SF": 114, "TotWh_SF": 118}

    def point(self, name: str) -> int:
        return self.points[name]

    def set(self, name: str, values: list[int] | int) -> None:
        values = [values] if isinstance(values, int) else values
        for i, v in enumerate(values):
            self.regs[self.points[name] + i] = _i16(v)

    def _model(self, addr: int, model_id: int, data: list[int], names: dict[str, int]) -> int:
        addr = self._put(addr, [model_id, len(data)])
        for name, offset in names.items():
            self.points[name] = addr + offset
        return self._put(addr, data)

    def _put(self, addr: int, values: list[int]) -> int:
        for i, v in enumerate(values):
            self.regs[addr + i] = v
        return addr + len(values)


# --- Modbus TCP server ----------------------------------------------------------------------


class ModbusTestServer:
    """pymodbus TCP server in its own thread; registers come live from ``regs``.

    ``fault``: None, ``"busy"`` (exception response) or ``"drop"`` (close the connection
    while a read is in progress).
    """

    def __init__(self, regs: dict[int, int], *, unit_id: int = 1, port: int = 0) -> None:
        self.regs = regs
        self.unit_id = unit_id
        self.port = port or free_port()
        self.fault: str | None = None
        self.requests = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: ModbusTcpServer | None = None

    def start(self) -> None:
        ready = threading.Event()
        errors: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(ready, errors), daemon=True)
        self._thread.start()
        if not ready.wait(10) or errors:
            raise RuntimeError(f"modbus test server did not start: {errors}")

    def stop(self) -> None:
        if self._loop is None or self._server is None:
            return
        fut = asyncio.run_coroutine_threadsafe(self._server.shutdown(), self._loop)
        fut.result(5)
        assert self._thread is not None
        self._thread.join(5)
        self._loop = self._server = None

    def _run(self, ready: threading.Event, errors: list[BaseException]) -> None:
        async def main() -> None:
            lo, hi = min(self.regs), max(self.regs)
            device = SimDevice(
                self.unit_id,
                simdata=[SimData(lo, count=hi - lo + 1, values=0, datatype=DataType.REGISTERS)],
                action=self._action,
            )
            self._server = ModbusTcpServer(device, address=("127.0.0.1", self.port))
            self._loop = asyncio.get_running_loop()
            await self._server.serve_forever(background=True)
            ready.set()
            await self._server.serving

        try:
            asyncio.run(main())
        except BaseException as exc:  # reported to start()
            errors.append(exc)
            ready.set()

    async def _action(
        self, _fc: int, start: int, address: int, count: int, registers: list[int], _values: Any
    ) -> ExcCodes | None:
        self.requests += 1
        if self.fault == "busy":
            return ExcCodes.DEVICE_BUSY
        if self.fault == "drop":
            assert self._server is not None
            for conn in list(self._server.active_connections.values()):
                if conn.transport is not None:
                    conn.transport.abort()
            return ExcCodes.DEVICE_BUSY
        for i in range(count):
            registers[address - start + i] = self.regs.get(address + i, 0)
        return None


# --- HTTP server ----------------------------------------------------------------------------

Route = Callable[[BaseHTTPRequestHandler], None]


class HttpTestServer:
    """Serves ``routes[path]`` (a callable writing the response); records request headers."""

    def __init__(self, port: int = 0) -> None:
        self.port = port or free_port()
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def serve_json(self, path: str, body: bytes | str, status: int = 200) -> None:
        data = body.encode() if isinstance(body, str) else body

        def route(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)

        self.routes[path] = route

    def serve_payload(self, path: str, name: str) -> None:
        self.serve_json(path, (PAYLOADS / name).read_bytes())

    def require_digest(self, path: str, user: str, password: str, algorithm: str) -> None:
        """Put HTTP Digest auth (RFC 7616, qop=auth) in front of the route at ``path``."""
        inner = self.routes[path]
        realm, nonce = "shellyplus1pm-a8032ab12345", secrets.token_hex(16)
        hash_name = {"MD5": "md5", "SHA-256": "sha256"}[algorithm]

        def h(text: str) -> str:
            return hashlib.new(hash_name, text.encode()).hexdigest()

        def route(handler: BaseHTTPRequestHandler) -> None:
            got = _digest_params(handler.headers.get("Authorization", ""))
            ha1 = h(f"{user}:{realm}:{password}")
            ha2 = h(f"GET:{got.get('uri', '')}")
            expected = h(f"{ha1}:{nonce}:{got.get('nc', '')}:{got.get('cnonce', '')}:auth:{ha2}")
            ok = (
                got.get("username") == user
                and got.get("nonce") == nonce
                and got.get("algorithm", "MD5").upper() == algorithm
                and got.get("response") == expected
            )
            if ok:
                inner(handler)
                return
            handler.send_response(401)
            handler.send_header(
                "WWW-Authenticate",
                f'Digest qop="auth", realm="{realm}", nonce="{nonce}", algorithm={algorithm}',
            )
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route

    def start(self) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append((self.path, dict(self.headers)))
                route = outer.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404)
                    return
                route(self)

            def log_message(self, *_args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None


def _digest_params(header: str) -> dict[str, str]:
    if not header.startswith("Digest "):
        return {}
    pairs = re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]*))', header[7:])
    return {k: quoted or bare for k, quoted, bare in pairs}


# --- mosquitto --------------------------------------------------------------------------------


def mosquitto_binary() -> str | None:
    return shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin:/usr/local/sbin")


class Mosquitto:
    """A private mosquitto on a free loopback port with its own config file."""

    def __init__(
        self,
        workdir: Path,
        port: int = 0,
        users: dict[str, str] | None = None,
        *,
        listener_conf: str = "",
        persistence: bool = False,
    ) -> None:
        """``listener_conf``: lines for the listener (TLS certificates); ``persistence``:
        keep sessions and retained messages in ``workdir`` across a restart."""
        binary = mosquitto_binary()
        if binary is None:
            raise RuntimeError("mosquitto is not installed")
        self.binary = binary
        self.port = port or free_port()
        self.conf = workdir / "mosquitto.conf"
        auth = "allow_anonymous true\n"
        if users:
            passwd = workdir / "passwd"
            passwd.write_text("")
            for user, password in users.items():
                subprocess.run(
                    [
                        shutil.which("mosquitto_passwd") or "mosquitto_passwd",
                        "-b",
                        str(passwd),
                        user,
                        password,
                    ],
                    check=True,
                    capture_output=True,
                )
            auth = f"allow_anonymous false\npassword_file {passwd}\n"
            if os.geteuid() == 0:  # root mosquitto drops to a user that cannot read tmp_path
                auth += "user root\n"
        keep = f"persistence true\npersistence_location {workdir}/\n" if persistence else ""
        if (keep or listener_conf) and os.geteuid() == 0 and "user root" not in auth:
            keep += "user root\n"  # it reads and writes files in tmp_path
        self.conf.write_text(
            f"listener {self.port} 127.0.0.1\n{listener_conf}{auth}"
            f"{keep or 'persistence false'}\n"
            "log_dest none\nmax_queued_messages 100000\n"
        )
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._proc = subprocess.Popen(
            [self.binary, "-c", str(self.conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until(self._accepting, 10):
            self.stop()
            raise RuntimeError(f"mosquitto did not start on port {self.port}")

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(10)
            self._proc = None

    def _accepting(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return True
        except OSError:
            return False
