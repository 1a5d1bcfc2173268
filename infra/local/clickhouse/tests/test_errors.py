"""ClickHouse-style errors, bad input, keep-alive, HTTP framing."""
import http.client
import re
import socket

from chhttp import chunks, ok, query, rb_event, request, send, url


def assert_ch_error(status, headers, body, code, http_status):
    assert status == http_status, (status, body)
    assert headers["x-clickhouse-exception-code"] == str(code)
    text = body.decode()
    assert text.startswith(f"Code: {code}. DB::Exception: "), text
    assert re.search(r"\(version [\d.]+\)\n$", text), text
    assert text.count("DB::Exception") == 1, text
    assert "x-clickhouse-query-id" in headers


def test_unknown_table_is_404_code_60(port):
    status, headers, body = query(port, "SELECT * FROM missing_table_x")
    assert_ch_error(status, headers, body, 60, 404)
    assert b"(UNKNOWN_TABLE)" in body


def test_syntax_error_is_400_code_62(port):
    assert_ch_error(*query(port, "SELEC 1 FROM"), 62, 400)


def test_unknown_setting_is_404_code_115(port):
    assert_ch_error(*query(port, "SELECT 1", {"no_such_setting_xyz": "1"}), 115, 404)


def test_unknown_format_is_404_code_73(port):
    assert_ch_error(*query(port, "SELECT 1", {"default_format": "NoSuchFmt"}), 73, 404)


def test_errors_are_never_compressed(port):
    status, headers, body = query(port, "SELECT * FROM missing_table_x", {"compress": "1"})
    assert_ch_error(status, headers, body, 60, 404)


def test_empty_query(port):
    assert_ch_error(*request(port, "POST", "/", b""), 62, 400)


def test_comment_only_query(port):
    assert_ch_error(*request(port, "POST", "/", b"-- nothing here\n"), 62, 400)


def test_multi_statements_rejected(port):
    assert_ch_error(*request(port, "POST", "/", b"SELECT 1; SELECT 2"), 62, 400)


def test_garbage_body(port):
    status, headers, body = request(port, "POST", "/", bytes(range(256)) * 10)
    assert status >= 400 and "x-clickhouse-exception-code" in headers
    assert body.startswith(b"Code: ")
    assert ok(port, "SELECT 1") == b"1\n"


def test_huge_query_is_rejected(port):
    sql = "SELECT 1 /* " + "x" * 300_000 + " */"
    assert_ch_error(*request(port, "POST", "/", chunks(sql.encode(), 65536)), 62, 400)
    assert ok(port, "SELECT 1") == b"1\n"


def test_max_query_size_setting_raises_limit(port):
    sql = "SELECT 1 /* " + "x" * 300_000 + " */"
    assert ok(port, sql, {"max_query_size": "1000000"}) == b"1\n"


def test_missing_length_is_411(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n\r\n")
        resp = http.client.HTTPResponse(sock)
        resp.begin()
        body = resp.read()
        headers = {k.lower(): v for k, v in resp.getheaders()}
    assert_ch_error(resp.status, headers, body, 381, 411)


def test_malformed_row_binary_then_keeps_serving(port):
    ok(port, "CREATE TABLE IF NOT EXISTS bad_rb (id UInt64, name String) ENGINE = MergeTree ORDER BY id")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        path = url({"query": "INSERT INTO bad_rb FORMAT RowBinary"})
        # a string length far beyond the data
        bad = rb_event(1, "ok") + b"\x02\x00\x00\x00\x00\x00\x00\x00\xff\xff\x03abc"
        status, headers, body = send(conn, "POST", path, chunks(bad, 3))
        assert status >= 400 and body.startswith(b"Code: "), body
        code = headers["x-clickhouse-exception-code"]
        assert body.startswith(f"Code: {code}. DB::Exception:".encode())
        # truncated row
        status, _, body = send(conn, "POST", path, [b"\x01\x00\x00"])
        assert status >= 400 and b"Cannot read all data" in body
        # same connection, still works, and nothing of the failed inserts was committed
        status, _, body = send(conn, "POST", "/", b"SELECT count() FROM bad_rb")
        assert (status, body) == (200, b"0\n")
    finally:
        conn.close()


def test_keep_alive_many_requests_one_connection(port):
    ok(port, "CREATE TABLE IF NOT EXISTS ka (id UInt64, name String) ENGINE = MergeTree ORDER BY id")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        send(conn, "GET", "/ping")
        sock = conn.sock
        for i in range(5):
            status, _, _ = send(conn, "POST", url({"query": "INSERT INTO ka FORMAT RowBinary"}),
                                chunks(rb_event(i, "x"), 5))
            assert status == 200
            status, _, _ = send(conn, "POST", "/", b"SELECT * FROM nope_ka")  # error in between
            assert status == 404
            status, _, body = send(conn, "POST", "/", b"SELECT count() FROM ka")
            assert (status, body) == (200, f"{i + 1}\n".encode())
        assert conn.sock is sock, "connection was not kept alive"
    finally:
        conn.close()


def test_unknown_path_get(port):
    status, headers, _ = request(port, "GET", "/nope")
    assert status == 404 and "x-clickhouse-exception-code" in headers


def test_concurrent_clients(port):
    from concurrent.futures import ThreadPoolExecutor
    ok(port, "CREATE TABLE IF NOT EXISTS conc (id UInt64, name String) ENGINE = MergeTree ORDER BY id")

    def worker(w):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            for i in range(20):
                data = rb_event(w * 1000 + i, "c")
                assert send(conn, "POST", url({"query": "INSERT INTO conc FORMAT RowBinary"}),
                            chunks(data, 3))[0] == 200
                assert send(conn, "POST", "/", b"SELECT count() FROM conc")[0] == 200
        finally:
            conn.close()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(worker, range(4)))
    assert ok(port, "SELECT count() FROM conc") == b"80\n"
