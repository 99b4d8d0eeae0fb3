#!/usr/bin/env bash
# Starts nodes and waits until they are ready: shared by up.sh (every org) and
# org.sh (one new org). Source after lib/orgs.sh and lib/health.sh.

# Starts the TLS CA and CA of each org given, all at once, then waits until all answer.
start_cas() {
  local org kind cas=()
  for org in "$@"; do cas+=("${org}/tlsca" "${org}/ca"); done
  run_each "a CA did not start" start_ca -- "${cas[@]}"
  for org in "$@"; do
    for kind in tlsca ca; do
      wait_until 60 "${kind} of ${org}" ca_ready "${org}" "${kind}" || die "${kind}-${org} did not start; see $(log_file "${kind}-${org}")"
    done
  done
}

# start_ca org/kind
start_ca() { "${NETWORK_DIR}/nodes/ca.sh" "${1%%/*}" "${1##*/}"; }

# start_node org/node: an orderer or a peer.
start_node() {
  if [[ " ${ORDERERS[*]} " == *" $1 "* ]]; then
    "${NETWORK_DIR}/nodes/orderer.sh" "${1%%/*}" "${1##*/}"
  else
    "${NETWORK_DIR}/nodes/peer.sh" "${1%%/*}" "${1##*/}"
  fi
}

# Starts each orderer and peer given (org/node), all at once, then waits until all report healthy.
start_nodes() { start_all_and_wait 90 start_node node_healthy node_id -- "$@"; }

# Issues the identities of each org given, the orgs at once (each has its own CAs).
issue_orgs_crypto() { run_each "identities could not be issued; see the crypto-<org> logs" issue_org_crypto -- "$@"; }

# Starts each org's gateway, all at once, and waits until each answers.
start_gateways() {
  local org
  run_each "a gateway did not start" "${NETWORK_DIR}/nodes/gateway.sh" -- "$@"
  for org in "$@"; do
    wait_until 60 "the gateway of ${org}" gateway_ready "${org}" ||
      die "the gateway of ${org} did not start; see $(log_file "$(gateway_id "${org}")")"
  done
}
