#!/usr/bin/env bash
# A key typed just after a save must be read at once. Toggles the flare mark
# on Today (`r`, a write) and presses `r` again 40–70 ms later, 30 times, in a
# real terminal (tmux); a key left unread shows as a flare mark that stayed.
#   scripts/key-after-save.sh target/release/limber
set -u
bin=$(realpath "$1"); runs=${2:-30}
d=$(mktemp -d /tmp/limber-keys-XXXX); s=limber-keys-$$
export LIMBER_NOW=2026-11-30T08:00:00Z
"$bin" --data-dir "$d" sample-data >/dev/null 2>&1
tmux new -d -s "$s" -x 80 -y 24 "LIMBER_NOW=$LIMBER_NOW $bin --data-dir $d"
sleep 1.5; tmux send-keys -t "$s" Enter; sleep 0.5
stuck=0
for _ in $(seq 1 "$runs"); do
  tmux send-keys -t "$s" r
  sleep "0.0$((40 + RANDOM % 30))"
  tmux send-keys -t "$s" r
  sleep 0.4
  if tmux capture-pane -p -t "$s" | grep -q "rest day you chose"; then
    stuck=$((stuck + 1)); tmux send-keys -t "$s" F5; sleep 0.3
  fi
done
echo "keys left unread: $stuck of $runs"
tmux kill-session -t "$s"; rm -rf "$d"
