"""doctor.py against a throw-away HTTP server answering like readiness-service's /api/doctor."""
import http.server
import json
import os
import subprocess
import sys
import threading
import unittest

DOCTOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "doctor.py")

BLOCKED = {"verdict": "blocked", "exit_code": 2, "summary": "blocked: 1 of 3 items not passing",
           "failing": [{"id": "tls-on-als-listener", "status": "fail", "title": "TLS on the ALS listener",
                        "evidence": [{"subject": "ingest-gateway/gw-1", "message": "grpc.tls.enabled = false"}]}]}
READY = {"verdict": "ready", "exit_code": 0, "summary": "ready: 0 of 3 items not passing", "failing": []}


class Handler(http.server.BaseHTTPRequestHandler):
    answer = READY

    def do_GET(self):  # noqa: N802 (http.server's naming)
        body = json.dumps(Handler.answer).encode() if self.path == "/api/doctor" else b"{}"
        self.send_response(200 if self.path == "/api/doctor" else 404)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class DoctorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def run_doctor(self, url, *args):
        env = dict(os.environ, PERISCOPE_READINESS_URL=url)
        return subprocess.run([sys.executable, DOCTOR, *args], capture_output=True, text=True, env=env, timeout=30)

    def test_blocked_exits_2_and_lists_the_failing_item_with_its_evidence(self):
        Handler.answer = BLOCKED
        result = self.run_doctor(self.url)
        self.assertEqual(result.returncode, 2)
        self.assertIn("blocked: 1 of 3 items not passing", result.stdout)
        self.assertIn("FAIL     tls-on-als-listener", result.stdout)
        self.assertIn("ingest-gateway/gw-1: grpc.tls.enabled = false", result.stdout)

    def test_ready_exits_0_and_json_passes_the_body_through(self):
        Handler.answer = READY
        result = self.run_doctor(self.url, "--json")
        self.assertEqual(result.returncode, 0)
        self.assertEqual(json.loads(result.stdout)["verdict"], "ready")

    def test_unreachable_exits_3_with_a_reason(self):
        result = self.run_doctor("http://127.0.0.1:9")
        self.assertEqual(result.returncode, 3)
        self.assertIn("unreachable", result.stderr)


if __name__ == "__main__":
    unittest.main()
