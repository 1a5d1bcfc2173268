"""Test helpers: a server process, raw HTTP requests, RowBinary encoding, native LZ4 blocks."""
from __future__ import annotations

import http.client
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

SERVER = Path(__file__).resolve().parent.parent / "chdb_http_server.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    def __init__(self, data_dir: Path, log_path: Path):
        self.data_dir = data_dir
        self.log_path = log_path
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self, timeout_s: float = 60.0) -> None:
        env = dict(os.environ, TZ="UTC")
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVER), "--data", str(self.data_dir), "--port", str(self.port)],
            stdout=self._log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                status, _, body = request(self.port, "GET", "/ping", timeout=1)
                if status == 200 and body == b"Ok.\n":
                    return
            except OSError:
                pass
            time.sleep(0.05)  # polling interval, bounded by the deadline
        raise RuntimeError(f"server not ready in {timeout_s}s: {self.log_path.read_text()[-2000:]}")

    def stop(self, timeout_s: float = 30.0) -> int:
        assert self.proc is not None
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout=timeout_s)
        finally:
            self._log.close()


def url(params: dict | None = None, path: str = "/") -> str:
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def request(port: int, method: str, path: str, body=None, headers=None, timeout: float = 30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        return send(conn, method, path, body, headers)
    finally:
        conn.close()


def send(conn: http.client.HTTPConnection, method: str, path: str, body=None, headers=None):
    """One request on an existing connection; a list/iterator body is sent chunked."""
    headers = dict(headers or {})
    chunked = body is not None and not isinstance(body, (bytes, str))
    conn.request(method, path, body=body, headers=headers, encode_chunked=chunked)
    resp = conn.getresponse()
    data = resp.read()
    assert resp.getheader("Content-Length") == str(len(data))
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def query(port: int, sql: str, params: dict | None = None, headers=None):
    return request(port, "POST", url(params), sql.encode(), headers)


def ok(port: int, sql: str, params: dict | None = None, headers=None) -> bytes:
    status, hdrs, body = query(port, sql, params, headers)
    assert status == 200, (status, body)
    return body


def chunks(data: bytes, size: int):
    """Split bytes into fixed-size pieces (deliberately cutting rows in half)."""
    return [data[i:i + size] for i in range(0, len(data), size)]


# --- RowBinary -------------------------------------------------------------------------------

def leb128(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def rb_string(s: str | bytes) -> bytes:
    raw = s.encode() if isinstance(s, str) else s
    return leb128(len(raw)) + raw


def rb_u64(n: int) -> bytes:
    return struct.pack("<Q", n)


def rb_event(id_: int, name: str) -> bytes:
    """Row of `events (id UInt64, name String)`."""
    return rb_u64(id_) + rb_string(name)


@dataclass
class RowBinaryReader:
    data: bytes
    pos: int = 0

    def varint(self) -> int:
        shift = result = 0
        while True:
            byte = self.data[self.pos]
            self.pos += 1
            result |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return result
            shift += 7

    def string(self) -> str:
        n = self.varint()
        value = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return value

    def u64(self) -> int:
        (value,) = struct.unpack_from("<Q", self.data, self.pos)
        self.pos += 8
        return value


# --- native compression ----------------------------------------------------------------------

def _checksum(data: bytes) -> bytes:
    from clickhouse_cityhash.cityhash import CityHash128
    value = CityHash128(data)
    return struct.pack("<QQ", value >> 64, value & 0xFFFFFFFFFFFFFFFF)


def native_compress(data: bytes, block: int = 1 << 16) -> bytes:
    import lz4.block
    out = bytearray()
    for i in range(0, len(data), block):
        raw = data[i:i + block]
        payload = lz4.block.compress(raw, store_size=False)
        header = struct.pack("<BII", 0x82, len(payload) + 9, len(raw))
        out += _checksum(header + payload) + header + payload
    return bytes(out)


def native_decompress(data: bytes) -> bytes:
    import lz4.block
    out = bytearray()
    pos = 0
    while pos < len(data):
        checksum = data[pos:pos + 16]
        method, size, raw = struct.unpack_from("<BII", data, pos + 16)
        block = data[pos + 16:pos + 16 + size]
        assert method == 0x82
        assert _checksum(block) == checksum, "checksum mismatch"
        out += lz4.block.decompress(block[9:], uncompressed_size=raw)
        pos += 16 + size
    return bytes(out)
