"""Strong local bearer tokens for readiness-service, created once under $PERISCOPE_HOME (default .periscope/).

    export PERISCOPE_READINESS_AUTH_TOKEN_FILE="$(python3 infra/local/readiness_tokens.py)"

Creates, when any of them is missing (all three are then made new):
  readiness-tokens          the service's token file: ids, scopes and the SHA-256 of each token, never the tokens
  readiness-token.reader    readiness:read             (./periscope doctor, the dashboard)
  readiness-token.operator  readiness:read,drills:run  (backups and drills)
  readiness-token.admin     admin                      (rule reloads and every other change)
all mode 0600. The tokens are printed once, to stderr, when they are created; later runs print only the token
file's path (stdout), which is what the service needs.
"""
import hashlib
import os
import secrets
import sys
from pathlib import Path

TOKENS = (("reader", "readiness:read"), ("operator", "readiness:read,drills:run"), ("admin", "admin"))
TOKEN_FILE = "readiness-tokens"


def periscope_home() -> Path:
    default = Path(__file__).resolve().parent.parent.parent / ".periscope"
    return Path(os.environ.get("PERISCOPE_HOME", str(default)))


def client_token_path(home: Path, token_id: str) -> Path:
    return home / f"readiness-token.{token_id}"


def write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


def ensure_tokens(home: Path) -> tuple[Path, dict]:
    """Returns the token file and, when they were created now, the new tokens by id (else an empty dict)."""
    token_file = home / TOKEN_FILE
    if token_file.is_file() and all(client_token_path(home, i).is_file() for i, _ in TOKENS):
        return token_file, {}
    created = {token_id: "prd_" + secrets.token_urlsafe(32) for token_id, _ in TOKENS}
    lines = ["# readiness-service token file (readiness-service/README.md#auth), made by "
             "infra/local/readiness_tokens.py", "# <id> <scopes> sha256:<hex of the token's SHA-256>"]
    for token_id, scopes in TOKENS:
        digest = hashlib.sha256(created[token_id].encode("utf-8")).hexdigest()
        lines.append(f"{token_id} {scopes} sha256:{digest}")
        write_private(client_token_path(home, token_id), created[token_id] + "\n")
    write_private(token_file, "\n".join(lines) + "\n")
    return token_file, created


def main() -> int:
    home = periscope_home()
    token_file, created = ensure_tokens(home)
    if created:
        print("readiness-service: new local tokens (shown once; also kept, mode 0600, in "
              f"{home}/readiness-token.<id>):", file=sys.stderr)
        for token_id, scopes in TOKENS:
            print(f"  {token_id:9} {scopes:26} {created[token_id]}", file=sys.stderr)
    print(token_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
