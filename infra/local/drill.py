"""./periscope drill [--json]: runs readiness-service's mongo-backup-restore drill now and prints the result.

Takes a backup, restores it into a scratch database, compares counts and checksums, drops the scratch database
(readiness-service/README.md "Disaster recovery"). Exit codes: 0 the drill passed, 1 it failed, 3 readiness-service
unreachable, its answer unreadable, or the token refused.

The bearer token needs scope drills:run; it comes from, in this order: PERISCOPE_READINESS_TOKEN, the file named by
PERISCOPE_READINESS_TOKEN_FILE, or $PERISCOPE_HOME/readiness-token.operator (made by infra/local/readiness_tokens.py
when ./periscope up runs).
"""
import sys

from doctor import bearer_token, call_readiness  # one token lookup and one HTTP call for both commands


def main() -> int:
    answer = call_readiness("drill", "/api/drills/mongo-backup-restore", bearer_token("readiness-token.operator"),
                            method="POST", timeout=600)
    if answer is None:
        return 3
    body, result = answer
    if not isinstance(result, dict) or "passed" not in result:
        print("drill: readiness-service answered without a drill result", file=sys.stderr)
        return 3
    passed = bool(result["passed"])
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
