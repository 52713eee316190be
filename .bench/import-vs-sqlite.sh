#!/bin/bash
# Imports the same 100,000-row enrolment file (about 10 MB, UTF-8, 9 columns)
# with `tiscdesk import enrolments` and with sqlite3's .import, alternately,
# each into a new database, and prints every time and the medians.
# The TISC Desk time is the whole command: start, open, check and import of
# every row in one transaction, commit, and the backup that follows a large
# import. Needs go and sqlite3 (apt-get install sqlite3).
#
#   bash .bench/import-vs-sqlite.sh [ROUNDS]
set -euo pipefail
rounds=${1:-7}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tiscdesk" .
TISCDESK_WRITE_ROSTER="$work/roster.csv" go test -count=1 -run '^TestWriteEnrolmentRoster$' ./data >/dev/null
echo "file: $(wc -l <"$work/roster.csv") lines, $(stat -c %s "$work/roster.csv") bytes; $(nproc) cores; $(sqlite3 --version | cut -d' ' -f1-2)"

now() { date +%s.%N; }
declare -a ours theirs
for i in $(seq "$rounds"); do
  rm -rf "$work/t" && mkdir "$work/t"
  t0=$(now)
  "$work/tiscdesk" --db "$work/t/t.db" import enrolments "$work/roster.csv" >/dev/null
  t1=$(now)
  sqlite3 "$work/t/s.sqlite" ".import --csv $work/roster.csv enrolments"
  t2=$(now)
  ours+=("$(awk "BEGIN {print $t1 - $t0}")")
  theirs+=("$(awk "BEGIN {print $t2 - $t1}")")
  printf 'round %d: tiscdesk %.3f s, sqlite3 %.3f s\n' "$i" "${ours[-1]}" "${theirs[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${ours[@]}")
m2=$(median "${theirs[@]}")
printf 'median: tiscdesk %.3f s, sqlite3 %.3f s, ratio %.2f\n' "$m1" "$m2" "$(awk "BEGIN {print $m1 / $m2}")"
