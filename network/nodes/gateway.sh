#!/usr/bin/env bash
# Starts one org's HTTPS gateway (gateway-api), the API city systems call.
# Usage: network/nodes/gateway.sh ORG
#
# Issues its TLS certificate and the org-file users' API keys on first start
# (see lib/gateway.sh). A regulator's gateway is read-only (gateway-api
# enforces that from the org file's role). Needs gateway-api built (up.sh does).
# Its settings are in its generated env file (<gateway folder>/node.env).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../lib/crypto.sh
source "${NETWORK_DIR}/lib/crypto.sh"
# shellcheck source=../lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"

ORG="${1:?usage: gateway.sh ORG}"
use_toolchain
load_orgs "$(saved_profile)"
[[ -n "${ORG_MSP[${ORG}]:-}" ]] || die "no org ${ORG} in ${ORGS_DIR}"

issue_gateway_tls "${ORG}"
issue_gateway_api_keys "${ORG}"

export CITY_GATEWAY_LOG_LEVEL="${CITY_GATEWAY_LOG_LEVEL:-info}"
load_env_file "${GATEWAY_ENV_FILE[${ORG}]}"
start_process "$(gateway_id "${ORG}")" "$(node_bin)" "${REPO_DIR}/gateway-api/dist/main.js"
