#!/usr/bin/env bash
# Stops and starts every node. Ledgers and crypto stay, so the channel comes
# back at the same height.
set -euo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")"
"${dir}/down.sh"
profile_file="${CITY_LEDGER_RUNTIME:-${dir}/../.runtime}/channel/profile"
if [[ -f "${profile_file}" && "$(<"${profile_file}")" == bft ]]; then
  exec "${dir}/up.sh" --bft
fi
exec "${dir}/up.sh"
