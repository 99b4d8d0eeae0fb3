#!/usr/bin/env bash
# How long `renew` takes: renews every certificate of each org (threshold
# 36500d) one org after another, then every org at once (as departments
# renewing on their own hosts would), and times each org's renew. Prints the
# figures and writes them to .runtime/bench/renew.txt. Needs a running
# network (`npm run up`); leaves every node running, with new certificates
# of the lifetime its CAs sign.
#
# Usage: bench/renew.sh
set -euo pipefail
# shellcheck source=../network/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../network/lib/common.sh"
# shellcheck source=../network/lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
load_orgs "$(saved_profile)"
OUT="${RUNTIME_DIR}/bench/renew.txt"
mkdir -p "$(dirname "${OUT}")"

# Usage: time_renew ORG: prints "ORG SECONDS"; dies if renew fails.
time_renew() {
  local start
  start="$(date +%s%N)"
  bash "${NETWORK_DIR}/renew.sh" --org "$1" --within 36500d >>"$(log_file bench-renew)" 2>&1 ||
    die "renew --org $1 failed; see $(log_file bench-renew)"
  printf '%s %s\n' "$1" "$(awk -v ns="$(($(date +%s%N) - start))" 'BEGIN { printf "%.1f", ns / 1e9 }')"
}

{
  printf '# seconds to renew every certificate of an org (%s, load %s)\n' "$(date -Iseconds)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '# one org after another\n'
  for org in "${ORG_KEYS[@]}"; do time_renew "${org}"; done
  printf '# every org at once\n'
  start="$(date +%s%N)"
  run_each "an org's renew failed; see $(log_file bench-renew)" time_renew -- "${ORG_KEYS[@]}"
  printf 'all %s\n' "$(awk -v ns="$(($(date +%s%N) - start))" 'BEGIN { printf "%.1f", ns / 1e9 }')"
} | tee "${OUT}"
