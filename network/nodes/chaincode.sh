#!/usr/bin/env bash
# Starts one org's server for one chaincode (chaincode as a service): the peer
# dials it over mutual TLS. Usage: network/nodes/chaincode.sh ORG CHAINCODE
#
# Needs the chaincode's package ID and consortium descriptor (written by
# network/deploy.sh) and its TLS certificate from the org's TLS CA (issued by
# deploy.sh too). Where it listens, its TLS files and its descriptor
# ($CITY_LEDGER_CONSORTIUM) are in its generated env file (<server home>/node.env).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"

ORG="${1:?usage: chaincode.sh ORG CHAINCODE}"
CC="${2:?usage: chaincode.sh ORG CHAINCODE}"
load_chaincodes
[[ -n "${CC_SERVER_ENV_FILE[${ORG}/${CC}]:-}" ]] || die "no server for chaincode ${CC} of org ${ORG}"
PACKAGE_ID="$(<"$(package_id_file "${CC}")")" || die "chaincode ${CC} is not packaged; run network/deploy.sh"
load_env_file "${CC_SERVER_ENV_FILE[${ORG}/${CC}]}"

cd "${CHAINCODE_MODULE_PATH}"
[[ -f "${CITY_LEDGER_CONSORTIUM}" ]] || die "no consortium descriptor for ${CC}; run network/deploy.sh"
start_process "$(chaincode_server_id "${ORG}" "${CC}")" "$(node_bin)" "${REPO_DIR}/node_modules/fabric-shim/cli.js" server \
  --chaincode-address "${CHAINCODE_SERVER_ADDRESS}" \
  --chaincode-id "${PACKAGE_ID}" \
  --chaincode-tls-cert-file "${CHAINCODE_TLS_CERT_FILE}" \
  --chaincode-tls-key-file "${CHAINCODE_TLS_KEY_FILE}" \
  --chaincode-tls-client-cacert-file "${CHAINCODE_TLS_CLIENT_CACERT_FILE}" \
  --module-path "${CHAINCODE_MODULE_PATH}"
