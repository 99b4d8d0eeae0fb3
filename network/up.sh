#!/usr/bin/env bash
# Brings City Ledger's network from nothing (or from `down`) to healthy:
# CAs, identities, orderers, peers, channel `city`, anchor peers, the
# chaincode (network/deploy.sh) and each org's HTTPS gateway. Waits until
# every node is ready and every peer has the same height.
#
# Usage: network/up.sh [--bft]
#   --bft   SmartBFT ordering with four consenters (the Auditor runs the 4th),
#           channel capability V3_0. Chosen when the runtime is first created.
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
# shellcheck source=lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"
# shellcheck source=lib/start.sh
source "${NETWORK_DIR}/lib/start.sh"

PROFILE=raft
for arg in "$@"; do
  case "${arg}" in
    --bft) PROFILE=bft ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) die "unknown option ${arg} (try --help)" ;;
  esac
done
STARTED=${SECONDS}

"${NETWORK_DIR}/install-fabric.sh"
use_toolchain
for tool in curl jq openssl; do command -v "${tool}" >/dev/null || die "${tool} is required (apt-get install ${tool})"; done

# The profile is fixed when the runtime is created; switching needs `clean`.
mkdir -p "$(channel_dir)"
if [[ -f "$(channel_dir)/profile" && "$(saved_profile)" != "${PROFILE}" ]]; then
  die "this runtime was created with the $(saved_profile) profile; run network/clean.sh to switch to ${PROFILE}"
fi
echo "${PROFILE}" >"$(channel_dir)/profile"
load_orgs "${PROFILE}"

# The founding sequence, each step for every org (network/department.sh runs the same steps
# for one org on its own host).
log "starting CAs"
start_cas "${LOCAL_ORGS[@]}"
issue_orgs_crypto "${LOCAL_ORGS[@]}"
publish_orgs "${LOCAL_ORGS[@]}"

log "starting orderers and peers"
start_nodes "${LOCAL_ORDERERS[@]}" "${LOCAL_PEERS[@]}"

create_genesis_block "${PROFILE}"
join_orderers
join_peers
# BFT channels carry their anchor peers in the genesis block (see network/src/configtx.ts).
if [[ "${PROFILE}" == raft ]]; then set_anchor_peers; fi

if [[ "${PROFILE}" == bft ]]; then catch_up_orderers; fi
log "waiting for every peer to reach the same height"
wait_until 120 "peers to agree on the height of ${CHANNEL_NAME}" peers_in_sync 1 || die "peers disagree on the height of ${CHANNEL_NAME}; run network/status.sh"
# Chaincode: unchanged chaincode only gets its servers started again.
"${NETWORK_DIR}/deploy.sh"

log "starting gateways"
(cd "${REPO_DIR}" && npx --no-install tsc -b gateway-api) >&2 || die "gateway-api does not build"
# The web console each gateway serves under /console/ (console/dist), built again only when its sources changed.
if ! console_built; then
  (cd "${REPO_DIR}" && npm run --silent build -w console >/dev/null) >&2 || die "the console does not build (npm run build -w console)"
fi
# Gossip converges while the gateways start: `up` is done once every peer's
# discovery knows every peer and its chaincodes (see discovery_converged).
wait_until 120 "every peer to discover the channel's peers and chaincodes" discovery_converged &
discovery=$!
start_gateways "${LOCAL_ORGS[@]}"
wait "${discovery}" || log "warning: peers do not agree on the channel's members yet; run network/status.sh"
log "network is up (${PROFILE}) in $((SECONDS - STARTED))s; height $(peer_height "${PEERS[0]}") on ${CHANNEL_NAME}"
for org in "${LOCAL_ORGS[@]}"; do
  log "console of ${org}: https://localhost:${ORG_GATEWAY_PORT[${org}]}/console/"
done
