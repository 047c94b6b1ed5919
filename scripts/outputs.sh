#!/usr/bin/env bash
# Every command's output on one made-up store (sample-data --seed 7) with the
# clock pinned, one file per command, so two builds can be compared byte for
# byte after a change that should show nothing new:
#   scripts/outputs.sh OLD/limber /tmp/old; scripts/outputs.sh NEW/limber /tmp/new
#   diff -r /tmp/old /tmp/new
# Both programs must be named limber (a usage line names the program) and
# built the same way: `cargo build`, not the binary `cargo test` leaves
# (the test build turns on clap features of the dev-dependencies, and
# --help then wraps at 100 columns). The
# store's folder is the same every run (outputs name it), so a second run
# waits for the first to finish. The store's device id is made at random
# when it is made: the JSON export shows it as DEVICE.
set -u
bin=$1; out=$2; rm -rf "$out"; mkdir -p "$out"
exec 9>/tmp/limber-cmp.lock; flock 9
d=/tmp/limber-cmp; rm -rf "$d"; mkdir -p "$d"; export LIMBER_NOW=2026-11-25T09:00:00Z TZ=UTC NO_COLOR=
run() { name=$1; shift; "$bin" --data-dir "$d/data" --config "$d/config" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo "exit $?" >>"$out/$name.err"; }
run sample sample-data --seed 7
run report report
run report-json report --format json
run report-md report --format markdown
run history history
run history-json history --format json
run status status
run status-json status --format json
run routines-list routines list
run routines-show routines show core-basics
run routines-show-gentle routines show core-basics --gentle
run keys keys
run keys-md keys --format markdown
run export-json export --format json
run export-csv export --format csv
run doctor doctor
run entries entries
run programme-list programme list
run fitness-tests fitness tests
run safety safety
run export-fhir export --format fhir
run help --help
for s in today trends activity sessions exercises report; do
  for size in 80x24 44x14 100x30; do run "screen-$s-$size" screen "$s" --size "$size"; done
  for r in 2w 3m 1y all; do run "screen-$s-$r" screen "$s" --range "$r"; done
done
run screen-routine screen core-basics
run screen-routine-small screen desk-break --size 44x14
run bad-flag --nope
run unknown-routine routines show nope
sed -i -E 's/"device": "[0-9a-f]{16}"/"device": "DEVICE"/' "$out/export-json.out"
rm -rf "$d"
