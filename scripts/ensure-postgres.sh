#!/usr/bin/env bash
# The store's tests run against a real PostgreSQL (tests/postgres.py starts a throw-away cluster
# in a temporary folder, on 127.0.0.1, for the test session). Installs Debian's server with
# apt-get when missing and we are root, without the system cluster Debian would otherwise
# create and start (the tests never use it).
set -euo pipefail
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing postgresql with apt-get…"
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/mesoconsult-tests.conf
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
  echo "The store's tests need PostgreSQL (initdb, pg_ctl, psql)." >&2
  echo "Install it with: sudo apt-get install -y postgresql" >&2
  exit 1
fi
