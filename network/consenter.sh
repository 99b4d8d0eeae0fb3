#!/usr/bin/env bash
# Adds or removes one Raft consenter (orderer) of channel `city`.
#
# Usage: network/consenter.sh add ORG ORDERER      e.g. add registry orderer1
#        network/consenter.sh remove ORG ORDERER   e.g. remove registry orderer1
#
# The org files stay the source of truth: first declare the orderer in the
# org's file (add), or take it out of the file or drop `raft` from its
# `profiles` (remove); then run this script. It refuses unless the org files
# and the channel differ by exactly that one consenter, and refuses to leave
# fewer than three: Raft orders while a majority of consenters is up, so with
# two a single failure stops ordering, and changing two at once can lose the
# majority in between.
#
# add     issues the orderer's identities, updates the consenter set and the
#         org's orderer endpoints (signed by a majority of the orderer orgs'
#         admins and by the org), starts the orderer and joins it through the
#         channel participation API with the latest config block.
# remove  updates the consenter set the same way, then stops the orderer.
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
# shellcheck source=lib/start.sh
source "${NETWORK_DIR}/lib/start.sh"

usage() { sed -n '2,20p' "$0"; exit "${1:-0}"; }
[[ "${1:-}" == -h || "${1:-}" == --help ]] && usage
[[ $# == 3 && ( "$1" == add || "$1" == remove ) ]] || usage 2
ACTION="$1" ORG="$2" NODE="$2/$3"
use_toolchain
[[ "$(saved_profile)" == raft ]] || die "consenters can be changed on the Raft profile only"
load_orgs raft
[[ -n "${ORG_MSP[${ORG}]:-}" ]] || die "no org ${ORG} in ${ORGS_DIR}"
declared=0
if [[ " ${ORDERERS[*]} " == *" ${NODE} "* ]]; then declared=1; fi

if [[ "${ACTION}" == add ]]; then
  ((declared)) || die "declare ${NODE##*/} in ${ORGS_DIR}/${ORG}.yaml (with the raft profile) first"
  start_cas "${ORG}"
  if [[ ! -f "$(node_dir "${NODE}")/tls/server.crt" ]]; then issue_node "${NODE}" orderer; fi
  publish_org "${ORG}"
  reconcile_consenters "${ORG}"
  start_nodes "${NODE}"
  if ! orderer_active "${NODE}"; then
    work="$(channel_dir)/consenter-join"
    fetch_config_json "$(first_department_peer)" "${work}"
    log "joining orderer ${NODE} to ${CHANNEL_NAME} with the latest config block"
    osnadmin_as_admin "${NODE}" channel join --channelID "${CHANNEL_NAME}" --config-block "${work}/config.pb" 2>&1 |
      tee -a "$(log_file channel)" | grep -q '^Status: 201' || die "orderer ${NODE} could not join; see $(log_file channel)"
  fi
  wait_until 180 "${NODE} to catch up as a consenter" orderer_active "${NODE}" || die "${NODE} did not become an active consenter; see $(log_file "$(node_id "${NODE}")")"
  log "${NODE} is a consenter of ${CHANNEL_NAME}"
else
  ((!declared)) || die "${NODE} is still declared for raft in ${ORGS_DIR}/${ORG}.yaml: remove it (or its raft profile) first"
  reconcile_consenters "${ORG}"
  stop_process "$(node_id "${NODE}")"
  log "${NODE} is no longer a consenter of ${CHANNEL_NAME}"
fi
