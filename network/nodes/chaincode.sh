#!/usr/bin/env bash
# Starts one org's chaincode host (chaincode as a service): one Node process serving every
# chaincode of the org that is packaged, each on its own address with its own package ID, TLS
# certificate and consortium descriptor, which the peers dial over mutual TLS.
# Usage: network/nodes/chaincode.sh ORG
#
# Needs the chaincodes' package IDs and consortium descriptors (written by network/deploy.sh)
# and their TLS certificates from the org's TLS CA (issued by deploy.sh too). Each chaincode's
# settings are in its generated <server home>/server.json; the host's env file is
# <host home>/node.env.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"

ORG="${1:?usage: chaincode.sh ORG}"
load_chaincodes
[[ -n "${CC_HOST_ENV_FILE[${ORG}]:-}" ]] || die "no chaincode host for org ${ORG}"
settings=()
while read -r cc _; do settings+=("${CC_SERVER_SETTINGS_FILE[${ORG}/${cc}]}"); done < <(chaincode_host_serving "${ORG}")
((${#settings[@]} > 0)) || die "no chaincode of ${ORG} is packaged; run network/deploy.sh"
load_env_file "${CC_HOST_ENV_FILE[${ORG}]}"
start_process "$(chaincode_host_id "${ORG}")" "$(node_bin)" "${REPO_DIR}/chaincode/common/dist/host/main.js" "${settings[@]}"
