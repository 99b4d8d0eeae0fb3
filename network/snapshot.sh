#!/usr/bin/env bash
# Ledger snapshots of channel `city`, and new peers joined from one instead of
# replaying the chain from the genesis block (Fabric's joinbysnapshot).
#
# Usage: network/snapshot.sh take ORG/PEER             e.g. network/snapshot.sh take registry/peer0
#        network/snapshot.sh join ORG/PEER [SNAPSHOT]  e.g. network/snapshot.sh join registry/peer2
#        network/snapshot.sh list
#
# take  asks the peer (as its org's admin) for a snapshot at its last committed
#       block, waits until it is written, and copies it into the consortium
#       exchange (<runtime>/exchange/snapshots/city/<block>/) with a manifest,
#       snapshot.json: channel, height, last and previous block hashes, the
#       snapshot hash and each file's SHA-256 (checked on the copy). Prints the folder.
# join  a peer declared in its org file and not yet on the channel: issues its
#       identities if it has none, starts it, joins it from SNAPSHOT (default:
#       the newest in the exchange), waits until it has the same last block as
#       the peer the snapshot came from, and installs the deployed chaincode.
#       Private data of its org's collections arrives afterwards by reconciliation.
# list  prints the manifest of every snapshot in the exchange.
#
# A department joins the same way with `network/org.sh add FILE --from-snapshot`.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=lib/crypto.sh
source "${NETWORK_DIR}/lib/crypto.sh"
# shellcheck source=lib/channel.sh
source "${NETWORK_DIR}/lib/channel.sh"
# shellcheck source=lib/start.sh
source "${NETWORK_DIR}/lib/start.sh"
# shellcheck source=lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"
# shellcheck source=lib/snapshot.sh
source "${NETWORK_DIR}/lib/snapshot.sh"

usage() { sed -n '2,20p' "$0"; exit "${1:-0}"; }

use_toolchain
load_orgs "$(saved_profile)"
case "${1:-}/$#" in
  take/2)
    [[ " ${PEERS[*]} " == *" $2 "* ]] || die "no peer $2 in the org files (give ORG/PEER, e.g. registry/peer0)"
    take_snapshot "$2"
    ;;
  join/2 | join/3)
    snapshot="${3:-$(latest_exchange_snapshot || true)}"
    [[ -n "${snapshot}" ]] || die "no snapshot in ${SNAPSHOTS_EXCHANGE_DIR}: take one first (network/snapshot.sh take ORG/PEER)"
    join_by_snapshot "$2" "${snapshot}"
    ;;
  list/1)
    find "${SNAPSHOTS_EXCHANGE_DIR}" -name snapshot.json -print0 2>/dev/null | xargs -0 -r jq -c '{channel, height, lastBlockHash, takenFrom, takenAt}'
    ;;
  -h/1 | --help/1) usage ;;
  *) usage 2 ;;
esac
