#!/usr/bin/env bash
# How long does a new peer take to join `city`: replaying from the genesis
# block, against joining from a ledger snapshot (network/snapshot.sh)?
#
# 1. Makes the chain at least BENCH_JOIN_BLOCKS blocks high (default 3000) on
#    the running network: the ordering service's BatchSize.MaxMessageCount is
#    set to 1 for the run (a config update proposed, signed by each orderer
#    org's admin and submitted through network/update.sh; set back at the end),
#    so that each transaction is a block of its own, and BENCH_JOIN_WORKERS
#    (default 4) loops invoke logistics' GetMetadata as the Registry admin
#    (a valid transaction that writes nothing: logistics' policy is any one
#    department), not waiting for each commit.
# 2. Two peers of Registry, declared in a copy of the org files only
#    (registry/peer8 and registry/peer9), join: peer8 from the genesis block,
#    then peer9 from a snapshot of registry/peer0. Each is timed until it has
#    the same height and last block hash as registry/peer0: the snapshot's
#    figure is taking it (request, write, copy to the exchange) plus joining.
# 3. Stops both and removes their folders: the network is as before, higher.
#
# Figures go to stdout and .runtime/bench/join.json. Needs a running network
# (`npm run up`); takes a few minutes per thousand blocks on a busy machine.
#
# Usage: bench/join.sh      (npm run bench:join)
set -euo pipefail
# shellcheck source=../network/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../network/lib/common.sh"

BLOCKS="${BENCH_JOIN_BLOCKS:-3000}"
WORKERS="${BENCH_JOIN_WORKERS:-4}"
OUT_DIR="${RUNTIME_DIR}/bench"
NEW_PEERS=(registry/peer8 registry/peer9)

# The copy of the org files that declares the two new peers (the real ones are never changed).
ORGS_COPY="$(mktemp -d)"
trap 'rm -rf "${ORGS_COPY}"' EXIT
cp "${ORGS_DIR}"/*.yaml "${ORGS_COPY}/"
awk '{ print } /^peers:$/ {
  print "  - name: peer8\n    port: 7851\n    chaincodePort: 7852\n    operationsPort: 17851\n    anchor: false"
  print "  - name: peer9\n    port: 7951\n    chaincodePort: 7952\n    operationsPort: 17951\n    anchor: false"
}' "${ORGS_DIR}/registry.yaml" >"${ORGS_COPY}/registry.yaml"
export CITY_LEDGER_ORGS="${ORGS_COPY}"
ORGS_DIR="${ORGS_COPY}"

# shellcheck source=../network/lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=../network/lib/health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=../network/lib/crypto.sh
source "${NETWORK_DIR}/lib/crypto.sh"
# shellcheck source=../network/lib/channel.sh
source "${NETWORK_DIR}/lib/channel.sh"
# shellcheck source=../network/lib/start.sh
source "${NETWORK_DIR}/lib/start.sh"
# shellcheck source=../network/lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"
# shellcheck source=../network/lib/snapshot.sh
source "${NETWORK_DIR}/lib/snapshot.sh"
use_toolchain
load_orgs "$(saved_profile)"
REFERENCE=registry/peer0
mkdir -p "${OUT_DIR}"

# Sets the ordering service's MaxMessageCount, signed by every orderer org's admin.
set_max_message_count() {
  local count="$1" proposed id org orderer_orgs=()
  for org in "${ORG_KEYS[@]}"; do
    [[ " ${ORDERERS[*]} " == *" ${org}/"* ]] && orderer_orgs+=("${org}")
  done
  proposed="$(bash "${NETWORK_DIR}/update.sh" propose --org "${orderer_orgs[0]}" "bench: MaxMessageCount ${count}" \
    ".channel_group.groups.Orderer.values.BatchSize.value.max_message_count = ${count}" 2>&1)" ||
    die "cannot propose MaxMessageCount ${count}: ${proposed}"
  id="${proposed%%$'\n'*}"
  for org in "${orderer_orgs[@]}"; do bash "${NETWORK_DIR}/update.sh" sign --org "${org}" "${id}" >/dev/null; done
  bash "${NETWORK_DIR}/update.sh" submit --org "${orderer_orgs[0]}" "${id}" >/dev/null
  log "MaxMessageCount is ${count}"
}

# One loop of invocations, each a block (with MaxMessageCount 1).
invoke_loop() {
  local n="$1" i
  set_orderer_args
  for ((i = 0; i < n; i++)); do
    (as_admin "${REFERENCE}" && peer chaincode invoke -C "${CHANNEL_NAME}" -n logistics "${ORDERER_ARGS[@]}" \
      --peerAddresses "${NODE_ADDRESS[${REFERENCE}]}" --tlsRootCertFiles "$(tlsca_cert registry)" \
      -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}') >/dev/null 2>&1 || true
  done
}

make_blocks() {
  local height missing worker pids=()
  height="$(peer_height "${REFERENCE}")"
  while ((height < BLOCKS)); do
    missing=$((BLOCKS - height))
    log "height ${height}: ${missing} blocks to go"
    pids=()
    for ((worker = 0; worker < WORKERS; worker++)); do invoke_loop $(((missing + WORKERS - 1) / WORKERS)) & pids+=($!); done
    wait "${pids[@]}"
    sleep 2
    height="$(peer_height "${REFERENCE}")"
  done
}

# Stops the new peers and empties their folders but for their env file (load_orgs wrote it).
remove_new_peers() {
  local node
  for node in "${NEW_PEERS[@]}"; do
    stop_process "$(node_id "${node}")"
    find "$(node_dir "${node}")" -mindepth 1 -maxdepth 1 ! -name node.env -exec rm -rf {} + 2>/dev/null || true
  done
}

# Seconds, with milliseconds, since a `date +%s%N` stamp.
seconds_since() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

# MaxMessageCount goes back to 100 whatever happens, once it was changed.
BATCH_CHANGED=0
restore() {
  if ((BATCH_CHANGED)); then (set_max_message_count 100) || true; fi
  remove_new_peers
  for node in "${NEW_PEERS[@]}"; do rm -rf "$(node_dir "${node}")"; done
  rm -rf "${ORGS_COPY}"
}
# Fresh peers: a run that was killed may have left them behind.
remove_new_peers
trap restore EXIT
if (($(peer_height "${REFERENCE}") < BLOCKS)); then
  BATCH_CHANGED=1
  set_max_message_count 1
  make_blocks
  set_max_message_count 100
  BATCH_CHANGED=0
fi
height="$(peer_height "${REFERENCE}")"

for node in "${NEW_PEERS[@]}"; do issue_peer_if_new "${node}"; done
start_nodes "${NEW_PEERS[@]}"

log "registry/peer8 joins from the genesis block at height ${height}"
started="$(date +%s%N)"
join_peer registry/peer8
wait_until 3600 "registry/peer8 to catch up" same_tip registry/peer8 "${REFERENCE}" || die "registry/peer8 did not catch up"
genesis_seconds="$(seconds_since "${started}")"
stop_process "$(node_id registry/peer8)"

log "registry/peer9 joins from a snapshot of ${REFERENCE}"
# Timed from the request: a snapshot an earlier run left at this height would be reused.
last_block=$((height - 1))
rm -rf "$(completed_snapshots_dir "${REFERENCE}")/${last_block:?}" "$(exchange_snapshot_dir "${last_block}")"
started="$(date +%s%N)"
snapshot="$(take_snapshot "${REFERENCE}")"
snapshot_taken_seconds="$(seconds_since "${started}")"
join_from_snapshot registry/peer9 "${snapshot}"
snapshot_seconds="$(seconds_since "${started}")"

jq -n --argjson height "${height}" --argjson genesis "${genesis_seconds}" --argjson snapshot "${snapshot_seconds}" \
  --argjson taken "${snapshot_taken_seconds}" --arg size "$(du -sh "${snapshot}/ledger" | cut -f1)" \
  --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --arg at "$(date -u +%FT%TZ)" \
  '{height: $height, joinFromGenesisSeconds: $genesis, joinBySnapshotSeconds: $snapshot,
    ofWhichTakingTheSnapshotSeconds: $taken, snapshotSize: $size, loadAverage: $load, measuredAt: $at}' |
  tee "${OUT_DIR}/join.json"
