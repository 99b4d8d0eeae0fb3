#!/usr/bin/env bash
# Prints each node's health, each peer's height on channel `city`, each
# chaincode server's package, each org's gateway, each node's restarts by its
# supervisor and how its last run ended (lib/supervise.sh), and each org's
# certificate that expires soonest. Exits non-zero if any node is down or
# unhealthy (a node waiting to be restarted is down: "restarting").
#
#   status.sh                                  # the above
#   status.sh --certificates [--org ORG]       # every certificate (of one org), soonest expiry first
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"
# shellcheck source=lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"
usage() { die "usage: status.sh [--certificates [--org ORG]]"; }
certificates=0 org_filter=()
while (($#)); do
  case "$1" in
    --certificates) certificates=1 ;;
    --org) [[ $# -ge 2 ]] || usage; org_filter=("$2"); shift ;;
    *) usage ;;
  esac
  shift
done
if ((certificates)); then
  orgs_cli certificates "${org_filter[@]}"
  exit
fi
((${#org_filter[@]} == 0)) || usage

use_toolchain
load_orgs "$(saved_profile)"
load_chaincodes

# Each supervised node's state and its restarts and last exit, by id.
declare -A SUPERVISED_STATE=() SUPERVISED_SUMMARY=()
while IFS=$'\t' read -r id state _ summary; do
  SUPERVISED_STATE[${id}]="${state}" SUPERVISED_SUMMARY[${id}]="${summary}"
done < <(orgs_cli supervision)

failed=0
# row ID STATE DETAIL: DETAIL followed by the node's supervision summary; a
# node that is down because it waits out its restart delay reads "restarting".
row() {
  local state="$2" detail="$3" summary="${SUPERVISED_SUMMARY[$1]:-}"
  if [[ "${state}" != up ]]; then
    failed=1
    if [[ "${SUPERVISED_STATE[$1]:-}" == waiting ]] && is_running "$1"; then state=restarting; fi
  fi
  printf '%-32s %-10s %s\n' "$1" "${state}" "${detail}${detail:+${summary:+; }}${summary}"
}
printf '%-32s %-10s %s\n' NODE STATE DETAIL
for org in "${LOCAL_ORGS[@]}"; do
  for kind in tlsca ca; do
    if ca_ready "${org}" "${kind}"; then row "${kind}-${org}" up "ready"; else row "${kind}-${org}" down ""; fi
  done
done
for node in "${LOCAL_ORDERERS[@]}" "${LOCAL_PEERS[@]}"; do
  id="$(node_id "${node}")"
  if ! is_running "${id}"; then row "${id}" down ""; continue; fi
  if ! node_healthy "${node}"; then row "${id}" unhealthy "operations :${NODE_OPS_PORT[${node}]}"; continue; fi
  detail="healthy"
  if [[ " ${PEERS[*]} " == *" ${node} "* ]]; then detail+=", height $(peer_height "${node}" || true) on ${CHANNEL_NAME}"; fi
  row "${id}" up "${detail}"
done
# Chaincode hosts: listed once a chaincode is deployed (they need a package ID); up when
# every chaincode they serve listens.
for org in "${LOCAL_ORGS[@]}"; do
  served="$(chaincode_host_serving "${org}")"
  [[ -n "${served}" ]] || continue
  id="$(chaincode_host_id "${org}")"
  detail=""
  while read -r cc package_id; do detail+="${detail:+, }${package_id%%:*} on :$(chaincode_server_port "${org}" "${cc}")"; done <<<"${served}"
  if is_running "${id}" && chaincode_host_listening "${org}"; then row "${id}" up "${detail}"; else row "${id}" down ""; fi
done
for org in "${LOCAL_ORGS[@]}"; do
  id="$(gateway_id "${org}")"
  if is_running "${id}" && gateway_ready "${org}"; then row "${id}" up "$(gateway_url "${org}")"; else row "${id}" down ""; fi
done
echo
echo "Soonest certificate expiry per org (all of them: status.sh --certificates):"
orgs_cli certificates --soonest || failed=1
exit "${failed}"
