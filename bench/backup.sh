#!/usr/bin/env bash
# How long do a peer's backup and restore take, and how long is the peer down meanwhile?
#
# Backs up one peer (network/backup.sh), restores it from that backup at once
# (network/restore.sh), and waits until it is back at the height of its org's
# other peer. Prints the figures and writes them to .runtime/bench/backup.txt.
# Needs a running network (`npm run up`). The backup stays under
# .runtime/homes/<org>/backups/<node>/.
#
# Usage: bench/backup.sh [ORG/PEER]   (default: registry/peer1)
set -euo pipefail
# shellcheck source=../network/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../network/lib/common.sh"
# shellcheck source=../network/lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../network/lib/backup.sh
source "${NETWORK_DIR}/lib/backup.sh"
load_orgs "$(saved_profile)"
NODE="${1:-registry/peer1}"
OUT_DIR="${RUNTIME_DIR}/bench"
mkdir -p "${OUT_DIR}"
logs="$(mktemp)"
trap 'rm -f "${logs}"' EXIT

# The "node down N ms" a script logged (see backup.sh and restore.sh).
down_ms() { sed -n 's/.*node down \([0-9]*\) ms.*/\1/p' "${logs}" | tail -1; }

# Another peer of the node's org, or any other peer: the height to catch up with.
reference=""
for peer in "${PEERS[@]}"; do
  if [[ "${peer}" != "${NODE}" && ( -z "${reference}" || "${peer%%/*}" == "${NODE%%/*}" ) ]]; then reference="${peer}"; fi
done
caught_up() { local h; h="$(peer_height "${NODE}")"; [[ -n "${h}" && "${h}" == "$(peer_height "${reference}")" ]]; }

started=$(date +%s%N)
folder="$("${NETWORK_DIR}/backup.sh" "${NODE}" 2>"${logs}")" || { cat "${logs}" >&2; exit 1; }
backed_up=$(date +%s%N)
backup_down="$(down_ms)"
height="$(jq -r '.height' "${folder}/manifest.json")"
files="$(jq -r '.files | length' "${folder}/manifest.json")"
bytes="$(jq -r '[.files[].size] | add' "${folder}/manifest.json")"

"${NETWORK_DIR}/restore.sh" "${NODE}" "${folder}" 2>"${logs}" || { cat "${logs}" >&2; exit 1; }
restored=$(date +%s%N)
restore_down="$(down_ms)"
wait_until 300 "${NODE} to reach ${reference}'s height" caught_up || die "${NODE} did not catch up with ${reference}"
synced=$(date +%s%N)

{
  echo "backup and restore of ${NODE} ($(date -u +%FT%TZ)), ledger height ${height}, ${files} files, $((bytes / 1024)) KiB"
  echo "backup:  $(elapsed_ms "${started}" "${backed_up}") ms in all (peer down ${backup_down} ms; the rest is hashing and the manifest)"
  echo "restore: $(elapsed_ms "${backed_up}" "${restored}") ms in all (peer down ${restore_down} ms; the rest is verifying the backup and staging it)"
  echo "back at ${reference}'s height: $(elapsed_ms "${restored}" "${synced}") ms after the restore"
} | tee "${OUT_DIR}/backup.txt"
