"""INSERT with streamed (chunked) RowBinary bodies and deduplication."""
import json

from chhttp import chunks, ok, rb_event, rb_string, rb_u64, request, url

TABLE_DDL = ("CREATE TABLE IF NOT EXISTS {t} (id UInt64, name String) ENGINE = MergeTree "
             "ORDER BY id SETTINGS non_replicated_deduplication_window = 100")


def insert_url(table: str, fmt: str = "RowBinary", **params) -> str:
    return url({"query": f"INSERT INTO {table} FORMAT {fmt}", **params})


def rows(ids, prefix="n"):
    return b"".join(rb_event(i, f"{prefix}{i}") for i in ids)


def test_insert_query_in_url_chunked_body(port):
    ok(port, TABLE_DDL.format(t="ins_url"))
    data = rows(range(1000))
    status, headers, body = request(port, "POST", insert_url("ins_url", compress="1"),
                                    chunks(data, 7))  # chunk boundaries cut rows
    assert (status, body) == (200, b"")
    summary = json.loads(headers["x-clickhouse-summary"])
    assert summary["written_rows"] == "1000"
    assert ok(port, "SELECT count(), sum(id), max(name) FROM ins_url") == b"1000\t499500\tn999\n"


def test_insert_sql_prefix_in_body(port):
    """client-v2 POJO insert: body = 'INSERT INTO t \\n FORMAT fmt \\n' + rows, chunked."""
    ok(port, TABLE_DDL.format(t="ins_body"))
    data = b"INSERT INTO ins_body \n FORMAT RowBinary \n" + rows(range(5))
    status, _, body = request(port, "POST", "/", chunks(data, 10))
    assert (status, body) == (200, b"")
    assert ok(port, "SELECT count(), min(name) FROM ins_body") == b"5\tn0\n"


def test_insert_row_binary_with_defaults(port):
    ok(port, "CREATE TABLE IF NOT EXISTS ins_dflt (id UInt64, name String DEFAULT 'dflt') "
             "ENGINE = MergeTree ORDER BY id")
    # RowBinaryWithDefaults: one flag byte per column, 1 = use the column default
    data = (b"\x00" + rb_u64(1) + b"\x00" + rb_string("given")) + (b"\x00" + rb_u64(2) + b"\x01")
    data = b"INSERT INTO ins_dflt (id, name) FORMAT RowBinaryWithDefaults\n" + data
    status, _, body = request(port, "POST", "/", chunks(data, 5))
    assert status == 200, body
    assert ok(port, "SELECT id, name FROM ins_dflt ORDER BY id") == b"1\tgiven\n2\tdflt\n"


def test_insert_content_length_body_with_column_list(port):
    ok(port, TABLE_DDL.format(t="ins_cols"))
    status, _, body = request(port, "POST", url({"query": "INSERT INTO ins_cols (id, name) FORMAT RowBinary"}),
                              rows([1, 2]))
    assert status == 200, body
    assert ok(port, "SELECT count() FROM ins_cols") == b"2\n"


def test_insert_deduplication_token(port):
    ok(port, TABLE_DDL.format(t="dedup"))
    first = request(port, "POST", insert_url("dedup", insert_deduplication_token="tok-1"),
                    chunks(rows([1, 2, 3]), 11))
    assert first[0] == 200
    # same token, different payload: deduplicated by the token
    again = request(port, "POST", insert_url("dedup", insert_deduplication_token="tok-1"),
                    chunks(rows([4, 5]), 11))
    assert again[0] == 200
    assert ok(port, "SELECT count() FROM dedup") == b"3\n"
    # numeric-looking token works too (values are always sent quoted)
    for _ in range(2):
        assert request(port, "POST", insert_url("dedup", insert_deduplication_token="12345"),
                       chunks(rows([10]), 4))[0] == 200
    assert ok(port, "SELECT count() FROM dedup") == b"4\n"
    # new token, same payload as the first: inserted
    assert request(port, "POST", insert_url("dedup", insert_deduplication_token="tok-2"),
                   chunks(rows([1, 2, 3]), 11))[0] == 200
    assert ok(port, "SELECT count() FROM dedup") == b"7\n"
    # the token does not stick to later requests
    assert ok(port, "SELECT getSetting('insert_deduplication_token')") == b"\n"


def test_insert_values_inline(port):
    ok(port, TABLE_DDL.format(t="ins_values"))
    ok(port, "INSERT INTO ins_values VALUES (1, 'a'), (2, 'b')")
    assert ok(port, "SELECT count() FROM ins_values") == b"2\n"


def test_insert_json_each_row(port):
    ok(port, TABLE_DDL.format(t="ins_json"))
    status, _, _ = request(port, "POST", insert_url("ins_json", "JSONEachRow"),
                           [b'{"id":1,"name":"a"}\n{"id":2,', b'"name":"b"}\n'])
    assert status == 200
    assert ok(port, "SELECT name FROM ins_json ORDER BY id FORMAT JSONEachRow") == \
        b'{"name":"a"}\n{"name":"b"}\n'


def test_insert_into_unknown_table(port):
    status, headers, body = request(port, "POST", insert_url("no_such_table"), chunks(rows([1]), 3))
    assert status == 404 and headers["x-clickhouse-exception-code"] == "60"
    assert body.startswith(b"Code: 60. DB::Exception:")
