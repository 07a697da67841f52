#!/usr/bin/env bash
# Installs and starts what the test suite needs besides npm packages:
# Debian's Chromium for browser tests, Dovecot for the mail intake, and a running PostgreSQL.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test prerequisites: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The test Dovecot runs as this unprivileged user, from a temporary directory, on a high port.
id ca-dovecot >/dev/null 2>&1 || as_root useradd --system --no-create-home --shell /usr/sbin/nologin ca-dovecot

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "test prerequisites: starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
fi
