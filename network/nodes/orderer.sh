#!/usr/bin/env bash
# Starts one orderer as a native process. It joins channels through the
# channel participation API (no system channel, no bootstrap block).
# Usage: network/nodes/orderer.sh ORG ORDERER   e.g. network/nodes/orderer.sh registry orderer0
#
# Every setting that differs from Fabric's sampleconfig/orderer.yaml is in the
# orderer's generated env file (<node home>/node.env, from network/src/nodeEnvironments.ts).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
use_toolchain

ORG="${1:?usage: orderer.sh ORG ORDERER}"
NODE="${ORG}/${2:?usage: orderer.sh ORG ORDERER}"
load_orgs "$(saved_profile)"
[[ " ${ORDERERS[*]} " == *" ${NODE} "* ]] || die "no orderer ${NODE} in profile $(saved_profile) of the org files"

export FABRIC_CFG_PATH="${FABRIC_SAMPLE_CONFIG}"
export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-info}"
load_env_file "${NODE_ENV_FILE[${NODE}]}"

mkdir -p "$(node_dir "${NODE}")/data"
start_process "$(node_id "${NODE}")" orderer
