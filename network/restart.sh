#!/usr/bin/env bash
# Stops and starts every node, with the ordering profile the runtime was
# created with. Ledgers and crypto stay, so the channel comes back at the same
# height.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
profile="$(saved_profile)"
"${NETWORK_DIR}/down.sh"
if [[ "${profile}" == bft ]]; then exec "${NETWORK_DIR}/up.sh" --bft; fi
exec "${NETWORK_DIR}/up.sh"
