#!/usr/bin/env bash
# Starts one peer as a native process.
# Usage: network/nodes/peer.sh ORG PEER      e.g. network/nodes/peer.sh registry peer0
#
# Every setting that differs from Fabric's sampleconfig/core.yaml is set here,
# explicitly, as an environment variable.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
use_toolchain

ORG="${1:?usage: peer.sh ORG PEER}"
NODE="${ORG}/${2:?usage: peer.sh ORG PEER}"
load_orgs "$(saved_profile)"
[[ -n "${NODE_PORT[${NODE}]:-}" ]] || die "no peer ${NODE} in the org files"
DIR="$(node_dir "${NODE}")"

# Gossip bootstraps from the org's anchor peer (or itself if it is the anchor).
BOOTSTRAP="${NODE}"
for other in "${PEERS[@]}"; do
  if [[ "${other%%/*}" == "${ORG}" && "${PEER_ANCHOR[${other}]}" == 1 ]]; then BOOTSTRAP="${other}"; fi
done

export FABRIC_CFG_PATH="${FABRIC_SAMPLE_CONFIG}"
export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-info}"
# Identity
CORE_PEER_ID="$(node_host "${NODE}")"
export CORE_PEER_ID
export CORE_PEER_LOCALMSPID="${ORG_MSP[${ORG}]}"
export CORE_PEER_MSPCONFIGPATH="${DIR}/msp"
# Endpoints: all on loopback, each node on its own ports.
export CORE_PEER_LISTENADDRESS="127.0.0.1:${NODE_PORT[${NODE}]}"
export CORE_PEER_ADDRESS="127.0.0.1:${NODE_PORT[${NODE}]}"
export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:${NODE_PORT2[${NODE}]}"
export CORE_PEER_CHAINCODEADDRESS="127.0.0.1:${NODE_PORT2[${NODE}]}"
export CORE_PEER_GOSSIP_ENDPOINT="127.0.0.1:${NODE_PORT[${NODE}]}"
export CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:${NODE_PORT[${NODE}]}"
export CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:${NODE_PORT[${BOOTSTRAP}]}"
export CORE_PEER_GATEWAY_ENABLED=true
# TLS for clients, gossip and other peers.
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_TLS_CERT_FILE="${DIR}/tls/server.crt"
export CORE_PEER_TLS_KEY_FILE="${DIR}/tls/server.key"
export CORE_PEER_TLS_ROOTCERT_FILE="${DIR}/tls/ca.crt"
# Ledger: LevelDB (the embedded default), under the runtime folder.
export CORE_PEER_FILESYSTEMPATH="${DIR}/data"
export CORE_LEDGER_STATE_STATEDATABASE=goleveldb
export CORE_LEDGER_SNAPSHOTS_ROOTDIR="${DIR}/data/snapshots"
# Chaincode runs as a service through the ccaas external builder. (Docker is
# off in the core.yaml that install-fabric.sh prepares.) The builder learns
# where this org's chaincode servers listen, and this peer's TLS material for
# mutual TLS with them, from the two propagated variables.
CITY_LEDGER_CHAINCODE_ADDRESSES="$(orgs_cli chaincode-servers | awk -v org="${ORG}" '$1 == org { printf "%s%s=127.0.0.1:%s", sep, $2, $3; sep = " " }')"
export CITY_LEDGER_CHAINCODE_ADDRESSES
export CITY_LEDGER_PEER_TLS_DIR="${DIR}/tls"
export CORE_CHAINCODE_EXTERNALBUILDERS="[{\"name\":\"ccaas\",\"path\":\"${NETWORK_DIR}/ccaas-builder\",\"propagateEnvironment\":[\"CITY_LEDGER_CHAINCODE_ADDRESSES\",\"CITY_LEDGER_PEER_TLS_DIR\"]}]"
# Operations: /healthz and Prometheus /metrics, over TLS, on their own port.
export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${NODE_OPS_PORT[${NODE}]}"
export CORE_OPERATIONS_TLS_ENABLED=true
export CORE_OPERATIONS_TLS_CERT_FILE="${DIR}/tls/server.crt"
export CORE_OPERATIONS_TLS_KEY_FILE="${DIR}/tls/server.key"
export CORE_OPERATIONS_TLS_CLIENTAUTHREQUIRED=false
export CORE_METRICS_PROVIDER=prometheus

mkdir -p "${CORE_PEER_FILESYSTEMPATH}"
start_process "$(node_id "${NODE}")" peer node start
