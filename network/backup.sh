#!/usr/bin/env bash
# Backs up one peer or orderer into a dated folder (.runtime/homes/<org>/backups/<node>/<UTC time>/, from
# RuntimeLayout): the node is stopped, its data folder copied, and the node started again, so the
# copy is consistent (ledger, state, history and private data at one height, or an orderer's
# ledger and consensus WAL). The rest of the network keeps running: the org's other peers and its
# gateway (which falls over to another peer) serve meanwhile. Then manifest.json records the
# channel's height and tip block hash, read from the copied block files by `audit verify-file`,
# the Fabric version, and every file with its size and sha256. Why not the peer's snapshot API:
# README "Backup and restore".
# Usage: network/backup.sh ORG/NODE          e.g. network/backup.sh registry/peer1
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/backup.sh
source "${NETWORK_DIR}/lib/backup.sh"

(($# == 1)) || die "usage: backup.sh ORG/NODE   (e.g. registry/peer1)"
NODE="$1"
load_plan backup-plan "${NODE}"
[[ -d "${BACKUP_DATA_DIR}" ]] || die "NO_DATA: ${NODE} has no data folder ${BACKUP_DATA_DIR}"

# A node that was not running is copied as it is and left stopped.
was_running=false
if is_running "${BACKUP_NODE_ID}"; then was_running=true; fi
restart() { if [[ "${was_running}" == true ]] && ! is_running "${BACKUP_NODE_ID}"; then start_and_wait "${NODE}"; fi; }
# Whatever fails, the node is started again.
trap restart EXIT

started=$(date +%s%N)
stop_process "${BACKUP_NODE_ID}"
stopped=$(date +%s%N)
mkdir -p "${BACKUP_FOLDER}/data"
shopt -s dotglob nullglob
for entry in "${BACKUP_DATA_DIR}"/*; do
  [[ " ${BACKUP_EXCLUDED[*]} " == *" $(basename "${entry}") "* ]] && continue
  cp -a --reflink=auto "${entry}" "${BACKUP_FOLDER}/data/"
done
shopt -u dotglob nullglob
copied=$(date +%s%N)
restart
trap - EXIT
restarted=$(date +%s%N)

chain="$(audit_cli verify-file "${BACKUP_BLOCK_FILES}")" || die "CHAIN_UNSOUND: the copied block files of ${NODE} do not verify: ${chain}"
height="$(jq -er '.height' <<<"${chain}")"
tip="$(jq -er '.currentBlockHash' <<<"${chain}")"
binary=peer; [[ "${BACKUP_KIND}" == orderer ]] && binary=orderer
version="$("${binary}" version | sed -n 's/^ *Version: //p;s/^ *Commit SHA: //p' | paste -sd' ')"
orgs_cli backup-manifest "${BACKUP_FOLDER}" "${NODE}" "${height}" "${tip}" "${version}" >&2
log "backed up ${NODE} at height ${height}: node down $(elapsed_ms "${started}" "${restarted}") ms (copy $(elapsed_ms "${stopped}" "${copied}") ms)"
printf '%s\n' "${BACKUP_FOLDER}"
