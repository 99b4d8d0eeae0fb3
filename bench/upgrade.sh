#!/usr/bin/env bash
# Do reads and writes keep working while a chaincode is upgraded, and is no
# acknowledged write lost?
#
# While network/deploy.sh --upgrade commits a new sequence of the chaincode:
#  - a reader queries it (GetMetadata, which its server answers) on Registry's
#    peer0 in a loop, as the Registry admin through the peer CLI;
#  - a writer registers parcels one after another through Registry's gateway
#    (clerk1, synchronous: a 2xx answer means committed), each with its own ID.
# Afterwards every write the gateway acknowledged is read back through the
# gateway; one that is not found is lost. Prints, before, during and after the
# upgrade, how many reads and writes succeeded and failed, their mean and
# slowest, and the lost writes, and writes the same figures to
# .runtime/bench/upgrade.txt. Needs a running network (`npm run up`) whose
# chaincode is `records` for the writes. Bounded: it stops when the upgrade
# ends, plus 5 seconds. Exits 1 if an acknowledged write is lost.
#
# Usage: bench/upgrade.sh [CHAINCODE]   (default: records)
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
reads="${OUT_DIR}/upgrade-reads.samples"
writes="${OUT_DIR}/upgrade-writes.samples"
: >"${reads}"
: >"${writes}"
GATEWAY="https://${GATEWAY_ADDRESS[registry]}"
CA="$(tlsca_cert registry)"
KEY="$(<"${GATEWAY_DIR[registry]}/keys/clerk1.key")"
# The ledger outlives runs: every parcel ID carries this run's suffix.
RUN="$(date +%s)-$$"

# Which phase of the upgrade it is now: before, during or after.
phase_now() {
  if [[ -f "${OUT_DIR}/upgraded" ]]; then echo after
  elif [[ -f "${OUT_DIR}/upgrading" ]]; then echo during
  else echo before; fi
}

# One read: prints "<phase> <ok|fail> <milliseconds>".
read_once() {
  local phase="$1" start end status=ok
  start=$(date +%s%N)
  (as_admin registry/peer0 && peer chaincode query -C "${CHANNEL_NAME}" -n "${CC}" \
    -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' >/dev/null 2>&1) || status=fail
  end=$(date +%s%N)
  printf '%s %s %d\n' "${phase}" "${status}" $(((end - start) / 1000000))
}

# One write: prints "<phase> <ok|fail> <milliseconds> <parcel ID> <HTTP status>".
write_once() {
  local phase="$1" id="$2" start end code status=fail
  start=$(date +%s%N)
  code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 60 --cacert "${CA}" -H "X-Api-Key: ${KEY}" \
    -H 'Content-Type: application/json' \
    -d '{"id":"'"${id}"'","ownerId":"CIT-UPG","location":"Upgrade bench","areaM2":100,"landUse":"RESIDENTIAL","owner":{"name":"Bench","address":"1 Bench Way"}}' \
    "${GATEWAY}/v1/parcels" 2>/dev/null) || code=000
  end=$(date +%s%N)
  [[ "${code}" == 2* ]] && status=ok
  printf '%s %s %d %s %s\n' "${phase}" "${status}" $(((end - start) / 1000000)) "${id}" "${code}"
}

reader() {
  while [[ ! -f "${OUT_DIR}/stop" ]]; do
    read_once "$(phase_now)" >>"${reads}"
    sleep 0.1
  done
}

writer() {
  local n=0
  while [[ ! -f "${OUT_DIR}/stop" ]]; do
    n=$((n + 1))
    write_once "$(phase_now)" "P-UPG-${RUN}-${n}" >>"${writes}"
  done
}

# Prints the acknowledged writes that the gateway cannot find: "<parcel ID> <HTTP status>".
lost_writes() {
  local id code
  awk '$2 == "ok" { print $4 }' "${writes}" | while read -r id; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 30 --cacert "${CA}" -H "X-Api-Key: ${KEY}" \
      "${GATEWAY}/v1/parcels/${id}" 2>/dev/null) || code=000
    [[ "${code}" == 200 ]] || printf '%s %s\n' "${id}" "${code}"
  done
}

rm -f "${OUT_DIR}/stop" "${OUT_DIR}/upgrading" "${OUT_DIR}/upgraded"
reader &
reader_pid=$!
writer &
writer_pid=$!
trap 'touch "${OUT_DIR}/stop"; wait "${reader_pid}" "${writer_pid}" 2>/dev/null || true' EXIT
sleep 3
touch "${OUT_DIR}/upgrading"
started=${SECONDS}
"${NETWORK_DIR}/deploy.sh" --upgrade "${CC}" >"${OUT_DIR}/upgrade-deploy.log" 2>&1
upgrade_seconds=$((SECONDS - started))
touch "${OUT_DIR}/upgraded"
sleep 5
touch "${OUT_DIR}/stop"
wait "${reader_pid}" "${writer_pid}" || true
lost="$(lost_writes)"

{
  echo "upgrade of ${CC} to a new sequence took ${upgrade_seconds}s"
  for kind in reads writes; do
    for phase in before during after; do
      awk -v p="${phase}" -v k="${kind}" '$1 == p { n++; if ($2 == "ok") ok++; else bad++; if ($3 > max) max = $3; sum += $3 }
        END { printf "%-6s %-6s: %d, succeeded: %d, failed: %d, mean %d ms, slowest %d ms\n", p, k, n, ok, bad, n ? sum / n : 0, max }' \
        "${OUT_DIR}/upgrade-${kind}.samples"
    done
  done
  failed="$(awk '$2 == "fail" { print $5 }' "${writes}" | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')"
  echo "failed writes by HTTP status (000: no answer): ${failed:-none}"
  echo "acknowledged writes lost: $(grep -c . <<<"${lost}" || true)${lost:+ (${lost//$'\n'/, })}"
} | tee "${OUT_DIR}/upgrade.txt"
[[ -z "${lost}" ]]
