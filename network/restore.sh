#!/usr/bin/env bash
# Restores one peer or orderer from a backup folder made by backup.sh. It first checks the folder
# is this node's backup and verifies it (`audit verify-file`: every file's sha256 in the manifest,
# and the block files' hash chain up to the recorded tip); a missing, foreign or tampered backup is
# refused with a clear error and nothing is changed. Then it stages the copy beside the data
# folder while the node still runs, stops the node, swaps the copy in, starts the node; the node
# then pulls the blocks ordered since the backup (and a peer the private data they carry, from
# its org's other peers), up to the same tip as the others.
# Usage: network/restore.sh ORG/NODE BACKUP_FOLDER
#   e.g. network/restore.sh registry/peer1 .runtime/homes/registry/backups/registry-peer1/20261130T235901Z
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/backup.sh
source "${NETWORK_DIR}/lib/backup.sh"

(($# == 2)) || die "usage: restore.sh ORG/NODE BACKUP_FOLDER"
NODE="$1"
FOLDER="$2"
load_plan restore-plan "${NODE}" "${FOLDER}"

if ! report="$(audit_cli verify-file "${FOLDER}")"; then
  problems="$(jq -r '[.problems[]? | "\(.code) \(.path // .detail // "")"] + (if .chain.ok == false then ["chain: \(.chain.firstBadBlock.check) at block \(.chain.firstBadBlock.block)"] else [] end) | join("; ")' <<<"${report}" 2>/dev/null || true)"
  die "BACKUP_TAMPERED: ${FOLDER} does not match its manifest, nothing was changed: ${problems:-${report}}"
fi

started=$(date +%s%N)
rm -rf "${RESTORE_STAGING_DIR}" "${RESTORE_REPLACED_DIR}"
cp -a --reflink=auto "${RESTORE_SOURCE}" "${RESTORE_STAGING_DIR}"
staged=$(date +%s%N)
stop_process "${RESTORE_NODE_ID}"
if [[ -d "${RESTORE_DATA_DIR}" ]]; then mv "${RESTORE_DATA_DIR}" "${RESTORE_REPLACED_DIR}"; fi
mv "${RESTORE_STAGING_DIR}" "${RESTORE_DATA_DIR}"
if [[ "${RESTORE_KIND}" == orderer && "$(saved_profile)" == raft ]]; then renew_raft_leader; fi
start_and_wait "${NODE}"
restarted=$(date +%s%N)
rm -rf "${RESTORE_REPLACED_DIR}"
log "restored ${NODE} to height ${RESTORE_HEIGHT} (${RESTORE_KIND}): staged in $(elapsed_ms "${started}" "${staged}") ms, node down $(elapsed_ms "${staged}" "${restarted}") ms; it now catches up with the channel"
