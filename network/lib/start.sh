#!/usr/bin/env bash
# Starts nodes and waits until they are ready: shared by up.sh (every org) and
# org.sh (one new org). Source after lib/orgs.sh and lib/health.sh.

# Starts the TLS CA and CA of each org given, then waits until all answer.
start_cas() {
  local org kind
  for org in "$@"; do
    "${NETWORK_DIR}/nodes/ca.sh" "${org}" tlsca
    "${NETWORK_DIR}/nodes/ca.sh" "${org}" ca
  done
  for org in "$@"; do
    for kind in tlsca ca; do
      wait_until 60 "${kind} of ${org}" ca_ready "${org}" "${kind}" || die "${kind}-${org} did not start; see $(log_file "${kind}-${org}")"
    done
  done
}

# Starts each orderer and peer given (org/node), then waits until all report healthy.
start_nodes() {
  local node
  for node in "$@"; do
    if [[ " ${ORDERERS[*]} " == *" ${node} "* ]]; then
      "${NETWORK_DIR}/nodes/orderer.sh" "${node%%/*}" "${node##*/}"
    else
      "${NETWORK_DIR}/nodes/peer.sh" "${node%%/*}" "${node##*/}"
    fi
  done
  for node in "$@"; do
    wait_until 90 "${node} to report healthy" node_healthy "${node}" ||
      die "${node} is not healthy; see $(log_file "$(node_id "${node}")")"
  done
}
