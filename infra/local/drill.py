"""./periscope drill [--json]: runs readiness-service's mongo-backup-restore drill now and prints the result.

Takes a backup, restores it into a scratch database, compares counts and checksums, drops the scratch database
(readiness-service/README.md "Disaster recovery"). Exit codes: 0 the drill passed, 1 it failed, 3 readiness-service
unreachable, its answer unreadable, or the token refused.

The bearer token needs scope drills:run; it comes from, in this order: PERISCOPE_READINESS_TOKEN, the file named by
PERISCOPE_READINESS_TOKEN_FILE, or $PERISCOPE_HOME/readiness-token.operator (made by infra/local/readiness_tokens.py
when ./periscope up runs).
"""
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

import doctor  # shares the token lookup and the refusal message


def operator_token():
    if not os.environ.get("PERISCOPE_READINESS_TOKEN") and not os.environ.get("PERISCOPE_READINESS_TOKEN_FILE"):
        home = Path(os.environ.get("PERISCOPE_HOME", str(Path(__file__).resolve().parent.parent.parent / ".periscope")))
        os.environ["PERISCOPE_READINESS_TOKEN_FILE"] = str(home / "readiness-token.operator")
    return doctor.bearer_token()


def main() -> int:
    url = (os.environ.get("PERISCOPE_READINESS_URL", "http://127.0.0.1:18400").rstrip("/")
           + "/api/drills/mongo-backup-restore")
    request = urllib.request.Request(url, data=b"", method="POST", headers={"Accept": "application/json"})
    token = operator_token()
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            body = response.read().decode("utf-8")
        result = json.loads(body)
        passed = bool(result["passed"])
    except urllib.error.HTTPError as error:
        print(f"drill: readiness-service refused the request at {url}: {doctor.refusal(error)}", file=sys.stderr)
        return 3
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        print(f"drill: readiness-service unreachable or unreadable at {url}: {error}", file=sys.stderr)
        return 3
    if "--json" in sys.argv[1:]:
        print(body)
        return 0 if passed else 1
    print(f"drill {result.get('id', '')}: {'PASSED' if passed else 'FAILED'} (backup {result.get('backup_id', '')})")
    for check in result.get("checks", []):
        print(f"  {'ok  ' if check.get('ok') else 'FAIL'} {check.get('name', '')}  {check.get('detail', '')}")
    if result.get("error"):
        print(f"  error: {result['error']}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
