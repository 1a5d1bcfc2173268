"""Persistence and graceful stop, with a server of its own."""
from chhttp import ServerProcess, chunks, ok, rb_event, request, url


def test_restart_keeps_data_and_dedup_log(tmp_path):
    server = ServerProcess(tmp_path / "data", tmp_path / "server.log")
    server.start()
    ok(server.port, "CREATE TABLE p (id UInt64, name String) ENGINE = MergeTree ORDER BY id "
                    "SETTINGS non_replicated_deduplication_window = 100")
    path = url({"query": "INSERT INTO p FORMAT RowBinary", "insert_deduplication_token": "t1"})
    assert request(server.port, "POST", path, chunks(rb_event(1, "a"), 4))[0] == 200
    assert server.stop() == 0
    log = (tmp_path / "server.log").read_text()
    assert "ready on" in log and "stopped" in log
    assert "Traceback" not in log

    server.start()
    try:
        assert ok(server.port, "SELECT count() FROM p") == b"1\n"
        assert request(server.port, "POST", path, chunks(rb_event(2, "b"), 4))[0] == 200
        assert ok(server.port, "SELECT count() FROM p") == b"1\n"
    finally:
        assert server.stop() == 0
