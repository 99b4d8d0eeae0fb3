#!/usr/bin/env bash
# Shared by backup.sh and restore.sh. Source after lib/orgs.sh: it brings the health checks and
# node starts they use, and the Fabric toolchain.
# shellcheck source=health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=start.sh
source "${NETWORK_DIR}/lib/start.sh"
use_toolchain

# Runs the audit command (audit/src/cli.ts), building it first if needed: `verify-file` reads a
# backup's block files for its height and tip, and checks a backup against its manifest.
audit_cli() {
  local cli="${REPO_DIR}/audit/dist/cli.js"
  if [[ ! -f "${cli}" ]]; then
    (cd "${REPO_DIR}" && npx --no-install tsc -b audit) >&2 || die "cannot build audit/ (run 'npm install' first)"
  fi
  "$(node_bin)" "${cli}" "$@"
}

# Starts node org/node again and waits until it reports healthy.
start_and_wait() {
  start_node "$1"
  wait_until 90 "$1 to report healthy" node_healthy "$1" || die "$1 is not healthy; see $(log_file "$(node_id "$1")")"
}

# Milliseconds between two `date +%s%N` readings.
elapsed_ms() { echo $((($2 - $1) / 1000000)); }

# Loads the org files, then the CLI's plan (`backup-plan ...` or `restore-plan ...`, which declare
# global variables). A refusal (unknown node, missing or foreign backup) is printed by the CLI as
# `error: CODE: ...`, and ends the script.
load_plan() {
  local plan
  load_orgs "$(saved_profile)"
  plan="$(orgs_cli "$@")" || exit 1
  eval "${plan}"
}

# Prints the orderers (org/node) that report themselves Raft leader of the channel now: their
# operations endpoint's consensus_etcdraft_is_leader, read with the org admin's TLS certificate.
raft_leaders() {
  local node org admin metrics
  for node in "${ORDERERS[@]}"; do
    org="${node%%/*}"
    admin="$(client_dir "${org}" admin)"
    # Read whole, then searched: under pipefail, `curl | grep -q` fails when grep stops reading early.
    metrics="$(curl -sf --max-time 3 --cacert "$(tlsca_cert "${org}")" --cert "${admin}/tls/client.crt" --key "${admin}/tls/client.key" \
      "https://${NODE_OPS_ADDRESS[${node}]}/metrics" 2>/dev/null)" || continue
    if [[ "${metrics}" == *"consensus_etcdraft_is_leader{channel=\"${CHANNEL_NAME}\"} 1"* ]]; then echo "${node}"; fi
  done
}

has_raft_leader() { [[ -n "$(raft_leaders)" ]]; }

# A Raft orderer restored from a backup has forgotten log entries it had acknowledged; a leader
# that still counts them as its (etcd raft's Progress.Match) sends it a commit index beyond its
# log, and it panics ("tocommit(N) is out of range"). A leader elected afresh counts nothing, and
# sends it what it lacks. So, while the restored orderer is still stopped, the current leader is
# restarted (the channel orders nothing until the two others elect one, a few seconds).
renew_raft_leader() {
  local leader
  for leader in $(raft_leaders); do
    log "restarting Raft leader ${leader}, so that a new leader learns the restored orderer's log afresh"
    stop_process "$(node_id "${leader}")"
    start_and_wait "${leader}"
  done
  wait_until 90 "a Raft leader of ${CHANNEL_NAME}" has_raft_leader || die "no Raft leader of ${CHANNEL_NAME} after restarting the old one"
}
