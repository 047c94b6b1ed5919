#!/usr/bin/env bash
# Measures the CPU time limber uses while a countdown runs and while Today
# sits idle, each over 60 seconds, in a tmux pane of 80×24.
# Usage: scripts/idle-cpu.sh [path/to/limber]   (default: target/release/limber)
set -euo pipefail
bin=${1:-target/release/limber}
seconds=${SECONDS_TO_MEASURE:-60}
home=$(mktemp -d)
trap 'tmux kill-session -t limber-cpu 2>/dev/null || true; rm -rf "$home"' EXIT
mkdir -p "$home/config/routines"
cat > "$home/config/routines/long.toml" <<'TOML'
name = "Long countdown"
get_ready = 0
[[exercise]]
name = "Hold"
kind = "stretch"
duration = "10m"
TOML
printf 'checkin_before = false\nbell = false\n' > "$home/config/config.toml"
"$bin" --data-dir "$home/data" checkin --pain 1 --anxiety 1 --mood 1 >/dev/null
# The safety notice is read once per store: dismiss it before measuring.
tmux new-session -d -s limber-cpu -x 80 -y 24 "LIMBER_DATA_DIR=$home/data LIMBER_CONFIG=$home/config $bin"
sleep 1
tmux send-keys -t limber-cpu Enter q
sleep 1

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Voluntary context switches: each wake-up from waiting adds one.
wakeups() { awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$1/status"; }
measure() {
  local label=$1 keys=$2; shift 2
  tmux kill-session -t limber-cpu 2>/dev/null || true
  tmux new-session -d -s limber-cpu -x 80 -y 24 \
    "LIMBER_DATA_DIR=$home/data LIMBER_CONFIG=$home/config $bin $*"
  sleep 1
  local pid
  pid=$(pgrep -n -f "^$bin")
  if [ -n "$keys" ]; then tmux send-keys -t limber-cpu "$keys"; sleep 1; fi
  local before after hz w0 w1
  hz=$(getconf CLK_TCK)
  before=$(cpu_ticks "$pid")
  w0=$(wakeups "$pid")
  sleep "$seconds"
  after=$(cpu_ticks "$pid")
  w1=$(wakeups "$pid")
  awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" -v l="$label" -v w=$((w1 - w0)) \
    'BEGIN { printf "%-22s %5.0f ms CPU over %d s = %.3f %% of one core, %d wake-ups\n", l, t * 1000 / hz, s, t * 100 / hz / s, w }'
}
measure "countdown running" "" run long
measure "Today, idle" ""
measure "History, idle" "h"
