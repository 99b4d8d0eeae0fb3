#!/usr/bin/env bash
# One department's own part in founding (or joining) the consortium, run on
# that department's host by its operator. Each step reads only the org's own
# home (<runtime>/homes/<org>/) and the consortium exchange (<runtime>/exchange/,
# a link to the consortium's shared repository or file share), and writes only
# those. README "Running across hosts" gives the order across departments.
#
# Usage: network/department.sh STEP --org ORG [--bft]
#   ca       start the org's CAs and issue its identities (nodes, admin, users)
#   publish  publish its MSP (CA and TLS CA roots) and its nodes' certificates
#   genesis  an ordering department: build the genesis block from the exchange,
#            once every consenter's org has published (--bft: SmartBFT)
#   join     start its orderers and peers and join them to the channel
#   anchor   (Raft) its anchor peers in a config update signed by its own admin;
#            a regulator's waits in the exchange for a department to submit it
#   approve  package each chaincode (the same bytes on every host), start its
#            chaincode servers, install on its peers and approve with its own
#            admin; the department whose approval completes a definition commits it
#   serve    start its gateway (TLS certificate, API keys)
#   admit    a member: propose the channel's orgs as the org files now declare
#            them (an org added or removed), signed with its own admin; the
#            other admins sign on their hosts (network/update.sh sign), then a
#            department submits (network/update.sh submit)
#
# Single-machine mode (network/up.sh) runs the same steps for every org at once.
set -euo pipefail
STEP="${1:-}"
shift || true
ORG="" PROFILE=""
while (($# > 0)); do
  case "$1" in
    --org) ORG="${2:?--org needs an org}"; shift 2 ;;
    --bft) PROFILE=bft; shift ;;
    -h | --help) sed -n '2,26p' "$0"; exit 0 ;;
    *) printf 'error: unknown option %s (try --help)\n' "$1" >&2; exit 2 ;;
  esac
done
[[ -n "${STEP}" && -n "${ORG}" ]] || { sed -n '8,26p' "$0" >&2; exit 2; }
export CITY_LEDGER_DEPARTMENT="${ORG}"
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
# shellcheck source=lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"
# shellcheck source=lib/start.sh
source "${NETWORK_DIR}/lib/start.sh"
# shellcheck source=lib/members.sh
source "${NETWORK_DIR}/lib/members.sh"

use_toolchain
# The ordering profile is the consortium's, fixed in the exchange by the genesis step.
if [[ "${STEP}" == genesis && ! -f "$(channel_dir)/profile" ]]; then
  mkdir -p "$(channel_dir)" && echo "${PROFILE:-raft}" >"$(channel_dir)/profile"
fi
[[ -z "${PROFILE}" || "$(saved_profile)" == "${PROFILE}" ]] || die "the consortium's profile is $(saved_profile), not ${PROFILE}"
load_orgs "$(saved_profile)"

# Dies unless every consenter's org has published its MSP and node certificates.
require_published_consenters() {
  local node
  for node in "${ORDERERS[@]}"; do
    [[ -f "${PUBLISHED_NODE_DIR[${node}]}/tls/server.crt" && -f "$(tlsca_cert "${node%%/*}")" ]] ||
      die "${node%%/*} has not published ${node} yet (network/department.sh publish --org ${node%%/*} on its host)"
  done
}

case "${STEP}" in
  ca)
    start_cas "${ORG}"
    issue_org_crypto "${ORG}"
    ;;
  publish) publish_org "${ORG}" ;;
  genesis)
    ((${#LOCAL_ORDERERS[@]} > 0)) || die "${ORG} runs no consenter of the $(saved_profile) profile: an ordering department builds the genesis block"
    require_published_consenters
    create_genesis_block "$(saved_profile)"
    log "genesis block of ${CHANNEL_NAME} in $(genesis_block)"
    ;;
  join)
    [[ -f "$(genesis_block)" ]] || die "no genesis block in the exchange yet (network/department.sh genesis --org <an ordering department>)"
    start_nodes "${LOCAL_ORDERERS[@]}" "${LOCAL_PEERS[@]}"
    if ((${#LOCAL_ORDERERS[@]} > 0)); then join_orderers; fi
    join_peers
    ;;
  anchor) if [[ "$(saved_profile)" == raft ]]; then set_anchor_peers; fi ;;
  approve) "${NETWORK_DIR}/deploy.sh" ;;
  serve) start_gateways "${ORG}" ;;
  admit) reconcile_channel_orgs ;;
  *) die "unknown step ${STEP} (ca, publish, genesis, join, anchor, approve, serve, admit)" ;;
esac
log "${ORG}: ${STEP} done"
