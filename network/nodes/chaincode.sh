#!/usr/bin/env bash
# Starts one org's server for one chaincode (chaincode as a service): the peer
# dials it over mutual TLS. Usage: network/nodes/chaincode.sh ORG CHAINCODE
#
# Needs the chaincode's package ID (written by network/deploy.sh) and its
# TLS certificate from the org's TLS CA (issued by deploy.sh too).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"

ORG="${1:?usage: chaincode.sh ORG CHAINCODE}"
CC="${2:?usage: chaincode.sh ORG CHAINCODE}"
PORT="$(chaincode_server_port "${ORG}" "${CC}")"
[[ -n "${PORT}" ]] || die "no server port for chaincode ${CC} of org ${ORG}"
PACKAGE_ID="$(<"$(package_id_file "${CC}")")" || die "chaincode ${CC} is not packaged; run network/deploy.sh"
TLS="$(chaincode_server_dir "${ORG}" "${CC}")/tls"

cd "${REPO_DIR}/$(chaincode_path "${CC}")"
start_process "$(chaincode_server_id "${ORG}" "${CC}")" "$(node_bin)" "${REPO_DIR}/node_modules/fabric-shim/cli.js" server \
  --chaincode-address "127.0.0.1:${PORT}" \
  --chaincode-id "${PACKAGE_ID}" \
  --chaincode-tls-cert-file "${TLS}/server.crt" \
  --chaincode-tls-key-file "${TLS}/server.key" \
  --chaincode-tls-client-cacert-file "${TLS}/ca.crt" \
  --module-path "${REPO_DIR}/$(chaincode_path "${CC}")"
