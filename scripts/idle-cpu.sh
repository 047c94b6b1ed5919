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
measure() {
  local label=$1; shift
  tmux kill-session -t limber-cpu 2>/dev/null || true
  tmux new-session -d -s limber-cpu -x 80 -y 24 \
    "LIMBER_DATA_DIR=$home/data LIMBER_CONFIG=$home/config $bin $*"
  sleep 1
  local pid
  pid=$(pgrep -n -f "^$bin")
  local before after hz
  hz=$(getconf CLK_TCK)
  before=$(cpu_ticks "$pid")
  sleep "$seconds"
  after=$(cpu_ticks "$pid")
  awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" -v l="$label" \
    'BEGIN { printf "%-28s %6.0f ms CPU over %d s = %.3f %% of one core\n", l, t * 1000 / hz, s, t * 100 / hz / s }'
}
measure "countdown running" run long
measure "Today, idle" ""
