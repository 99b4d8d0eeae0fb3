#!/usr/bin/env bash
# Starts one peer as a native process.
# Usage: network/nodes/peer.sh ORG PEER      e.g. network/nodes/peer.sh registry peer0
#
# Every setting that differs from Fabric's sampleconfig/core.yaml is in the
# peer's generated env file (<node home>/node.env, from network/src/nodeEnvironments.ts).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
use_toolchain

ORG="${1:?usage: peer.sh ORG PEER}"
NODE="${ORG}/${2:?usage: peer.sh ORG PEER}"
load_orgs "$(saved_profile)"
[[ " ${PEERS[*]} " == *" ${NODE} "* ]] || die "no peer ${NODE} in the org files"

export FABRIC_CFG_PATH="${FABRIC_SAMPLE_CONFIG}"
export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-info}"
load_env_file "${NODE_ENV_FILE[${NODE}]}"

mkdir -p "${CORE_PEER_FILESYSTEMPATH}"
start_process "$(node_id "${NODE}")" peer node start
