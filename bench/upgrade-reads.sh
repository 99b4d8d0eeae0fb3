#!/usr/bin/env bash
# Do reads keep working while a chaincode is upgraded?
#
# Queries the chaincode (GetMetadata, which its server answers) on Registry's
# peer0 in a loop, as the Registry admin through the peer CLI, while
# network/deploy.sh --upgrade commits a new sequence of the chaincode. Prints
# how many reads succeeded and failed before, during and after the upgrade,
# and the slowest read, and writes the same figures to
# .runtime/bench/upgrade-reads.txt. Needs a running network
# (`npm run up`). Bounded: it stops when the upgrade ends, plus 5 seconds.
#
# Usage: bench/upgrade-reads.sh [CHAINCODE]   (default: records)
set -euo pipefail
# shellcheck source=../network/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../network/lib/common.sh"
# shellcheck source=../network/lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
use_toolchain
load_orgs "$(saved_profile)"
CC="${1:-records}"
OUT_DIR="${RUNTIME_DIR}/bench"
mkdir -p "${OUT_DIR}"
samples="${OUT_DIR}/upgrade-reads.samples"
: >"${samples}"

# One read: prints "<phase> <ok|fail> <milliseconds>".
read_once() {
  local phase="$1" start end status=ok
  start=$(date +%s%N)
  (as_admin registry/peer0 && peer chaincode query -C "${CHANNEL_NAME}" -n "${CC}" \
    -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' >/dev/null 2>&1) || status=fail
  end=$(date +%s%N)
  printf '%s %s %d\n' "${phase}" "${status}" $(((end - start) / 1000000))
}

reader() {
  local phase
  while [[ ! -f "${OUT_DIR}/stop" ]]; do
    phase=before
    [[ -f "${OUT_DIR}/upgrading" ]] && phase=during
    [[ -f "${OUT_DIR}/upgraded" ]] && phase=after
    read_once "${phase}" >>"${samples}"
    sleep 0.1
  done
}

rm -f "${OUT_DIR}/stop" "${OUT_DIR}/upgrading" "${OUT_DIR}/upgraded"
reader &
reader_pid=$!
trap 'touch "${OUT_DIR}/stop"; wait "${reader_pid}" 2>/dev/null || true' EXIT
sleep 3
touch "${OUT_DIR}/upgrading"
started=${SECONDS}
"${NETWORK_DIR}/deploy.sh" --upgrade "${CC}" >"${OUT_DIR}/upgrade-deploy.log" 2>&1
upgrade_seconds=$((SECONDS - started))
touch "${OUT_DIR}/upgraded"
sleep 5
touch "${OUT_DIR}/stop"
wait "${reader_pid}" || true

{
  echo "upgrade of ${CC} to a new sequence took ${upgrade_seconds}s"
  for phase in before during after; do
    awk -v p="${phase}" '$1 == p { n++; if ($2 == "ok") ok++; else bad++; if ($3 > max) max = $3; sum += $3 }
      END { printf "%-6s reads: %d, succeeded: %d, failed: %d, mean %d ms, slowest %d ms\n", p, n, ok, bad, n ? sum / n : 0, max }' "${samples}"
  done
} | tee "${OUT_DIR}/upgrade-reads.txt"
