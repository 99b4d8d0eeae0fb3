#!/usr/bin/env bash
# Stops every process the network scripts started (peers, orderers, CAs,
# chaincode servers). Ledgers, crypto and logs stay; `up` brings them back.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

shopt -s nullglob
pids=("${RUNTIME_DIR}"/pids/*.pid)
# Clients first, then peers and orderers, CAs last.
order() { case "$1" in *-peer*) echo 1 ;; *-orderer*) echo 2 ;; ca-* | tlsca-*) echo 3 ;; *) echo 0 ;; esac; }
for rank in 0 1 2 3; do
  for file in "${pids[@]}"; do
    id="$(basename "${file}" .pid)"
    [[ "$(order "${id}")" == "${rank}" ]] && stop_process "${id}" &
  done
  wait
done
log "network is down; data kept in ${RUNTIME_DIR}"
