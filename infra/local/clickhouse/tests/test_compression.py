"""compress=1 responses and decompress=1 request bodies (ClickHouse native LZ4 blocks)."""
from chhttp import (chunks, native_compress, native_decompress, ok, query, rb_event, request,
                    url)


def test_compress_response(port):
    status, headers, body = query(port, "SELECT number, toString(number) FROM numbers(200000)",
                                  {"compress": "1"})
    assert status == 200
    plain = ok(port, "SELECT number, toString(number) FROM numbers(200000)")
    assert len(plain) > (1 << 20)  # more than one block
    assert native_decompress(body) == plain
    assert len(body) < len(plain)


def test_compress_empty_body_stays_empty(port):
    status, _, body = query(port, "CREATE TABLE IF NOT EXISTS cmp_empty (a UInt8) ENGINE = Memory",
                            {"compress": "1"})
    assert (status, body) == (200, b"")


def test_decompress_request_query(port):
    status, _, body = request(port, "POST", url({"decompress": "1"}), native_compress(b"SELECT 42"))
    assert (status, body) == (200, b"42\n")


def test_decompress_request_insert(port):
    ok(port, "CREATE TABLE IF NOT EXISTS cmp_ins (id UInt64, name String) ENGINE = MergeTree ORDER BY id")
    data = b"".join(rb_event(i, "v") for i in range(10000))
    path = url({"query": "INSERT INTO cmp_ins FORMAT RowBinary", "decompress": "1", "compress": "1"})
    status, _, body = request(port, "POST", path, chunks(native_compress(data, 4096), 1000))
    assert (status, body) == (200, b"")
    assert ok(port, "SELECT count() FROM cmp_ins") == b"10000\n"


def test_decompress_corrupt_checksum(port):
    blob = bytearray(native_compress(b"SELECT 1"))
    blob[0] ^= 0xFF
    status, headers, body = request(port, "POST", url({"decompress": "1"}), bytes(blob))
    assert status == 500 and headers["x-clickhouse-exception-code"] == "40"
    assert body.startswith(b"Code: 40. DB::Exception:")


def test_http_content_encoding_request_and_response(port):
    import gzip
    import zlib

    import lz4.frame
    sql = b"SELECT number FROM numbers(1000) FORMAT TSV"
    plain = ok(port, sql.decode())
    for name, enc, dec in (("gzip", gzip.compress, gzip.decompress),
                           ("deflate", zlib.compress, zlib.decompress),
                           ("lz4", lz4.frame.compress, lz4.frame.decompress)):
        status, headers, body = request(
            port, "POST", url({"enable_http_compression": "1"}), enc(sql),
            {"Content-Encoding": name, "Accept-Encoding": name})
        assert status == 200, body
        assert headers["content-encoding"] == name
        assert dec(body) == plain


def test_unknown_content_encoding(port):
    status, headers, body = request(port, "POST", "/", b"xx", {"Content-Encoding": "br"})
    assert status == 500 and headers["x-clickhouse-exception-code"] == "89"
