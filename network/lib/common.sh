#!/usr/bin/env bash
# Shared by every script in network/: paths, logging, process and port helpers.
# Source it; it defines functions and variables but starts nothing.

# Absolute paths that every script agrees on.
NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "${NETWORK_DIR}/.." && pwd)"
ORGS_DIR="${CITY_LEDGER_ORGS:-${REPO_DIR}/organizations}"
# All generated state (crypto, ledgers, logs, pids) lives here, git-ignored.
RUNTIME_DIR="${CITY_LEDGER_RUNTIME:-${REPO_DIR}/.runtime}"
# The chaincodes on the channel; a test points this at another file to deploy an extra one.
CHAINCODES_FILE="${CITY_LEDGER_CHAINCODES:-${REPO_DIR}/chaincode/chaincodes.yaml}"
# Chaincodes added to those in one runtime only (bench:ledger's baseline), never on the default network.
EXTRA_CHAINCODES_FILE="${CITY_LEDGER_EXTRA_CHAINCODES:-}"
# Built Fabric binaries are cached outside the source tree, shared by checkouts.
CACHE_DIR="${CITY_LEDGER_CACHE:-${HOME}/.cache/city-ledger}"
CHANNEL_NAME="city"
# What departments share (RuntimeLayout.exchangeDir): on a department's host a link to the
# consortium's shared repository or file share.
EXCHANGE_DIR="${RUNTIME_DIR}/exchange"
export NETWORK_DIR REPO_DIR ORGS_DIR RUNTIME_DIR CACHE_DIR CHANNEL_NAME EXCHANGE_DIR

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs the org-file CLI (network/src/cli.ts, built to network/dist). It is the
# one reader of organizations/*.yaml and of the runtime layout; scripts never
# parse YAML nor derive a path themselves. Listings are cached under the
# runtime folder until an org file, the chaincodes file, the lock file or the
# CLI itself changes: every node script asks for them, and a Node start per
# question made `up` slow on a busy machine.
orgs_cli() {
  local cli="${NETWORK_DIR}/dist/cli.js" cache staged
  if [[ ! -f "${cli}" ]]; then
    (cd "${REPO_DIR}" && npx --no-install tsc -b network) >&2 || die "cannot build network/ (run 'npm install' first)"
  fi
  case "$1" in
    shell | chaincode-shell | locked-dependencies) ;;
    *) "$(node_bin)" "${cli}" "$@"; return ;;
  esac
  cache="$(cli_cache_file "$@")"
  if cli_inputs_unchanged_since "${cache}"; then
    cat "${cache}"
    return
  fi
  mkdir -p "$(dirname "${cache}")"
  staged="$(mktemp "${cache}.XXXXXX")"
  "$(node_bin)" "${cli}" "$@" >"${staged}" || { rm -f "${staged}"; return 1; }
  mv -f "${staged}" "${cache}"
  cat "${cache}"
}

# The cache file of one CLI question (its arguments and inputs).
cli_cache_file() {
  printf '%s/cache/orgs-cli/%s\n' "${RUNTIME_DIR}" "$(printf '%s\n' "${ORGS_DIR}" "${CHAINCODES_FILE}" "${EXTRA_CHAINCODES_FILE}" "${CITY_LEDGER_DEPARTMENT:-}" "$@" | sha256sum | cut -c1-16)"
}

# True if FILE exists and nothing the CLI reads changed after it.
cli_inputs_unchanged_since() {
  [[ -f "$1" && -z "$(find "${ORGS_DIR}" "${CHAINCODES_FILE}" ${EXTRA_CHAINCODES_FILE:+"${EXTRA_CHAINCODES_FILE}"} \
    "${REPO_DIR}/package-lock.json" "${NETWORK_DIR}/dist" -newer "$1" -print -quit)" ]]
}

# Writes every node's env file and each org's chaincode server addresses
# (network/src/runtimeFiles.ts), unless they are current. Run by load_orgs, so
# a node script always sources a current file, and deploy.sh rewrites the
# addresses the ccaas builder reads when a chaincode is added.
# One stamp, naming the inputs it was made from: the files reflect the last generation.
generate_runtime_files() {
  local stamp="${RUNTIME_DIR}/cache/generated" key
  key="$(cli_cache_file generate "$1" "${CITY_LEDGER_CERT_LIFETIME:-}")"
  [[ -f "${stamp}" && "$(<"${stamp}")" == "${key}" ]] && cli_inputs_unchanged_since "${stamp}" && return 0
  orgs_cli generate "$1" >/dev/null || die "cannot generate the node environments"
  mkdir -p "$(dirname "${stamp}")" && printf '%s\n' "${key}" >"${stamp}"
}

# The project's one Node runtime: node_modules/.bin/node (Node 22, from npm).
node_bin() {
  local bin="${REPO_DIR}/node_modules/.bin/node"
  [[ -x "${bin}" ]] || die "Node 22 is not installed: run 'npm install' at ${REPO_DIR}"
  printf '%s\n' "${bin}"
}

# Exports a node's generated env file (<home>/node.env): plain NAME='value'
# lines, so that systemd's EnvironmentFile= reads the same file (see
# network/src/systemdUnits.ts).
load_env_file() {
  set -a
  # shellcheck source=/dev/null
  source "$1"
  set +a
}

# Puts the cached Fabric binaries first on PATH and points Fabric at its config.
use_toolchain() {
  local env_file="${CACHE_DIR}/toolchain.env"
  [[ -f "${env_file}" ]] || die "Fabric is not installed: run network/install-fabric.sh"
  # shellcheck source=/dev/null
  source "${env_file}"
  export PATH="${FABRIC_BIN_DIR}:${PATH}"
}

pid_file() { printf '%s/pids/%s.pid\n' "${RUNTIME_DIR}" "$1"; }
log_file() { printf '%s/logs/%s.log\n' "${RUNTIME_DIR}" "$1"; }

# A node's pid file names its process for good: "PID START BOOT", the pid, the
# process's start time (clock ticks after boot, field 22 of /proc/PID/stat) and
# the boot's id. `kill -0 PID` is not enough: a node killed a moment ago is a
# zombie until it is reaped, and after a reboot or a pid wrap its number belongs
# to another process; both look alive to it, so `up` took them for running
# nodes and `down` could signal a stranger. A pid and a start time are unique
# within a boot, so the three compare equal only for the very process started.
# This needs nothing from the node; a lock it held (flock) would be released at
# its death too, but every child it spawns would inherit and hold it, and
# `down` would still need a checked pid to signal.

# Prints "PID START BOOT" for a live (not zombie) process PID; fails otherwise.
process_identity() {
  local pid="$1" stat boot fields
  [[ "${pid}" =~ ^[1-9][0-9]*$ ]] || return 1
  { read -r stat <"/proc/${pid}/stat" && read -r boot </proc/sys/kernel/random/boot_id; } 2>/dev/null || return 1
  # The command name (field 2, in parentheses) may hold spaces: split after it.
  read -ra fields <<<"${stat##*) }"
  [[ "${fields[0]}" != [ZX] ]] || return 1
  printf '%s %s %s\n' "${pid}" "${fields[19]}" "${boot}"
}

# True if "PID START BOOT" names a process that is alive now.
is_process() {
  local identity
  identity="$(process_identity "${1%% *}")" && [[ "${identity}" == "$1" ]]
}

# Prints the pid of node <id> if the process its pid file names is alive; fails otherwise.
node_pid() {
  local pid_path recorded
  pid_path="$(pid_file "$1")"
  [[ -f "${pid_path}" ]] || return 1
  recorded="$(<"${pid_path}")"
  is_process "${recorded}" || return 1
  printf '%s\n' "${recorded%% *}"
}

# True if node <id> is running: the very process its pid file names is alive.
is_running() { node_pid "$1" >/dev/null; }

# Starts a command in the background as node <id>, with its own log and pid
# file, under its supervisor (lib/supervise.sh), which starts it again, with
# backoff, whenever it fails, and records its restarts in
# ${SUPERVISION_DIR}/<id>.state (from RuntimeLayout, declared by load_orgs and
# load_chaincodes). The pid file names the supervisor.
# Usage: start_process ID COMMAND [ARGS...]   (environment is inherited)
start_process() {
  local id="$1" pid; shift
  [[ -n "${SUPERVISION_DIR:-}" ]] || die "start_process: SUPERVISION_DIR is not set (load_orgs or load_chaincodes first)"
  if pid="$(node_pid "${id}")"; then
    log "${id} is already running (pid ${pid})"
    return 0
  fi
  mkdir -p "${RUNTIME_DIR}/pids" "${RUNTIME_DIR}/logs"
  # setsid: the supervisor gets its own session, so it outlives the calling
  # shell, and `down` stops it and the node (its child) by process group.
  setsid "${NETWORK_DIR}/lib/supervise.sh" "${id}" "${SUPERVISION_DIR}/${id}.state" "$@" >>"$(log_file "${id}")" 2>&1 < /dev/null &
  pid=$!
  # A process that already exited is recorded by its pid alone: never running.
  { process_identity "${pid}" || echo "${pid}"; } >"$(pid_file "${id}").new"
  mv -f "$(pid_file "${id}").new" "$(pid_file "${id}")"
  log "started ${id} (pid ${pid}), log: $(log_file "${id}")"
}

# Stops node <id>: SIGTERM to its process group (the supervisor and the node
# alike, so that the supervisor ends instead of restarting it), SIGKILL after
# a grace period.
# Signals nothing unless the pid file names a live process (see node_pid).
stop_process() {
  local id="$1" pid_path recorded pid i
  pid_path="$(pid_file "${id}")"
  if pid="$(node_pid "${id}")"; then
    recorded="$(<"${pid_path}")"
    # The supervisor leads the process group (setsid), so -PID reaches the node too.
    kill -TERM -- "-${pid}" 2>/dev/null || kill -TERM "${pid}" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      is_process "${recorded}" || break
      sleep 0.2
    done
    if is_process "${recorded}"; then
      log "${id} did not stop in 10s; killing it"
      kill -KILL -- "-${pid}" 2>/dev/null || kill -KILL "${pid}" 2>/dev/null || true
    fi
    log "stopped ${id}"
  fi
  rm -f "${pid_path}"
}

# True if something accepts TCP connections on <port> of <host> (127.0.0.1 by default).
port_open() {
  (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null
}

# Runs COMMAND [ARG...] ITEM for every item at once, waits for all, and dies
# with MESSAGE if any run failed (after each failed run printed its own error).
# Work that does not depend on other work runs together: one after another,
# `up` waited on each node's start-up and each chaincode's lifecycle in turn.
# Call it as a plain command, never under `||` or `if`: Bash ignores `set -e`
# in everything such a call runs, so a run would go on past a failing step.
# Usage: run_each MESSAGE COMMAND [ARG...] -- ITEM...
run_each() {
  local message="$1" command=() item pids=() pid failed=0
  shift
  while (($# > 0)) && [[ "$1" != -- ]]; do command+=("$1"); shift; done
  (($# > 0)) || die "run_each: no -- before the items"
  shift
  for item in "$@"; do "${command[@]}" "${item}" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "${pid}" || failed=1; done
  ((failed == 0)) || die "${message}"
}

# Starts every item at once (START ITEM), then waits until each is ready (READY ITEM, at most
# SECONDS each), or dies naming its log (ID ITEM gives the id of the process it starts).
# Usage: start_all_and_wait SECONDS START READY ID -- ITEM...
start_all_and_wait() {
  local seconds="$1" start="$2" ready="$3" id="$4" item
  shift 4
  [[ "${1:-}" == -- ]] || die "start_all_and_wait: no -- before the items"
  shift
  run_each "not all of $* started" "${start}" -- "$@"
  for item in "$@"; do
    wait_until "${seconds}" "${item} to be ready" "${ready}" "${item}" ||
      die "${item} did not start; see $(log_file "$("${id}" "${item}")")"
  done
}

# Waits until a command succeeds, or fails after <seconds>.
# Usage: wait_until SECONDS DESCRIPTION COMMAND [ARGS...]
wait_until() {
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${seconds}s waiting for ${what}"
      return 1
    fi
    sleep 0.5
  done
}
