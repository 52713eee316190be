#!/bin/bash
# Imports the same 100,000-row enrolment file (about 10 MB, UTF-8, 9 columns)
# with `tiscdesk import enrolments` and with sqlite3's .import, alternately,
# each into a new database, and prints every time, the peak resident memory
# of each command (/usr/bin/time's %M) and the medians. Then the same rows
# as an Excel workbook (.xlsx), against sqlite3 importing them as CSV.
# The TISC Desk time is the whole command: start, open, check and import of
# every row in one transaction, commit, and the backup that follows a large
# import. Needs go, sqlite3 and GNU time (apt-get install sqlite3 time).
#
# The CSV rounds also run .bench/floor: the same number of records, encoded
# as the import encodes them, written into a new bbolt file in one
# transaction with the store's options and nothing else (no file read, no
# check, no backup, a small binary): the least TISC Desk's storage
# (bbolt, JSON values, one transaction) lets any import take.
#
#   bash .bench/import-vs-sqlite.sh [ROUNDS]
set -euo pipefail
rounds=${1:-7}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The linker writes its output through mmap, and a program started from
# such a file keeps about 15 MB more of it resident (41 MB against 26 MB
# for `tiscdesk version`, 2026-12-06) than from a copy, which is how a
# user's binary arrives (dpkg, tar, an installer): measure a copy.
go build -tags no_emoji -o "$work/tiscdesk.built" .
cp "$work/tiscdesk.built" "$work/tiscdesk" && rm "$work/tiscdesk.built"
go build -o "$work/floor.built" ./.bench/floor
cp "$work/floor.built" "$work/floor" && rm "$work/floor.built"
TISCDESK_WRITE_ROSTER="$work/roster.csv" TISCDESK_WRITE_ROSTER_XLSX="$work/roster.xlsx" \
  go test -count=1 -run '^TestWriteEnrolmentRoster$' ./data/transfer >/dev/null
[ -s "$work/roster.csv" ] && [ -s "$work/roster.xlsx" ] || { echo "the rosters were not written" >&2; exit 1; }
rows=$(($(wc -l <"$work/roster.csv") - 1)) # the header is not a row
echo "file: $(wc -l <"$work/roster.csv") lines, $(stat -c %s "$work/roster.csv") bytes (.xlsx $(stat -c %s "$work/roster.xlsx") bytes); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(sqlite3 --version | cut -d' ' -f1-2)"

# timed CMD...: runs CMD, prints "SECONDS MAXRSS_KB".
timed() { /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null && cat "$work/time"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for input in roster.csv roster.xlsx; do
  declare -a ours=() theirs=() ourmem=() theirmem=() floor=() floormem=()
  for i in $(seq "$rounds"); do
    rm -rf "$work/t" && mkdir "$work/t"
    read -r t1 m1 < <(timed "$work/tiscdesk" --db "$work/t/t.db" import enrolments "$work/$input")
    read -r t2 m2 < <(timed sqlite3 "$work/t/s.sqlite" ".import --csv $work/roster.csv enrolments")
    ours+=("$t1"); theirs+=("$t2"); ourmem+=("$m1"); theirmem+=("$m2")
    line=$(printf '%s round %d: tiscdesk %.2f s %d MB, sqlite3 %.2f s %d MB' "$input" "$i" "$t1" $((m1 / 1024)) "$t2" $((m2 / 1024)))
    if [ "$input" = roster.csv ]; then
      read -r t3 m3 < <(timed "$work/floor" "$work/t/f.db" "$rows")
      floor+=("$t3"); floormem+=("$m3")
      line+=$(printf ', floor %.2f s %d MB' "$t3" $((m3 / 1024)))
    fi
    echo "$line"
  done
  m1=$(median "${ours[@]}"); m2=$(median "${theirs[@]}")
  printf '%s median: tiscdesk %.2f s, peak %d MB; sqlite3 %.2f s, peak %d MB; ratio %.2f\n' "$input" \
    "$m1" $(($(median "${ourmem[@]}") / 1024)) "$m2" $(($(median "${theirmem[@]}") / 1024)) "$(awk "BEGIN {print $m1 / $m2}")"
  if [ "${#floor[@]}" -gt 0 ]; then
    m3=$(median "${floor[@]}")
    printf 'floor median: %.2f s, peak %d MB; ratio to sqlite3 %.2f\n' "$m3" $(($(median "${floormem[@]}") / 1024)) "$(awk "BEGIN {print $m3 / $m2}")"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
