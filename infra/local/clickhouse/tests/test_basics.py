"""Routes, headers, output formats, query parameters, databases, settings."""
import json

from chhttp import RowBinaryReader, ok, query, request, url


def test_ping_and_root(port):
    for path in ("/ping", "/"):
        status, headers, body = request(port, "GET", path)
        assert (status, body) == (200, b"Ok.\n")
        assert headers["content-length"] == "4"


def test_select_default_tabseparated_and_headers(port):
    status, headers, body = query(port, "SELECT 1, 'a'", {"query_id": "qid-123"})
    assert status == 200
    assert body == b"1\ta\n"
    assert headers["x-clickhouse-query-id"] == "qid-123"
    assert headers["x-clickhouse-format"] == "TabSeparated"
    assert headers["x-clickhouse-timezone"] == "UTC"
    assert headers["x-clickhouse-server-display-name"]
    summary = json.loads(headers["x-clickhouse-summary"])
    assert set(summary) >= {"read_rows", "read_bytes", "written_rows", "written_bytes",
                            "total_rows_to_read", "result_rows", "result_bytes", "elapsed_ns"}
    assert all(isinstance(v, str) for v in summary.values())
    assert summary["result_rows"] == "1" and summary["result_bytes"] == str(len(body))


def test_query_id_from_header_and_generated(port):
    _, headers, _ = query(port, "SELECT 1", headers={"X-ClickHouse-Query-Id": "hdr-qid"})
    assert headers["x-clickhouse-query-id"] == "hdr-qid"
    _, headers, _ = query(port, "SELECT 1")
    assert len(headers["x-clickhouse-query-id"]) >= 32


def test_query_param_with_get(port):
    status, _, body = request(port, "GET", url({"query": "SELECT 40 + 2"}))
    assert (status, body) == (200, b"42\n")


def test_row_binary_with_names_and_types_via_format_header(port):
    body = ok(port, "SELECT toUInt64(7) AS id, 'x' AS s",
              headers={"X-ClickHouse-Format": "RowBinaryWithNamesAndTypes"})
    reader = RowBinaryReader(body)
    assert reader.varint() == 2
    assert [reader.string(), reader.string()] == ["id", "s"]
    assert [reader.string(), reader.string()] == ["UInt64", "String"]
    assert reader.u64() == 7 and reader.string() == "x"
    assert reader.pos == len(body)


def test_format_clause_overrides_default_and_header(port):
    status, headers, body = query(port, "SELECT 1 AS a FORMAT JSONEachRow",
                                  headers={"X-ClickHouse-Format": "RowBinaryWithNamesAndTypes"})
    assert status == 200 and body == b'{"a":1}\n'
    assert headers["x-clickhouse-format"] == "JSONEachRow"


def test_default_format_param(port):
    assert ok(port, "SELECT 1 AS a", {"default_format": "JSONEachRow"}) == b'{"a":1}\n'


def test_ddl_returns_empty_body_without_format_header(port):
    status, headers, body = query(port, "CREATE TABLE IF NOT EXISTS ddl_t (a UInt8) ENGINE = Memory")
    assert (status, body) == (200, b"")
    assert "x-clickhouse-format" not in headers
    assert "x-clickhouse-summary" in headers


def test_describe_tskv_keys(port):
    ok(port, "CREATE TABLE IF NOT EXISTS tskv_t (id UInt64, s String DEFAULT 'z' COMMENT 'c') "
             "ENGINE = MergeTree ORDER BY id")
    status, headers, body = query(port, "DESCRIBE TABLE tskv_t FORMAT TSKV")
    assert status == 200 and headers["x-clickhouse-format"] == "TSKV"
    rows = [dict(kv.split("=", 1) for kv in line.split("\t")) for line in body.decode().splitlines()]
    assert [r["name"] for r in rows] == ["id", "s"]
    assert rows[1]["type"] == "String"
    assert rows[1]["default_type"] == "DEFAULT" and rows[1]["default_expression"] == "\\'z\\'"  # TSKV-escaped
    assert set(rows[0]) == {"name", "type", "default_type", "default_expression", "comment",
                            "codec_expression", "ttl_expression"}


def test_param_query_parameters(port):
    body = ok(port, "SELECT {a:UInt32} + {b:UInt32}, {s:String}",
              {"param_a": "40", "param_b": "2", "param_s": "hi there"})
    assert body == b"42\thi there\n"


def test_database_header_and_param(port):
    ok(port, "CREATE DATABASE IF NOT EXISTS otherdb")
    ok(port, "CREATE TABLE IF NOT EXISTS otherdb.only_here (a UInt8) ENGINE = Memory")
    assert ok(port, "SELECT currentDatabase()", headers={"X-ClickHouse-Database": "otherdb"}) == b"otherdb\n"
    assert ok(port, "EXISTS TABLE only_here", {"database": "otherdb"}) == b"1\n"
    # the next request without a database is back in `default`
    assert ok(port, "SELECT currentDatabase()") == b"default\n"
    status, headers, body = query(port, "SELECT 1", headers={"X-ClickHouse-Database": "nodb_xyz"})
    assert status == 404 and headers["x-clickhouse-exception-code"] == "81"


def test_use_statement_does_not_leak(port):
    ok(port, "USE system")
    assert ok(port, "SELECT currentDatabase()") == b"default\n"


def test_settings_apply_per_query_only(port):
    assert ok(port, "SELECT getSetting('max_block_size')", {"max_block_size": "1234"}) == b"1234\n"
    assert ok(port, "SELECT getSetting('max_block_size')") != b"1234\n"
    # a setting chdb itself changed at startup is restored to chdb's value, not ClickHouse's
    before = ok(port, "SELECT getSetting('implicit_select')")
    ok(port, "SELECT 1", {"implicit_select": "0"})
    assert ok(port, "SELECT getSetting('implicit_select')") == before


def test_reserved_params_are_not_settings(port):
    params = {"wait_end_of_query": "1", "session_id": "x", "user": "default", "password": "",
              "buffer_size": "100", "stacktrace": "0"}
    assert ok(port, "SELECT 1", params) == b"1\n"
