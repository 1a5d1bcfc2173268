"""doctor.py against a throw-away HTTP server answering like readiness-service's /api/doctor (bearer token
required), and readiness_tokens.py in a scratch PERISCOPE_HOME."""
import hashlib
import http.server
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DOCTOR = os.path.join(HERE, "doctor.py")
DRILL = os.path.join(HERE, "drill.py")
TOKENS = os.path.join(HERE, "readiness_tokens.py")
TOKEN = "prd_test-token-for-the-fake-readiness-service-0123456789"

BLOCKED = {"verdict": "blocked", "exit_code": 2, "summary": "blocked: 1 of 3 items not passing",
           "failing": [{"id": "tls-on-als-listener", "status": "fail", "title": "TLS on the ALS listener",
                        "evidence": [{"subject": "ingest-gateway/gw-1", "message": "grpc.tls.enabled = false"}]}]}
READY = {"verdict": "ready", "exit_code": 0, "summary": "ready: 0 of 3 items not passing", "failing": []}
DRILL_PASSED = {"id": "20261201T120000Z-1a2b3c", "drill": "mongo-backup-restore", "passed": True,
                "backup_id": "20261201T120000Z-4d5e6f", "error": None,
                "checks": [{"name": "compare api_inventory", "ok": True, "detail": "120 documents, checksums equal"}]}
DRILL_FAILED = {"id": "20261201T120100Z-7a8b9c", "drill": "mongo-backup-restore", "passed": False,
                "backup_id": "20261201T120100Z-0d1e2f", "error": "backup files do not match the manifest",
                "checks": [{"name": "verify manifest", "ok": False, "detail": "api_inventory.ejson.gz: checksum"}]}


class Handler(http.server.BaseHTTPRequestHandler):
    answer = READY
    drill = DRILL_PASSED
    token = TOKEN

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.headers.get("Authorization") != f"Bearer {Handler.token}":
            detail = "missing bearer token" if "Authorization" not in self.headers else "invalid bearer token"
            self.reply(401, {"status": 401, "title": "Unauthorized", "detail": detail}, "application/problem+json")
            return
        if self.path == "/api/doctor":
            self.reply(200, Handler.answer, "application/json")
        else:
            self.reply(404, {}, "application/json")

    def do_POST(self):  # noqa: N802
        if self.headers.get("Authorization") != f"Bearer {Handler.token}":
            self.reply(401, {"status": 401, "title": "Unauthorized", "detail": "invalid bearer token"},
                       "application/problem+json")
        elif self.path == "/api/drills/mongo-backup-restore":
            self.reply(200, Handler.drill, "application/json")
        else:
            self.reply(404, {}, "application/json")

    def reply(self, status, body, content_type):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.end_headers()
        self.wfile.write(data)

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
        cls.server.server_close()

    def setUp(self):
        self.home = tempfile.TemporaryDirectory()
        self.addCleanup(self.home.cleanup)

    def run_doctor(self, url, *args, token=TOKEN, script=DOCTOR, **env_overrides):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PERISCOPE_READINESS_TOKEN")}
        env.update(PERISCOPE_READINESS_URL=url, PERISCOPE_HOME=self.home.name)
        if token is not None:
            env["PERISCOPE_READINESS_TOKEN"] = token
        env.update(env_overrides)
        return subprocess.run([sys.executable, script, *args], capture_output=True, text=True, env=env, timeout=30)

    def test_drill_passed_exits_0_and_prints_its_checks(self):
        Handler.drill = DRILL_PASSED
        result = self.run_doctor(self.url, script=DRILL)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("PASSED (backup 20261201T120000Z-4d5e6f)", result.stdout)
        self.assertIn("ok   compare api_inventory", result.stdout)

    def test_drill_failed_exits_1_with_the_reason_and_json_passes_the_body_through(self):
        Handler.drill = DRILL_FAILED
        result = self.run_doctor(self.url, script=DRILL)
        self.assertEqual(result.returncode, 1)
        self.assertIn("FAIL verify manifest", result.stdout)
        self.assertIn("error: backup files do not match the manifest", result.stdout)
        as_json = self.run_doctor(self.url, "--json", script=DRILL)
        self.assertEqual(as_json.returncode, 1)
        self.assertFalse(json.loads(as_json.stdout)["passed"])

    def test_drill_uses_the_operator_token_under_periscope_home(self):
        Handler.drill = DRILL_PASSED
        with open(os.path.join(self.home.name, "readiness-token.reader"), "w", encoding="utf-8") as f:
            f.write("prd_reader-cannot-run-drills\n")
        with open(os.path.join(self.home.name, "readiness-token.operator"), "w", encoding="utf-8") as f:
            f.write(TOKEN + "\n")
        self.assertEqual(self.run_doctor(self.url, token=None, script=DRILL).returncode, 0)

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

    def test_the_reader_token_under_periscope_home_is_used_when_no_variable_names_one(self):
        Handler.answer = READY
        with open(os.path.join(self.home.name, "readiness-token.reader"), "w", encoding="utf-8") as f:
            f.write(TOKEN + "\n")
        self.assertEqual(self.run_doctor(self.url, token=None).returncode, 0)

    def test_a_token_file_named_by_the_variable_is_used(self):
        Handler.answer = READY
        path = os.path.join(self.home.name, "elsewhere")
        with open(path, "w", encoding="utf-8") as f:
            f.write(TOKEN)
        self.assertEqual(self.run_doctor(self.url, token=None, PERISCOPE_READINESS_TOKEN_FILE=path).returncode, 0)

    def test_no_token_exits_3_and_says_how_to_get_one(self):
        result = self.run_doctor(self.url, token=None)
        self.assertEqual(result.returncode, 3)
        self.assertIn("HTTP 401 missing bearer token", result.stderr)
        self.assertIn("PERISCOPE_READINESS_TOKEN", result.stderr)

    def test_a_wrong_token_exits_3(self):
        result = self.run_doctor(self.url, token="prd_wrong")
        self.assertEqual(result.returncode, 3)
        self.assertIn("HTTP 401 invalid bearer token", result.stderr)
        self.assertNotIn("prd_wrong", result.stderr)

    def test_unreachable_exits_3_with_a_reason(self):
        result = self.run_doctor("http://127.0.0.1:9")
        self.assertEqual(result.returncode, 3)
        self.assertIn("unreachable", result.stderr)


class ReadinessTokensTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.TemporaryDirectory()
        self.addCleanup(self.home.cleanup)

    def run_tokens(self):
        env = dict(os.environ, PERISCOPE_HOME=self.home.name)
        return subprocess.run([sys.executable, TOKENS], capture_output=True, text=True, env=env, timeout=30)

    def test_creates_strong_hashed_tokens_once_and_prints_them_once(self):
        first = self.run_tokens()
        self.assertEqual(first.returncode, 0, first.stderr)
        token_file = first.stdout.strip()
        self.assertEqual(token_file, os.path.join(self.home.name, "readiness-tokens"))
        entries = {}
        with open(token_file, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    token_id, scopes, secret = line.split()
                    entries[token_id] = (scopes, secret)
        self.assertEqual({k: v[0] for k, v in entries.items()},
                         {"reader": "readiness:read", "operator": "readiness:read,drills:run", "admin": "admin"})
        for token_id, (_, secret) in entries.items():
            path = os.path.join(self.home.name, f"readiness-token.{token_id}")
            with open(path, encoding="utf-8") as f:
                token = f.read().strip()
            self.assertGreaterEqual(len(token), 32)
            self.assertEqual(secret, "sha256:" + hashlib.sha256(token.encode()).hexdigest())
            self.assertNotIn(token, open(token_file, encoding="utf-8").read())
            self.assertIn(token, first.stderr)  # shown once
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(token_file).st_mode), 0o600)
        self.assertEqual(len({v[1] for v in entries.values()}), 3)

        second = self.run_tokens()
        self.assertEqual(second.returncode, 0)
        self.assertEqual(second.stdout.strip(), token_file)
        self.assertEqual(second.stderr, "")
        with open(token_file, encoding="utf-8") as f:
            self.assertEqual({l.split()[0]: l.split()[2] for l in f if l.strip() and not l.startswith("#")},
                             {k: v[1] for k, v in entries.items()})

    def test_a_missing_client_token_makes_all_of_them_new(self):
        token_file = self.run_tokens().stdout.strip()
        before = open(token_file, encoding="utf-8").read()
        os.remove(os.path.join(self.home.name, "readiness-token.admin"))
        again = self.run_tokens()
        self.assertIn("new local tokens", again.stderr)
        self.assertNotEqual(open(token_file, encoding="utf-8").read(), before)
        self.assertTrue(os.path.isfile(os.path.join(self.home.name, "readiness-token.admin")))


if __name__ == "__main__":
    unittest.main()
