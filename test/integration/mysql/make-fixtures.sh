#!/bin/sh
# Regenerates the committed MySQL dump fixtures from a live MariaDB (root over the local socket).
# Usage: sh test/integration/mysql/make-fixtures.sh   (from the repository root)
set -eu
here=$(dirname "$0")
F=test/unit/dialects/mysql/fixtures
mariadb --comments < "$here/tricky.sql"
mkdir -p "$F/dumps"
for mode in default skip-extended-insert complete-insert hex-blob insert-ignore replace compact databases no-create-info no-data; do
  case $mode in default) opts="";; databases) opts="--databases";; *) opts="--$mode";; esac
  if [ "$mode" = databases ]; then dbs="veil_tricky veil_tricky2"; else dbs="veil_tricky"; fi
  # orders (3000 rows) is left out to keep fixtures small; the integration tests dump it live.
  # shellcheck disable=SC2086
  mariadb-dump --routines --events --ignore-table=veil_tricky.orders $opts $dbs > "$F/dumps/mariadb-10.11.$mode.sql"
done
mariadb-dump --no-data --databases veil_tricky veil_tricky2 > "$F/.ddl-default.sql"
mariadb-dump --no-data --compatible=ansi veil_tricky order docs > "$F/.ddl-ansi.sql"
mariadb-dump --no-data --skip-quote-names veil_tricky people periods > "$F/.ddl-bare.sql"
python3 - "$F" <<'PY'
import re, sys
F = sys.argv[1] + '/'
out = []
for src, label, db in [('.ddl-default.sql', b'default', b'?'), ('.ddl-ansi.sql', b'--compatible=ansi', b'veil_tricky'),
                       ('.ddl-bare.sql', b'--skip-quote-names', b'veil_tricky')]:
    lines = open(F + src, 'rb').read().split(b'\n')
    i = 0
    while i < len(lines):
        m = re.match(rb'^USE `(.*)`;', lines[i])
        if m: db = m.group(1)
        if lines[i].startswith(b'CREATE TABLE'):
            buf = []
            while True:
                buf.append(lines[i])
                if lines[i].endswith(b';'): break
                i += 1
            out.append((db, label, b'\n'.join(buf)))
        i += 1
with open(F + 'mariadb-10.11-create-table.sql', 'wb') as f:
    f.write(b'-- Real CREATE TABLE statements written by mariadb-dump 10.11 (SHOW CREATE TABLE) for\n'
            b'-- test/integration/mysql/tricky.sql, cut from --no-data dumps by make-fixtures.sh.\n'
            b'-- Each block: "-- db: <database> (<dump options>)" then one statement.\n')
    for d, label, s in out:
        f.write(b'\n-- db: ' + d + b' (' + label + b')\n' + s + b'\n')
PY
rm -f "$F"/.ddl-*.sql
