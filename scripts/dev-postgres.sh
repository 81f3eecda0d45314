#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the store tests and print its URL.
#
#   eval "$(scripts/dev-postgres.sh start)"   # exports OPLENS_TEST_POSTGRES_URL
#   scripts/dev-postgres.sh stop
#
# The server listens on 127.0.0.1:$PGPORT (default 54329) and keeps its data under
# $PGDATA_DIR (default /tmp/oplens-pg-$PGPORT). PostgreSQL refuses to run as root, so when run
# as root the server runs as the `postgres` user. Needs Debian's postgresql package (or any
# PostgreSQL whose initdb and pg_ctl are on PATH or in $PGBIN).
set -euo pipefail
PGPORT=${PGPORT:-54329}
PGDATA_DIR=${PGDATA_DIR:-/tmp/oplens-pg-$PGPORT}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PATH="$PGBIN:$PATH"
DB=oplens_test
ROLE=oplens

as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    "$(command -v runuser || echo /usr/sbin/runuser)" -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-start}" in
  start)
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
      mkdir -p "$PGDATA_DIR"
      [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR"
      # UTF8 whatever the locale (a bare C locale would give SQL_ASCII).
      as_server_user initdb -D "$PGDATA_DIR" -A trust -U postgres -E UTF8 --locale=C --no-sync \
        >/dev/null
    fi
    if ! as_server_user pg_ctl -D "$PGDATA_DIR" status >/dev/null 2>&1; then
      as_server_user pg_ctl -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
        -o "-p $PGPORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1" start >/dev/null
    fi
    psql_() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
    if [ -z "$(psql_ -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
      psql_ -c "CREATE ROLE $ROLE LOGIN"
    fi
    if [ -z "$(psql_ -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
      psql_ -c "CREATE DATABASE $DB OWNER $ROLE"
    fi
    echo "export OPLENS_TEST_POSTGRES_URL=postgresql+psycopg://$ROLE@127.0.0.1:$PGPORT/$DB"
    ;;
  stop)
    as_server_user pg_ctl -D "$PGDATA_DIR" -m fast stop >/dev/null
    ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
