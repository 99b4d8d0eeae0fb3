#!/usr/bin/env bash
# Builds, packages, installs, approves and commits City Ledger's chaincode on
# channel `city`, and starts each org's chaincode host (one process serving all
# its chaincodes), the chaincodes at once. A run after an interrupted one
# resumes: it installs, approves and commits only what is missing. Run it again after
# changing code, an endorsement policy or a collections config: it upgrades
# through a new sequence. Unchanged chaincode is left alone. A chaincode added
# to chaincode/chaincodes.yaml (or $CITY_LEDGER_CHAINCODES) deploys on a running
# network: load_orgs regenerates each org's chaincode addresses file, which the
# peers' ccaas builder reads at build time, so no peer restarts.
#
# Usage: network/deploy.sh [--upgrade] [CHAINCODE...]
#   (default: all in chaincode/chaincodes.yaml)
#   --upgrade  commit a new sequence even if nothing changed (rehearses an
#              upgrade; see bench/upgrade.sh)
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/crypto.sh
source "${NETWORK_DIR}/lib/crypto.sh"
# shellcheck source=lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"
use_toolchain
load_orgs "$(saved_profile)"
load_chaincodes
STARTED=${SECONDS}

log "building chaincode"
(cd "${REPO_DIR}" && npx --no-install tsc -b "${CC_PATH[@]}") >&2 ||
  die "the chaincode does not build"
FORCE_UPGRADE=0
if [[ "${1:-}" == --upgrade ]]; then FORCE_UPGRADE=1; shift; fi
export FORCE_UPGRADE
targets=("$@")
((${#targets[@]} > 0)) || targets=("${CHAINCODES[@]}")
for cc in "${targets[@]}"; do
  [[ -n "${CC_PATH[${cc}]:-}" ]] || die "unknown chaincode ${cc} (see chaincode/chaincodes.yaml)"
done
run_each "the chaincode servers' TLS certificates could not be issued" issue_chaincode_server_tls "${targets[@]}" -- "${LOCAL_ORGS[@]}"
run_each "not every chaincode could be packaged" package_chaincode -- "${targets[@]}"
# Each org's chaincodes from one process: started once for every chaincode, and restarted
# only if what it serves changed.
start_chaincode_hosts "${LOCAL_ORGS[@]}"
# The chaincodes at once: each has its own definition, so their approvals and
# commits never conflict, and each waits mostly on blocks being cut.
run_each "not every chaincode deployed; run network/deploy.sh again to resume" deploy_chaincode -- "${targets[@]}"
log "chaincode deployed in $((SECONDS - STARTED))s: ${targets[*]}"
