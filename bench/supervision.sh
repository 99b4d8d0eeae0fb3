#!/usr/bin/env bash
# How long a crashed node is gone: SIGKILLs the node process itself (not its
# supervisor, network/lib/supervise.sh) of Registry's peer0, its `records`
# chaincode host (all its chaincodes) and its gateway, one after another, and times each from
# the kill until it answers again (the peer's /healthz, the server's port, the
# gateway's /healthz). The supervisor's first restart waits 1 s of that.
# Prints the figures and writes them to .runtime/bench/supervision.txt. Needs
# a running network (`npm run up`); leaves every node running.
#
# Usage: bench/supervision.sh
set -euo pipefail
# shellcheck source=../network/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../network/lib/common.sh"
# shellcheck source=../network/lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../network/lib/health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=../network/lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"
# shellcheck source=../network/lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"
use_toolchain
load_orgs "$(saved_profile)"
load_chaincodes
OUT="${RUNTIME_DIR}/bench/supervision.txt"
mkdir -p "$(dirname "${OUT}")"

# The pid of node ID's own process, as its supervisor recorded it (0 while it waits).
supervised_pid() {
  local id state pid _
  while IFS=$'\t' read -r id state pid _; do
    if [[ "${id}" == "$1" && "${state}" == running ]]; then printf '%s\n' "${pid}"; return; fi
  done < <(orgs_cli supervision)
  return 1
}

# Usage: time_crash ID READY_COMMAND [ARGS...]: prints "ID SECONDS".
time_crash() {
  local id="$1" pid start
  shift
  pid="$(supervised_pid "${id}")" || die "${id} is not running under its supervisor"
  start="$(date +%s%N)"
  kill -KILL "${pid}"
  # Gone first: a port or /healthz may answer for a moment after the kill.
  wait_until 10 "${id} to die" eval "! kill -0 ${pid} 2>/dev/null"
  wait_until 180 "${id} to answer again" "$@" || die "${id} did not come back; see $(log_file "${id}")"
  printf '%s %s\n' "${id}" "$(awk -v ns="$(($(date +%s%N) - start))" 'BEGIN { printf "%.1f", ns / 1e9 }')"
}

{
  printf '# seconds from SIGKILL of the node process until it answers again (%s, load %s)\n' "$(date -Iseconds)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  time_crash "$(node_id registry/peer0)" node_healthy registry/peer0
  time_crash "$(chaincode_host_id registry)" chaincode_host_listening registry
  time_crash "$(gateway_id registry)" gateway_ready registry
} | tee "${OUT}"
