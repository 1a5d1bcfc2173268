"""./periscope doctor [--json]: the readiness verdict as a CI gate.

Exit codes: 0 ready, 1 degraded, 2 blocked, 3 readiness-service unreachable or its answer unreadable.
"""
import json
import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    url = os.environ.get("PERISCOPE_READINESS_URL", "http://127.0.0.1:18400").rstrip("/") + "/api/doctor"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode("utf-8")
        report = json.loads(body)
        exit_code = int(report["exit_code"])
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        print(f"doctor: readiness-service unreachable or unreadable at {url}: {error}", file=sys.stderr)
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
