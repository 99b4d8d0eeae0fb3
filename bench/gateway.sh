#!/usr/bin/env bash
# What the HTTP gateway costs: runs bench/src/gatewayThroughput.ts against
# Registry's gateway, restarted for the run without its request budgets
# (CITY_GATEWAY_RATE_LIMIT and CITY_GATEWAY_ADDRESS_RATE_LIMIT 0: the bench
# sends thousands of requests a minute as one principal from one address, and
# a 429 would measure the limiter), and restarted as before when it ends, also
# on failure. Needs a running network (`npm run up`) and a build.
#
# Usage: bench/gateway.sh   (settings: see bench/src/gatewayThroughput.ts)
set -euo pipefail
# shellcheck source=../network/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../network/lib/common.sh"
# shellcheck source=../network/lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../network/lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"
use_toolchain
load_orgs "$(saved_profile)"
ORG=registry

# Restarts the org's gateway; extra VAR=value arguments go to its environment.
restart_gateway() {
  stop_process "$(gateway_id "${ORG}")"
  env "$@" "${NETWORK_DIR}/nodes/gateway.sh" "${ORG}"
  wait_until 60 "the gateway of ${ORG}" gateway_ready "${ORG}" ||
    die "the gateway of ${ORG} did not start; see $(log_file "$(gateway_id "${ORG}")")"
}

is_running "$(gateway_id "${ORG}")" || die "the gateway of ${ORG} is not running: run npm run up first"
trap 'restart_gateway' EXIT
restart_gateway CITY_GATEWAY_RATE_LIMIT=0 CITY_GATEWAY_ADDRESS_RATE_LIMIT=0
"$(node_bin)" "${REPO_DIR}/bench/dist/gatewayThroughput.js"
