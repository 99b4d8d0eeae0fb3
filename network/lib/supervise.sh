#!/usr/bin/env bash
# The single-machine mode's supervisor (README "Supervision"): runs one node as
# its child and starts it again when it fails, with backoff. start_process
# (lib/common.sh) runs it as the node's session leader, so the pid file names
# it and stop_process's SIGTERM to the process group reaches it and the node
# at once: a deliberate stop is never undone. Run it; sourced, it only defines
# the policy (for its unit test, network/src/supervise.test.ts).
#
#   supervise.sh ID STATE_FILE COMMAND [ARGS...]
#
# Restarts follow systemd's Restart=on-failure: a non-zero exit or a death by
# a signal other than SIGHUP, SIGINT, SIGTERM and SIGPIPE (which, like exit 0,
# mean someone stopped the node: the supervisor ends too). The node runs
# under `setpriv --pdeathsig KILL`: if the supervisor itself is SIGKILLed, the
# node dies with it rather than hold its ports unsupervised.
#
# STATE_FILE (RuntimeLayout.supervisionFile, read by status.sh and the tests)
# holds KEY=value lines, rewritten whole at each change:
#   state=running|waiting|stopped|exited  node_pid=PID  restarts=N
#   last_exit=signal 9|exit 1  last_exit_at=2026-12-01T00:12:03+0000  next_delay_ms=2000

# Backoff: the first restart after RESTART_MIN_MS, doubling after each run that
# lasted less than RESTART_RESET_MS, up to RESTART_MAX_MS. The environment may
# shorten them (the unit test does); a node never needs to.
RESTART_MIN_MS="${CITY_LEDGER_RESTART_MIN_MS:-1000}"
RESTART_MAX_MS="${CITY_LEDGER_RESTART_MAX_MS:-30000}"
RESTART_RESET_MS="${CITY_LEDGER_RESTART_RESET_MS:-60000}"

# Prints the delay before the next start, in ms, given the previous delay (0
# before the first restart) and how long the run that just ended lasted.
# Usage: restart_delay PREVIOUS_DELAY_MS RAN_MS
restart_delay() {
  local previous="$1" ran="$2" next
  if ((previous == 0 || ran >= RESTART_RESET_MS)); then
    next="${RESTART_MIN_MS}"
  else
    next=$((previous * 2))
  fi
  printf '%s\n' "$((next > RESTART_MAX_MS ? RESTART_MAX_MS : next))"
}

# How a wait status reads: "exit N", or "signal N" for a death by signal
# (Bash reports those as 128+N; no node exits with such a code itself).
exit_reason() {
  if (($1 > 128)); then printf 'signal %s\n' "$(($1 - 128))"; else printf 'exit %s\n' "$1"; fi
}

# True if the status means a failure to restart after (systemd's on-failure).
is_failure() {
  case "$(exit_reason "$1")" in
    'exit 0' | 'signal 1' | 'signal 2' | 'signal 13' | 'signal 15') return 1 ;;
    *) return 0 ;;
  esac
}

now_ms() { local us="${EPOCHREALTIME/[.,]/}"; printf '%s\n' "$((us / 1000))"; }
timestamp() { printf '%(%Y-%m-%dT%H:%M:%S%z)T\n' -1; }
say() { printf '[%(%H:%M:%S)T] supervisor of %s: %s\n' -1 "${ID}" "$*"; }

# Rewrites the state file whole (a reader never sees half of it).
write_state() {
  printf 'state=%s\nnode_pid=%s\nrestarts=%s\nlast_exit=%s\nlast_exit_at=%s\nnext_delay_ms=%s\n' \
    "$1" "${child}" "${restarts}" "${last_exit}" "${last_exit_at}" "${delay}" >"${STATE_FILE}.new" &&
    mv -f "${STATE_FILE}.new" "${STATE_FILE}"
}

# A stop (SIGTERM from stop_process, or SIGINT/SIGHUP): pass it on and end.
on_stop() {
  stopping=1
  ((child == 0)) || kill -TERM "${child}" 2>/dev/null
  ((sleeper == 0)) || kill -TERM "${sleeper}" 2>/dev/null
}

# Starts the node; it dies if this supervisor is killed (see the header).
start_node() {
  if command -v setpriv >/dev/null; then exec setpriv --pdeathsig KILL -- "$@"; fi
  exec "$@"
}

# Waits for the node to end and returns its status. A trapped signal makes
# `wait` return early (128+signal) while the node may still run: wait again.
wait_node() {
  local status again
  while :; do
    wait "${child}"
    status=$?
    kill -0 "${child}" 2>/dev/null && continue
    # Reaped during the trap: Bash kept its status for one more wait.
    wait "${child}" 2>/dev/null
    again=$?
    ((again == 127)) || status="${again}"
    return "${status}"
  done
}

supervise() {
  ID="$1" STATE_FILE="$2"
  shift 2
  child=0 sleeper=0 stopping=0 restarts=0 delay=0 last_exit='' last_exit_at=''
  local started status
  trap on_stop TERM INT HUP
  mkdir -p "$(dirname "${STATE_FILE}")"
  while :; do
    started="$(now_ms)"
    start_node "$@" &
    child=$!
    ((stopping == 0)) || kill -TERM "${child}" 2>/dev/null
    write_state running
    wait_node
    status=$?
    last_exit="$(exit_reason "${status}")" last_exit_at="$(timestamp)"
    if ((stopping)); then write_state stopped; say "stopped (${last_exit})"; return 0; fi
    if ! is_failure "${status}"; then write_state exited; say "${last_exit}: not restarted"; return 0; fi
    delay="$(restart_delay "${delay}" "$(($(now_ms) - started))")"
    restarts=$((restarts + 1))
    child=0
    write_state waiting
    say "${last_exit}; restart ${restarts} in ${delay} ms"
    sleep "$((delay / 1000)).$(printf '%03d' "$((delay % 1000))")" &
    sleeper=$!
    wait "${sleeper}"
    sleeper=0
    if ((stopping)); then write_state stopped; say "stopped while waiting to restart"; return 0; fi
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  (($# >= 3)) || { echo "usage: supervise.sh ID STATE_FILE COMMAND [ARGS...]" >&2; exit 2; }
  supervise "$@"
fi
