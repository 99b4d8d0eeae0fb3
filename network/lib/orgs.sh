#!/usr/bin/env bash
# shellcheck disable=SC2034  # the arrays are read by the scripts that source this file
# Loads the org files and the runtime layout (through the CLI, the one YAML
# reader and the one place that knows the paths: network/src/shellDeclarations.ts)
# into Bash variables, and writes every node's env file. Source after
# lib/common.sh, then call load_orgs PROFILE.
#
#   ORG_KEYS              registry health ...           (every org)
#   ORG_MSP[org]          RegistryMSP
#   ORG_ROLE[org]         department | regulator
#   ORG_DOMAIN[org]       registry.city.local
#   ORG_CA_PORT[org] ORG_CA_OPS_PORT[org] ORG_TLSCA_PORT[org] ORG_TLSCA_OPS_PORT[org] ORG_GATEWAY_PORT[org]
#   ORG_USERS[org]        "clerk1 registrar1" (org-file users); USER_ROLE[org/user]
#   ORDERERS / PEERS      "org/node" of this profile's consenters and of every peer
#   ALL_ORDERERS          every declared orderer, whatever the profile
#   NODE_PORT[org/node] NODE_PORT2[org/node] NODE_OPS_PORT[org/node] PEER_ANCHOR[org/node]
#     (PORT2 is the admin port of an orderer and the chaincode port of a peer)
#   addresses from the org files' hosts (127.0.0.1 unless declared): NODE_ADDRESS[org/node]
#     NODE_ADDRESS2[org/node] NODE_OPS_ADDRESS[org/node] (host:port), NODE_ENDPOINT_HOST[org/node],
#     NODE_TLS_HOSTS[org/node] (its certificate's names), CA_ADDRESS[org/kind] CA_OPS_ADDRESS[org/kind],
#     GATEWAY_ADDRESS[org] GATEWAY_TLS_HOSTS[org]
#   paths: ORG_DIR[org] ORG_MSP_DIR[org] TLSCA_CERT[org] GATEWAY_DIR[org]
#     CA_HOME[org/kind] CLIENT_DIR[org/user] NODE_DIR[org/node], and the env files
#     NODE_ENV_FILE[org/node] CA_ENV_FILE[org/kind] GATEWAY_ENV_FILE[org]
#   SUPERVISION_DIR       the supervisors' state files, <id>.state (lib/supervise.sh)
#   NODE_ID[org/node] NODE_HOST[org/node]  registry-peer0, peer0.registry.city.local
#   PUBLISHED_NODE_DIR[org/node]  the node's public certificates in the exchange
#   PEER_BUILDS_DIR[org/peer]  the peer's chaincode builds (their connection.json holds its TLS certificate)
#   LOCAL_ORGS LOCAL_PEERS LOCAL_ORDERERS  what this runtime acts for (see local_orgs)

declare -a ORDERER_ARGS=() LOCAL_ORGS=() LOCAL_PEERS=() LOCAL_ORDERERS=()

load_orgs() {
  local declarations
  declarations="$(orgs_cli shell "$1")" || die "the org files in ${ORGS_DIR} are not valid"
  eval "${declarations}"
  local_orgs
  generate_runtime_files "$1"
}

# The orgs this runtime acts for, with their nodes: LOCAL_ORGS, LOCAL_PEERS, LOCAL_ORDERERS.
# A department's host ($CITY_LEDGER_DEPARTMENT, network/department.sh) holds its own home
# alone and acts for its own org; single-machine mode holds every home and acts for all.
local_orgs() {
  local node
  if [[ -n "${CITY_LEDGER_DEPARTMENT:-}" ]]; then
    [[ -v "ORG_MSP[${CITY_LEDGER_DEPARTMENT}]" ]] ||
      die "CITY_LEDGER_DEPARTMENT=${CITY_LEDGER_DEPARTMENT} is no org in ${ORGS_DIR} (known: ${ORG_KEYS[*]})"
    LOCAL_ORGS=("${CITY_LEDGER_DEPARTMENT}")
  else
    LOCAL_ORGS=("${ORG_KEYS[@]}")
  fi
  LOCAL_PEERS=() LOCAL_ORDERERS=()
  for node in "${PEERS[@]}"; do
    if is_local_org "${node%%/*}"; then LOCAL_PEERS+=("${node}"); fi
  done
  for node in "${ORDERERS[@]}"; do
    if is_local_org "${node%%/*}"; then LOCAL_ORDERERS+=("${node}"); fi
  done
}

# True if this runtime holds <org>'s home (see local_orgs).
is_local_org() { [[ " ${LOCAL_ORGS[*]} " == *" $1 "* ]]; }

# Dies unless this runtime holds <org>'s home: a department never reads another's keys.
require_local_org() {
  is_local_org "$1" || die "$1's private files are in its own home, not on this host (acting for ${LOCAL_ORGS[*]})"
}

# The first department's first peer: departments submit config updates and
# commit chaincode definitions (a regulator's clients are not channel Writers).
# On a department's host, its own first peer: the only one it has an admin for.
first_department_peer() {
  local node
  if [[ -n "${CITY_LEDGER_DEPARTMENT:-}" ]]; then org_peer "${CITY_LEDGER_DEPARTMENT}"; return; fi
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

# Paths, from network/src/layout.ts (through load_orgs).
org_dir() { printf '%s\n' "${ORG_DIR[$1]}"; }
org_msp_dir() { printf '%s\n' "${ORG_MSP_DIR[$1]}"; }
client_dir() { printf '%s\n' "${CLIENT_DIR[$1/$2]}"; }
# node_id org/node -> registry-peer0 ; node_dir org/node -> .runtime/nodes/registry-peer0
node_id() { printf '%s\n' "${NODE_ID[$1]}"; }
node_dir() { printf '%s\n' "${NODE_DIR[$1]}"; }
node_host() { printf '%s\n' "${NODE_HOST[$1]}"; }
tlsca_cert() { printf '%s\n' "${TLSCA_CERT[$1]}"; }
# Channel artefacts (genesis block, config updates, the saved profile), public: in the
# exchange (RuntimeLayout.channelDir, which network/src/layout.test.ts checks this against).
channel_dir() { printf '%s/channel\n' "${EXCHANGE_DIR}"; }

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
  require_local_org "${org}"
  export FABRIC_CFG_PATH="${FABRIC_SAMPLE_CONFIG}"
  export CORE_PEER_LOCALMSPID="${ORG_MSP[${org}]}"
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH="$(client_dir "${org}" admin)/msp"
  export CORE_PEER_ADDRESS="${NODE_ADDRESS[$1]}"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE
  CORE_PEER_TLS_ROOTCERT_FILE="$(tlsca_cert "${org}")"
}

# Orderer connection flags for peer CLI commands (the first consenter), in
# the array ORDERER_ARGS.
set_orderer_args() {
  local first="${ORDERERS[0]}"
  ORDERER_ARGS=(-o "${NODE_ADDRESS[${first}]}" --tls --cafile "$(tlsca_cert "${first%%/*}")")
}
