#!/usr/bin/env python3
"""ClickHouse-HTTP-compatible endpoint on top of the embedded ClickHouse engine of chdb.

Usage: python3 chdb_http_server.py --data DIR [--port 8123] [--host 127.0.0.1] [--verbose]

One process, one chdb connection on a persistent path, one global lock around all engine
work. See README.md next to this file for what is supported and what is not.
"""
from __future__ import annotations

import argparse
import io
import logging
import os
import re
import signal
import struct
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import BinaryIO, Iterator
from urllib.parse import parse_qsl, urlsplit

os.environ["TZ"] = "UTC"  # before the engine is loaded
if hasattr(time, "tzset"):
    time.tzset()

LOG = logging.getLogger("chdb-http")

SERVER_DISPLAY_NAME = "chdb-local"
DEFAULT_MAX_QUERY_SIZE = 262144          # ClickHouse's default max_query_size
HEAD_SCAN_BYTES = 1 << 20                # how much of the query text is searched for "FORMAT <name>"
ENGINE_FEED_BYTES = 1 << 20              # piece size appended to a streaming insert
COMPRESS_BLOCK_BYTES = 1 << 20           # max uncompressed size of one native LZ4 block
MAX_COMPRESSED_BLOCK = 1 << 30           # sanity limit on a client-sent native block
SPOOL_IN_MEMORY = 8 << 20                # request bodies above this go to a temp file
KEEP_ALIVE_TIMEOUT_S = 30                # advertised; idle sockets are closed a bit later
SOCKET_TIMEOUT_S = KEEP_ALIVE_TIMEOUT_S + 30
NATIVE_LZ4_METHOD = 0x82
NATIVE_NONE_METHOD = 0x02

# HTTPHandler.cpp reserved_param_names (+ query, param_*): these are not settings.
RESERVED_PARAMS = frozenset({
    "query", "compress", "decompress", "user", "password", "quota_key", "query_id", "stacktrace",
    "role", "buffer_size", "wait_end_of_query", "session_id", "session_timeout", "session_check",
    "client_protocol_version", "close_session", "database", "default_format",
})

# Names com.clickhouse.data.ClickHouseFormat (client 0.9.9) accepts in X-ClickHouse-Format.
JAVA_CLIENT_FORMATS = frozenset("""
RowBinary RowBinaryWithNames RowBinaryWithNamesAndTypes RowBinaryWithDefaults TabSeparated
TabSeparatedRaw TabSeparatedRawWithNames TabSeparatedRawWithNamesAndTypes TabSeparatedWithNames
TabSeparatedWithNamesAndTypes Arrow ArrowStream Avro AvroConfluent CSV CSVWithNames
CSVWithNamesAndTypes CapnProto CustomSeparated CustomSeparatedWithNames
CustomSeparatedWithNamesAndTypes JSONCompactEachRow JSONCompactEachRowWithNames
JSONCompactEachRowWithNamesAndTypes JSON JSONAsObject JSONAsString JSONColumns
JSONColumnsWithMetadata JSONCompact JSONCompactColumns JSONCompactStringsEachRow
JSONCompactStringsEachRowWithNames JSONCompactStringsEachRowWithNamesAndTypes JSONCompactStrings
JSONEachRow PrettyJSONEachRow JSONEachRowWithProgress JSONLines NDJSON JSONObjectEachRow
JSONStringsEachRow JSONStrings LineAsString Markdown MsgPack Native Null ORC Parquet Pretty
PrettyCompact PrettyCompactMonoBlock PrettyNoEscapes PrettySpace Prometheus Protobuf RawBLOB
SQLInsert TSKV TSV TSVRaw TSVRawWithNames TSVRawWithNamesAndTypes TSVWithNames
TSVWithNamesAndTypes Template Values Vertical XML
""".split())

# exceptionCodeToHTTPStatus.cpp, by numeric code (numbers read from this engine's system.errors).
_STATUS_BY_CODE = {
    194: 401,
    192: 403, 193: 403, 516: 403, 512: 403, 497: 403,
    36: 400, 6: 400, 25: 400, 26: 400, 27: 400, 38: 400, 41: 400, 72: 400, 376: 400, 441: 400,
    467: 400, 675: 400, 676: 400, 15: 400, 44: 400, 8: 400, 62: 400, 117: 400, 53: 400, 321: 400,
    37: 400, 123: 400, 167: 400, 168: 400, 223: 400,
    60: 404, 46: 404, 47: 404, 50: 404, 56: 404, 81: 404, 115: 404, 63: 404, 73: 404, 336: 404,
    78: 404, 511: 404,
    229: 413,
    48: 501,
    209: 503, 76: 503, 439: 503,
    381: 411,
    159: 408,
    779: 415,
}

_INSERT_FORMAT_RE = re.compile(
    rb"^\s*INSERT\s+INTO\s+(?P<target>.+?)\s+FORMAT\s+(?P<fmt>[A-Za-z_][A-Za-z0-9_]*)", re.I | re.S)
_OUTPUT_FORMAT_RE = re.compile(r"\bFORMAT\s+([A-Za-z_][A-Za-z0-9_]*)", re.I)
_RESULT_STMT_RE = re.compile(r"^\s*\(?\s*(SELECT|WITH|DESC|DESCRIBE|SHOW|EXISTS|EXPLAIN|CHECK)\b", re.I)
_USE_STMT_RE = re.compile(r"^\s*USE\b", re.I)
_CODE_PREFIX_RE = re.compile(r"^Code: (\d+)\. DB::Exception: ")
_ERROR_SUFFIX_RE = re.compile(r"\.? \(([A-Z][A-Z0-9_]*)\)(?: \(version [^)]*\))?\.?\s*$")
_VERSION_SUFFIX_RE = re.compile(r"\s*\(version [^)]*\)\.?\s*$")


# ----------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------

class ClickHouseError(Exception):
    """An error with a ClickHouse code; `message` is the part after 'DB::Exception: '."""

    def __init__(self, code: int, message: str, name: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.name = name


def parse_engine_error(exc: BaseException) -> ClickHouseError:
    """Turn a chdb exception text into a ClickHouseError (code, clean message, error name)."""
    text = str(exc).strip()
    start = text.find("Code: ")
    if start < 0:
        return ClickHouseError(1001, text or type(exc).__name__, "STD_EXCEPTION")
    text = text[start:]
    match = _CODE_PREFIX_RE.match(text)
    if not match:
        return ClickHouseError(1001, text, "STD_EXCEPTION")
    code = int(match.group(1))
    while match:  # chdb sometimes nests "Code: N. DB::Exception: " several times
        text = text[match.end():]
        match = _CODE_PREFIX_RE.match(text)
    name = ""
    while True:  # ... and repeats ". (NAME) (version X)" at the end
        suffix = _ERROR_SUFFIX_RE.search(text)
        if not suffix:
            break
        name = name or suffix.group(1)
        text = text[:suffix.start()]
    text = _VERSION_SUFFIX_RE.sub("", text)
    return ClickHouseError(code, text, name)


def http_status_for(code: int) -> int:
    return _STATUS_BY_CODE.get(code, 500)


def format_error_body(err: ClickHouseError, version: str) -> bytes:
    name = f". ({err.name})" if err.name else ""
    return f"Code: {err.code}. DB::Exception: {err.message}{name} (version {version})\n".encode()


# ----------------------------------------------------------------------------------------------
# Native ClickHouse compression (compress=1 / decompress=1)
# ----------------------------------------------------------------------------------------------

def _cityhash128_le(data: bytes) -> bytes:
    from clickhouse_cityhash.cityhash import CityHash128
    value = CityHash128(data)
    # clickhouse-cityhash packs the first uint64 of CityHash128 (written first, LE) in the HIGH bits
    return struct.pack("<QQ", value >> 64, value & 0xFFFFFFFFFFFFFFFF)


def compress_native(data: bytes) -> bytes:
    """Encode bytes as ClickHouse native LZ4 blocks (checksum | 0x82 | sizes | lz4 block)."""
    import lz4.block
    out = bytearray()
    for pos in range(0, len(data), COMPRESS_BLOCK_BYTES):
        raw = data[pos:pos + COMPRESS_BLOCK_BYTES]
        payload = lz4.block.compress(raw, store_size=False)
        header = struct.pack("<BII", NATIVE_LZ4_METHOD, len(payload) + 9, len(raw))
        out += _cityhash128_le(header + payload) + header + payload
    return bytes(out)


def _read_exact(src: BinaryIO, size: int) -> bytes:
    data = src.read(size)
    if len(data) != size:
        raise ClickHouseError(33, f"Cannot read all data. Bytes read: {len(data)}. "
                                  f"Bytes expected: {size}.", "CANNOT_READ_ALL_DATA")
    return data


def iter_native_blocks(src: BinaryIO) -> Iterator[bytes]:
    """Decode a stream of ClickHouse native compressed blocks (LZ4 or NONE), checksums verified."""
    import lz4.block
    while True:
        checksum = src.read(16)
        if not checksum:
            return
        if len(checksum) != 16:
            raise ClickHouseError(33, "Cannot read all data of a compressed block header",
                                  "CANNOT_READ_ALL_DATA")
        header = _read_exact(src, 9)
        method, compressed_size, raw_size = struct.unpack("<BII", header)
        if compressed_size < 9 or compressed_size > MAX_COMPRESSED_BLOCK:
            raise ClickHouseError(39, f"Too large size ({compressed_size}) of compressed block",
                                  "TOO_LARGE_SIZE_COMPRESSED")
        payload = _read_exact(src, compressed_size - 9)
        if _cityhash128_le(header + payload) != checksum:
            raise ClickHouseError(40, "Checksum doesn't match: corrupted data",
                                  "CHECKSUM_DOESNT_MATCH")
        if method == NATIVE_LZ4_METHOD:
            try:
                yield lz4.block.decompress(payload, uncompressed_size=raw_size)
            except Exception as exc:  # lz4.block.LZ4BlockError
                raise ClickHouseError(271, f"Cannot decompress LZ4 block: {exc}",
                                      "CANNOT_DECOMPRESS") from exc
        elif method == NATIVE_NONE_METHOD:
            yield payload
        else:
            raise ClickHouseError(89, f"Unknown compression method: {method:#x}",
                                  "UNKNOWN_COMPRESSION_METHOD")


# ----------------------------------------------------------------------------------------------
# Request body
# ----------------------------------------------------------------------------------------------

def _new_spool() -> BinaryIO:
    return tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)


def read_chunked(rfile: BinaryIO, sink: BinaryIO) -> None:
    """Decode a Transfer-Encoding: chunked body into sink, consuming the trailers."""
    while True:
        line = rfile.readline(65537)
        if not line.endswith(b"\n"):
            raise ClickHouseError(33, "Unexpected end of chunked request body", "CANNOT_READ_ALL_DATA")
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError as exc:
            raise ClickHouseError(27, f"Bad chunk size line {line[:40]!r}",
                                  "CANNOT_PARSE_INPUT_ASSERTION_FAILED") from exc
        if size == 0:
            break
        copy_exact(rfile, sink, size)
        if rfile.readline(3) not in (b"\r\n", b"\n"):
            raise ClickHouseError(27, "Missing CRLF after a chunk", "CANNOT_PARSE_INPUT_ASSERTION_FAILED")
    while True:  # trailers
        line = rfile.readline(65537)
        if line in (b"\r\n", b"\n", b""):
            return


def copy_exact(rfile: BinaryIO, sink: BinaryIO, size: int) -> None:
    remaining = size
    while remaining:
        data = rfile.read(min(remaining, 1 << 16))
        if not data:
            raise ClickHouseError(33, f"Request body ended {remaining} bytes early",
                                  "CANNOT_READ_ALL_DATA")
        sink.write(data)
        remaining -= len(data)


def decompress_to_spool(src: BinaryIO) -> BinaryIO:
    out = _new_spool()
    for block in iter_native_blocks(src):
        out.write(block)
    out.seek(0)
    return out


HTTP_CODECS = ("gzip", "deflate", "lz4")  # Content-Encoding values understood (lz4 = LZ4 frame)


def _open_http_decoder(encoding: str, src: BinaryIO) -> BinaryIO:
    import gzip
    import lz4.frame
    if encoding in ("gzip", "x-gzip"):
        return gzip.GzipFile(fileobj=src, mode="rb")
    if encoding == "lz4":
        return lz4.frame.LZ4FrameFile(src, mode="rb")
    raise ClickHouseError(89, f"Unknown HTTP Content-Encoding: {encoding}", "UNKNOWN_COMPRESSION_METHOD")


def decode_content_encoding(encoding: str, src: BinaryIO) -> BinaryIO:
    """Undo HTTP Content-Encoding (enable_http_compression clients) into a new spool."""
    import zlib
    out = _new_spool()
    try:
        if encoding == "deflate":
            inflater = zlib.decompressobj()
            while chunk := src.read(1 << 16):
                out.write(inflater.decompress(chunk))
            out.write(inflater.flush())
        else:
            with _open_http_decoder(encoding, src) as decoder:
                while chunk := decoder.read(1 << 16):
                    out.write(chunk)
    except ClickHouseError:
        raise
    except Exception as exc:
        raise ClickHouseError(271, f"Cannot decompress {encoding} request body: {exc}",
                              "CANNOT_DECOMPRESS") from exc
    out.seek(0)
    return out


def choose_response_encoding(accept_encoding: str) -> str | None:
    for token in accept_encoding.split(","):
        name = token.split(";", 1)[0].strip().lower()
        if name in HTTP_CODECS:
            return name
    return None


def encode_content(encoding: str, data: bytes) -> bytes:
    import gzip
    import zlib
    import lz4.frame
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=3)
    if encoding == "deflate":
        return zlib.compress(data, 3)
    return lz4.frame.compress(data)


def _replace(old: BinaryIO, new: BinaryIO) -> BinaryIO:
    old.close()
    return new


class QueryStream:
    """The logical query text: `query` URL param + "\\n" + body, readable as one stream."""

    def __init__(self, prefix: bytes, body: BinaryIO):
        self._prefix = io.BytesIO(prefix)
        self._body = body

    def read(self, size: int) -> bytes:
        data = self._prefix.read(size)
        if len(data) < size:
            data += self._body.read(size - len(data))
        return data


# ----------------------------------------------------------------------------------------------
# Request parameters
# ----------------------------------------------------------------------------------------------

@dataclass
class RequestParams:
    query_param: str = ""
    database: str = "default"
    default_format: str = "TabSeparated"
    query_id: str = ""
    compress: bool = False
    decompress: bool = False
    http_compression: bool = False
    settings: dict[str, str] = field(default_factory=dict)
    query_params: dict[str, str] = field(default_factory=dict)
    max_query_size: int = DEFAULT_MAX_QUERY_SIZE


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def parse_request_params(url_query: str, headers) -> RequestParams:
    """Split URL params and X-ClickHouse-* headers into what HTTPHandler.cpp would do with them."""
    pairs = parse_qsl(url_query, keep_blank_values=True)
    params = dict(pairs)
    result = RequestParams()
    result.query_param = params.get("query", "")
    result.database = params.get("database") or headers.get("X-ClickHouse-Database") or "default"
    result.default_format = (params.get("default_format") or headers.get("X-ClickHouse-Format")
                             or "TabSeparated")
    result.query_id = (params.get("query_id") or headers.get("X-ClickHouse-Query-Id")
                       or str(uuid.uuid4()))
    result.compress = _truthy(params.get("compress", "0"))
    result.decompress = _truthy(params.get("decompress", "0"))
    result.http_compression = _truthy(params.get("enable_http_compression", "0"))
    for name, value in pairs:
        if name.startswith("param_"):
            result.query_params[name[len("param_"):]] = value
        elif name not in RESERVED_PARAMS:
            result.settings[name] = value
    if "max_query_size" in result.settings:
        try:
            result.max_query_size = int(result.settings["max_query_size"])
        except ValueError:
            pass
    return result


def quote_sql_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def output_format_of(sql: str, default_format: str) -> str:
    found = _OUTPUT_FORMAT_RE.findall(sql)
    return found[-1] if found else default_format


def content_type_for(fmt: str) -> str:
    lowered = fmt.lower()
    if lowered.startswith(("json", "ndjson", "prettyjson")):
        return "application/json; charset=UTF-8"
    if lowered.startswith(("rowbinary", "native", "parquet", "arrow", "orc", "avro", "msgpack")):
        return "application/octet-stream"
    if lowered.startswith(("tabseparated", "tsv")):
        return "text/tab-separated-values; charset=UTF-8"
    if lowered.startswith("csv"):
        return "text/csv; charset=UTF-8; header=absent"
    return "text/plain; charset=UTF-8"


# ----------------------------------------------------------------------------------------------
# Engine
# ----------------------------------------------------------------------------------------------

@dataclass
class Outcome:
    body: bytes = b""
    output_format: str | None = None
    read_rows: int = 0
    read_bytes: int = 0
    written_rows: int = 0
    written_bytes: int = 0
    result_rows: int = 0
    elapsed_s: float = 0.0


def _outcome_from_result(result, output_format: str | None) -> Outcome:
    body = bytes(result.bytes() or b"")
    return Outcome(body=body, output_format=output_format,
                   read_rows=result.storage_rows_read(), read_bytes=result.storage_bytes_read(),
                   written_rows=result.rows_written(), written_bytes=result.bytes_written(),
                   result_rows=result.rows_read(), elapsed_s=result.elapsed())


class Engine:
    """One chdb connection; every public method must be called with `lock` held."""

    def __init__(self, data_path: str):
        import chdb
        from chdb import _chdb
        self.lock = threading.Lock()
        self.chdb_version = getattr(chdb, "__version__", "?")
        self._conn = _chdb.connect(data_path)
        self.version = self._scalar("SELECT version()")
        self._current_db = self._scalar("SELECT currentDatabase()")
        self._baseline = self._changed_settings()
        if not hasattr(self._conn, "send_insert"):
            raise RuntimeError("this chdb build has no streaming insert (send_insert)")

    def _scalar(self, sql: str) -> str:
        return bytes(self._conn.query(sql, "TabSeparatedRaw").bytes()).decode().strip()

    def _changed_settings(self) -> dict[str, str]:
        raw = bytes(self._conn.query(
            "SELECT name, value FROM system.settings WHERE changed", "TabSeparatedRaw").bytes())
        return dict(line.split("\t", 1) for line in raw.decode().splitlines() if "\t" in line)

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _run(self, sql, fmt: str = "TabSeparated", params: dict | None = None):
        try:
            return self._conn.query(sql, fmt, params=params or {})
        except Exception as exc:  # RuntimeError / ChdbError: code is only in the text
            raise parse_engine_error(exc) from None

    def use_database(self, database: str) -> None:
        if database != self._current_db:
            self._run(f"USE {quote_identifier(database)}")
            self._current_db = database

    def forget_database(self) -> None:
        self._current_db = None

    def apply_settings(self, settings: dict[str, str]) -> list[str]:
        """SET each setting (values always quoted); returns the names to restore afterwards."""
        applied: list[str] = []
        try:
            for name, value in settings.items():
                self._run(f"SET {quote_identifier(name)} = {quote_sql_string(value)}")
                applied.append(name)
        except ClickHouseError:
            self.restore_settings(applied)
            raise
        return applied

    def restore_settings(self, names: list[str]) -> None:
        for name in names:
            old = self._baseline.get(name)
            value = "DEFAULT" if old is None else quote_sql_string(old)
            try:
                self._conn.query(f"SET {quote_identifier(name)} = {value}", "TabSeparated")
            except Exception as exc:  # never fatal, but worth a line
                LOG.warning("could not restore setting %s: %s", name, exc)

    def _statement_count(self, text: str) -> int | None:
        classify = getattr(self._conn, "classify_query", None)
        if classify is None:
            return None
        try:
            return int(classify(text)["statement_count"])
        except Exception:
            return None

    def query(self, sql: bytes, default_format: str, params: dict[str, str]) -> Outcome:
        """Run one non-streaming statement the way the HTTP interface would."""
        if b"\0" in sql:  # chdb passes a C string: everything after NUL would be dropped
            raise ClickHouseError(62, "Syntax error: NUL byte in query text", "SYNTAX_ERROR")
        text = sql.decode("utf-8", errors="replace")
        count = self._statement_count(text)
        if count is not None and count > 1:
            raise ClickHouseError(62, "Syntax error (Multi-statements are not allowed)",
                                  "SYNTAX_ERROR")
        result = self._run(sql, default_format, params)
        if count == 0:  # unparsable text that the engine did not reject: empty/comment-only
            raise ClickHouseError(62, "Empty query", "SYNTAX_ERROR")
        if _USE_STMT_RE.match(text):
            self.forget_database()
        fmt = output_format_of(text, default_format) if _RESULT_STMT_RE.match(text) else None
        return _outcome_from_result(result, fmt)

    def streaming_insert(self, insert_sql: str, fmt: str, chunks: Iterator[bytes]) -> Outcome:
        try:
            handle = self._conn.send_insert(insert_sql, fmt)
        except Exception as exc:
            raise parse_engine_error(exc) from None
        try:
            for chunk in chunks:
                if chunk:
                    self._conn.insert_append(handle, chunk)
            result = self._conn.insert_done(handle)
        except BaseException as exc:
            self._cancel_insert(handle)
            if isinstance(exc, ClickHouseError):
                raise
            if isinstance(exc, Exception):
                raise parse_engine_error(exc) from None
            raise
        return _outcome_from_result(result, None)

    def _cancel_insert(self, handle) -> None:
        try:
            self._conn.insert_cancel(handle)
        except Exception:
            pass  # already aborted by the engine after the failed append/done


def quote_identifier(name: str) -> str:
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`"


# ----------------------------------------------------------------------------------------------
# Query execution (engine lock held)
# ----------------------------------------------------------------------------------------------

@dataclass
class InsertPlan:
    target: str
    fmt: str
    data_offset: int  # offset of the first data byte in the head


def plan_insert(head: bytes) -> InsertPlan | None:
    """Recognise `INSERT INTO <target> FORMAT <fmt>` and where its data starts (ParserInsertQuery)."""
    match = _INSERT_FORMAT_RE.match(head)
    if not match:
        return None
    pos = match.end()
    if pos < len(head) and (head[pos:pos + 1].isalnum() or head[pos:pos + 1] == b"_"):
        return None  # head cut in the middle of the format name
    while pos < len(head) and head[pos:pos + 1] in (b" ", b"\t", b"\f"):
        pos += 1
    if head[pos:pos + 1] == b"\r":
        pos += 1
    if head[pos:pos + 1] == b"\n":
        pos += 1
    return InsertPlan(match.group("target").decode("utf-8", errors="replace").strip(),
                      match.group("fmt").decode(), pos)


def iter_insert_data(head: bytes, offset: int, stream: QueryStream) -> Iterator[bytes]:
    yield head[offset:]
    while True:
        chunk = stream.read(ENGINE_FEED_BYTES)
        if not chunk:
            return
        yield chunk


def read_statement(head: bytes, stream: QueryStream, max_query_size: int) -> bytes:
    """The whole statement; only INSERT (inline VALUES etc.) may exceed max_query_size."""
    is_insert = head.lstrip()[:6].upper() == b"INSERT"
    limit = None if is_insert else max_query_size
    parts = [head]
    size = len(head)
    while limit is None or size <= limit:
        chunk = stream.read(ENGINE_FEED_BYTES)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if limit is not None and size > limit:
        raise ClickHouseError(62, f"Syntax error: failed at position {limit}: Max query size "
                                  f"exceeded (max_query_size = {limit})", "SYNTAX_ERROR")
    return b"".join(parts)


def execute_request(engine: Engine, req: RequestParams, stream: QueryStream) -> Outcome:
    """Run one HTTP request's statement; `stream` is the full logical query text."""
    head = stream.read(HEAD_SCAN_BYTES)
    if not head.strip():
        raise ClickHouseError(62, "Empty query", "SYNTAX_ERROR")
    plan = plan_insert(head)
    engine.use_database(req.database)
    applied = engine.apply_settings(req.settings)
    try:
        if plan is not None:
            return engine.streaming_insert(f"INSERT INTO {plan.target}", plan.fmt,
                                           iter_insert_data(head, plan.data_offset, stream))
        return engine.query(read_statement(head, stream, req.max_query_size),
                            req.default_format, req.query_params)
    finally:
        engine.restore_settings(applied)


def summary_header(outcome: Outcome, result_bytes: int) -> str:
    values = {
        "read_rows": outcome.read_rows, "read_bytes": outcome.read_bytes,
        "written_rows": outcome.written_rows, "written_bytes": outcome.written_bytes,
        "total_rows_to_read": 0, "result_rows": outcome.result_rows,
        "result_bytes": result_bytes, "elapsed_ns": int(outcome.elapsed_s * 1e9),
    }
    return "{" + ",".join(f'"{k}":"{int(v)}"' for k, v in values.items()) + "}"


# ----------------------------------------------------------------------------------------------
# HTTP
# ----------------------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "chdb-http"
    sys_version = ""
    timeout = SOCKET_TIMEOUT_S
    server: "ChdbHTTPServer"

    # --- routing ----------------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        path = url.path.rstrip("/")
        if path in ("", "/ping") and "query=" not in url.query:
            self._send(200, b"Ok.\n", {"Content-Type": "text/html; charset=UTF-8"})
        elif path == "/replicas_status":
            self._send(200, b"Ok.\n", {"Content-Type": "text/plain; charset=UTF-8"})
        elif "query=" in url.query:
            self._handle_query(url.query, has_body=False)
        else:
            self._send_error(ClickHouseError(1001, f"There is no handle {url.path}",
                                             "STD_EXCEPTION"), "", status=404)

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "4")
        self.end_headers()

    def do_POST(self) -> None:
        self._handle_query(urlsplit(self.path).query, has_body=True)

    # --- query handling ---------------------------------------------------------------------
    def _handle_query(self, url_query: str, has_body: bool) -> None:
        started = time.monotonic()
        query_id = ""
        body = None
        try:
            req = parse_request_params(url_query, self.headers)
            query_id = req.query_id
            body = self._read_body() if has_body else _new_spool()
            content_encoding = (self.headers.get("Content-Encoding") or "").strip().lower()
            if content_encoding not in ("", "identity"):
                body = _replace(body, decode_content_encoding(content_encoding, body))
            if req.decompress:
                body = _replace(body, decompress_to_spool(body))
            prefix = (req.query_param + "\n").encode() if req.query_param else b""
            with self.server.engine.lock:
                outcome = execute_request(self.server.engine, req, QueryStream(prefix, body))
            self._send_success(req, outcome)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
            raise  # the peer is gone or stalled: nothing to answer (ChdbHTTPServer.handle_error)
        except ClickHouseError as err:
            self._close_if_body_unread()
            self._send_error(err, query_id)
        except Exception as exc:  # a bug here must not kill the connection thread silently
            LOG.exception("internal error")
            self._close_if_body_unread()
            self._send_error(ClickHouseError(1001, f"{type(exc).__name__}: {exc}", "STD_EXCEPTION"),
                             query_id)
        finally:
            if body is not None:
                body.close()
            if self.server.verbose:
                LOG.info("%s %s %.1f ms", self.command, self.path[:200],
                         (time.monotonic() - started) * 1e3)

    def _read_body(self) -> BinaryIO:
        """Read the whole request body (chunked or Content-Length) into a spool file."""
        self._body_pending = True
        spool = _new_spool()
        encoding = (self.headers.get("Transfer-Encoding") or "").lower()
        length = self.headers.get("Content-Length")
        if "chunked" in encoding:
            read_chunked(self.rfile, spool)
        elif length is not None:
            try:
                size = int(length)
                if size < 0:
                    raise ValueError
            except ValueError:
                self.close_connection = True
                raise ClickHouseError(27, f"Bad Content-Length {length!r}",
                                      "CANNOT_PARSE_INPUT_ASSERTION_FAILED") from None
            copy_exact(self.rfile, spool, size)
        else:
            self._body_pending = False
            raise ClickHouseError(381, "The Transfer-Encoding is not chunked and there is no "
                                       "Content-Length header for POST request",
                                  "HTTP_LENGTH_REQUIRED")
        self._body_pending = False
        spool.seek(0)
        return spool

    def _close_if_body_unread(self) -> None:
        """An error while reading the body leaves the stream position unknown: close after replying."""
        if getattr(self, "_body_pending", False):
            self.close_connection = True

    # --- responses --------------------------------------------------------------------------
    def _common_headers(self, query_id: str) -> dict[str, str]:
        return {
            "X-ClickHouse-Server-Display-Name": SERVER_DISPLAY_NAME,
            "X-ClickHouse-Query-Id": query_id,
            "X-ClickHouse-Timezone": "UTC",
            "Keep-Alive": f"timeout={KEEP_ALIVE_TIMEOUT_S}",
        }

    def _send_success(self, req: RequestParams, outcome: Outcome) -> None:
        headers = self._common_headers(req.query_id)
        headers["X-ClickHouse-Summary"] = summary_header(outcome, len(outcome.body))
        fmt = outcome.output_format
        if fmt and fmt in JAVA_CLIENT_FORMATS:
            headers["X-ClickHouse-Format"] = fmt
        headers["Content-Type"] = content_type_for(fmt or "TabSeparated")
        body = outcome.body
        encoding = (choose_response_encoding(self.headers.get("Accept-Encoding") or "")
                    if req.http_compression else None)
        if encoding:  # HTTP compression replaces compress=1 (as in client-v2)
            body = encode_content(encoding, body)
            headers["Content-Encoding"] = encoding
        elif req.compress and body:
            body = compress_native(body)
        self._send(200, body, headers)

    def _send_error(self, err: ClickHouseError, query_id: str, status: int | None = None) -> None:
        headers = self._common_headers(query_id or str(uuid.uuid4()))
        headers["X-ClickHouse-Exception-Code"] = str(err.code)
        headers["Content-Type"] = "text/plain; charset=UTF-8"
        body = format_error_body(err, self.server.engine.version)
        self._send(status or http_status_for(err.code), body, headers)

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, fmt: str, *args) -> None:  # default logs every request to stderr
        if self.server.verbose:
            LOG.info("%s %s", self.address_string(), fmt % args)


class ChdbHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address, verbose: bool = False):
        super().__init__(address, Handler)
        self.engine: Engine | None = None  # set before serve_forever()
        self.verbose = verbose

    def handle_error(self, request, client_address) -> None:
        """Peers that reset or time out are normal for pooled clients: no traceback for them."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            if self.verbose:
                LOG.info("connection from %s ended: %s", client_address, exc)
            return
        LOG.error("unhandled error for %s: %r", client_address, exc, exc_info=self.verbose)


# ----------------------------------------------------------------------------------------------
# Lifecycle
# ----------------------------------------------------------------------------------------------

def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="persistent chdb data directory")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.add_argument("--periscope-server", help="process marker for the local launcher's pid checks; ignored")
    return parser.parse_args(argv)


def install_signal_handlers(server: ChdbHTTPServer) -> None:
    def stop(signum, _frame):
        LOG.info("signal %s received, shutting down", signal.Signals(signum).name)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_path = os.path.abspath(args.data)
    os.makedirs(data_path, exist_ok=True)
    try:
        server = ChdbHTTPServer((args.host, args.port), verbose=args.verbose)
    except OSError as exc:
        LOG.error("cannot listen on %s:%d: %s", args.host, args.port, exc)
        return 1
    try:
        engine = Engine(data_path)
    except Exception as exc:
        LOG.error("cannot open the chdb engine at %s: %s", data_path, exc)
        server.server_close()
        return 1
    server.engine = engine
    install_signal_handlers(server)
    LOG.info("ready on http://%s:%d data=%s engine=%s chdb=%s pid=%d", args.host,
             server.server_address[1], data_path, engine.version, engine.chdb_version, os.getpid())
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()
        with engine.lock:
            engine.close()
        LOG.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
