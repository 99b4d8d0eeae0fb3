#!/usr/bin/env bash
# Readiness checks shared by up.sh and status.sh. Source after lib/orgs.sh.

# A peer or orderer is healthy when its operations endpoint answers /healthz with 200.
node_healthy() {
  local node="$1"
  curl -sf -o /dev/null --max-time 3 --cacert "$(tlsca_cert "${node%%/*}")" \
    "https://${NODE_OPS_ADDRESS[${node}]}/healthz"
}

# A CA is ready when it answers /cainfo, and its operations endpoint /healthz,
# over TLS with a certificate from its own root.
ca_ready() {
  local org="$1" kind="$2" root
  root="${CA_CERT[${org}/${kind}]}"
  [[ -f "${root}" ]] &&
    curl -sf -o /dev/null --max-time 3 --cacert "${root}" "https://${CA_ADDRESS[${org}/${kind}]}/cainfo" &&
    curl -sf -o /dev/null --max-time 3 --cacert "${root}" "https://${CA_OPS_ADDRESS[${org}/${kind}]}/healthz"
}

# Prints a peer's block height on the channel, or nothing if it cannot say.
peer_height() {
  (
    as_admin "$1"
    peer channel getinfo -c "${CHANNEL_NAME}" 2>/dev/null |
      sed -n 's/^Blockchain info: //p' | grep -o '"height":[0-9]*' | cut -d: -f2
  )
}

# True once every peer this runtime acts for reports the same height, at least <min>.
peers_in_sync() {
  local min="$1" node h first=""
  for node in "${LOCAL_PEERS[@]}"; do
    h="$(peer_height "${node}")"
    [[ -n "${h}" && "${h}" -ge "${min}" ]] || return 1
    if [[ -z "${first}" ]]; then first="${h}"; elif [[ "${h}" != "${first}" ]]; then return 1; fi
  done
}

# Prints what peer <org/peer>'s discovery service knows of the channel: one line
# per peer named in the org files, "ENDPOINT CHAINCODE,...", sorted. Peers
# outside the org files (a department a test added and removed) are left out.
discovered_peers() {
  local org="${1%%/*}" msp endpoints=() node
  msp="$(client_dir "${org}" admin)/msp"
  for node in "${PEERS[@]}"; do endpoints+=("${NODE_ADDRESS[${node}]}"); done
  discover --peerTLSCA "$(tlsca_cert "${org}")" --MSP "${ORG_MSP[${org}]}" \
    --userKey "${msp}/keystore/key.pem" --userCert "${msp}/signcerts/cert.pem" \
    peers --channel "${CHANNEL_NAME}" --server "${NODE_ADDRESS[$1]}" 2>/dev/null |
    jq -r --args '.[] | select(.Endpoint | IN($ARGS.positional[])) | "\(.Endpoint) \(.Chaincodes // [] | sort | join(","))"' \
      "${endpoints[@]}" | sort
}

# True once gossip has converged: the discovery service of every peer this
# runtime runs (each asked as its own org's admin) knows every peer of the
# channel, and all agree on the chaincodes each one runs. A gateway
# plans endorsements from its peer's discovery; until then, the first
# transaction needing two departments after a start could fail with "no peer
# combination can satisfy the endorsement policy" (peers learn of other orgs'
# peers through the anchor peers, seconds after they start).
discovery_converged() {
  local node view first=""
  for node in "${LOCAL_PEERS[@]}"; do
    view="$(discovered_peers "${node}")" || return 1
    [[ -n "${view}" && "$(wc -l <<<"${view}")" -eq "${#PEERS[@]}" ]] || return 1
    if [[ -z "${first}" ]]; then first="${view}"; elif [[ "${view}" != "${first}" ]]; then return 1; fi
  done
}

# True once an orderer reports the channel active, as a consenter (needs lib/channel.sh).
orderer_active() {
  osnadmin_as_admin "$1" channel list --channelID "${CHANNEL_NAME}" 2>/dev/null |
    sed -n '/^{/,$p' | jq -e '.status == "active" and .consensusRelation == "consenter"' >/dev/null
}

# True once a peer's height is at least <height> (a restarted peer has caught up).
peer_reached() {
  local h
  h="$(peer_height "$1")"
  [[ -n "${h}" && "${h}" -ge "$2" ]]
}

# The highest height any running peer reports, 0 if none can say.
highest_peer_height() {
  local node h max=0
  for node in "${PEERS[@]}"; do
    h="$(peer_height "${node}" || true)"
    if [[ -n "${h}" ]] && ((h > max)); then max="${h}"; fi
  done
  echo "${max}"
}

# True once an orderer is an active consenter at height <height> or more (needs lib/channel.sh).
orderer_reached() {
  local h
  orderer_active "$1" && h="$(orderer_height "$1")" && [[ -n "${h}" && "${h}" -ge "$2" ]]
}

# Prints a gauge an orderer's operations endpoint reports for the channel (read with its org's
# monitoring client certificate), or fails if it cannot say.
orderer_channel_gauge() {
  local node="$1" name="$2" tls metrics
  tls="${MONITORING_DIR[${node%%/*}]}/tls"
  # Read whole, then searched: under pipefail, `curl | grep -q` fails when grep stops reading early.
  metrics="$(curl -sf --max-time 3 --cacert "$(tlsca_cert "${node%%/*}")" --cert "${tls}/client.crt" --key "${tls}/client.key" \
    "https://${NODE_OPS_ADDRESS[${node}]}/metrics" 2>/dev/null)" || return 1
  sed -n "s/^${name}{channel=\"${CHANNEL_NAME}\"} //p" <<<"${metrics}" | grep .
}

# True once every Raft consenter counts every consenter active (what its leader's heartbeats
# tell it). An orderer checks a consenter update against that count, and refuses one that could
# lose quorum ("0 out of 3 nodes are alive") until it has heard from a leader since its start.
raft_all_active() {
  local node n
  for node in "${ORDERERS[@]}"; do
    n="$(orderer_channel_gauge "${node}" consensus_etcdraft_active_nodes)" || return 1
    [[ "${n}" == "${#ORDERERS[@]}" ]] || return 1
  done
}
