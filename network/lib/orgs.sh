#!/usr/bin/env bash
# shellcheck disable=SC2034  # the arrays are read by the scripts that source this file
# Loads the org files (through the CLI, the one YAML reader) into Bash arrays.
# Source after lib/common.sh, then call load_orgs PROFILE.
#
#   ORG_KEYS              registry health ...           (every org)
#   ORG_MSP[org]          RegistryMSP
#   ORG_ROLE[org]         department | regulator
#   ORG_DOMAIN[org]       registry.city.local
#   ORG_CA_PORT[org] ORG_CA_OPS_PORT[org] ORG_TLSCA_PORT[org] ORG_TLSCA_OPS_PORT[org]
#   ORDERERS / PEERS      "org/node" of this profile's consenters and of every peer
#   NODE_PORT[org/node] NODE_PORT2[org/node] NODE_OPS_PORT[org/node] PEER_ANCHOR[org/node]
#     (PORT2 is the admin port of an orderer and the chaincode port of a peer)

declare -a ORG_KEYS=() ORDERERS=() PEERS=() ORDERER_ARGS=()
declare -A ORG_MSP=() ORG_ROLE=() ORG_DOMAIN=() ORG_CA_PORT=() ORG_CA_OPS_PORT=() \
  ORG_TLSCA_PORT=() ORG_TLSCA_OPS_PORT=() ORG_GATEWAY_PORT=() NODE_PORT=() NODE_PORT2=() NODE_OPS_PORT=() PEER_ANCHOR=()

load_orgs() {
  local profile="$1" listing key msp role domain ca caops tlsca tlscaops gateway kind org name p1 p2 ops anchor
  listing="$(orgs_cli orgs)" || die "the org files in ${ORGS_DIR} are not valid"
  while IFS=$'\t' read -r key msp role domain ca caops tlsca tlscaops gateway; do
    ORG_KEYS+=("${key}")
    ORG_MSP[${key}]="${msp}"; ORG_ROLE[${key}]="${role}"; ORG_DOMAIN[${key}]="${domain}"
    ORG_CA_PORT[${key}]="${ca}"; ORG_CA_OPS_PORT[${key}]="${caops}"
    ORG_TLSCA_PORT[${key}]="${tlsca}"; ORG_TLSCA_OPS_PORT[${key}]="${tlscaops}"
    ORG_GATEWAY_PORT[${key}]="${gateway}"
  done <<<"${listing}"
  listing="$(orgs_cli nodes "${profile}")" || die "cannot list the nodes of profile ${profile}"
  while IFS=$'\t' read -r kind org name p1 p2 ops anchor; do
    if [[ "${kind}" == orderer ]]; then ORDERERS+=("${org}/${name}"); else PEERS+=("${org}/${name}"); fi
    NODE_PORT[${org}/${name}]="${p1}"; NODE_PORT2[${org}/${name}]="${p2}"
    NODE_OPS_PORT[${org}/${name}]="${ops}"; PEER_ANCHOR[${org}/${name}]="${anchor}"
  done <<<"${listing}"
}

# The port of an org's CA (kind ca) or TLS CA (kind tlsca): ca_port ORG KIND [ops]
# prints its operations port instead when the third argument is "ops".
ca_port() {
  local org="$1" kind="$2" which="${3:-api}"
  case "${kind}/${which}" in
    ca/api) echo "${ORG_CA_PORT[${org}]}" ;;
    ca/ops) echo "${ORG_CA_OPS_PORT[${org}]}" ;;
    tlsca/api) echo "${ORG_TLSCA_PORT[${org}]}" ;;
    tlsca/ops) echo "${ORG_TLSCA_OPS_PORT[${org}]}" ;;
    *) die "CA kind must be ca or tlsca, got ${kind}" ;;
  esac
}

# The first department's first peer: departments submit config updates and
# commit chaincode definitions (a regulator's clients are not channel Writers).
first_department_peer() {
  local node
  for node in "${PEERS[@]}"; do
    if [[ "${ORG_ROLE[${node%%/*}]}" == department ]]; then echo "${node}"; return; fi
  done
  die "no department peer in the org files"
}

# An org's first peer: where its admin runs the peer CLI.
org_peer() {
  local node
  for node in "${PEERS[@]}"; do
    if [[ "${node%%/*}" == "$1" ]]; then echo "${node}"; return; fi
  done
  die "org $1 declares no peer"
}

# Paths, mirroring network/src/layout.ts (the TypeScript side reads the same tree).
org_dir() { printf '%s/orgs/%s\n' "${RUNTIME_DIR}" "$1"; }
org_msp_dir() { printf '%s/orgs/%s/msp\n' "${RUNTIME_DIR}" "$1"; }
client_dir() { printf '%s/orgs/%s/clients/%s\n' "${RUNTIME_DIR}" "$1" "$2"; }
# node_id org/node -> registry-peer0 ; node_dir org/node -> .runtime/nodes/registry-peer0
node_id() { printf '%s-%s\n' "${1%%/*}" "${1##*/}"; }
node_dir() { printf '%s/nodes/%s\n' "${RUNTIME_DIR}" "$(node_id "$1")"; }
node_host() { printf '%s.%s\n' "${1##*/}" "${ORG_DOMAIN[${1%%/*}]}"; }
tlsca_cert() { printf '%s/orgs/%s/msp/tlscacerts/tlsca.pem\n' "${RUNTIME_DIR}" "$1"; }
channel_dir() { printf '%s/channel\n' "${RUNTIME_DIR}"; }

# The ordering profile this runtime was created with (raft unless `up --bft`).
saved_profile() {
  local file
  file="$(channel_dir)/profile"
  if [[ -f "${file}" ]]; then cat "${file}"; else echo raft; fi
}

# Sets the peer CLI environment to act as an org's admin against one of its peers.
# Usage: as_admin org/peer
as_admin() {
  local org="${1%%/*}"
  export FABRIC_CFG_PATH="${FABRIC_SAMPLE_CONFIG}"
  export CORE_PEER_LOCALMSPID="${ORG_MSP[${org}]}"
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH="$(client_dir "${org}" admin)/msp"
  export CORE_PEER_ADDRESS="127.0.0.1:${NODE_PORT[$1]}"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE
  CORE_PEER_TLS_ROOTCERT_FILE="$(tlsca_cert "${org}")"
}

# Orderer connection flags for peer CLI commands (the first consenter), in
# the array ORDERER_ARGS.
set_orderer_args() {
  local first="${ORDERERS[0]}"
  ORDERER_ARGS=(-o "127.0.0.1:${NODE_PORT[${first}]}" --tls --cafile "$(tlsca_cert "${first%%/*}")")
}
