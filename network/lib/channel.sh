#!/usr/bin/env bash
# Creates channel `city` through the channel participation API, joins every
# peer and sets anchor peers. Source after lib/orgs.sh and lib/health.sh.
# Every step checks first, so running it again on a live network is safe.

# shellcheck source=proposals.sh
source "${NETWORK_DIR}/lib/proposals.sh"

genesis_block() { printf '%s/genesis.block\n' "$(channel_dir)"; }

# osnadmin as the orderer's org admin (mutual TLS on the admin endpoint).
osnadmin_as_admin() {
  local node="$1"; shift
  local org="${node%%/*}" admin
  admin="$(client_dir "${org}" admin)"
  osnadmin "$@" -o "${NODE_ADDRESS2[${node}]}" --ca-file "$(tlsca_cert "${org}")" \
    --client-cert "${admin}/tls/client.crt" --client-key "${admin}/tls/client.key"
}

create_genesis_block() {
  local profile="$1" dir name
  dir="$(channel_dir)"
  [[ -f "$(genesis_block)" ]] && return 0
  name="$(orgs_cli configtx "${profile}" "${dir}/configtx.yaml")"
  log "generating the genesis block of ${CHANNEL_NAME} (profile ${name})"
  configtxgen -configPath "${dir}" -profile "${name}" -channelID "${CHANNEL_NAME}" \
    -outputBlock "$(genesis_block)" >>"$(log_file channel)" 2>&1 || die "configtxgen failed; see $(log_file channel)"
}

join_orderer() {
  local node="$1"
  # osnadmin exits 0 whatever the HTTP status; the status line tells.
  if osnadmin_as_admin "${node}" channel list --channelID "${CHANNEL_NAME}" 2>/dev/null | grep -q '^Status: 200'; then return 0; fi
  log "joining orderer ${node} to ${CHANNEL_NAME}"
  local answer
  answer="$(osnadmin_as_admin "${node}" channel join --channelID "${CHANNEL_NAME}" --config-block "$(genesis_block)" 2>&1)"
  printf '%s\n' "${answer}" >>"$(log_file channel)"
  # 405 "channel already exists": the list above asked an orderer still loading its ledger.
  grep -q '^Status: 201' <<<"${answer}" ||
    { grep -q '^Status: 405' <<<"${answer}" && grep -q 'channel already exists' <<<"${answer}"; } ||
    die "orderer ${node} could not join; see $(log_file channel)"
}

# All at once: a SmartBFT consenter that joins (SyncOnStart) asks the others for their state
# right away, and a consenter that has not joined yet drops that stream; the next consensus
# message on it, the first block's, is then lost, and that consenter stays a block behind on an
# idle channel (README "Ordering under faults"). Joined together, none is asked before it exists.
join_orderers() {
  run_each "an orderer could not join ${CHANNEL_NAME}; see $(log_file channel)" join_orderer -- "${LOCAL_ORDERERS[@]}"
}

# Prints an orderer's height on the channel (channel participation API), or nothing if it cannot say.
orderer_height() {
  osnadmin_as_admin "$1" channel list --channelID "${CHANNEL_NAME}" 2>/dev/null | sed -n '/^{/,$p' | jq -er '.height' 2>/dev/null
}

# SmartBFT in this Fabric build: a consenter exactly one block behind stays there while the
# channel is idle (its leader's heartbeats cannot show a one-block gap; README "Ordering under
# faults"), and so do the peers that pull blocks from it. Restarted, it fetches what it missed
# at once (SyncOnStart). Restarts each orderer that is behind the highest one, and still at the
# same height 3 s later, so that a block in flight on a busy channel restarts nothing.
catch_up_orderers() {
  local node h max=0 behind=()
  local -A seen
  for node in "${LOCAL_ORDERERS[@]}"; do
    h="$(orderer_height "${node}")"; seen[${node}]="${h:-0}"
    ((${h:-0} > max)) && max="${h}"
  done
  sleep 3
  for node in "${LOCAL_ORDERERS[@]}"; do
    h="$(orderer_height "${node}")"
    if [[ -n "${h}" && "${h}" == "${seen[${node}]}" && "${h}" -lt "${max}" ]]; then behind+=("${node}"); fi
  done
  for node in "${behind[@]}"; do
    log "orderer ${node} is at height ${seen[${node}]} of ${max} on an idle channel; restarting it to catch up"
    stop_process "$(node_id "${node}")"
  done
  ((${#behind[@]} > 0)) || return 0
  start_nodes "${behind[@]}"
  # The other consenters' streams to a restarted one break at their next message, which is lost;
  # a few leader heartbeats (every 3 s) renew them before the next block needs them.
  sleep 10
}

peer_joined() { (as_admin "$1" && peer channel list 2>/dev/null | grep -qx "${CHANNEL_NAME}"); }
peer_join() { (as_admin "$1" && peer channel join -b "$(genesis_block)" >>"$(log_file channel)" 2>&1); }

join_peer() {
  peer_joined "$1" && return 0
  log "joining peer $1 to ${CHANNEL_NAME}"
  # The orderers may still be electing a leader: retry for a while.
  wait_until 60 "peer $1 to join ${CHANNEL_NAME}" peer_join "$1" || die "peer $1 could not join; see $(log_file channel)"
}

join_peers() { run_each "a peer could not join ${CHANNEL_NAME}" join_peer -- "${LOCAL_PEERS[@]}"; }

fetch_config() {
  (as_admin "$1" && peer channel fetch config "$2" -c "${CHANNEL_NAME}" "${ORDERER_ARGS[@]}") >>"$(log_file channel)" 2>&1
}

# Fetches the channel's current config, as seen by <org/peer>, into
# <work>/config.json (a common.Config) and starts <work>/modified.json as a copy.
fetch_config_json() {
  local node="$1" work="$2"
  rm -rf "${work}" && mkdir -p "${work}"
  set_orderer_args
  # Retried: right after joining, the orderers may still be electing a leader.
  wait_until 60 "the channel config from the orderer" fetch_config "${node}" "${work}/config.pb" ||
    die "cannot fetch the channel config; see $(log_file channel)"
  configtxlator proto_decode --input "${work}/config.pb" --type common.Block |
    jq '.data.data[0].payload.data.config' >"${work}/config.json"
  cp "${work}/config.json" "${work}/modified.json"
}

# True when <work>/modified.json differs from <work>/config.json.
config_changed() {
  ! cmp -s <(jq -S . "$1/config.json") <(jq -S . "$1/modified.json")
}

# Turns <work>/config.json -> modified.json into a config update and takes it
# through the proposal flow (lib/proposals.sh) in one go: proposed, signed by
# each org in <signer...> with its own admin, and submitted by the first signer
# (who must be a channel Writer, a department).
# Usage: submit_config_update WORK WHAT SIGNER...
submit_config_update() {
  local work="$1" what="$2" org proposed id; shift 2
  compute_config_update "${work}"
  proposed="$(propose_update "${work}" "${what}" 2>>"$(log_file channel)")" ||
    die "cannot propose the config update (${what}); see $(log_file channel)"
  id="${proposed%%$'\n'*}"
  printf 'proposal %s\n' "${proposed}" >>"$(log_file channel)"
  if [[ -n "${CITY_LEDGER_DEPARTMENT:-}" ]]; then
    submit_as_department "${work}" "${what}" "${id}" "$@"
    return
  fi
  log "${what}: signed by the admins of $*"
  for org in "$@"; do
    sign_proposal "${org}" "${id}" "${work}/config.json" >>"$(log_file channel)" 2>&1 ||
      die "the ${org} admin could not sign (${what}); see $(log_file channel)"
  done
  submit_proposal "$1" "${id}" "${work}/config.json" >>"$(log_file channel)" 2>&1 ||
    die "the config update was refused (${what}); see $(log_file channel)"
}

# On a department's host, where only its own admin is at hand: signs the proposal
# <id> if the department is among <signer...>, and submits it if that is enough;
# otherwise leaves it in the exchange, naming who still has to sign on their own
# hosts (network/update.sh sign, then submit).
# Usage: submit_as_department WORK WHAT ID SIGNER...
submit_as_department() {
  local work="$1" what="$2" id="$3" org="${CITY_LEDGER_DEPARTMENT}"; shift 3
  if [[ " $* " == *" ${org} "* ]]; then
    sign_proposal "${org}" "${id}" "${work}/config.json" >>"$(log_file channel)" 2>&1 ||
      die "the ${org} admin could not sign (${what}); see $(log_file channel)"
  fi
  if [[ "${ORG_ROLE[${org}]}" == department ]] && submit_proposal "${org}" "${id}" "${work}/config.json" >>"$(log_file channel)" 2>&1; then
    log "${what}: proposal ${id} signed by ${org} and committed"
    return 0
  fi
  log "${what}: proposal ${id} waits in the exchange for the signatures of $*; each runs" \
    "'network/update.sh sign --org ORG ${id}' on its own host, then a department runs 'network/update.sh submit --org ORG ${id}'"
  printf '%s\n' "${id}" >"${work}/pending-proposal"
}

# Sets every org's anchor peers from the org files. AnchorPeers is governed
# by each org's own Admins policy, so exactly the orgs whose anchor peers
# change sign; a department submits.
set_anchor_peers() {
  local work node org by signers=()
  work="$(channel_dir)/anchor-update"
  fetch_config_json "$(first_department_peer)" "${work}"
  # Desired anchor peers per MSP, from the org files.
  by="{}"
  for node in "${PEERS[@]}"; do
    [[ "${PEER_ANCHOR[${node}]}" == 1 ]] || continue
    org="${node%%/*}"
    by="$(jq --arg msp "${ORG_MSP[${org}]}" --arg host "${NODE_ENDPOINT_HOST[${node}]}" --argjson port "${NODE_PORT[${node}]}" \
      '.[$msp] += [{host: $host, port: $port}]' <<<"${by}")"
  done
  for org in "${LOCAL_ORGS[@]}"; do
    jq -e --arg msp "${ORG_MSP[${org}]}" --argjson by "${by}" '($by[$msp] // null) as $want |
        $want == null or (.channel_group.groups.Application.groups[$msp].values.AnchorPeers.value.anchor_peers // null) == $want' \
      "${work}/config.json" >/dev/null && continue
    signers+=("${org}")
    jq --arg msp "${ORG_MSP[${org}]}" --argjson by "${by}" '.channel_group.groups.Application.groups[$msp].values.AnchorPeers =
        {mod_policy: "Admins", value: {anchor_peers: $by[$msp]}, version: "0"}' "${work}/modified.json" >"${work}/next.json"
    mv "${work}/next.json" "${work}/modified.json"
  done
  ((${#signers[@]} > 0)) || return 0
  mapfile -t signers < <(department_first "${signers[@]}")
  submit_config_update "${work}" "anchor peers" "${signers[@]}"
}

# Prints the org keys given, a department first (it submits the update: a
# regulator never writes); adds the first department if none is given.
department_first() {
  local org first=""
  for org in "$@"; do
    if [[ "${ORG_ROLE[${org}]}" == department ]]; then first="${org}"; break; fi
  done
  if [[ -z "${first}" ]]; then first="$(first_department_peer)"; first="${first%%/*}"; fi
  echo "${first}"
  for org in "$@"; do [[ "${org}" == "${first}" ]] || echo "${org}"; done
}
