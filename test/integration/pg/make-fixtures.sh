#!/usr/bin/env bash
# Regenerates fixtures/pg-<case>/input.sql from test/integration/pg/fixture-sources/<case>.sql with
# the real pg_dump: load the source into a scratch database, dump it with the case's flags.
#   test/integration/pg/make-fixtures.sh            # every case
#   test/integration/pg/make-fixtures.sh inserts    # one case
# A fixed --restrict-key keeps regenerated dumps byte-stable (pg_dump 15.14+ writes a random
# `\restrict` key otherwise). rules.json files are hand-written and never touched here;
# expected.sql is produced with the real CLI afterwards (see fixtures/README or the PR note).
set -euo pipefail
exec </dev/null
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER PGCLIENTENCODING=UTF8

declare -A FLAGS=(
  [sample]=""
  [copy-basic]=""
  [inserts]="--inserts"
  [quoted-identifiers]=""
  [partitions]=""
)

cases=("$@")
if ((${#cases[@]} == 0)); then
  mapfile -t cases < <(printf '%s\n' "${!FLAGS[@]}" | sort)
fi

db=""
cleanup() { if [[ -n $db ]]; then psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"; fi; }
trap cleanup EXIT

for case in "${cases[@]}"; do
  if [[ ! -v FLAGS[$case] ]]; then
    echo "unknown case: $case (known: ${!FLAGS[*]})" >&2
    exit 2
  fi
  db="veil_fixture_${case//-/_}_$$"
  psql -X -q -d postgres -c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "test/integration/pg/fixture-sources/$case.sql"
  mkdir -p "fixtures/pg-$case"
  # shellcheck disable=SC2086 # FLAGS values are word lists on purpose
  pg_dump --restrict-key=veilfixture ${FLAGS[$case]} -d "$db" -f "fixtures/pg-$case/input.sql"
  cleanup
  db=""
  echo "fixtures/pg-$case/input.sql ($(wc -c <"fixtures/pg-$case/input.sql") bytes, pg_dump ${FLAGS[$case]:-plain})"
done
