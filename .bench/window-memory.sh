#!/usr/bin/env bash
# Memory of the window holding 200,139 enrolments (issue 4: under 300 MB).
# Builds tiscdesk, makes a database of the sample plus 200,000 synthetic
# enrolments (273 duplicate rows are skipped on purpose), starts the window
# under Xvfb and drives it with xdotool through two uses, printing the
# resident memory (VmRSS) and its peak (VmHWM) from /proc after each step:
#
#   list: open Distance learning, type six searches, sort six columns,
#         switch tabs, go to the Overview and back;
#   all:  visit every section, then search and sort the list, open the
#         other tabs and a participant, and visit five sections again.
#
# After each use it prints the Go heap: what is alive after a collection,
# and what the heap holds from the system (TISCDESK_HEAP_PROFILE; the heap
# profile itself is written in the temporary folder and removed with it).
#
# Needs Xvfb, xdotool and xdpyinfo (apt-get install xvfb xdotool x11-utils).
#
#   bash .bench/window-memory.sh [ROUNDS]
set -uo pipefail
rounds=${1:-2}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
display=":${BENCH_DISPLAY:-97}"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The linker writes its output through mmap, and a program started from
# such a file keeps about 15 MB more of it resident (41 MB against 26 MB
# for `tiscdesk version`, 2026-12-06) than from a copy, which is how a
# user's binary arrives (dpkg, tar, an installer): measure a copy.
go build -tags no_emoji -o "$work/tiscdesk.built" . || exit 1
cp "$work/tiscdesk.built" "$work/tiscdesk" && rm "$work/tiscdesk.built" || exit 1
TISCDESK_WRITE_SYNTHETIC="$work/synthetic.csv" go test -count=1 -run '^TestWriteEnrolmentRoster$' ./data/transfer >/dev/null || exit 1
[ -s "$work/synthetic.csv" ] || { echo "the synthetic roster was not written" >&2; exit 1; }
db="$work/db/tiscdesk.db"
"$work/tiscdesk" --db "$db" sample >/dev/null || exit 1
"$work/tiscdesk" --db "$db" import enrolments "$work/synthetic.csv" --skip-invalid >/dev/null 2>&1 || exit 1
echo "database: $("$work/tiscdesk" --db "$db" stats --json | tr -d ' \n')"

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=$display

mem() { awk '/VmHWM|VmRSS/ {printf "%s %6d MiB  ", $1, $2/1024}' "/proc/$1/status"; echo; }
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
search() {
  click 640 134 0.3
  for w in "$@"; do
    xdotool type --delay 100 "$w"; sleep 0.4
    xdotool key ctrl+a BackSpace; sleep 0.4
  done
}
sortBy() { for x in "$@"; do click "$x" 207 0.8; done; }

start() {
  TISCDESK_HEAP_PROFILE="$work/heap-$round-$1.prof" "$work/tiscdesk" --db "$db" >"$work/app.log" 2>&1 &
  app=$!
  pids+=("$app")
  sleep 4
}
# stop prints the Go heap's figures after a collection (SIGUSR1, see
# ui/heapprofile.go), then ends the window: SIGTERM, and SIGKILL if it has
# not ended 10 s later, so that a window that does not end cannot hang the
# script (it is said, and the script goes on).
stop() {
  kill -USR1 "$app"
  for _ in $(seq 50); do grep -q '^heap:' "$work/app.log" && break; sleep 0.2; done
  echo "  $(grep '^heap:' "$work/app.log" | tail -1)"
  kill "$app"
  for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$app" 2>/dev/null; then
    echo "  the window did not end 10 s after SIGTERM: SIGKILL"
    kill -KILL "$app"
  fi
  wait "$app" 2>/dev/null
}

for round in $(seq "$rounds"); do
  start list
  echo "round $round, list: start:      $(mem "$app")"
  click 60 194 2 # Distance learning
  echo "  list open:                   $(mem "$app")"
  search zhang wang p0001 科技 hassan li
  sortBy 450 590 700 950 300 300
  click 366 97 1.5; click 436 97 1; click 284 97 1.5 # Sessions, Courses, Enrolments
  click 60 83 2; click 60 194 2                      # Overview and back
  echo "  end:                         $(mem "$app")"
  stop

  start all
  echo "round $round, all: start:       $(mem "$app")"
  for y in 119 155 194 226 261 297 333 83; do click 60 "$y" 2; done
  echo "  every section:               $(mem "$app")"
  click 60 194 2
  search zhang wang p0001 hassan
  sortBy 450 590 700 770 870 950 1050 300 300
  click 366 97 1.5; click 436 97 1; click 284 97 1
  click 400 243 0.3; click 400 243 2 # a participant
  xdotool key Escape; sleep 1
  for y in 83 119 155 261 194; do click 60 "$y" 2; done
  echo "  end:                         $(mem "$app")"
  stop
done
