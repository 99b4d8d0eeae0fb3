#!/usr/bin/env bash
# Onboards or offboards a department (or a regulator) on channel `city`.
#
# Usage: network/org.sh add ORG_FILE [--from-snapshot]   e.g. network/org.sh add ~/transit.yaml
#        network/org.sh remove NAME      e.g. network/org.sh remove transit
#
# add     copies ORG_FILE into the org folder (organizations/, or
#         $CITY_LEDGER_ORGS) as <name>.yaml, then: starts the org's CAs and
#         issues its identities; adds it to the channel in a config update that
#         a majority of the member orgs' admins sign, each with its own admin
#         (the policy /Channel/Application/Admins); starts its peers and joins
#         them (--from-snapshot: from a snapshot that a member department's
#         peer takes once the org is on the channel, network/snapshot.sh,
#         instead of replaying from the genesis block); sets its anchor
#         peers; installs and approves the chaincode, and upgrades the
#         definitions whose policy counts departments; starts the org's gateway (network/nodes/gateway.sh).
# remove  takes the org out of the channel in a config update signed the same
#         way, stops its gateway and nodes, moves its org file to <runtime>/exchange/removed-orgs/,
#         and upgrades the definitions that named it.
#
# Both are idempotent: each step checks whether it is done, so a run that
# failed halfway is completed by running the command again.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=lib/crypto.sh
source "${NETWORK_DIR}/lib/crypto.sh"
# shellcheck source=lib/channel.sh
source "${NETWORK_DIR}/lib/channel.sh"
# shellcheck source=lib/members.sh
source "${NETWORK_DIR}/lib/members.sh"
# shellcheck source=lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"
# shellcheck source=lib/start.sh
source "${NETWORK_DIR}/lib/start.sh"
# shellcheck source=lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"
# shellcheck source=lib/snapshot.sh
source "${NETWORK_DIR}/lib/snapshot.sh"

usage() { sed -n '2,22p' "$0"; exit "${1:-0}"; }
REMOVED_DIR="${EXCHANGE_DIR}/removed-orgs"

# Places the org file in the org folder, unless a different file holds its name.
place_org_file() {
  local file="$1" target="$2"
  if [[ -f "${target}" ]]; then
    cmp -s "${file}" "${target}" || die "${target} exists and differs from ${file}: is the name taken by another org?"
    return 0
  fi
  cp "${file}" "${target}"
  # The whole consortium must still validate (unique MSP IDs, domains, ports).
  if ! orgs_cli validate >/dev/null; then
    rm -f "${target}"
    die "${file} does not fit the consortium in ${ORGS_DIR} (see the error above); nothing was changed"
  fi
  log "added ${target}"
}

org_nodes() {
  local node
  for node in "${PEERS[@]}"; do
    if [[ "${node%%/*}" == "$1" ]]; then echo "${node}"; fi
  done
}

# Joins the new org's peers from a fresh snapshot of a member department's peer, taken after
# the config update that added the org, so the snapshot's channel config already names it.
# A peer that cannot (this Fabric build's importer panics on private data of collections that
# do not name the org: README "Join by snapshot") is emptied and left to join_peers, which
# joins it from the genesis block.
join_org_peers_by_snapshot() {
  local org="$1" snapshot node
  shift
  snapshot="$(take_snapshot "$(snapshot_source_for "${org}")")"
  for node in "$@"; do
    if ! (join_by_snapshot "${node}" "${snapshot}"); then
      log "peer ${node} joins from the genesis block instead"
      stop_process "$(node_id "${node}")"
      rm -rf "$(node_dir "${node}")/data"
      start_nodes "${node}"
    fi
  done
}

add_org() {
  local file="$1" from_snapshot="$2" org started=${SECONDS} peers=()
  [[ -f "${file}" ]] || die "no org file ${file}"
  org="$(basename "${file}")"; org="${org%.y*ml}"
  rm -f "${REMOVED_DIR}/${org}.yaml"
  place_org_file "${file}" "${ORGS_DIR}/${org}.yaml"
  load_orgs "$(saved_profile)"
  mapfile -t peers < <(org_nodes "${org}")
  for node in "${ORDERERS[@]}"; do
    [[ "${node%%/*}" != "${org}" ]] || die "${org} declares a consenter: add the org without it, then run network/consenter.sh add"
  done

  log "1. CAs and identities of ${org}"
  start_cas "${org}"
  issue_org_crypto "${org}"
  publish_org "${org}"
  log "2-4. ${ORG_MSP[${org}]} joins ${CHANNEL_NAME} (config update)"
  reconcile_channel_orgs
  log "5. peers of ${org}"
  start_nodes "${peers[@]}"
  if [[ "${from_snapshot}" == 1 ]]; then join_org_peers_by_snapshot "${org}" "${peers[@]}"; fi
  join_peers
  log "6. anchor peers"
  set_anchor_peers
  wait_until 120 "peers to agree on the height of ${CHANNEL_NAME}" peers_in_sync 1 || die "peers disagree on the height of ${CHANNEL_NAME}; run network/status.sh"
  log "7-8. chaincode: install, approve, upgrade the definitions that count departments"
  "${NETWORK_DIR}/deploy.sh"
  log "9. gateway of ${org}: its TLS certificate, API keys and process"
  "${NETWORK_DIR}/nodes/gateway.sh" "${org}"
  wait_until 60 "the gateway of ${org}" gateway_ready "${org}" ||
    die "the gateway of ${org} did not start; see $(log_file "$(gateway_id "${org}")")"
  log "${org} is on ${CHANNEL_NAME} in $((SECONDS - started))s; its gateway is $(gateway_url "${org}")," \
    "its API keys are in $(gateway_dir "${org}")/keys"
}

remove_org() {
  local org="$1" file id started=${SECONDS}
  file="${ORGS_DIR}/${org}.yaml"
  if [[ -f "${file}" ]]; then
    load_orgs "$(saved_profile)"
    for node in "${ORDERERS[@]}"; do
      [[ "${node%%/*}" != "${org}" ]] || die "${org} runs consenter ${node}: remove it first with network/consenter.sh remove"
    done
    mkdir -p "${REMOVED_DIR}"
    mv "${file}" "${REMOVED_DIR}/${org}.yaml"
    if ! orgs_cli validate >/dev/null; then
      mv "${REMOVED_DIR}/${org}.yaml" "${file}"
      die "the consortium would not be valid without ${org}; nothing was changed"
    fi
  elif [[ ! -f "${REMOVED_DIR}/${org}.yaml" ]]; then
    die "no org ${org} in ${ORGS_DIR}"
  fi
  load_orgs "$(saved_profile)"
  log "1. ${org} leaves ${CHANNEL_NAME} (config update)"
  reconcile_channel_orgs
  log "2. stopping the nodes of ${org}"
  for id in "${RUNTIME_DIR}/pids/$(gateway_id "${org}").pid" "${RUNTIME_DIR}"/pids/"${org}"-*.pid "${RUNTIME_DIR}/pids/ca-${org}.pid" "${RUNTIME_DIR}/pids/tlsca-${org}.pid"; do
    if [[ -f "${id}" ]]; then stop_process "$(basename "${id}" .pid)"; fi
  done
  log "3. chaincode: upgrade the definitions that counted ${org}"
  "${NETWORK_DIR}/deploy.sh"
  log "${org} is off ${CHANNEL_NAME} in $((SECONDS - started))s; its org file is in ${REMOVED_DIR}"
}

use_toolchain
case "${1:-}" in
  add)
    if [[ $# == 3 && "$3" == --from-snapshot ]]; then add_org "$2" 1
    elif [[ $# == 2 ]]; then add_org "$2" 0
    else usage 2; fi
    ;;
  remove) [[ $# == 2 ]] || usage 2; remove_org "$2" ;;
  -h | --help) usage ;;
  *) usage 2 ;;
esac
