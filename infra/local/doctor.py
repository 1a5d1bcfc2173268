"""./periscope doctor [--json]: the readiness verdict as a CI gate.

Exit codes: 0 ready, 1 degraded, 2 blocked, 3 readiness-service unreachable, its answer unreadable, or the token
refused (401/403/429).

The bearer token (scope readiness:read) comes from, in this order: PERISCOPE_READINESS_TOKEN,
the file named by PERISCOPE_READINESS_TOKEN_FILE, or $PERISCOPE_HOME/readiness-token.reader (made by
infra/local/readiness_tokens.py when ./periscope up runs; PERISCOPE_HOME defaults to <repo>/.periscope).
"""
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path


def bearer_token(default_file="readiness-token.reader"):
    token = os.environ.get("PERISCOPE_READINESS_TOKEN", "").strip()
    if token:
        return token
    home = Path(os.environ.get("PERISCOPE_HOME", str(Path(__file__).resolve().parent.parent.parent / ".periscope")))
    path = Path(os.environ.get("PERISCOPE_READINESS_TOKEN_FILE", str(home / default_file)))
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def refusal(error: urllib.error.HTTPError) -> str:
    try:
        detail = json.loads(error.read().decode("utf-8")).get("detail", "")
    except (ValueError, OSError, AttributeError):
        detail = ""
    hint = ""
    if error.code == 401:
        hint = " (set PERISCOPE_READINESS_TOKEN, or run ./periscope up to create .periscope/readiness-token.reader)"
    elif error.code == 429:
        hint = f" (locked out; retry after {error.headers.get('Retry-After', '?')} s)"
    return f"HTTP {error.code} {detail}{hint}".rstrip()


def call_readiness(command, path, token, method="GET", timeout=10):
    """The JSON answer of readiness-service at path as (body text, parsed); None after printing why it failed."""
    url = os.environ.get("PERISCOPE_READINESS_URL", "http://127.0.0.1:18400").rstrip("/") + path
    request = urllib.request.Request(url, data=b"" if method == "POST" else None, method=method,
                                     headers={"Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read().decode("utf-8")
        return body, json.loads(body)
    except urllib.error.HTTPError as error:
        print(f"{command}: readiness-service refused the request at {url}: {refusal(error)}", file=sys.stderr)
    except (urllib.error.URLError, OSError, ValueError) as error:
        print(f"{command}: readiness-service unreachable or unreadable at {url}: {error}", file=sys.stderr)
    return None


def main() -> int:
    answer = call_readiness("doctor", "/api/doctor", bearer_token())
    if answer is None:
        return 3
    body, report = answer
    try:
        exit_code = int(report["exit_code"])
    except (KeyError, TypeError, ValueError) as error:
        print(f"doctor: readiness-service answered without an exit code: {error}", file=sys.stderr)
        return 3
    if "--json" in sys.argv[1:]:
        print(body)
        return exit_code
    print(report.get("summary", ""))
    for item in report.get("failing", []):
        print(f"  {str(item.get('status', '')).upper():8} {item.get('id', '')}  {item.get('title', '')}")
        for evidence in item.get("evidence", []):
            print(f"      {evidence.get('subject', '')}: {evidence.get('message', '')}")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
