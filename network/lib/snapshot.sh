#!/usr/bin/env bash
# Ledger snapshots of channel `city`: a peer's snapshot taken and offered in the
# consortium exchange, and a new peer joined from one (`peer channel
# joinbysnapshot`) instead of replaying the chain from the genesis block.
# Source after lib/orgs.sh, lib/health.sh, lib/crypto.sh, lib/channel.sh,
# lib/start.sh and lib/chaincode.sh.
#
# In the exchange (RuntimeLayout.snapshotsExchangeDir) each snapshot is
#   <channel>/<last block number>/ledger/         the peer's snapshot files, as written
#   <channel>/<last block number>/snapshot.json   its manifest: channel, height, hashes
# A snapshot holds the public state and only the hashes of private data, so it
# is as public as the blocks: a peer gets the private data its org may hold from
# the other members' peers, by reconciliation.

# Prints "HEIGHT HASH" of a peer's copy of the channel (the hash of its last block, base64).
chain_tip() {
  (as_admin "$1" && peer channel getinfo -c "${CHANNEL_NAME}" 2>/dev/null) |
    sed -n 's/^Blockchain info: //p' | jq -r '"\(.height) \(.currentBlockHash)"' 2>/dev/null
}

# True once two peers report the same height and the same last block hash.
same_tip() {
  local mine theirs
  mine="$(chain_tip "$1")" && theirs="$(chain_tip "$2")" && [[ -n "${mine}" && "${mine}" == "${theirs}" ]]
}

# peer snapshot <subcommand> as the admin of the peer's org, against that peer.
snapshot_cli() {
  local node="$1"; shift
  (as_admin "${node}" && peer snapshot "$@" -c "${CHANNEL_NAME}" --peerAddress "${NODE_ADDRESS[${node}]}" \
    --tlsRootCertFile "$(tlsca_cert "${node%%/*}")")
}

# The peer's own folder of completed snapshots of the channel.
completed_snapshots_dir() { printf '%s/completed/%s\n' "${PEER_SNAPSHOTS_DIR[$1]}" "${CHANNEL_NAME}"; }

# True once the peer has written the whole snapshot at <block> (the metadata files come last).
snapshot_written() {
  [[ -f "$(completed_snapshots_dir "$1")/$2/_snapshot_additional_metadata.json" ]] &&
    ! snapshot_cli "$1" listpending 2>/dev/null | grep -qE "[[ ]$2[] ]"
}

# The exchange folder of a snapshot at <block>.
exchange_snapshot_dir() { printf '%s/%s/%s\n' "${SNAPSHOTS_EXCHANGE_DIR}" "${CHANNEL_NAME}" "$1"; }

# True when every file of a snapshot folder has the SHA-256 its signable metadata lists.
snapshot_files_intact() {
  local dir="$1" file hash
  while read -r file hash; do
    [[ "$(sha256sum "${dir}/${file}" | cut -d' ' -f1)" == "${hash}" ]] || return 1
  done < <(jq -r '.snapshot_files_raw_hashes | to_entries[] | "\(.key) \(.value)"' "${dir}/_snapshot_signable_metadata.json")
}

# Takes a snapshot of the channel on <org/peer> at its last committed block (block number 0
# asks for that: on an idle channel no next block may come), waits until the peer has written
# it, copies it into the exchange with a manifest, and prints the exchange folder.
take_snapshot() {
  local node="$1" height block out source target staged
  is_running "$(node_id "${node}")" || die "peer ${node} is not running"
  height="$(chain_tip "${node}")"; height="${height%% *}"
  [[ -n "${height}" ]] || die "peer ${node} is not on ${CHANNEL_NAME}"
  out="$(snapshot_cli "${node}" submitrequest -b 0 2>&1)" ||
    [[ "${out}" == *"snapshot already generated for block number"* ]] ||
    die "peer ${node} refused the snapshot request: ${out}"
  # Block 0 stands for the last committed block, or the next one if a block was being committed.
  wait_until 300 "the snapshot of ${node} to be written" snapshot_ready "${node}" "$((height - 1))" ||
    die "peer ${node} wrote no snapshot; see $(log_file "$(node_id "${node}")")"
  block="$(newest_snapshot_since "${node}" "$((height - 1))")"
  source="$(completed_snapshots_dir "${node}")/${block}"
  target="$(exchange_snapshot_dir "${block}")"
  if [[ ! -f "${target}/snapshot.json" ]]; then
    staged="${target}.partial"
    rm -rf "${staged}" && mkdir -p "${staged}"
    cp -r "${source}" "${staged}/ledger"
    snapshot_files_intact "${staged}/ledger" || die "the copy of ${source} does not match its hashes"
    jq -n --arg node "${node}" --arg at "$(date -u +%FT%TZ)" \
      --slurpfile signable "${staged}/ledger/_snapshot_signable_metadata.json" \
      --slurpfile additional "${staged}/ledger/_snapshot_additional_metadata.json" \
      '$signable[0] as $s | $additional[0] as $a | {
        channel: $s.channel_name, height: ($s.last_block_number + 1), lastBlockNumber: $s.last_block_number,
        lastBlockHash: $s.last_block_hash, previousBlockHash: $s.previous_block_hash,
        snapshotHash: $a.snapshot_hash, stateDbType: $s.state_db_type, files: $s.snapshot_files_raw_hashes,
        takenFrom: $node, takenAt: $at }' >"${staged}/snapshot.json"
    rm -rf "${target}" && mv "${staged}" "${target}"
  fi
  log "snapshot of ${CHANNEL_NAME} at block ${block} (height $((block + 1))) from ${node}: ${target}"
  printf '%s\n' "${target}"
}

# Prints the highest block number >= <min> of a snapshot the peer has finished writing; fails if none.
newest_snapshot_since() {
  local node="$1" min="$2" block
  block="$(find "$(completed_snapshots_dir "${node}")" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -n | tail -1)"
  [[ -n "${block}" && "${block}" -ge "${min}" ]] && snapshot_written "${node}" "${block}" && printf '%s\n' "${block}"
}

snapshot_ready() { newest_snapshot_since "$@" >/dev/null; }

# The newest snapshot in the exchange, or nothing.
latest_exchange_snapshot() {
  local block
  block="$(find "${SNAPSHOTS_EXCHANGE_DIR}/${CHANNEL_NAME}" -mindepth 2 -maxdepth 2 -name snapshot.json -printf '%h\n' 2>/dev/null |
    xargs -r -n1 basename | sort -n | tail -1)"
  [[ -n "${block}" ]] && exchange_snapshot_dir "${block}"
}

# Issues a peer's identities if it has none yet: a peer added to an org file after the org's
# crypto was issued (issue_org_crypto skips an org it has done).
issue_peer_if_new() {
  [[ -f "$(node_dir "$1")/msp/signcerts/cert.pem" ]] && return 0
  log "issuing identities for the new peer $1"
  issue_node "$1" peer
}

# True once the import is over: the peer is on the channel and imports nothing, or it died.
snapshot_import_ended() { ! is_running "$(node_id "$1")" || snapshot_imported "$1"; }

# True once a peer has joined the channel and no longer imports a snapshot.
snapshot_imported() {
  peer_joined "$1" && ! (as_admin "$1" && peer channel joinbysnapshotstatus 2>/dev/null) | grep -q '^A joinbysnapshot operation is in progress'
}

# The peer a snapshot's joiner catches up with: the one it was taken from, or the first department's.
snapshot_reference() {
  local node="$1" reference
  reference="$(jq -r .takenFrom "$2/snapshot.json")"
  if [[ "${reference}" == "${node}" || " ${PEERS[*]} " != *" ${reference} "* ]]; then reference="$(first_department_peer)"; fi
  printf '%s\n' "${reference}"
}

# Joins a running <org/peer> to the channel from the snapshot in <exchange folder>, and waits
# until it has imported it and has the same last block as the snapshot's reference peer.
join_from_snapshot() {
  local node="$1" snapshot="$2" reference
  [[ -f "${snapshot}/snapshot.json" ]] || die "${snapshot} is not a snapshot from the exchange (no snapshot.json)"
  [[ "$(jq -r .channel "${snapshot}/snapshot.json")" == "${CHANNEL_NAME}" ]] || die "${snapshot} is not a snapshot of ${CHANNEL_NAME}"
  reference="$(snapshot_reference "${node}" "${snapshot}")"
  if ! peer_joined "${node}"; then
    log "joining peer ${node} to ${CHANNEL_NAME} from the snapshot at height $(jq -r .height "${snapshot}/snapshot.json")"
    (as_admin "${node}" && peer channel joinbysnapshot --snapshotpath "${snapshot}/ledger") >>"$(log_file channel)" 2>&1 ||
      die "peer ${node} could not join from ${snapshot}; see $(log_file channel) and $(log_file "$(node_id "${node}")")"
  fi
  # The join returns at once; the peer imports the snapshot, then pulls the blocks after it.
  wait_until 600 "peer ${node} to import the snapshot" snapshot_import_ended "${node}" ||
    die "peer ${node} did not finish importing ${snapshot}; see $(log_file "$(node_id "${node}")")"
  is_running "$(node_id "${node}")" ||
    die "peer ${node} stopped while importing ${snapshot}: this Fabric build panics when the snapshot holds private" \
      "data of a collection that does not name the peer's org (README \"Join by snapshot\"); see $(log_file "$(node_id "${node}")")"
  wait_until 600 "peer ${node} to reach the last block of ${reference}" same_tip "${node}" "${reference}" ||
    die "peer ${node} did not catch up with ${reference}; see $(log_file "$(node_id "${node}")")"
  log "peer ${node} is on ${CHANNEL_NAME} at height $(peer_height "${node}"), the same last block as ${reference}"
}

# Installs every deployed chaincode on a peer that joined late, so that it endorses and answers queries.
install_deployed_chaincode() {
  local cc
  load_chaincodes
  for cc in "${CHAINCODES[@]}"; do
    if [[ -f "$(package_id_file "${cc}")" ]]; then install_on_peer "${cc}" "$1"; fi
  done
}

# A new <org/peer>, declared in its org file: its identities issued if it has none, started,
# the deployed chaincode installed on it, then joined from the snapshot in <exchange folder>.
# Installed first: once on the channel, its org's gateways may choose it as an endorser.
join_by_snapshot() {
  local node="$1" snapshot="$2"
  [[ " ${PEERS[*]} " == *" ${node} "* ]] || die "no peer ${node} in the org files (${ORGS_DIR}): declare it first"
  issue_peer_if_new "${node}"
  start_nodes "${node}"
  install_deployed_chaincode "${node}"
  join_from_snapshot "${node}" "${snapshot}"
}

# The first peer of another org than <org>: where an org that joins takes its snapshot from.
snapshot_source_for() {
  local node
  for node in "${PEERS[@]}"; do
    if [[ "${node%%/*}" != "$1" && "${ORG_ROLE[${node%%/*}]}" == department ]]; then echo "${node}"; return; fi
  done
  die "no department peer outside $1 to take a snapshot from"
}
